/** Screening files with the screening index: the service behind `weft screen`. */
export {
  fieldsOfRoles,
  readScreeningList,
  screenFiles,
  type ScreenFilesRequest,
  type ScreenFilesSummary,
} from './screen-files.service.ts';
