/**
 * Third-party travel: one card (or, with no card, one payer's account) buying several travel
 * tickets — flights, trains, coaches, travel agencies — within a day or two: tickets for several
 * people bought by one, as recruiters and traffickers move the people they exploit (and often put
 * the fares on their debts). Where a source writes a passenger's name on the purchase (as the payer's
 * name of a ticket), several distinct names among those tickets weigh further.
 */
import type { Parameters } from '../parameters.ts';
import type { Transaction } from '../transaction.ts';
import { windowedTypology } from '../windowed.ts';
import { categoryIn } from './stays-many-cities.ts';
import { amountText, daysText } from './words.ts';

/** Whether a payment buys travel. */
function isTravel(transaction: Transaction, parameters: Parameters): boolean {
  return categoryIn(
    transaction.merchantCategory,
    parameters.list('third_party_travel.travel_categories'),
    parameters.number('third_party_travel.airline_category_from'),
    parameters.number('third_party_travel.airline_category_to'),
  );
}

/** A passenger's name as written on a ticket purchase (the payer's name), compared without case or spacing. */
function passengerOf(transaction: Transaction): string | undefined {
  const name = transaction.payerName?.trim().replace(/\s+/gu, ' ').toLowerCase();
  return name === undefined || name === '' ? undefined : name;
}

/** The travel purchases of the window when there are enough of them. */
function ticketsOf(transactions: readonly Transaction[], parameters: Parameters): readonly Transaction[] | undefined {
  // The window holds only the subject's travel purchases (see `subjects`).
  return transactions.length < parameters.number('third_party_travel.min_tickets') ? undefined : transactions;
}

export const thirdPartyTravel = windowedTypology({
  id: 'third_party_travel',
  version: 1,
  title: 'Travel for several people bought with one card',
  summary:
    'One card buying several flight, train or coach tickets within a day or two, for several passengers when the ' +
    'purchases name them: travel for other people bought by one, as recruiters and traffickers move their victims.',
  sources: [
    'FinCEN Advisory FIN-2020-A008 (2020), Supplemental Advisory on Identifying and Reporting Human Trafficking ' +
      'and Related Activity: payments that seem to cover the transport of other people, out of line with the ' +
      "customer's usual activity",
    'FATF, Financial Flows from Human Trafficking (2018): one payer buying tickets for several travellers to move ' +
      'victims',
    'ILO Indicators of Forced Labour (2012): travel arranged and paid for by a recruiter or employer and turned ' +
      'into a debt the worker must work off',
  ],
  subjectType: 'card',
  windowDays: { default: 2, band: [1, 30] },
  threshold: 0.5,
  parameters: [
    {
      name: 'third_party_travel.travel_categories',
      // Not commuter transport (4111): a contactless fare is charged once a day, and a commuter's
      // daily charges would read as tickets bought for others.
      description: 'Merchant category codes of travel (airlines, railways, coach lines, travel agencies)',
      default: ['4511', '4112', '4131', '4722'],
    },
    {
      name: 'third_party_travel.airline_category_from',
      description: "The first merchant category code of the airlines' own range",
      default: 3000,
      band: [0, 9999],
    },
    {
      name: 'third_party_travel.airline_category_to',
      description: "The last merchant category code of the airlines' own range",
      default: 3299,
      band: [0, 9999],
    },
    {
      name: 'third_party_travel.min_tickets',
      description: 'Travel purchases by one card within the window',
      default: 4,
      band: [2, 100],
    },
    {
      name: 'third_party_travel.min_passengers',
      description: 'Distinct passenger names among those purchases (when the purchases name them)',
      default: 3,
      band: [2, 100],
    },
  ],
  // The card, else (a transfer or a card the source does not name) the payer's account.
  subjects: (transaction, parameters) => {
    if (!isTravel(transaction, parameters)) return [];
    const subject = transaction.card ?? transaction.payerAccount;
    return subject === undefined ? [] : [subject];
  },
  rules: [
    {
      id: 'third_party_travel.many_tickets',
      version: 1,
      weight: 1,
      description: 'Several travel purchases by one card within the window',
      find(view, parameters) {
        const tickets = ticketsOf(view.transactions, parameters);
        if (tickets === undefined) return undefined;
        const total = tickets.reduce((sum, transaction) => sum + transaction.amount, 0);
        return {
          evidence: tickets,
          clause: `bought ${tickets.length} travel tickets totalling ${amountText(total)} within ${daysText(view.windowMs)}`,
        };
      },
    },
    {
      // Only ever with the first rule: several names among as many tickets as it needs.
      id: 'third_party_travel.many_passengers',
      version: 1,
      weight: 1,
      description: 'Those travel purchases naming several distinct passengers',
      find(view, parameters) {
        const tickets = ticketsOf(view.transactions, parameters);
        if (tickets === undefined) return undefined;
        const named = tickets.filter((transaction) => passengerOf(transaction) !== undefined);
        const names = new Set(named.map(passengerOf));
        if (names.size < parameters.number('third_party_travel.min_passengers')) return undefined;
        return {
          evidence: named,
          clause: `those tickets name ${names.size} different passengers`,
        };
      },
    },
  ],
  // The subject is a card or, with none named, the payer's account: the sentence cannot tell which.
  explain: (subject, clauses) => `Card or account ${subject} ${clauses.join(', and ')}.`,
});
