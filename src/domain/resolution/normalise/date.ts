/**
 * Partial dates as they appear in records ("1985", "03/1985", "12 Mar 1985") and how two of them
 * agree. Ambiguous day/month order is kept as two readings rather than guessed.
 */

/** A date known to the year, the month or the day. */
export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

/** The readings of a date text: one, or two when day and month could be either way round. */
export type PartialDateReadings = readonly [PartialDate, ...PartialDate[]];

/** How two dates relate: the same, consistent (one is less precise, or day and month swapped), or contradictory. */
export type DateAgreement = 'exact' | 'compatible' | 'conflict';

const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    'jan january janvier enero januar gennaio janeiro ianuarie janv ene gen',
    'feb february fevrier febrero februar febbraio fevereiro februarie fev febr',
    'mar march mars marzo marz marco martie',
    'apr april avril abril aprile aprilie avr abr',
    'may mai mayo maggio maio mag',
    'jun june juin junio juni giugno junho iunie',
    'jul july juillet julio juli luglio julho iulie juil lug',
    'aug august aout agosto augusti aug ago',
    'sep sept september septembre septiembre settembre setembro septembrie set',
    'oct october octobre octubre oktober ottobre outubro octombrie okt ott out',
    'nov november novembre noviembre novembro noiembrie',
    'dec december decembre diciembre dezember dicembre dezembro decembrie dez dic',
  ].flatMap((names, index) => names.split(' ').map((name): [string, number] => [name, index + 1])),
);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Years accepted as plausible in records. */
const FIRST_YEAR = 1000;
const LAST_YEAR = 2999;

function make(year: number, month?: number, day?: number): PartialDate | null {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return null;
  if (month === undefined) return { year };
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (day === undefined) return { year, month };
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function readings(candidates: (PartialDate | null)[]): PartialDateReadings | null {
  const unique: PartialDate[] = [];
  for (const candidate of candidates) {
    if (candidate && !unique.some((known) => sameDate(known, candidate))) unique.push(candidate);
  }
  const [first, ...rest] = unique;
  return first === undefined ? null : [first, ...rest];
}

function sameDate(a: PartialDate, b: PartialDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

const YEAR = /^([0-9]{4})$/u;
const YEAR_MONTH = /^([0-9]{4})[-/.]([0-9]{1,2})$/u;
const MONTH_YEAR = /^([0-9]{1,2})[-/.]([0-9]{4})$/u;
const YEAR_MONTH_DAY = /^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[t\s].*)?$/u;
const DAY_MONTH_YEAR = /^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$/u;
const WORDS =
  /^(?:([0-9]{1,2})(?:st|nd|rd|th|er)?[\s\-/.]+)?([a-z]+)\.?[\s\-/.,]+(?:([0-9]{1,2})(?:st|nd|rd|th)?[\s,]+)?([0-9]{4})$/u;

/**
 * Reads a date that may be partial: "1985", "1985-03", "03/1985", ISO "1985-03-12" (a time part
 * is ignored), "12/03/1985" (both readings when day and month are both ≤ 12, day-first listed
 * first), "12 Mar 1985", "March 12, 1985", "Mar 1985", with month names in English, French,
 * Spanish, German, Italian, Portuguese and Romanian. Null when the text is no such date;
 * two-digit years are not read (their century is a guess).
 */
export function parsePartialDate(text: string): PartialDateReadings | null {
  const value = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .trim()
    .toLowerCase();
  let match = YEAR.exec(value);
  if (match) return readings([make(Number(match[1]))]);
  match = YEAR_MONTH.exec(value);
  if (match) return readings([make(Number(match[1]), Number(match[2]))]);
  match = MONTH_YEAR.exec(value);
  if (match) return readings([make(Number(match[2]), Number(match[1]))]);
  match = YEAR_MONTH_DAY.exec(value);
  if (match) return readings([make(Number(match[1]), Number(match[2]), Number(match[3]))]);
  match = DAY_MONTH_YEAR.exec(value);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    const year = Number(match[3]);
    return readings([make(year, second, first), make(year, first, second)]);
  }
  match = WORDS.exec(value);
  if (match) {
    const month = MONTHS.get(match[2] ?? '');
    if (month === undefined) return null;
    const dayText = match[1] ?? match[3];
    if (match[1] !== undefined && match[3] !== undefined) return null;
    return readings([make(Number(match[4]), month, dayText === undefined ? undefined : Number(dayText))]);
  }
  return null;
}

/** A partial date as ISO 8601 text at its precision: "1985", "1985-03", "1985-03-12". */
export function formatPartialDate(date: PartialDate): string {
  const parts = [String(date.year).padStart(4, '0')];
  if (date.month !== undefined) parts.push(String(date.month).padStart(2, '0'));
  if (date.month !== undefined && date.day !== undefined) parts.push(String(date.day).padStart(2, '0'));
  return parts.join('-');
}

/** A date packed as one number, yyyymmdd, with 0 for a part not known (1985 → 19850000). */
export function packDate(date: PartialDate): number {
  return date.year * 10_000 + (date.month ?? 0) * 100 + (date.day ?? 0);
}

/**
 * How two packed dates agree, as the hot loops of screening read it: 2 exact (equal at the same
 * precision), 1 compatible (a part unknown on one, the parts both know equal, or day and month
 * transposed), 0 a conflict.
 */
export function packedDatesAgree(a: number, b: number): 0 | 1 | 2 {
  if (a === b) return 2;
  if (Math.floor(a / 10_000) !== Math.floor(b / 10_000)) return 0;
  const am = Math.floor(a / 100) % 100;
  const bm = Math.floor(b / 100) % 100;
  const ad = a % 100;
  const bd = b % 100;
  if (am === 0 || bm === 0) return 1;
  if (am === bm && (ad === 0 || bd === 0)) return 1;
  if (ad !== 0 && bd !== 0 && ad === bm && am === bd) return 1;
  return 0;
}

const AGREEMENTS: readonly DateAgreement[] = ['conflict', 'compatible', 'exact'];

function agreement(a: PartialDate, b: PartialDate): DateAgreement {
  return AGREEMENTS[packedDatesAgree(packDate(a), packDate(b))] ?? 'conflict';
}

const RANK: Readonly<Record<DateAgreement, number>> = { exact: 2, compatible: 1, conflict: 0 };

/**
 * How two dates agree: 'exact' when equal at the same precision; 'compatible' when one is less
 * precise and the known parts match, or day and month are transposed; otherwise 'conflict'.
 * With several readings (an ambiguous "03/04/1985"), the best-agreeing pair of readings counts.
 */
export function datesAgree(a: PartialDate | PartialDateReadings, b: PartialDate | PartialDateReadings): DateAgreement {
  const left: readonly PartialDate[] = 'year' in a ? [a] : a;
  const right: readonly PartialDate[] = 'year' in b ? [b] : b;
  let best: DateAgreement = 'conflict';
  for (const x of left) {
    for (const y of right) {
      const result = agreement(x, y);
      if (RANK[result] > RANK[best]) best = result;
    }
  }
  return best;
}
