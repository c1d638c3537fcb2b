/**
 * A generated screening list and queries against it, shared by the screening benches: people of
 * the world generator's origins (names in Latin, Cyrillic, Arabic and Chinese script; a given
 * name, often a second one, and a family name), each with a date of birth (a tenth only the
 * year), a gender, a nationality and, for half, a passport number; queries for people on the list
 * written otherwise, and for people as they are.
 */
import type { ScreeningEntry, ScreeningQuery } from '../../src/domain/screening/index.ts';
import { ORIGINS } from '../../src/domain/synth/gazetteer.ts';
import { latinName } from '../../src/domain/synth/names.ts';
import type { Random } from '../../src/domain/synth/random.ts';

/** A generated person. */
export interface Person {
  readonly given: string;
  readonly second: string | undefined;
  readonly family: string;
  readonly familyFirst: boolean;
  readonly script: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly yearOnly: boolean;
  readonly gender: 'male' | 'female';
  readonly country: string;
  readonly passport: string | undefined;
}

/** A person of one of the generator's origins. */
export function person(random: Random): Person {
  const origin = random.weighted(ORIGINS.map((each) => [each, each.weight] as const));
  const gender = random.chance(0.5) ? 'male' : 'female';
  const givenNames = origin.givenNames[gender];
  return {
    given: random.pick(givenNames),
    second: random.chance(0.5) ? random.pick(givenNames) : undefined,
    family: random.pick(origin.familyNames),
    familyFirst: origin.country === 'CN' || origin.country === 'VN',
    script: origin.script,
    year: random.int(1940, 2010),
    month: random.int(1, 12),
    day: random.int(1, 28),
    yearOnly: random.chance(0.1),
    gender,
    country: origin.country,
    passport: random.chance(0.5)
      ? `${String.fromCharCode(65 + random.int(0, 25))}${random.int(10_000_000, 99_999_999)}`
      : undefined,
  };
}

const separator = (script: string) => (script === 'chinese' ? '' : ' ');

function fullName(who: Person, withSecond = true): string {
  const given = withSecond && who.second !== undefined ? `${who.given} ${who.second}` : who.given;
  return who.familyFirst
    ? `${who.family}${separator(who.script)}${given}`
    : `${given}${separator(who.script)}${who.family}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A person's entry on the list 'generated'. */
export function entryOf(who: Person, id: string): ScreeningEntry {
  return {
    id,
    list: 'generated',
    names: [fullName(who)],
    birthDates: [who.yearOnly ? String(who.year) : `${who.year}-${pad(who.month)}-${pad(who.day)}`],
    gender: who.gender,
    nationalities: [who.country],
    ...(who.passport === undefined ? {} : { documents: [{ number: who.passport, country: who.country }] }),
  };
}

function typo(random: Random, word: string): string {
  if (word.length < 4) return word;
  const at = random.int(1, word.length - 2);
  return `${word.slice(0, at)}${word[at + 1] ?? ''}${word[at] ?? ''}${word.slice(at + 2)}`;
}

/** A query for someone on the list, written otherwise. */
export function variantOf(random: Random, who: Person): ScreeningQuery {
  let name = fullName(who, random.chance(0.6));
  if (who.script !== 'latin' && random.chance(0.5)) name = latinName(random, name);
  else if (who.script === 'latin' && random.chance(0.4))
    name = name
      .split(' ')
      .map((word) => (random.chance(0.3) ? typo(random, word) : word))
      .join(' ');
  if (random.chance(0.2)) name = name.split(' ').reverse().join(' ');
  const date = random.chance(0.2) ? String(who.year) : `${pad(who.day)}/${pad(who.month)}/${who.year}`;
  return { names: [name], birthDates: [date], gender: who.gender, nationalities: [who.country] };
}

/** A query for a person as they are. */
export function queryOf(who: Person): ScreeningQuery {
  return {
    names: [fullName(who)],
    birthDates: [`${who.year}-${pad(who.month)}-${pad(who.day)}`],
    gender: who.gender,
    nationalities: [who.country],
  };
}
