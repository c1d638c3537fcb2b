/**
 * The ledger in the database: entries are appended in the same transaction as the action they
 * record, one writer at a time (a transaction-scoped advisory lock keeps the chain a chain), and
 * read back in order to verify. Never updated, never deleted.
 */
import {
  chain,
  ChainVerifier,
  type Checkpoint,
  type LedgerEntry,
  type LedgerEvent,
  type Verification,
} from '../../domain/audit/index.ts';
import { GENESIS_HASH } from '../../domain/audit/index.ts';
import type { Database, Sql } from './database.ts';

/** The advisory lock that serialises appends (an arbitrary constant: "weft" in ASCII). */
const LEDGER_LOCK = 0x77656674;

interface LedgerRow {
  seq: number | string;
  at: string;
  actor: string;
  organisation: string | null;
  action: LedgerEntry['action'];
  request_id: string | null;
  purpose: string | null;
  object_ids: string[];
  outcome: LedgerEntry['outcome'];
  detail: string | null;
  prev_hash: string;
  hash: string;
}

function toEntry(row: LedgerRow): LedgerEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    organisation: row.organisation,
    action: row.action,
    requestId: row.request_id,
    purpose: row.purpose,
    objectIds: row.object_ids,
    outcome: row.outcome,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The hash-chained ledger of every access. */
export class LedgerRepository {
  constructor(
    private readonly database: Database,
    private readonly key: Uint8Array,
  ) {}

  /**
   * Appends events within the caller's transaction: they commit with the action, or not at all.
   * Returns the entries as chained.
   */
  async append(
    sql: Sql,
    events: readonly LedgerEvent[],
    at: string = new Date().toISOString(),
  ): Promise<LedgerEntry[]> {
    if (events.length === 0) return [];
    await sql.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
    const [head] = await sql.query<{ seq: number | string; hash: string }>(
      'SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1',
    );
    const entries = chain(
      head === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(head.seq), hash: head.hash },
      events,
      at,
      this.key,
    );
    await sql.query(
      `INSERT INTO ledger (seq, at, actor, organisation, action, request_id, purpose, object_ids, outcome, detail, prev_hash, hash)
       SELECT e.seq, e.at, e.actor, e.organisation, e.action, e.request_id, e.purpose,
              ARRAY(SELECT json_array_elements_text(e.object_ids)), e.outcome, e.detail, e.prev_hash, e.hash
       FROM json_to_recordset($1::json) AS e(seq bigint, at text, actor text, organisation text, action text,
         request_id text, purpose text, object_ids json, outcome text, detail text, prev_hash text, hash text)`,
      [
        JSON.stringify(
          entries.map((entry) => ({
            seq: entry.seq,
            at: entry.at,
            actor: entry.actor,
            organisation: entry.organisation,
            action: entry.action,
            request_id: entry.requestId,
            purpose: entry.purpose,
            object_ids: entry.objectIds,
            outcome: entry.outcome,
            detail: entry.detail ?? null,
            prev_hash: entry.prevHash,
            hash: entry.hash,
          })),
        ),
      ],
    );
    return entries;
  }

  /** Appends events in a transaction of their own (events not tied to a write: reads, sign-ins). */
  appendNow(events: readonly LedgerEvent[]): Promise<LedgerEntry[]> {
    return this.database.transaction((sql) => this.append(sql, events));
  }

  /** The last entry's number and hash (seq 0 and the genesis hash when empty). */
  async head(): Promise<{ seq: number; hash: string }> {
    const [row] = await this.database.query<{ seq: number | string; hash: string }>(
      'SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1',
    );
    return row === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(row.seq), hash: row.hash };
  }

  /** Entries after `afterSeq`, in order, at most `limit`. */
  async read(afterSeq: number, limit: number): Promise<LedgerEntry[]> {
    const rows = await this.database.query<LedgerRow>('SELECT * FROM ledger WHERE seq > $1 ORDER BY seq LIMIT $2', [
      afterSeq,
      limit,
    ]);
    return rows.map(toEntry);
  }

  /**
   * Verifies the whole chain, page by page in sequence order, against the key and, if given, a
   * checkpoint. Sequence numbers are the primary key, so none repeats; a gap, a changed entry
   * or entries swapped between rows break the chain where they are.
   */
  async verify(checkpoint?: Checkpoint, pageSize = 10_000): Promise<Verification> {
    const verifier = new ChainVerifier(this.key, checkpoint);
    for (let after = -1; ;) {
      const rows = await this.database.query<LedgerRow>('SELECT * FROM ledger WHERE seq > $1 ORDER BY seq LIMIT $2', [
        after,
        pageSize,
      ]);
      for (const row of rows) if (!verifier.push(toEntry(row))) return verifier.result();
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageSize) return verifier.result();
      after = Number(last.seq);
    }
  }
}
