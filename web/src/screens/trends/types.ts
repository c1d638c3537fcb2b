/**
 * The trends API's answer (GET /trends) and what it allows: each measure's groupings, the first
 * its default, as the server declares them in domain/trends/measures.ts (the server refuses any
 * other with a 400 naming `by`, which the screen shows).
 */

export const MEASURES = ['records', 'alerts', 'notices', 'tips', 'cases', 'typologies'] as const;
/** What is counted. */
export type Measure = (typeof MEASURES)[number];

export const INTERVALS = ['month', 'week'] as const;
/** A period's length. */
export type Interval = (typeof INTERVALS)[number];

/** What a measure is grouped by. */
export type Grouping = 'sector' | 'country' | 'exploitationType' | 'type' | 'none';

export const GROUPINGS_OF: Readonly<Record<Measure, readonly Grouping[]>> = {
  records: ['none', 'sector', 'type'],
  alerts: ['none', 'type'],
  notices: ['none', 'type', 'sector', 'country'],
  tips: ['none', 'exploitationType', 'country', 'sector'],
  cases: ['none', 'exploitationType', 'country', 'sector'],
  typologies: ['type', 'none'],
};

/** A count as shown: null where withheld. */
export interface ShownCount {
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** A period's count. */
export interface TrendPoint extends ShownCount {
  readonly period: string;
}

/** One group's points and total. */
export interface TrendSeries {
  readonly group: string;
  readonly points: readonly TrendPoint[];
  readonly total: ShownCount;
}

/** GET /trends. */
export interface Trends {
  readonly measure: Measure;
  readonly interval: Interval;
  readonly by: Grouping;
  readonly from: string;
  readonly to: string;
  readonly periods: readonly string[];
  readonly series: readonly TrendSeries[];
  readonly totals: { readonly points: readonly TrendPoint[]; readonly total: ShownCount };
}
