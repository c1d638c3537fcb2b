/**
 * Conversation flows as data, and the engine that walks one person through one of them, a message
 * at a time. People report from basic phones by SMS and USSD, so the engine is a pure function of
 * (flow, session, input, clock): the server keeps the session between messages, calls the engine per
 * inbound message and sends the reply. Nothing here throws on what a person types; a bad answer is
 * asked again with a short problem in the person's language.
 */
import type { IndicatorId } from '../worker-voice.ts';

/** The languages every user-visible text is written in. */
export const REPORTING_LANGUAGES = ['en', 'es', 'fr', 'ar'] as const;

/** One of the reporting languages. */
export type ReportingLanguage = (typeof REPORTING_LANGUAGES)[number];

/** A user-visible text, written in every reporting language. */
export type Texts = Readonly<Record<ReportingLanguage, string>>;

/** How a person reaches the service: a text message thread, or a USSD session on a dialled code. */
export type Channel = 'sms' | 'ussd';

/** The flows a person can start: a tip, a request for help, a worker survey. */
export type ReportingFlowId = 'tip' | 'help' | 'worker_voice';

/** Every flow the engine runs, with the USSD opening menu that leads to the reporting flows. */
export type FlowId = ReportingFlowId | 'menu';

/** How a text answer is checked and stored. `code` is a site code: letters, digits and dashes. */
export type TextValidation = 'any' | 'yes_no' | 'number' | 'phone' | 'code';

/** One numbered option of a choice step; `key` is what is stored, `next` the step it leads to. */
export interface ChoiceOption {
  readonly key: string;
  readonly label: Texts;
  readonly next: string;
}

/** A question answered by picking a numbered option. */
export interface ChoiceStep {
  readonly kind: 'choice';
  readonly prompt: Texts;
  readonly options: readonly ChoiceOption[];
  /** Where the chosen key is stored; the step's id when absent. */
  readonly field?: string;
  /** The ILO forced-labour indicator this question measures, for worker-voice scoring. */
  readonly indicator?: IndicatorId;
  /** The chosen key is a language the rest of the conversation switches to (the USSD language screen). */
  readonly setsLanguage?: boolean;
  /** Replaces the generic "pick a number" problem, for a screen whose prompt is not in one language. */
  readonly problem?: Texts;
}

/** A question answered in the person's own words, or with a yes/no, number, phone number or code. */
export interface TextStep {
  readonly kind: 'text';
  readonly prompt: Texts;
  readonly field: string;
  readonly validate: TextValidation;
  readonly maxLength: number;
  /** May be skipped with an empty reply or "99". */
  readonly optional?: boolean;
  readonly next: string;
  /** The ILO forced-labour indicator this question measures, for worker-voice scoring. */
  readonly indicator?: IndicatorId;
}

/** The last screen of a flow. */
export interface EndStep {
  readonly kind: 'end';
  readonly message: Texts;
}

/** One screen of a flow. */
export type Step = ChoiceStep | TextStep | EndStep;

/** A conversation flow, as data: its steps, how people start it and what it says when a session times out. */
export interface FlowDefinition {
  readonly id: FlowId;
  /** Raised whenever steps change meaning, so a session started on an older flow is ended, not misread. */
  readonly version: number;
  readonly title: Texts;
  readonly start: string;
  readonly steps: Readonly<Record<string, Step>>;
  /** Words that start the flow by SMS, per language; the first is the one people are told to send. */
  readonly keywords: Readonly<Record<ReportingLanguage, readonly string[]>>;
  /** What a timed-out or unreadable session is told, per channel: that it ended and how to start again. */
  readonly ended: Readonly<Record<Channel, Texts>>;
  /** The answer that means someone is in danger now, so the server can put the outcome first in line. */
  readonly danger?: { readonly field: string; readonly key: string };
}

/** What a problem with an answer is; the session keeps it so the screen (and its pages) can be redrawn. */
export type ProblemCode =
  'input_too_long' | 'too_long' | 'empty' | 'choose_option' | 'yes_no' | 'number' | 'phone' | 'code';

/** Where one person is in one flow; the server stores it between messages. */
export interface FlowSession {
  readonly flowId: FlowId;
  readonly flowVersion: number;
  readonly language: ReportingLanguage;
  readonly channel: Channel;
  readonly stepId: string;
  readonly answers: Readonly<Record<string, string>>;
  readonly startedAt: number;
  readonly lastActivityAt: number;
  /** The USSD page of the current screen that was shown last. */
  readonly page: number;
  /** The problem shown with the current step, kept so "98"/"0" redraw the same pages. */
  readonly problem?: ProblemCode;
}

/** What a finished flow gathered, for the server to file. */
export interface FlowOutcome {
  readonly flowId: FlowId;
  readonly flowVersion: number;
  readonly language: ReportingLanguage;
  readonly channel: Channel;
  readonly answers: Readonly<Record<string, string>>;
  readonly inDanger: boolean;
}

/** The engine's answer to one message: the session to keep, the reply to send, and whether it is over. */
export interface Turn {
  readonly session: FlowSession;
  readonly reply: string;
  readonly done: boolean;
  readonly outcome?: FlowOutcome;
  /** A problem with the answer, already shown at the top of `reply`, in the person's language. */
  readonly problem?: string;
}

/** How long a session may sit idle, in milliseconds, per channel. */
export type SessionLimits = Readonly<Record<Channel, number>>;

/**
 * Idle time after which a session ends: an SMS thread is answered at the person's pace (a day),
 * while USSD gateways drop a session after a few minutes anyway.
 */
export const SESSION_LIMITS: SessionLimits = { sms: 24 * 3600_000, ussd: 180_000 };

/**
 * The most characters a USSD gateway shows on one screen of text in the GSM 03.38 7-bit alphabet:
 * 182 septets, which is 160 octets.
 */
export const USSD_SCREEN_LIMIT = 182;

/**
 * The most characters on one USSD screen with any character outside the GSM 03.38 alphabet (all
 * Arabic, and Spanish or French with á, ç, ê, « and the like): it is sent as UCS-2, two octets a
 * character, and 160 octets hold 80.
 */
export const USSD_UCS2_SCREEN_LIMIT = 80;

/** The longest message read at all; anything longer is refused, so no answer grows without bound. */
export const INPUT_LIMIT = 1000;

/** The USSD reply that shows the next page of a long screen. */
export const MORE_INPUT = '98';

/** The USSD reply that shows the previous page. */
export const BACK_INPUT = '0';

/** The reply that skips an optional question; a number so it can be typed on any keypad. */
export const SKIP_INPUT = '99';

/** Words the engine itself shows, beside the flows' own texts. */
export const ENGINE_TEXTS = {
  yes: { en: 'Yes', es: 'Sí', fr: 'Oui', ar: 'نعم' },
  no: { en: 'No', es: 'No', fr: 'Non', ar: 'لا' },
  skip: { en: 'Skip', es: 'Omitir', fr: 'Passer', ar: 'تخطي' },
  more: { en: 'More', es: 'Más', fr: 'Suite', ar: 'المزيد' },
  back: { en: 'Back', es: 'Atrás', fr: 'Retour', ar: 'رجوع' },
} as const satisfies Record<string, Texts>;

/** The problems shown when an answer cannot be taken; `{max}` is the step's length limit. */
export const PROBLEM_TEXTS: Readonly<Record<ProblemCode, Texts>> = {
  input_too_long: {
    en: 'That message is too long.',
    es: 'Ese mensaje es demasiado largo.',
    fr: 'Ce message est trop long.',
    ar: 'هذه الرسالة طويلة جدًا.',
  },
  too_long: {
    en: 'Please use at most {max} characters.',
    es: 'Use como máximo {max} caracteres.',
    fr: 'Utilisez au plus {max} caractères.',
    ar: 'يرجى استخدام {max} حرفًا كحد أقصى.',
  },
  empty: {
    en: 'Please type an answer.',
    es: 'Escriba una respuesta.',
    fr: 'Veuillez écrire une réponse.',
    ar: 'يرجى كتابة إجابة.',
  },
  choose_option: {
    en: 'Please reply with a number from the list.',
    es: 'Responda con un número de la lista.',
    fr: 'Répondez avec un numéro de la liste.',
    ar: 'يرجى الرد برقم من القائمة.',
  },
  yes_no: {
    en: 'Please reply 1 for yes or 2 for no.',
    es: 'Responda 1 para sí o 2 para no.',
    fr: 'Répondez 1 pour oui ou 2 pour non.',
    ar: 'يرجى الرد بـ 1 (نعم) أو 2 (لا).',
  },
  number: {
    en: 'Please reply with digits only.',
    es: 'Responda solo con números.',
    fr: 'Répondez uniquement avec des chiffres.',
    ar: 'يرجى الرد بالأرقام فقط.',
  },
  phone: {
    en: 'Please send a phone number of 6 to 20 digits.',
    es: 'Envíe un número de teléfono de 6 a 20 dígitos.',
    fr: 'Envoyez un numéro de téléphone de 6 à 20 chiffres.',
    ar: 'يرجى إرسال رقم هاتف من 6 إلى 20 رقمًا.',
  },
  code: {
    en: 'Please send the code in letters and digits, like KX7-2.',
    es: 'Envíe el código con letras y números, como KX7-2.',
    fr: 'Envoyez le code en lettres et chiffres, comme KX7-2.',
    ar: 'يرجى إرسال الرمز بحروف وأرقام، مثل KX7-2.',
  },
};

/** Replies read as yes, after folding: the option number and the word in each language. */
const YES_WORDS: ReadonlySet<string> = new Set(['1', 'yes', 'y', 'si', 'oui', 'نعم']);

/** Replies read as no, after folding. */
const NO_WORDS: ReadonlySet<string> = new Set(['2', 'no', 'n', 'non', 'لا']);

/** Replies read as "skip" on an optional question, after folding, beside the skip number. */
const SKIP_WORDS: ReadonlySet<string> = new Set([
  SKIP_INPUT,
  'skip',
  'none',
  'omitir',
  'saltar',
  'nada',
  'passer',
  'rien',
  'تخطي',
  'لا شيء',
]);

/** Whether a value is one of the reporting languages. */
export function isReportingLanguage(value: unknown): value is ReportingLanguage {
  return typeof value === 'string' && (REPORTING_LANGUAGES as readonly string[]).includes(value);
}

/** Arabic-Indic (٠-٩) and Eastern Arabic (۰-۹) digits as ASCII digits, since phones type either. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/**
 * A reply folded for matching words: ASCII digits, no accents, Arabic diacritics or invisible
 * direction marks, lower case, one spelling of the Arabic letters people type interchangeably, and
 * no spaces or punctuation around it (inside it they stay: a site code keeps its dash).
 */
export function foldAnswer(text: string): string {
  return toAsciiDigits(text)
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(/\u0640/g, '')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0649/g, '\u064a')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

/** Characters counted as a handset counts them: by code point, not UTF-16 unit. */
function characters(text: string): number {
  return Array.from(text).length;
}

/** The GSM 03.38 default alphabet: every character of its basic set, each one septet (ESC aside). */
const GSM_BASIC: ReadonlySet<string> = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);

/** The GSM 03.38 extension table: characters sent as an escape and a septet, so two septets each. */
const GSM_EXTENSION: ReadonlySet<string> = new Set(Array.from('^{}\\[~]|€'));

/** Whether a text can be sent in the GSM 7-bit alphabet (basic set or extension table) rather than UCS-2. */
function isGsmText(text: string): boolean {
  for (const character of text) if (!GSM_BASIC.has(character) && !GSM_EXTENSION.has(character)) return false;
  return true;
}

/** Length in GSM septets: an extension-table character takes two. */
function septets(text: string): number {
  let count = 0;
  for (const character of text) count += GSM_EXTENSION.has(character) ? 2 : 1;
  return count;
}

/** Length in UCS-2 units: one per UTF-16 code unit, so a character beyond the BMP takes two. */
function ucs2Units(text: string): number {
  return text.length;
}

/**
 * The most characters one USSD screen of this text may hold: 182 when all of it is in the GSM 03.38
 * alphabet, 80 when anything needs UCS-2. Measure the text with `ussdLength`.
 */
export function ussdScreenLimit(text: string): number {
  return isGsmText(text) ? USSD_SCREEN_LIMIT : USSD_UCS2_SCREEN_LIMIT;
}

/**
 * A text's length on a USSD screen, in the units its limit counts: GSM septets (an extension-table
 * character such as € or [ takes two) when all of it is GSM, else UCS-2 units (one per character,
 * two for one beyond the BMP).
 */
export function ussdLength(text: string): number {
  return isGsmText(text) ? septets(text) : ucs2Units(text);
}

/** Where a step's answer is stored in the session's answers. */
export function answerField(stepId: string, step: ChoiceStep | TextStep): string {
  return step.kind === 'text' ? step.field : (step.field ?? stepId);
}

/** A flow's step by id, never a property inherited from Object (a stored step id is not trusted). */
export function stepOf(flow: FlowDefinition, stepId: string): Step | undefined {
  return Object.hasOwn(flow.steps, stepId) ? flow.steps[stepId] : undefined;
}

/** An answer by field, never a property inherited from Object. */
function answerOf(answers: Readonly<Record<string, string>>, field: string): string | undefined {
  return Object.hasOwn(answers, field) ? answers[field] : undefined;
}

/** The full text of a step: its prompt and numbered options, without paging. */
export function stepText(step: Step, language: ReportingLanguage): string {
  switch (step.kind) {
    case 'choice':
      return [
        step.prompt[language],
        ...step.options.map((option, index) => `${index + 1}. ${option.label[language]}`),
      ].join('\n');
    case 'text': {
      const lines = [step.prompt[language]];
      if (step.validate === 'yes_no') lines.push(`1. ${ENGINE_TEXTS.yes[language]}`, `2. ${ENGINE_TEXTS.no[language]}`);
      if (step.optional === true) lines.push(`${SKIP_INPUT}. ${ENGINE_TEXTS.skip[language]}`);
      return lines.join('\n');
    }
    case 'end':
      return step.message[language];
  }
}

/** A problem's text for a step, in a language. */
export function problemText(step: Step, problem: ProblemCode, language: ReportingLanguage): string {
  if (problem === 'choose_option' && step.kind === 'choice' && step.problem !== undefined) {
    return step.problem[language];
  }
  const maxLength = step.kind === 'text' ? step.maxLength : INPUT_LIMIT;
  return PROBLEM_TEXTS[problem][language].replace('{max}', String(maxLength));
}

/** A line cut into pieces of at most `capacity` (as `measure` counts), at spaces where it can be. */
function splitLine(line: string, capacity: number, measure: (text: string) => number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (measure(word) > capacity) {
      // A word longer than a screen is cut between characters; its last piece may take the next words.
      if (current !== '') pieces.push(current);
      current = '';
      for (const glyph of word) {
        if (current !== '' && measure(current + glyph) > capacity) {
          pieces.push(current);
          current = '';
        }
        current += glyph;
      }
      continue;
    }
    const joined = current === '' ? word : `${current} ${word}`;
    if (measure(joined) > capacity) {
      pieces.push(current);
      current = word;
    } else {
      current = joined;
    }
  }
  pieces.push(current);
  return pieces;
}

/**
 * A text as USSD screens, each but the last ending "98. More" and each but the first "0. Back".
 * A text that fits one screen is left alone. Otherwise its screens hold 182 characters when the text
 * and the navigation words of its language are all GSM 03.38, and 80 on every page when any of it
 * needs UCS-2 (`ussdScreenLimit`). Lines are kept whole wherever they fit, so an option never leaves
 * its number; only a line longer than a whole screen is cut, at spaces.
 */
export function paginate(text: string, language: ReportingLanguage = 'en'): string[] {
  if (ussdLength(text) <= ussdScreenLimit(text)) return [text];
  const more = `${MORE_INPUT}. ${ENGINE_TEXTS.more[language]}`;
  const back = `${BACK_INPUT}. ${ENGINE_TEXTS.back[language]}`;
  // Every page is measured as the whole text needs, so all pages are sent in one alphabet.
  const gsm = isGsmText(`${text}\n${more}\n${back}`);
  const measure = gsm ? septets : ucs2Units;
  const limit = gsm ? USSD_SCREEN_LIMIT : USSD_UCS2_SCREEN_LIMIT;
  // Room for a middle page's two navigation lines, so every page fits whatever its position.
  const capacity = limit - measure(more) - measure(back) - 2;
  const lines = text
    .split('\n')
    .flatMap((line) => (measure(line) > capacity ? splitLine(line, capacity, measure) : [line]));
  const pages: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (current.length > 0 && measure([...current, line].join('\n')) > capacity) {
      pages.push(current);
      current = [];
    }
    current.push(line);
  }
  pages.push(current);
  return pages.map((page, index) => {
    const navigation = [...(index < pages.length - 1 ? [more] : []), ...(index > 0 ? [back] : [])];
    return [...page, ...navigation].join('\n');
  });
}

/** The screen for a channel: the whole text by SMS, one page of it (clamped to those there are) by USSD. */
export function renderForChannel(
  text: string,
  channel: Channel,
  page: number,
  language: ReportingLanguage = 'en',
): string {
  if (channel === 'sms') return text;
  const pages = paginate(text, language);
  const index = Number.isInteger(page) ? Math.min(Math.max(page, 0), pages.length - 1) : 0;
  return pages[index] ?? '';
}

/** The current step's text with the problem shown at its top, before paging. */
function fullText(step: Step, session: FlowSession): string {
  const text = stepText(step, session.language);
  return session.problem === undefined ? text : `${problemText(step, session.problem, session.language)}\n${text}`;
}

/** The screen the session is on, as the channel shows it: what to send again if a reply was lost. */
export function screenOf(flow: FlowDefinition, session: FlowSession): string {
  const step = stepOf(flow, session.stepId);
  if (step === undefined) return flow.ended[session.channel][session.language];
  return renderForChannel(fullText(step, session), session.channel, session.page, session.language);
}

/** Whether a session has been idle past its channel's limit (a clock that makes no sense counts as expired). */
export function sessionExpired(session: FlowSession, now: number, limits: SessionLimits = SESSION_LIMITS): boolean {
  return !(now - session.lastActivityAt < limits[session.channel]);
}

/** The session with some fields changed; a problem is carried only when given. */
function changed(
  session: FlowSession,
  patch: {
    stepId?: string;
    answers?: Readonly<Record<string, string>>;
    language?: ReportingLanguage;
    lastActivityAt: number;
    page: number;
    problem?: ProblemCode;
  },
): FlowSession {
  const next: FlowSession = {
    flowId: session.flowId,
    flowVersion: session.flowVersion,
    language: patch.language ?? session.language,
    channel: session.channel,
    stepId: patch.stepId ?? session.stepId,
    answers: patch.answers ?? session.answers,
    startedAt: session.startedAt,
    lastActivityAt: patch.lastActivityAt,
    page: patch.page,
  };
  return patch.problem === undefined ? next : { ...next, problem: patch.problem };
}

/** A turn that shows the session's current screen. */
function show(flow: FlowDefinition, session: FlowSession, problem?: string): Turn {
  const turn: Turn = { session, reply: screenOf(flow, session), done: false };
  return problem === undefined ? turn : { ...turn, problem };
}

/** The turn for a session that cannot go on: it timed out, or it belongs to another flow or version. */
function ended(flow: FlowDefinition, session: FlowSession): Turn {
  const language = isReportingLanguage(session.language) ? session.language : 'en';
  const channel: Channel = session.channel === 'ussd' ? 'ussd' : 'sms';
  return { session, reply: flow.ended[channel][language], done: true };
}

/**
 * The turn on arriving at a step: its screen, or the outcome at an end. Steps whose answer is
 * already known (a site code sent with the start keyword) are passed over, following their answer.
 */
function arrive(flow: FlowDefinition, session: FlowSession, stepId: string, now: number): Turn {
  let current = stepId;
  // A flow visits each step at most once, so more hops than steps means a broken definition.
  for (let hops = 0; hops <= Object.keys(flow.steps).length; hops++) {
    const step = stepOf(flow, current);
    if (step === undefined) break;
    if (step.kind === 'end') {
      const at = changed(session, { stepId: current, lastActivityAt: now, page: 0 });
      const outcome: FlowOutcome = {
        flowId: flow.id,
        flowVersion: flow.version,
        language: at.language,
        channel: at.channel,
        answers: { ...at.answers },
        inDanger: flow.danger !== undefined && answerOf(at.answers, flow.danger.field) === flow.danger.key,
      };
      return { session: at, reply: step.message[at.language], done: true, outcome };
    }
    const given = answerOf(session.answers, answerField(current, step));
    const next =
      given === undefined
        ? undefined
        : step.kind === 'text'
          ? step.next
          : step.options.find((option) => option.key === given)?.next;
    if (next === undefined) return show(flow, changed(session, { stepId: current, lastActivityAt: now, page: 0 }));
    current = next;
  }
  return ended(flow, session);
}

/** The first screen of a flow. `answers` already known (a site code) are not asked for again. */
export function beginFlow(
  flow: FlowDefinition,
  language: ReportingLanguage,
  channel: Channel,
  now: number,
  answers: Readonly<Record<string, string>> = {},
): Turn {
  const session: FlowSession = {
    flowId: flow.id,
    flowVersion: flow.version,
    language,
    channel,
    stepId: flow.start,
    answers: { ...answers },
    startedAt: now,
    lastActivityAt: now,
    page: 0,
  };
  return arrive(flow, session, flow.start, now);
}

/** A reply with control characters removed and spaces trimmed; line breaks and tabs are kept as typed. */
function cleaned(input: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  return input.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

/** A read answer: the value to store (none for a skipped question), or the problem with it. */
type Reading = { readonly value: string | undefined } | { readonly problem: ProblemCode };

/** The option a reply picks: by its number, its label or key, or a yes/no word when the options are yes and no. */
function chosen(step: ChoiceStep, input: string, language: ReportingLanguage): ChoiceOption | undefined {
  const folded = foldAnswer(input);
  if (folded === '') return undefined;
  if (/^[0-9]{1,3}$/.test(folded)) return step.options[Number(folded) - 1];
  const named = step.options.find(
    (option) => foldAnswer(option.label[language]) === folded || foldAnswer(option.key) === folded,
  );
  if (named !== undefined) return named;
  if (YES_WORDS.has(folded)) return step.options.find((option) => option.key === 'yes');
  if (NO_WORDS.has(folded)) return step.options.find((option) => option.key === 'no');
  return undefined;
}

/** A text step's answer, checked against its validation. */
function readText(step: TextStep, input: string): Reading {
  const text = cleaned(input);
  if (text === '' || (step.optional === true && SKIP_WORDS.has(foldAnswer(text)))) {
    return step.optional === true ? { value: undefined } : { problem: 'empty' };
  }
  const digits = toAsciiDigits(text);
  switch (step.validate) {
    case 'any':
      return characters(text) > step.maxLength ? { problem: 'too_long' } : { value: text };
    case 'yes_no': {
      const folded = foldAnswer(text);
      if (YES_WORDS.has(folded)) return { value: 'yes' };
      if (NO_WORDS.has(folded)) return { value: 'no' };
      return { problem: 'yes_no' };
    }
    case 'number':
      if (!/^[0-9]+$/.test(digits)) return { problem: 'number' };
      return digits.length > step.maxLength ? { problem: 'too_long' } : { value: digits };
    case 'phone': {
      const bare = digits.replace(/[\s\-+]/g, '');
      if (!/^[0-9]{6,20}$/.test(bare)) return { problem: 'phone' };
      return { value: digits.startsWith('+') ? `+${bare}` : bare };
    }
    case 'code': {
      const code = digits.toUpperCase();
      if (!/^[A-Z0-9][A-Z0-9-]*$/.test(code)) return { problem: 'code' };
      return code.length > step.maxLength ? { problem: 'too_long' } : { value: code };
    }
  }
}

/**
 * The next turn of a session given the person's reply. An idle session, or one of another flow or
 * version, ends with a message saying how to start again. On USSD, "98" and "0" page through a long
 * screen without answering it. A reply that cannot be taken shows the same step again with the problem.
 */
export function continueFlow(
  flow: FlowDefinition,
  session: FlowSession,
  input: string,
  now: number,
  limits: SessionLimits = SESSION_LIMITS,
): Turn {
  if (
    sessionExpired(session, now, limits) ||
    session.flowId !== flow.id ||
    session.flowVersion !== flow.version ||
    !isReportingLanguage(session.language)
  ) {
    return ended(flow, session);
  }
  const step = stepOf(flow, session.stepId);
  if (step === undefined || step.kind === 'end') return ended(flow, session);
  const language = session.language;
  const refuse = (problem: ProblemCode): Turn =>
    show(flow, changed(session, { lastActivityAt: now, page: 0, problem }), problemText(step, problem, language));
  if (input.length > INPUT_LIMIT) return refuse('input_too_long');

  if (session.channel === 'ussd') {
    const command = toAsciiDigits(input.trim());
    const pages = paginate(fullText(step, session), language).length;
    const paging = { lastActivityAt: now, ...(session.problem === undefined ? {} : { problem: session.problem }) };
    if (command === MORE_INPUT && session.page < pages - 1) {
      return show(flow, changed(session, { ...paging, page: session.page + 1 }));
    }
    if (command === BACK_INPUT && session.page > 0) {
      return show(flow, changed(session, { ...paging, page: session.page - 1 }));
    }
  }

  if (step.kind === 'choice') {
    const option = chosen(step, cleaned(input), language);
    if (option === undefined) return refuse('choose_option');
    const answers = { ...session.answers, [answerField(session.stepId, step)]: option.key };
    const switched = step.setsLanguage === true && isReportingLanguage(option.key) ? option.key : language;
    return arrive(
      flow,
      changed(session, { answers, language: switched, lastActivityAt: now, page: 0 }),
      option.next,
      now,
    );
  }
  const reading = readText(step, input);
  if ('problem' in reading) return refuse(reading.problem);
  const answers = reading.value === undefined ? session.answers : { ...session.answers, [step.field]: reading.value };
  return arrive(flow, changed(session, { answers, lastActivityAt: now, page: 0 }), step.next, now);
}

/** Every text of a step, for checks that all are written in every language. */
function textsOf(step: Step): Texts[] {
  switch (step.kind) {
    case 'choice':
      return [step.prompt, ...step.options.map((option) => option.label), ...(step.problem ? [step.problem] : [])];
    case 'text':
      return [step.prompt];
    case 'end':
      return [step.message];
  }
}

/**
 * What is wrong with a flow definition: steps that lead nowhere, steps that cannot be reached, a
 * loop (each step is asked at most once), options the keypad cannot pick, and texts left unwritten.
 */
export function flowProblems(flow: FlowDefinition): string[] {
  const problems: string[] = [];
  const ids = Object.keys(flow.steps);
  if (stepOf(flow, flow.start) === undefined) problems.push(`start step ${flow.start} does not exist`);
  const nextOf = (step: Step): string[] =>
    step.kind === 'choice' ? step.options.map((option) => option.next) : step.kind === 'text' ? [step.next] : [];
  for (const [id, step] of Object.entries(flow.steps)) {
    for (const next of nextOf(step)) {
      if (stepOf(flow, next) === undefined) problems.push(`step ${id} leads to missing step ${next}`);
    }
    if (step.kind === 'choice') {
      if (step.options.length === 0) problems.push(`step ${id} has no options`);
      // 98 pages on and 99 skips, so options stop short of them.
      if (step.options.length > 97) problems.push(`step ${id} has more options than a keypad reply can pick`);
      if (new Set(step.options.map((option) => option.key)).size !== step.options.length) {
        problems.push(`step ${id} repeats an option key`);
      }
    }
    if (step.kind === 'text' && !(step.maxLength > 0 && step.maxLength <= INPUT_LIMIT)) {
      problems.push(`step ${id} has a length limit outside 1..${INPUT_LIMIT}`);
    }
    for (const texts of textsOf(step)) {
      for (const language of REPORTING_LANGUAGES) {
        if (texts[language].trim() === '') problems.push(`step ${id} has no ${language} text`);
      }
    }
  }
  // Depth-first from the start: a step met again on the current path is a loop.
  const reached = new Set<string>();
  const visit = (id: string, path: ReadonlySet<string>): void => {
    if (path.has(id)) {
      problems.push(`step ${id} can be reached again from itself`);
      return;
    }
    const step = stepOf(flow, id);
    if (step === undefined || reached.has(id)) return;
    reached.add(id);
    for (const next of nextOf(step)) visit(next, new Set([...path, id]));
  };
  visit(flow.start, new Set());
  for (const id of ids) if (!reached.has(id)) problems.push(`step ${id} cannot be reached`);
  return problems;
}

/** A stored session read back, or undefined when it is not one (so the server starts afresh). */
export function parseSession(value: unknown): FlowSession | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { flowId, flowVersion, language, channel, stepId, answers, startedAt, lastActivityAt, page, problem } = record;
  const flowIds: readonly unknown[] = ['tip', 'help', 'worker_voice', 'menu'];
  const problems: readonly unknown[] = Object.keys(PROBLEM_TEXTS);
  if (
    !flowIds.includes(flowId) ||
    typeof flowVersion !== 'number' ||
    !isReportingLanguage(language) ||
    (channel !== 'sms' && channel !== 'ussd') ||
    typeof stepId !== 'string' ||
    typeof startedAt !== 'number' ||
    typeof lastActivityAt !== 'number' ||
    typeof page !== 'number' ||
    !Number.isInteger(page) ||
    page < 0 ||
    (problem !== undefined && !problems.includes(problem)) ||
    typeof answers !== 'object' ||
    answers === null ||
    Array.isArray(answers) ||
    !Object.values(answers).every((answer) => typeof answer === 'string')
  ) {
    return undefined;
  }
  const session: FlowSession = {
    flowId: flowId as FlowId,
    flowVersion,
    language,
    channel,
    stepId,
    answers: { ...(answers as Record<string, string>) },
    startedAt,
    lastActivityAt,
    page,
  };
  return problem === undefined ? session : { ...session, problem: problem as ProblemCode };
}
