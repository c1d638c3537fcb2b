/**
 * Cycles: money that comes back to where it started, along a chain of accounts, in near-identical
 * amounts within the window (AMLSim's cycle; layering through mule accounts). The payments of a
 * cycle need not come in its order: a chain is often laid down leg by leg, in any order.
 */
import type { Parameters } from '../parameters.ts';
import type { Detection, Detector, Typology } from '../typology.ts';
import { Sweeper, SWEEP_STEP } from '../sweeper.ts';
import { DAY_MS, type Transaction } from '../transaction.ts';
import { amountText, daysText } from './words.ts';

const RULE = {
  id: 'cycle.round_trip',
  version: 1,
  weight: 1,
  description: 'A chain of payments in near-identical amounts back to the account it started from',
};
/** The most payments one search for a cycle looks at. */
const SEARCH_BUDGET = 5_000;

export const cycle: Typology = {
  id: 'cycle',
  rules: [RULE],
  version: 1,
  title: 'Cycles: money back where it started',
  summary:
    'A payment that closes a chain of payments in near-identical amounts back to the account it started from, ' +
    'within the window: layering through accounts that only pass the money on.',
  sources: [
    'FATF, Financial Flows from Human Trafficking (2018): layering through mule accounts',
    'IBM AMLSim: cycle laundering pattern',
  ],
  subjectType: 'account',
  parameters: [
    { name: 'cycle.window_days', description: 'How long a cycle may take, in days', default: 30, band: [1, 120] },
    { name: 'cycle.min_hops', description: 'The fewest payments in one cycle', default: 3, band: [2, 10] },
    { name: 'cycle.max_hops', description: 'The most payments in one cycle', default: 6, band: [2, 10] },
    {
      name: 'cycle.amount_tolerance',
      description: 'How much an amount may change from one payment of the cycle to the next (a share)',
      default: 0.2,
      band: [0, 0.9],
    },
  ],
  detector(parameters: Parameters): Detector {
    const windowMs = parameters.number('cycle.window_days') * DAY_MS;
    const minHops = parameters.number('cycle.min_hops');
    const maxHops = parameters.number('cycle.max_hops');
    const tolerance = parameters.number('cycle.amount_tolerance');
    /** Payments into each account, oldest first. */
    const into = new Map<string, Transaction[]>();
    let held = 0;
    let lastWatermark = -Infinity;
    const sweeper = new Sweeper(into, (account, list) => {
      const since = lastWatermark - windowMs;
      // Most lists have nothing to drop: read, not copied.
      if (!list.some((payment) => payment.time < since)) return list.length > 0;
      const kept = list.filter((payment) => payment.time >= since);
      held -= list.length - kept.length;
      into.set(account, kept);
      return kept.length > 0;
    });
    const similar = (a: number, b: number) => Math.abs(a - b) <= Math.max(a, b) * tolerance;

    /** A chain of payments within the window from `start` to `end`, other than `before`, or none. */
    const chain = (start: string, end: string, before: Transaction, from: number): Transaction[] | undefined => {
      const path: Transaction[] = [];
      const onPath = new Set<string>([end]);
      // A bound on the payments looked at: a busy account's cycles are searched no further.
      let budget = SEARCH_BUDGET;
      const search = (account: string, next: Transaction): boolean => {
        for (const payment of into.get(account) ?? []) {
          if ((budget -= 1) < 0) return false;
          if (payment === next || payment.time < from) continue;
          if (!similar(payment.amount, next.amount)) continue;
          const payer = payment.payerAccount as string;
          if (payer === start) {
            if (path.length + 2 < minHops) continue;
            path.push(payment);
            return true;
          }
          if (onPath.has(payer) || path.length + 2 >= maxHops) continue;
          onPath.add(payer);
          path.push(payment);
          if (search(payer, payment)) return true;
          path.pop();
          onPath.delete(payer);
        }
        return false;
      };
      return search(end, before) ? path.reverse() : undefined;
    };

    return {
      observe(transaction, watermark) {
        lastWatermark = watermark;
        sweeper.step(SWEEP_STEP);
        const { payerAccount: payer, payeeAccount: payee } = transaction;
        if (payer === undefined || payee === undefined || payer === payee) return [];
        let list = into.get(payee);
        if (list === undefined) {
          list = [];
          into.set(payee, list);
        }
        list.push(transaction);
        held += 1;

        // Closed by this payment: a chain from its payee back to its payer.
        const found = chain(payee, payer, transaction, transaction.time - windowMs);
        if (found === undefined) return [];
        const evidence = [...found, transaction];
        const accounts = [...new Set(evidence.map((payment) => payment.payerAccount as string))];
        const detection: Detection = {
          subjectId: payee,
          score: 1,
          rules: [{ id: RULE.id, version: RULE.version }],
          evidence,
          explanation:
            `Money left account ${payee} and came back within ${daysText(transaction.time - (evidence[0]?.time ?? transaction.time))} ` +
            `through ${accounts.length - 1} other account${accounts.length === 2 ? '' : 's'} (${accounts.join(' → ')} → ${payee}), ` +
            `${evidence.length} payments of ${amountText(Math.min(...evidence.map((payment) => payment.amount)))} to ` +
            `${amountText(Math.max(...evidence.map((payment) => payment.amount)))}.`,
          period: Math.floor(transaction.time / windowMs),
        };
        return [detection];
      },
      get held() {
        return held;
      },
    };
  },
};
