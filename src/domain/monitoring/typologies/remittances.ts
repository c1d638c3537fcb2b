/**
 * Debt-bondage remittances: one account receiving small, regular payments from many different
 * senders, most of them from another country — the instalments that workers recruited abroad send
 * home to the recruiter or controller whose "debt" (travel, recruitment, lodging) they are made to
 * work off.
 *
 * The senders read are the low-amount senders: payers whose every payment to the account within the
 * window is no higher than `max_amount`. Three rules: many such senders (weight 2), their payments
 * mostly cross-border (weight 1) and most of the senders paying more than once (weight 1). The
 * default threshold is all three; at 0.75 the many senders and one of the other two suffice.
 */
import type { Parameters } from '../parameters.ts';
import type { Transaction } from '../transaction.ts';
import { windowedTypology, type WindowView } from '../windowed.ts';
import { amountText, daysText, percentText } from './words.ts';

/** The payments of the window's low-amount senders, and those senders with their payments. */
interface LowAmountSenders {
  readonly payments: readonly Transaction[];
  readonly senders: ReadonlyMap<string, readonly Transaction[]>;
}

function lowAmountSenders(view: WindowView, parameters: Parameters): LowAmountSenders {
  const most = parameters.number('debt_bondage_remittances.max_amount');
  const bySender = new Map<string, Transaction[]>();
  for (const payment of view.transactions) {
    const sender = payment.payerAccount as string;
    const list = bySender.get(sender);
    if (list === undefined) bySender.set(sender, [payment]);
    else list.push(payment);
  }
  const senders = new Map<string, Transaction[]>();
  for (const [sender, list] of bySender) {
    if (list.every((payment) => payment.amount > 0 && payment.amount <= most)) senders.set(sender, list);
  }
  // The window is in time order already: its payments from these senders are too.
  const payments = view.transactions.filter((payment) => senders.has(payment.payerAccount as string));
  return { payments, senders };
}

/** Paid from one country into another, both known. */
function crossBorder(payment: Transaction): boolean {
  const from = payment.payerCountry?.toUpperCase();
  const to = payment.payeeCountry?.toUpperCase();
  return from !== undefined && to !== undefined && from !== '' && to !== '' && from !== to;
}

/** "twice", "3 times"… */
function timesText(count: number): string {
  return count === 2 ? 'twice' : `${count} times`;
}

export const debtBondageRemittances = windowedTypology({
  id: 'debt_bondage_remittances',
  version: 1,
  title: 'Debt-bondage remittances: many low-wage senders, one recipient',
  summary:
    'An account receiving small, regular payments from many different senders, mostly from abroad, within the ' +
    'window: workers paying off a recruitment or travel debt to the person who controls them.',
  sources: [
    'FinCEN Advisory FIN-2014-A008 (2014), Guidance on Recognizing Activity that May be Associated with Human ' +
      'Smuggling and Human Trafficking: many seemingly unconnected senders wiring money to one beneficiary',
    'FATF, Financial Flows from Human Trafficking (2018): victims of forced labour repaying recruitment and travel ' +
      'debts out of their earnings, sent on to the people who recruited or control them',
    'ILO Indicators of Forced Labour (2012): debt bondage, a debt used to bind the worker',
  ],
  subjectType: 'account',
  windowDays: { default: 35, band: [7, 120] },
  parameters: [
    {
      name: 'debt_bondage_remittances.min_senders',
      description: 'Distinct low-amount senders within the window',
      default: 5,
      band: [2, 500],
    },
    {
      name: 'debt_bondage_remittances.max_amount',
      description: 'The most a low-amount sender sends in one payment, in minor units',
      default: 50_000,
      band: [1_000, 10_000_000],
    },
    {
      name: 'debt_bondage_remittances.min_cross_border_share',
      description: "The least share of the low-amount senders' payments that come from another country",
      default: 0.8,
      band: [0.1, 1],
    },
    {
      name: 'debt_bondage_remittances.min_repeat_share',
      description: 'The least share of the low-amount senders who pay more than once within the window',
      default: 0.5,
      band: [0.1, 1],
    },
    {
      name: 'debt_bondage_remittances.min_repeat_payments',
      description: 'Payments within the window that make a sender a regular one',
      default: 2,
      band: [2, 30],
    },
  ],
  // The recipient; only payments with a known payer are read.
  subjects: (transaction) =>
    transaction.payeeAccount === undefined ||
    transaction.payerAccount === undefined ||
    transaction.payerAccount === transaction.payeeAccount
      ? []
      : [transaction.payeeAccount],
  rules: [
    {
      id: 'debt_bondage_remittances.many_small_senders',
      version: 1,
      weight: 2,
      description: 'Many distinct senders each paying no more than a low amount within the window',
      find(view, parameters) {
        const { payments, senders } = lowAmountSenders(view, parameters);
        if (senders.size < parameters.number('debt_bondage_remittances.min_senders')) return undefined;
        const amounts = payments.map((payment) => payment.amount);
        return {
          evidence: payments,
          clause:
            `received ${payments.length} payments of ${amountText(Math.min(...amounts))} to ` +
            `${amountText(Math.max(...amounts))} from ${senders.size} different senders, each sending no more than ` +
            `${amountText(parameters.number('debt_bondage_remittances.max_amount'))}, within ${daysText(view.windowMs)}`,
        };
      },
    },
    {
      id: 'debt_bondage_remittances.cross_border',
      version: 1,
      weight: 1,
      description: "Most of the low-amount senders' payments come from another country",
      find(view, parameters) {
        const { payments } = lowAmountSenders(view, parameters);
        if (payments.length === 0) return undefined;
        const abroad = payments.filter(crossBorder);
        const share = abroad.length / payments.length;
        if (abroad.length === 0 || share < parameters.number('debt_bondage_remittances.min_cross_border_share')) {
          return undefined;
        }
        const countries = [...new Set(abroad.map((payment) => (payment.payerCountry as string).toUpperCase()))];
        return {
          evidence: abroad,
          clause:
            `got ${abroad.length} of its ${payments.length} payments of no more than ` +
            `${amountText(parameters.number('debt_bondage_remittances.max_amount'))} (${percentText(share)}) ` +
            `from another country (${countries.sort().join(', ')})`,
        };
      },
    },
    {
      id: 'debt_bondage_remittances.regular_senders',
      version: 1,
      weight: 1,
      description: 'Most of the low-amount senders pay more than once within the window',
      find(view, parameters) {
        const { senders } = lowAmountSenders(view, parameters);
        if (senders.size === 0) return undefined;
        const least = parameters.number('debt_bondage_remittances.min_repeat_payments');
        const regular = [...senders.values()].filter((payments) => payments.length >= least);
        const share = regular.length / senders.size;
        if (regular.length === 0 || share < parameters.number('debt_bondage_remittances.min_repeat_share')) {
          return undefined;
        }
        return {
          evidence: regular.flat(),
          clause:
            `was paid at least ${timesText(least)} by ${regular.length} of the ${senders.size} senders sending no ` +
            `more than ${amountText(parameters.number('debt_bondage_remittances.max_amount'))} (${percentText(share)})`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
