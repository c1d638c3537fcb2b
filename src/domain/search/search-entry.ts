/**
 * What the search index holds of one record: the words it is found by (its names and caption, each
 * with the property it came from, so that a reader is never matched on a field hidden from them),
 * its identifiers normalised as resolution reads them (phones to E.164, also in an advert's text,
 * e-mails, document numbers, IBANs, accounts, handles), its countries, when it happened, its sector
 * and the sharing markings the policy engine judges it by.
 */
import type { StoredRecord } from '../model/record.ts';
import { entityType } from '../model/registry.ts';
import { isOwnersAlone } from '../notices/index.ts';
import type { PolicyMarking } from '../policy/index.ts';
import { identifiersOf, stringsOf, whenWhereOf, type IdentifierKind } from '../resolution/facts.ts';

/** The kinds of identifier a record is found by: resolution's, and the references that caption some records. */
export type SearchIdentifierKind = IdentifierKind | 'reference';

/** A text of a record whose words are searched, and the property it came from. */
export interface SearchText {
  readonly text: string;
  readonly property: string;
}

/** An identifier of a record, normalised, and the property it came from. */
export interface SearchIdentifier {
  readonly kind: SearchIdentifierKind;
  readonly value: string;
  readonly property: string;
}

/** A record as the search index holds it. */
export interface SearchEntry {
  readonly id: string;
  /** The record type (`Person`, `Advert`…). */
  readonly kind: string;
  readonly caption: string | null;
  readonly texts: readonly SearchText[];
  readonly identifiers: readonly SearchIdentifier[];
  /** ISO 3166-1 alpha-2 codes the record names (residence, nationality, issuing country…). */
  readonly countries: readonly { readonly code: string; readonly property: string }[];
  /** When the record says it happened (a check-in, a departure, a post), or null. */
  readonly at: { readonly value: string; readonly property: string } | null;
  /** When its owner collected it: the time of a record that says none, and of one whose time is hidden. */
  readonly collectedAt: string;
  readonly sector: string;
  readonly marking: PolicyMarking;
  /** A notice not published (a draft, one in review, one cancelled): its owner's alone. */
  readonly ownersAlone: boolean;
}

/** Most texts and identifiers of one record indexed (a multi-valued property holds up to 100). */
const MOST_VALUES = 24;
/** Longest text indexed: a caption is cut at 300 characters anyway. */
const LONGEST_TEXT = 300;

/** The part of a stored record an entry is made of. */
export type SearchableRecord = Pick<StoredRecord, 'id' | 'type' | 'properties' | 'caption' | 'envelope'>;

/**
 * A record's search entry. `ownerCountry` is the country of the organisation holding it, where a
 * phone written without a country code is read (as resolution reads it).
 */
export function searchEntryOf(record: SearchableRecord, ownerCountry?: string): SearchEntry {
  const definition = entityType(record.type);
  const texts: SearchText[] = [];
  const references: SearchIdentifier[] = [];
  const countries: { code: string; property: string }[] = [];
  if (definition !== undefined) {
    const captions = new Set(definition.caption);
    for (const [name, property] of Object.entries(definition.properties)) {
      const values = stringsOf(record.properties[name]);
      if (property.kind === 'country') {
        for (const code of values)
          if (/^[A-Za-z]{2}$/.test(code)) countries.push({ code: code.toUpperCase(), property: name });
        continue;
      }
      // Names of every kind (people, places, organisations) and the free text a record is captioned by.
      const worded =
        property.kind === 'name' || (captions.has(name) && (property.kind === 'text' || property.kind === 'enum'));
      if (worded) {
        for (const text of values)
          if (texts.length < MOST_VALUES) texts.push({ text: text.slice(0, LONGEST_TEXT), property: name });
      } else if (captions.has(name) && property.kind === 'identifier' && !property.matchable) {
        // A booking reference, a case reference: found as a whole, not as words.
        for (const text of values) {
          const value = referenceOf(text);
          if (value !== null) references.push({ kind: 'reference', value, property: name });
        }
      }
    }
  }
  const facts = identifiersOf({ id: record.id, type: record.type, properties: record.properties, ownerCountry });
  const identifiers = [
    ...facts.map((fact) => ({ kind: fact.kind, value: fact.value, property: fact.property })),
    ...references,
  ].slice(0, MOST_VALUES);
  const { at } = whenWhereOf(record);
  const atProperty = at === null ? undefined : propertyHolding(record.properties, at);
  const { envelope } = record;
  return {
    id: record.id,
    kind: record.type,
    caption: record.caption,
    texts,
    identifiers,
    countries: dedupe(countries),
    at: at === null || atProperty === undefined ? null : { value: at, property: atProperty },
    collectedAt: envelope.collectedAt,
    sector: envelope.sector,
    marking: {
      ownerOrganisation: envelope.ownerOrganisation,
      subjectCategory: envelope.subjectCategory,
      purposes: envelope.purposes,
      tlp: envelope.tlp,
      confidentiality: envelope.confidentiality,
      sharingGroups: envelope.sharingGroups,
      fieldRestrictions: envelope.fieldRestrictions,
      recipients: envelope.recipients,
    },
    ownersAlone: isOwnersAlone(record),
  };
}

/** A reference as it is found: its letters and digits, upper case; null when too short to mean anything. */
export function referenceOf(text: string): string | null {
  const value = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
  return value.length >= 4 && value.length <= 64 ? value : null;
}

/** The property whose first value is `value` (where `whenWhereOf` took the time from). */
function propertyHolding(properties: Readonly<Record<string, unknown>>, value: string): string | undefined {
  for (const [name, held] of Object.entries(properties)) if (stringsOf(held)[0] === value) return name;
  return undefined;
}

function dedupe<T extends { readonly code: string; readonly property: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.code}\u0000${item.property}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
