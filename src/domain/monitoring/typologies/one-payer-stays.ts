/**
 * One payer, many stays: the same payer paying for stays or rent at several different places —
 * hotels, timeshares, rented rooms or flats — within days: more lodging at once than one person
 * needs, the housing of people whose living the payer controls.
 */
import type { Transaction } from '../transaction.ts';
import { windowedTypology } from '../windowed.ts';
import { amountText, daysText } from './words.ts';

/** The place paid for: the merchant, else the payee's account. */
function placeOf(transaction: Transaction): string | undefined {
  return transaction.merchantId ?? transaction.payeeAccount;
}

export const onePayerManyStays = windowedTypology({
  id: 'one_payer_many_stays',
  version: 1,
  title: 'One payer paying for stays at many places',
  summary:
    'The same payer paying for stays or rent at several different hotels, lets or landlords within days: lodging ' +
    'for other people, as traffickers house the people they exploit.',
  sources: [
    'FinCEN Advisory FIN-2014-A008 (2014), Guidance on Recognizing Activity that May be Associated with Human ' +
      'Smuggling and Human Trafficking: frequent payments, out of line with the customer, that look like keeping ' +
      'other people, such as their housing and lodging',
    'FinCEN Advisory FIN-2020-A008 (2020), Supplemental Advisory on Identifying and Reporting Human Trafficking ' +
      'and Related Activity: payments that seem to cover the living costs of victims, lodging among them',
    'FATF, Financial Flows from Human Trafficking (2018): one person paying rent or rooms at several places for ' +
      'the people exploited',
    'ILO Indicators of Forced Labour (2012): housing provided and controlled by the exploiter, isolating workers ' +
      'and restricting their movement',
  ],
  subjectType: 'account',
  windowDays: { default: 7, band: [1, 60] },
  parameters: [
    {
      name: 'one_payer_many_stays.stay_categories',
      description: 'Merchant category codes of stays and rents (hotels and motels, timeshares, real-estate rentals)',
      default: ['7011', '7012', '6513'],
    },
    {
      name: 'one_payer_many_stays.min_places',
      description: 'Distinct places (merchants or payees) paid for stays or rent within the window',
      default: 3,
      band: [2, 100],
    },
  ],
  subjects: (transaction, parameters) =>
    transaction.payerAccount !== undefined &&
    transaction.merchantCategory !== undefined &&
    parameters.list('one_payer_many_stays.stay_categories').includes(transaction.merchantCategory)
      ? [transaction.payerAccount]
      : [],
  rules: [
    {
      id: 'one_payer_many_stays.many_places',
      version: 1,
      weight: 1,
      description: 'Stays or rent paid for at several distinct places within the window',
      find(view, parameters) {
        // The window holds only the payer's payments for stays and rent (see `subjects`).
        const stays = view.transactions.filter((transaction) => placeOf(transaction) !== undefined);
        const places = [...new Set(stays.map((transaction) => placeOf(transaction) as string))];
        if (places.length < parameters.number('one_payer_many_stays.min_places')) return undefined;
        const total = stays.reduce((sum, transaction) => sum + transaction.amount, 0);
        return {
          evidence: stays,
          clause:
            `paid for stays or rent at ${places.length} different places (${places.join(', ')}) within ` +
            `${daysText(view.windowMs)}, ${stays.length} payments totalling ${amountText(total)}`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
