/**
 * Resolution in the database: the identifiers and edges read from each record, the links scored
 * between records of the same entity, analysts' judgements on them, the resolved entities, and
 * the match parameters learnt. Every table refers to records with ON DELETE CASCADE: erasing a
 * record erases everything derived from it.
 *
 * Identifier values are stored keyed (HMAC-SHA-256 under the field key), never as written: equal
 * values meet in the index, and the index reveals none of them.
 */
import { createHmac } from 'node:crypto';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import { FACTS_VERSION, type EdgeFact, type IdentifierKind } from '../../domain/resolution/facts.ts';
import type { Database, Sql } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** A UUID as written (any case). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rows of `width` values as one array per column, the parameters of an `unnest($1::…[], …)`. */
function columnsOf(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  const columns = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  rows.forEach((row, index) => {
    for (let column = 0; column < width; column++) (columns[column] as unknown[])[index] = row[column];
  });
  return columns;
}

/** An entity of two or more records, as grouped. */
export interface ResolvedEntity {
  readonly id: string;
  /** Its records, sorted. */
  readonly members: readonly RecordId[];
}

/** A scored link between two records, with the features that fired (names and weights only). */
export interface StoredLink {
  readonly recordA: RecordId;
  readonly recordB: RecordId;
  readonly probability: number;
  readonly weight: number;
  readonly features: readonly LinkFeature[];
}

/** One feature of a link's explanation. */
export interface LinkFeature {
  readonly feature: string;
  readonly level: string;
  readonly weight: number;
}

/** An analyst's judgement on a pair of records. */
export interface Judgement {
  readonly recordA: RecordId;
  readonly recordB: RecordId;
  readonly verdict: 'same' | 'different';
  readonly reason: string;
  readonly organisationId: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

/** A record's identifier, keyed. */
export interface KeyedIdentifier {
  /** An identifier's kind, or `block`: a blocking key under which resolution finds candidates. */
  readonly kind: IdentifierKind | 'block';
  readonly hash: string;
}

/** A graph edge as stored: the record stating it, its ends, kind, when and where. */
export interface StoredEdge extends EdgeFact {
  readonly recordId: RecordId;
  readonly source: RecordId;
  readonly target: RecordId;
}

/** The two records of a pair in the order the tables keep them. */
export const ordered = (a: RecordId, b: RecordId): [RecordId, RecordId] => (a < b ? [a, b] : [b, a]);

interface LinkRow {
  record_a: RecordId;
  record_b: RecordId;
  probability: number;
  weight: number;
  features: LinkFeature[];
}
const toLink = (row: LinkRow): StoredLink => ({
  recordA: row.record_a,
  recordB: row.record_b,
  probability: row.probability,
  weight: row.weight,
  features: row.features,
});

interface JudgementRow {
  record_a: RecordId;
  record_b: RecordId;
  verdict: 'same' | 'different';
  reason: string;
  organisation_id: string;
  decided_by: string;
  decided_at: string;
}
const toJudgement = (row: JudgementRow): Judgement => ({
  recordA: row.record_a,
  recordB: row.record_b,
  verdict: row.verdict,
  reason: row.reason,
  organisationId: row.organisation_id,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
});

/** A record resolution has not seen as it now is (`r` the record, `s` its resolution state). */
const UNSEEN = `(s.version IS DISTINCT FROM r.version OR s.facts_version IS DISTINCT FROM ${FACTS_VERSION})`;

/** Resolution's tables. */
export class ResolutionRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    private readonly fieldKey: Uint8Array,
  ) {}

  /** The keyed form of an identifier value, as the index holds it. */
  keyed(kind: KeyedIdentifier['kind'], value: string): string {
    return createHmac('sha256', this.fieldKey).update(`${kind}\u0000${value}`).digest('base64url').slice(0, 27);
  }

  /**
   * Records resolution has not seen in their current version, or saw under an earlier reading of
   * records (`FACTS_VERSION`), oldest id first.
   */
  async pending(limit: number, after?: RecordId): Promise<RecordId[]> {
    // From `after` on (both sides bounded, so that both indexes are read from there).
    const rows = await this.database.query<{ id: RecordId }>(
      after === undefined
        ? `SELECT r.id FROM records r LEFT JOIN resolution_state s ON s.record_id = r.id
           WHERE ${UNSEEN} ORDER BY r.id LIMIT $1`
        : `SELECT r.id FROM records r LEFT JOIN resolution_state s ON s.record_id = r.id AND s.record_id > $2
           WHERE r.id > $2 AND ${UNSEEN} ORDER BY r.id LIMIT $1`,
      after === undefined ? [limit] : [limit, after],
    );
    return rows.map((row) => row.id);
  }

  /** How many records are pending. */
  async pendingCount(): Promise<number> {
    const [row] = await this.database.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM records r LEFT JOIN resolution_state s ON s.record_id = r.id WHERE ${UNSEEN}`,
    );
    return Number(row?.n ?? 0);
  }

  /**
   * Replaces what was read from records (their identifiers and edges) and marks their versions
   * seen, in the transaction `sql`. Edges to records that do not exist (yet) are left out.
   */
  async saveFacts(
    sql: Sql,
    facts: readonly {
      readonly recordId: RecordId;
      readonly version: number;
      readonly identifiers: readonly KeyedIdentifier[];
      readonly edges: readonly EdgeFact[];
      readonly at: string | null;
      readonly place: string | null;
    }[],
  ): Promise<void> {
    if (facts.length === 0) return;
    const ids = facts.map((fact) => fact.recordId);
    await sql.query('DELETE FROM record_identifiers WHERE record_id = ANY($1::uuid[])', [ids]);
    await sql.query('DELETE FROM graph_edges WHERE record_id = ANY($1::uuid[])', [ids]);
    // Rows travel as one array per column (unnest): cheaper for the database to read than JSON.
    const identifiers = facts.flatMap((fact) =>
      fact.identifiers.map((identifier) => [fact.recordId, identifier.kind, identifier.hash] as const),
    );
    if (identifiers.length > 0) {
      await sql.query(
        `INSERT INTO record_identifiers (record_id, kind, value_hash)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        columnsOf(identifiers, 3),
      );
    }
    // An edge's ends are record ids as written in a record: one that is not a UUID names no record.
    const edges = facts.flatMap((fact) =>
      fact.edges
        .filter((edge) => UUID.test(edge.source) && UUID.test(edge.target))
        .map((edge) => [fact.recordId, edge.source, edge.target, edge.kind, edge.at, edge.place] as const),
    );
    if (edges.length > 0) {
      await sql.query(
        `INSERT INTO graph_edges (record_id, source, target, kind, at, place)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS x(r, s, t, k, a, p)
         WHERE EXISTS (SELECT 1 FROM records WHERE id = x.s) AND EXISTS (SELECT 1 FROM records WHERE id = x.t)
         ON CONFLICT DO NOTHING`,
        columnsOf(edges, 6),
      );
    }
    await sql.query(
      `INSERT INTO resolution_state (record_id, version, facts_version, resolved_at, at, place)
       SELECT r, v, ${FACTS_VERSION}, now(), a, p FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS x(r, v, a, p)
       ON CONFLICT (record_id) DO UPDATE SET version = EXCLUDED.version, facts_version = EXCLUDED.facts_version,
         resolved_at = now(), at = EXCLUDED.at, place = EXCLUDED.place`,
      columnsOf(
        facts.map((fact) => [fact.recordId, fact.version, fact.at, fact.place] as const),
        4,
      ),
    );
  }

  /**
   * The records carrying any of the keyed identifiers, with how many records carry each value:
   * what a shared identifier weighs depends on how widely it is shared.
   */
  async carriers(
    identifiers: readonly KeyedIdentifier[],
    sql: Sql = this.database,
  ): Promise<{ recordId: RecordId; kind: KeyedIdentifier['kind']; hash: string; carriers: number }[]> {
    if (identifiers.length === 0) return [];
    return (
      await sql.query<{
        record_id: RecordId;
        kind: KeyedIdentifier['kind'];
        value_hash: string;
        carriers: number | string;
      }>(
        `WITH wanted AS (SELECT DISTINCT k, v FROM unnest($1::text[], $2::text[]) AS x(k, v)),
              counted AS (SELECT i.kind, i.value_hash, count(*) AS carriers FROM record_identifiers i
                          JOIN wanted w ON w.k = i.kind AND w.v = i.value_hash GROUP BY 1, 2)
         SELECT i.record_id, i.kind, i.value_hash, c.carriers FROM record_identifiers i
         JOIN counted c ON c.kind = i.kind AND c.value_hash = i.value_hash`,
        columnsOf(
          identifiers.map((identifier) => [identifier.kind, identifier.hash] as const),
          2,
        ),
      )
    ).map((row) => ({ recordId: row.record_id, kind: row.kind, hash: row.value_hash, carriers: Number(row.carriers) }));
  }

  /** Of the records given, those of one entity type. */
  async ofType(ids: readonly RecordId[], type: string): Promise<Set<RecordId>> {
    if (ids.length === 0) return new Set();
    const rows = await this.database.query<{ id: RecordId }>(
      'SELECT id FROM records WHERE id = ANY($1::uuid[]) AND entity_type = $2',
      [ids, type],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** The keyed identifiers of some records. */
  async identifiersOf(ids: readonly RecordId[]): Promise<Map<RecordId, KeyedIdentifier[]>> {
    const found = new Map<RecordId, KeyedIdentifier[]>();
    if (ids.length === 0) return found;
    const rows = await this.database.query<{ record_id: RecordId; kind: KeyedIdentifier['kind']; value_hash: string }>(
      'SELECT record_id, kind, value_hash FROM record_identifiers WHERE record_id = ANY($1::uuid[])',
      [ids],
    );
    for (const row of rows) {
      const list = found.get(row.record_id) ?? [];
      list.push({ kind: row.kind, hash: row.value_hash });
      found.set(row.record_id, list);
    }
    return found;
  }

  /** When and where records happened, as resolution read them. */
  async whenWhere(ids: readonly RecordId[]): Promise<Map<RecordId, { at: string | null; place: string | null }>> {
    const found = new Map<RecordId, { at: string | null; place: string | null }>();
    if (ids.length === 0) return found;
    const rows = await this.database.query<{ record_id: RecordId; at: string | null; place: string | null }>(
      'SELECT record_id, at, place FROM resolution_state WHERE record_id = ANY($1::uuid[])',
      [ids],
    );
    for (const row of rows) found.set(row.record_id, { at: row.at, place: row.place });
    return found;
  }

  /** The edges touching any of the records (as source or target). */
  async edgesTouching(ids: readonly RecordId[]): Promise<StoredEdge[]> {
    if (ids.length === 0) return [];
    const rows = await this.database.query<{
      record_id: RecordId;
      source: RecordId;
      target: RecordId;
      kind: string;
      at: string | null;
      place: string | null;
    }>(
      `SELECT record_id, source, target, kind, at, place FROM graph_edges WHERE source = ANY($1::uuid[])
       UNION SELECT record_id, source, target, kind, at, place FROM graph_edges WHERE target = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ({
      recordId: row.record_id,
      source: row.source,
      target: row.target,
      kind: row.kind,
      at: row.at,
      place: row.place,
    }));
  }

  /** Links touching any of the records. */
  async linksTouching(ids: readonly RecordId[], sql: Sql = this.database): Promise<StoredLink[]> {
    if (ids.length === 0) return [];
    const rows = await sql.query<LinkRow>(
      `SELECT record_a, record_b, probability, weight, features FROM resolution_links WHERE record_a = ANY($1::uuid[])
       UNION SELECT record_a, record_b, probability, weight, features FROM resolution_links WHERE record_b = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toLink);
  }

  /**
   * Replaces the links of the records given (those touching them) by `links`, in `sql`, recording
   * the combination in the ledger (the records linked, by id) when `event` is given.
   */
  async replaceLinks(
    sql: Sql,
    recordIds: readonly RecordId[],
    links: readonly StoredLink[],
    event?: Omit<LedgerEvent, 'objectIds' | 'detail'>,
  ): Promise<void> {
    if (event !== undefined && links.length > 0) {
      const linked = [...new Set(links.flatMap((link) => [link.recordA, link.recordB]))].sort();
      await this.ledger.append(sql, [{ ...event, objectIds: linked, detail: `${links.length}_links` }]);
    }
    if (recordIds.length > 0) {
      await sql.query('DELETE FROM resolution_links WHERE record_a = ANY($1::uuid[]) OR record_b = ANY($1::uuid[])', [
        recordIds,
      ]);
    }
    if (links.length === 0) return;
    await sql.query(
      `INSERT INTO resolution_links (record_a, record_b, probability, weight, features)
       SELECT a, b, p, w, f FROM json_to_recordset($1::json) AS x(a uuid, b uuid, p float8, w float8, f jsonb)
       ON CONFLICT (record_a, record_b) DO UPDATE SET probability = EXCLUDED.probability, weight = EXCLUDED.weight,
         features = EXCLUDED.features`,
      [
        JSON.stringify(
          links.map((link) => ({
            a: link.recordA,
            b: link.recordB,
            p: link.probability,
            w: link.weight,
            f: link.features,
          })),
        ),
      ],
    );
  }

  /** Judgements touching any of the records. */
  async judgementsTouching(ids: readonly RecordId[], sql: Sql = this.database): Promise<Judgement[]> {
    if (ids.length === 0) return [];
    return (
      await sql.query<JudgementRow>(
        `SELECT * FROM resolution_judgements WHERE record_a = ANY($1::uuid[])
         UNION SELECT * FROM resolution_judgements WHERE record_b = ANY($1::uuid[])`,
        [ids],
      )
    ).map(toJudgement);
  }

  /**
   * Stores analysts' judgements on pairs (each replacing an earlier one on the same pair), with one
   * ledger entry, in one transaction.
   */
  async judge(judgements: readonly Omit<Judgement, 'decidedAt'>[], event: LedgerEvent): Promise<void> {
    const rows = judgements.map((judgement) => {
      const [a, b] = ordered(judgement.recordA, judgement.recordB);
      return { a, b, v: judgement.verdict, r: judgement.reason, o: judgement.organisationId, d: judgement.decidedBy };
    });
    await this.database.transaction(async (sql) => {
      await sql.query(
        `INSERT INTO resolution_judgements (record_a, record_b, verdict, reason, organisation_id, decided_by)
         SELECT a, b, v, r, o, d FROM json_to_recordset($1::json) AS x(a uuid, b uuid, v text, r text, o text, d text)
         ON CONFLICT (record_a, record_b) DO UPDATE SET verdict = EXCLUDED.verdict, reason = EXCLUDED.reason,
           organisation_id = EXCLUDED.organisation_id, decided_by = EXCLUDED.decided_by, decided_at = now()`,
        [JSON.stringify(rows)],
      );
      await this.ledger.append(sql, [event]);
    });
  }

  /** The entity of each record given (records alone in theirs are absent). */
  async entitiesOf(ids: readonly RecordId[], sql: Sql = this.database): Promise<Map<RecordId, string>> {
    const found = new Map<RecordId, string>();
    if (ids.length === 0) return found;
    const rows = await sql.query<{ record_id: RecordId; entity_id: string }>(
      'SELECT record_id, entity_id FROM resolution_members WHERE record_id = ANY($1::uuid[])',
      [ids],
    );
    for (const row of rows) found.set(row.record_id, row.entity_id);
    return found;
  }

  /** The records of the entities given. */
  async membersOf(entityIds: readonly string[], sql: Sql = this.database): Promise<Map<string, RecordId[]>> {
    const found = new Map<string, RecordId[]>();
    if (entityIds.length === 0) return found;
    const rows = await sql.query<{ record_id: RecordId; entity_id: string }>(
      'SELECT record_id, entity_id FROM resolution_members WHERE entity_id = ANY($1::uuid[]) ORDER BY record_id',
      [entityIds],
    );
    for (const row of rows) found.set(row.entity_id, [...(found.get(row.entity_id) ?? []), row.record_id]);
    return found;
  }

  /**
   * Sets the entities of some records: `clusters` lists the records of each entity; every record in
   * `recordIds` not in a cluster of two or more is alone. An entity's id is derived from its
   * smallest record id by a keyed hash, so that the same cluster keeps its id while that record is
   * in it, and no record id is written as an entity's (an erased record's id must not stay behind).
   */
  async setEntities(
    sql: Sql,
    recordIds: readonly RecordId[],
    clusters: readonly (readonly RecordId[])[],
  ): Promise<ResolvedEntity[]> {
    if (recordIds.length > 0) {
      await sql.query('DELETE FROM resolution_members WHERE record_id = ANY($1::uuid[])', [recordIds]);
    }
    const entities = clusters
      .filter((cluster) => cluster.length > 1)
      .map((cluster) => {
        const members = [...cluster].sort();
        return { id: this.entityIdOf(members[0] ?? ''), members };
      });
    const rows = entities.flatMap((entity) => entity.members.map((record) => [record, entity.id] as const));
    if (rows.length === 0) return entities;
    await sql.query(
      `INSERT INTO resolution_members (record_id, entity_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[])
       ON CONFLICT (record_id) DO UPDATE SET entity_id = EXCLUDED.entity_id`,
      columnsOf(rows, 2),
    );
    return entities;
  }

  /** An entity's id, as a UUID, from its smallest record id. */
  private entityIdOf(recordId: string): string {
    const hex = createHmac('sha256', this.fieldKey).update(`entity\u0000${recordId}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** The parameters learnt for an entity type, if any. */
  async parameters(entityType: string): Promise<unknown> {
    const [row] = await this.database.query<{ parameters: unknown }>(
      'SELECT parameters FROM resolution_parameters WHERE entity_type = $1',
      [entityType],
    );
    return row?.parameters;
  }

  /** Stores the parameters learnt for an entity type. */
  async saveParameters(entityType: string, parameters: unknown, records: number): Promise<void> {
    await this.database.query(
      `INSERT INTO resolution_parameters (entity_type, parameters, records, trained_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (entity_type) DO UPDATE SET parameters = EXCLUDED.parameters, records = EXCLUDED.records,
         trained_at = now()`,
      [entityType, JSON.stringify(parameters), records],
    );
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.database.transaction(work);
  }
}
