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
import { sql } from 'drizzle-orm';
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
  // Receives the hits on missing children, to safeguard them (never an enforcement action).
  childProtection: boolean('child_protection').notNull().default(false),
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
    // What the key's system may read, as a user with these roles and this clearance would.
    roles: text('roles').array().notNull().default(['analyst']),
    clearance: text('clearance').notNull().default('restricted'),
    createdAt: instant('created_at').notNull().defaultNow(),
    revokedAt: instant('revoked_at'),
  },
  (table) => [uniqueIndex('api_keys_key_hash').on(table.keyHash)],
);

/** Sharing groups: named sets of organisations a record may be shared with. */
export const sharingGroups = pgTable('sharing_groups', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** The organisations of each sharing group. */
export const sharingGroupMembers = pgTable(
  'sharing_group_members',
  {
    groupId: text('group_id')
      .notNull()
      .references(() => sharingGroups.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.groupId, table.organisationId] }),
    index('sharing_group_members_organisation').on(table.organisationId),
  ],
);

/** People who sign in: staff of member organisations. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    // Lower-cased; the sign-in name.
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    roles: text('roles').array().notNull(),
    clearance: text('clearance').notNull(),
    // Argon2id, in its PHC string form; null for accounts that sign in through OIDC only.
    passwordHash: text('password_hash'),
    // The TOTP secret, encrypted with the field key (never stored in clear); null until enrolled.
    totpSecret: text('totp_secret'),
    totpConfirmedAt: instant('totp_confirmed_at'),
    // The last TOTP time step accepted: a code is never accepted twice.
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: instant('locked_until'),
    disabledAt: instant('disabled_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email').on(table.email)],
);

/** Signed-in sessions, by the SHA-256 of their token (the token itself is never stored). */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // 'password' until the second factor is given, then 'complete'.
    stage: text('stage').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
  },
  (table) => [index('sessions_user').on(table.userId)],
);

/**
 * The ledger: append-only and hash-chained (see domain/audit). Entries are only ever inserted;
 * the application's database role may be denied UPDATE and DELETE on it.
 */
export const ledger = pgTable('ledger', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  organisation: text('organisation'),
  action: text('action').notNull(),
  requestId: text('request_id'),
  purpose: text('purpose'),
  objectIds: text('object_ids').array().notNull(),
  outcome: text('outcome').notNull(),
  detail: text('detail'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

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
  /** Under TLP:RED, the people (user ids) outside the owner the records are for. */
  recipients: text('recipients')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  fieldRestrictions: jsonb('field_restrictions').notNull(),
  handling: text('handling').array().notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/**
 * Every record: its type, its markings and its identity. Properties live in the entity tables, or
 * sealed here for victims' records.
 */
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
    // Keyed (an HMAC) for a sealed record: see RecordSealer in record-encoding.ts.
    contentHash: text('content_hash').notNull(),
    // A victim's record: its properties, encrypted under the field key kept outside the database
    // (record-encoding.ts). Such a record has no row in its entity table and no caption.
    sealedProperties: text('sealed_properties'),
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

/**
 * Owners' decisions to keep a record past its review date: the reason and the new date. Erased
 * with the record (the reason may name people); the foreign key makes an orphan impossible.
 */
export const retentionDecisions = pgTable('retention_decisions', {
  recordId: uuid('record_id')
    .primaryKey()
    .references(() => records.id, { onDelete: 'cascade' }),
  ownerOrganisation: text('owner_organisation').notNull(),
  // Only 'keep': letting a record go is its erasure, which the ledger records.
  decision: text('decision').notNull(),
  reason: text('reason').notNull(),
  keepUntil: date('keep_until', { mode: 'string' }).notNull(),
  // The ledger's name of who decided: `user:<id>`, `system:cli`.
  decidedBy: text('decided_by').notNull(),
  decidedAt: instant('decided_at').notNull().defaultNow(),
});

/**
 * Notices to an organisation of its records coming up for review: one per month of review dates,
 * sent once the month enters the review window (six months ahead) and updated while records are
 * added to it. Counts and dates only, never a record's content.
 */
export const retentionNotices = pgTable(
  'retention_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    // YYYY-MM: the month the records' governing dates fall in.
    reviewMonth: text('review_month').notNull(),
    records: integer('records').notNull(),
    firstReviewAt: date('first_review_at', { mode: 'string' }).notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    acknowledgedAt: instant('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (table) => [uniqueIndex('retention_notices_month').on(table.organisationId, table.reviewMonth)],
);

/**
 * Strong identifiers of records (phones, emails, document numbers, accounts, handles), normalised
 * and then keyed under the field key: records sharing a value meet here without the index holding
 * the value (victims' records are sealed, and their identifiers must not be readable beside them).
 */
export const recordIdentifiers = pgTable(
  'record_identifiers',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    valueHash: text('value_hash').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.recordId, table.kind, table.valueHash] }),
    index('record_identifiers_value').on(table.kind, table.valueHash),
  ],
);

/**
 * The network's edges as records state them: a relationship record's ends, and each reference a
 * record's property makes to another record (a booking's guests, a document's holder). Kept by
 * resolution from the records; `record_id` is the record stating the edge, whose markings govern it.
 */
export const graphEdges = pgTable(
  'graph_edges',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    source: uuid('source')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    target: uuid('target')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    // The relationship type (UsesPhone, StayedAt…) or the referring property (Booking.guests).
    kind: text('kind').notNull(),
    at: text('at'),
    place: text('place'),
  },
  (table) => [
    primaryKey({ columns: [table.recordId, table.source, table.target, table.kind] }),
    index('graph_edges_source').on(table.source),
    index('graph_edges_target').on(table.target),
  ],
);

/**
 * Which version of each record resolution has seen, and under which reading of records: a record
 * whose version or reading differs is pending.
 */
export const resolutionState = pgTable('resolution_state', {
  recordId: uuid('record_id')
    .primaryKey()
    .references(() => records.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  // The reading of records it was seen under (FACTS_VERSION): an older one makes it pending again.
  factsVersion: integer('facts_version').notNull().default(1),
  resolvedAt: instant('resolved_at').notNull().defaultNow(),
  // When and where the record happened, as far as it says (not kept for victims' records).
  at: text('at'),
  place: text('place'),
});

/**
 * Links between records of the same real-world entity, as resolution scored them: the match
 * probability and the features that fired, by name and weight (never the values compared).
 * `record_a` < `record_b`.
 */
export const resolutionLinks = pgTable(
  'resolution_links',
  {
    recordA: uuid('record_a')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    recordB: uuid('record_b')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    probability: doublePrecision('probability').notNull(),
    weight: doublePrecision('weight').notNull(),
    features: jsonb('features').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.recordA, table.recordB] }), index('resolution_links_b').on(table.recordB)],
);

/** Analysts' judgements on pairs of records: the same entity or not. Every later run respects them. */
export const resolutionJudgements = pgTable(
  'resolution_judgements',
  {
    recordA: uuid('record_a')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    recordB: uuid('record_b')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    verdict: text('verdict').notNull(),
    reason: text('reason').notNull(),
    organisationId: text('organisation_id').notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: instant('decided_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.recordA, table.recordB] }),
    index('resolution_judgements_b').on(table.recordB),
  ],
);

/** The resolved entity each record belongs to (records alone in theirs have no row). */
export const resolutionMembers = pgTable(
  'resolution_members',
  {
    recordId: uuid('record_id')
      .primaryKey()
      .references(() => records.id, { onDelete: 'cascade' }),
    entityId: uuid('entity_id').notNull(),
  },
  (table) => [index('resolution_members_entity').on(table.entityId)],
);

/** The match parameters learnt (by EM, without labels) for an entity type, used by incremental runs. */
export const resolutionParameters = pgTable('resolution_parameters', {
  entityType: text('entity_type').primaryKey(),
  parameters: jsonb('parameters').notNull(),
  records: integer('records').notNull(),
  trainedAt: instant('trained_at').notNull().defaultNow(),
});

/**
 * Alerts to an organisation: a screening hit on one of its notices (the details a blind hit keeps
 * from the company that screened), and later the hits of continuous screening and of red-flag
 * rules. `dedup_key` makes raising the same alert again a no-op; an alert about a record goes when
 * the record is erased.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    urgency: text('urgency').notNull(),
    dedupKey: text('dedup_key').notNull(),
    // The reference the screening organisation was given: both sides can name the hit by it.
    reference: text('reference').notNull(),
    recordId: uuid('record_id').references(() => records.id, { onDelete: 'cascade' }),
    raisedBy: text('raised_by').notNull(),
    details: jsonb('details').notNull(),
    state: text('state').notNull().default('new'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    updatedBy: text('updated_by'),
    // The member of the organisation working on it; unassigned when they leave.
    assignee: uuid('assignee').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [
    uniqueIndex('alerts_dedup').on(table.organisationId, table.dedupKey),
    index('alerts_inbox').on(table.organisationId, table.createdAt),
  ],
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

/**
 * The steps of each notice's life (see `domain/notices`): who took which step when, and why. The
 * notice's status is on the notice itself; these rows are its history, and say who submitted it
 * (a reviewer may not approve their own submission). They go when the notice is erased.
 */
export const noticeSteps = pgTable(
  'notice_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    // `user:<id>`, `key:<id>` or `system`, as the ledger names actors.
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: instant('at').notNull().defaultNow(),
  },
  (table) => [index('notice_steps_notice').on(table.noticeId, table.at)],
);

/**
 * External lists screened against beside the notices: FollowTheMoney exports (sanctions, public
 * INTERPOL notices) and CSV files, each imported by an organisation under a name. A list's hits
 * are shown to whoever screens (`shown`, for public lists) or blind, as notices are (`blind`).
 */
export const screeningLists = pgTable(
  'screening_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    visibility: text('visibility').notNull(),
    // The least score of a hit on the list, replacing the default (a public list with many common
    // names may ask for more); a screening that gives its own threshold uses that instead.
    threshold: doublePrecision('threshold'),
    entries: integer('entries').notNull(),
    importedBy: text('imported_by').notNull(),
    importedAt: instant('imported_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('screening_lists_name').on(table.organisationId, table.name)],
);

/** The entries of an external list, as the screening index reads them (names, dates, documents…). */
export const screeningListEntries = pgTable(
  'screening_list_entries',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => screeningLists.id, { onDelete: 'cascade' }),
    entryId: text('entry_id').notNull(),
    fields: jsonb('fields').notNull(),
  },
  (table) => [primaryKey({ columns: [table.listId, table.entryId] })],
);

/**
 * Continuous screening's progress: the version of each record last screened against the live
 * notices. A record written anew (a new version) is screened again; its alerts are deduplicated.
 */
export const screenedVersions = pgTable('screened_versions', {
  recordId: uuid('record_id')
    .primaryKey()
    .references(() => records.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
});

/**
 * The version of each Payment record the transaction monitoring has read: a payment written anew
 * is read again (its alerts are deduplicated by typology, subject and period).
 */
export const monitoredVersions = pgTable('monitored_versions', {
  recordId: uuid('record_id')
    .primaryKey()
    .references(() => records.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
});

/** An organisation's transaction-monitoring configuration (parameters, typologies off, its own rules). */
export const monitoringConfigs = pgTable('monitoring_configs', {
  organisationId: text('organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  config: jsonb('config').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * "Alert me when anything links to this notice": an organisation's subscriptions. An update of the
 * notice, or a hit on it, raises an alert to each subscriber (saying that, not what was hit).
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('subscriptions_unique').on(table.organisationId, table.recordId),
    index('subscriptions_record').on(table.recordId),
  ],
);

/** One table per entity type, keyed by type name. */
export const entityTables = Object.fromEntries(
  ENTITY_TYPES.map((definition) => [definition.name, entityTable(definition)]),
);

/**
 * A report from the reporting channels (the tip page, SMS, USSD): the Tip record it became, owned
 * by the organisation that runs the tip line, and its triage. Of the reporter Weft keeps only a
 * keyed Argon2id hash of the receipt code (never an address, a user agent or a phone number).
 * What was extracted from the text is sealed with the field key, as the messages and files are.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    language: text('language').notNull(),
    receiptHash: text('receipt_hash'),
    // The alias of an SMS or USSD conversation still open (the number is kept apart, never here).
    conversationAlias: text('conversation_alias'),
    state: text('state').notNull().default('new'),
    priority: text('priority').notNull(),
    priorityReasons: jsonb('priority_reasons').notNull(),
    extracted: text('extracted').notNull(),
    duplicateOf: uuid('duplicate_of'),
    assignedTo: text('assigned_to'),
    routedTo: jsonb('routed_to').notNull().default([]),
    receivedAt: instant('received_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (table) => [
    uniqueIndex('reports_receipt').on(table.receiptHash),
    uniqueIndex('reports_record').on(table.recordId),
    index('reports_queue').on(table.organisationId, table.receivedAt),
  ],
);

/** The conversation of a report: the reporter's additions and the organisation's replies, sealed. */
export const reportMessages = pgTable(
  'report_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    author: text('author').notNull(),
    userId: text('user_id'),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [index('report_messages_report').on(table.reportId, table.createdAt)],
);

/** Photos sent with a report, stripped of their metadata before they were stored, sealed. */
export const reportFiles = pgTable(
  'report_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    mediaType: text('media_type').notNull(),
    byteLength: integer('byte_length').notNull(),
    content: text('content').notNull(),
    removed: jsonb('removed').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [index('report_files_report').on(table.reportId)],
);

/** Supply-chain sites whose workers answer worker-voice surveys, each with the brand that sources from it. */
export const supplySites = pgTable('supply_sites', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  organisationId: text('organisation_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  country: text('country'),
  // The sharing groups whose members are also told when the site's risk crosses its threshold.
  sharingGroups: jsonb('sharing_groups').notNull().default([]),
  createdAt: instant('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
});

/** A survey campaign at a site: when it runs and the languages its posters invite answers in. */
export const surveyCampaigns = pgTable(
  'survey_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteCode: text('site_code')
      .notNull()
      .references(() => supplySites.code, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    languages: jsonb('languages').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [index('survey_campaigns_site').on(table.siteCode, table.startsOn)],
);

/**
 * Workers' survey answers, scored per ILO indicator. Nothing of the worker is kept, and the time
 * only to the day: a brand sees figures over groups of at least eleven, never a response.
 */
export const workerVoiceResponses = pgTable(
  'worker_voice_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteCode: text('site_code')
      .notNull()
      .references(() => supplySites.code, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    channel: text('channel').notNull(),
    scores: jsonb('scores').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    // The campaign running at the site that day, if one was.
    campaignId: uuid('campaign_id').references(() => surveyCampaigns.id, { onDelete: 'set null' }),
  },
  (table) => [index('worker_voice_site').on(table.siteCode, table.receivedOn)],
);

/**
 * A case's items: references to what the case gathers (a resolved entity by one of its records, a
 * record, a notice, an alert, a report), never copies. Each is read through the sharing rules when the
 * case is read. An item goes with what it refers to, and with the case (a `Case` record).
 */
export const caseItems = pgTable(
  'case_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    // The id referred to, whatever the kind; one of the three columns below holds it too.
    ref: text('ref').notNull(),
    recordId: uuid('record_id').references(() => records.id, { onDelete: 'cascade' }),
    alertId: uuid('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'cascade' }),
    addedBy: text('added_by').notNull(),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('case_items_ref').on(table.caseId, table.kind, table.ref),
    // Erasing what an item refers to finds the item by these.
    index('case_items_record').on(table.recordId),
    index('case_items_alert').on(table.alertId),
    index('case_items_report').on(table.reportId),
  ],
);

/** A case's notes, by its owner's people, sealed with the field key. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    author: text('author').notNull(),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [index('case_notes_case').on(table.caseId, table.createdAt)],
);

/** A case's files: name and bytes sealed with the field key. */
export const caseFiles = pgTable(
  'case_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    byteLength: integer('byte_length').notNull(),
    content: text('content').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (table) => [index('case_files_case').on(table.caseId)],
);

/** The organisations a case is shared with (each one the policy lets see the case record when shared). */
export const caseShares = pgTable(
  'case_shares',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    sharedBy: text('shared_by').notNull(),
    sharedAt: instant('shared_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.organisationId] }),
    index('case_shares_organisation').on(table.organisationId),
  ],
);

/** A thread of messages between organisations about a case or an alert: one per subject, gone with it. */
export const messageThreads = pgTable(
  'message_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectKind: text('subject_kind').notNull(),
    caseId: uuid('case_id').references(() => records.id, { onDelete: 'cascade' }),
    alertId: uuid('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('message_threads_case').on(table.caseId),
    uniqueIndex('message_threads_alert').on(table.alertId),
  ],
);

/** The messages of a thread, in the order written (`seq`); bodies sealed with the field key. */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    author: text('author').notNull(),
    body: text('body').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [index('messages_thread').on(table.threadId, table.seq)],
);

/** How far each organisation has read each thread: messages of others after `last_read_seq` are unread. */
export const messageReads = pgTable(
  'message_reads',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    lastReadSeq: bigint('last_read_seq', { mode: 'number' }).notNull(),
    readBy: text('read_by').notNull(),
    readAt: instant('read_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.threadId, table.organisationId] })],
);
