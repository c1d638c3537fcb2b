import { describe, expect, it } from 'vitest';
import { beginFlow, continueFlow, WORKER_VOICE_FLOW } from './flows/index.ts';
import {
  crossesThreshold,
  ILO_INDICATOR_IDS,
  ILO_INDICATORS,
  QUESTION_INDICATORS,
  riskLevel,
  scoreSurvey,
  siteRisk,
  STRONG_INDICATORS,
  type IndicatorId,
  type IndicatorScores,
  type SiteRisk,
  type SurveyResponse,
} from './worker-voice.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T12:00:00Z');

/** `count` responses a day apart ending `daysAgo` days before now, the first `reporting` of them reporting `indicators`. */
function responses(
  count: number,
  daysAgo: number,
  reporting: number,
  indicators: readonly IndicatorId[] = ILO_INDICATOR_IDS,
): SurveyResponse[] {
  return Array.from({ length: count }, (_, index) => {
    const scores: IndicatorScores = {};
    for (const id of indicators) scores[id] = index < reporting ? 1 : 0;
    return { at: NOW - (daysAgo + (index % 20)) * DAY, scores };
  });
}

/** A site's current overall risk, or undefined when withheld. */
const overall = (risk: SiteRisk): number | undefined => (risk.current.suppressed ? undefined : risk.current.risk);

describe('the ILO indicators', () => {
  it('are the eleven of the ILO, each named in four languages, each asked by one survey question', () => {
    expect(ILO_INDICATORS.map((indicator) => indicator.id)).toEqual([...ILO_INDICATOR_IDS]);
    expect(ILO_INDICATOR_IDS).toHaveLength(11);
    for (const indicator of ILO_INDICATORS) {
      for (const name of Object.values(indicator.name)) expect(name.trim()).not.toBe('');
      expect(indicator.name.ar).toMatch(/\p{Script=Arabic}/u);
    }
    expect(Object.values(QUESTION_INDICATORS).sort()).toEqual([...ILO_INDICATOR_IDS].sort());
    for (const question of Object.keys(QUESTION_INDICATORS)) expect(WORKER_VOICE_FLOW.steps).toHaveProperty(question);
    expect(QUESTION_INDICATORS['documents_kept']).toBe('retention_of_identity_documents');
  });
});

describe('scoring a survey', () => {
  it('reads yes as 1, no as 0, never/sometimes/often as 0, 0.5, 1, and leaves unanswered indicators out', () => {
    expect(
      scoreSurvey({
        site: 'KX7-2',
        documents_kept: 'yes',
        debt: 'no',
        overtime: 'sometimes',
        threats: 'often',
        conditions: 'never',
        pay_withheld: 'banana',
        constructor: 'yes',
      }),
    ).toEqual({
      retention_of_identity_documents: 1,
      debt_bondage: 0,
      excessive_overtime: 0.5,
      intimidation_and_threats: 1,
      abusive_working_and_living_conditions: 0,
    });
    expect(scoreSurvey({})).toEqual({});
  });

  it('scores what the survey flow gathers', () => {
    let turn = beginFlow(WORKER_VOICE_FLOW, 'en', 'sms', NOW, { site: 'A1' });
    for (const input of ['1', '2', '3', '2', '1', '1', '1', '3', '2', '1', '2']) {
      turn = continueFlow(WORKER_VOICE_FLOW, turn.session, input, NOW);
    }
    expect(scoreSurvey(turn.outcome?.answers ?? {})).toEqual({
      abuse_of_vulnerability: 1,
      deception: 0,
      restriction_of_movement: 1,
      isolation: 0.5,
      physical_and_sexual_violence: 1,
      intimidation_and_threats: 0,
      retention_of_identity_documents: 1,
      withholding_of_wages: 1,
      debt_bondage: 0,
      abusive_working_and_living_conditions: 0,
      excessive_overtime: 0.5,
    });
  });
});

describe('a site’s risk', () => {
  it('withholds every figure of a period with 10 responses, and shows them at 11', () => {
    const ten = siteRisk(responses(10, 0, 10), { now: NOW });
    expect(ten.current).toEqual({ suppressed: true });
    for (const id of ILO_INDICATOR_IDS) {
      expect(ten.indicators[id].current).toEqual({ suppressed: true });
      expect(ten.indicators[id].trend).toBe('unknown');
    }
    expect(JSON.stringify(ten)).not.toMatch(/share|risk"|respondents/);

    const eleven = siteRisk(responses(11, 0, 11), { now: NOW });
    expect(eleven.current).toEqual({ suppressed: false, respondents: 11, risk: 1, level: 'high' });
    expect(eleven.indicators.debt_bondage.current).toEqual({ suppressed: false, share: 1, respondents: 11 });
    expect(eleven.previous).toEqual({ suppressed: true });
    expect(eleven.trend).toBe('unknown');
  });

  it('withholds an indicator too few workers answered, even in a large enough period', () => {
    const risk = siteRisk([...responses(11, 0, 0, ['deception']), ...responses(5, 0, 5, ['debt_bondage'])], {
      now: NOW,
    });
    expect(risk.indicators.debt_bondage.current).toEqual({ suppressed: true });
    expect(risk.indicators.deception.current).toEqual({ suppressed: false, share: 0, respondents: 11 });
    expect(risk.current).toMatchObject({ suppressed: false, respondents: 16, risk: 0 });
  });

  it('takes a configurable group size and period', () => {
    expect(siteRisk(responses(5, 0, 1), { now: NOW, minimumGroup: 5 }).current.suppressed).toBe(false);
    // A 7-day period holds only the responses of the last 7 days.
    expect(siteRisk(responses(20, 0, 20), { now: NOW, periodDays: 7 }).current).toEqual({ suppressed: true });
    expect(() => siteRisk([], { now: NOW, minimumGroup: 0 })).toThrow(RangeError);
  });

  it('counts "sometimes" as reporting an indicator, and places responses by period boundary', () => {
    const sometimes = Array.from({ length: 11 }, (_, index) => ({
      at: NOW - index * DAY,
      scores: { excessive_overtime: index < 4 ? 0.5 : 0 },
    }));
    expect(siteRisk(sometimes, { now: NOW }).indicators.excessive_overtime.current).toMatchObject({ share: 4 / 11 });
    const edges = [
      ...responses(11, 1, 0),
      { at: NOW - 30 * DAY, scores: { deception: 1 } },
      { at: NOW + DAY, scores: { deception: 1 } },
    ];
    const risk = siteRisk(edges, { now: NOW });
    expect(risk.current).toMatchObject({ respondents: 11 });
    expect(risk.previous).toEqual({ suppressed: true });
  });

  it('reads the trend of each indicator and overall from the previous period', () => {
    const previous = responses(11, 31, 2, ['retention_of_identity_documents', 'deception', 'isolation']);
    const current = [
      ...responses(11, 0, 6, ['retention_of_identity_documents']).map((response, index) => ({
        ...response,
        scores: { ...response.scores, deception: index < 2 ? 1 : 0, isolation: 0 },
      })),
    ];
    const risk = siteRisk([...previous, ...current], { now: NOW });
    expect(risk.indicators.retention_of_identity_documents).toMatchObject({
      current: { share: 6 / 11 },
      previous: { share: 2 / 11 },
      trend: 'up',
    });
    expect(risk.indicators.deception.trend).toBe('flat');
    expect(risk.indicators.isolation.trend).toBe('down');
    expect(risk.indicators.debt_bondage.trend).toBe('unknown');
    expect(risk.trend).toBe('up');
    // A looser flat band reads the same move as flat.
    expect(siteRisk([...previous, ...current], { now: NOW, flatWithin: 0.5 }).indicators.isolation.trend).toBe('flat');
  });

  it('weights the strong indicators double in the overall risk', () => {
    expect([...STRONG_INDICATORS].sort()).toEqual([
      'debt_bondage',
      'physical_and_sexual_violence',
      'retention_of_identity_documents',
      'withholding_of_wages',
    ]);
    const strongOnly = Array.from({ length: 11 }, (_, index) => {
      const scores: IndicatorScores = {};
      for (const id of ILO_INDICATOR_IDS) scores[id] = STRONG_INDICATORS.has(id) ? 1 : 0;
      return { at: NOW - index * DAY, scores };
    });
    // Four strong indicators at share 1, weight 2 each, over a total weight of 4 × 2 + 7 × 1.
    expect(siteRisk(strongOnly, { now: NOW }).current).toMatchObject({ level: 'high' });
    expect(overall(siteRisk(strongOnly, { now: NOW }))).toBeCloseTo(8 / 15);
    const weakOnly = strongOnly.map((response) => ({
      ...response,
      scores: Object.fromEntries(Object.entries(response.scores).map(([id, score]) => [id, 1 - score])),
    }));
    expect(overall(siteRisk(weakOnly, { now: NOW }))).toBeCloseTo(7 / 15);
  });

  it('places the overall risk in bands, default or given', () => {
    expect(riskLevel(0.1)).toBe('low');
    expect(riskLevel(0.15)).toBe('medium');
    expect(riskLevel(0.3)).toBe('high');
    const risk = siteRisk(responses(11, 0, 2), { now: NOW, bands: { medium: 0.1, high: 0.5 } });
    expect(risk.current).toMatchObject({ level: 'medium' });
    expect(overall(risk)).toBeCloseTo(2 / 11);
  });
});

describe('alerting a brand', () => {
  const at = (reporting: number): SiteRisk => siteRisk(responses(11, 0, reporting), { now: NOW });
  const low = at(0);
  const medium = at(2);
  const high = at(6);
  const withheld = siteRisk([], { now: NOW });

  it('alerts once when a site first reaches the threshold, and again only after it has fallen back', () => {
    expect([low.current, medium.current, high.current].map((figure) => !figure.suppressed && figure.level)).toEqual([
      'low',
      'medium',
      'high',
    ]);
    const sequence = [low, medium, high, high, medium, high, high];
    const alerts = sequence.map((current, index) => crossesThreshold(sequence[index - 1], current, 'high'));
    expect(alerts).toEqual([false, false, true, false, false, true, false]);
    expect(crossesThreshold(undefined, high, 'high')).toBe(true);
    expect(crossesThreshold(low, high, 'medium')).toBe(true);
    expect(crossesThreshold(medium, high, 'medium')).toBe(false);
  });

  it('never alerts on withheld figures, and treats a withheld previous figure as never alerted', () => {
    expect(crossesThreshold(undefined, withheld, 'medium')).toBe(false);
    expect(crossesThreshold(withheld, high, 'high')).toBe(true);
  });
});
