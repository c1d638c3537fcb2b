/**
 * Bulk prepaid-card loads: one account loading prepaid cards many times, or for a large sum, within
 * days, and spreading the loads over several different cards — cards bought and topped up for the
 * people a trafficker controls, or to move proceeds out of the banking system's sight.
 *
 * Three rules: many loads (weight 1), a large total (weight 1) and many distinct cards (weight 2).
 * The threshold, 0.75 of the total weight 4, needs the cards rule and at least one of the other two:
 * many loads onto many cards, or a large total onto many cards. Many or large loads onto one card,
 * or a few small loads onto several, do not fire.
 */
import type { Transaction } from '../transaction.ts';
import { windowedTypology } from '../windowed.ts';
import { amountText, daysText } from './words.ts';

/** The card a load went onto: its card, else the account it paid. */
function cardOf(transaction: Transaction): string | undefined {
  return transaction.card ?? transaction.payeeAccount;
}

export const prepaidLoads = windowedTypology({
  id: 'prepaid_loads',
  version: 1,
  title: 'Bulk prepaid-card loads onto several cards',
  summary:
    'An account loading prepaid cards many times or for a large sum within days, spread over several ' +
    'different cards: cards topped up for the people a trafficker controls, or proceeds moved onto stored value.',
  sources: [
    'FinCEN Advisory FIN-2020-A008 (2020), Supplemental Advisory on Identifying and Reporting Human Trafficking ' +
      'and Related Activity: prepaid access cards bought and used often, among the alternative payment methods ' +
      'traffickers turn to',
    'FATF, Financial Flows from Human Trafficking (2018): prepaid and stored-value cards among the means used to ' +
      'hold and move proceeds',
  ],
  subjectType: 'account',
  windowDays: { default: 7, band: [1, 60] },
  threshold: 0.75,
  parameters: [
    {
      name: 'prepaid_loads.min_loads',
      description: 'Prepaid-card loads within the window that count as many',
      default: 5,
      band: [2, 500],
    },
    {
      name: 'prepaid_loads.min_total',
      description: 'The total loaded within the window that counts as large, in minor units',
      default: 500_000,
      band: [1_000, 100_000_000],
    },
    {
      name: 'prepaid_loads.min_cards',
      description: 'Distinct cards loaded within the window that count as many',
      default: 3,
      band: [2, 500],
    },
  ],
  // The account paying for the loads; only prepaid loads are read.
  subjects: (transaction) =>
    transaction.channel !== 'prepaid' || transaction.payerAccount === undefined ? [] : [transaction.payerAccount],
  rules: [
    {
      id: 'prepaid_loads.many_loads',
      version: 1,
      weight: 1,
      description: 'Many prepaid-card loads within the window',
      find(view, parameters) {
        const loads = view.transactions;
        if (loads.length < parameters.number('prepaid_loads.min_loads')) return undefined;
        return {
          evidence: loads,
          clause: `made ${loads.length} prepaid-card loads within ${daysText(view.windowMs)}`,
        };
      },
    },
    {
      id: 'prepaid_loads.large_total',
      version: 1,
      weight: 1,
      description: 'A large total loaded onto prepaid cards within the window',
      find(view, parameters) {
        const loads = view.transactions;
        const total = loads.reduce((sum, load) => sum + load.amount, 0);
        if (total < parameters.number('prepaid_loads.min_total')) return undefined;
        return {
          evidence: loads,
          clause: `loaded ${amountText(total)} in total onto prepaid cards within ${daysText(view.windowMs)}`,
        };
      },
    },
    {
      id: 'prepaid_loads.many_cards',
      version: 1,
      weight: 2,
      description: 'Prepaid-card loads spread over several different cards within the window',
      find(view, parameters) {
        const onto = view.transactions.filter((load) => cardOf(load) !== undefined);
        const cards = new Set(onto.map(cardOf));
        if (cards.size < parameters.number('prepaid_loads.min_cards')) return undefined;
        return {
          evidence: onto,
          clause: `spread ${onto.length} loads over ${cards.size} different cards`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
