/**
 * Preparing fields for screening: names to tokens, dates to packed integers (yyyymmdd, 0 for an
 * unknown part), genders, nationalities and identifiers to the forms that are compared.
 */
import {
  normaliseDocumentNumber,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  packDate,
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
  return readings.map(packDate);
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
