/**
 * What a typology is to the engine: versioned data (its id, sources, parameters) and a detector
 * that observes transactions in time order and reports detections. Most typologies are windowed
 * aggregates per subject (see windowed.ts); a detector may keep any bounded state (cycles).
 */
import type { ParameterSpec, Parameters } from './parameters.ts';
import type { Transaction } from './transaction.ts';

/** What an alert is about. */
export type SubjectType = 'account' | 'merchant' | 'card';

/** A rule of a typology, as an alert names it. */
export interface RuleRef {
  readonly id: string;
  readonly version: number;
}

/** What a detector found about one subject. */
export interface Detection {
  readonly subjectId: string;
  /** 0 to 1: the weight of the rules that found it, of all the typology's. */
  readonly score: number;
  /** The rules that found it. */
  readonly rules: readonly RuleRef[];
  /** The transactions that show it. */
  readonly evidence: readonly Transaction[];
  /** One sentence: why. */
  readonly explanation: string;
  /** The period it belongs to (alerts are deduplicated by typology, subject and period). */
  readonly period: number;
}

/**
 * Observes transactions; `watermark` is the time before which nothing more will arrive. What its
 * windows no longer need it forgets as it goes (see sweeper.ts).
 */
export interface Detector {
  observe(transaction: Transaction, watermark: number): readonly Detection[];
  /** Transactions held. */
  readonly held: number;
}

/** A typology of the library. */
export interface Typology {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  /** What it looks for, in a few sentences. */
  readonly summary: string;
  /** Where the red flag is documented (advisories, reports, indicators). */
  readonly sources: readonly string[];
  readonly subjectType: SubjectType;
  readonly parameters: readonly ParameterSpec[];
  /** Its rules, with their weights, as documentation names them. */
  readonly rules: readonly RuleDescription[];
  detector(parameters: Parameters): Detector;
}

/** A rule of a typology, described. */
export interface RuleDescription extends RuleRef {
  readonly weight: number;
  readonly description: string;
}
