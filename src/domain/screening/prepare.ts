/**
 * Preparing fields for screening: names to tokens, dates to packed integers (yyyymmdd, 0 for an
 * unknown part), genders, nationalities and identifiers to the forms that are compared.
 */
import {
  normaliseDocumentNumber,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  parsePartialDate,
  type NameToken,
} from '../resolution/normalise/index.ts';
import type { ScreeningFields } from './entry.ts';
import { markFormWords, nameForms } from './name-forms.ts';

/** Fields prepared for comparison. */
export interface PreparedFields {
  readonly names: readonly (readonly NameToken[])[];
  /** Every reading of every date of birth, packed as yyyymmdd with 0 for an unknown month or day. */
  readonly dates: readonly number[];
  /** 0 unknown, 1 male, 2 female. */
  readonly gender: number;
  readonly nationalities: readonly string[];
  /** Document numbers (letters and digits, upper case), each with its country ('' when unknown). */
  readonly documents: readonly { readonly number: string; readonly country: string }[];
  readonly phones: readonly string[];
  readonly emails: readonly string[];
}

/** Genders as the index keeps them: 0 unknown, 1 male, 2 female. */
export function prepareGender(text: string | undefined): number {
  const value = (text ?? '').trim().toLowerCase();
  if (value === 'm' || value === 'male' || value === 'man') return 1;
  if (value === 'f' || value === 'female' || value === 'woman') return 2;
  return 0;
}

/** Every reading of a date of birth, packed; [] when it cannot be read. */
export function prepareDate(text: string): number[] {
  const readings = parsePartialDate(text);
  if (readings === null) return [];
  return readings.map((date) => date.year * 10_000 + (date.month ?? 0) * 100 + (date.day ?? 0));
}

/** How two packed dates agree: 2 exact, 1 compatible (a part unknown on one, or day and month swapped), 0 apart. */
export function dateAgreement(a: number, b: number): 0 | 1 | 2 {
  if (a === b) return 2;
  const ay = Math.floor(a / 10_000);
  const by = Math.floor(b / 10_000);
  if (ay !== by) return 0;
  const am = Math.floor(a / 100) % 100;
  const bm = Math.floor(b / 100) % 100;
  const ad = a % 100;
  const bd = b % 100;
  if (am === 0 || bm === 0) return 1;
  if (am === bm && (ad === 0 || bd === 0)) return 1;
  if (ad !== 0 && bd !== 0 && ad === bm && am === bd) return 1;
  return 0;
}

const foldCode = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .trim()
    .toUpperCase();

/** Prepares the fields of an entry or a query. */
export function prepareFields(fields: ScreeningFields): PreparedFields {
  const names = (fields.names ?? [])
    .flatMap(nameForms)
    .map((name) => markFormWords(normaliseName(name).parts))
    .filter((parts) => parts.length > 0);
  const documents = (fields.documents ?? [])
    .map((document) => ({
      number: normaliseDocumentNumber(document.number),
      country: foldCode(document.country ?? ''),
    }))
    .filter((document) => document.number.length >= 4);
  const phones = (fields.phones ?? []).flatMap((phone) => {
    const normalised = normalisePhone(phone);
    return normalised === null ? [] : [String(normalised)];
  });
  const emails = (fields.emails ?? []).flatMap((email) => {
    const normalised = normaliseEmail(email);
    return normalised === null ? [] : [normalised];
  });
  return {
    names,
    dates: [...new Set((fields.birthDates ?? []).flatMap(prepareDate))],
    gender: prepareGender(fields.gender),
    nationalities: [...new Set((fields.nationalities ?? []).map(foldCode).filter((code) => code !== ''))],
    documents,
    phones: [...new Set(phones)],
    emails: [...new Set(emails)],
  };
}
