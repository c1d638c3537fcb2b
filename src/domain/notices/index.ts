/** Notices: their lifecycle from draft through compliance review to publication and its end. */
export {
  isLive,
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
export { noticeEntry, noticeStatus } from './screening-entry.ts';
