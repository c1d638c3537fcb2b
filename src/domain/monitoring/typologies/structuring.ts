/**
 * Structuring: cash or transfers kept under a reporting threshold — several just under it within
 * days, or one payment split into several of near-identical amounts between the same two accounts
 * on one day (smurfing).
 */
import { windowedTypology } from '../windowed.ts';
import { DAY_MS, type Transaction } from '../transaction.ts';
import { amountText, daysText } from './words.ts';

export const structuring = windowedTypology({
  id: 'structuring',
  version: 1,
  title: 'Structuring under reporting thresholds',
  summary:
    'Deposits or transfers kept just under a reporting threshold, several within days, or one sum split ' +
    'into several near-identical payments between the same two accounts on one day.',
  sources: [
    'FinCEN Advisory FIN-2014-A008 (2014): red flags of human smuggling and trafficking, structured cash deposits',
    'FATF, Financial Flows from Human Trafficking (2018): structuring and smurfing by trafficking networks',
  ],
  subjectType: 'account',
  windowDays: { default: 7, band: [1, 60] },
  threshold: 0.5,
  parameters: [
    {
      name: 'structuring.reporting_threshold',
      description: 'The reporting threshold, in minor units',
      default: 1_000_000,
      band: [10_000, 100_000_000],
    },
    {
      name: 'structuring.just_under_share',
      description: 'How close under the threshold counts as just under it (a share of it)',
      default: 0.1,
      band: [0.01, 0.5],
    },
    {
      name: 'structuring.min_just_under',
      description: 'Payments just under the threshold within the window',
      default: 3,
      band: [2, 50],
    },
    {
      name: 'structuring.min_split',
      description: 'Payments between the same two accounts on one day that count as one sum split',
      default: 3,
      band: [2, 50],
    },
    {
      name: 'structuring.split_tolerance',
      description: 'How far apart split amounts may be (a share of the largest)',
      default: 0.35,
      band: [0, 0.9],
    },
  ],
  // The account paying (a split payment, a transfer), and the account a cash deposit is paid into.
  subjects: (transaction) => {
    const subjects: string[] = [];
    if (transaction.payerAccount !== undefined) subjects.push(transaction.payerAccount);
    if (
      transaction.channel === 'cash' &&
      transaction.payeeAccount !== undefined &&
      transaction.payeeAccount !== transaction.payerAccount
    ) {
      subjects.push(transaction.payeeAccount);
    }
    return subjects;
  },
  rules: [
    {
      id: 'structuring.just_under_threshold',
      version: 1,
      weight: 1,
      description: 'Several payments just under the reporting threshold within the window',
      find(view, parameters) {
        const threshold = parameters.number('structuring.reporting_threshold');
        const floor = threshold * (1 - parameters.number('structuring.just_under_share'));
        const under = view.transactions.filter(
          (transaction) =>
            transaction.amount >= floor &&
            transaction.amount < threshold &&
            (transaction.channel === undefined || transaction.channel === 'cash' || transaction.channel === 'transfer'),
        );
        if (under.length < parameters.number('structuring.min_just_under')) return undefined;
        return {
          evidence: under,
          clause: `had ${under.length} payments just under the reporting threshold of ${amountText(threshold)} within ${daysText(view.windowMs)}`,
        };
      },
    },
    {
      id: 'structuring.split_payment',
      version: 1,
      weight: 1,
      description: 'Several payments of near-identical amounts to the same account on one day',
      find(view, parameters) {
        const current = view.current;
        // Read from the payer's side: its payments to one account.
        if (current.payeeAccount === undefined || current.payerAccount !== view.subject) return undefined;
        const tolerance = parameters.number('structuring.split_tolerance');
        // The window is in time order, ending at the current payment: the day before it is its tail,
        // read backwards (a payroll account's week of wages is not read for each wage).
        const sameDay: Transaction[] = [];
        const transactions = view.transactions;
        for (let index = transactions.length - 1; index >= 0; index -= 1) {
          const transaction = transactions[index] as Transaction;
          if (current.time - transaction.time >= DAY_MS) break;
          if (transaction.payerAccount === view.subject && transaction.payeeAccount === current.payeeAccount) {
            sameDay.push(transaction);
          }
        }
        if (sameDay.length < parameters.number('structuring.min_split')) return undefined;
        sameDay.reverse();
        const amounts = sameDay.map((transaction) => transaction.amount);
        const largest = Math.max(...amounts);
        if (largest - Math.min(...amounts) > largest * tolerance) return undefined;
        return {
          evidence: sameDay,
          clause: `paid ${current.payeeAccount} ${sameDay.length} times on one day in near-identical amounts (${amountText(Math.min(...amounts))} to ${amountText(largest)})`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
