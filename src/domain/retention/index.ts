/** Retention: when a record is due for review, overdue or kept, and the rule for keeping one. */
export {
  addMonths,
  checkKeep,
  dayOf,
  effectiveReviewDate,
  isIsoDate,
  RETENTION_RULES,
  retentionStatus,
  reviewWindowEnd,
  type KeepRequest,
  type KeepVerdict,
  type RetentionState,
  type RetentionStatus,
} from './retention.ts';
