/**
 * The Fellegi–Sunter model: trained without labels, then used to score pairs. A pair's match
 * weight is the prior's log-odds plus, per comparison, log2(m/u) of the level the pair reached;
 * an exact match on a value many records share weighs log2(m / frequency of the value) instead,
 * so a hotel's front-desk phone number, on a hundred guests, counts for little.
 */
import type { BlockingOptions, BlockingRule, CandidatePairs, LinkMode } from './blocking.ts';
import { candidatePairs } from './blocking.ts';
import { givenNameGender } from './name-gender.ts';
import {
  bindComparisons,
  compareInto,
  EXACT_LEVEL,
  NULL_LEVEL,
  type BoundComparison,
  type Comparison,
} from './comparisons.ts';
import {
  estimateU,
  exactValue,
  expectationMaximisation,
  sharedInHousehold,
  valueCounts,
  type HouseholdModel,
  type HouseholdRole,
} from './estimate.ts';
import type { PreparedRecords } from './prepare.ts';
import type { FieldRole } from './roles.ts';

/** m and u of one comparison, by level code (level 0, null, has both 1: weight 0). */
export interface ComparisonParameters {
  readonly comparison: Comparison;
  readonly m: readonly number[];
  readonly u: readonly number[];
}

/** A trained model: everything needed to score pairs of records prepared the same way. */
export interface LinkageModel {
  readonly mode: LinkMode;
  readonly parameters: readonly ComparisonParameters[];
  /** λ: the chance that two records drawn at random (across the inputs when linking) are one person. */
  readonly prior: number;
  /**
   * The odds, among the candidate pairs, of two records being relatives (sharing an address, a
   * phone, a surname, but two people) rather than one person; 0 or absent when not learnt. A pair
   * is then one person only if its personal comparisons (given name, date of birth, documents)
   * also outweigh these odds.
   */
  readonly household?: number;
  /** Value counts of the term-frequency comparisons, and the records they were counted over. */
  readonly termFrequencies: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly termFrequencyRecords: number;
  readonly training: TrainingReport;
}

/** How the model was trained. */
export interface TrainingReport {
  readonly candidatePairs: number;
  readonly randomPairsPerComparison: number;
  readonly emIterations: number;
  readonly emConverged: boolean;
  /** The share of candidate pairs EM judged to match. */
  readonly candidateMatchShare: number;
}

/** Options of training. */
export interface TrainingOptions {
  readonly randomPairs: number;
  readonly seed: number;
  readonly maxIterations: number;
  readonly tolerance: number;
}

/** Training defaults: 100,000 random pairs per comparison, seed 1, EM to a change below 1e-6. */
export const DEFAULT_TRAINING: TrainingOptions = {
  randomPairs: 100_000,
  seed: 1,
  maxIterations: 500,
  tolerance: 1e-6,
};

/** The comparison vectors of candidate pairs: `pairs.count` rows of one level code per comparison. */
export function comparisonVectors(
  bound: readonly BoundComparison[],
  records: PreparedRecords,
  pairs: Pick<CandidatePairs, 'count' | 'left' | 'right'>,
): Uint8Array {
  const features = bound.length;
  const vectors = new Uint8Array(pairs.count * features);
  for (let pair = 0; pair < pairs.count; pair += 1) {
    compareInto(bound, records, pairs.left[pair] ?? 0, pairs.right[pair] ?? 0, vectors, pair * features);
  }
  return vectors;
}

function allPairs(records: PreparedRecords, mode: LinkMode): number {
  if (mode === 'dedupe') return (records.size * (records.size - 1)) / 2;
  let left = 0;
  for (let index = 0; index < records.size; index += 1) if (records.sources[index] === 0) left += 1;
  return left * (records.size - left);
}

/** The stages of linking, in order, as a caller following its progress hears of them. */
export type LinkStage = 'prepare' | 'block' | 'compare' | 'estimate' | 'score' | 'cluster';

/** What a caller of training may follow or do its own way. */
export interface TrainingSteps {
  /** Told as each stage starts. */
  readonly onStage?: (stage: LinkStage) => void;
  /**
   * Computes the comparison vectors of the candidate pairs, as {@link comparisonVectors} does (the
   * default) and with the same result: on several threads, for instance.
   */
  readonly comparisonVectors?: typeof comparisonVectors;
}

/** The trained model and what it was trained on (the candidates and their vectors are reused for scoring). */
export interface Training {
  readonly model: LinkageModel;
  readonly candidates: CandidatePairs;
  readonly vectors: Uint8Array;
}

/**
 * Trains a model on prepared records: candidate pairs by the blocking rules, u from random pairs
 * and value frequencies, m and λ by EM over the candidates' comparison vectors. λ over all pairs
 * is the expected number of matches among the candidates over the number of all pairs (matches
 * outside the candidates are taken as few: blocking is meant to keep recall high).
 */
export function trainModel(
  records: PreparedRecords,
  comparisons: readonly Comparison[],
  rules: readonly BlockingRule[],
  blocking: BlockingOptions,
  options: TrainingOptions = DEFAULT_TRAINING,
  steps: TrainingSteps = {},
): Training {
  const onStage = steps.onStage ?? (() => undefined);
  const bound = bindComparisons(comparisons, records);
  onStage('block');
  const candidates = candidatePairs(records, rules, blocking);
  onStage('compare');
  const vectors = (steps.comparisonVectors ?? comparisonVectors)(bound, records, candidates);
  onStage('estimate');
  const u = estimateU(bound, records, blocking.mode, options.randomPairs, options.seed);
  // Relatives are learnt as a class of their own where EM over all pairs gives m (few pairs: no
  // sessions). Over many pairs the sessions of one blocking rule each keep m from learning "the
  // same address" or "the same name" as a match, and a third class there is unstable: on a
  // population of namesakes it took a third of all the candidate pairs as matches.
  const household = candidates.count < MIN_SESSION_PAIRS ? householdModelOf(comparisons) : undefined;
  const em = expectationMaximisation(
    vectors,
    candidates.count,
    comparisons.map((comparison) => comparison.levels.length),
    u,
    {
      maxIterations: options.maxIterations,
      tolerance: options.tolerance,
      ...(household === undefined ? {} : { household }),
    },
  );
  const m = sessionM(comparisons, rules, candidates, vectors, u, em.m, options);
  const total = allPairs(records, blocking.mode);
  const expectedMatches = em.lambda * candidates.count;
  const prior = total === 0 ? 0 : Math.min(0.5, Math.max(expectedMatches, 1) / total);
  const termFrequencies = new Map<string, ReadonlyMap<string, number>>();
  for (const comparison of bound) {
    if (comparison.comparison.termFrequency)
      termFrequencies.set(comparison.comparison.name, valueCounts(comparison, records).all);
  }
  return {
    model: {
      mode: blocking.mode,
      parameters: comparisons.map((comparison, index) => ({
        comparison,
        m: m[index] ?? [],
        u: Array.from(u[index] ?? []),
      })),
      prior,
      ...(em.householdShare > 0 && em.lambda > 0 ? { household: em.householdShare / em.lambda } : {}),
      termFrequencies,
      termFrequencyRecords: records.size,
      training: {
        candidatePairs: candidates.count,
        randomPairsPerComparison: options.randomPairs,
        emIterations: em.iterations,
        emConverged: em.converged,
        candidateMatchShare: em.lambda,
      },
    },
    candidates,
    vectors,
  };
}

/** How each role is shared within a household (see {@link HouseholdRole}). */
const HOUSEHOLD_ROLES: Readonly<Record<FieldRole, HouseholdRole>> = {
  full_name: 'personal',
  given_name: 'personal',
  middle_name: 'personal',
  surname: 'shared-when-named',
  date_of_birth: 'personal',
  gender: 'personal',
  nationality: 'shared',
  country: 'shared',
  address: 'shared',
  street_number: 'shared',
  city: 'shared',
  postcode: 'shared',
  region: 'shared',
  phone: 'shared',
  email: 'shared',
  document_number: 'personal',
  national_id: 'personal',
  occupation: 'personal',
  place_of_birth: 'personal',
};

/** The household class for these comparisons, when they hold both personal and shared ones. */
function householdModelOf(comparisons: readonly Comparison[]): HouseholdModel | undefined {
  const roles = comparisons.map((comparison) => HOUSEHOLD_ROLES[comparison.name]);
  if (!roles.includes('personal') || !roles.some((role) => role !== 'personal')) return undefined;
  return { roles, given: comparisons.findIndex((comparison) => comparison.name === 'given_name') };
}

/**
 * Fewest candidate pairs for learning comparisons' m in sessions of one blocking rule each. Below,
 * EM on a share of the pairs is less stable than EM on all of them, and the session of all pairs
 * is kept.
 */
const MIN_SESSION_PAIRS = 50_000;

/** Fewest pairs one rule's session needs to count; a comparison no session counts keeps the whole one's m. */
const MIN_RULE_SESSION_PAIRS = 5_000;

/** Most pairs one rule's session reads (a larger rule's pairs are read at an even stride). */
const MAX_RULE_SESSION_PAIRS = 2_000_000;

/** The roles a blocking rule's keys read (a rule on "a name word" reads the name parts too). */
function rolesOfRule(rule: BlockingRule): ReadonlySet<string> {
  const roles = new Set<string>(rule.roles);
  if (/name/.test(rule.name)) for (const role of ['full_name', 'given_name', 'middle_name', 'surname']) roles.add(role);
  return roles;
}

/** The roles a comparison reads: its own, and the other name part a swapped name is looked for in. */
const rolesOfComparison = (comparison: Comparison): string[] => [
  comparison.name,
  ...(comparison.swappedWith === undefined ? [] : [comparison.swappedWith]),
  ...(comparison.keptIn === undefined ? [] : [comparison.keptIn]),
];

/**
 * Each comparison's m learnt as Splink learns it: one EM session per blocking rule, over the pairs
 * that rule found, with the comparisons the rule reads left out (their agreement there comes from
 * blocking, not from the pairs being one person); a comparison's m is the mean of the sessions
 * that did not leave it out. Without this, a population where many people share a name teaches
 * EM a match class that is "the same name", in which a different date of birth is the rule. Each
 * session keeps every comparison its rule does not read, so the evidence that tells one person
 * from a namesake (a phone, a date of birth) stays in it. A comparison no session learns keeps the
 * m of the session of all pairs.
 */
function sessionM(
  comparisons: readonly Comparison[],
  rules: readonly BlockingRule[],
  candidates: CandidatePairs,
  vectors: Uint8Array,
  u: readonly Float64Array[],
  whole: readonly Float64Array[],
  options: TrainingOptions,
): number[][] {
  const features = comparisons.length;
  const fallback = whole.map((values) => Array.from(values));
  if (candidates.count < MIN_SESSION_PAIRS) return fallback;
  const levels = comparisons.map((each) => each.levels.length);
  const sums = levels.map((size) => new Float64Array(size));
  const sessions = new Array<number>(features).fill(0);
  rules.forEach((rule, index) => {
    if (index >= 31) return;
    const bit = (1 << index) >>> 0;
    let count = 0;
    for (let pair = 0; pair < candidates.count; pair += 1) {
      if (((candidates.ruleMasks[pair] as number) & bit) !== 0) count += 1;
    }
    if (count < MIN_RULE_SESSION_PAIRS) return;
    const roles = rolesOfRule(rule);
    const dropped = comparisons.map((comparison) => rolesOfComparison(comparison).some((role) => roles.has(role)));
    if (dropped.every(Boolean)) return;
    const stride = Math.max(1, Math.ceil(count / MAX_RULE_SESSION_PAIRS));
    const rows = Math.ceil(count / stride);
    const subset = new Uint8Array(rows * features);
    let seen = 0;
    let row = 0;
    for (let pair = 0; pair < candidates.count && row < rows; pair += 1) {
      if (((candidates.ruleMasks[pair] as number) & bit) === 0) continue;
      seen += 1;
      if ((seen - 1) % stride !== 0) continue;
      for (let feature = 0; feature < features; feature += 1) {
        subset[row * features + feature] =
          dropped[feature] === true ? NULL_LEVEL : (vectors[pair * features + feature] ?? 0);
      }
      row += 1;
    }
    const session = expectationMaximisation(subset, row, levels, u, {
      maxIterations: options.maxIterations,
      tolerance: options.tolerance,
    });
    dropped.forEach((out, feature) => {
      if (out) return;
      const learnt = session.m[feature];
      const sum = sums[feature];
      if (learnt === undefined || sum === undefined) return;
      for (let level = 0; level < sum.length; level += 1) sum[level] = (sum[level] ?? 0) + (learnt[level] ?? 0);
      sessions[feature] = (sessions[feature] ?? 0) + 1;
    });
  });
  return fallback.map((values, feature) => {
    const count = sessions[feature] ?? 0;
    const sum = sums[feature];
    if (count === 0 || sum === undefined) return values;
    return Array.from(sum, (value, level) => (level === NULL_LEVEL ? 1 : value / count));
  });
}

/** One comparison's part in a pair's score. */
export interface FeatureExplanation {
  readonly feature: string;
  readonly level: string;
  readonly weight: number;
}

/** Why a pair scored what it did: the prior and each comparison's weight; they sum to `weight`. */
export interface PairExplanation {
  readonly priorWeight: number;
  readonly features: readonly FeatureExplanation[];
  readonly weight: number;
  readonly probability: number;
}

/** The probability of a match weight (log2 odds). */
export function probabilityOf(weight: number): number {
  const odds = 2 ** weight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

/** A model bound to a set of prepared records: scores pairs of them. */
export interface Scorer {
  readonly records: PreparedRecords;
  readonly bound: readonly BoundComparison[];
  readonly priorWeight: number;
  /** Scores one pair: writes its vector into `scratch` (at least one byte per comparison) and returns its match weight. */
  weight(left: number, right: number, scratch: Uint8Array): number;
  /** The weight of a pair from its already computed comparison vector. */
  weightOfVector(left: number, right: number, vectors: Uint8Array, offset: number): number;
  explain(left: number, right: number): PairExplanation;
}

/**
 * Settings of the evidence that is not a learnt comparison. A recorded generational suffix that
 * differs (Jr against Sr, II against III) is taken as about a thousand times likelier between
 * father and son than between two records of one person: −10 bits. Given names that tell
 * different genders (Mark and Marsha, Jim and Jane: twins, a couple, a brother and sister at one
 * address), where a gender is not recorded on both records (recorded ones are compared as such),
 * are taken as about thirty times likelier between two people: −5 bits, as a name can be
 * mistyped into another or put in the wrong record (−10 cost FEBRL4 five true pairs, −5 one).
 */
export const LINKAGE_QUALIFIERS = {
  generationConflictWeight: -10,
  genderConflictWeight: -5,
} as const;

/**
 * Roles that name the area around an address. They are not independent of each other: a postcode
 * implies the city, the region and the country, and a move changes all of them. So among them
 * only the strongest agreement and the strongest disagreement count (one fact is not counted four
 * times, which makes a household look like one person and someone who moved like a stranger);
 * the address and street number, which tell houses apart within an area, are summed as usual.
 */
const AREA_ROLES: ReadonlySet<string> = new Set(['postcode', 'city', 'region', 'country']);

/**
 * Each area feature's part in the weight (the parts sum to what scoring adds): the features that
 * gave the strongest agreement and the strongest disagreement keep their weights, the others
 * (counted in those) get 0.
 */
function areaParts(raw: readonly number[]): number[] {
  let best = -1;
  let worst = -1;
  raw.forEach((weight, index) => {
    if (weight > 0 && (best === -1 || weight > (raw[best] ?? 0))) best = index;
    if (weight < 0 && (worst === -1 || weight < (raw[worst] ?? 0))) worst = index;
  });
  return raw.map((weight, index) => (index === best || index === worst ? weight : 0));
}

/**
 * A comparison's weight per level, log2(m/u), none above the exact level's: a partial agreement
 * never weighs more than the whole one. EM on few pairs gives a level that no pair reached a
 * pseudo-count of m, and a near-miss level that random pairs never reach a tiny u: their ratio
 * would otherwise make "postcode one edit apart" worth far more than the same postcode. (The
 * levels below exact are not one scale, a partial date against one part mistyped, so they are
 * not held in order among themselves.)
 */
export function levelWeightsOf(m: readonly number[], u: readonly number[]): Float64Array {
  const weights = new Float64Array(m.length);
  const exact = Math.log2((m[EXACT_LEVEL] ?? 1) / (u[EXACT_LEVEL] ?? 1));
  for (let level = EXACT_LEVEL; level < m.length; level += 1) {
    weights[level] = Math.min(Math.log2((m[level] ?? 1) / (u[level] ?? 1)), exact);
  }
  return weights;
}

/** The explanation's name for a conflict of genders told by given names (apart from the gender comparison). */
const GENDER_CONFLICT_FEATURE = 'genders of the given names';
const UNKNOWN_GENDER = 0;
const FEMALE = 1;
const MALE = 2;

/**
 * Each record's gender (unknown, female, male) as recorded, or else as its given name tells it,
 * and whether it was recorded.
 */
function gendersOf(records: PreparedRecords): { gender: Uint8Array; recorded: Uint8Array } {
  const recordedGenders = records.text.get('gender');
  const givenNames = records.text.get('given_name');
  const gender = new Uint8Array(records.size);
  const recorded = new Uint8Array(records.size);
  const code = (written: string) => (written === 'f' ? FEMALE : written === 'm' ? MALE : UNKNOWN_GENDER);
  const byName = new Map<string, number>();
  for (let index = 0; index < records.size; index += 1) {
    const written = recordedGenders?.[index] ?? '';
    if (written !== '') {
      gender[index] = code(written);
      recorded[index] = 1;
      continue;
    }
    const given = givenNames?.[index] ?? '';
    let told = byName.get(given);
    if (told === undefined) {
      told = code(givenNameGender(given));
      byName.set(given, told);
    }
    gender[index] = told;
  }
  return { gender, recorded };
}

/** Whether two prepared generational suffixes conflict: both recorded and different. */
export function generationsConflict(left: string, right: string): boolean {
  return left !== '' && right !== '' && left !== right;
}

/** Binds a model to prepared records, with per-level weights and the weight of an exact match on each record's value precomputed. */
export function createScorer(model: LinkageModel, records: PreparedRecords): Scorer {
  const comparisons = model.parameters.map((parameters) => parameters.comparison);
  const bound = bindComparisons(comparisons, records);
  const features = bound.length;
  const levelWeights = model.parameters.map(({ m, u }) => levelWeightsOf(m, u));
  const exactM = model.parameters.map(({ m }) => m[EXACT_LEVEL] ?? 1);
  // Per record, the weight of an exact match on its value, log2(m / the value's frequency) (NaN
  // where the value is missing): a pair's is the lesser of its two records', the commoner value's.
  const exactWeights = bound.map((comparison, feature) => {
    const counts = model.termFrequencies.get(comparison.comparison.name);
    if (counts === undefined) return undefined;
    let present = 0;
    for (const count of counts.values()) present += count;
    const m = exactM[feature] ?? 1;
    const column = new Float64Array(records.size);
    for (let index = 0; index < records.size; index += 1) {
      const value = exactValue(comparison, records, index);
      const frequency = value === '' ? Number.NaN : Math.max(counts.get(value) ?? 1, 1) / Math.max(present, 1);
      column[index] = frequency > 0 ? Math.log2(m / frequency) : Number.NaN;
    }
    return column;
  });
  const priorWeight = Math.log2(model.prior / (1 - model.prior));
  const isArea = bound.map((comparison) => AREA_ROLES.has(comparison.comparison.name));
  const generations = records.generations;
  const genders = gendersOf(records);
  const householdOdds = model.household ?? 0;
  const household = householdOdds > 0 ? householdModelOf(comparisons) : undefined;
  const givenFeature = household?.given ?? -1;

  function featureWeight(feature: number, level: number, left: number, right: number): number {
    if (level === EXACT_LEVEL) {
      const column = exactWeights[feature];
      if (column !== undefined) {
        const weight = Math.min(column[left] ?? Number.NaN, column[right] ?? Number.NaN);
        if (!Number.isNaN(weight)) return weight;
      }
    }
    return levelWeights[feature]?.[level] ?? 0;
  }

  function qualifierWeight(left: number, right: number): number {
    return generationConflictWeight(left, right) + genderConflictWeight(left, right);
  }

  function generationConflictWeight(left: number, right: number): number {
    return generationsConflict(generations[left] ?? '', generations[right] ?? '')
      ? LINKAGE_QUALIFIERS.generationConflictWeight
      : 0;
  }

  function genderConflictWeight(left: number, right: number): number {
    const leftGender = genders.gender[left] ?? UNKNOWN_GENDER;
    const rightGender = genders.gender[right] ?? UNKNOWN_GENDER;
    return leftGender !== UNKNOWN_GENDER &&
      rightGender !== UNKNOWN_GENDER &&
      leftGender !== rightGender &&
      (genders.recorded[left] === 0 || genders.recorded[right] === 0)
      ? LINKAGE_QUALIFIERS.genderConflictWeight
      : 0;
  }

  // The weight of the personal comparisons alone (what tells a person from a relative), summed by
  // `weightOfVector` in the same pass as the whole weight and read just after it.
  let personalWeight = 0;

  function weightOfVector(left: number, right: number, vectors: Uint8Array, offset: number): number {
    const givenLevel = givenFeature < 0 ? NULL_LEVEL : (vectors[offset + givenFeature] ?? 0);
    const qualifier = qualifierWeight(left, right);
    let weight = priorWeight;
    let personal = qualifier;
    let areaBest = 0;
    let areaWorst = 0;
    for (let feature = 0; feature < features; feature += 1) {
      const level = vectors[offset + feature] ?? 0;
      if (level === NULL_LEVEL) continue;
      const value = featureWeight(feature, level, left, right);
      if (isArea[feature] !== true) weight += value;
      else if (value > areaBest) areaBest = value;
      else if (value < areaWorst) areaWorst = value;
      if (household !== undefined && !sharedInHousehold(household, feature, givenLevel)) personal += value;
    }
    weight += areaBest + areaWorst + qualifier;
    personalWeight = personal;
    if (household === undefined) return weight;
    // Against strangers (the weight so far) and against relatives (the personal evidence
    // against the household odds): the odds of one person are 1 / (1/odds₁ + 1/odds₂).
    return -Math.log2(2 ** -weight + householdOdds * 2 ** -personal);
  }

  return {
    records,
    bound,
    priorWeight,
    weight(left, right, scratch) {
      compareInto(bound, records, left, right, scratch, 0);
      return weightOfVector(left, right, scratch, 0);
    },
    weightOfVector,
    explain(left, right) {
      const scratch = new Uint8Array(features);
      compareInto(bound, records, left, right, scratch, 0);
      const raw = bound.map((_, feature) => featureWeight(feature, scratch[feature] ?? 0, left, right));
      const area = bound.flatMap((_, feature) => (isArea[feature] === true ? [feature] : []));
      const parts = areaParts(area.map((feature) => raw[feature] ?? 0));
      area.forEach((feature, index) => (raw[feature] = parts[index] ?? 0));
      const explained: FeatureExplanation[] = bound.map((comparison, feature) => {
        const level = scratch[feature] ?? 0;
        return {
          feature: comparison.comparison.name,
          level: comparison.comparison.levels[level] ?? String(level),
          weight: raw[feature] ?? 0,
        };
      });
      const generation = generationConflictWeight(left, right);
      if (generation !== 0) {
        explained.push({
          feature: 'generation',
          level: `conflict (${generations[left] ?? ''} / ${generations[right] ?? ''})`,
          weight: generation,
        });
      }
      const gender = genderConflictWeight(left, right);
      if (gender !== 0) {
        const told = (index: number) =>
          `${genders.gender[index] === FEMALE ? 'f' : 'm'}${genders.recorded[index] === 1 ? '' : ' by the given name'}`;
        explained.push({
          feature: GENDER_CONFLICT_FEATURE,
          level: `conflict (${told(left)} / ${told(right)})`,
          weight: gender,
        });
      }
      const weight = weightOfVector(left, right, scratch, 0);
      const personal = personalWeight;
      const strangers = priorWeight + explained.reduce((sum, feature) => sum + feature.weight, 0);
      if (household !== undefined && weight !== strangers) {
        explained.push({
          feature: 'household',
          level: `a relative rather than the person (personal evidence ${personal.toFixed(1)} bits)`,
          weight: weight - strangers,
        });
      }
      return { priorWeight, features: explained, weight, probability: probabilityOf(weight) };
    },
  };
}
