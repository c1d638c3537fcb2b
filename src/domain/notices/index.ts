/** Notices: their lifecycle from draft through compliance review to publication and its end. */
export {
  isLive,
  mayAuthorNotices,
  NOTICE_ACTIONS,
  NOTICE_STATUSES,
  noticeStep,
  type NoticeAction,
  type NoticeActor,
  type NoticeState,
  type NoticeStatus,
  type NoticeStepRefusal,
  type NoticeStepResult,
} from './lifecycle.ts';
export { isOwnersAlone, noticeEntry, noticeStatus } from './screening-entry.ts';
export { AMENDABLE_WHEN_PUBLISHED, noticeProblems, unamendable, type NoticeProblem } from './content.ts';
export { distributionOf, reaches, type NoticeDistribution, type ScreeningCaller } from './distribution.ts';
export { mergedQuery, recordQuery } from './record-query.ts';
