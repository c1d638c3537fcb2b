/**
 * Smuggling corridors: money moved quickly across a border to the countries migrants are smuggled
 * through or to — an account passing on most of what it receives within hours or days, or sending
 * several transfers abroad, to countries of a smuggling corridor: smuggling fees collected and paid
 * on along the route.
 *
 * The corridor is the list parameter `smuggling_corridor.corridor_countries` (ISO 3166-1 alpha-2).
 * Its default is only a starting point: transit and destination countries that public reporting on
 * migrant smuggling names on the main routes — the central Mediterranean (Niger, Mali, Sudan,
 * Libya), the eastern Mediterranean (Türkiye, Greece) and the Americas (Colombia and Panama across
 * the Darién, Honduras, Guatemala, Mexico); see UNODC, Global Study on Smuggling of Migrants (2018).
 * Routes change and a country of a corridor is also an everyday remittance destination: the list
 * MUST be set per deployment, for the routes and the customers it serves.
 *
 * Two rules, each enough on its own (threshold 0.5 of two equal weights), the alert saying which:
 * pass-through (what came in passed on to the corridor within `pass_through_hours`, matched first
 * in first out, at least `pass_through_share` of everything received within the window and at
 * least `min_pass_through_amount`) and repeated transfers (at least `min_transfers` to the
 * corridor within the window). Only payments by the channels of `smuggling_corridor.channels`
 * (wire and transfer by default) between two known, different countries count as sent abroad.
 */
import type { Parameters } from '../parameters.ts';
import type { Transaction } from '../transaction.ts';
import { windowedTypology, type WindowView } from '../windowed.ts';
import { amountText, daysText, percentText } from './words.ts';

/** The corridor and channels of a configuration, as sets (made once per configuration). */
interface Corridor {
  readonly countries: ReadonlySet<string>;
  readonly channels: ReadonlySet<string>;
}
const corridors = new WeakMap<Parameters, Corridor>();

function corridorOf(parameters: Parameters): Corridor {
  let corridor = corridors.get(parameters);
  if (corridor === undefined) {
    corridor = {
      countries: new Set(
        parameters.list('smuggling_corridor.corridor_countries').map((country) => country.trim().toUpperCase()),
      ),
      channels: new Set(parameters.list('smuggling_corridor.channels').map((channel) => channel.trim().toLowerCase())),
    };
    corridors.set(parameters, corridor);
  }
  return corridor;
}

/** A payment sent abroad to a corridor country by one of the channels read. */
function toCorridor(transaction: Transaction, parameters: Parameters): boolean {
  const { countries, channels } = corridorOf(parameters);
  const from = transaction.payerCountry?.trim().toUpperCase();
  const to = transaction.payeeCountry?.trim().toUpperCase();
  return (
    transaction.payerAccount !== undefined &&
    transaction.channel !== undefined &&
    channels.has(transaction.channel) &&
    from !== undefined &&
    from !== '' &&
    to !== undefined &&
    to !== '' &&
    from !== to &&
    countries.has(to)
  );
}

/** The subject's payments to the corridor within the window. */
function sentToCorridor(view: WindowView, parameters: Parameters): Transaction[] {
  return view.transactions.filter(
    (transaction) => transaction.payerAccount === view.subject && toCorridor(transaction, parameters),
  );
}

/** The corridor countries of `payments`, as a list. */
function countriesText(payments: readonly Transaction[]): string {
  return [...new Set(payments.map((payment) => (payment.payeeCountry as string).trim().toUpperCase()))]
    .sort()
    .join(', ');
}

/** A payment received and how much of it is not yet passed on. */
interface Received {
  readonly payment: Transaction;
  left: number;
}

export const smugglingCorridor = windowedTypology({
  id: 'smuggling_corridor',
  version: 1,
  title: 'Smuggling corridors: money moved on quickly across a border',
  summary:
    'An account passing most of what it receives on across a border within days, or sending several transfers ' +
    'abroad, to the countries of a migrant-smuggling corridor: fees collected and paid on along the route.',
  sources: [
    'FinCEN Advisory FIN-2014-A008 (2014), Guidance on Recognizing Activity that May be Associated with Human ' +
      'Smuggling and Human Trafficking: deposits followed soon after by wires to countries many migrants come ' +
      'from or cross, with funds turned over fast and out of line with the customer',
    'FATF, Financial Flows from Human Trafficking (2018): smuggling and trafficking proceeds moved across borders ' +
      'by money transfer along the routes people are moved on',
  ],
  subjectType: 'account',
  windowDays: { default: 7, band: [1, 60] },
  threshold: 0.5,
  parameters: [
    {
      name: 'smuggling_corridor.corridor_countries',
      description:
        'The transit and destination countries of the smuggling corridors watched (ISO 3166-1 alpha-2); ' +
        'set per deployment',
      default: ['LY', 'NE', 'ML', 'SD', 'TR', 'GR', 'MX', 'GT', 'HN', 'PA', 'CO'],
    },
    {
      name: 'smuggling_corridor.channels',
      description: 'The channels by which a payment counts as sent abroad',
      default: ['wire', 'transfer'],
    },
    {
      name: 'smuggling_corridor.pass_through_hours',
      description: 'How soon after it came in money must be sent on to count as passed through, in hours',
      default: 72,
      band: [1, 720],
    },
    {
      name: 'smuggling_corridor.pass_through_share',
      description: 'The least share of what came in within the window that is passed on to the corridor',
      default: 0.8,
      band: [0.1, 1],
    },
    {
      name: 'smuggling_corridor.min_pass_through_amount',
      description: 'The least amount passed on to the corridor within the window, in minor units',
      default: 100_000,
      band: [0, 100_000_000],
    },
    {
      name: 'smuggling_corridor.min_transfers',
      description: 'Transfers to the corridor within the window',
      default: 3,
      band: [2, 500],
    },
  ],
  // The account paid (what comes in), and the account paying when it pays into the corridor.
  subjects(transaction, parameters) {
    const { payerAccount: payer, payeeAccount: payee } = transaction;
    const subjects: string[] = [];
    if (payee !== undefined && payee !== payer) subjects.push(payee);
    if (payer !== undefined && payer !== payee && toCorridor(transaction, parameters)) subjects.push(payer);
    return subjects;
  },
  rules: [
    {
      id: 'smuggling_corridor.pass_through',
      version: 1,
      weight: 1,
      description: 'Most of what came in within the window passed on to the corridor within hours or days',
      find(view, parameters) {
        const hours = parameters.number('smuggling_corridor.pass_through_hours');
        const spanMs = hours * 3_600_000;
        let received = 0;
        let passed = 0;
        // What came in and is not yet passed on, oldest first (first in, first out).
        const waiting: Received[] = [];
        let next = 0;
        const evidence = new Set<Transaction>();
        for (const payment of view.transactions) {
          if (payment.payeeAccount === view.subject && payment.payerAccount !== view.subject) {
            if (payment.amount <= 0) continue;
            received += payment.amount;
            waiting.push({ payment, left: payment.amount });
            continue;
          }
          if (payment.payerAccount !== view.subject || !toCorridor(payment, parameters)) continue;
          let owed = payment.amount;
          while (next < waiting.length && owed > 0) {
            const oldest = waiting[next] as Received;
            if (oldest.left === 0 || oldest.payment.time < payment.time - spanMs) {
              next += 1;
              continue;
            }
            const taken = Math.min(oldest.left, owed);
            oldest.left -= taken;
            owed -= taken;
            passed += taken;
            evidence.add(oldest.payment);
            evidence.add(payment);
          }
        }
        if (received === 0 || passed < parameters.number('smuggling_corridor.min_pass_through_amount')) {
          return undefined;
        }
        const share = passed / received;
        if (share < parameters.number('smuggling_corridor.pass_through_share')) return undefined;
        const sent = [...evidence].filter((payment) => payment.payerAccount === view.subject);
        return {
          evidence: [...evidence],
          clause:
            `passed ${amountText(passed)} of the ${amountText(received)} it received within ` +
            `${daysText(view.windowMs)} (${percentText(share)}) on to the smuggling corridor (${countriesText(sent)}) ` +
            `within ${hours} hours of receiving it`,
        };
      },
    },
    {
      id: 'smuggling_corridor.repeated_transfers',
      version: 1,
      weight: 1,
      description: 'Several transfers abroad to the corridor within the window',
      find(view, parameters) {
        const sent = sentToCorridor(view, parameters);
        if (sent.length < parameters.number('smuggling_corridor.min_transfers')) return undefined;
        return {
          evidence: sent,
          clause:
            `made ${sent.length} transfers abroad totalling ${amountText(sent.reduce((sum, payment) => sum + payment.amount, 0))} ` +
            `to the smuggling corridor (${countriesText(sent)}) within ${daysText(view.windowMs)}`,
        };
      },
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});
