/**
 * Fan-in: one account fed by many payers in near-identical amounts — the collection point of a
 * laundering pattern, or of the earnings of several victims (AMLSim's fan-in; FATF's funnel).
 */
import { windowedTypology } from '../windowed.ts';
import type { Transaction } from '../transaction.ts';
import { amountText, daysText } from './words.ts';

/** The largest set of payments from distinct payers whose amounts lie within `tolerance` of each other. */
export function similarFromDistinctPayers(incoming: readonly Transaction[], tolerance: number): Transaction[] {
  const sorted = [...incoming].sort((a, b) => a.amount - b.amount);
  let best: Transaction[] = [];
  let start = 0;
  const payers = new Map<string, number>();
  for (let end = 0; end < sorted.length; end += 1) {
    const added = sorted[end] as Transaction;
    payers.set(added.payerAccount ?? '', (payers.get(added.payerAccount ?? '') ?? 0) + 1);
    while ((sorted[start] as Transaction).amount < added.amount * (1 - tolerance)) {
      const gone = (sorted[start] as Transaction).payerAccount ?? '';
      const left = (payers.get(gone) ?? 1) - 1;
      if (left === 0) payers.delete(gone);
      else payers.set(gone, left);
      start += 1;
    }
    if (payers.size > new Set(best.map((transaction) => transaction.payerAccount)).size) {
      best = sorted.slice(start, end + 1);
    }
  }
  return best;
}

export const fanIn = windowedTypology({
  id: 'fan_in',
  version: 1,
  title: 'Fan-in: many payers, near-identical amounts, one account',
  summary:
    'An account receiving near-identical amounts from many different payers within the window: a collection ' +
    'point for laundered funds or for the earnings of several exploited people.',
  sources: [
    'FATF, Financial Flows from Human Trafficking (2018): funnel and collection accounts',
    'IBM AMLSim: fan-in laundering pattern',
  ],
  subjectType: 'account',
  windowDays: { default: 30, band: [1, 120] },
  parameters: [
    { name: 'fan_in.min_payers', description: 'Distinct payers in near-identical amounts', default: 4, band: [2, 500] },
    {
      name: 'fan_in.amount_tolerance',
      description: 'How far apart amounts may be and count as near-identical (a share of the larger)',
      default: 0.05,
      band: [0, 0.9],
    },
  ],
  subjects: (transaction) =>
    transaction.payeeAccount === undefined || transaction.payerAccount === undefined ? [] : [transaction.payeeAccount],
  rules: [
    {
      id: 'fan_in.similar_amounts_from_many',
      version: 1,
      weight: 1,
      description: 'Near-identical amounts from many distinct payers within the window',
      find(view, parameters) {
        const group = similarFromDistinctPayers(view.transactions, parameters.number('fan_in.amount_tolerance'));
        const payers = new Set(group.map((transaction) => transaction.payerAccount));
        if (payers.size < parameters.number('fan_in.min_payers')) return undefined;
        const amounts = group.map((transaction) => transaction.amount);
        return {
          evidence: group,
          clause: `received ${group.length} payments of ${amountText(Math.min(...amounts))} to ${amountText(Math.max(...amounts))} from ${payers.size} different payers within ${daysText(view.windowMs)}`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
