/** Notices over the store: drafting, amending and the steps of their lives. */
export {
  NOTICES_SOURCE,
  NoticeRefused,
  NoticesService,
  type NoticeCaller,
  type NoticeChange,
} from './notices.service.ts';
