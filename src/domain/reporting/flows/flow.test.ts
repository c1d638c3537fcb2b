import { describe, expect, it } from 'vitest';
import {
  beginFlow,
  continueFlow,
  flowProblems,
  paginate,
  parseSession,
  renderForChannel,
  SESSION_LIMITS,
  sessionExpired,
  USSD_SCREEN_LIMIT,
  USSD_UCS2_SCREEN_LIMIT,
  ussdLength,
  ussdScreenLimit,
  type FlowDefinition,
  type FlowSession,
  type Texts,
} from './flow.ts';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const same = (text: string): Texts => ({ en: text, es: text, fr: text, ar: text });

/** A small flow with one step of each kind and validation, for the engine alone. */
const SAMPLE: FlowDefinition = {
  id: 'tip',
  version: 3,
  title: same('Sample'),
  start: 'pick',
  keywords: { en: ['SAMPLE'], es: [], fr: [], ar: [] },
  ended: { sms: same('Ended by SMS. Send SAMPLE.'), ussd: same('Ended by USSD.') },
  danger: { field: 'pick', key: 'b' },
  steps: {
    pick: {
      kind: 'choice',
      prompt: same('Pick one'),
      options: [
        { key: 'a', label: same('Alpha'), next: 'count' },
        { key: 'b', label: same('Bravo'), next: 'count' },
      ],
    },
    count: { kind: 'text', field: 'count', validate: 'number', maxLength: 4, prompt: same('How many?'), next: 'phone' },
    phone: { kind: 'text', field: 'phone', validate: 'phone', maxLength: 30, prompt: same('Phone?'), next: 'agree' },
    agree: { kind: 'text', field: 'agree', validate: 'yes_no', maxLength: 5, prompt: same('Agree?'), next: 'note' },
    note: {
      kind: 'text',
      field: 'note',
      validate: 'any',
      maxLength: 10,
      optional: true,
      prompt: same('Anything else?'),
      next: 'site',
    },
    site: { kind: 'text', field: 'site', validate: 'code', maxLength: 8, prompt: same('Site?'), next: 'done' },
    done: { kind: 'end', message: same('Thanks.') },
  },
};

/** A flow whose one screen is far longer than a USSD page. */
const LONG: FlowDefinition = {
  ...SAMPLE,
  start: 'long',
  steps: {
    long: {
      kind: 'choice',
      prompt: same(`${'A rather long explanation of what is asked. '.repeat(8)}${'x'.repeat(300)}`),
      options: Array.from({ length: 14 }, (_, index) => ({
        key: `o${index + 1}`,
        label: same(`Option number ${index + 1} with a label`),
        next: 'done',
      })),
    },
    done: { kind: 'end', message: same('Thanks.') },
  },
};

const at = (flow: FlowDefinition, stepId: string, channel: 'sms' | 'ussd' = 'sms'): FlowSession => ({
  ...beginFlow(flow, 'en', channel, T0).session,
  stepId,
});

describe('the flow engine', () => {
  it('walks a flow to its end, storing option keys and checked answers', () => {
    const inputs = ['2', '١٢', '+44 7700-900 123', 'oui', '99', 'kx7-2'];
    let turn = beginFlow(SAMPLE, 'en', 'sms', T0);
    expect(turn.reply).toBe('Pick one\n1. Alpha\n2. Bravo');
    for (const input of inputs) turn = continueFlow(SAMPLE, turn.session, input, T0 + 1000);
    expect(turn.done).toBe(true);
    expect(turn.reply).toBe('Thanks.');
    expect(turn.outcome).toEqual({
      flowId: 'tip',
      flowVersion: 3,
      language: 'en',
      channel: 'sms',
      answers: { pick: 'b', count: '12', phone: '+447700900123', agree: 'yes', site: 'KX7-2' },
      inDanger: true,
    });
    expect(turn.session.lastActivityAt).toBe(T0 + 1000);
  });

  it.each([
    ['choice', 'pick', '3', 'Please reply with a number from the list.'],
    ['choice', 'pick', 'charlie', 'Please reply with a number from the list.'],
    ['number', 'count', '12a', 'Please reply with digits only.'],
    ['number too long', 'count', '12345', 'Please use at most 4 characters.'],
    ['phone', 'phone', '12-34', 'Please send a phone number of 6 to 20 digits.'],
    ['phone', 'phone', '123456789012345678901', 'Please send a phone number of 6 to 20 digits.'],
    ['yes/no', 'agree', 'maybe', 'Please reply 1 for yes or 2 for no.'],
    ['any too long', 'note', 'eleven chars', 'Please use at most 10 characters.'],
    ['code', 'site', 'KX 7!', 'Please send the code in letters and digits, like KX7-2.'],
    ['required', 'site', '   ', 'Please type an answer.'],
  ])('re-asks a %s step with the problem, without moving on', (_kind, stepId, input, problem) => {
    const session = at(SAMPLE, stepId);
    const turn = continueFlow(SAMPLE, session, input, T0 + 5);
    expect(turn.done).toBe(false);
    expect(turn.problem).toBe(problem);
    expect(turn.reply.startsWith(`${problem}\n`)).toBe(true);
    expect(turn.session.stepId).toBe(stepId);
    expect(turn.session.answers).toEqual(session.answers);
    expect(turn.session.lastActivityAt).toBe(T0 + 5);
  });

  it('drops the problem once the step is answered', () => {
    const wrong = continueFlow(SAMPLE, at(SAMPLE, 'pick'), 'x', T0);
    expect(wrong.session.problem).toBe('choose_option');
    const right = continueFlow(SAMPLE, wrong.session, '1', T0);
    expect(right.session.problem).toBeUndefined();
    expect(right.problem).toBeUndefined();
    expect(right.reply).toBe('How many?');
  });

  it('reads option numbers in Arabic-Indic and Eastern Arabic digits, and yes/no in every language', () => {
    expect(continueFlow(SAMPLE, at(SAMPLE, 'pick'), '٢', T0).session.answers['pick']).toBe('b');
    expect(continueFlow(SAMPLE, at(SAMPLE, 'pick'), '۱', T0).session.answers['pick']).toBe('a');
    expect(continueFlow(SAMPLE, at(SAMPLE, 'pick'), ' bravo ', T0).session.answers['pick']).toBe('b');
    for (const [word, value] of [
      ['yes', 'yes'],
      ['Sí', 'yes'],
      ['si', 'yes'],
      ['OUI', 'yes'],
      ['نعم', 'yes'],
      ['1', 'yes'],
      ['no', 'no'],
      ['non', 'no'],
      ['لا', 'no'],
      ['٢', 'no'],
    ] as const) {
      expect(continueFlow(SAMPLE, at(SAMPLE, 'agree'), word, T0).session.answers['agree'], word).toBe(value);
    }
  });

  it('shows yes/no options and the skip option on the text steps that take them', () => {
    expect(beginFlow(SAMPLE, 'fr', 'sms', T0, { pick: 'a', count: '1', phone: '123456' }).reply).toBe(
      'Agree?\n1. Oui\n2. Non',
    );
    expect(continueFlow(SAMPLE, at(SAMPLE, 'agree'), '2', T0).reply).toBe('Anything else?\n99. Skip');
  });

  it('skips an optional question on an empty reply, 99 or a skip word, and stores nothing for it', () => {
    for (const input of ['', '99', '٩٩', 'skip', 'Omitir', 'passer', 'تخطي']) {
      const turn = continueFlow(SAMPLE, at(SAMPLE, 'note'), input, T0);
      expect(turn.session.stepId, input).toBe('site');
      expect(turn.session.answers, input).not.toHaveProperty('note');
    }
  });

  it('refuses a message over 1,000 characters at any step', () => {
    const turn = continueFlow(SAMPLE, at(SAMPLE, 'note'), 'a'.repeat(1001), T0);
    expect(turn.problem).toBe('That message is too long.');
    expect(turn.session.stepId).toBe('note');
  });

  it('passes over steps already answered when a flow begins', () => {
    const turn = beginFlow(SAMPLE, 'en', 'sms', T0, { pick: 'a', count: '3' });
    expect(turn.session.stepId).toBe('phone');
    expect(turn.session.answers).toEqual({ pick: 'a', count: '3' });
    // A stored choice that is not an option is asked for again.
    expect(beginFlow(SAMPLE, 'en', 'sms', T0, { pick: 'zulu' }).session.stepId).toBe('pick');
  });

  it('ends an idle session with how to start again, and one from another flow version', () => {
    const sms = at(SAMPLE, 'count');
    expect(sessionExpired(sms, T0 + SESSION_LIMITS.sms - 1)).toBe(false);
    expect(sessionExpired(sms, T0 + SESSION_LIMITS.sms)).toBe(true);
    const late = continueFlow(SAMPLE, sms, '4', T0 + SESSION_LIMITS.sms);
    expect(late).toEqual({ session: sms, reply: 'Ended by SMS. Send SAMPLE.', done: true });
    const ussd = at(SAMPLE, 'count', 'ussd');
    expect(continueFlow(SAMPLE, ussd, '4', T0 + 179_999).done).toBe(false);
    expect(continueFlow(SAMPLE, ussd, '4', T0 + 180_000).reply).toBe('Ended by USSD.');
    expect(continueFlow(SAMPLE, sms, '4', T0 + 1000, { sms: 500, ussd: 500 }).done).toBe(true);
    expect(continueFlow({ ...SAMPLE, version: 4 }, sms, '4', T0).done).toBe(true);
    expect(continueFlow(SAMPLE, { ...sms, stepId: 'constructor' }, '4', T0).done).toBe(true);
    expect(continueFlow(SAMPLE, { ...sms, stepId: 'done' }, '4', T0).outcome).toBeUndefined();
  });
});

describe('USSD pages', () => {
  it('leaves a screen that fits alone, and never splits an option from its number', () => {
    expect(paginate('short')).toEqual(['short']);
    const text = [
      LONG.steps['long']?.kind === 'choice' ? LONG.steps['long'].prompt.en : '',
      ...Array.from({ length: 14 }, (_, index) => `${index + 1}. Option number ${index + 1} with a label`),
    ].join('\n');
    for (const language of ['en', 'es', 'fr', 'ar'] as const) {
      const pages = paginate(text, language);
      expect(pages.length).toBeGreaterThan(3);
      for (const page of pages) expect(ussdLength(page)).toBeLessThanOrEqual(ussdScreenLimit(page));
      for (let index = 1; index <= 14; index++) {
        const line = `${index}. Option number ${index} with a label`;
        expect(pages.filter((page) => page.split('\n').includes(line))).toHaveLength(1);
      }
    }
    const english = paginate(text, 'en');
    expect(english[0]?.endsWith('\n98. More')).toBe(true);
    expect(english[1]?.endsWith('\n98. More\n0. Back')).toBe(true);
    expect(english.at(-1)?.endsWith('\n0. Back')).toBe(true);
    expect(paginate(text, 'ar')[1]?.endsWith('\n98. المزيد\n0. رجوع')).toBe(true);
  });

  it('fits a GSM text of up to 182 characters on one screen, in any language', () => {
    const text = `${'Report it. '.repeat(15)}Thanks!!`;
    expect(Array.from(text)).toHaveLength(173);
    for (const language of ['en', 'es', 'fr', 'ar'] as const) expect(paginate(text, language)).toEqual([text]);
    const full = 'x'.repeat(USSD_SCREEN_LIMIT);
    expect(paginate(full)).toEqual([full]);
    expect(paginate(`${full}x`).length).toBeGreaterThan(1);
    // Extension-table characters take two septets each: 91 of them fill a screen, 92 do not.
    expect(paginate('€'.repeat(91))).toHaveLength(1);
    const euros = paginate('€'.repeat(92));
    expect(euros.length).toBeGreaterThan(1);
    for (const page of euros) expect(ussdLength(page)).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
  });

  it('pages a text that needs UCS-2 in screens of 80 characters', () => {
    const arabic = Array.from({ length: 6 }, (_, index) => `${index + 1}. خيار رقم ${index + 1} مع وصف قصير`).join(
      '\n',
    );
    expect(ussdScreenLimit(arabic)).toBe(USSD_UCS2_SCREEN_LIMIT);
    expect(ussdLength(arabic)).toBeLessThan(USSD_SCREEN_LIMIT);
    const pages = paginate(arabic, 'ar');
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(ussdLength(page)).toBeLessThanOrEqual(USSD_UCS2_SCREEN_LIMIT);
    for (const line of arabic.split('\n')) {
      expect(pages.filter((page) => page.split('\n').includes(line))).toHaveLength(1);
    }
    expect(pages[1]?.endsWith('\n98. المزيد\n0. رجوع')).toBe(true);
    // A word longer than a screen, and characters beyond the BMP (two UCS-2 units each), are cut to fit.
    for (const text of ['ب'.repeat(200), '😀'.repeat(60), `${'a'.repeat(300)} ç`]) {
      const cut = paginate(text);
      expect(cut.length).toBeGreaterThan(1);
      for (const page of cut) expect(ussdLength(page)).toBeLessThanOrEqual(USSD_UCS2_SCREEN_LIMIT);
      expect(cut.map((page) => page.split('\n')[0]).join('')).toBe(text);
    }
  });

  it('sends every page of a text in 80 characters when any part of it, or its navigation, needs UCS-2', () => {
    // One ç on the last line makes the whole text UCS-2, so its GSM-only first pages hold 80 too.
    const mixed = `${'Read this line. '.repeat(12).trim()}\n1. Yes\n2. No\n3. Peut-être`;
    const pages = paginate(mixed, 'fr');
    expect(ussdScreenLimit(pages[0] ?? '')).toBe(USSD_SCREEN_LIMIT);
    for (const page of pages) expect(ussdLength(page)).toBeLessThanOrEqual(USSD_UCS2_SCREEN_LIMIT);
    // A GSM text over one screen pages in 182 characters in English and French ("More", "Suite")...
    const gsm = `${'Read this line. '.repeat(12).trim()}\n1. Yes\n2. No`;
    const english = paginate(gsm, 'en');
    expect(english).toHaveLength(2);
    for (const page of english) expect(ussdLength(page)).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
    expect(paginate(gsm, 'fr')).toHaveLength(2);
    // ...but in 80 in Spanish, whose "Más" and "Atrás" need UCS-2.
    const spanish = paginate(gsm, 'es');
    expect(spanish.length).toBeGreaterThan(2);
    for (const page of spanish) expect(ussdLength(page)).toBeLessThanOrEqual(USSD_UCS2_SCREEN_LIMIT);
    expect(spanish[0]?.endsWith('\n98. Más')).toBe(true);
  });

  it('renders the whole text by SMS and one clamped page by USSD', () => {
    const text = 'word '.repeat(100).trim();
    expect(renderForChannel(text, 'sms', 3)).toBe(text);
    const pages = paginate(text, 'es');
    expect(renderForChannel(text, 'ussd', 1, 'es')).toBe(pages[1]);
    expect(renderForChannel(text, 'ussd', 99, 'es')).toBe(pages.at(-1));
    expect(renderForChannel(text, 'ussd', -1, 'es')).toBe(pages[0]);
  });

  it('pages on with 98 and back with 0 without answering, and takes an option from any page', () => {
    let turn = beginFlow(LONG, 'en', 'ussd', T0);
    const pages = paginate(fullLong(), 'en');
    expect(turn.reply).toBe(pages[0]);
    turn = continueFlow(LONG, turn.session, '98', T0 + 1);
    expect(turn.session.page).toBe(1);
    expect(turn.reply).toBe(pages[1]);
    turn = continueFlow(LONG, turn.session, '٩٨', T0 + 2);
    expect(turn.session.page).toBe(2);
    turn = continueFlow(LONG, turn.session, '0', T0 + 3);
    expect(turn.session).toMatchObject({ page: 1, stepId: 'long', answers: {}, lastActivityAt: T0 + 3 });
    // On the last page there is no next page: 98 is an answer, and not one of the options.
    const last = { ...turn.session, page: pages.length - 1 };
    expect(continueFlow(LONG, last, '98', T0).problem).toBe('Please reply with a number from the list.');
    // 0 on the first page is an answer too.
    expect(continueFlow(LONG, { ...turn.session, page: 0 }, '0', T0).problem).toBeDefined();
    turn = continueFlow(LONG, turn.session, '14', T0 + 4);
    expect(turn.outcome?.answers).toEqual({ long: 'o14' });
  });

  it('keeps paging by SMS out of the way: 98 there is just an answer', () => {
    expect(continueFlow(LONG, beginFlow(LONG, 'en', 'sms', T0).session, '98', T0).problem).toBeDefined();
  });
});

/** The long flow's one screen, unpaged. */
function fullLong(): string {
  const step = LONG.steps['long'];
  if (step?.kind !== 'choice') throw new Error('the long step is a choice');
  return [step.prompt.en, ...step.options.map((option, index) => `${index + 1}. ${option.label.en}`)].join('\n');
}

describe('USSD screen limits', () => {
  /** The GSM 03.38 default alphabet's basic set, every character but the escape. */
  const GSM_BASIC =
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

  it('is 182 for text in the GSM 03.38 alphabet and 80 for anything that needs UCS-2', () => {
    expect(ussdScreenLimit('Hello')).toBe(182);
    expect(ussdScreenLimit('هل يوجد شخص في خطر الآن؟')).toBe(80);
    expect(ussdScreenLimit('Canción')).toBe(80);
    expect(ussdScreenLimit('Répondez à é, è, ù, ì, ò, Ñ and ß')).toBe(182);
    expect(ussdScreenLimit('é')).toBe(182);
    expect(ussdScreenLimit('')).toBe(182);
    expect(ussdScreenLimit(GSM_BASIC)).toBe(182);
    expect(ussdScreenLimit('^{}\\[~]|€')).toBe(182);
    for (const character of [
      'á',
      'í',
      'ó',
      'ú',
      'ê',
      'â',
      'î',
      'ô',
      'û',
      'ç',
      'œ',
      '«',
      '»',
      '’',
      'ا',
      '😀',
      '\t',
      '`',
    ]) {
      expect(ussdScreenLimit(`Text ${character}`), character).toBe(80);
    }
    expect([USSD_SCREEN_LIMIT, USSD_UCS2_SCREEN_LIMIT]).toEqual([182, 80]);
  });

  it('counts a GSM extension character as two, and a UCS-2 text by its 16-bit units', () => {
    expect(Array.from(GSM_BASIC)).toHaveLength(127);
    expect(ussdLength(GSM_BASIC)).toBe(127);
    expect(ussdLength('Hello')).toBe(5);
    expect(ussdLength('€5 [x]')).toBe(9);
    expect(ussdLength('^{}\\[~]|€')).toBe(18);
    expect(ussdLength('Canción')).toBe(7);
    expect(ussdLength('Canción €')).toBe(9);
    expect(ussdLength('رجوع')).toBe(4);
    expect(ussdLength('😀a')).toBe(3);
  });
});

describe('checking a flow definition', () => {
  it('finds dangling, unreachable and looping steps, and missing texts', () => {
    expect(flowProblems(SAMPLE)).toEqual([]);
    const broken: FlowDefinition = {
      ...SAMPLE,
      start: 'a',
      steps: {
        a: { kind: 'text', field: 'a', validate: 'any', maxLength: 10, prompt: same('A'), next: 'b' },
        b: { kind: 'text', field: 'b', validate: 'any', maxLength: 0, prompt: { ...same('B'), ar: ' ' }, next: 'a' },
        c: { kind: 'choice', prompt: same('C'), options: [{ key: 'k', label: same('K'), next: 'nowhere' }] },
      },
    };
    expect(flowProblems(broken)).toEqual([
      'step b has a length limit outside 1..1000',
      'step b has no ar text',
      'step c leads to missing step nowhere',
      'step a can be reached again from itself',
      'step c cannot be reached',
    ]);
  });
});

describe('reading a stored session back', () => {
  it('takes a session as stored, and nothing else', () => {
    const session = { ...at(SAMPLE, 'pick'), problem: 'choose_option' as const };
    expect(parseSession(JSON.parse(JSON.stringify(session)))).toEqual(session);
    expect(parseSession(null)).toBeUndefined();
    expect(parseSession({ ...session, language: 'de' })).toBeUndefined();
    expect(parseSession({ ...session, answers: { a: 1 } })).toBeUndefined();
    expect(parseSession({ ...session, page: -1 })).toBeUndefined();
    expect(parseSession({ ...session, problem: 'other' })).toBeUndefined();
  });
});
