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
  /** The share of candidate pairs that are relatives (0 without {@link EmOptions.household}). */
  readonly householdShare: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * How a comparison is shared within a household: `personal` (a relative is a stranger on it: a
 * given name, a date of birth, a document), `shared` (a relative agrees as the person does: the
 * address, the home phone, the family's e-mail) or `shared-when-named` (shared when
 * the `given` comparison is present in the pair, personal otherwise: a surname is the family's,
 * but an organisation's name, or a lone name, is its own).
 */
export type HouseholdRole = 'personal' | 'shared' | 'shared-when-named';

/** The household class of EM: how each comparison is shared, and the comparison of given names. */
export interface HouseholdModel {
  readonly roles: readonly HouseholdRole[];
  /** The index of the given-name comparison (-1 when there is none). */
  readonly given: number;
}

/** Options of expectation–maximisation. */
export interface EmOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
  /**
   * A third class besides matches and strangers: relatives, who look like the person on the
   * shared comparisons (same m) and like strangers on the personal ones (same u). It has no
   * parameters of its own but its share, so it cannot become some other class; without it, a data
   * set of families teaches EM that a match is "the same address and surname".
   */
  readonly household?: HouseholdModel;
}

/**
 * What one person's records look like on a personal comparison, added to the match class's counts
 * as a few pseudo-pairs: mostly the same ({@link PERSONAL_PRIOR_EXACT}), rarely apart
 * ({@link PERSONAL_PRIOR_APART}), the rest spread over the levels between. Without it, on a data
 * set of a few hundred pairs, EM lets the match class take in the relatives, whose given names and
 * dates of birth differ, and the household class is never learnt. A few pairs weigh nothing
 * against the thousands a larger data set brings.
 */
export const PERSONAL_PRIOR_PAIRS = 3;
const PERSONAL_PRIOR_EXACT = 0.8;
const PERSONAL_PRIOR_APART = 0.02;

function addPersonalPrior(m: Float64Array[], household: HouseholdModel): void {
  m.forEach((values, feature) => {
    if (household.roles[feature] === 'shared') return;
    const last = values.length - 1;
    const between = last - EXACT_LEVEL - 1;
    for (let level = EXACT_LEVEL; level <= last; level += 1) {
      const share =
        level === EXACT_LEVEL
          ? PERSONAL_PRIOR_EXACT
          : between === 0
            ? 1 - PERSONAL_PRIOR_EXACT
            : level === last
              ? PERSONAL_PRIOR_APART
              : (1 - PERSONAL_PRIOR_EXACT - PERSONAL_PRIOR_APART) / between;
      values[level] = (values[level] ?? 0) + PERSONAL_PRIOR_PAIRS * share;
    }
  });
}

/** Whether comparison `feature` of a pattern counts as shared within a household (see {@link HouseholdRole}). */
export function sharedInHousehold(household: HouseholdModel, feature: number, givenLevel: number): boolean {
  const role = household.roles[feature];
  return role === 'shared' || (role === 'shared-when-named' && givenLevel !== NULL_LEVEL);
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
  const household = options.household;
  // Per pattern and comparison, whether the household class shares the match class's m there.
  const shared = new Uint8Array(household === undefined ? 0 : patterns * features);
  if (household !== undefined) {
    for (let pattern = 0; pattern < patterns; pattern += 1) {
      const givenLevel = household.given < 0 ? NULL_LEVEL : (patternLevels[pattern * features + household.given] ?? 0);
      for (let feature = 0; feature < features; feature += 1) {
        shared[pattern * features + feature] = sharedInHousehold(household, feature, givenLevel) ? 1 : 0;
      }
    }
  }
  let lambda = 0.1;
  // Relatives start as common as matches could be: EM then moves them where the pairs say.
  let householdShare = household === undefined ? 0 : 0.3;
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    iterations += 1;
    const nextM = levels.map((size) => new Float64Array(size));
    const nextU = levels.map((size) => new Float64Array(size));
    let matchMass = 0;
    let householdMass = 0;
    let total = 0;
    for (let pattern = 0; pattern < patterns; pattern += 1) {
      let pm = lambda;
      let pu = 1 - lambda - householdShare;
      let ph = householdShare;
      for (let feature = 0; feature < features; feature += 1) {
        const level = patternLevels[pattern * features + feature] ?? 0;
        if (level === NULL_LEVEL) continue;
        const featureM = m[feature]?.[level] ?? 1;
        const featureU = u[feature]?.[level] ?? 1;
        pm *= featureM;
        pu *= featureU;
        if (household !== undefined) ph *= shared[pattern * features + feature] === 1 ? featureM : featureU;
      }
      const sum = pm + pu + ph;
      const posterior = sum === 0 ? 0 : pm / sum;
      const relative = sum === 0 ? 0 : ph / sum;
      const weight = weights[pattern] ?? 0;
      matchMass += weight * posterior;
      householdMass += weight * relative;
      total += weight;
      for (let feature = 0; feature < features; feature += 1) {
        const level = patternLevels[pattern * features + feature] ?? 0;
        if (level === NULL_LEVEL) continue;
        const featureM = nextM[feature] as Float64Array;
        const featureU = nextU[feature] as Float64Array;
        // A relative counts towards m where the household shares the comparison, towards u where not.
        const toM = household !== undefined && shared[pattern * features + feature] === 1 ? relative : 0;
        featureM[level] = (featureM[level] ?? 0) + weight * (posterior + toM);
        featureU[level] = (featureU[level] ?? 0) + weight * (1 - posterior - toM);
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
    if (household !== undefined) addPersonalPrior(nextM, household);
    nextM.forEach(normalise);
    nextU.forEach(normalise);
    const nextLambda = total === 0 ? 0 : matchMass / total;
    const nextHouseholdShare = total === 0 ? 0 : householdMass / total;
    let change = Math.max(Math.abs(nextLambda - lambda), Math.abs(nextHouseholdShare - householdShare));
    for (let feature = 0; feature < features; feature += 1) {
      for (let level = EXACT_LEVEL; level < (levels[feature] ?? 0); level += 1) {
        change = Math.max(change, Math.abs((nextM[feature]?.[level] ?? 0) - (m[feature]?.[level] ?? 0)));
      }
    }
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    householdShare = nextHouseholdShare;
    if (change < options.tolerance) {
      converged = true;
      break;
    }
  }
  // The two classes of a mixture are interchangeable: the match class agrees exactly more often.
  // (With a household class the match class is the one the household shares m with: not swapped.)
  let exactM = 0;
  let exactU = 0;
  for (let feature = 0; feature < features; feature += 1) {
    exactM += m[feature]?.[EXACT_LEVEL] ?? 0;
    exactU += u[feature]?.[EXACT_LEVEL] ?? 0;
  }
  if (exactU > exactM && household === undefined) {
    return { m: u, candidateU: m, lambda: 1 - lambda, householdShare, iterations, converged };
  }
  return { m, candidateU: u, lambda, householdShare, iterations, converged };
}
