import type { EntityDefinition } from '../../domain/model/entity.ts';
import type { Envelope } from '../../domain/model/envelope.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { entityType } from '../../domain/model/registry.ts';
import type { RecordQuery, RecordReader, RecordWriter, WriteAudit, WriteOutcome } from '../../domain/ingest/ports.ts';
import type { LedgerRepository } from './ledger.repository.ts';
import type { PolicyMarking } from '../../domain/policy/index.ts';
import type { PreparedRecord } from '../../domain/ingest/prepare.ts';
import { quotedColumn, toIso, type Database, type Sql } from './database.ts';
import {
  encodeRecords,
  entityColumns,
  MARKING_COLUMNS,
  RECORD_COLUMNS,
  recordSealer,
  type EncodedBatch,
  type EncodedRecord,
  type RecordSealer,
} from './record-encoding.ts';

interface RecordRow {
  id: RecordId;
  entity_type: string;
  owner_organisation: string;
  source_system: string;
  source_record_id: string;
  marking_id: string;
  collected_at: string;
  retention_review_at: string;
  caption: string | null;
  sealed_properties: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** What a record's envelope takes from its marking. */
interface EnvelopeMarking {
  sector: Envelope['sector'];
  subject_category: Envelope['subjectCategory'];
  purposes: Envelope['purposes'];
  legal_basis: Envelope['legalBasis'];
  tlp: Envelope['tlp'];
  confidentiality: Envelope['confidentiality'];
  sharing_groups: string[];
  recipients: string[];
  field_restrictions: Envelope['fieldRestrictions'];
  handling: string[];
}

/**
 * A sealed record whose properties do not decrypt: the field key is not the one they were sealed
 * with, or the stored value was altered. Never read as a record without properties.
 */
export class SealedRecordUnreadable extends Error {
  constructor(readonly recordId: RecordId) {
    super(`record ${recordId}: its sealed properties do not decrypt with this field key (wrong key, or altered data)`);
    this.name = 'SealedRecordUnreadable';
  }
}

const UNIQUE_VIOLATION = '23505';

/** Markings are immutable: a change of markings is a new marking row. */
const INSERT_MARKINGS = `
  INSERT INTO markings (${MARKING_COLUMNS.map(([name]) => name).join(', ')})
  SELECT * FROM json_to_recordset($1::json) AS x(${MARKING_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})
  ON CONFLICT (id) DO NOTHING`;

/**
 * A record's own columns. Its marking is read apart, once per marking and not once per record:
 * markings are immutable, and thousands of records share a few of them.
 */
const SELECT_RECORDS = `
  SELECT r.id, r.entity_type, r.owner_organisation, r.source_system, r.source_record_id, r.marking_id,
         r.collected_at, r.retention_review_at, r.caption, r.sealed_properties, r.version, r.created_at, r.updated_at
  FROM records r`;

/**
 * The rows of a read as one JSON document: each value a driver returns costs it a decoding of its
 * own (on the embedded database about 2 µs), so reads of thousands of records come back as one
 * value, decoded once. Timestamps come back as PostgreSQL writes them in JSON: `iso` rewrites the
 * named columns as every other read gives them (ISO 8601 in UTC, to the millisecond).
 */
async function jsonRows<Row>(
  sql: Sql,
  select: string,
  params: readonly unknown[],
  options: { readonly orderBy?: string; readonly iso?: readonly string[] } = {},
): Promise<Row[]> {
  const order = options.orderBy === undefined ? '' : ` ORDER BY q.${options.orderBy}`;
  const [result] = await sql.query<{ rows: string }>(
    `SELECT coalesce(json_agg(q${order}), '[]')::text AS rows FROM (${select}) q`,
    params,
  );
  const rows = JSON.parse(result?.rows ?? '[]') as Record<string, unknown>[];
  for (const column of options.iso ?? []) {
    for (const row of rows) {
      const value = row[column];
      if (typeof value === 'string') row[column] = toIso(value);
    }
  }
  return rows as Row[];
}

/** The timestamp columns of a records row. */
const RECORD_TIMESTAMPS = ['collected_at', 'created_at', 'updated_at'];

/** Markings kept by a repository, at most (they are few; the bound keeps a pathological store's in check). */
const MARKINGS_KEPT = 10_000;

/** How records are read whole: their sealer, and the markings read so far (immutable, so kept). */
interface RecordLoader {
  readonly sealer: RecordSealer;
  readonly markings: Map<string, EnvelopeMarking>;
}

const RECORD_NAMES = RECORD_COLUMNS.map(([name]) => name);

/**
 * Changed records are loaded with COPY into a temporary staging table (emptied at commit), then
 * merged; the statements for one table.
 */
function stagingStatements(table: string, names: readonly string[], key: string, set: string): string[] {
  const columns = names.map(quotedColumn);
  const updates = names
    .filter((name) => name !== key && name !== 'owner_organisation')
    .map(quotedColumn)
    .map((name) => `${name} = excluded.${name}`);
  return [
    `CREATE TEMP TABLE IF NOT EXISTS staging_${table} (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`,
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM staging_${table}
     ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}${set}`,
  ];
}

const RECORD_STAGING = stagingStatements(
  'records',
  RECORD_NAMES,
  'id',
  ', version = records.version + 1, updated_at = now() WHERE records.entity_type = excluded.entity_type',
);

// Map.groupBy arrives only in Node 21.
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [item]);
    else group.push(item);
  }
  return groups;
}

function toStored(row: RecordRow, marking: EnvelopeMarking, properties: Record<string, unknown>): StoredRecord {
  return {
    id: row.id,
    type: row.entity_type,
    envelope: {
      ownerOrganisation: row.owner_organisation,
      sector: marking.sector,
      sourceSystem: row.source_system,
      sourceRecordId: row.source_record_id,
      collectedAt: row.collected_at,
      subjectCategory: marking.subject_category,
      purposes: marking.purposes,
      legalBasis: marking.legal_basis,
      tlp: marking.tlp,
      confidentiality: marking.confidentiality,
      sharingGroups: marking.sharing_groups,
      recipients: marking.recipients,
      fieldRestrictions: marking.field_restrictions,
      handling: marking.handling,
      retentionReviewAt: row.retention_review_at,
    },
    properties,
    caption: row.caption,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Frozen all the way down: one marking's values are shared by every record read under it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The markings of some rows, from the loader's or read through `sql` (and kept). */
async function markingsFor(
  sql: Sql,
  rows: readonly RecordRow[],
  loader: RecordLoader,
): Promise<ReadonlyMap<string, EnvelopeMarking>> {
  const missing = [...new Set(rows.map((row) => row.marking_id))].filter((id) => !loader.markings.has(id));
  if (missing.length > 0) {
    const found = await sql.query<EnvelopeMarking & { id: string }>(
      `SELECT id, sector, subject_category, purposes, legal_basis, tlp, confidentiality, sharing_groups, recipients,
              field_restrictions, handling
       FROM markings WHERE id = ANY($1::text[])`,
      [missing],
    );
    if (loader.markings.size + found.length > MARKINGS_KEPT) loader.markings.clear();
    for (const { id, ...marking } of found) loader.markings.set(id, deepFreeze(marking));
  }
  return loader.markings;
}

/** What change detection reads of a stored record. */
interface StoredState {
  id: RecordId;
  entity_type: string;
  content_hash: string;
  collected_at: string;
  retention_review_at: string;
}

/** The same content, and the same dates wherever the submitter gave dates. */
function isUnchanged(stored: StoredState, record: EncodedRecord): boolean {
  return (
    stored.content_hash === record.contentHash &&
    (record.givenCollectedAt === null || Date.parse(stored.collected_at) === Date.parse(record.givenCollectedAt)) &&
    (record.givenRetentionReviewAt === null || stored.retention_review_at === record.givenRetentionReviewAt)
  );
}

/** Writes encoded records in one transaction, skipping those whose content is unchanged. */
/** What a write did, with the ids of the records it collected (new) and altered (changed). */
interface Written {
  readonly outcome: WriteOutcome;
  readonly inserted: readonly RecordId[];
  readonly updated: readonly RecordId[];
}

async function writeEncoded(sql: Sql, batch: EncodedBatch, expectFresh: boolean): Promise<Written> {
  // Bulk loads of new data are the common case: try to load the whole batch as new first. If any
  // record exists already, its primary key refuses the COPY, and the batch takes the careful path.
  if (expectFresh) {
    await sql.query('SAVEPOINT all_fresh');
    try {
      await sql.query(INSERT_MARKINGS, [JSON.stringify(batch.markings)]);
      await copyFresh(sql, batch.records);
      return {
        outcome: { inserted: batch.records.length, updated: 0, unchanged: 0, typeConflicts: [] },
        inserted: batch.records.map((record) => record.id),
        updated: [],
      };
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await sql.query('ROLLBACK TO SAVEPOINT all_fresh');
    }
  }
  // A sealed record's stored content hash is keyed (see RecordSealer): compared like any other.
  const existing = await sql.query<StoredState>(
    'SELECT id, entity_type, content_hash, collected_at, retention_review_at FROM records WHERE id = ANY($1::uuid[])',
    [batch.records.map((record) => record.id)],
  );
  const known = new Map(existing.map((row) => [row.id, row]));
  const typeConflicts: { id: RecordId; existingType: string }[] = [];
  const fresh: EncodedRecord[] = [];
  const changed: EncodedRecord[] = [];
  let unchanged = 0;
  for (const record of batch.records) {
    const previous = known.get(record.id);
    if (previous === undefined) fresh.push(record);
    else if (previous.entity_type !== record.type)
      typeConflicts.push({ id: record.id, existingType: previous.entity_type });
    else if (isUnchanged(previous, record)) unchanged += 1;
    else changed.push(record);
  }
  const written = {
    outcome: { inserted: fresh.length, updated: changed.length, unchanged, typeConflicts },
    inserted: fresh.map((record) => record.id),
    updated: changed.map((record) => record.id),
  };
  if (fresh.length === 0 && changed.length === 0) return written;
  await sql.query(INSERT_MARKINGS, [JSON.stringify(batch.markings)]);
  await copyFresh(sql, fresh);
  // Changed ones go through staging tables and a merge.
  if (changed.length > 0) {
    const [createRecords, mergeRecords] = RECORD_STAGING as [string, string];
    await sql.query(createRecords);
    await sql.copy('staging_records', RECORD_NAMES, changed.map((record) => record.recordLine).join(''));
    await sql.query(mergeRecords);
    for (const [type, group] of groupBy(changed, (record) => record.type)) {
      const table = entityColumns(definitionOf(type));
      // A record sealed now (a victim's) keeps no row in its entity table, whatever it was before.
      const sealed = group.filter((record) => record.propertyLine === null).map((record) => record.id);
      if (sealed.length > 0) await sql.query(`DELETE FROM ${table.table} WHERE record_id = ANY($1::uuid[])`, [sealed]);
      const lines = propertyLines(group);
      if (lines === '') continue;
      const names = table.typed.map(([name]) => name);
      const [create, merge] = stagingStatements(table.table, names, 'record_id', '') as [string, string];
      await sql.query(create);
      await sql.copy(`staging_${table.table}`, names, lines);
      await sql.query(merge);
    }
  }
  return written;
}

/** The entity-table rows of records, as COPY text: none for sealed records. */
function propertyLines(records: readonly EncodedRecord[]): string {
  let text = '';
  for (const record of records) if (record.propertyLine !== null) text += record.propertyLine;
  return text;
}

/** Loads new records straight into their tables with COPY. */
async function copyFresh(sql: Sql, fresh: readonly EncodedRecord[]): Promise<void> {
  if (fresh.length === 0) return;
  await sql.copy('records', RECORD_NAMES, fresh.map((record) => record.recordLine).join(''));
  for (const [type, group] of groupBy(fresh, (record) => record.type)) {
    const lines = propertyLines(group);
    if (lines === '') continue;
    const table = entityColumns(definitionOf(type));
    await sql.copy(
      table.table,
      table.typed.map(([name]) => name),
      lines,
    );
  }
}

function definitionOf(type: string): EntityDefinition {
  const definition = entityType(type);
  if (definition === undefined) throw new Error(`record of unregistered type ${type}`);
  return definition;
}

/** A sealed record's properties, decrypted; a value that does not decrypt is an error naming the record. */
function unsealProperties(id: RecordId, sealed: string, sealer: RecordSealer): Record<string, unknown> {
  let plain: string;
  try {
    plain = sealer.cipher.decrypt(sealed);
  } catch {
    // The cause says only that authentication failed; the record id is what an operator needs.
    throw new SealedRecordUnreadable(id);
  }
  return JSON.parse(plain) as Record<string, unknown>;
}

/** An entity table's timestamp columns (datetime properties). */
function timestampColumns(table: ReturnType<typeof entityColumns>): string[] {
  return table.typed.flatMap(([column, type]) => (type === 'timestamptz' ? [column] : []));
}

/** Records with their markings and properties: from the entity tables, or decrypted for sealed records. */
async function loadProperties(sql: Sql, rows: readonly RecordRow[], loader: RecordLoader): Promise<StoredRecord[]> {
  const markings = await markingsFor(sql, rows, loader);
  const properties = new Map<string, Record<string, unknown>>();
  const open: RecordRow[] = [];
  for (const row of rows) {
    if (row.sealed_properties === null) open.push(row);
    else properties.set(row.id, unsealProperties(row.id, row.sealed_properties, loader.sealer));
  }
  for (const [type, group] of groupBy(open, (row) => row.entity_type)) {
    const definition = entityType(type);
    if (definition === undefined) continue;
    const table = entityColumns(definition);
    const found = await jsonRows<Record<string, unknown>>(
      sql,
      `SELECT * FROM ${table.table} WHERE record_id = ANY($1::uuid[])`,
      [group.map((row) => row.id)],
      { iso: timestampColumns(table) },
    );
    for (const row of found) {
      const values: Record<string, unknown> = {};
      for (const [property, column] of table.columns) {
        const value = row[column];
        if (value !== null && value !== undefined) values[property] = value;
      }
      properties.set(row['record_id'] as string, values);
    }
  }
  return rows.flatMap((row) => {
    const marking = markings.get(row.marking_id);
    // A record without its marking is not read (a marking is never deleted while a record has it).
    return marking === undefined ? [] : [toStored(row, marking, properties.get(row.id) ?? {})];
  });
}

/** One record by id, read through `sql`. */
async function getRecord(sql: Sql, id: RecordId, loader: RecordLoader): Promise<StoredRecord | undefined> {
  const rows = await jsonRows<RecordRow>(sql, `${SELECT_RECORDS} WHERE r.id = $1`, [id], { iso: RECORD_TIMESTAMPS });
  const [record] = await loadProperties(sql, rows, loader);
  return record;
}

/** A page of records in id order, read through `sql`. */
async function pageRecords(sql: Sql, query: RecordQuery, loader: RecordLoader): Promise<StoredRecord[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (query.ownerOrganisation !== undefined) {
    params.push(query.ownerOrganisation);
    conditions.push(`r.owner_organisation = $${params.length}`);
  }
  if (query.markingIds !== undefined) {
    params.push(query.markingIds);
    conditions.push(`r.marking_id = ANY($${params.length}::text[])`);
  }
  if (query.types !== undefined && query.types.length > 0) {
    params.push(query.types);
    conditions.push(`r.entity_type = ANY($${params.length}::text[])`);
  }
  if (query.after !== undefined) {
    params.push(query.after);
    conditions.push(`r.id > $${params.length}`);
  }
  params.push(query.limit);
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const rows = await jsonRows<RecordRow>(
    sql,
    `${SELECT_RECORDS} ${where} ORDER BY r.id LIMIT $${params.length}`,
    params,
    {
      orderBy: 'id',
      iso: RECORD_TIMESTAMPS,
    },
  );
  return loadProperties(sql, rows, loader);
}

/** Marking ids are base64url (see domain/model/envelope.ts): never a comma. */
const MARKING_ID = /^[A-Za-z0-9_-]+$/;

/**
 * Queries run behind the wall (see RecordsRepository.readUnder): as weft_reader, which may only
 * read records, markings and the entity tables, and sees only the allowed markings' rows.
 */
export interface WalledSql {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A marking's row, as the policy engine needs it. */
interface MarkingRow {
  id: string;
  owner_organisation: string;
  subject_category: PolicyMarking['subjectCategory'];
  purposes: PolicyMarking['purposes'];
  tlp: PolicyMarking['tlp'];
  confidentiality: PolicyMarking['confidentiality'];
  sharing_groups: string[];
  recipients: string[];
  field_restrictions: PolicyMarking['fieldRestrictions'];
}

const MARKING_FIELDS =
  'owner_organisation, subject_category, purposes, tlp, confidentiality, sharing_groups, recipients, field_restrictions';
/** The same, of the markings table aliased `m`. */
const M_MARKING_FIELDS = MARKING_FIELDS.split(', ')
  .map((field) => `m.${field}`)
  .join(', ');

function policyMarking(row: MarkingRow): PolicyMarking {
  return {
    ownerOrganisation: row.owner_organisation,
    subjectCategory: row.subject_category,
    purposes: row.purposes,
    tlp: row.tlp,
    confidentiality: row.confidentiality,
    sharingGroups: row.sharing_groups,
    recipients: row.recipients,
    fieldRestrictions: row.field_restrictions,
  };
}

/** The record store over PGlite or PostgreSQL. */
export class RecordsRepository implements RecordWriter, RecordReader {
  /** Whether the next batch is probably all new records (see writeEncoded). */
  private expectFresh = true;
  private readonly loader: RecordLoader;

  /**
   * @param fieldKey the key ring's field key (32 bytes), which seals victims' records. It is also
   *   what the validation worker threads encode with (apps/ingest/preparer.ts); never log it.
   */
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    readonly fieldKey: Uint8Array,
  ) {
    this.loader = { sealer: recordSealer(fieldKey), markings: new Map() };
  }

  /**
   * Writes a batch atomically: all of it or, on a database error, none of it. If another writer
   * inserted one of the same records in the meantime (a unique violation), the batch is written
   * again, now seeing that record as existing.
   */
  write(
    records: readonly PreparedRecord[],
    audit: WriteAudit,
    also?: (sql: Sql) => Promise<void>,
  ): Promise<WriteOutcome> {
    return this.writeEncoded(encodeRecords(records, this.loader.sealer), audit, also);
  }

  /**
   * Writes records already encoded (in a worker thread, say), atomically like `write`. The ledger
   * records, in the same transaction, the records collected (new) and altered (changed); records
   * submitted again unchanged are neither. `also` runs in the same transaction, after the records
   * are written (a notice's step is stored with the notice's new status, or neither is).
   */
  async writeEncoded(
    batch: EncodedBatch,
    audit: WriteAudit,
    also?: (sql: Sql) => Promise<void>,
  ): Promise<WriteOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await this.database.transaction(async (sql) => {
          const written = await writeEncoded(sql, batch, this.expectFresh);
          const event = { actor: audit.actor, organisation: audit.organisation, requestId: audit.requestId };
          const events = [
            ...(written.inserted.length === 0
              ? []
              : [{ ...event, action: 'collect' as const, objectIds: written.inserted }]),
            ...(written.updated.length === 0
              ? []
              : [{ ...event, action: 'alter' as const, objectIds: written.updated }]),
          ];
          await this.ledger.append(
            sql,
            events.map((entry) => ({ ...entry, purpose: null, outcome: 'ok' as const })),
          );
          await also?.(sql);
          return written.outcome;
        });
        // Once a batch met existing records, the next ones probably will too (a re-import).
        this.expectFresh = outcome.inserted === batch.records.length;
        if (outcome.inserted + outcome.updated > 0) for (const listener of this.written) listener();
        return outcome;
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= 3) throw error;
      }
    }
  }

  /**
   * Calls `listener` after each committed write that stored new or changed records (resolution
   * picks them up from there). Returns a function that stops the calls.
   */
  onWritten(listener: () => void): () => void {
    this.written.add(listener);
    return () => this.written.delete(listener);
  }

  private readonly written = new Set<() => void>();

  /** One record by id. */
  get(id: RecordId): Promise<StoredRecord | undefined> {
    return getRecord(this.database, id, this.loader);
  }

  /** Several records by id, in no particular order; ids that are not records are left out. */
  async getMany(ids: readonly RecordId[]): Promise<StoredRecord[]> {
    if (ids.length === 0) return [];
    const rows = await jsonRows<RecordRow>(this.database, `${SELECT_RECORDS} WHERE r.id = ANY($1::uuid[])`, [ids], {
      iso: RECORD_TIMESTAMPS,
    });
    return loadProperties(this.database, rows, this.loader);
  }

  /** A page of records in id order. */
  page(query: RecordQuery): Promise<StoredRecord[]> {
    return pageRecords(this.database, query, this.loader);
  }

  /**
   * Runs `work` behind the database's wall (row-level security, migration 0005): in one
   * transaction, as the role weft_reader, which sees only records under `markingIds` (the ones the
   * policy engine allowed for this request) and only their entity-table rows, whatever the reads
   * ask for. The policy engine still decides on each record; this is a second wall behind it.
   * `work` must use only the reader it is given (on PGlite, other store calls would wait for it).
   */
  async readUnder<T>(
    markingIds: readonly string[],
    work: (reader: RecordReader & WalledSql) => Promise<T>,
  ): Promise<T> {
    for (const id of markingIds) {
      // Joined with ',' into one setting: an id with a comma would widen or break the list.
      if (!MARKING_ID.test(id)) throw new Error(`not a marking id: ${JSON.stringify(id)}`);
    }
    return this.database.transaction(async (sql) => {
      await sql.query('SET LOCAL ROLE weft_reader');
      await sql.query(`SELECT set_config('weft.visible_markings', $1, true)`, [markingIds.join(',')]);
      return work({
        get: (id) => getRecord(sql, id, this.loader),
        page: (query) => pageRecords(sql, query, this.loader),
        query: (text, params) => sql.query(text, params),
      });
    });
  }

  /**
   * A record's marking, or undefined when there is no such record: read by the owner role, for the
   * ledger to say why a read was refused. No content.
   */
  async markingOf(id: RecordId): Promise<PolicyMarking | undefined> {
    const [row] = await this.database.query<MarkingRow>(
      `SELECT id, ${MARKING_FIELDS} FROM markings WHERE id = (SELECT marking_id FROM records WHERE id = $1)`,
      [id],
    );
    return row === undefined ? undefined : policyMarking(row);
  }

  /** The markings of records, by record id (none for an id of no record), in one read. */
  async markingsOf(ids: readonly RecordId[]): Promise<Map<RecordId, PolicyMarking>> {
    if (ids.length === 0) return new Map();
    const rows = await this.database.query<MarkingRow & { record_id: RecordId }>(
      `SELECT r.id AS record_id, m.id, ${M_MARKING_FIELDS}
       FROM records r JOIN markings m ON m.id = r.marking_id WHERE r.id = ANY ($1)`,
      [ids],
    );
    return new Map(rows.map((row) => [row.record_id, policyMarking(row)]));
  }

  /**
   * The markings whose records an organisation (or one of its people) might see: its own, others'
   * that carry a TLP label other than RED, and RED ones naming the person. The policy engine
   * decides on each; this only spares it the rest.
   */
  async markingsReaching(
    organisationId: string,
    userId: string | null,
  ): Promise<{ id: string; marking: PolicyMarking }[]> {
    const rows = await this.database.query<MarkingRow>(
      `SELECT id, ${MARKING_FIELDS} FROM markings
       WHERE owner_organisation = $1 OR (tlp IS NOT NULL AND tlp <> 'RED') OR (tlp = 'RED' AND $2 = ANY (recipients))`,
      [organisationId, userId ?? ''],
    );
    return rows.map((row) => ({ id: row.id, marking: policyMarking(row) }));
  }

  /** How many records an organisation owns, by type. */
  async countByType(ownerOrganisation: string): Promise<Record<string, number>> {
    const rows = await this.database.query<{ entity_type: string; count: number | string }>(
      'SELECT entity_type, count(*) AS count FROM records WHERE owner_organisation = $1 GROUP BY entity_type',
      [ownerOrganisation],
    );
    return Object.fromEntries(rows.map((row) => [row.entity_type, Number(row.count)]));
  }
}
