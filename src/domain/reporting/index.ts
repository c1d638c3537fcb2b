/**
 * The reporting channels: tips from the public by web, SMS and USSD, help requests, worker-voice
 * surveys; receipt codes for anonymous follow-up; photos stripped of metadata; what triage reads
 * of a tip (entities, priority, duplicates, where to route it).
 */
export {
  TIP_CHANNELS,
  TIP_CONCERNS,
  TIP_LANGUAGES,
  TIP_WHEN,
  tipRecordOf,
  tipSubmission,
  tipText,
  type TipConcern,
  type TipLanguage,
  type TipRecord,
  type TipSubmission,
  type TipWhen,
} from './tip.ts';
export {
  formatReceiptCode,
  newReceiptCode,
  parseReceiptCode,
  RECEIPT_CODE_BITS,
  RECEIPT_CODE_LENGTH,
  type ReceiptCode,
} from './receipt.ts';
export { AttemptBudget } from './throttle.ts';
export {
  competentOrganisations,
  type RouteSuggestion,
  type RoutingCandidate,
  type RoutingQuestion,
} from './routing.ts';
export {
  detectImageFormat,
  stripImageMetadata,
  UnsupportedImage,
  type ImageFormat,
  type StrippedImage,
} from './strip-metadata.ts';
export { extractEntities, type ExtractedEntities, type Gazetteer } from './extract.ts';
export { assessPriority, DANGER_CUES, type PriorityAssessment, type TipPriority } from './priority.ts';
export { fingerprintTip, similarity, TipDuplicateIndex, type TipFingerprint } from './duplicates.ts';

/** Priorities of a tip, most urgent first. */
export const TIP_PRIORITIES = ['emergency', 'high', 'normal', 'low'] as const;
export {
  crossesThreshold,
  DEFAULT_MINIMUM_GROUP,
  DEFAULT_PERIOD_DAYS,
  ILO_INDICATOR_IDS,
  ILO_INDICATORS,
  scoreSurvey,
  siteRisk,
  type IndicatorId,
  type IndicatorScores,
  type RiskLevel,
  type SiteRisk,
  type SurveyResponse,
} from './worker-voice.ts';
