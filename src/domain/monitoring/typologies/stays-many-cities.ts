/**
 * Stays in many cities: one payer paying for lodging — hotels, motels, timeshares, or a hotel
 * chain's own merchant category code — in several different cities within days: people moved from
 * city to city on a circuit, their rooms paid by whoever moves them.
 */
import type { Parameters } from '../parameters.ts';
import type { Transaction } from '../transaction.ts';
import { windowedTypology } from '../windowed.ts';
import { amountText, daysText } from './words.ts';

/**
 * Whether a merchant category code is in `list` or, read as a number, in [from, to] (a range of
 * codes such as the hotel chains' or the airlines'; none when `from` is above `to`).
 */
export function categoryIn(code: string | undefined, list: readonly string[], from: number, to: number): boolean {
  if (code === undefined) return false;
  const trimmed = code.trim();
  if (list.includes(trimmed)) return true;
  if (!/^\d{4}$/u.test(trimmed)) return false;
  const number = Number(trimmed);
  return number >= from && number <= to;
}

/** Whether a payment is for lodging. */
function isLodging(transaction: Transaction, parameters: Parameters): boolean {
  return categoryIn(
    transaction.merchantCategory,
    parameters.list('stays_many_cities.lodging_categories'),
    parameters.number('stays_many_cities.chain_category_from'),
    parameters.number('stays_many_cities.chain_category_to'),
  );
}

export const staysManyCities = windowedTypology({
  id: 'stays_many_cities',
  version: 1,
  title: 'Lodging paid for in many cities',
  summary:
    'One payer paying for hotel or other lodging in several different cities within the window: people moved ' +
    'on a circuit from city to city, their rooms paid by whoever moves them.',
  sources: [
    'FinCEN Advisory FIN-2020-A008 (2020), Supplemental Advisory on Identifying and Reporting Human Trafficking ' +
      'and Related Activity: transactions showing a customer moving often from place to place, and lodging costs ' +
      'that look like those of other people',
    'FATF, Financial Flows from Human Trafficking (2018): victims of sexual exploitation moved between cities, ' +
      'with hotel payments along the way',
  ],
  subjectType: 'account',
  windowDays: { default: 14, band: [1, 90] },
  parameters: [
    {
      name: 'stays_many_cities.lodging_categories',
      description: 'Merchant category codes of lodging (hotels and motels, timeshares)',
      default: ['7011', '7012'],
    },
    {
      name: 'stays_many_cities.chain_category_from',
      description: "The first merchant category code of the hotel chains' own range",
      default: 3501,
      band: [0, 9999],
    },
    {
      name: 'stays_many_cities.chain_category_to',
      description: "The last merchant category code of the hotel chains' own range",
      default: 3999,
      band: [0, 9999],
    },
    {
      name: 'stays_many_cities.min_cities',
      description: 'Distinct cities with lodging paid for within the window',
      default: 4,
      band: [2, 100],
    },
  ],
  subjects: (transaction, parameters) =>
    transaction.payerAccount !== undefined && isLodging(transaction, parameters) ? [transaction.payerAccount] : [],
  rules: [
    {
      id: 'stays_many_cities.many_cities',
      version: 1,
      weight: 1,
      description: 'Lodging paid for in several distinct cities within the window',
      find(view, parameters) {
        // The window holds only the payer's lodging payments (see `subjects`).
        const cities = new Map<string, string>();
        const stays: Transaction[] = [];
        for (const transaction of view.transactions) {
          const city = transaction.city?.trim();
          if (city === undefined || city === '') continue;
          stays.push(transaction);
          if (!cities.has(city.toLowerCase())) cities.set(city.toLowerCase(), city);
        }
        if (cities.size < parameters.number('stays_many_cities.min_cities')) return undefined;
        const total = stays.reduce((sum, transaction) => sum + transaction.amount, 0);
        return {
          evidence: stays,
          clause:
            `paid for lodging in ${cities.size} different cities (${[...cities.values()].join(', ')}) within ` +
            `${daysText(view.windowMs)}, ${stays.length} payments totalling ${amountText(total)}`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
