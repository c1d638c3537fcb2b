import { snakeCase, type EntityDefinition } from '../../domain/model/entity.ts';
import { markingOf, type Envelope } from '../../domain/model/envelope.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { entityType } from '../../domain/model/registry.ts';
import type { RecordQuery, RecordReader, RecordWriter, WriteOutcome } from '../../domain/ingest/ports.ts';
import type { PreparedRecord } from '../../domain/ingest/prepare.ts';
import type { Database, Sql } from './database.ts';
import { copyText, copyTypeOf, type CopyType } from './copy-text.ts';
import { columnSqlType, entityTableName } from './schema.ts';

interface RecordRow {
  id: RecordId;
  entity_type: string;
  owner_organisation: string;
  sector: Envelope['sector'];
  source_system: string;
  source_record_id: string;
  collected_at: string;
  subject_category: Envelope['subjectCategory'];
  purposes: Envelope['purposes'];
  legal_basis: Envelope['legalBasis'];
  tlp: Envelope['tlp'];
  confidentiality: Envelope['confidentiality'];
  sharing_groups: string[];
  field_restrictions: Envelope['fieldRestrictions'];
  handling: string[];
  retention_review_at: string;
  caption: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const RECORD_COLUMNS: readonly (readonly [string, string])[] = [
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
];

const MARKING_COLUMNS: readonly (readonly [string, string])[] = [
  ['id', 'text'],
  ['owner_organisation', 'text'],
  ['sector', 'text'],
  ['subject_category', 'text'],
  ['purposes', 'text[]'],
  ['legal_basis', 'text'],
  ['tlp', 'text'],
  ['confidentiality', 'text'],
  ['sharing_groups', 'text[]'],
  ['field_restrictions', 'jsonb'],
  ['handling', 'text[]'],
];

/** Markings are immutable: a change of markings is a new marking row. */
const INSERT_MARKINGS = `
  INSERT INTO markings (${MARKING_COLUMNS.map(([name]) => name).join(', ')})
  SELECT * FROM json_to_recordset($1::json) AS x(${MARKING_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})
  ON CONFLICT (id) DO NOTHING`;

/** A record's row joined with its markings. */
const SELECT_RECORDS = `
  SELECT r.*, m.sector, m.subject_category, m.purposes, m.legal_basis, m.tlp, m.confidentiality,
         m.sharing_groups, m.field_restrictions, m.handling
  FROM records r JOIN markings m ON m.id = r.marking_id`;

const UPDATABLE = RECORD_COLUMNS.map(([name]) => name).filter((name) => name !== 'id' && name !== 'owner_organisation');

const UNIQUE_VIOLATION = '23505';

/** `INSERT … SELECT FROM jsonb_to_recordset`: one statement and one parameter for a whole batch. */
const UPSERT_RECORDS = `
  INSERT INTO records (${RECORD_COLUMNS.map(([name]) => name).join(', ')})
  SELECT * FROM json_to_recordset($1::json) AS x(${RECORD_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET
    ${UPDATABLE.map((name) => `${name} = excluded.${name}`).join(', ')},
    version = records.version + 1,
    updated_at = now()
  WHERE records.entity_type = excluded.entity_type`;

interface EntityStatements {
  readonly table: string;
  readonly upsert: string;
  readonly columns: readonly (readonly [property: string, column: string])[];
  readonly copyColumns: readonly string[];
  readonly copyTypes: readonly CopyType[];
}

const RECORD_COPY_COLUMNS = RECORD_COLUMNS.map(([name]) => name);
const RECORD_COPY_TYPES = RECORD_COLUMNS.map(([, type]) => copyTypeOf(type));

const statementCache = new Map<string, EntityStatements>();

function entityStatements(definition: EntityDefinition): EntityStatements {
  let statements = statementCache.get(definition.name);
  if (statements === undefined) {
    const columns = Object.keys(definition.properties).map((property) => [property, snakeCase(property)] as const);
    const typed = Object.entries(definition.properties).map(
      ([property, declared]) => `${snakeCase(property)} ${columnSqlType(declared)}`,
    );
    const names = columns.map(([, column]) => column);
    statements = {
      table: entityTableName(definition),
      columns,
      copyColumns: ['record_id', ...names],
      copyTypes: [
        'scalar',
        ...Object.values(definition.properties).map((declared) => copyTypeOf(columnSqlType(declared))),
      ],
      upsert: `
        INSERT INTO ${entityTableName(definition)} (record_id, ${names.join(', ')})
        SELECT * FROM json_to_recordset($1::json) AS x(record_id uuid, ${typed.join(', ')})
        ON CONFLICT (record_id) DO UPDATE SET ${names.map((name) => `${name} = excluded.${name}`).join(', ')}`,
    };
    statementCache.set(definition.name, statements);
  }
  return statements;
}

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

// In the order of RECORD_COLUMNS.
function recordValues(record: PreparedRecord): unknown[] {
  const { envelope } = record;
  return [
    record.id,
    record.type,
    envelope.ownerOrganisation,
    envelope.sourceSystem,
    envelope.sourceRecordId,
    record.markingId,
    envelope.collectedAt,
    envelope.retentionReviewAt,
    record.caption,
    record.sourceId,
    record.targetId,
    record.contentHash,
  ];
}

function recordRow(record: PreparedRecord): Record<string, unknown> {
  const values = recordValues(record);
  return Object.fromEntries(RECORD_COLUMNS.map(([name], index) => [name, values[index]]));
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
    field_restrictions: marking.fieldRestrictions,
    handling: marking.handling,
  };
}

function propertyValues(statements: EntityStatements, record: PreparedRecord): unknown[] {
  return [record.id, ...statements.columns.map(([property]) => record.properties[property] ?? null)];
}

function propertyRow(statements: EntityStatements, record: PreparedRecord): Record<string, unknown> {
  const row: Record<string, unknown> = { record_id: record.id };
  for (const [property, column] of statements.columns) row[column] = record.properties[property] ?? null;
  return row;
}

function toStored(row: RecordRow, properties: Record<string, unknown>): StoredRecord {
  return {
    id: row.id,
    type: row.entity_type,
    envelope: {
      ownerOrganisation: row.owner_organisation,
      sector: row.sector,
      sourceSystem: row.source_system,
      sourceRecordId: row.source_record_id,
      collectedAt: row.collected_at,
      subjectCategory: row.subject_category,
      purposes: row.purposes,
      legalBasis: row.legal_basis,
      tlp: row.tlp,
      confidentiality: row.confidentiality,
      sharingGroups: row.sharing_groups,
      fieldRestrictions: row.field_restrictions,
      handling: row.handling,
      retentionReviewAt: row.retention_review_at,
    },
    properties,
    caption: row.caption,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Writes prepared records in one transaction, skipping those whose content is unchanged. */
async function writeRecords(sql: Sql, records: readonly PreparedRecord[]): Promise<WriteOutcome> {
  const existing = await sql.query<{ id: RecordId; entity_type: string; content_hash: string }>(
    'SELECT id, entity_type, content_hash FROM records WHERE id = ANY($1::uuid[])',
    [records.map((record) => record.id)],
  );
  const known = new Map(existing.map((row) => [row.id, row]));
  const typeConflicts: { id: RecordId; existingType: string }[] = [];
  const toWrite: PreparedRecord[] = [];
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const record of records) {
    const previous = known.get(record.id);
    if (previous === undefined) {
      inserted += 1;
      toWrite.push(record);
    } else if (previous.entity_type !== record.type) {
      typeConflicts.push({ id: record.id, existingType: previous.entity_type });
    } else if (previous.content_hash === record.contentHash) {
      unchanged += 1;
    } else {
      updated += 1;
      toWrite.push(record);
    }
  }
  if (toWrite.length === 0) return { inserted, updated, unchanged, typeConflicts };
  const distinctMarkings = new Map(toWrite.map((record) => [record.markingId, record]));
  await sql.query(INSERT_MARKINGS, [JSON.stringify([...distinctMarkings.values()].map(markingRow))]);
  // New records are loaded with COPY; changed ones go through the upsert statements.
  const fresh = toWrite.filter((record) => !known.has(record.id));
  const changed = toWrite.filter((record) => known.has(record.id));
  if (fresh.length > 0) {
    await sql.copy('records', RECORD_COPY_COLUMNS, copyText(fresh.map(recordValues), RECORD_COPY_TYPES));
    for (const [type, group] of groupBy(fresh, (record) => record.type)) {
      const statements = entityStatements(definitionOf(type));
      await sql.copy(
        statements.table,
        statements.copyColumns,
        copyText(
          group.map((record) => propertyValues(statements, record)),
          statements.copyTypes,
        ),
      );
    }
  }
  if (changed.length > 0) {
    await sql.query(UPSERT_RECORDS, [JSON.stringify(changed.map(recordRow))]);
    for (const [type, group] of groupBy(changed, (record) => record.type)) {
      const statements = entityStatements(definitionOf(type));
      await sql.query(statements.upsert, [JSON.stringify(group.map((record) => propertyRow(statements, record)))]);
    }
  }
  return { inserted, updated, unchanged, typeConflicts };
}

function definitionOf(type: string): EntityDefinition {
  const definition = entityType(type);
  if (definition === undefined) throw new Error(`record of unregistered type ${type}`);
  return definition;
}

async function loadProperties(sql: Sql, rows: readonly RecordRow[]): Promise<StoredRecord[]> {
  const properties = new Map<string, Record<string, unknown>>();
  for (const [type, group] of groupBy(rows, (row) => row.entity_type)) {
    const definition = entityType(type);
    if (definition === undefined) continue;
    const statements = entityStatements(definition);
    const found = await sql.query(`SELECT * FROM ${entityTableName(definition)} WHERE record_id = ANY($1::uuid[])`, [
      group.map((row) => row.id),
    ]);
    for (const row of found) {
      const values: Record<string, unknown> = {};
      for (const [property, column] of statements.columns) {
        const value = row[column];
        if (value !== null && value !== undefined) values[property] = value;
      }
      properties.set(row['record_id'] as string, values);
    }
  }
  return rows.map((row) => toStored(row, properties.get(row.id) ?? {}));
}

/** The record store over PGlite or PostgreSQL. */
export class RecordsRepository implements RecordWriter, RecordReader {
  constructor(private readonly database: Database) {}

  /**
   * Writes a batch atomically: all of it or, on a database error, none of it. If another writer
   * inserted one of the same records in the meantime (a unique violation), the batch is written
   * again, now seeing that record as existing.
   */
  async write(records: readonly PreparedRecord[]): Promise<WriteOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.database.transaction((sql) => writeRecords(sql, records));
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= 3) throw error;
      }
    }
  }

  /** One record by id. */
  async get(id: RecordId): Promise<StoredRecord | undefined> {
    const rows = await this.database.query<RecordRow>(`${SELECT_RECORDS} WHERE r.id = $1`, [id]);
    const [record] = await loadProperties(this.database, rows);
    return record;
  }

  /** A page of records in id order. */
  async page(query: RecordQuery): Promise<StoredRecord[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.ownerOrganisation !== undefined) {
      params.push(query.ownerOrganisation);
      conditions.push(`r.owner_organisation = $${params.length}`);
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
    const rows = await this.database.query<RecordRow>(
      `${SELECT_RECORDS} ${where} ORDER BY r.id LIMIT $${params.length}`,
      params,
    );
    return loadProperties(this.database, rows);
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
