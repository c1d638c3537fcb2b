/**
 * What the trends dashboard counts, and by what: the measures, the groupings each allows, and how a
 * counted thing (a record, an alert) becomes facts of a group and a period.
 */
import { periodOf, type Fact, type Interval } from './series.ts';

/**
 * What is counted: records of every type (by collection time), alerts in the reader's inbox, notices,
 * tips, cases, and red-flag alerts by typology.
 */
export const MEASURES = ['records', 'alerts', 'notices', 'tips', 'cases', 'typologies'] as const;
/** One measure. */
export type Measure = (typeof MEASURES)[number];

/** What a measure is grouped by; `none` gives one series, `all`. */
export const GROUPINGS = ['sector', 'country', 'exploitationType', 'type', 'none'] as const;
/** One grouping. */
export type Grouping = (typeof GROUPINGS)[number];

/**
 * The groupings each measure allows, the first its default. `type` is the record type (records), the
 * alert kind (alerts), the notice type (notices) or the typology (typologies); `country` is where a
 * case's exploitation took place, where a tip says it happens, or a notice's subject's nationality;
 * `sector` is the sector of the record's source.
 */
export const GROUPINGS_OF: Readonly<Record<Measure, readonly Grouping[]>> = {
  records: ['none', 'sector', 'type'],
  alerts: ['none', 'type'],
  notices: ['none', 'type', 'sector', 'country'],
  tips: ['none', 'exploitationType', 'country', 'sector'],
  cases: ['none', 'exploitationType', 'country', 'sector'],
  typologies: ['type', 'none'],
};

/** The one group of the grouping `none`. */
export const ALL = 'all';
/** The group of things whose grouping field the reader may not see (its owner restricted it). */
export const WITHHELD = '(withheld)';
/** The group of things that do not say (no country given, no exploitation type). */
export const UNKNOWN = '(unknown)';

/**
 * The groups a thing counts in, from its value for the grouping field: each of its values (a case
 * of two exploitation types counts in both), `(unknown)` when it has none, `(withheld)` when the field
 * is hidden from the reader (never its value).
 */
export function groupsOf(value: unknown, hidden: boolean): string[] {
  if (hidden) return [WITHHELD];
  const values = (Array.isArray(value) ? (value as unknown[]) : [value]).filter(
    (item): item is string | number | boolean =>
      (typeof item === 'string' && item !== '') || typeof item === 'number' || typeof item === 'boolean',
  );
  return values.length === 0 ? [UNKNOWN] : [...new Set(values.map(String))];
}

/** A thing counted: the day it counts on (`YYYY-MM-DD`), how many of it, and its groups. */
export interface Counted {
  readonly day: string;
  readonly count: number;
  readonly groups: readonly string[];
}

/** The facts of counted things from `from` to `to` (days, both included), by period. */
export function factsOf(counted: Iterable<Counted>, interval: Interval, range: { from: string; to: string }): Fact[] {
  const sums = new Map<string, Fact>();
  for (const thing of counted) {
    if (thing.day < range.from || thing.day > range.to) continue;
    const period = periodOf(thing.day, interval);
    for (const group of thing.groups) {
      const key = `${group}\u0000${period}`;
      const known = sums.get(key);
      sums.set(key, { group, period, count: (known?.count ?? 0) + thing.count });
    }
  }
  return [...sums.values()];
}
