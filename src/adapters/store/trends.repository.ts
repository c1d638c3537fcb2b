/**
 * What the trends and routes aggregates read: counts of records by marking, type, sector and day;
 * the few properties an aggregate groups by, record by record (victims' sealed records decrypted in
 * memory, never written anywhere); and counts of an organisation's alerts. Record reads run behind
 * the database's wall (RecordsRepository.readUnder): only records under the markings the policy
 * engine allowed for the request are read. No content leaves this file but the properties asked for.
 */
import { entityType } from '../../domain/model/registry.ts';
import type { Database } from './database.ts';
import { entityColumns, recordSealer, type RecordSealer } from './record-encoding.ts';
import { SealedRecordUnreadable, type RecordsRepository } from './records.repository.ts';
import type { RecordId } from '../../domain/model/ids.ts';

/** Days, both included (`YYYY-MM-DD`). */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** How many records of a type, under a marking, from a sector, were collected on a day. */
export interface RecordCount {
  readonly markingId: string;
  readonly type: string;
  readonly sector: string;
  readonly day: string;
  readonly count: number;
}

/** A record as an aggregate reads it: its marking, owner, collection time and some properties. */
export interface AggregatedRecord {
  readonly markingId: string;
  readonly ownerOrganisation: string;
  readonly sector: string;
  /** ISO 8601 instant. */
  readonly collectedAt: string;
  /** Only the properties asked for, those the record has. */
  readonly properties: Readonly<Record<string, unknown>>;
}

/** How many alerts of a kind (and typology, for red flags) an organisation received on a day. */
export interface AlertCount {
  readonly kind: string;
  readonly typology: string | null;
  readonly day: string;
  readonly count: number;
}

/** Day boundaries in UTC, whatever the session's time zone. */
const IN_RANGE = (column: string, from: number, to: number) =>
  `${column} >= ($${from}::date)::timestamp AT TIME ZONE 'UTC' AND ${column} < ($${to}::date + 1)::timestamp AT TIME ZONE 'UTC'`;

/** A value as read from an entity table or a sealed record: instants as ISO strings. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** The aggregates' reads. */
export class TrendsRepository {
  private readonly sealer: RecordSealer;

  constructor(
    private readonly database: Database,
    private readonly records: RecordsRepository,
  ) {
    this.sealer = recordSealer(records.fieldKey);
  }

  /**
   * Records under the markings collected in the range, by marking, type, sector and day. Notices in
   * the statuses given (drafts, notices in review…) count only for their owner, `reader`.
   */
  async recordCounts(
    markingIds: readonly string[],
    reader: string,
    ownersAloneStatuses: readonly string[],
    range: DayRange,
  ): Promise<RecordCount[]> {
    if (markingIds.length === 0) return [];
    const rows = await this.records.readUnder(markingIds, (sql) =>
      sql.query<{ marking_id: string; entity_type: string; sector: string; day: string; count: number | string }>(
        `SELECT r.marking_id, r.entity_type, m.sector,
                to_char(r.collected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS count
         FROM records r
         JOIN markings m ON m.id = r.marking_id
         LEFT JOIN entity_notice n ON r.entity_type = 'Notice' AND n.record_id = r.id
         WHERE r.marking_id = ANY ($1::text[]) AND ${IN_RANGE('r.collected_at', 2, 3)}
           AND NOT (r.entity_type = 'Notice' AND r.owner_organisation <> $4
                    AND coalesce(n.status, 'draft') = ANY ($5::text[]))
         GROUP BY 1, 2, 3, 4`,
        [markingIds, range.from, range.to, reader, ownersAloneStatuses],
      ),
    );
    return rows.map((row) => ({
      markingId: row.marking_id,
      type: row.entity_type,
      sector: row.sector,
      day: row.day,
      count: Number(row.count),
    }));
  }

  /**
   * Every record of a type under the markings, with the properties asked for: read from the entity
   * table, or decrypted from a sealed (victim's) record.
   */
  async recordsOf(
    markingIds: readonly string[],
    type: string,
    properties: readonly string[],
  ): Promise<AggregatedRecord[]> {
    if (markingIds.length === 0) return [];
    const definition = entityType(type);
    if (definition === undefined) throw new Error(`no entity type ${type}`);
    const table = entityColumns(definition);
    const columnOf = new Map(table.columns);
    const selected = properties.map((property, index) => {
      const column = columnOf.get(property);
      if (column === undefined) throw new Error(`${type} has no property ${property}`);
      return `e."${column}" AS p${index}`;
    });
    const rows = await this.records.readUnder(markingIds, (sql) =>
      sql.query(
        `SELECT r.id, r.marking_id, r.owner_organisation, m.sector, r.collected_at, r.sealed_properties
                ${selected.map((column) => `, ${column}`).join('')}
         FROM records r
         JOIN markings m ON m.id = r.marking_id
         LEFT JOIN ${table.table} e ON e.record_id = r.id
         WHERE r.entity_type = $1 AND r.marking_id = ANY ($2::text[])`,
        [type, markingIds],
      ),
    );
    return rows.map((row) => {
      const sealed = row['sealed_properties'];
      const values: Record<string, unknown> = {};
      if (typeof sealed === 'string') {
        const all = this.unseal(row['id'] as RecordId, sealed);
        for (const property of properties) if (all[property] !== undefined) values[property] = all[property];
      } else {
        properties.forEach((property, index) => {
          const value = row[`p${index}`];
          if (value !== null && value !== undefined) values[property] = plain(value);
        });
      }
      return {
        markingId: row['marking_id'] as string,
        ownerOrganisation: row['owner_organisation'] as string,
        sector: row['sector'] as string,
        collectedAt: new Date(row['collected_at'] as string).toISOString(),
        properties: values,
      };
    });
  }

  /** An organisation's alerts raised in the range, by kind, typology (red flags) and day. */
  async alertCounts(organisationId: string, range: DayRange): Promise<AlertCount[]> {
    const rows = await this.database.query<{
      kind: string;
      typology: string | null;
      day: string;
      count: number | string;
    }>(
      `SELECT kind, details->>'typology' AS typology,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS count
       FROM alerts WHERE organisation_id = $1 AND ${IN_RANGE('created_at', 2, 3)}
       GROUP BY 1, 2, 3`,
      [organisationId, range.from, range.to],
    );
    return rows.map((row) => ({ kind: row.kind, typology: row.typology, day: row.day, count: Number(row.count) }));
  }

  private unseal(id: RecordId, sealed: string): Record<string, unknown> {
    try {
      return JSON.parse(this.sealer.cipher.decrypt(sealed)) as Record<string, unknown>;
    } catch {
      throw new SealedRecordUnreadable(id);
    }
  }
}
