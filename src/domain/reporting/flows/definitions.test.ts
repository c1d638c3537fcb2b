import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOWS, HELP_FLOW, MENU_FLOW, TIP_FLOW, WORKER_VOICE_FLOW } from './definitions.ts';
import {
  answerField,
  beginFlow,
  continueFlow,
  flowProblems,
  paginate,
  PROBLEM_TEXTS,
  problemText,
  REPORTING_LANGUAGES,
  SESSION_LIMITS,
  stepText,
  USSD_UCS2_SCREEN_LIMIT,
  ussdLength,
  ussdScreenLimit,
  type Channel,
  type FlowDefinition,
  type FlowSession,
  type ProblemCode,
  type ReportingFlowId,
  type ReportingLanguage,
  type Texts,
  type Turn,
} from './flow.ts';
import { continueSession } from './start.ts';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const ALL_FLOWS: readonly FlowDefinition[] = [...Object.values(FLOWS), MENU_FLOW];
const REPORTING_FLOW_IDS: readonly ReportingFlowId[] = ['tip', 'help', 'worker_voice'];
const CHANNELS: readonly Channel[] = ['sms', 'ussd'];
const length = (text: string): number => Array.from(text).length;
/** Whether a USSD screen fits its limit: 182 GSM characters, or 80 when any of it needs UCS-2. */
const fits = (screen: string): boolean => ussdLength(screen) <= ussdScreenLimit(screen);
/**
 * The line the server adds under the last screen of a flow it files as a report (a tip or a help
 * request), as the server writes it, with a receipt code of the length it always has. It shares the
 * screen, so the end text must leave room for it within the limit of text and line together, and a
 * line that needs UCS-2 (Arabic, "código") makes the whole screen UCS-2.
 */
const RECEIPT_LINE: Texts = {
  en: 'Your code: 7KQM-2XPA-9D3F-HT8R-W4NB',
  es: 'Su código: 7KQM-2XPA-9D3F-HT8R-W4NB',
  fr: 'Votre code : 7KQM-2XPA-9D3F-HT8R-W4NB',
  ar: 'رمزك: 7KQM-2XPA-9D3F-HT8R-W4NB',
};
/** The flows whose last screen carries a receipt code. */
const FILED_FLOWS: readonly string[] = ['tip', 'help'];

/** Replies in one language that walk a flow to its end, and the answers they leave. */
interface Script {
  readonly inputs: readonly string[];
  readonly answers: Readonly<Record<string, string>>;
  readonly inDanger: boolean;
}

const PLACE: Texts = {
  en: 'Central market, stall 4',
  es: 'Mercado central, puesto 4',
  fr: 'Marché central, étal 4',
  ar: 'السوق المركزي، الكشك 4',
};
const SEEN: Texts = {
  en: 'Two men guarding three girls',
  es: 'Dos hombres vigilando a tres chicas',
  fr: 'Deux hommes surveillent trois filles',
  ar: 'رجلان يحرسان ثلاث فتيات',
};
/** Arabic speakers may type Arabic-Indic digits; the scripts do, to show they are read. */
const digit = (language: ReportingLanguage, value: number): string =>
  language === 'ar' ? String.fromCharCode(0x0660 + value) : String(value);

const SCRIPTS: Readonly<Record<ReportingFlowId, (language: ReportingLanguage) => Script>> = {
  tip: (language) => ({
    inputs: [digit(language, 1), digit(language, 1), digit(language, 2), PLACE[language], '2', SEEN[language], '99'],
    answers: {
      danger: 'yes',
      danger_guidance: 'continue',
      what: 'forced_labour',
      where: PLACE[language],
      when: 'today',
      seen: SEEN[language],
    },
    inDanger: true,
  }),
  help: (language) => ({
    inputs: ['2', '1', '3', PLACE[language], { en: 'yes', es: 'sí', fr: 'oui', ar: 'نعم' }[language]],
    answers: {
      safe: 'no',
      safety_guidance: 'continue',
      need: 'shelter',
      location: PLACE[language],
      contact: 'yes',
    },
    inDanger: true,
  }),
  worker_voice: () => ({
    inputs: ['kx7-2', '2', '1', '1', '2', '2', '3', '1', '2', '1', '1', '3'],
    answers: {
      site: 'KX7-2',
      taken_advantage: 'no',
      promises_broken: 'yes',
      movement_restricted: 'never',
      contact_restricted: 'sometimes',
      violence: 'no',
      threats: 'often',
      documents_kept: 'yes',
      pay_withheld: 'sometimes',
      debt: 'yes',
      conditions: 'never',
      overtime: 'often',
    },
    inDanger: false,
  }),
};

/** Every text of a flow, for checks on translations. */
function textsOf(flow: FlowDefinition): Texts[] {
  return [
    flow.title,
    flow.ended.sms,
    flow.ended.ussd,
    ...Object.values(flow.steps).flatMap((step) =>
      step.kind === 'choice'
        ? [step.prompt, ...step.options.map((option) => option.label)]
        : step.kind === 'text'
          ? [step.prompt]
          : [step.message],
    ),
  ];
}

const questionSteps = (flow: FlowDefinition): string[] =>
  Object.entries(flow.steps)
    .filter(([, step]) => step.kind !== 'end')
    .map(([id]) => id);

const sessionAt = (
  flow: FlowDefinition,
  stepId: string,
  language: ReportingLanguage,
  channel: Channel,
): FlowSession => ({
  ...beginFlow(flow, language, channel, T0).session,
  stepId,
});

describe('the flow definitions', () => {
  it.each(ALL_FLOWS.map((flow) => [flow.id, flow] as const))('%s is a sound flow', (_id, flow) => {
    expect(flowProblems(flow)).toEqual([]);
    expect(flow.version).toBe(1);
  });

  it('write every text in all four languages, Arabic in Arabic script', () => {
    for (const flow of ALL_FLOWS) {
      for (const texts of textsOf(flow)) {
        for (const language of REPORTING_LANGUAGES) expect(texts[language].trim(), texts.en).not.toBe('');
        // Language names and the language screen are the same in every language by design.
        if (flow.id !== 'menu' || texts.en !== texts.ar) expect(texts.ar, texts.en).toMatch(/\p{Script=Arabic}/u);
      }
    }
  });

  it('tell a timed-out SMS session the keyword that starts the flow again', () => {
    for (const flow of Object.values(FLOWS)) {
      for (const language of REPORTING_LANGUAGES) {
        const keyword = flow.keywords[language][0] ?? '';
        expect(flow.ended.sms[language].toLowerCase(), `${flow.id} ${language}`).toContain(keyword.toLowerCase());
      }
    }
  });

  it('keep every SMS prompt within 320 characters', () => {
    for (const flow of ALL_FLOWS) {
      for (const step of Object.values(flow.steps)) {
        for (const language of REPORTING_LANGUAGES) expect(length(stepText(step, language))).toBeLessThanOrEqual(320);
      }
    }
  });

  it('fit every USSD screen of every step in every language, with any problem shown, in its limit', () => {
    for (const flow of ALL_FLOWS) {
      for (const [id, step] of Object.entries(flow.steps)) {
        for (const language of REPORTING_LANGUAGES) {
          const text = stepText(step, language);
          if (step.kind === 'end') {
            // The last screen ends the USSD session, so it cannot be paged; a filed report's leaves room for its receipt code.
            const screen = FILED_FLOWS.includes(flow.id) ? `${text}\n${RECEIPT_LINE[language]}` : text;
            expect(ussdLength(text), `${flow.id}.${id} ${language}`).toBeLessThanOrEqual(ussdScreenLimit(text));
            expect(ussdLength(screen), `${flow.id}.${id} ${language}`).toBeLessThanOrEqual(ussdScreenLimit(screen));
            continue;
          }
          const variants = [
            text,
            ...Object.keys(PROBLEM_TEXTS).map(
              (problem) => `${problemText(step, problem as ProblemCode, language)}\n${text}`,
            ),
          ];
          for (const variant of variants) {
            const pages = paginate(variant, language);
            // Pages of one text are all sent in one alphabet: 80 characters each if any of it needs UCS-2.
            const limit = pages.length === 1 ? ussdScreenLimit(variant) : ussdScreenLimit(pages.join('\n'));
            for (const page of pages) {
              expect(ussdLength(page), `${flow.id}.${id} ${language}`).toBeLessThanOrEqual(limit);
              expect(fits(page), `${flow.id}.${id} ${language}`).toBe(true);
            }
          }
          if (step.kind === 'choice') {
            // Every option appears whole, on one page, in every variant.
            for (const variant of variants) {
              const lines = paginate(variant, language).flatMap((page) => page.split('\n'));
              step.options.forEach((option, index) => {
                expect(lines).toContain(`${index + 1}. ${option.label[language]}`);
              });
            }
          }
        }
      }
    }
  });

  it('end a timed-out USSD session with a screen that fits', () => {
    for (const flow of ALL_FLOWS) {
      for (const language of REPORTING_LANGUAGES) {
        expect(fits(flow.ended.ussd[language]), `${flow.id} ${language}`).toBe(true);
      }
    }
  });

  it('page an Arabic step in screens of at most 80 characters, options whole', () => {
    const step = TIP_FLOW.steps['what'];
    if (step?.kind !== 'choice') throw new Error('what is a choice');
    const text = stepText(step, 'ar');
    expect(ussdScreenLimit(text)).toBe(USSD_UCS2_SCREEN_LIMIT);
    const pages = paginate(text, 'ar');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(ussdLength(page)).toBeLessThanOrEqual(USSD_UCS2_SCREEN_LIMIT);
    const lines = pages.flatMap((page) => page.split('\n'));
    for (const [index, option] of step.options.entries()) expect(lines).toContain(`${index + 1}. ${option.label.ar}`);
    // Walking the pages by USSD shows the same screens, and an option is taken from the last.
    let turn = beginFlow(TIP_FLOW, 'ar', 'ussd', T0, { danger: 'no' });
    for (const [index, page] of pages.entries()) {
      expect(turn.reply).toBe(page);
      if (index < pages.length - 1) turn = continueFlow(TIP_FLOW, turn.session, '98', T0 + index + 1);
    }
    turn = continueFlow(TIP_FLOW, turn.session, '٧', T0 + 10);
    expect(turn.session).toMatchObject({ stepId: 'where', answers: { what: 'other' } });
  });

  it('give emergency guidance when someone is in danger', () => {
    for (const [flow, stepId] of [
      [TIP_FLOW, 'danger_guidance'],
      [HELP_FLOW, 'safety_guidance'],
    ] as const) {
      const step = flow.steps[stepId];
      for (const language of REPORTING_LANGUAGES) {
        expect(step?.kind === 'choice' ? step.prompt[language] : '').toMatch(/112.*911/);
      }
    }
    expect(TIP_FLOW.steps['thanks']?.kind === 'end' && TIP_FLOW.steps['thanks'].message.en).toContain(
      'Keep the code we send you to follow up',
    );
  });

  it('ask the worker survey one question per ILO indicator, stored under the question id', () => {
    const questions = Object.entries(WORKER_VOICE_FLOW.steps).flatMap(([id, step]) =>
      step.kind !== 'end' && step.indicator !== undefined ? [[answerField(id, step), step.indicator] as const] : [],
    );
    expect(questions).toHaveLength(11);
    expect(new Set(questions.map(([, indicator]) => indicator)).size).toBe(11);
    for (const [id] of questions) expect(Object.keys(WORKER_VOICE_FLOW.steps)).toContain(id);
  });
});

describe.each(REPORTING_LANGUAGES)('a full conversation in %s', (language) => {
  it.each(CHANNELS.flatMap((channel) => REPORTING_FLOW_IDS.map((id) => [id, channel, FLOWS[id]] as const)))(
    '%s by %s reaches its end with the answers given',
    (id, channel, flow) => {
      const script = SCRIPTS[id](language);
      let turn = beginFlow(flow, language, channel, T0);
      let now = T0;
      for (const input of script.inputs) {
        expect(turn.done).toBe(false);
        const step = flow.steps[turn.session.stepId];
        // Each screen is the step's own text in the conversation's language, by USSD its first page.
        const text = step === undefined ? undefined : stepText(step, language);
        if (text !== undefined) expect(turn.reply).toBe(channel === 'sms' ? text : paginate(text, language)[0]);
        now += 20_000;
        turn = continueFlow(flow, turn.session, input, now);
        expect(turn.problem, `${turn.session.stepId} ← ${input}`).toBeUndefined();
      }
      expect(turn.done).toBe(true);
      expect(turn.outcome).toEqual({
        flowId: id,
        flowVersion: 1,
        language,
        channel,
        answers: script.answers,
        inDanger: script.inDanger,
      });
      const end = Object.values(flow.steps).find((step) => step.kind === 'end');
      expect(turn.reply).toBe(end?.kind === 'end' ? end.message[language] : undefined);
    },
  );

  it.each(Object.values(FLOWS).map((flow) => [flow.id, flow] as const))(
    '%s re-asks every step on an answer it cannot take',
    (_id, flow) => {
      for (const stepId of questionSteps(flow)) {
        const step = flow.steps[stepId];
        if (step === undefined || step.kind === 'end') continue;
        const bad =
          step.kind === 'choice'
            ? String(step.options.length + 1)
            : step.validate === 'yes_no'
              ? 'peut-être'
              : step.validate === 'code'
                ? 'KX 7!'
                : 'x'.repeat(step.maxLength + 1);
        for (const channel of CHANNELS) {
          const session = sessionAt(flow, stepId, language, channel);
          const turn = continueFlow(flow, session, bad, T0 + 1000);
          expect(turn.done, stepId).toBe(false);
          expect(turn.session.stepId).toBe(stepId);
          expect(turn.session.answers).toEqual(session.answers);
          expect(turn.problem).toBeDefined();
          const code = turn.session.problem;
          expect(code).toBeDefined();
          expect(turn.problem).toBe(problemText(step, code ?? 'empty', language));
          expect(turn.problem).not.toContain('{max}');
          expect(turn.reply.startsWith(turn.problem ?? '')).toBe(true);
        }
      }
    },
  );

  it.each(Object.values(FLOWS).map((flow) => [flow.id, flow] as const))(
    '%s times out after a day idle by SMS and three minutes by USSD',
    (_id, flow) => {
      for (const channel of CHANNELS) {
        const [, second] = questionSteps(flow);
        const session = sessionAt(flow, second ?? flow.start, language, channel);
        const limit = SESSION_LIMITS[channel];
        expect(continueFlow(flow, session, '1', T0 + limit - 1).done).toBe(false);
        const late = continueFlow(flow, session, '1', T0 + limit);
        expect(late).toEqual({ session, reply: flow.ended[channel][language], done: true });
      }
      expect(SESSION_LIMITS).toEqual({ sms: 24 * 3600_000, ussd: 180_000 });
    },
  );
});

describe('USSD paging on a real screen', () => {
  it('pages a problem-topped screen with 98 and 0, then takes the answer', () => {
    const session = sessionAt(TIP_FLOW, 'what', 'es', 'ussd');
    let turn = continueFlow(TIP_FLOW, session, 'no sé', T0 + 1);
    expect(turn.problem).toBe('Responda con un número de la lista.');
    expect(turn.reply.endsWith('\n98. Más')).toBe(true);
    turn = continueFlow(TIP_FLOW, turn.session, '98', T0 + 2);
    expect(turn.session).toMatchObject({ stepId: 'what', page: 1, problem: 'choose_option' });
    expect(turn.reply.endsWith('\n0. Atrás')).toBe(true);
    expect(turn.problem).toBeUndefined();
    turn = continueFlow(TIP_FLOW, turn.session, '0', T0 + 3);
    expect(turn.session.page).toBe(0);
    turn = continueFlow(TIP_FLOW, turn.session, '7', T0 + 4);
    expect(turn.session).toMatchObject({ stepId: 'where', page: 0, answers: { what: 'other' } });
    expect(turn.session.problem).toBeUndefined();
  });
});

describe('whatever is typed', () => {
  const flowArbitrary = fc.constantFrom(...ALL_FLOWS);
  const inputArbitrary = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 1200 }),
    fc.constantFrom('', ' ', '98', '0', '99', '٩٨', '۰', '1', '2', '3', '-1', '1e3', '__proto__', 'x'.repeat(1001)),
  );

  it('never throws, and never sends a USSD screen over its limit', () => {
    fc.assert(
      fc.property(
        flowArbitrary,
        fc.nat(),
        fc.constantFrom(...REPORTING_LANGUAGES),
        fc.constantFrom(...CHANNELS),
        fc.nat({ max: 3 }),
        fc.array(inputArbitrary, { minLength: 1, maxLength: 6 }),
        (flow, pick, language, channel, page, inputs) => {
          const steps = questionSteps(flow);
          const stepId = steps[pick % steps.length] ?? flow.start;
          let turn: Turn = { session: { ...sessionAt(flow, stepId, language, channel), page }, reply: '', done: false };
          for (const input of inputs) {
            if (turn.done) break;
            turn = continueSession(turn.session, input, T0 + 1000);
            expect(typeof turn.reply).toBe('string');
            expect(turn.reply).not.toBe('');
            if (channel === 'ussd') expect(ussdLength(turn.reply)).toBeLessThanOrEqual(ussdScreenLimit(turn.reply));
            const current = (turn.session.flowId === 'menu' ? MENU_FLOW : FLOWS[turn.session.flowId]).steps[
              turn.session.stepId
            ];
            expect(current).toBeDefined();
            if (!turn.done) expect(current?.kind).not.toBe('end');
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
