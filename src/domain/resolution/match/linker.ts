/**
 * Linking records end to end: prepare, block, train (unsupervised), score, cluster. In batch over
 * a whole data set, or incrementally, adding records to an existing clustering with a trained model.
 */
import {
  blockingRulesFor,
  candidatePairs,
  DEFAULT_MAX_BLOCK_SIZE,
  type BlockingRule,
  type CandidatePairs,
  type LinkMode,
} from './blocking.ts';
import { clusterPairs, type ScoredPair } from './cluster.ts';
import { comparisonsFor, type Comparison } from './comparisons.ts';
import {
  createScorer,
  DEFAULT_TRAINING,
  probabilityOf,
  trainModel,
  type LinkageModel,
  type LinkStage,
  type Scorer,
  type TrainingOptions,
  type TrainingSteps,
} from './model.ts';
import { prepareRecords, type PreparedRecords } from './prepare.ts';
import type { FieldRole, LinkRecord } from './roles.ts';

/** The default probability at or above which a pair is a predicted match. */
export const DEFAULT_THRESHOLD = 0.5;

/** Options of linking. */
export interface LinkOptions {
  readonly mode: LinkMode;
  /** The roles the records carry (default: every role some record has). */
  readonly roles?: ReadonlySet<FieldRole>;
  readonly threshold?: number;
  readonly maxBlockSize?: number;
  readonly comparisons?: readonly Comparison[];
  readonly blockingRules?: readonly BlockingRule[];
  readonly training?: Partial<TrainingOptions>;
  /** Told as each stage starts (to report progress and where the time goes). */
  readonly onStage?: (stage: LinkStage) => void;
  /** Computes the candidate pairs' comparison vectors (default: on this thread). */
  readonly comparisonVectors?: TrainingSteps['comparisonVectors'];
}

/** What linking found. */
export interface LinkResult {
  readonly model: LinkageModel;
  readonly records: PreparedRecords;
  readonly scorer: Scorer;
  readonly candidates: CandidatePairs;
  /** The predicted matches: pairs at or above the threshold, by descending probability. */
  readonly pairs: readonly ScoredPair[];
  /** For each record, the index of the first record of its cluster. */
  readonly clusterOf: Int32Array;
  /** Merges refused because the clusters held conflicting strong identifiers. */
  readonly refusedMerges: number;
}

/** The roles some record has a value for. */
export function rolesOf(records: readonly LinkRecord[]): Set<FieldRole> {
  const roles = new Set<FieldRole>();
  for (const record of records) {
    for (const [role, value] of Object.entries(record.fields) as [FieldRole, string | undefined][]) {
      if (value !== undefined && value.trim() !== '') roles.add(role);
    }
  }
  return roles;
}

function scoreCandidates(
  scorer: Scorer,
  candidates: Pick<CandidatePairs, 'count' | 'left' | 'right'>,
  threshold: number,
  vectors?: Uint8Array,
): ScoredPair[] {
  const features = scorer.bound.length;
  const scratch = new Uint8Array(features);
  const pairs: ScoredPair[] = [];
  for (let pair = 0; pair < candidates.count; pair += 1) {
    const left = candidates.left[pair] ?? 0;
    const right = candidates.right[pair] ?? 0;
    const weight =
      vectors === undefined
        ? scorer.weight(left, right, scratch)
        : scorer.weightOfVector(left, right, vectors, pair * features);
    const probability = probabilityOf(weight);
    if (probability >= threshold) pairs.push({ left, right, probability });
  }
  return pairs.sort((a, b) => b.probability - a.probability || a.left - b.left || a.right - b.right);
}

/**
 * Below this probability of being one person, scored on their own, two records are not joined by
 * a chain of likelier pairs: the model, looking at them side by side, takes them for two people.
 */
export const CHAIN_REFUSAL_PROBABILITY = 0.01;

/** Clustering's question "do these two records contradict each other?", answered by the model. */
function contradictionsOf(scorer: Scorer): (left: number, right: number) => boolean {
  const scratch = new Uint8Array(scorer.bound.length);
  return (left, right) => probabilityOf(scorer.weight(left, right, scratch)) < CHAIN_REFUSAL_PROBABILITY;
}

function clustersOf(scorer: Scorer, pairs: readonly ScoredPair[]): { clusterOf: Int32Array; refused: number } {
  const records = scorer.records;
  const members = Array.from({ length: records.size }, (_, index) => index);
  const clusters = clusterPairs(records, members, pairs, contradictionsOf(scorer));
  const clusterOf = new Int32Array(records.size);
  for (const [member, cluster] of clusters.clusterOf) clusterOf[member] = cluster;
  return { clusterOf, refused: clusters.refused };
}

/** Links records in batch: trains a model on them (no labels), scores the candidate pairs, clusters. */
export function linkRecords(records: readonly LinkRecord[], options: LinkOptions): LinkResult {
  const onStage = options.onStage ?? (() => undefined);
  const roles = options.roles ?? rolesOf(records);
  onStage('prepare');
  const prepared = prepareRecords(records, roles);
  const comparisons = options.comparisons ?? comparisonsFor(roles);
  const rules = options.blockingRules ?? blockingRulesFor(roles);
  const blocking = { mode: options.mode, maxBlockSize: options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE };
  const training = trainModel(
    prepared,
    comparisons,
    rules,
    blocking,
    { ...DEFAULT_TRAINING, ...options.training },
    { onStage, comparisonVectors: options.comparisonVectors },
  );
  const scorer = createScorer(training.model, prepared);
  onStage('score');
  const pairs = scoreCandidates(scorer, training.candidates, options.threshold ?? DEFAULT_THRESHOLD, training.vectors);
  onStage('cluster');
  const { clusterOf, refused } = clustersOf(scorer, pairs);
  return {
    model: training.model,
    records: prepared,
    scorer,
    candidates: training.candidates,
    pairs,
    clusterOf,
    refusedMerges: refused,
  };
}

/** Options of linking with a model already trained. */
export interface ModelLinkOptions {
  readonly roles: ReadonlySet<FieldRole>;
  readonly threshold?: number;
  readonly maxBlockSize?: number;
  readonly blockingRules?: readonly BlockingRule[];
}

/** Links records in batch with a trained model (no training): the batch twin of {@link IncrementalLinker}. */
export function linkWithModel(
  model: LinkageModel,
  records: readonly LinkRecord[],
  options: ModelLinkOptions,
): Omit<LinkResult, 'model'> {
  const prepared = prepareRecords(records, options.roles);
  const scorer = createScorer(model, prepared);
  const candidates = candidatePairs(prepared, options.blockingRules ?? blockingRulesFor(options.roles), {
    mode: model.mode,
    maxBlockSize: options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE,
  });
  const pairs = scoreCandidates(scorer, candidates, options.threshold ?? DEFAULT_THRESHOLD);
  const { clusterOf, refused } = clustersOf(scorer, pairs);
  return { records: prepared, scorer, candidates, pairs, clusterOf, refusedMerges: refused };
}

/**
 * Adds records to an existing clustering with a trained model. Each addition finds the new
 * records' candidate pairs (against all records so far), scores them, and re-clusters only the
 * groups of records the new pairs connect, taking all their pairs in the same global order as
 * batch clustering does: the clusters are the same as {@link linkWithModel} on all the records
 * (as long as no block grows past the largest block size between additions).
 */
export class IncrementalLinker {
  private readonly all: LinkRecord[] = [];
  private prepared: PreparedRecords | undefined;
  private clusters = new Int32Array(0);
  private readonly pairsOf = new Map<number, ScoredPair[]>();

  constructor(
    private readonly model: LinkageModel,
    private readonly options: ModelLinkOptions,
  ) {}

  /** Adds records; returns the new predicted matches (pairs involving at least one new record). */
  add(records: readonly LinkRecord[]): ScoredPair[] {
    const from = this.all.length;
    this.all.push(...records);
    // Preparing again is linear and keeps the prepared columns one set of arrays.
    const prepared = prepareRecords(this.all, this.options.roles);
    this.prepared = prepared;
    const scorer = createScorer(this.model, prepared);
    const candidates = candidatePairs(prepared, this.options.blockingRules ?? blockingRulesFor(this.options.roles), {
      mode: this.model.mode,
      maxBlockSize: this.options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE,
      from,
    });
    const pairs = scoreCandidates(scorer, candidates, this.options.threshold ?? DEFAULT_THRESHOLD);
    const clusters = new Int32Array(prepared.size);
    clusters.set(this.clusters);
    for (let index = from; index < prepared.size; index += 1) clusters[index] = index;
    this.clusters = clusters;
    for (const pair of pairs) {
      for (const end of [pair.left, pair.right]) {
        const list = this.pairsOf.get(end);
        if (list === undefined) this.pairsOf.set(end, [pair]);
        else list.push(pair);
      }
    }
    // The groups the new pairs touch, through every pair kept so far.
    const members = new Set<number>();
    const stack = pairs.flatMap((pair) => [pair.left, pair.right]);
    while (stack.length > 0) {
      const node = stack.pop() as number;
      if (members.has(node)) continue;
      members.add(node);
      for (const pair of this.pairsOf.get(node) ?? []) {
        if (!members.has(pair.left)) stack.push(pair.left);
        if (!members.has(pair.right)) stack.push(pair.right);
      }
    }
    const groupPairs = new Set<ScoredPair>();
    for (const member of members) for (const pair of this.pairsOf.get(member) ?? []) groupPairs.add(pair);
    const regrouped = clusterPairs(prepared, [...members], [...groupPairs], contradictionsOf(scorer));
    for (const [member, cluster] of regrouped.clusterOf) clusters[member] = cluster;
    return pairs;
  }

  /** For each record added so far, the index of the first record of its cluster. */
  clusterOf(): Int32Array {
    return this.clusters.slice();
  }

  /** The records added so far, prepared. */
  records(): PreparedRecords | undefined {
    return this.prepared;
  }
}
