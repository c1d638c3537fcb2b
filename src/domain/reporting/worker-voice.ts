/**
 * Worker voice: what supply-chain workers' survey answers say about forced labour at a site. Each
 * answer is scored against the 11 ILO forced-labour indicators (ILO, "ILO Indicators of Forced
 * Labour", 2012), and a site's responses are read as shares of workers reporting each indicator,
 * period on period. Figures from fewer than a minimum number of workers are suppressed, never shown,
 * so that no single worker's answers can be read out of a site's figures.
 */
import { ILO_FORCED_LABOUR_INDICATORS } from '../model/taxonomy.ts';
import { WORKER_VOICE_FLOW } from './flows/definitions.ts';
import { answerField, type Texts } from './flows/flow.ts';

/** The ids of the 11 ILO forced-labour indicators, in the ILO's order (the model's taxonomy). */
export const ILO_INDICATOR_IDS = ILO_FORCED_LABOUR_INDICATORS;

/** One of the 11 ILO forced-labour indicators. */
export type IndicatorId = (typeof ILO_INDICATOR_IDS)[number];

/** An ILO forced-labour indicator and its name in each reporting language. */
export interface IloIndicator {
  readonly id: IndicatorId;
  readonly name: Texts;
}

/** The 11 ILO forced-labour indicators, after ILO, "ILO Indicators of Forced Labour" (2012). */
export const ILO_INDICATORS: readonly IloIndicator[] = [
  {
    id: 'abuse_of_vulnerability',
    name: {
      en: 'Abuse of vulnerability',
      es: 'Abuso de la vulnerabilidad',
      fr: 'Abus de vulnérabilité',
      ar: 'استغلال حالة الضعف',
    },
  },
  { id: 'deception', name: { en: 'Deception', es: 'Engaño', fr: 'Tromperie', ar: 'الخداع' } },
  {
    id: 'restriction_of_movement',
    name: {
      en: 'Restriction of movement',
      es: 'Restricción de la libertad de movimiento',
      fr: 'Restriction de la liberté de mouvement',
      ar: 'تقييد حرية التنقل',
    },
  },
  { id: 'isolation', name: { en: 'Isolation', es: 'Aislamiento', fr: 'Isolement', ar: 'العزل' } },
  {
    id: 'physical_and_sexual_violence',
    name: {
      en: 'Physical and sexual violence',
      es: 'Violencia física y sexual',
      fr: 'Violences physiques et sexuelles',
      ar: 'العنف الجسدي والجنسي',
    },
  },
  {
    id: 'intimidation_and_threats',
    name: {
      en: 'Intimidation and threats',
      es: 'Intimidación y amenazas',
      fr: 'Intimidation et menaces',
      ar: 'الترهيب والتهديد',
    },
  },
  {
    id: 'retention_of_identity_documents',
    name: {
      en: 'Retention of identity documents',
      es: 'Retención de documentos de identidad',
      fr: "Rétention des documents d'identité",
      ar: 'حجز وثائق الهوية',
    },
  },
  {
    id: 'withholding_of_wages',
    name: {
      en: 'Withholding of wages',
      es: 'Retención del salario',
      fr: 'Retenue des salaires',
      ar: 'حجب الأجور',
    },
  },
  {
    id: 'debt_bondage',
    name: { en: 'Debt bondage', es: 'Servidumbre por deudas', fr: 'Servitude pour dettes', ar: 'عبودية الدين' },
  },
  {
    id: 'abusive_working_and_living_conditions',
    name: {
      en: 'Abusive working and living conditions',
      es: 'Condiciones de trabajo y de vida abusivas',
      fr: 'Conditions de travail et de vie abusives',
      ar: 'ظروف عمل ومعيشة مسيئة',
    },
  },
  {
    id: 'excessive_overtime',
    name: {
      en: 'Excessive overtime',
      es: 'Horas extraordinarias excesivas',
      fr: 'Heures supplémentaires excessives',
      ar: 'العمل الإضافي المفرط',
    },
  },
];

/**
 * Indicators that weigh double in a site's overall risk. Each is a strong indicator on its own: a
 * kept passport, a debt worked off, violence or withheld pay bind a worker to the job far more
 * surely than, say, long hours, which are common in lawful work too.
 */
export const STRONG_INDICATORS: ReadonlySet<IndicatorId> = new Set<IndicatorId>([
  'retention_of_identity_documents',
  'debt_bondage',
  'physical_and_sexual_violence',
  'withholding_of_wages',
]);

/**
 * Which indicator each survey question measures, keyed by where its answer is stored. Read from the
 * worker-voice flow's steps, so the survey's wording and its scoring cannot drift apart.
 */
export const QUESTION_INDICATORS: Readonly<Record<string, IndicatorId>> = Object.fromEntries(
  Object.entries(WORKER_VOICE_FLOW.steps).flatMap(([stepId, step]) =>
    step.kind !== 'end' && step.indicator !== undefined ? [[answerField(stepId, step), step.indicator]] : [],
  ),
);

/** What each answer says about its indicator, 0 (absent) to 1 (present); questions are worded so yes means present. */
export const ANSWER_SCORES: Readonly<Record<string, number>> = {
  yes: 1,
  no: 0,
  never: 0,
  sometimes: 0.5,
  often: 1,
};

/** Scores 0..1 per indicator; an indicator nobody answered for is absent. */
export type IndicatorScores = Partial<Record<IndicatorId, number>>;

/**
 * One survey's answers as a score per indicator. Unanswered questions and answers that are not one
 * of the survey's options leave their indicator absent; where two questions measure one indicator,
 * the stronger answer counts.
 */
export function scoreSurvey(answers: Readonly<Record<string, string>>): IndicatorScores {
  const scores: IndicatorScores = {};
  for (const [question, indicator] of Object.entries(QUESTION_INDICATORS)) {
    const answer = Object.hasOwn(answers, question) ? answers[question] : undefined;
    if (answer === undefined || !Object.hasOwn(ANSWER_SCORES, answer)) continue;
    const score = ANSWER_SCORES[answer] ?? 0;
    scores[indicator] = Math.max(scores[indicator] ?? 0, score);
  }
  return scores;
}

/** A site's overall risk level. */
export type RiskLevel = 'low' | 'medium' | 'high';

/** How a figure moved from the previous period to the current one; unknown when either is suppressed. */
export type Trend = 'up' | 'down' | 'flat' | 'unknown';

/** One worker's scored survey and when it was answered (epoch milliseconds). */
export interface SurveyResponse {
  readonly at: number;
  readonly scores: IndicatorScores;
}

/** The overall risk from which a site is medium and high. */
export interface RiskBands {
  readonly medium: number;
  readonly high: number;
}

/**
 * Default bands. Every indicator share is a share of workers reporting forced-labour conditions, so
 * a site is medium when about one worker in seven reports them on average and high at one in three.
 */
export const DEFAULT_RISK_BANDS: RiskBands = { medium: 0.15, high: 0.3 };

/** The fewest responses a figure is shown for, by default. */
export const DEFAULT_MINIMUM_GROUP = 11;

/** The length of a reporting period in days, by default. */
export const DEFAULT_PERIOD_DAYS = 30;

/** A change in share smaller than this reads as flat by default: a worker or two either way is noise. */
export const DEFAULT_FLAT_WITHIN = 0.05;

/** How a site's responses are read. */
export interface SiteRiskOptions {
  readonly now: number;
  /** The fewest responses (and, per indicator, answers) a figure is shown for. */
  readonly minimumGroup?: number;
  readonly periodDays?: number;
  readonly bands?: RiskBands;
  /** A change in share no larger than this is flat. */
  readonly flatWithin?: number;
}

/** A figure withheld because it rests on too few workers. */
export interface Suppressed {
  readonly suppressed: true;
}

/** One indicator in one period: the share of workers reporting it, of those who answered. */
export type IndicatorFigure =
  Suppressed | { readonly suppressed: false; readonly share: number; readonly respondents: number };

/** A site's overall risk in one period. */
export type OverallFigure =
  | Suppressed
  | { readonly suppressed: false; readonly respondents: number; readonly risk: number; readonly level: RiskLevel };

/** One indicator this period and last, and how it moved. */
export interface IndicatorRisk {
  readonly current: IndicatorFigure;
  readonly previous: IndicatorFigure;
  readonly trend: Trend;
}

/** A site's forced-labour risk read from its workers' survey responses. */
export interface SiteRisk {
  readonly periodDays: number;
  readonly minimumGroup: number;
  readonly current: OverallFigure;
  readonly previous: OverallFigure;
  readonly trend: Trend;
  readonly indicators: Readonly<Record<IndicatorId, IndicatorRisk>>;
}

const DAY_MS = 86_400_000;
const SUPPRESSED: Suppressed = { suppressed: true };

/** The level an overall risk falls in. */
export function riskLevel(risk: number, bands: RiskBands = DEFAULT_RISK_BANDS): RiskLevel {
  if (risk >= bands.high) return 'high';
  if (risk >= bands.medium) return 'medium';
  return 'low';
}

/** How a figure moved between two periods. */
function trendOf(previous: number | undefined, current: number | undefined, flatWithin: number): Trend {
  if (previous === undefined || current === undefined) return 'unknown';
  if (Math.abs(current - previous) <= flatWithin) return 'flat';
  return current > previous ? 'up' : 'down';
}

/** One period's figures, all suppressed when the period has fewer responses than the minimum group. */
function periodFigures(
  responses: readonly SurveyResponse[],
  minimumGroup: number,
  bands: RiskBands,
): { overall: OverallFigure; indicators: Record<IndicatorId, IndicatorFigure> } {
  const indicators = Object.fromEntries(ILO_INDICATOR_IDS.map((id) => [id, SUPPRESSED])) as Record<
    IndicatorId,
    IndicatorFigure
  >;
  if (responses.length < minimumGroup) return { overall: SUPPRESSED, indicators };
  let weighted = 0;
  let weights = 0;
  for (const id of ILO_INDICATOR_IDS) {
    const scores = responses
      .map((response) => response.scores[id])
      .filter((score): score is number => typeof score === 'number' && Number.isFinite(score));
    // An indicator few answered is withheld too: its share would describe those few workers.
    if (scores.length < minimumGroup) continue;
    const share = scores.filter((score) => score >= 0.5).length / scores.length;
    indicators[id] = { suppressed: false, share, respondents: scores.length };
    const weight = STRONG_INDICATORS.has(id) ? 2 : 1;
    weighted += weight * share;
    weights += weight;
  }
  if (weights === 0) return { overall: SUPPRESSED, indicators };
  const risk = weighted / weights;
  return {
    overall: { suppressed: false, respondents: responses.length, risk, level: riskLevel(risk, bands) },
    indicators,
  };
}

/**
 * A site's risk from its workers' responses: per indicator, the share of workers reporting it
 * (a score of 0.5 or more) this period and last, and the trend; overall, the mean of the shares with
 * the strong indicators weighted double, and its level. A period with fewer responses than the
 * minimum group shows no figures at all.
 */
export function siteRisk(responses: readonly SurveyResponse[], options: SiteRiskOptions): SiteRisk {
  const minimumGroup = options.minimumGroup ?? DEFAULT_MINIMUM_GROUP;
  const periodDays = options.periodDays ?? DEFAULT_PERIOD_DAYS;
  const bands = options.bands ?? DEFAULT_RISK_BANDS;
  const flatWithin = options.flatWithin ?? DEFAULT_FLAT_WITHIN;
  if (!Number.isInteger(minimumGroup) || minimumGroup < 1)
    throw new RangeError('minimumGroup must be a whole number ≥ 1');
  if (!(periodDays > 0) || !Number.isFinite(periodDays)) throw new RangeError('periodDays must be positive');
  if (!(bands.medium <= bands.high)) throw new RangeError('the medium band must not start above the high band');
  const period = periodDays * DAY_MS;
  const { now } = options;
  const current = responses.filter((response) => response.at > now - period && response.at <= now);
  const previous = responses.filter((response) => response.at > now - 2 * period && response.at <= now - period);
  const currentFigures = periodFigures(current, minimumGroup, bands);
  const previousFigures = periodFigures(previous, minimumGroup, bands);
  const shareOf = (figure: IndicatorFigure): number | undefined => (figure.suppressed ? undefined : figure.share);
  const riskOf = (figure: OverallFigure): number | undefined => (figure.suppressed ? undefined : figure.risk);
  const indicators = Object.fromEntries(
    ILO_INDICATOR_IDS.map((id): [IndicatorId, IndicatorRisk] => {
      const latest = currentFigures.indicators[id];
      const before = previousFigures.indicators[id];
      return [id, { current: latest, previous: before, trend: trendOf(shareOf(before), shareOf(latest), flatWithin) }];
    }),
  ) as Record<IndicatorId, IndicatorRisk>;
  return {
    periodDays,
    minimumGroup,
    current: currentFigures.overall,
    previous: previousFigures.overall,
    trend: trendOf(riskOf(previousFigures.overall), riskOf(currentFigures.overall), flatWithin),
    indicators,
  };
}

const LEVEL_RANK: Readonly<Record<RiskLevel, number>> = { low: 0, medium: 1, high: 2 };

/**
 * Whether a site's risk has just reached a level, so its brand is alerted once per crossing: the
 * current level is at or above the threshold and the previously computed one was not (or was
 * withheld, since a level nobody could see was never alerted on). A withheld current figure never alerts.
 */
export function crossesThreshold(previous: SiteRisk | undefined, current: SiteRisk, threshold: RiskLevel): boolean {
  if (current.current.suppressed || LEVEL_RANK[current.current.level] < LEVEL_RANK[threshold]) return false;
  return (
    previous === undefined || previous.current.suppressed || LEVEL_RANK[previous.current.level] < LEVEL_RANK[threshold]
  );
}
