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

/**
 * The columns as read. Object ids come as a JSON array: both drivers parse a text[] column in
 * JavaScript, character by character, several times slower than JSON, which is parsed natively and
 * gives back exactly the same strings (verifying 200,000 entries on PostgreSQL took 4.25 s with
 * text[], 2.69 s with JSON; see docs/benchmarks.md).
 */
const COLUMNS =
  'seq, at, actor, organisation, action, request_id, purpose, array_to_json(object_ids) AS object_ids, outcome, detail, prev_hash, hash';

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

/** One caller's part of a group commit: events to append, or a write that returns its result and events. */
type GroupWork =
  | { readonly events: readonly LedgerEvent[]; readonly write?: undefined }
  | { readonly write: (sql: Sql) => Promise<{ readonly result: unknown; readonly events: readonly LedgerEvent[] }> };
/** How one caller's part ended. */
type GroupOutcome = { readonly result: unknown } | { readonly error: unknown };

/** The hash-chained ledger of every access. */
export class LedgerRepository {
  constructor(
    private readonly database: Database,
    private readonly key: Uint8Array,
  ) {}

  /**
   * Appends events within the caller's transaction: they commit with the action, or not at all.
   * Returns the entries as chained. `at` is by default the moment the lock is taken.
   */
  async append(
    sql: Sql,
    events: readonly LedgerEvent[],
    at?: string,
    guard?: (sql: Sql) => Promise<void>,
  ): Promise<LedgerEntry[]> {
    if (events.length === 0) return [];
    await sql.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
    // What must still hold for the events to be recorded, checked once appends are serialised.
    await guard?.(sql);
    const [head] = await sql.query<{ seq: number | string; hash: string }>(
      'SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1',
    );
    // The time is read once the lock is held, so that times never run backwards along the chain
    // (read before, two writers could take the lock in the other order than they read the clock).
    const entries = chain(
      head === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(head.seq), hash: head.hash },
      events,
      at ?? new Date().toISOString(),
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

  /**
   * Appends events in a transaction of their own (events not tied to a write: reads, sign-ins).
   * A guard, run once the ledger's lock is held, may refuse them by throwing: nothing is recorded.
   */
  appendNow(events: readonly LedgerEvent[], guard?: (sql: Sql) => Promise<void>): Promise<LedgerEntry[]> {
    return this.database.transaction((sql) => this.append(sql, events, undefined, guard));
  }

  /**
   * Appends events in a transaction shared with the events of other callers (group commit): the
   * events that arrive while a batch is being written are written together in the next one, so
   * that concurrent requests do not each wait their turn for the ledger's lock. Resolves once the
   * events are committed, as `appendNow` does; when the batch fails, every caller in it fails.
   */
  appendSoon(events: readonly LedgerEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return this.gather({ events }).then(() => undefined);
  }

  /**
   * Runs `write` in a transaction shared with other callers' (group commit, as `appendSoon`) and
   * appends the events it returns with theirs: a write and its ledger entries commit together, in
   * one transaction for every request that arrived meanwhile. Each caller's write runs in turn; one
   * that fails is undone and fails its caller alone (the batch is then written again, each write
   * in a savepoint). A write may therefore run twice: it must depend on nothing but the database.
   */
  soon<T>(write: (sql: Sql) => Promise<{ readonly result: T; readonly events: readonly LedgerEvent[] }>): Promise<T> {
    return this.gather({ write }) as Promise<T>;
  }

  private gather(work: GroupWork): Promise<unknown> {
    let batch = this.gathering;
    if (batch === undefined) {
      const gathered: GroupWork[] = [];
      const previous = this.writing;
      const written = (async () => {
        // After the batch being written, or (when none is) after the callers of this turn.
        if (previous === undefined) await new Promise((resolve) => setImmediate(resolve));
        else await previous.catch(() => undefined);
        if (this.gathering?.works === gathered) this.gathering = undefined;
        // Most batches fail nowhere: written straight. Should one write fail, the batch is written
        // again with each write in a savepoint, so that the failing one fails alone.
        try {
          return await this.database.transaction((sql) => this.writeBatch(sql, gathered, false));
        } catch {
          return await this.database.transaction((sql) => this.writeBatch(sql, gathered, true));
        }
      })();
      batch = { works: gathered, written };
      this.gathering = batch;
      this.writing = written;
      // Its callers see a failure; this bookkeeping only forgets the batch.
      const forget = () => {
        if (this.writing === written) this.writing = undefined;
      };
      written.then(forget, forget);
    }
    const position = batch.works.push(work) - 1;
    return batch.written.then((outcomes) => {
      const outcome = outcomes[position];
      if (outcome !== undefined && 'error' in outcome) throw outcome.error;
      return outcome?.result;
    });
  }

  /** Writes a batch's work and appends its events; `isolated`, each write in a savepoint of its own. */
  private async writeBatch(sql: Sql, works: readonly GroupWork[], isolated: boolean): Promise<GroupOutcome[]> {
    const outcomes: GroupOutcome[] = [];
    const events: LedgerEvent[] = [];
    for (const each of works) {
      if (each.write === undefined) {
        events.push(...each.events);
        outcomes.push({ result: undefined });
        continue;
      }
      if (!isolated) {
        const done = await each.write(sql);
        events.push(...done.events);
        outcomes.push({ result: done.result });
        continue;
      }
      await sql.query('SAVEPOINT group_write');
      try {
        const done = await each.write(sql);
        await sql.query('RELEASE SAVEPOINT group_write');
        events.push(...done.events);
        outcomes.push({ result: done.result });
      } catch (error) {
        await sql.query('ROLLBACK TO SAVEPOINT group_write');
        outcomes.push({ error });
      }
    }
    await this.append(sql, events);
    return outcomes;
  }

  /** The batch gathering work, and the one being written. */
  private gathering: { readonly works: GroupWork[]; readonly written: Promise<GroupOutcome[]> } | undefined;
  private writing: Promise<GroupOutcome[]> | undefined;

  /** The last entry's number and hash (seq 0 and the genesis hash when empty). */
  async head(): Promise<{ seq: number; hash: string }> {
    const [row] = await this.database.query<{ seq: number | string; hash: string }>(
      'SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1',
    );
    return row === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: Number(row.seq), hash: row.hash };
  }

  /**
   * Entries after `after`, in order, at most `limit`, of one organisation, actor or action if
   * asked, and concerning one object if asked.
   */
  async search(query: {
    readonly after: number;
    readonly limit: number;
    readonly organisation?: string;
    readonly actor?: string;
    readonly action?: string;
    readonly objectId?: string;
  }): Promise<LedgerEntry[]> {
    const conditions = ['seq > $1'];
    const params: unknown[] = [query.after];
    for (const [column, value] of [
      ['organisation', query.organisation],
      ['actor', query.actor],
      ['action', query.action],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    if (query.objectId !== undefined) {
      params.push(query.objectId);
      conditions.push(`$${params.length} = ANY(object_ids)`);
    }
    params.push(query.limit);
    const rows = await this.database.query<LedgerRow>(
      `SELECT ${COLUMNS} FROM ledger WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }

  /** Entries after `afterSeq`, in order, at most `limit`. */
  async read(afterSeq: number, limit: number): Promise<LedgerEntry[]> {
    const rows = await this.database.query<LedgerRow>(
      `SELECT ${COLUMNS} FROM ledger WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map(toEntry);
  }

  /**
   * Verifies the whole chain, page by page in sequence order, against the key and, if given, a
   * checkpoint. Sequence numbers are the primary key, so none repeats; a gap, a changed entry
   * or entries swapped between rows break the chain where they are.
   */
  async verify(checkpoint?: Checkpoint, pageSize = 10_000): Promise<Verification> {
    const verifier = new ChainVerifier(this.key, checkpoint);
    // The first page has no lower bound: a row slipped in with a negative number must be read, and
    // so break the chain, not be skipped as if it were not there.
    let rows = await this.database.query<LedgerRow>(`SELECT ${COLUMNS} FROM ledger ORDER BY seq LIMIT $1`, [pageSize]);
    for (;;) {
      for (const row of rows) if (!verifier.push(toEntry(row))) return verifier.result();
      const last = rows.at(-1);
      if (last === undefined || rows.length < pageSize) return verifier.result();
      rows = await this.database.query<LedgerRow>(
        `SELECT ${COLUMNS} FROM ledger WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [Number(last.seq), pageSize],
      );
    }
  }
}
