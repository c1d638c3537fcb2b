/**
 * The database schema. Entity tables are derived from the entity model: one table per entity
 * type, one column per property (arrays for multi-valued properties). `drizzle-kit generate`
 * turns changes here into the committed migrations; a test fails if they drift apart.
 */
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type PgColumnBuilderBase,
} from 'drizzle-orm/pg-core';
import { snakeCase, type EntityDefinition } from '../../domain/model/entity.ts';
import type { PropertyDefinition } from '../../domain/model/property.ts';
import { ENTITY_TYPES } from '../../domain/model/registry.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** Organisations that own records. */
export const organisations = pgTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  organisationType: text('organisation_type').notNull(),
  sector: text('sector').notNull(),
  country: text('country'),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** API keys of organisations' systems, stored as SHA-256 hashes of 256-bit random secrets. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    permissions: text('permissions').array().notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    revokedAt: instant('revoked_at'),
  },
  (table) => [uniqueIndex('api_keys_key_hash').on(table.keyHash)],
);

/**
 * Sharing markings, stored once per distinct set and shared by the records that carry it:
 * a batch's records mostly carry the same markings, and sharing decisions are made per
 * marking. The id is a hash of the owner and the markings (see markingIdOf).
 */
export const markings = pgTable('markings', {
  id: text('id').primaryKey(),
  ownerOrganisation: text('owner_organisation').notNull(),
  sector: text('sector').notNull(),
  subjectCategory: text('subject_category').notNull(),
  purposes: text('purposes').array().notNull(),
  legalBasis: text('legal_basis'),
  tlp: text('tlp'),
  confidentiality: text('confidentiality').notNull(),
  sharingGroups: text('sharing_groups').array().notNull(),
  fieldRestrictions: jsonb('field_restrictions').notNull(),
  handling: text('handling').array().notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** Every record: its type, its markings and its identity. Properties live in the entity tables. */
export const records = pgTable(
  'records',
  {
    id: uuid('id').primaryKey(),
    entityType: text('entity_type').notNull(),
    // No foreign key: the owner is always the authenticated organisation, and a per-row
    // constraint check costs a fifth of ingest throughput.
    ownerOrganisation: text('owner_organisation').notNull(),
    sourceSystem: text('source_system').notNull(),
    sourceRecordId: text('source_record_id').notNull(),
    // No foreign key either: markings are written in the same transaction, before the records.
    markingId: text('marking_id').notNull(),
    collectedAt: instant('collected_at').notNull(),
    retentionReviewAt: date('retention_review_at', { mode: 'string' }).notNull(),
    caption: text('caption'),
    sourceId: uuid('source_id'),
    targetId: uuid('target_id'),
    contentHash: text('content_hash').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  // (owner, source system, source record id) is unique because the primary key is derived from
  // exactly those three (see recordIdOf); a second unique index would only slow ingest down.
  // Indexes cost ingest throughput, so there are only those a query uses: paging by owner. The
  // graph indexes on source_id and target_id come with the queries that traverse the network.
  (table) => [index('records_owner_id').on(table.ownerOrganisation, table.id)],
);

/** Idempotency-Key bookkeeping: a retry returns the stored response. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    organisationId: text('organisation_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.organisationId, table.key] })],
);

/** Ingest jobs: one per API batch, file import or stream batch, with their rejected rows. */
export const ingestJobs = pgTable(
  'ingest_jobs',
  {
    id: uuid('id').primaryKey(),
    organisationId: text('organisation_id').notNull(),
    channel: text('channel').notNull(),
    format: text('format').notNull(),
    fileName: text('file_name'),
    sourceSystem: text('source_system'),
    state: text('state').notNull(),
    total: integer('total').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    superseded: integer('superseded').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    errors: jsonb('errors').notNull().default([]),
    message: text('message'),
    startedAt: instant('started_at').notNull().defaultNow(),
    finishedAt: instant('finished_at'),
  },
  (table) => [index('ingest_jobs_organisation').on(table.organisationId, table.startedAt)],
);

/** The SQL type of one property's column. */
export function columnSqlType(property: PropertyDefinition): string {
  const base = SQL_TYPES[property.kind];
  return property.many ? `${base}[]` : base;
}

const SQL_TYPES: Record<PropertyDefinition['kind'], string> = {
  text: 'text',
  name: 'text',
  identifier: 'text',
  country: 'text',
  language: 'text',
  currency: 'text',
  date: 'text', // partial dates (YYYY, YYYY-MM) are kept as written
  datetime: 'timestamptz',
  phone: 'text',
  email: 'text',
  url: 'text',
  enum: 'text',
  integer: 'bigint',
  amount: 'bigint',
  number: 'double precision',
  latitude: 'double precision',
  longitude: 'double precision',
  boolean: 'boolean',
  entity: 'uuid',
};

function columnFor(name: string, property: PropertyDefinition): PgColumnBuilderBase {
  const column = snakeCase(name);
  const builder = (() => {
    switch (property.kind) {
      case 'datetime':
        return instant(column);
      case 'integer':
      case 'amount':
        return bigint(column, { mode: 'number' });
      case 'number':
      case 'latitude':
      case 'longitude':
        return doublePrecision(column);
      case 'boolean':
        return boolean(column);
      case 'entity':
        return uuid(column);
      case 'text':
      case 'name':
      case 'identifier':
      case 'country':
      case 'language':
      case 'currency':
      case 'date':
      case 'phone':
      case 'email':
      case 'url':
      case 'enum':
        return text(column);
    }
  })();
  return property.many ? builder.array() : builder;
}

/** The table name of an entity type's properties. */
export function entityTableName(definition: EntityDefinition): string {
  return `entity_${snakeCase(definition.name)}`;
}

function entityTable(definition: EntityDefinition) {
  // No foreign key to records: both rows are written and erased together by the records
  // repository, in one transaction, and a per-row check would slow ingest for nothing.
  const columns: Record<string, PgColumnBuilderBase> = { recordId: uuid('record_id').primaryKey() };
  for (const [name, property] of Object.entries(definition.properties)) columns[name] = columnFor(name, property);
  return pgTable(entityTableName(definition), columns);
}

/** One table per entity type, keyed by type name. */
export const entityTables = Object.fromEntries(
  ENTITY_TYPES.map((definition) => [definition.name, entityTable(definition)]),
);
