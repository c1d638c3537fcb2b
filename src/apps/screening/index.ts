/** Screening files with the screening index: the service behind `weft screen`. */
export {
  fieldsOfRoles,
  indexList,
  readScreeningList,
  screenFiles,
  type ScreenFilesRequest,
  type ScreenFilesSummary,
} from './screen-files.service.ts';
export { ParallelScreener, type BatchHit, type ScreenerReply, type ScreenerRequest } from './parallel-screener.ts';
export { NoticeIndex, type NoticeOfHit } from './notice-index.ts';
