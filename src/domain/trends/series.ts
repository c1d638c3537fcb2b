/**
 * Counts over time as a dashboard draws them: a series per group (a sector, a country, an
 * exploitation type…), one point per period (a calendar month, or an ISO week from its Monday), with
 * each group's total, each period's total and the grand total, suppressed together (suppression.ts).
 */
import { suppressTable, type ShownCount } from './suppression.ts';

/** The lengths of a period. */
export const INTERVALS = ['month', 'week'] as const;
/** A length of period. */
export type Interval = (typeof INTERVALS)[number];

/** A count of things in one group and one period (the same group and period may come twice: they add up). */
export interface Fact {
  readonly group: string;
  readonly period: string;
  readonly count: number;
}

/** One point of a series. */
export interface TrendPoint extends ShownCount {
  /** `YYYY-MM` for a month, the Monday `YYYY-MM-DD` of an ISO week. */
  readonly period: string;
}

/** One group's series. */
export interface TrendSeries {
  readonly group: string;
  readonly points: readonly TrendPoint[];
  /** The group over every period. */
  readonly total: ShownCount;
}

/** The series of every group, with the totals per period and overall. */
export interface Trends {
  readonly periods: readonly string[];
  readonly series: readonly TrendSeries[];
  readonly totals: { readonly points: readonly TrendPoint[]; readonly total: ShownCount };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The calendar day (UTC) of a date or an instant, or undefined when it names no whole day (a partial
 * date such as `2024` or `2024-05`, or no date at all).
 */
export function dayOf(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.length < 10) return undefined;
  if (DAY.test(text)) return Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? undefined : text;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** The period a day (`YYYY-MM-DD`) falls in. */
export function periodOf(day: string, interval: Interval): string {
  if (interval === 'month') return day.slice(0, 7);
  const date = new Date(`${day}T00:00:00Z`);
  // ISO weeks start on Monday: getUTCDay() is 0 on Sunday.
  const back = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - back);
  return date.toISOString().slice(0, 10);
}

/**
 * The range widened to whole periods: from the first day of `from`'s period to the last day of
 * `to`'s. Answers over whole periods only, so that two ranges a day apart cannot be subtracted to
 * isolate the records of one day.
 */
export function wholePeriods(range: { from: string; to: string }, interval: Interval): { from: string; to: string } {
  const start = periodOf(range.from, interval);
  const end = new Date(`${periodOf(range.to, interval)}${interval === 'month' ? '-01' : ''}T00:00:00Z`);
  if (interval === 'month') end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + 7);
  end.setUTCDate(end.getUTCDate() - 1);
  return { from: interval === 'month' ? `${start}-01` : start, to: end.toISOString().slice(0, 10) };
}

/** Every period from the one `from` falls in to the one `to` falls in (days, `from` ≤ `to`). */
export function periodsBetween(from: string, to: string, interval: Interval): string[] {
  const periods: string[] = [];
  const last = periodOf(to, interval);
  const date = new Date(`${periodOf(from, interval)}${interval === 'month' ? '-01' : ''}T00:00:00Z`);
  for (;;) {
    const period = periodOf(date.toISOString().slice(0, 10), interval);
    if (period > last) return periods;
    periods.push(period);
    if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + 1);
    else date.setUTCDate(date.getUTCDate() + 7);
  }
}

/**
 * The series of the facts over the periods, groups in name order, suppressed: no count of 1 to 10
 * is shown, and none withheld can be recomputed from the totals and the counts shown.
 */
export function trendSeries(facts: Iterable<Fact>, periods: readonly string[]): Trends {
  const column = new Map(periods.map((period, index) => [period, index]));
  const byGroup = new Map<string, number[]>();
  for (const fact of facts) {
    const index = column.get(fact.period);
    if (index === undefined || fact.count === 0) continue;
    let line = byGroup.get(fact.group);
    if (line === undefined) {
      line = new Array<number>(periods.length).fill(0);
      byGroup.set(fact.group, line);
    }
    line[index] = (line[index] ?? 0) + fact.count;
  }
  const groups = [...byGroup.keys()].sort();
  const table = suppressTable(
    groups.map((group) => byGroup.get(group) ?? []),
    periods.length,
    { margins: { rows: true, columns: true, grand: true } },
  );
  const points = (cells: readonly ShownCount[]): TrendPoint[] =>
    periods.map((period, index) => ({ period, ...(cells[index] ?? { count: null, suppressed: true }) }));
  return {
    periods: [...periods],
    series: groups.map((group, row) => ({
      group,
      points: points(table.cells[row] ?? []),
      total: table.rowTotals[row] ?? { count: null, suppressed: true },
    })),
    totals: { points: points(table.columnTotals), total: table.grand },
  };
}
