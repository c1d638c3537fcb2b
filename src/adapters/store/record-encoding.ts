/**
 * The encoding of prepared records into database rows: COPY lines for the records table and
 * the entity tables, and rows for the markings table. Pure (no database), so that it can run in
 * the validation worker threads and only strings cross to the thread that writes.
 *
 * Victims' records are sealed: their properties are stored only encrypted under the field key
 * (kept outside the database, see adapters/keys), in `records.sealed_properties`. They have no row
 * in their entity table and no caption, and their content hash is keyed (see `RecordSealer`).
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { canonicalJson } from '../../domain/model/canonical-json.ts';
import { snakeCase, type EntityDefinition } from '../../domain/model/entity.ts';
import { markingOf, type Envelope } from '../../domain/model/envelope.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import { entityType } from '../../domain/model/registry.ts';
import type { PreparedRecord } from '../../domain/ingest/prepare.ts';
import { fieldCipher, type FieldCipher } from '../keys/key-ring.ts';
import { copyField, copyTypeOf, type CopyType } from './copy-text.ts';
import { columnSqlType, entityTableName } from './schema.ts';

/** Columns of the records table that ingest writes, with their SQL types, in COPY order. */
export const RECORD_COLUMNS: readonly (readonly [string, string])[] = [
  ['id', 'uuid'],
  ['entity_type', 'text'],
  ['owner_organisation', 'text'],
  ['source_system', 'text'],
  ['source_record_id', 'text'],
  ['marking_id', 'text'],
  ['collected_at', 'timestamptz'],
  ['retention_review_at', 'date'],
  ['caption', 'text'],
  ['source_id', 'uuid'],
  ['target_id', 'uuid'],
  ['content_hash', 'text'],
  ['sealed_properties', 'text'],
];

/** Columns of the markings table, with their SQL types. */
export const MARKING_COLUMNS: readonly (readonly [string, string])[] = [
  ['id', 'text'],
  ['owner_organisation', 'text'],
  ['sector', 'text'],
  ['subject_category', 'text'],
  ['purposes', 'text[]'],
  ['legal_basis', 'text'],
  ['tlp', 'text'],
  ['confidentiality', 'text'],
  ['sharing_groups', 'text[]'],
  ['recipients', 'text[]'],
  ['field_restrictions', 'jsonb'],
  ['handling', 'text[]'],
];

const RECORD_COPY_TYPES = RECORD_COLUMNS.map(([, type]) => copyTypeOf(type));

/** How an entity type's properties map to its table's columns. */
export interface EntityColumns {
  readonly table: string;
  /** Property name and column name, in table order after `record_id`. */
  readonly columns: readonly (readonly [property: string, column: string])[];
  /** Column names with their SQL types, `record_id` first. */
  readonly typed: readonly (readonly [column: string, sqlType: string])[];
  readonly copyTypes: readonly CopyType[];
}

const columnsCache = new Map<string, EntityColumns>();

/** The columns of an entity type's table. */
export function entityColumns(definition: EntityDefinition): EntityColumns {
  let columns = columnsCache.get(definition.name);
  if (columns === undefined) {
    const properties = Object.entries(definition.properties);
    const typed = [
      ['record_id', 'uuid'] as const,
      ...properties.map(([property, declared]) => [snakeCase(property), columnSqlType(declared)] as const),
    ];
    columns = {
      table: entityTableName(definition),
      columns: properties.map(([property]) => [property, snakeCase(property)] as const),
      typed,
      copyTypes: typed.map(([, type]) => copyTypeOf(type)),
    };
    columnsCache.set(definition.name, columns);
  }
  return columns;
}

/**
 * What seals victims' records, made from the field key. Built once per thread: in the thread that
 * writes (from the store's options) and in each validation worker (from the pool's workerData).
 */
export interface RecordSealer {
  /** Encrypts a sealed record's properties and decrypts them on reading (AES-256-GCM). */
  readonly cipher: FieldCipher;
  /**
   * The content hash stored for a sealed record: an HMAC of the plain content hash. The plain hash
   * (SHA-256 of type, marking id and properties) holds no plaintext, but whoever can read the
   * database could confirm a guess of a victim's exact record by hashing it; keyed, they cannot.
   */
  keyedHash(contentHash: string): string;
}

/** HKDF label of the content-hash key: the field key itself is used only by the cipher. */
const CONTENT_HASH_KEY_INFO = 'weft sealed record content hash v1';

/** The sealer over a 32-byte field key. */
export function recordSealer(fieldKey: Uint8Array): RecordSealer {
  const cipher = fieldCipher(fieldKey);
  const hashKey = Buffer.from(hkdfSync('sha256', fieldKey, new Uint8Array(0), CONTENT_HASH_KEY_INFO, 32));
  return {
    cipher,
    keyedHash: (contentHash) => createHmac('sha256', hashKey).update(contentHash).digest('base64url'),
  };
}

/** Whether a record's content is stored only sealed: records about victims (SECURITY.md). */
export function isSealed(envelope: Pick<Envelope, 'subjectCategory'>): boolean {
  return envelope.subjectCategory === 'victim';
}

/** A record ready to write: what change detection needs, and its rows as COPY lines. */
export interface EncodedRecord {
  readonly id: RecordId;
  readonly type: string;
  /** As stored: keyed for a sealed record (see RecordSealer.keyedHash). */
  readonly contentHash: string;
  /** Dates the submitter gave (see PreparedRecord.givenDates). */
  readonly givenCollectedAt: string | null;
  readonly givenRetentionReviewAt: string | null;
  readonly recordLine: string;
  /** The entity table's row; null for a sealed record, which has none (its properties are in `recordLine`). */
  readonly propertyLine: string | null;
}

/** A batch ready to write. */
export interface EncodedBatch {
  readonly records: readonly EncodedRecord[];
  /** One row per distinct marking of the batch (for `json_to_recordset`). */
  readonly markings: readonly Record<string, unknown>[];
}

function line(values: readonly unknown[], types: readonly CopyType[]): string {
  let text = '';
  for (let index = 0; index < values.length; index += 1) {
    if (index > 0) text += '\t';
    text += copyField(values[index], types[index] ?? 'scalar');
  }
  return `${text}\n`;
}

function definitionOf(type: string): EntityDefinition {
  const definition = entityType(type);
  if (definition === undefined) throw new Error(`record of unregistered type ${type}`);
  return definition;
}

function encodeRecord(record: PreparedRecord, sealer: RecordSealer): EncodedRecord {
  const { envelope } = record;
  const sealed = isSealed(envelope);
  const contentHash = sealed ? sealer.keyedHash(record.contentHash) : record.contentHash;
  const recordValues = [
    record.id,
    record.type,
    envelope.ownerOrganisation,
    envelope.sourceSystem,
    envelope.sourceRecordId,
    record.markingId,
    envelope.collectedAt,
    envelope.retentionReviewAt,
    // A caption is a label shown in clear (lists, the review queue); a victim's name is not one.
    sealed ? null : record.caption,
    // The ends of a sealed relationship stay: record ids, not content, which retention follows.
    record.sourceId,
    record.targetId,
    contentHash,
    sealed ? sealer.cipher.encrypt(canonicalJson(record.properties)) : null,
  ];
  const table = entityColumns(definitionOf(record.type));
  return {
    id: record.id,
    type: record.type,
    contentHash,
    givenCollectedAt: record.givenDates.collectedAt,
    givenRetentionReviewAt: record.givenDates.retentionReviewAt,
    recordLine: line(recordValues, RECORD_COPY_TYPES),
    propertyLine: sealed
      ? null
      : line([record.id, ...table.columns.map(([property]) => record.properties[property] ?? null)], table.copyTypes),
  };
}

function markingRow(record: PreparedRecord): Record<string, unknown> {
  const marking = markingOf(record.envelope);
  return {
    id: record.markingId,
    owner_organisation: marking.ownerOrganisation,
    sector: marking.sector,
    subject_category: marking.subjectCategory,
    purposes: marking.purposes,
    legal_basis: marking.legalBasis,
    tlp: marking.tlp,
    confidentiality: marking.confidentiality,
    sharing_groups: marking.sharingGroups,
    recipients: marking.recipients,
    field_restrictions: marking.fieldRestrictions,
    handling: marking.handling,
  };
}

/** Encodes prepared records for writing, sealing victims' records. */
export function encodeRecords(records: readonly PreparedRecord[], sealer: RecordSealer): EncodedBatch {
  const firstOfMarking = new Map<string, PreparedRecord>();
  for (const record of records) if (!firstOfMarking.has(record.markingId)) firstOfMarking.set(record.markingId, record);
  return {
    records: records.map((record) => encodeRecord(record, sealer)),
    markings: [...firstOfMarking.values()].map(markingRow),
  };
}
