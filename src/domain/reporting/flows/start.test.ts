import { describe, expect, it } from 'vitest';
import { beginFromStart, beginUssd, continueSession, MENU_FLOW, recogniseStart, SESSION_LIMITS } from './index.ts';

const T0 = Date.parse('2026-03-01T08:00:00Z');

describe('start keywords', () => {
  it.each([
    ['REPORT', 'tip', 'en'],
    [' tip ', 'tip', 'en'],
    ['Denuncia', 'tip', 'es'],
    ['reportar.', 'tip', 'es'],
    ['SIGNALER', 'tip', 'fr'],
    ['alerte !', 'tip', 'fr'],
    ['بلاغ', 'tip', 'ar'],
    ['إبلاغ', 'tip', 'ar'],
    ['HELP', 'help', 'en'],
    ['help me', 'help', 'en'],
    ['¡Ayuda!', 'help', 'es'],
    ['AYÚDA', 'help', 'es'],
    ['aide', 'help', 'fr'],
    ['مساعدة', 'help', 'ar'],
    ['مساعده', 'help', 'ar'],
    ['SURVEY', 'worker_voice', 'en'],
    ['encuesta', 'worker_voice', 'es'],
    ['ENQUETE', 'worker_voice', 'fr'],
    ['Enquête', 'worker_voice', 'fr'],
    ['استبيان', 'worker_voice', 'ar'],
  ] as const)('reads %j as %s in %s', (text, flow, language) => {
    expect(recogniseStart(text)).toEqual({ flow, language });
  });

  it('reads the site code sent with the survey keyword', () => {
    expect(recogniseStart('SURVEY KX7-2')).toEqual({ flow: 'worker_voice', language: 'en', site: 'KX7-2' });
    expect(recogniseStart('encuesta kx7-2.')).toEqual({ flow: 'worker_voice', language: 'es', site: 'KX7-2' });
    expect(recogniseStart('استبيان ٤٥-AB')).toEqual({ flow: 'worker_voice', language: 'ar', site: '45-AB' });
    // A word that is not a poster's code (no digit, or not plain letters and digits) is not taken for one.
    expect(recogniseStart('SURVEY ¿qué?')).toEqual({ flow: 'worker_voice', language: 'en' });
    expect(recogniseStart('SURVEY please')).toEqual({ flow: 'worker_voice', language: 'en' });
    expect(recogniseStart('ENQUÊTE été2')).toEqual({ flow: 'worker_voice', language: 'fr' });
    expect(recogniseStart('\u200fاستبيان')).toEqual({ flow: 'worker_voice', language: 'ar' });
  });

  it('recognises nothing else', () => {
    for (const text of ['', '   ', '?!', 'hello', 'REPORTS', 'I need help', 'x'.repeat(1001)]) {
      expect(recogniseStart(text), text).toBeUndefined();
    }
  });

  it('begins the survey past the site question when the code came with the keyword', () => {
    const start = recogniseStart('SURVEY KX7-2');
    if (start === undefined) throw new Error('recognised');
    const turn = beginFromStart(start, 'sms', T0);
    expect(turn.session).toMatchObject({
      flowId: 'worker_voice',
      stepId: 'taken_advantage',
      answers: { site: 'KX7-2' },
    });
  });
});

describe('the USSD opening', () => {
  it('asks the language, then the service, then hands over to the chosen flow in that language', () => {
    let turn = beginUssd(T0);
    expect(turn.reply).toBe('Language / Idioma / Langue / اللغة\n1. English\n2. Español\n3. Français\n4. العربية');
    expect(turn.session).toMatchObject({ flowId: 'menu', channel: 'ussd', stepId: 'language' });
    turn = continueSession(turn.session, '3', T0 + 10_000);
    expect(turn.session.language).toBe('fr');
    expect(turn.reply).toBe(
      "Bienvenue. Que souhaitez-vous faire ?\n1. Signaler la traite\n2. Demander de l'aide pour moi\n3. Questionnaire travailleurs",
    );
    turn = continueSession(turn.session, '2', T0 + 20_000);
    expect(turn.done).toBe(false);
    expect(turn.session).toMatchObject({ flowId: 'help', language: 'fr', channel: 'ussd', stepId: 'safe', page: 0 });
    expect(turn.reply).toBe('Êtes-vous en sécurité en ce moment ?\n1. Oui\n2. Non');
    for (const input of ['1', '5', '99', '2']) turn = continueSession(turn.session, input, T0 + 30_000);
    expect(turn.outcome).toEqual({
      flowId: 'help',
      flowVersion: 1,
      language: 'fr',
      channel: 'ussd',
      answers: { safe: 'yes', need: 'talk_to_someone', contact: 'no' },
      inDanger: false,
    });
  });

  it('answers a wrong language pick in no one language, and starts the survey with its site code', () => {
    const wrong = continueSession(beginUssd(T0).session, '9', T0);
    expect(wrong.problem).toBe('1-4 ?');
    expect(wrong.session.stepId).toBe('language');
    const survey = continueSession(continueSession(wrong.session, '٤', T0).session, '3', T0);
    expect(survey.session).toMatchObject({ flowId: 'worker_voice', language: 'ar', stepId: 'site' });
  });

  it('starts at the service menu when the gateway knows the language', () => {
    const turn = beginUssd(T0, 'es');
    expect(turn.session).toMatchObject({ flowId: 'menu', language: 'es', stepId: 'service' });
    expect(continueSession(turn.session, '1', T0).session).toMatchObject({ flowId: 'tip', language: 'es' });
  });

  it('ends an idle menu like any USSD session', () => {
    const turn = continueSession(beginUssd(T0).session, '1', T0 + SESSION_LIMITS.ussd);
    expect(turn.done).toBe(true);
    expect(turn.outcome).toBeUndefined();
    expect(turn.reply).toBe(MENU_FLOW.ended.ussd.en);
  });
});
