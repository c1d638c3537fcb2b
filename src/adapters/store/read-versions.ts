/**
 * Which version of each record a background reader has read (continuous screening, transaction
 * monitoring): a record written anew is read again. One table per reader, keyed by record.
 */
import type { RecordId } from '../../domain/model/ids.ts';
import type { Sql } from './database.ts';

/** The tables of the readers, and which records each reads. */
const READERS = {
  screened_versions: `r.entity_type NOT IN ('Notice', 'Case')`,
  monitored_versions: `r.entity_type = 'Payment'`,
} as const;
export type VersionsTable = keyof typeof READERS;

/** Records not read in their current version, in id order after `after`, and whether any version was. */
export async function unreadVersions(
  sql: Sql,
  table: VersionsTable,
  limit: number,
  after?: RecordId,
): Promise<{ id: RecordId; version: number; seenBefore: boolean }[]> {
  const rows = await sql.query<{ id: RecordId; version: number; seen: boolean }>(
    `SELECT r.id, r.version, (v.version IS NOT NULL) AS seen FROM records r
     LEFT JOIN ${table} v ON v.record_id = r.id
     WHERE v.version IS DISTINCT FROM r.version AND ${READERS[table]}
       AND ($2::uuid IS NULL OR r.id > $2::uuid)
     ORDER BY r.id LIMIT $1`,
    [limit, after ?? null],
  );
  return rows.map((row) => ({ id: row.id, version: row.version, seenBefore: row.seen }));
}

/** Marks records read in these versions (records erased meanwhile are passed over). */
export async function markVersionsRead(
  sql: Sql,
  table: VersionsTable,
  records: readonly { readonly id: RecordId; readonly version: number }[],
): Promise<void> {
  if (records.length === 0) return;
  await sql.query(
    `INSERT INTO ${table} (record_id, version)
     SELECT x.id, x.version FROM json_to_recordset($1::json) AS x(id uuid, version integer)
     WHERE EXISTS (SELECT 1 FROM records r WHERE r.id = x.id)
     ON CONFLICT (record_id) DO UPDATE SET version = excluded.version`,
    [JSON.stringify(records)],
  );
}
