/**
 * Person records as the linkage engine reads them: their properties mapped to field roles, after
 * the normalisers (names in any script folded to variant keys, phones to E.164, documents and
 * e-mails normalised), and the blocking keys under which candidates are found in the store.
 */
import { memoised } from '../memoised.ts';
import { phoneCountryOf, stringsOf } from './facts.ts';
import type { LinkRecord } from './match/index.ts';
import {
  normaliseDocumentNumber,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  parsePartialDate,
} from './normalise/index.ts';

/** The part of a Person record read here. */
export interface PersonFacts {
  readonly id: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** The country of the organisation holding the record (where national phone numbers are read). */
  readonly ownerCountry?: string | undefined;
}

const first = (value: unknown): string | undefined => stringsOf(value)[0];

/** Names and phones repeat across records: each is normalised once. */
const normalisedName = memoised(normaliseName);
const phoneIn = new Map<string | undefined, (text: string) => string | null>();
function normalisedPhone(text: string, country: string | undefined): string | null {
  let normalise = phoneIn.get(country);
  if (normalise === undefined) {
    normalise = memoised((phone) => normalisePhone(phone, country), 50_000);
    phoneIn.set(country, normalise);
  }
  return normalise(text);
}

/** A name folded to its variant keys (Mohammed and Muhammad alike), in written order. */
function nameKeys(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const name = normalisedName(text);
  const keys = name.keys.filter((key) => key !== '');
  return keys.length === 0 ? undefined : keys.join(' ');
}

/** A Person record as a linkage record: one value per role (the first the record gives). */
export function personLinkRecord(record: PersonFacts): LinkRecord {
  const { properties } = record;
  const country = phoneCountryOf(record);
  const phone = stringsOf(properties['phone'])
    .map((text) => normalisedPhone(text, country))
    .find((value) => value !== null);
  const email = stringsOf(properties['email'])
    .map((text) => normaliseEmail(text))
    .find((value) => value !== null);
  const documentNumber = stringsOf(properties['idNumber'])
    .map((text) => normaliseDocumentNumber(text))
    .find((value) => value !== '');
  const fields: Record<string, string | undefined> = {
    full_name: nameKeys(first(properties['name'])),
    date_of_birth: first(properties['birthDate']),
    gender: first(properties['gender']),
    nationality: first(properties['nationality']),
    country: first(properties['country']),
    place_of_birth: first(properties['birthPlace']),
    phone: phone ?? undefined,
    email: email ?? undefined,
    document_number: documentNumber,
  };
  return {
    id: record.id,
    source: 0,
    fields: Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  };
}

/**
 * The keys under which a person's candidates are looked for: the same names in any order, a
 * family-name skeleton with the year of birth, a given-name sound with the full date of birth.
 * Two records of one person share at least one key unless both their names and dates differ.
 */
export function personBlockKeys(record: PersonFacts): string[] {
  const keys = new Set<string>();
  const birth = first(record.properties['birthDate']);
  const readings = birth === undefined ? null : parsePartialDate(birth);
  const year = readings?.[0]?.year;
  const names = [...stringsOf(record.properties['name']), ...stringsOf(record.properties['alias'])];
  for (const text of names) {
    const name = normalisedName(text);
    const tokens = name.keys.filter((key) => key.length > 1);
    if (tokens.length === 0) continue;
    keys.add(`n:${[...tokens].sort().join(' ')}`);
    const skeletons = name.skeletons.filter((skeleton) => skeleton.length > 1);
    if (year !== undefined) {
      for (const skeleton of skeletons) keys.add(`sy:${skeleton}|${year}`);
    }
    if (birth !== undefined) {
      for (const sound of name.phonetic.filter((code) => code !== '')) keys.add(`pd:${sound}|${birth}`);
    }
  }
  return [...keys];
}
