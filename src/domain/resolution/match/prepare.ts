/**
 * Field preparation: one function per role family, turning a raw value into the form the
 * comparisons read (folded case and script, digits only, a parsed date). Richer normalisers can
 * replace any of these one by one; the comparisons only see the prepared strings and numbers.
 */
import anyAscii from 'any-ascii';
import type { FieldRole, LinkRecord } from './roles.ts';

/** Case, diacritics and script folded to lower-case ASCII words separated by single spaces. */
export function foldText(value: string): string {
  return anyAscii(value)
    .toLowerCase()
    .replace(/['’`"]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A person's name (or one part of it), folded; honorifics and generational suffixes are kept out. */
export function prepareName(value: string): string {
  const folded = foldText(value);
  if (folded === '') return '';
  const words = folded.split(' ').filter((word) => !NAME_NOISE.has(word));
  return words.join(' ');
}

const NAME_NOISE: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'jr',
  'sr',
  'snr',
  'jnr',
  'senior',
  'junior',
]);

/** Free text such as an address, a city or an occupation, folded. */
export function prepareText(value: string): string {
  return foldText(value);
}

/** A code compared as a whole (postcode, street number): letters and digits only, lower case. */
export function prepareCode(value: string): string {
  return foldText(value).replaceAll(' ', '');
}

/**
 * An identifier (document or national id number): letters and digits only, lower case. Several
 * identifiers in one value (columns joined with spaces) stay separated by single spaces.
 */
export function prepareIdentifier(value: string): string {
  return value
    .split(/\s+/)
    .map((part) => prepareCode(part))
    .filter((part) => part !== '')
    .join(' ');
}

/** A phone number: its digits only. */
export function preparePhone(value: string): string {
  return value.replace(/\D+/g, '');
}

/** An e-mail address: the address inside angle brackets if any, lower case. */
export function prepareEmail(value: string): string {
  const bracketed = /<([^>]*)>/.exec(value);
  return (bracketed?.[1] ?? value).trim().toLowerCase();
}

/** A gender: `m` or `f`; anything else (unknown, u) is missing. */
export function prepareGender(value: string): string {
  const folded = foldText(value);
  if (folded === 'm' || folded === 'male' || folded === 'man') return 'm';
  if (folded === 'f' || folded === 'female' || folded === 'woman') return 'f';
  return '';
}

/** A date of birth as parsed: year, month and day; 0 for a part that is unknown. */
export interface PreparedDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Two-digit years at or below this are read as 20yy, above it as 19yy. */
export const TWO_DIGIT_YEAR_PIVOT = 25;

function fullYear(text: string): number {
  const value = Number(text);
  if (text.length === 4) return value;
  if (text.length === 2) return value <= TWO_DIGIT_YEAR_PIVOT ? 2000 + value : 1900 + value;
  return 0;
}

function dateOf(year: number, month: number, day: number): PreparedDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1000 || year > 2999) return undefined;
  if (month < 0 || month > 12 || day < 0 || day > 31) return undefined;
  return { year, month, day };
}

/**
 * A date of birth from the forms records carry: `YYYYMMDD`, `YYYY-MM-DD`, `YYYY`, `M/D/YYYY` (a
 * first part above 12 is read as the day), `D-Mon-YY`, `Mon D YYYY`; undefined when unreadable.
 */
export function prepareDate(value: string): PreparedDate | undefined {
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;
  if (/^\d{8}$/.test(text)) return dateOf(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
  if (/^\d{4}$/.test(text)) return dateOf(Number(text), 0, 0);
  const parts = text.split(/[^a-z0-9]+/).filter((part) => part !== '');
  if (parts.length !== 3) return undefined;
  const [first = '', second = '', third = ''] = parts;
  const monthName = (part: string) => MONTHS[part.slice(0, 3)] ?? 0;
  if (/^\d{4}$/.test(first)) return dateOf(Number(first), Number(second), Number(third));
  if (/^[a-z]+$/.test(second)) return dateOf(fullYear(third), monthName(second), Number(first));
  if (/^[a-z]+$/.test(first)) return dateOf(fullYear(third), monthName(first), Number(second));
  const a = Number(first);
  const b = Number(second);
  // Month first (as in the United States) unless the first part cannot be a month.
  return a > 12 ? dateOf(fullYear(third), b, a) : dateOf(fullYear(third), a, b);
}

/** A person's name split from one full-name value: "Surname, Given Middle" or "Given Middle Surname". */
export function splitFullName(value: string): { given: string; middle: string; surname: string } {
  const comma = value.indexOf(',');
  if (comma !== -1) {
    const rest = prepareName(value.slice(comma + 1)).split(' ');
    return {
      surname: prepareName(value.slice(0, comma)),
      given: rest[0] ?? '',
      middle: rest.slice(1).join(' '),
    };
  }
  const words = prepareName(value).split(' ');
  if (words.length === 1) return { given: '', middle: '', surname: words[0] ?? '' };
  return { given: words[0] ?? '', middle: words.slice(1, -1).join(' '), surname: words.at(-1) ?? '' };
}

/** The prepared columns of a set of records: one string per record per role ('' when missing). */
export interface PreparedRecords {
  readonly size: number;
  readonly ids: readonly string[];
  readonly sources: Uint8Array;
  /** Prepared text by role; roles holding a date are read from `dates`. */
  readonly text: ReadonlyMap<FieldRole, readonly string[]>;
  /** Dates of birth: year, month, day (0 unknown) and a day number when the date is whole (NaN if not). */
  readonly dates: { year: Int32Array; month: Int32Array; day: Int32Array; dayNumber: Float64Array };
}

const PREPARERS: Readonly<Record<Exclude<FieldRole, 'full_name' | 'date_of_birth'>, (value: string) => string>> = {
  given_name: prepareName,
  middle_name: prepareName,
  surname: prepareName,
  gender: prepareGender,
  nationality: prepareText,
  country: prepareText,
  address: prepareText,
  street_number: prepareCode,
  city: prepareText,
  postcode: prepareCode,
  region: prepareText,
  phone: preparePhone,
  email: prepareEmail,
  document_number: prepareIdentifier,
  national_id: prepareIdentifier,
  occupation: prepareText,
  place_of_birth: prepareText,
};

/**
 * Prepares records column by column. A full name fills the given, middle and surname columns of
 * records that lack them, so that records named either way compare part by part.
 */
export function prepareRecords(records: readonly LinkRecord[], roles: ReadonlySet<FieldRole>): PreparedRecords {
  const size = records.length;
  const text = new Map<FieldRole, string[]>();
  const nameRoles = roles.has('full_name') ? (['given_name', 'middle_name', 'surname'] as const) : [];
  const columns = new Set<FieldRole>([...roles, ...nameRoles]);
  columns.delete('full_name');
  columns.delete('date_of_birth');
  for (const role of columns) text.set(role, new Array<string>(size).fill(''));
  const dates = {
    year: new Int32Array(size),
    month: new Int32Array(size),
    day: new Int32Array(size),
    dayNumber: new Float64Array(size).fill(Number.NaN),
  };
  const sources = new Uint8Array(size);
  records.forEach((record, index) => {
    sources[index] = record.source;
    for (const role of columns) {
      if (role === 'full_name' || role === 'date_of_birth') continue;
      const raw = record.fields[role];
      const column = text.get(role);
      if (raw !== undefined && column !== undefined) column[index] = PREPARERS[role](raw);
    }
    const full = record.fields.full_name;
    if (full !== undefined && full.trim() !== '') {
      const given = text.get('given_name');
      const middle = text.get('middle_name');
      const surname = text.get('surname');
      if (given?.[index] === '' && surname?.[index] === '') {
        const split = splitFullName(full);
        given[index] = split.given;
        surname[index] = split.surname;
        if (middle?.[index] === '') middle[index] = split.middle;
      }
    }
    const date = record.fields.date_of_birth === undefined ? undefined : prepareDate(record.fields.date_of_birth);
    if (date !== undefined) {
      dates.year[index] = date.year;
      dates.month[index] = date.month;
      dates.day[index] = date.day;
      if (date.month > 0 && date.day > 0)
        dates.dayNumber[index] = Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
    }
  });
  return { size, ids: records.map((record) => record.id), sources, text, dates };
}
