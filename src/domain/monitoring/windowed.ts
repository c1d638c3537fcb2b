/**
 * Typologies as windowed aggregates per subject: each transaction joins the window of every subject
 * it belongs to (the payee account, the merchant, the card…); the window holds the subject's
 * transactions of the last `window` (sliding, by event time, kept in time order even when a
 * transaction arrives late); the typology's rules read it, each a small pure function with its
 * thresholds from the parameters, and the typology fires on a subject when the rules that find
 * something weigh enough. Windows are bounded: a transaction leaves once the watermark has passed
 * it by a window, and a subject holds at most `MOST_HELD` transactions (the oldest go first).
 */
import type { ParameterSpec, Parameters } from './parameters.ts';
import type { Detection, Detector, RuleRef, SubjectType, Typology } from './typology.ts';
import { Sweeper, SWEEP_STEP } from './sweeper.ts';
import { DAY_MS, type Transaction } from './transaction.ts';

/** The most transactions one subject's window holds. */
export const MOST_HELD = 5_000;
/** The most windows a late transaction is read in again, besides its own. */
const MOST_REREAD = 200;
/** The longest window a typology may have (alerts' keys are remembered twice as long). */
export const LONGEST_WINDOW_DAYS = 120;

/** A subject's window as a rule reads it. */
export interface WindowView {
  readonly subject: string;
  /** The subject's transactions within the window ending at `current`, oldest first. */
  readonly transactions: readonly Transaction[];
  /** The transaction just observed. */
  readonly current: Transaction;
  readonly windowMs: number;
}

/** What a rule found: the transactions that show it and a clause saying what. */
export interface RuleFinding {
  readonly evidence: readonly Transaction[];
  readonly clause: string;
}

/** A rule of a windowed typology. */
export interface WindowRule extends RuleRef {
  readonly weight: number;
  readonly description: string;
  find(view: WindowView, parameters: Parameters): RuleFinding | undefined;
}

/** A windowed typology's definition. */
export interface WindowedSpec {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly summary: string;
  readonly sources: readonly string[];
  readonly subjectType: SubjectType;
  /** Its parameters, besides the window and the threshold (added here). */
  readonly parameters: readonly ParameterSpec[];
  /** The window's default length in days, and its band. */
  readonly windowDays: { readonly default: number; readonly band: readonly [number, number] };
  /** The subjects a transaction belongs to; none when the typology does not read it. */
  subjects(transaction: Transaction, parameters: Parameters): readonly string[];
  readonly rules: readonly WindowRule[];
  /** The least share (0–1) of the rules' total weight that fires it (default: all of it). */
  readonly threshold?: number;
  /** The sentence of an alert, from its subject and its rules' clauses. */
  explain(subject: string, clauses: readonly string[]): string;
}

/** One subject's transactions, in time order, from `start`. */
class Buffer {
  items: Transaction[] = [];
  start = 0;
  /**
   * The time of the oldest transaction held, -Infinity when none: the sweeper passes most buffers
   * without trimming anything, and reads this without reaching into the items and transactions
   * (for a subject not seen lately, likely reads from memory the processor has not cached).
   */
  oldest = Number.NEGATIVE_INFINITY;

  /** Adds a transaction in its place by time; false when it is held already (the same id and time). */
  add(transaction: Transaction): boolean {
    const items = this.items;
    let at = items.length;
    // Late transactions go in their place by time (after those of the same time, as they came).
    while (at > this.start && (items[at - 1] as Transaction).time > transaction.time) at -= 1;
    for (let same = at - 1; same >= this.start && (items[same] as Transaction).time === transaction.time; same -= 1) {
      if ((items[same] as Transaction).id === transaction.id) return false;
    }
    if (at === items.length) items.push(transaction);
    else items.splice(at, 0, transaction);
    if (items.length - this.start > MOST_HELD) this.start += 1;
    this.oldest = (items[this.start] as Transaction).time;
    this.compact();
    return true;
  }

  /** Drops what is older than `before`; how many went. */
  dropBefore(before: number): number {
    if (this.oldest >= before) return 0;
    const items = this.items;
    const from = this.start;
    while (this.start < items.length && (items[this.start] as Transaction).time < before) this.start += 1;
    const dropped = this.start - from;
    this.oldest = this.start < items.length ? (items[this.start] as Transaction).time : Number.NEGATIVE_INFINITY;
    this.compact();
    return dropped;
  }

  /** Whether nothing is held (told from `oldest`, without reading the items). */
  get empty(): boolean {
    return this.oldest === Number.NEGATIVE_INFINITY;
  }

  /** The transactions in (from, to], oldest first. */
  between(from: number, to: number): Transaction[] {
    const items = this.items;
    let low = this.start;
    let high = items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((items[middle] as Transaction).time <= from) low = middle + 1;
      else high = middle;
    }
    const found: Transaction[] = [];
    for (let index = low; index < items.length; index += 1) {
      const item = items[index] as Transaction;
      if (item.time > to) break;
      found.push(item);
    }
    return found;
  }

  get size(): number {
    return this.items.length - this.start;
  }

  /** The latest transaction held. */
  newest(): Transaction | undefined {
    return this.size === 0 ? undefined : this.items.at(-1);
  }

  private compact(): void {
    if (this.start > 64 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }
}

/** A typology from its windowed definition. */
export function windowedTypology(spec: WindowedSpec): Typology {
  if (spec.windowDays.band[1] > LONGEST_WINDOW_DAYS) {
    throw new Error(`${spec.id}: a window may reach ${LONGEST_WINDOW_DAYS} days at most`);
  }
  const windowParameter = `${spec.id}.window_days`;
  const thresholdParameter = `${spec.id}.threshold`;
  const parameters: ParameterSpec[] = [
    {
      name: windowParameter,
      description: 'How far back the window reaches, in days',
      default: spec.windowDays.default,
      band: spec.windowDays.band,
    },
    {
      name: thresholdParameter,
      description: "The least share of the rules' weight that raises an alert",
      default: spec.threshold ?? 1,
      band: [0.1, 1],
    },
    ...spec.parameters,
  ];
  const totalWeight = spec.rules.reduce((sum, rule) => sum + rule.weight, 0);
  return {
    id: spec.id,
    version: spec.version,
    title: spec.title,
    summary: spec.summary,
    sources: spec.sources,
    subjectType: spec.subjectType,
    parameters,
    rules: spec.rules.map(({ id, version, weight, description }) => ({ id, version, weight, description })),
    detector(values: Parameters): Detector {
      const windowMs = values.number(windowParameter) * DAY_MS;
      const threshold = values.number(thresholdParameter) - 1e-9;
      const buffers = new Map<string, Buffer>();
      let held = 0;
      let lastWatermark = -Infinity;
      const sweeper = new Sweeper(buffers, (_subject, buffer) => {
        // Nothing to trim is the common case: neither call then reads the buffer's items.
        held -= buffer.dropBefore(lastWatermark - windowMs);
        return !buffer.empty;
      });
      /** What the rules find in the window of `subject` ending at `end`, if it weighs enough. */
      const detect = (subject: string, buffer: Buffer, end: Transaction): Detection | undefined => {
        const view: WindowView = {
          subject,
          transactions: buffer.between(end.time - windowMs, end.time),
          current: end,
          windowMs,
        };
        let weight = 0;
        const rules: RuleRef[] = [];
        const clauses: string[] = [];
        const evidence = new Map<string, Transaction>();
        let left = totalWeight;
        for (const rule of spec.rules) {
          // Once the rules left cannot bring the weight up to the threshold, they are not read.
          if ((weight + left) / totalWeight < threshold) return undefined;
          left -= rule.weight;
          const found = rule.find(view, values);
          if (found === undefined) continue;
          weight += rule.weight;
          rules.push({ id: rule.id, version: rule.version });
          clauses.push(found.clause);
          for (const item of found.evidence) evidence.set(item.id, item);
        }
        if (rules.length === 0 || weight / totalWeight < threshold) return undefined;
        return {
          subjectId: subject,
          score: Math.round((weight / totalWeight) * 1000) / 1000,
          rules,
          evidence: [...evidence.values()].sort((a, b) => a.time - b.time),
          explanation: spec.explain(subject, clauses),
          period: Math.floor(end.time / windowMs),
        };
      };
      return {
        observe(transaction, watermark) {
          lastWatermark = watermark;
          sweeper.step(SWEEP_STEP);
          const subjects = spec.subjects(transaction, values);
          if (subjects.length === 0) return [];
          const detections: Detection[] = [];
          for (const subject of subjects) {
            let buffer = buffers.get(subject);
            if (buffer === undefined) {
              buffer = new Buffer();
              buffers.set(subject, buffer);
            }
            const before = buffer.size;
            buffer.dropBefore(watermark - windowMs);
            // The same transaction again (a stream delivering twice) is not counted twice.
            if (!buffer.add(transaction)) continue;
            held += buffer.size - before;
            // A late transaction is read in its own window and in those of the subject's later ones
            // it now belongs to (up to MOST_REREAD of them): what the stream in time order found there.
            const newest = buffer.newest();
            const ends =
              newest === undefined || newest.time <= transaction.time
                ? [transaction]
                : [
                    transaction,
                    ...buffer
                      .between(transaction.time, transaction.time + windowMs)
                      .filter((later) => later !== transaction)
                      .slice(0, MOST_REREAD),
                  ];
            for (const end of ends) {
              const detection = detect(subject, buffer, end);
              if (detection !== undefined) detections.push(detection);
            }
          }
          return detections;
        },
        get held() {
          return held;
        },
      };
    },
  };
}
