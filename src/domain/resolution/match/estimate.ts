/**
 * Estimating the Fellegi–Sunter parameters without labels: u (the chance a level occurs between
 * two different people) from random pairs and from value frequencies, m (its chance between two
 * records of one person) and the share of matches λ by expectation–maximisation over the
 * comparison vectors of the blocked candidate pairs.
 */
import { compareLevel, EXACT_LEVEL, NULL_LEVEL, type BoundComparison } from './comparisons.ts';
import type { LinkMode } from './blocking.ts';
import type { PreparedRecords } from './prepare.ts';
import { seededRandom } from './random.ts';

/** Pseudo-count added to every level when turning counts into probabilities. */
const PSEUDO_COUNT = 0.5;

/** The value a comparison's exact level matches on, for counting frequencies ('' when missing). */
export function exactValue(bound: BoundComparison, records: PreparedRecords, index: number): string {
  if (bound.kind === 'date') {
    const year = records.dates.year[index] ?? 0;
    return year === 0 ? '' : `${year}-${records.dates.month[index] ?? 0}-${records.dates.day[index] ?? 0}`;
  }
  return bound.values[index] ?? '';
}

/** How many records hold each value of a comparison, per input. */
export function valueCounts(
  bound: BoundComparison,
  records: PreparedRecords,
): { all: Map<string, number>; bySource: [Map<string, number>, Map<string, number>] } {
  const all = new Map<string, number>();
  const bySource: [Map<string, number>, Map<string, number>] = [new Map<string, number>(), new Map<string, number>()];
  for (let index = 0; index < records.size; index += 1) {
    const value = exactValue(bound, records, index);
    if (value === '') continue;
    all.set(value, (all.get(value) ?? 0) + 1);
    const perSource = bySource[records.sources[index] === 1 ? 1 : 0];
    perSource.set(value, (perSource.get(value) ?? 0) + 1);
  }
  return { all, bySource };
}

/** The chance that two different records with the value present agree exactly, from value counts. */
function exactAgreement(bound: BoundComparison, records: PreparedRecords, mode: LinkMode): number {
  const { all, bySource } = valueCounts(bound, records);
  if (mode === 'dedupe') {
    let present = 0;
    let agreeing = 0;
    for (const count of all.values()) {
      present += count;
      agreeing += count * (count - 1);
    }
    return present < 2 ? 0 : agreeing / (present * (present - 1));
  }
  const [left, right] = bySource;
  let leftPresent = 0;
  let rightPresent = 0;
  let agreeing = 0;
  for (const [value, count] of left) {
    leftPresent += count;
    agreeing += count * (right.get(value) ?? 0);
  }
  for (const count of right.values()) rightPresent += count;
  return leftPresent === 0 || rightPresent === 0 ? 0 : agreeing / (leftPresent * rightPresent);
}

/**
 * u per level of each comparison: the exact level from value frequencies (exact, no sampling),
 * the others from `samples` random pairs of records that both hold a value, drawn with a seeded
 * generator (so the estimate is deterministic).
 */
export function estimateU(
  bound: readonly BoundComparison[],
  records: PreparedRecords,
  mode: LinkMode,
  samples: number,
  seed: number,
): Float64Array[] {
  const random = seededRandom(seed);
  return bound.map((comparison) => {
    const levels = comparison.comparison.levels.length;
    const u = new Float64Array(levels);
    const present: [number[], number[]] = [[], []];
    for (let index = 0; index < records.size; index += 1) {
      if (exactValue(comparison, records, index) !== '') present[records.sources[index] === 1 ? 1 : 0].push(index);
    }
    const [first, second] = mode === 'link' ? present : [present[0], present[0]];
    const counts = new Float64Array(levels);
    if (first.length > 0 && second.length > 0 && first.length + second.length > 2) {
      for (let sample = 0; sample < samples; sample += 1) {
        const left = first[Math.floor(random() * first.length)] as number;
        const right = second[Math.floor(random() * second.length)] as number;
        if (left === right) continue;
        const level = compareLevel(comparison, records, left, right);
        counts[level] = (counts[level] ?? 0) + 1;
      }
    }
    const exact = exactAgreement(comparison, records, mode);
    let others = 0;
    for (let level = EXACT_LEVEL + 1; level < levels; level += 1) others += (counts[level] ?? 0) + PSEUDO_COUNT;
    u[NULL_LEVEL] = 1;
    // An exact value shared by no two records still has some chance of being shared by strangers.
    const exactU = Math.max(exact, 1 / (samples + 1));
    u[EXACT_LEVEL] = exactU;
    for (let level = EXACT_LEVEL + 1; level < levels; level += 1) {
      u[level] = (1 - exactU) * (((counts[level] ?? 0) + PSEUDO_COUNT) / others);
    }
    return u;
  });
}

/** The result of expectation–maximisation over candidate pairs. */
export interface EmResult {
  /** m per comparison per level (level 0, null, is 1). */
  readonly m: Float64Array[];
  /** u among the candidate pairs (not the u used for scoring, which comes from random pairs). */
  readonly candidateU: Float64Array[];
  /** The share of candidate pairs that match. */
  readonly lambda: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Options of expectation–maximisation. */
export interface EmOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
}

/**
 * Expectation–maximisation of a two-class mixture over comparison vectors (`vectors`: `count`
 * rows of `levels.length` level codes). Identical vectors are counted once with a weight, so an
 * iteration costs the number of distinct patterns, not of pairs. Null levels are left out of the
 * likelihood. The class whose exact levels are commoner is the match class.
 */
export function expectationMaximisation(
  vectors: Uint8Array,
  count: number,
  levels: readonly number[],
  initialU: readonly Float64Array[],
  options: EmOptions,
): EmResult {
  const features = levels.length;
  // Distinct patterns, keyed by their mixed-radix number.
  const patternCounts = new Map<number, number>();
  for (let pair = 0; pair < count; pair += 1) {
    let key = 0;
    for (let feature = 0; feature < features; feature += 1) {
      key = key * (levels[feature] ?? 1) + (vectors[pair * features + feature] ?? 0);
    }
    patternCounts.set(key, (patternCounts.get(key) ?? 0) + 1);
  }
  const patterns = patternCounts.size;
  const patternLevels = new Uint8Array(patterns * features);
  const weights = new Float64Array(patterns);
  let row = 0;
  for (const [key, weight] of patternCounts) {
    let rest = key;
    for (let feature = features - 1; feature >= 0; feature -= 1) {
      const radix = levels[feature] ?? 1;
      patternLevels[row * features + feature] = rest % radix;
      rest = Math.floor(rest / radix);
    }
    weights[row] = weight;
    row += 1;
  }

  let m = levels.map((size) => {
    const values = new Float64Array(size);
    values[NULL_LEVEL] = 1;
    // Start from "matches mostly agree exactly", spreading the rest geometrically down the levels.
    let rest = 0.1;
    values[EXACT_LEVEL] = 0.9;
    for (let level = EXACT_LEVEL + 1; level < size; level += 1) {
      const share = level === size - 1 ? rest : rest / 2;
      values[level] = share;
      rest -= share;
    }
    return values;
  });
  let u = initialU.map((values) => Float64Array.from(values));
  let lambda = 0.1;
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    iterations += 1;
    const nextM = levels.map((size) => new Float64Array(size));
    const nextU = levels.map((size) => new Float64Array(size));
    let matchMass = 0;
    let total = 0;
    for (let pattern = 0; pattern < patterns; pattern += 1) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let feature = 0; feature < features; feature += 1) {
        const level = patternLevels[pattern * features + feature] ?? 0;
        if (level === NULL_LEVEL) continue;
        pm *= m[feature]?.[level] ?? 1;
        pu *= u[feature]?.[level] ?? 1;
      }
      const posterior = pm + pu === 0 ? 0 : pm / (pm + pu);
      const weight = weights[pattern] ?? 0;
      matchMass += weight * posterior;
      total += weight;
      for (let feature = 0; feature < features; feature += 1) {
        const level = patternLevels[pattern * features + feature] ?? 0;
        if (level === NULL_LEVEL) continue;
        const featureM = nextM[feature] as Float64Array;
        const featureU = nextU[feature] as Float64Array;
        featureM[level] = (featureM[level] ?? 0) + weight * posterior;
        featureU[level] = (featureU[level] ?? 0) + weight * (1 - posterior);
      }
    }
    const normalise = (values: Float64Array) => {
      let sum = 0;
      for (let level = EXACT_LEVEL; level < values.length; level += 1) sum += (values[level] ?? 0) + PSEUDO_COUNT;
      for (let level = EXACT_LEVEL; level < values.length; level += 1) {
        values[level] = ((values[level] ?? 0) + PSEUDO_COUNT) / sum;
      }
      values[NULL_LEVEL] = 1;
      return values;
    };
    nextM.forEach(normalise);
    nextU.forEach(normalise);
    const nextLambda = total === 0 ? 0 : matchMass / total;
    let change = Math.abs(nextLambda - lambda);
    for (let feature = 0; feature < features; feature += 1) {
      for (let level = EXACT_LEVEL; level < (levels[feature] ?? 0); level += 1) {
        change = Math.max(change, Math.abs((nextM[feature]?.[level] ?? 0) - (m[feature]?.[level] ?? 0)));
      }
    }
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (change < options.tolerance) {
      converged = true;
      break;
    }
  }
  // The two classes of a mixture are interchangeable: the match class agrees exactly more often.
  let exactM = 0;
  let exactU = 0;
  for (let feature = 0; feature < features; feature += 1) {
    exactM += m[feature]?.[EXACT_LEVEL] ?? 0;
    exactU += u[feature]?.[EXACT_LEVEL] ?? 0;
  }
  if (exactU > exactM) return { m: u, candidateU: m, lambda: 1 - lambda, iterations, converged };
  return { m, candidateU: u, lambda, iterations, converged };
}
