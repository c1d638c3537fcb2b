/**
 * The monitoring engine: transactions observed one by one (from a stream, a file, or stored history
 * replayed in time order — the same alerts either way), every typology of the library switched on
 * by the configuration detecting in its bounded state, and each detection raised once as an alert
 * per typology, subject and period (observing the same transactions again raises nothing new).
 *
 * Time is the transactions' own: the watermark trails the latest time seen by the allowed
 * lateness; a transaction older than the watermark is too late (counted, not observed). A late
 * transaction within the lateness is read in the windows it belongs to, as in time order. Periods
 * are counted from the epoch in whole windows: a pattern that goes on across the end of one
 * raises one alert in each.
 */
import { createHash } from 'node:crypto';
import { resolveParameters, type MonitorConfig, DEFAULT_CONFIG, ConfigError } from './parameters.ts';
import type { Detector, RuleRef, SubjectType, Typology } from './typology.ts';
import { userTypologies } from './user-rules.ts';
import { LONGEST_WINDOW_DAYS } from './windowed.ts';
import { accountsOf, DAY_MS, type Transaction } from './transaction.ts';

/** An alert: what a typology found about a subject, with its evidence and why. */
export interface MonitorAlert {
  /** The same for the same typology, subject and period, however often the stream is replayed. */
  readonly id: string;
  readonly typology: string;
  readonly typologyVersion: number;
  readonly rules: readonly RuleRef[];
  readonly configVersion: string;
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly score: number;
  readonly firstTime: number;
  readonly lastTime: number;
  readonly evidence: readonly Transaction[];
  /** Every account of the evidence, sorted. */
  readonly accounts: readonly string[];
  readonly explanation: string;
}

/** How the engine runs. */
export interface MonitorOptions {
  readonly config?: MonitorConfig;
  /** The library (default: every typology of the open library). */
  readonly typologies: readonly Typology[];
  /** How late a transaction may come and still be observed (default a day). */
  readonly latenessMs?: number;
}

/** What the engine has seen. */
export interface MonitorStats {
  readonly observed: number;
  /** Came later than the allowed lateness: not observed. */
  readonly tooLate: number;
  readonly alerts: number;
  /** Transactions held in the detectors' windows. */
  readonly held: number;
}

/** How long an alert's key is remembered: twice the longest window a typology may have. */
const REMEMBERED_MS = 2 * LONGEST_WINDOW_DAYS * DAY_MS;

export class Monitor {
  private readonly detectors: { readonly typology: Typology; readonly detector: Detector }[];
  private readonly raised = new Map<string, number>();
  private readonly latenessMs: number;
  private readonly configVersion: string;
  private latest = -Infinity;
  private observed = 0;
  private tooLate = 0;
  private alerts = 0;
  private sinceSweep = 0;

  constructor(options: MonitorOptions) {
    const config = options.config ?? DEFAULT_CONFIG;
    const typologies = [...options.typologies, ...userTypologies(config.rules ?? [])];
    const known = new Set(typologies.map((typology) => typology.id));
    const unknown = (config.disabled ?? [])
      .filter((id) => !known.has(id))
      .map((id) => `unknown typology "${id}" in "disabled"`);
    const specs = typologies.flatMap((typology) => typology.parameters);
    const named = new Set<string>();
    for (const spec of specs) {
      if (named.has(spec.name)) throw new Error(`two typologies declare the parameter "${spec.name}"`);
      named.add(spec.name);
    }
    let parameters: ReturnType<typeof resolveParameters>;
    try {
      parameters = resolveParameters(specs, config);
    } catch (error) {
      throw error instanceof ConfigError ? new ConfigError([...error.problems, ...unknown]) : error;
    }
    if (unknown.length > 0) throw new ConfigError(unknown);
    const disabled = new Set(config.disabled ?? []);
    this.detectors = typologies
      .filter((typology) => !disabled.has(typology.id))
      .map((typology) => ({ typology, detector: typology.detector(parameters) }));
    this.latenessMs = options.latenessMs ?? DAY_MS;
    this.configVersion = config.version;
  }

  /** Observes one transaction; returns the alerts it raises (none already raised). */
  observe(transaction: Transaction): MonitorAlert[] {
    if (transaction.time > this.latest) this.latest = transaction.time;
    const watermark = this.latest - this.latenessMs;
    if (transaction.time < watermark) {
      this.tooLate += 1;
      return [];
    }
    this.observed += 1;
    const alerts: MonitorAlert[] = [];
    for (const { typology, detector } of this.detectors) {
      for (const detection of detector.observe(transaction, watermark)) {
        const key = `${typology.id}\u0000${detection.subjectId}\u0000${detection.period}`;
        if (this.raised.has(key)) continue;
        this.raised.set(key, transaction.time);
        const evidence = detection.evidence;
        alerts.push({
          id: `ALR-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
          typology: typology.id,
          typologyVersion: typology.version,
          rules: detection.rules,
          configVersion: this.configVersion,
          subjectType: typology.subjectType,
          subjectId: detection.subjectId,
          score: detection.score,
          firstTime: evidence[0]?.time ?? transaction.time,
          lastTime: evidence.at(-1)?.time ?? transaction.time,
          evidence,
          accounts: [...new Set(evidence.flatMap(accountsOf))].sort(),
          explanation: detection.explanation,
        });
      }
    }
    this.alerts += alerts.length;
    this.sinceSweep += 1;
    if (this.sinceSweep >= 50_000) {
      this.sinceSweep = 0;
      for (const [key, at] of this.raised) if (at < watermark - REMEMBERED_MS) this.raised.delete(key);
    }
    return alerts;
  }

  /** The transactions of a history, in time order (ties as given): the alerts they raise. */
  replay(transactions: Iterable<Transaction>): MonitorAlert[] {
    const ordered = [...transactions].map((transaction, index) => ({ transaction, index }));
    ordered.sort((a, b) => a.transaction.time - b.transaction.time || a.index - b.index);
    return ordered.flatMap(({ transaction }) => this.observe(transaction));
  }

  get stats(): MonitorStats {
    return {
      observed: this.observed,
      tooLate: this.tooLate,
      alerts: this.alerts,
      held: this.detectors.reduce((sum, { detector }) => sum + detector.held, 0),
    };
  }
}
