/**
 * Reporting conversations by SMS and USSD from basic phones: flows defined as data, and a pure engine
 * the server calls once per inbound message with the stored session.
 *
 * How the server drives it:
 * - SMS, no open session: `recogniseStart(text)`; if it is a start keyword, `beginFromStart(start, 'sms', now)`.
 * - USSD, new session with empty text: `beginUssd(now)`. The USSD opening is a small flow of its own,
 *   `MENU_FLOW` (id 'menu'): a language screen "1 English 2 Español 3 Français 4 العربية", then a menu
 *   "1 report 2 help 3 worker survey". `continueSession` hands the session over to the chosen flow
 *   in the chosen language, so the server never handles the menu itself.
 * - Every later message, on either channel: `continueSession(session, input, now)`; store `turn.session`,
 *   send `turn.reply` (a USSD gateway ends the session when `turn.done`), file `turn.outcome` when present.
 * - Sessions read back from storage go through `parseSession` first; anything that is not a session
 *   is treated as no session.
 * On USSD, "98" shows the next page of a long screen and "0" the previous; "99" skips an optional question.
 */
export {
  answerField,
  BACK_INPUT,
  beginFlow,
  continueFlow,
  ENGINE_TEXTS,
  flowProblems,
  foldAnswer,
  INPUT_LIMIT,
  isReportingLanguage,
  MORE_INPUT,
  paginate,
  parseSession,
  PROBLEM_TEXTS,
  problemText,
  renderForChannel,
  REPORTING_LANGUAGES,
  screenOf,
  SESSION_LIMITS,
  sessionExpired,
  SKIP_INPUT,
  stepOf,
  stepText,
  toAsciiDigits,
  USSD_SCREEN_LIMIT,
  USSD_UCS2_SCREEN_LIMIT,
  ussdLength,
  ussdScreenLimit,
  type Channel,
  type ChoiceOption,
  type ChoiceStep,
  type EndStep,
  type FlowDefinition,
  type FlowId,
  type FlowOutcome,
  type FlowSession,
  type ProblemCode,
  type ReportingFlowId,
  type ReportingLanguage,
  type SessionLimits,
  type Step,
  type Texts,
  type TextStep,
  type TextValidation,
  type Turn,
} from './flow.ts';
export { FLOWS, HELP_FLOW, MENU_FLOW, TIP_FLOW, WORKER_VOICE_FLOW } from './definitions.ts';
export { beginFromStart, beginUssd, continueSession, flowFor, recogniseStart, type StartRequest } from './start.ts';
