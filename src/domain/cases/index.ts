/** Cases and the messages between organisations about them and about alerts: who may do and see what. */
export {
  CASE_ITEM_KINDS,
  itemView,
  mayChangeCase,
  namesRecord,
  NOTE_MAX_LENGTH,
  shareRefusal,
  standingOf,
  type CaseItem,
  type CaseItemKind,
  type CaseItemView,
  type CaseParties,
  type CaseStanding,
  type ShareRefusal,
  type ShareTarget,
} from './case-rules.ts';
export {
  CASE_FILE_MAX_BYTES,
  CASE_FILE_TYPES,
  FILE_NAME_MAX_LENGTH,
  fileProblems,
  isCaseFileType,
  type CaseFileType,
  type FileProblem,
} from './case-files.ts';
export {
  isParty,
  MESSAGE_MAX_LENGTH,
  mayOpenThread,
  recipientsOf,
  THREAD_SUBJECT_KINDS,
  threadParties,
  type ThreadSubject,
  type ThreadSubjectKind,
} from './threads.ts';
