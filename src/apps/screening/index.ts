/** Screening files with the screening index: the service behind `weft screen`. */
export {
  fieldsOfRoles,
  ftmEntries,
  indexList,
  readScreeningList,
  screenFiles,
  type ScreenFilesRequest,
  type ScreenFilesSummary,
} from './screen-files.service.ts';
export { ParallelScreener, type BatchHit, type ScreenerReply, type ScreenerRequest } from './parallel-screener.ts';
export { NoticeIndex, noticeOfHit, type NoticeOfHit } from './notice-index.ts';
export { competentAuthorities, hitAlerts, SAFEGUARDING, type HitOrigin } from './hit-alerts.ts';
export { ScreeningWatch, type WatchReport } from './watch.ts';
export {
  BatchScreening,
  MAX_BATCH_ROWS,
  rowsOf,
  rowsOfCsv,
  type Batch,
  type BatchRow,
  type BatchRowError,
} from './batches.ts';
