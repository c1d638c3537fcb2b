/**
 * Field preparation: one function per role family, turning a raw value into the form the
 * comparisons read (folded case and script, digits only, a parsed date). Richer normalisers can
 * replace any of these one by one; the comparisons only see the prepared strings and numbers.
 */
import { memoised } from '../../memoised.ts';
import anyAscii from 'any-ascii';
import { parsePartialDate } from '../normalise/date.ts';
import { normaliseDocumentNumber } from '../normalise/document.ts';
import { normaliseEmail } from '../normalise/email.ts';
import { normaliseName } from '../normalise/name.ts';
import { normalisePhone } from '../normalise/phone.ts';
import { formalGivenName } from './nicknames.ts';
import type { FieldRole, LinkRecord } from './roles.ts';

/** Case, diacritics and script folded to lower-case ASCII words separated by single spaces. */
export function foldText(value: string): string {
  return anyAscii(value)
    .toLowerCase()
    .replace(/['’`"]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Generational suffixes, by their folded spellings: the generation they name. They tell a father
 * from his son at the same address, so they are kept as a feature of their own, not as name.
 */
const GENERATIONS: ReadonlyMap<string, string> = new Map([
  ['jr', 'jr'],
  ['jnr', 'jr'],
  ['junior', 'jr'],
  ['sr', 'sr'],
  ['snr', 'sr'],
  ['senior', 'sr'],
  ['ii', '2'],
  ['2nd', '2'],
  ['iii', '3'],
  ['3rd', '3'],
  ['iv', '4'],
  ['4th', '4'],
]);

/**
 * Suffixes read only as a name's last word: "Morris I" is the first of his name, but the "I" of
 * "John I Smith" is an initial.
 */
const LAST_WORD_GENERATIONS: ReadonlyMap<string, string> = new Map([
  ['i', '1'],
  ['1st', '1'],
]);

/** The generation a folded word names as a suffix, first and last saying where it stands in the name. */
function suffixGeneration(word: string, first: boolean, last: boolean): string | undefined {
  if (first) return undefined;
  return GENERATIONS.get(word) ?? (last ? LAST_WORD_GENERATIONS.get(word) : undefined);
}

// Normalising a name transliterates script by script and describes every token: worth caching,
// since names repeat (a few thousand distinct values among tens of thousands of records).
const nameCache = new Map<string, { name: string; generation: string }>();
const NAME_CACHE_LIMIT = 200_000;

/**
 * A name split into the name proper and its generational suffix ('' when none; 'jr', 'sr', or
 * '1', '2', '3', '4' for I, II, III, IV). A suffix is only read after the first word: "Sr Juan Garcia" is
 * "Señor", an honorific. The name goes through `normaliseName` (any script transliterated,
 * honorifics out, Han characters one syllable each: 王杰 → "wang jie") and each word becomes its
 * variant key (Mohammed, Muhammad and Mohamed are all "muhammad").
 */
export function prepareNameParts(value: string): { name: string; generation: string } {
  const cached = nameCache.get(value);
  if (cached !== undefined) return cached;
  let generation = '';
  const words = foldText(value).split(' ');
  words.forEach((word, index) => {
    const suffix = suffixGeneration(word, index === 0, index === words.length - 1);
    if (suffix !== undefined) generation = suffix;
  });
  // Suffixes were read from the folded words; the name itself is normalised from the original
  // text (minus the suffix words) so that scripts are transliterated by `normaliseName`.
  const text = generation === '' ? value : removeSuffixWords(value);
  const normalised = normaliseName(text);
  const prepared = { name: normalised.keys.filter((key) => key !== '').join(' '), generation };
  if (nameCache.size >= NAME_CACHE_LIMIT) nameCache.clear();
  nameCache.set(value, prepared);
  return prepared;
}

/** The text without its generational suffix words (after the first word), punctuation kept between the rest. */
function removeSuffixWords(value: string): string {
  const parts = value.split(/([\s,.]+)/);
  let lastWord = -1;
  parts.forEach((part, index) => {
    if (foldText(part) !== '') lastWord = index;
  });
  let seenWord = false;
  return parts
    .map((part, index) => {
      const folded = foldText(part);
      if (folded === '') return part;
      const drop = suffixGeneration(folded, !seenWord, index === lastWord) !== undefined;
      seenWord = true;
      return drop ? ' ' : part;
    })
    .join('');
}

/** A person's name (or one part of it), normalised to variant keys; honorifics and generational suffixes are kept out. */
export function prepareName(value: string): string {
  return prepareNameParts(value).name;
}

/**
 * A given (or middle) name: as {@link prepareName}, with each diminutive read as the formal name
 * it stands for ("Bob" → "robert", "Peggie" → "margaret"), so that the two meet exactly.
 */
export function prepareGivenName(value: string): string {
  const name = prepareName(value);
  return name === '' ? '' : name.split(' ').map(formalGivenName).join(' ');
}

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
    .map((part) => normaliseDocumentNumber(part).toLowerCase())
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * A phone number: its E.164 digits when it is valid in international form ("+44 20…" and
 * "0044 20…" meet), otherwise its digits (a national number cannot be placed without a country;
 * the "same last 7 digits" level still meets it with its international form).
 */
export function preparePhone(value: string): string {
  const international = normalisePhone(value);
  return international === null ? foldDigitsOnly(value) : international.slice(1);
}

function foldDigitsOnly(value: string): string {
  return value.replace(/\D+/g, '');
}

/**
 * An e-mail address: the address inside angle brackets if any, folded to the mailbox it delivers
 * to (`normaliseEmail`: "+tags" and Gmail's dots out); lower case as written when it is no address.
 */
export function prepareEmail(value: string): string {
  const bracketed = /<([^>]*)>/.exec(value);
  const address = (bracketed?.[1] ?? value).trim();
  return normaliseEmail(address) ?? address.toLowerCase();
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
  const readings = parsePartialDate(value);
  if (readings !== null) {
    // Two readings when day and month could be either way round: month first, as below.
    const reading = readings[1] ?? readings[0];
    return { year: reading.year, month: reading.month ?? 0, day: reading.day ?? 0 };
  }
  return prepareDateForms(value);
}

/** The forms `parsePartialDate` leaves out: `YYYYMMDD`, two-digit years, `Mon D YYYY` without a comma. */
function prepareDateForms(value: string): PreparedDate | undefined {
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

/**
 * A person's name split from one full-name value: "Surname, Given Middle" or "Given Middle
 * Surname"; the given and middle names read as {@link prepareGivenName} reads them.
 */
export function splitFullName(value: string): { given: string; middle: string; surname: string } {
  const formal = (words: readonly string[]) => words.map(formalGivenName).join(' ');
  const comma = value.indexOf(',');
  if (comma !== -1) {
    const rest = prepareName(value.slice(comma + 1)).split(' ');
    return {
      surname: prepareName(value.slice(0, comma)),
      given: formal(rest.slice(0, 1)),
      middle: formal(rest.slice(1)),
    };
  }
  const words = prepareName(value).split(' ');
  if (words.length === 1) return { given: '', middle: '', surname: words[0] ?? '' };
  return { given: formal(words.slice(0, 1)), middle: formal(words.slice(1, -1)), surname: words.at(-1) ?? '' };
}

/**
 * Words of legal forms: they say a name is an organisation's and are left out of it ("Univrsl
 * Export Inc" and "Universal Exports, USA" are compared on "export univrsl" and "exports
 * universal usa").
 */
const LEGAL_FORMS: ReadonlySet<string> = new Set(
  `inc incorporated ltd limited llc llp lp plc pte pty gmbh ag kg sa sas sarl srl spa bv nv oy ab as
  corp corporation co company cie`.split(/\s+/),
);

/** Words that name a business rather than a person ("Worldwide Exports", "Acme Trading"). */
const BUSINESS_WORDS: ReadonlySet<string> = new Set(
  `exports export imports import trading traders industries industrial holdings holding group
  enterprises enterprise services solutions systems technologies partners associates bank
  foundation association society agency consulting logistics manufacturing international`.split(/\s+/),
);

/**
 * An organisation's name from one full-name value, or undefined when it reads as a person's: a
 * name with a legal form or a business word in it. Its words, legal forms left out, are sorted, so
 * that word order does not count ("Exports Singapore" and "Singapore Exports" are one name).
 */
export function organisationName(value: string): string | undefined {
  const words = foldText(value)
    .split(' ')
    .filter((word) => word !== '');
  if (!words.some((word) => LEGAL_FORMS.has(word) || BUSINESS_WORDS.has(word))) return undefined;
  const kept = words.filter((word) => !LEGAL_FORMS.has(word));
  return kept.length === 0 ? undefined : [...new Set(kept)].sort().join(' ');
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
  /**
   * The generational suffix of each record's name ('' when none; 'jr', 'sr', '1' to '4'), taken
   * out of the name columns: it is compared apart, as a conflict between father and son.
   */
  readonly generations: readonly string[];
}

const NAME_ROLES: ReadonlySet<FieldRole> = new Set(['full_name', 'given_name', 'middle_name', 'surname']);

const PREPARERS: Readonly<Record<Exclude<FieldRole, 'full_name' | 'date_of_birth'>, (value: string) => string>> = {
  given_name: prepareGivenName,
  middle_name: prepareGivenName,
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

/** The values of a column with equal values made one string object. */
export function internValues(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  return values.map((value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  });
}

/**
 * The preparers, each remembering the values it has prepared. Every preparer is a pure function of
 * its text, so one set can serve many calls of `prepareRecords` (a resolution run prepares the same
 * candidates batch after batch); by default each call has its own.
 */
export interface Preparers {
  readonly columns: Map<FieldRole, (value: string) => string>;
  readonly generation: (raw: string) => string;
  readonly split: (full: string) => ReturnType<typeof splitFullName>;
  readonly organisation: (full: string) => string | undefined;
  readonly dateOfBirth: (raw: string) => ReturnType<typeof prepareDate>;
}

export function preparers(): Preparers {
  return {
    columns: new Map(),
    generation: memoised((raw: string) => prepareNameParts(raw).generation),
    split: memoised(splitFullName),
    organisation: memoised(organisationName),
    dateOfBirth: memoised(prepareDate),
  };
}

/**
 * Prepares records column by column. A full name fills the given, middle and surname columns of
 * records that lack them, so that records named either way compare part by part.
 */
export function prepareRecords(
  records: readonly LinkRecord[],
  roles: ReadonlySet<FieldRole>,
  memo: Preparers = preparers(),
): PreparedRecords {
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
  const generations = new Array<string>(size).fill('');
  // Each preparer runs once per distinct value of its column (names, dates and countries repeat).
  const columnPreparers = [...columns].map((role) => {
    let prepare = memo.columns.get(role);
    if (prepare === undefined) {
      prepare = memoised(PREPARERS[role as keyof typeof PREPARERS]);
      memo.columns.set(role, prepare);
    }
    return [role, prepare] as const;
  });
  const { generation: generationOf, split, organisation: organisationOf, dateOfBirth } = memo;
  records.forEach((record, index) => {
    sources[index] = record.source;
    for (const [role, prepare] of columnPreparers) {
      const raw = record.fields[role];
      const column = text.get(role);
      if (raw !== undefined && column !== undefined) column[index] = prepare(raw);
    }
    for (const role of NAME_ROLES) {
      const raw = roles.has(role) ? record.fields[role] : undefined;
      const generation = raw === undefined ? '' : generationOf(raw);
      if (generation !== '') generations[index] = generation;
    }
    const full = record.fields.full_name;
    if (full !== undefined && full.trim() !== '') {
      const given = text.get('given_name');
      const middle = text.get('middle_name');
      const surname = text.get('surname');
      const organisation =
        record.fields.date_of_birth === undefined && record.fields.gender === undefined
          ? organisationOf(full)
          : undefined;
      if (given?.[index] === '' && surname?.[index] === '' && organisation !== undefined) {
        // An organisation's name is compared whole, as the surname, not split like a person's.
        surname[index] = organisation;
      } else if (given?.[index] === '' && surname?.[index] === '') {
        const parts = split(full);
        given[index] = parts.given;
        surname[index] = parts.surname;
        if (middle?.[index] === '') middle[index] = parts.middle;
      }
    }
    const date = record.fields.date_of_birth === undefined ? undefined : dateOfBirth(record.fields.date_of_birth);
    if (date !== undefined) {
      dates.year[index] = date.year;
      dates.month[index] = date.month;
      dates.day[index] = date.day;
      if (date.month > 0 && date.day > 0)
        dates.dayNumber[index] = Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
    }
  });
  // One string object per distinct value of a column: equal values then compare as one pointer
  // in the hot loop, instead of character by character.
  for (const [role, column] of text) text.set(role, internValues(column));
  return { size, ids: records.map((record) => record.id), sources, text, dates, generations };
}
