/**
 * Screening: an index of list entries (notices, imported lists) and the scoring of a query
 * against them, with the features that made each hit.
 */
export {
  isFindable,
  ScreeningInputError,
  type ScreeningDocument,
  type ScreeningEntry,
  type ScreeningFields,
  type ScreeningQuery,
} from './entry.ts';
export { entriesFromFtm, ftmEntityOf } from './ftm-list.ts';
export { prepareFields, prepareGender, type PreparedFields } from './prepare.ts';
export {
  scoreEntry,
  SCREENING_WEIGHTS,
  type ScoredEntry,
  type ScreeningFeature,
  type ScreeningScore,
  type SharedIdentifiers,
} from './score.ts';
export {
  COMMON_TOKEN_SHARE,
  DEFAULT_SCREENING_LIMIT,
  DEFAULT_SCREENING_THRESHOLD,
  SCREENING_CANDIDATES,
  ScreeningIndex,
  type ScreeningHit,
  type ScreenOptions,
} from './screening-index.ts';
