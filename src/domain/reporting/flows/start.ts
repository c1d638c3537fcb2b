/**
 * How a conversation starts and which flow a stored session belongs to: SMS start keywords in
 * every language, the USSD opening menu, and one entry point that carries a USSD session from the
 * menu into the flow the person picked.
 */
import { FLOWS, MENU_FLOW } from './definitions.ts';
import {
  beginFlow,
  continueFlow,
  foldAnswer,
  toAsciiDigits,
  REPORTING_LANGUAGES,
  SESSION_LIMITS,
  type Channel,
  type FlowDefinition,
  type FlowId,
  type FlowSession,
  type ReportingFlowId,
  type ReportingLanguage,
  type SessionLimits,
  type Turn,
} from './flow.ts';

/** A recognised start message: the flow, the language of the keyword and, for a survey, the site code sent with it. */
export interface StartRequest {
  readonly flow: ReportingFlowId;
  readonly language: ReportingLanguage;
  readonly site?: string;
}

/**
 * A site code as printed on a workplace poster: letters, digits and dashes, with at least one digit,
 * so that an ordinary word after the keyword ("SURVEY please") is not taken for a code.
 */
const SITE_CODE = /^(?=.*[0-9])[A-Z0-9][A-Z0-9-]{0,19}$/;

/** A word without the punctuation around it ("HELP!", "KX7-2."). */
const bare = (word: string): string => word.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');

/**
 * The flow an SMS starts, read from its first word in any language, case and accents aside
 * ("help me" starts help: someone in need should not have to get the keyword exactly right). A
 * survey keyword may be followed by the site code from the workplace poster.
 */
export function recogniseStart(text: string): StartRequest | undefined {
  if (text.length > 1000) return undefined;
  const [opening, second] = toAsciiDigits(text).trim().split(/\s+/u).map(bare);
  const first = foldAnswer(opening ?? '');
  if (first === '') return undefined;
  for (const flow of Object.values(FLOWS)) {
    for (const language of REPORTING_LANGUAGES) {
      if (!flow.keywords[language].some((keyword) => foldAnswer(keyword) === first)) continue;
      const id = flow.id as ReportingFlowId;
      const site = second?.toUpperCase();
      return id === 'worker_voice' && site !== undefined && SITE_CODE.test(site)
        ? { flow: id, language, site }
        : { flow: id, language };
    }
  }
  return undefined;
}

/** The flow a session belongs to, the menu included. */
export function flowFor(id: FlowId): FlowDefinition {
  return id === 'menu' ? MENU_FLOW : FLOWS[id];
}

/** The first turn of a flow started by SMS keyword, with the site code sent alongside it already answered. */
export function beginFromStart(start: StartRequest, channel: Channel, now: number): Turn {
  const answers: Record<string, string> = start.site === undefined ? {} : { site: start.site };
  return beginFlow(FLOWS[start.flow], start.language, channel, now, answers);
}

/**
 * The first USSD screen, for a session that dials in with empty text: the language screen, or the
 * flow menu straight away when the gateway already knows the language (a per-language short code).
 */
export function beginUssd(now: number, language?: ReportingLanguage): Turn {
  return language === undefined
    ? beginFlow(MENU_FLOW, 'en', 'ussd', now)
    : beginFlow(MENU_FLOW, language, 'ussd', now, { language });
}

/**
 * The next turn of any stored session, menu or flow: the one call the server makes per inbound
 * message. When the menu is answered, the session becomes the chosen flow's, in the chosen language.
 */
export function continueSession(
  session: FlowSession,
  input: string,
  now: number,
  limits: SessionLimits = SESSION_LIMITS,
): Turn {
  const flow = flowFor(session.flowId);
  const turn = continueFlow(flow, session, input, now, limits);
  if (flow.id !== 'menu' || turn.outcome === undefined) return turn;
  const service = turn.outcome.answers['service'];
  const chosen = Object.values(FLOWS).find((candidate) => candidate.id === service);
  if (chosen === undefined) return { session: turn.session, reply: turn.reply, done: true };
  return beginFlow(chosen, turn.outcome.language, session.channel, now);
}
