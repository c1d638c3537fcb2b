/**
 * What resolution reads of one record besides its names: the strong identifiers it carries
 * (normalised, so that "+44 7700-900 123", "07700900123" and "zero seven seven…" in an advert meet),
 * the edges it states to other records, and when and where it happened.
 */
import type { EntityDefinition } from '../model/entity.ts';
import { entityType } from '../model/registry.ts';
import {
  extractPhones,
  normaliseDocumentNumber,
  normaliseEmail,
  normaliseIban,
  normalisePhone,
} from './normalise/index.ts';

/**
 * The version of how records are read for resolution: their identifiers, edges and the blocking
 * keys of their names. Raised whenever a normaliser changes what a record gives (2: the vowel signs
 * of Brahmic scripts kept in names; 3: their unwritten vowels read), so that a store resolved under an earlier reading reads every
 * record again, once, rather than leave old keys that new records' keys never meet.
 */
export const FACTS_VERSION = 3;

/** The kinds of strong identifier: equal values of one kind are the same phone, document, account… */
export const IDENTIFIER_KINDS = ['phone', 'email', 'document', 'iban', 'account', 'handle', 'image'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** One identifier a record carries, normalised, with the property it came from. */
export interface IdentifierFact {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly property: string;
}

/** An edge a record states: a relationship's ends, or a reference from one of its properties. */
export interface EdgeFact {
  readonly source: string;
  readonly target: string;
  /** The relationship type (`UsesPhone`), or `Type.property` for a reference (`Booking.guests`). */
  readonly kind: string;
  readonly at: string | null;
  readonly place: string | null;
}

/** The part of a record the facts are read from. */
export interface RecordFacts {
  readonly id: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /**
   * The country of the organisation that holds the record: where a phone written without + is
   * read, unless the record names a country of its own.
   */
  readonly ownerCountry?: string | undefined;
}

/** Identifier properties by name: what kind of identifier each holds. */
const IDENTIFIER_PROPERTIES: Readonly<Record<string, IdentifierKind>> = {
  number: 'document',
  idNumber: 'document',
  documentNumber: 'document',
  iban: 'iban',
  accountNumber: 'account',
  username: 'handle',
  handle: 'handle',
  imageHash: 'image',
};

/** The properties of an entity type that carry free text in which phones may be written. */
const TEXT_WITH_PHONES: Readonly<Record<string, readonly string[]>> = {
  Advert: ['title', 'body'],
  Tip: ['text'],
};

/** The non-blank texts of a property's value (one text or a list). */
export const stringsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string' && item.trim() !== '',
  );

const countryIn = (properties: RecordFacts['properties'], names: readonly string[]): string | undefined => {
  for (const name of names) {
    const [code] = stringsOf(properties[name]);
    if (code !== undefined && /^[A-Za-z]{2}$/.test(code)) return code.toUpperCase();
  }
  return undefined;
};

/** Where a national phone number of the record is read: its own country, its holder's, then its nationality. */
export function phoneCountryOf(record: Pick<RecordFacts, 'properties' | 'ownerCountry'>): string | undefined {
  return (
    countryIn(record.properties, ['country', 'issuingCountry']) ??
    record.ownerCountry ??
    countryIn(record.properties, ['nationality'])
  );
}

/**
 * An identifier as the index keys it, or null when the text is not one: phones to E.164 (national
 * numbers read in `country`), e-mails, document numbers and IBANs normalised, accounts, handles
 * and image hashes folded.
 */
export function normaliseIdentifier(kind: IdentifierKind, text: string, country?: string): string | null {
  switch (kind) {
    case 'phone':
      return normalisePhone(text, country);
    case 'email':
      return normaliseEmail(text);
    case 'document':
      return normaliseDocumentNumber(text) || null;
    case 'iban':
      return normaliseIban(text) || null;
    case 'account': {
      const digits = text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
      return digits.length >= 6 ? digits : null;
    }
    case 'handle': {
      const handle = text.trim().replace(/^@/, '').toLowerCase();
      return handle.length >= 3 ? handle : null;
    }
    case 'image': {
      const hash = text.trim().toLowerCase();
      return hash.length >= 8 ? hash : null;
    }
  }
}

/** The identifiers a record carries, normalised and without repeats. */
export function identifiersOf(record: RecordFacts): IdentifierFact[] {
  const definition = entityType(record.type);
  if (definition === undefined) return [];
  const country = phoneCountryOf(record);
  const found = new Map<string, IdentifierFact>();
  const add = (kind: IdentifierKind, value: string | null, property: string) => {
    if (value === null) return;
    const key = `${kind}\u0000${value}`;
    if (!found.has(key)) found.set(key, { kind, value, property });
  };
  for (const [name, property] of Object.entries(definition.properties)) {
    const kind: IdentifierKind | undefined =
      property.kind === 'phone'
        ? 'phone'
        : property.kind === 'email'
          ? 'email'
          : property.kind === 'identifier' && property.matchable
            ? IDENTIFIER_PROPERTIES[name]
            : undefined;
    if (kind === undefined) continue;
    for (const text of stringsOf(record.properties[name])) add(kind, normaliseIdentifier(kind, text, country), name);
  }
  for (const name of TEXT_WITH_PHONES[record.type] ?? []) {
    for (const text of stringsOf(record.properties[name])) {
      for (const phone of extractPhones(text, country)) add('phone', phone.e164, name);
    }
  }
  return [...found.values()];
}

/** Date properties that say when a record happened, in order of preference. */
const WHEN = [
  'startDate',
  'checkIn',
  'departureAt',
  'occurredAt',
  'postedAt',
  'receivedAt',
  'respondedAt',
  'issueDate',
  'firstSeenAt',
  'createdAt',
  'openedAt',
];
/** Properties that say where, in order of preference. */
const WHERE = ['city', 'destination', 'accommodationName', 'origin', 'address'];

/** When and where a record happened, as far as it says. */
export function whenWhereOf(record: Pick<RecordFacts, 'properties'>): { at: string | null; place: string | null } {
  let at: string | null = null;
  for (const name of WHEN) {
    const [value] = stringsOf(record.properties[name]);
    if (value !== undefined) {
      at = value;
      break;
    }
  }
  let place: string | null = null;
  for (const name of WHERE) {
    const [value] = stringsOf(record.properties[name]);
    if (value !== undefined) {
      place = value.trim();
      break;
    }
  }
  return { at, place };
}

const referenceProperties = (definition: EntityDefinition) =>
  Object.entries(definition.properties).filter(([, property]) => property.kind === 'entity');

/** The edges a record states. */
export function edgesOf(record: RecordFacts): EdgeFact[] {
  const definition = entityType(record.type);
  if (definition === undefined) return [];
  const { at, place } = whenWhereOf(record);
  const edges: EdgeFact[] = [];
  const seen = new Set<string>();
  const add = (source: string, target: string, kind: string) => {
    if (source === target) return;
    const key = `${source}\u0000${target}\u0000${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ source, target, kind, at, place });
  };
  const edge = definition.edge;
  if (edge !== undefined) {
    for (const source of stringsOf(record.properties[edge.source]))
      for (const target of stringsOf(record.properties[edge.target])) add(source, target, definition.name);
  }
  for (const [name] of referenceProperties(definition)) {
    if (edge !== undefined && (name === edge.source || name === edge.target)) continue;
    for (const target of stringsOf(record.properties[name])) add(record.id, target, `${definition.name}.${name}`);
  }
  return edges;
}
