/**
 * Record linkage (Fellegi–Sunter, unsupervised): prepared fields, comparisons with levels,
 * blocking, m/u estimation by random pairs and EM, frequency-aware scoring with explanations,
 * and clustering that refuses merges across conflicting strong identifiers.
 */
export { FIELD_ROLES, isFieldRole, type FieldRole, type LinkRecord, type RecordSource } from './roles.ts';
export {
  foldText,
  organisationName,
  prepareCode,
  prepareDate,
  prepareEmail,
  prepareGender,
  prepareIdentifier,
  prepareGivenName,
  prepareName,
  prepareNameParts,
  preparePhone,
  internValues,
  prepareRecords,
  preparers,
  prepareText,
  splitFullName,
  type PreparedDate,
  type PreparedRecords,
  type Preparers,
} from './prepare.ts';
export { jaro, jaroWinkler, jaroWinklerAtLeast, jaroWinklerByScan, oneEditApart } from './strings.ts';
export {
  bindComparisons,
  compareInto,
  compareLevel,
  comparisonFor,
  comparisonsFor,
  EXACT_LEVEL,
  NULL_LEVEL,
  type BoundComparison,
  type Comparison,
  type ComparisonKind,
} from './comparisons.ts';
export {
  blockingRulesFor,
  candidatePairs,
  DEFAULT_BLOCKING_RULES,
  DEFAULT_MAX_BLOCK_SIZE,
  type BlockingOptions,
  type BlockingRule,
  type CandidatePairs,
  type LinkMode,
} from './blocking.ts';
export { estimateU, expectationMaximisation, type EmOptions, type EmResult } from './estimate.ts';
export {
  comparisonVectors,
  createScorer,
  DEFAULT_TRAINING,
  generationsConflict,
  LINKAGE_QUALIFIERS,
  probabilityOf,
  trainModel,
  type ComparisonParameters,
  type FeatureExplanation,
  type LinkageModel,
  type LinkStage,
  type PairExplanation,
  type Scorer,
  type Training,
  type TrainingOptions,
  type TrainingReport,
  type TrainingSteps,
} from './model.ts';
export {
  clusterPairs,
  comparePairs,
  compatibleDates,
  compatibleIdentifiers,
  type Clusters,
  type ScoredPair,
} from './cluster.ts';
export {
  DEFAULT_THRESHOLD,
  IncrementalLinker,
  linkRecords,
  linkWithModel,
  rolesOf,
  type LinkOptions,
  type LinkResult,
  type ModelLinkOptions,
} from './linker.ts';
export { formalGivenName, initialMayStandFor, initialsFor } from './nicknames.ts';
export { seededRandom } from './random.ts';
