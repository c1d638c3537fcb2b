import { sha256 } from './canonical-json.ts';

declare const brand: unique symbol;
/** A value of type T that only its parser may make. */
export type Branded<T, Name extends string> = T & { readonly [brand]: Name };

/** Weft's id of a record: derived from its owner, source system and source record id. */
export type RecordId = Branded<string, 'RecordId'>;
/** An organisation's id (a short slug). */
export type OrganisationId = Branded<string, 'OrganisationId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * The deterministic id of a record. The same (owner, source system, source record id) always
 * gives the same id, which is what makes ingest idempotent and lets records refer to each other
 * before both have arrived. Formatted as an RFC 9562 version 8 UUID.
 */
export function recordIdOf(owner: string, sourceSystem: string, sourceRecordId: string): RecordId {
  const hex = sha256(JSON.stringify([owner, sourceSystem, sourceRecordId]), 'hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}` as RecordId;
}

/** Parses a record id; undefined when the text is not one. */
export function parseRecordId(text: string): RecordId | undefined {
  const lower = text.toLowerCase();
  return UUID.test(lower) ? (lower as RecordId) : undefined;
}

/** Parses an organisation id: lower-case letters, digits and hyphens. */
export function parseOrganisationId(text: string): OrganisationId | undefined {
  return SLUG.test(text) ? (text as OrganisationId) : undefined;
}
