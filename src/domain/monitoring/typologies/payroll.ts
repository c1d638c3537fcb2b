/**
 * Payroll deductions: an account paying wages to several workers, several of whom pay a part of
 * their wage back within days — to the employer itself, or all to one same other account (a
 * recruiter, a labour agent, a crew boss). Recruitment fees, "lodging" and "transport" charges or a
 * debt clawed back out of wages that were paid in full only on paper.
 *
 * A payment is a wage of its payer to its payee, and a pay-back of its payer to its payee when the
 * payer was paid a wage within `kickback_days` before it and it is at least `kickback_share` of that
 * wage. So a payment belongs to both its payer's and its payee's history, and pay-backs to a third
 * account are out of the employer's own history: this typology keeps its own bounded state (every
 * payment of the window, by payer and by payee) instead of a windowed aggregate.
 *
 * Two rules: pay-backs to the employer (weight 2) and pay-backs to one same other account (weight 1).
 * The default threshold, 0.3 of the total weight 3, fires on either; a threshold above 1/3 and at
 * most 2/3 (0.5, say) fires only on pay-backs to the employer (pay-backs to one other account can
 * also be rent or a loan shared by flatmates or colleagues); 1 needs both.
 */
import type { Parameters } from '../parameters.ts';
import type { Detection, Detector, RuleDescription, Typology } from '../typology.ts';
import { Sweeper, SWEEP_STEP } from '../sweeper.ts';
import { DAY_MS, type Transaction } from '../transaction.ts';
import { MOST_HELD } from '../windowed.ts';
import { amountText, daysText, percentText } from './words.ts';

/** A rule of this typology, as its detections name it. */
type PayrollRule = RuleDescription;

const TO_EMPLOYER: PayrollRule = {
  id: 'payroll_deductions.kickback_to_employer',
  version: 1,
  weight: 2,
  description: 'Several workers paying a part of their wage back to the account that paid it, within days',
};
const TO_COLLECTOR: PayrollRule = {
  id: 'payroll_deductions.kickback_to_collector',
  version: 1,
  weight: 1,
  description: "Several of an account's workers paying a part of their wage on to one same other account, within days",
};
const TOTAL_WEIGHT = TO_EMPLOYER.weight + TO_COLLECTOR.weight;
/** The most payments one observation looks at (a busy account's pay-backs are searched no further). */
const SEARCH_BUDGET = 20_000;

/** The index of the first payment of `list` (in time order) whose time passes `test`. */
function firstWhere(list: readonly Transaction[], test: (time: number) => boolean): number {
  // When the first passes (nothing stale: most trims and additions), one read instead of a search.
  if (list.length === 0 || test((list[0] as Transaction).time)) return 0;
  let low = 1;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test((list[middle] as Transaction).time)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A wage and the payment of a part of it back. */
interface Kickback {
  readonly wage: Transaction;
  readonly back: Transaction;
}

/** What one account's pay-backs found. */
interface Found {
  readonly rule: PayrollRule;
  /** Where the workers paid. */
  readonly account: string;
  readonly kickbacks: readonly Kickback[];
}

export const payrollDeductions: Typology = {
  id: 'payroll_deductions',
  rules: [TO_EMPLOYER, TO_COLLECTOR],
  version: 1,
  title: 'Payroll deductions: wages paid, then partly paid back',
  summary:
    'An account paying wages to several workers, several of whom pay a part of their wage back within days, to ' +
    'the employer or all to one same other account: recruitment fees and wage deductions clawed back.',
  sources: [
    'FinCEN Advisory FIN-2020-A008 (2020), Supplemental Advisory on Identifying and Reporting Human Trafficking ' +
      'and Related Activity: exploitative employment schemes that keep back wages and charge recruitment fees',
    'FATF, Financial Flows from Human Trafficking (2018): forced-labour cases where wages paid to the workers were ' +
      'taken back by the employer or its agents',
    'ILO Indicators of Forced Labour (2012): withholding of wages and debt bondage',
  ],
  subjectType: 'account',
  parameters: [
    {
      name: 'payroll_deductions.window_days',
      description: 'How far back wages are read, in days',
      default: 35,
      band: [7, 120],
    },
    {
      name: 'payroll_deductions.threshold',
      description: "The least share of the rules' weight that raises an alert",
      default: 0.3,
      band: [0.1, 1],
    },
    {
      name: 'payroll_deductions.min_workers',
      description: 'Distinct payees the account pays within the window',
      default: 5,
      band: [2, 1_000],
    },
    {
      name: 'payroll_deductions.min_kickback_workers',
      description: 'Workers paying a part of their wage back to the same account',
      default: 3,
      band: [2, 1_000],
    },
    {
      name: 'payroll_deductions.kickback_share',
      description: 'The least share of a wage a payment back must come to',
      default: 0.2,
      band: [0.01, 1],
    },
    {
      name: 'payroll_deductions.kickback_days',
      description: 'How soon after the wage the payment back must come, in days',
      default: 5,
      band: [1, 30],
    },
  ],
  detector(parameters: Parameters): Detector {
    const windowMs = parameters.number('payroll_deductions.window_days') * DAY_MS;
    const threshold = parameters.number('payroll_deductions.threshold') - 1e-9;
    const minWorkers = parameters.number('payroll_deductions.min_workers');
    const minKickbackWorkers = parameters.number('payroll_deductions.min_kickback_workers');
    const share = parameters.number('payroll_deductions.kickback_share');
    const kickbackMs = parameters.number('payroll_deductions.kickback_days') * DAY_MS;
    /** Payments of the window by payer, and by payee, oldest first. */
    const paid = new Map<string, Transaction[]>();
    const received = new Map<string, Transaction[]>();
    let held = 0;
    let lastWatermark = -Infinity;
    const trimmer = (counted: boolean) => (_account: string, list: Transaction[]) => {
      const stale = firstWhere(list, (time) => time >= lastWatermark - windowMs);
      if (stale > 0) list.splice(0, stale);
      if (counted) held -= stale;
      return list.length > 0;
    };
    const sweepers = [new Sweeper(paid, trimmer(true)), new Sweeper(received, trimmer(false))];

    /**
     * Adds `payment` to `account`'s list, in time order, dropping what is older than `since`: the
     * change in size, or nothing when the list holds it already (the same payment observed again).
     */
    const add = (
      index: Map<string, Transaction[]>,
      account: string,
      payment: Transaction,
      since: number,
    ): number | undefined => {
      let list = index.get(account);
      if (list === undefined) {
        list = [];
        index.set(account, list);
      }
      // Late payments go in their place by time (after those of the same time).
      let at = list.length;
      while (at > 0 && (list[at - 1] as Transaction).time > payment.time) at -= 1;
      for (let same = at - 1; same >= 0 && (list[same] as Transaction).time === payment.time; same -= 1) {
        if ((list[same] as Transaction).id === payment.id) return undefined;
      }
      const before = list.length;
      const stale = firstWhere(list, (time) => time >= since);
      if (stale > 0) list.splice(0, stale);
      list.splice(Math.max(0, at - stale), 0, payment);
      if (list.length > MOST_HELD) list.splice(0, list.length - MOST_HELD);
      return list.length - before;
    };

    /**
     * How many distinct payees `account` paid within the window ending at `now`, counted up to one
     * more than `most` (a payroll run of hundreds of wages is not counted whole for each wage).
     */
    const workersOf = (account: string, now: number, most: number): number => {
      const payments = paid.get(account) ?? [];
      const workers = new Set<string>();
      for (let index = firstWhere(payments, (time) => time > now - windowMs); index < payments.length; index += 1) {
        const payment = payments[index] as Transaction;
        if (payment.time > now) break;
        workers.add(payment.payeeAccount as string);
        if (workers.size > most) break;
      }
      return workers.size;
    };

    /** What `employer`'s wages of the window ending at `now` and their pay-backs show, or nothing. */
    const evaluate = (employer: string, now: number, budget: { left: number }): Detection | undefined => {
      const payments = paid.get(employer) ?? [];
      // Every payment held has a payer and a payee, two different accounts.
      const wages: Transaction[] = [];
      for (let index = firstWhere(payments, (time) => time > now - windowMs); index < payments.length; index += 1) {
        const wage = payments[index] as Transaction;
        if (wage.time > now) break;
        wages.push(wage);
      }
      budget.left -= wages.length;
      const workers = new Set(wages.map((wage) => wage.payeeAccount as string));
      if (workers.size < minWorkers) return undefined;
      // Where each worker paid a part of a wage back: account → worker → the first such pay-back.
      const byAccount = new Map<string, Map<string, Kickback>>();
      search: for (const wage of wages) {
        const worker = wage.payeeAccount as string;
        const backs = paid.get(worker) ?? [];
        const until = Math.min(wage.time + kickbackMs, now);
        for (let index = firstWhere(backs, (time) => time >= wage.time); index < backs.length; index += 1) {
          const back = backs[index] as Transaction;
          if (back.time > until) break;
          if ((budget.left -= 1) < 0) break search;
          const account = back.payeeAccount as string;
          if (back.amount < wage.amount * share) continue;
          let byWorker = byAccount.get(account);
          if (byWorker === undefined) {
            byWorker = new Map();
            byAccount.set(account, byWorker);
          }
          if (!byWorker.has(worker)) byWorker.set(worker, { wage, back });
        }
      }
      const found: Found[] = [];
      const toEmployer = byAccount.get(employer);
      if (toEmployer !== undefined && toEmployer.size >= minKickbackWorkers) {
        found.push({ rule: TO_EMPLOYER, account: employer, kickbacks: [...toEmployer.values()] });
      }
      // The other account most of the workers paid (the first by name when several tie).
      let collector: [string, Map<string, Kickback>] | undefined;
      for (const [account, byWorker] of byAccount) {
        if (account === employer || byWorker.size < minKickbackWorkers) continue;
        if (
          collector === undefined ||
          byWorker.size > collector[1].size ||
          (byWorker.size === collector[1].size && account < collector[0])
        ) {
          collector = [account, byWorker];
        }
      }
      if (collector !== undefined) {
        found.push({ rule: TO_COLLECTOR, account: collector[0], kickbacks: [...collector[1].values()] });
      }
      const weight = found.reduce((sum, { rule }) => sum + rule.weight, 0);
      if (found.length === 0 || weight / TOTAL_WEIGHT < threshold) return undefined;
      const evidence = new Map<string, Transaction>();
      for (const { kickbacks } of found) {
        for (const { wage, back } of kickbacks) {
          evidence.set(wage.id, wage);
          evidence.set(back.id, back);
        }
      }
      const clauses = found.map(({ rule, account, kickbacks }) => {
        const total = amountText(kickbacks.reduce((sum, { back }) => sum + back.amount, 0));
        return rule === TO_EMPLOYER
          ? `${kickbacks.length} of them paid ${total} back to it`
          : `${kickbacks.length} of them paid ${total} on to account ${account}`;
      });
      return {
        subjectId: employer,
        score: Math.round((weight / TOTAL_WEIGHT) * 1000) / 1000,
        rules: found.map(({ rule }) => ({ id: rule.id, version: rule.version })),
        evidence: [...evidence.values()].sort((a, b) => a.time - b.time),
        explanation:
          `Account ${employer} paid ${wages.length} wages totalling ` +
          `${amountText(wages.reduce((sum, wage) => sum + wage.amount, 0))} to ${workers.size} workers within ` +
          `${daysText(windowMs)}, and ${clauses.join(', and ')}, each within ${daysText(kickbackMs)} of being paid ` +
          `and at least ${percentText(share)} of the wage.`,
        period: Math.floor(now / windowMs),
      };
    };

    return {
      observe(transaction, watermark) {
        const { payerAccount: payer, payeeAccount: payee } = transaction;
        lastWatermark = watermark;
        for (const sweeper of sweepers) sweeper.step(SWEEP_STEP);
        if (payer === undefined || payee === undefined || payer === payee || !(transaction.amount > 0)) return [];
        const since = watermark - windowMs;
        const added = add(paid, payer, transaction, since);
        if (added === undefined) return [];
        held += added;
        add(received, payee, transaction, since);
        const budget = { left: SEARCH_BUDGET };
        // As a pay-back, of those who paid its payer a wage just before; as a wage, of its payer only
        // when it brings the payer's workers up to the least number (pay-backs made before then are
        // found now; every later one is read as it comes): a payroll run of hundreds of wages is not
        // searched once per wage.
        const employers = new Set<string>();
        if (workersOf(payer, transaction.time, minWorkers) === minWorkers) employers.add(payer);
        const wagesIn = received.get(payer) ?? [];
        const from = firstWhere(wagesIn, (time) => time >= transaction.time - kickbackMs);
        for (let index = from; index < wagesIn.length && budget.left > 0; index += 1) {
          const wage = wagesIn[index] as Transaction;
          if (wage.time > transaction.time) break;
          budget.left -= 1;
          if (transaction.amount >= wage.amount * share) employers.add(wage.payerAccount as string);
        }
        const detections: Detection[] = [];
        for (const employer of employers) {
          const detection = evaluate(employer, transaction.time, budget);
          if (detection !== undefined) detections.push(detection);
        }
        return detections;
      },
      get held() {
        return held;
      },
    };
  },
};
