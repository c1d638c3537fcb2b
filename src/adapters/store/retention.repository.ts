/**
 * Retention in the database: the records due for their owner's review, keep decisions, and
 * erasure. Erasure is complete: a purged record leaves nothing of its content, and no id of it,
 * in any table but the ledger, which keeps (by id only) that the erasure happened.
 *
 * What a purge does to what refers to the records it erases, so that nothing dangles:
 * - relationship records of the same owner whose source or target is erased are erased with them
 *   (an edge without its end means nothing), and so on transitively;
 * - every other reference is cleared: a single-valued entity property becomes NULL, the erased ids
 *   are taken out of a multi-valued one (NULL when none is left), and a relationship record of
 *   another owner loses its `source_id`/`target_id` end (an owner erases only its own records).
 *   Sealed records (victims') hold their references inside their encrypted properties: those are
 *   decrypted, cleared the same way and sealed again;
 * - refused rows of the owner's ingest reports (`ingest_jobs.errors`, and the stored responses of
 *   `idempotency_keys`) that name an erased record's source record id or id are removed.
 * A record whose reference was cleared gets a new version, and its content hash is cleared so that
 * the owner's next submission of it is written in full rather than taken as unchanged.
 *
 * Sharing markings are left in place even when no record carries them any more: they hold labels
 * (TLP, purposes, sector restrictions), not record content, and ingest reuses an existing marking
 * row without locking it, so deleting one could strand the records a concurrent batch is writing.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import { canonicalJson } from '../../domain/model/canonical-json.ts';
import { snakeCase } from '../../domain/model/entity.ts';
import { parseRecordId, type RecordId } from '../../domain/model/ids.ts';
import { ENTITY_TYPES, entityType } from '../../domain/model/registry.ts';
import type { Confidentiality } from '../../domain/policy/index.ts';
import { effectiveReviewDate, retentionStatus, type RetentionStatus } from '../../domain/retention/index.ts';
import { quotedColumn, type Database, type Sql } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';
import { entityColumns, recordSealer, type RecordSealer } from './record-encoding.ts';
import { SealedRecordUnreadable } from './records.repository.ts';

/** A record due (or overdue) for its owner's review: what identifies it, never its properties. */
export interface DueRecord {
  readonly id: RecordId;
  readonly type: string;
  /** The date that governs it: its review date, or a keep decision's date when that is later. */
  readonly reviewAt: string;
  /** The date of the owner's last keep decision, if any. */
  readonly keptUntil: string | null;
  readonly status: Extract<RetentionStatus, 'due' | 'overdue'>;
  readonly caption: string | null;
  /** Its confidentiality level: a reader below it is not shown the caption. */
  readonly confidentiality: Confidentiality;
}

/** Where a page of the review list ends; the next page starts after it. */
export interface DueCursor {
  readonly reviewAt: string;
  readonly id: RecordId;
}

/** What a purge did. */
export interface PurgeOutcome {
  /** How many of the records asked for were erased. */
  readonly purged: number;
  /** How many relationship records were erased with them (their source or target was). */
  readonly cascaded: number;
  /** How many other records had a reference to an erased record cleared. */
  readonly referencesCleared: number;
  /** Every erased id: those asked for, then those erased with them. */
  readonly erased: readonly RecordId[];
  /** Ids asked for that are not records of the owner: nothing was done to them. */
  readonly notFound: readonly string[];
}

/** Records purged by a scheduled run, per owner. */
export type PurgeCounts = Readonly<Record<string, { readonly purged: number; readonly cascaded: number }>>;

/** Overdue records are purged this many at a time, one transaction each. */
const PURGE_BATCH = 500;
/** The ledger's actor for the scheduled purge of overdue records. */
const SCHEDULED_ACTOR = 'system:retention';

/** An entity table and its columns holding references to other records. */
interface ReferenceColumns {
  readonly table: string;
  readonly single: readonly string[];
  readonly many: readonly string[];
}

/**
 * Every entity column that may hold a record id. All of them, whatever the declared range: ingest
 * takes a reference by id without checking the type of what it names.
 */
const REFERENCE_COLUMNS: readonly ReferenceColumns[] = ENTITY_TYPES.flatMap((definition) => {
  const references = Object.entries(definition.properties).filter(([, property]) => property.kind === 'entity');
  if (references.length === 0) return [];
  return [
    {
      table: entityColumns(definition).table,
      single: references.filter(([, property]) => !property.many).map(([name]) => quotedColumn(snakeCase(name))),
      many: references.filter(([, property]) => property.many).map(([name]) => quotedColumn(snakeCase(name))),
    },
  ];
});

/** The statement clearing references to the ids in `$1` from one entity table. */
function clearReferencesStatement({ table, single, many }: ReferenceColumns): string {
  const assignments = [
    ...single.map((column) => `${column} = CASE WHEN ${column} = ANY($1::uuid[]) THEN NULL ELSE ${column} END`),
    // The erased ids are taken out, the others kept in order; no value left is no value (NULL).
    ...many.map(
      (column) =>
        `${column} = CASE WHEN ${column} && $1::uuid[] THEN NULLIF(ARRAY(SELECT u.v FROM unnest(${column}) ` +
        `WITH ORDINALITY AS u(v, n) WHERE u.v <> ALL($1::uuid[]) ORDER BY u.n), '{}'::uuid[]) ELSE ${column} END`,
    ),
  ];
  const conditions = [
    ...single.map((column) => `${column} = ANY($1::uuid[])`),
    ...many.map((column) => `${column} && $1::uuid[]`),
  ];
  return `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${conditions.join(' OR ')} RETURNING record_id`;
}

const CLEAR_REFERENCES = REFERENCE_COLUMNS.map(clearReferencesStatement);

/** The names of the reference properties of each entity type that has any. */
const REFERENCE_PROPERTIES = new Map(
  ENTITY_TYPES.flatMap((definition) => {
    const names = Object.entries(definition.properties)
      .filter(([, property]) => property.kind === 'entity')
      .map(([name]) => name);
    return names.length === 0 ? [] : [[definition.name, new Set(names)] as const];
  }),
);
const TYPES_WITH_REFERENCES = [...REFERENCE_PROPERTIES.keys()];

/** Properties without the references to erased ids; undefined when there were none to clear. */
function withoutReferences(
  type: string,
  properties: Record<string, unknown>,
  erased: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  const references = REFERENCE_PROPERTIES.get(type) ?? new Set<string>();
  const changed: string[] = [];
  const cleared = Object.entries(properties).flatMap(([name, value]): [string, unknown][] => {
    if (!references.has(name)) return [[name, value]];
    if (Array.isArray(value)) {
      const kept = value.filter((item) => typeof item !== 'string' || !erased.has(item));
      if (kept.length === value.length) return [[name, value]];
      changed.push(name);
      // No value left is no value, as in the entity tables.
      return kept.length === 0 ? [] : [[name, kept]];
    }
    if (typeof value !== 'string' || !erased.has(value)) return [[name, value]];
    changed.push(name);
    return [];
  });
  return changed.length > 0 ? Object.fromEntries(cleared) : undefined;
}

/** The refused rows of a JSON array of record errors that do not name any of `$2`. */
const errorsKept = (array: string) =>
  `COALESCE((SELECT jsonb_agg(e.value ORDER BY e.n) FROM jsonb_array_elements(${array}) WITH ORDINALITY AS e(value, n)
     WHERE (e.value->>'sourceRecordId' = ANY($2::text[])) IS NOT TRUE), '[]'::jsonb)`;
const namesAny = (array: string) =>
  `EXISTS (SELECT 1 FROM jsonb_array_elements(${array}) AS e(value) WHERE e.value->>'sourceRecordId' = ANY($2::text[]))`;

/** A record about to be erased. */
interface ErasedRow {
  id: RecordId;
  entity_type: string;
  source_record_id: string;
}

/** A sealed record that may refer to others. */
interface SealedRow {
  id: RecordId;
  entity_type: string;
  sealed_properties: string;
}

/** Review lists, keep decisions and erasure. */
export class RetentionRepository {
  private readonly sealer: RecordSealer;

  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    fieldKey: Uint8Array,
  ) {
    this.sealer = recordSealer(fieldKey);
  }

  /**
   * The owner's records whose governing date (review date, or a keep decision's date when later)
   * is at most `windowEnd`, earliest first: overdue ones (before `today`), then due ones.
   */
  async due(
    organisationId: string,
    today: string,
    windowEnd: string,
    limit: number,
    after?: DueCursor,
  ): Promise<DueRecord[]> {
    const params: unknown[] = [organisationId, windowEnd];
    let page = '';
    if (after !== undefined) {
      params.push(after.reviewAt, after.id);
      page = 'AND (greatest(r.retention_review_at, d.keep_until), r.id) > ($3::date, $4::uuid)';
    }
    params.push(limit);
    const rows = await this.database.query<{
      id: RecordId;
      entity_type: string;
      retention_review_at: string;
      keep_until: string | null;
      caption: string | null;
      confidentiality: Confidentiality;
    }>(
      `SELECT r.id, r.entity_type, r.retention_review_at, d.keep_until, r.caption, m.confidentiality
       FROM records r
         JOIN markings m ON m.id = r.marking_id
         LEFT JOIN retention_decisions d ON d.record_id = r.id
       WHERE r.owner_organisation = $1 AND greatest(r.retention_review_at, d.keep_until) <= $2::date ${page}
       ORDER BY greatest(r.retention_review_at, d.keep_until), r.id
       LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => {
      const state = { reviewAt: row.retention_review_at, keptUntil: row.keep_until };
      const status = retentionStatus(today, state, windowEnd);
      return {
        id: row.id,
        type: row.entity_type,
        reviewAt: effectiveReviewDate(state),
        keptUntil: row.keep_until,
        // The query keeps only dates up to the window's end: due or overdue, never anything else.
        status: status === 'overdue' ? 'overdue' : 'due',
        caption: row.caption,
        confidentiality: row.confidentiality,
      };
    });
  }

  /**
   * The owner keeps a record until a new review date, for a reason (checked by the domain's rule
   * beforehand): the decision is stored, the record's review date moves, and the ledger records it
   * (by id, never the reason), all in one transaction. False when the owner has no such record.
   */
  async keep(
    recordId: RecordId,
    owner: string,
    reason: string,
    keepUntil: string,
    actor: string,
    requestId: string | null = null,
  ): Promise<boolean> {
    return this.database.transaction(async (sql) => {
      const moved = await sql.query(
        'UPDATE records SET retention_review_at = $3::date WHERE id = $1 AND owner_organisation = $2 RETURNING id',
        [recordId, owner, keepUntil],
      );
      if (moved.length === 0) return false;
      await sql.query(
        `INSERT INTO retention_decisions (record_id, owner_organisation, decision, reason, keep_until, decided_by)
         VALUES ($1, $2, 'keep', $3, $4::date, $5)
         ON CONFLICT (record_id) DO UPDATE SET reason = excluded.reason, keep_until = excluded.keep_until,
           decided_by = excluded.decided_by, decided_at = now()`,
        [recordId, owner, reason, keepUntil, actor],
      );
      await this.ledger.append(sql, [
        {
          actor,
          organisation: owner,
          action: 'retain',
          requestId,
          purpose: null,
          objectIds: [recordId],
          outcome: 'ok',
          detail: `until:${keepUntil}`,
        },
      ]);
      return true;
    });
  }

  /**
   * Erases records of `owner` from every table, with what depends on them (see the top of this
   * file), and records the erasure in the ledger in the same transaction: the ids only. Ids that
   * are not the owner's records are left alone and reported as not found (and the refusal recorded).
   */
  purge(recordIds: readonly string[], owner: string, actor: string, requestId: string | null): Promise<PurgeOutcome> {
    return this.database.transaction((sql) =>
      this.erase(sql, recordIds, owner, { actor, requestId, detail: 'owner_let_go' }),
    );
  }

  /**
   * Purges every overdue record of every owner (the governing date is before `today`), a batch
   * per transaction, for a scheduled run. Returns the counts per owner.
   */
  async purgeOverdue(today: string): Promise<PurgeCounts> {
    const counts: Record<string, { purged: number; cascaded: number }> = {};
    // Walking the primary key once: each batch starts after the last id seen.
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.database.query<{ id: RecordId; owner_organisation: string }>(
        `SELECT r.id, r.owner_organisation FROM records r LEFT JOIN retention_decisions d ON d.record_id = r.id
         WHERE r.id > $2::uuid AND greatest(r.retention_review_at, d.keep_until) < $1::date
         ORDER BY r.id LIMIT $3`,
        [today, after, PURGE_BATCH],
      );
      const last = batch.at(-1);
      if (last === undefined) return counts;
      after = last.id;
      const byOwner = new Map<string, RecordId[]>();
      for (const row of batch)
        byOwner.set(row.owner_organisation, [...(byOwner.get(row.owner_organisation) ?? []), row.id]);
      for (const [owner, ids] of byOwner) {
        const outcome = await this.database.transaction((sql) =>
          this.erase(sql, ids, owner, {
            actor: SCHEDULED_ACTOR,
            requestId: null,
            detail: 'retention_expired',
            overdueBefore: today,
          }),
        );
        const total = (counts[owner] ??= { purged: 0, cascaded: 0 });
        total.purged += outcome.purged;
        total.cascaded += outcome.cascaded;
      }
    }
  }

  /**
   * Erases the records asked for (those of `owner`; with `overdueBefore`, only those still overdue
   * then) and what hangs on them, in the caller's transaction.
   */
  private async erase(
    sql: Sql,
    recordIds: readonly string[],
    owner: string,
    how: {
      readonly actor: string;
      readonly requestId: string | null;
      /** The ledger's code for why: the owner let the records go, or their retention expired. */
      readonly detail: string;
      readonly overdueBefore?: string;
    },
  ): Promise<PurgeOutcome> {
    const asked = [...new Set(recordIds.map((id) => id.toLowerCase()))];
    const uuids = asked.filter((id) => parseRecordId(id) !== undefined);
    // A record kept since the scheduled run listed it is spared: the lock waits for the keep to
    // commit, and the condition is checked again on the row as the keep left it.
    const stillOverdue =
      how.overdueBefore === undefined
        ? ''
        : `AND greatest(retention_review_at, (SELECT keep_until FROM retention_decisions WHERE record_id = records.id)) < $3::date`;
    const found = await sql.query<ErasedRow>(
      `SELECT id, entity_type, source_record_id FROM records
       WHERE owner_organisation = $1 AND id = ANY($2::uuid[]) ${stillOverdue} ORDER BY id FOR UPDATE`,
      how.overdueBefore === undefined ? [owner, uuids] : [owner, uuids, how.overdueBefore],
    );
    const foundIds = new Set<string>(found.map((row) => row.id));
    // Only an owner's request is answered (and recorded) with what was not found.
    const notFound = how.overdueBefore === undefined ? asked.filter((id) => !foundIds.has(id)) : [];
    const erased = [...found];
    // Relationships of the owner whose end is erased go too, and those that hang on them in turn.
    for (let frontier = found.map((row) => row.id); frontier.length > 0;) {
      const hanging = await sql.query<ErasedRow>(
        `SELECT id, entity_type, source_record_id FROM records
         WHERE owner_organisation = $1 AND (source_id = ANY($2::uuid[]) OR target_id = ANY($2::uuid[]))
           AND id <> ALL($3::uuid[])
         ORDER BY id FOR UPDATE`,
        [owner, frontier, erased.map((row) => row.id)],
      );
      erased.push(...hanging);
      frontier = hanging.map((row) => row.id);
    }
    const ids = erased.map((row) => row.id);
    const events: LedgerEvent[] = [];
    const event = { actor: how.actor, organisation: owner, requestId: how.requestId, purpose: null };
    let cleared: string[] = [];
    if (ids.length > 0) {
      await this.deleteRecords(sql, erased);
      cleared = await this.clearReferences(sql, ids);
      await this.scrubReports(
        sql,
        owner,
        ids,
        erased.map((row) => row.source_record_id),
      );
      events.push({ ...event, action: 'erase', objectIds: ids, outcome: 'ok', detail: how.detail });
      if (cleared.length > 0) {
        events.push({ ...event, action: 'alter', objectIds: cleared, outcome: 'ok', detail: 'reference_erased' });
      }
    }
    if (notFound.length > 0) {
      events.push({ ...event, action: 'erase', objectIds: notFound, outcome: 'denied', detail: 'not_found' });
    }
    await this.ledger.append(sql, events);
    return {
      purged: found.length,
      cascaded: erased.length - found.length,
      referencesCleared: cleared.length,
      erased: ids,
      notFound,
    };
  }

  /** Deletes the records' rows: their properties, their keep decisions, the records themselves. */
  private async deleteRecords(sql: Sql, erased: readonly ErasedRow[]): Promise<void> {
    const byType = new Map<string, RecordId[]>();
    for (const row of erased) byType.set(row.entity_type, [...(byType.get(row.entity_type) ?? []), row.id]);
    for (const [type, ids] of byType) {
      const definition = entityType(type);
      // A type no longer registered has no table to hold properties.
      if (definition === undefined) continue;
      await sql.query(`DELETE FROM ${entityColumns(definition).table} WHERE record_id = ANY($1::uuid[])`, [ids]);
    }
    const ids = erased.map((row) => row.id);
    await sql.query('DELETE FROM retention_decisions WHERE record_id = ANY($1::uuid[])', [ids]);
    await sql.query('DELETE FROM records WHERE id = ANY($1::uuid[])', [ids]);
  }

  /**
   * Clears references to erased records from the records that remain (any owner's), and marks
   * those records changed. Returns their ids.
   */
  private async clearReferences(sql: Sql, ids: readonly RecordId[]): Promise<string[]> {
    const altered = new Set<string>();
    for (const statement of CLEAR_REFERENCES) {
      for (const row of await sql.query<{ record_id: string }>(statement, [ids])) altered.add(row.record_id);
    }
    const ends = await sql.query<{ id: string }>(
      `UPDATE records SET source_id = CASE WHEN source_id = ANY($1::uuid[]) THEN NULL ELSE source_id END,
         target_id = CASE WHEN target_id = ANY($1::uuid[]) THEN NULL ELSE target_id END
       WHERE source_id = ANY($1::uuid[]) OR target_id = ANY($1::uuid[]) RETURNING id`,
      [ids],
    );
    for (const row of ends) altered.add(row.id);
    for (const id of await this.clearSealedReferences(sql, ids)) altered.add(id);
    const changed = [...altered].sort();
    if (changed.length > 0) {
      // An empty content hash matches no submission: the next one rewrites the record in full.
      await sql.query(
        `UPDATE records SET version = version + 1, updated_at = now(), content_hash = '' WHERE id = ANY($1::uuid[])`,
        [changed],
      );
    }
    return changed;
  }

  /**
   * Clears references to erased records inside sealed records' encrypted properties: every sealed
   * record of a type that has references is decrypted (nothing outside the ciphertext says what it
   * refers to), and those that named an erased record are locked, cleared and sealed again.
   */
  private async clearSealedReferences(sql: Sql, ids: readonly RecordId[]): Promise<RecordId[]> {
    const erased = new Set<string>(ids);
    const unseal = (row: SealedRow): Record<string, unknown> => {
      try {
        return JSON.parse(this.sealer.cipher.decrypt(row.sealed_properties)) as Record<string, unknown>;
      } catch {
        // An erasure that cannot see every reference must not pass for complete.
        throw new SealedRecordUnreadable(row.id);
      }
    };
    const query = `SELECT id, entity_type, sealed_properties FROM records
      WHERE sealed_properties IS NOT NULL AND entity_type = ANY($1::text[])`;
    const candidates = (await sql.query<SealedRow>(query, [TYPES_WITH_REFERENCES])).filter(
      (row) => withoutReferences(row.entity_type, unseal(row), erased) !== undefined,
    );
    if (candidates.length === 0) return [];
    // Read again under lock: a concurrent write may have changed them since.
    const locked = await sql.query<SealedRow>(`${query} AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [
      TYPES_WITH_REFERENCES,
      candidates.map((row) => row.id),
    ]);
    const changed: RecordId[] = [];
    for (const row of locked) {
      const cleared = withoutReferences(row.entity_type, unseal(row), erased);
      if (cleared === undefined) continue;
      await sql.query('UPDATE records SET sealed_properties = $2 WHERE id = $1', [
        row.id,
        this.sealer.cipher.encrypt(canonicalJson(cleared)),
      ]);
      changed.push(row.id);
    }
    return changed;
  }

  /**
   * Removes the refused rows naming an erased record (by source record id, or by id where a report
   * had no source record id to give) from the owner's ingest reports and stored API responses. A
   * source record id of another source system is taken out too: it is only a report line. Any
   * stored response still holding an erased id is then deleted whole.
   */
  private async scrubReports(
    sql: Sql,
    owner: string,
    ids: readonly RecordId[],
    sourceRecordIds: readonly string[],
  ): Promise<void> {
    const names = [...ids, ...sourceRecordIds];
    await sql.query(
      `UPDATE ingest_jobs SET errors = ${errorsKept('errors')}
       WHERE organisation_id = $1 AND jsonb_typeof(errors) = 'array' AND ${namesAny('errors')}`,
      [owner, names],
    );
    await sql.query(
      `UPDATE idempotency_keys SET response = jsonb_set(response, '{errors}', ${errorsKept("response->'errors'")})
       WHERE organisation_id = $1 AND jsonb_typeof(response->'errors') = 'array' AND ${namesAny("response->'errors'")}`,
      [owner, names],
    );
    // Record ids are unique across owners, so this looks at every stored response.
    await sql.query(`DELETE FROM idempotency_keys WHERE response IS NOT NULL AND response::text LIKE ANY($1::text[])`, [
      ids.map((id) => `%${id}%`),
    ]);
  }
}
