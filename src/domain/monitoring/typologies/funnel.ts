/**
 * Funnel accounts: one account paid into by many payers in several cities, and emptied soon after
 * — most of what comes in is taken out in cash or sent on by transfer or wire within hours of its
 * coming in. A transaction joins the windows of both its accounts: the payee's, where it is money
 * in, and the payer's, where (in a withdrawal channel) it is money out.
 */
import type { Parameters } from '../parameters.ts';
import type { Transaction } from '../transaction.ts';
import { windowedTypology } from '../windowed.ts';
import { amountText, daysText, percentText } from './words.ts';

const HOUR_MS = 3_600_000;

/** Money into `subject` from another party. */
function isInflow(transaction: Transaction, subject: string): boolean {
  return transaction.payeeAccount === subject && transaction.payerAccount !== subject && transaction.amount > 0;
}

/** Money out of `subject` to another party, in one of the withdrawal channels. */
function isWithdrawal(transaction: Transaction, subject: string, parameters: Parameters): boolean {
  return (
    transaction.payerAccount === subject &&
    transaction.payeeAccount !== subject &&
    transaction.amount > 0 &&
    transaction.channel !== undefined &&
    parameters.list('funnel_account.withdrawal_channels').includes(transaction.channel)
  );
}

/**
 * Who paid in: the payer's account, else the payer's name; a cash deposit that names nobody counts
 * as a depositor of its own (a funnel's deposits are mostly anonymous cash, paid in by several
 * people in several places).
 */
function payerOf(transaction: Transaction): string | undefined {
  if (transaction.payerAccount !== undefined) return `account:${transaction.payerAccount}`;
  const name = transaction.payerName?.trim().toLowerCase();
  if (name !== undefined && name !== '') return `name:${name}`;
  return transaction.channel === 'cash' ? `deposit:${transaction.id}` : undefined;
}

export const funnelAccount = windowedTypology({
  id: 'funnel_account',
  version: 1,
  title: 'Funnel account: paid into from many places, emptied soon after',
  summary:
    'An account receiving from many payers in several cities within the window, with most of the money taken out ' +
    'in cash or sent on within hours of its coming in: a funnel gathering the earnings of exploited people.',
  sources: [
    'FinCEN Advisory FIN-2020-A008 (2020), Supplemental Advisory on Identifying and Reporting Human Trafficking ' +
      'and Related Activity: funnel accounts paid into in one place and drawn on elsewhere with little time between',
    'FATF, Financial Flows from Human Trafficking (2018): accounts collecting the proceeds of several victims in ' +
      'several places, passed on quickly to the organisers',
  ],
  subjectType: 'account',
  windowDays: { default: 14, band: [1, 60] },
  parameters: [
    { name: 'funnel_account.min_payers', description: 'Distinct payers into the account', default: 8, band: [2, 500] },
    {
      name: 'funnel_account.min_cities',
      description: 'Distinct cities the payments into the account were made in',
      default: 3,
      band: [1, 100],
    },
    {
      name: 'funnel_account.withdrawal_hours',
      description: 'How soon after coming in money must go out to count as withdrawn rapidly, in hours',
      default: 48,
      band: [1, 720],
    },
    {
      name: 'funnel_account.withdrawal_share',
      description: 'The least share of the money in within the window withdrawn rapidly',
      default: 0.7,
      band: [0.1, 1],
    },
    {
      name: 'funnel_account.withdrawal_channels',
      description: 'The channels by which money paid out counts as withdrawn',
      default: ['cash', 'transfer', 'wire'],
    },
  ],
  // The payee (money in), and the payer when it pays out in a withdrawal channel (money out).
  subjects: (transaction, parameters) => {
    const subjects: string[] = [];
    const { payerAccount: payer, payeeAccount: payee } = transaction;
    if (payee !== undefined && payee !== payer) subjects.push(payee);
    if (payer !== undefined && payer !== payee && isWithdrawal(transaction, payer, parameters)) subjects.push(payer);
    return subjects;
  },
  rules: [
    {
      id: 'funnel_account.many_payers_many_cities',
      version: 1,
      weight: 1,
      description: 'Payments in from many distinct payers in several cities within the window',
      find(view, parameters) {
        const inflows = view.transactions.filter(
          (transaction) => isInflow(transaction, view.subject) && payerOf(transaction) !== undefined,
        );
        const payers = new Set(inflows.map(payerOf));
        if (payers.size < parameters.number('funnel_account.min_payers')) return undefined;
        const cities = new Set<string>();
        for (const transaction of inflows) {
          const city = transaction.city?.trim().toLowerCase();
          if (city !== undefined && city !== '') cities.add(city);
        }
        if (cities.size < parameters.number('funnel_account.min_cities')) return undefined;
        const total = inflows.reduce((sum, transaction) => sum + transaction.amount, 0);
        return {
          evidence: inflows,
          clause:
            `received ${inflows.length} payments totalling ${amountText(total)} from ${payers.size} different payers or cash deposits ` +
            `in ${cities.size} cities within ${daysText(view.windowMs)}`,
        };
      },
    },
    {
      id: 'funnel_account.rapid_withdrawal',
      version: 1,
      weight: 1,
      description: 'Most of the money in within the window paid out again within hours of its coming in',
      find(view, parameters) {
        const soonMs = parameters.number('funnel_account.withdrawal_hours') * HOUR_MS;
        // Each withdrawal draws on the money in within `soonMs` before it, oldest first (so what is
        // about to stop counting as rapid is drawn on first).
        const open: { readonly transaction: Transaction; left: number }[] = [];
        let head = 0;
        let received = 0;
        let withdrawn = 0;
        let withdrawals = 0;
        const evidence = new Map<string, Transaction>();
        for (const transaction of view.transactions) {
          if (isInflow(transaction, view.subject)) {
            received += transaction.amount;
            open.push({ transaction, left: transaction.amount });
            continue;
          }
          if (!isWithdrawal(transaction, view.subject, parameters)) continue;
          while (head < open.length) {
            const oldest = open[head] as (typeof open)[number];
            if (oldest.left > 0 && oldest.transaction.time >= transaction.time - soonMs) break;
            head += 1;
          }
          let need = transaction.amount;
          for (let index = head; index < open.length && need > 0; index += 1) {
            const item = open[index] as (typeof open)[number];
            const take = Math.min(item.left, need);
            if (take <= 0) continue;
            item.left -= take;
            need -= take;
            withdrawn += take;
            evidence.set(item.transaction.id, item.transaction);
          }
          if (need < transaction.amount) {
            withdrawals += 1;
            evidence.set(transaction.id, transaction);
          }
        }
        if (received === 0 || withdrawn === 0) return undefined;
        const share = withdrawn / received;
        if (share < parameters.number('funnel_account.withdrawal_share')) return undefined;
        return {
          evidence: [...evidence.values()],
          clause:
            `paid out ${amountText(withdrawn)} of the ${amountText(received)} it received (${percentText(share)}) ` +
            `within ${daysText(soonMs)} of its coming in, in ${withdrawals} withdrawal${withdrawals === 1 ? '' : 's'}`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
