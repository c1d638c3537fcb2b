/** Cases over the store (the Case record, its items, notes, files and shares) and the messages between organisations. */
export {
  CASES_SOURCE,
  CaseRefused,
  CasesService,
  type CaseCaller,
  type CaseSummary,
  type CaseView,
} from './cases.service.ts';
export { MessagesService, type ThreadView } from './messages.service.ts';
