import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type LedgerEvent } from '../../domain/audit/index.ts';
import { databaseTargets, type DatabaseTarget } from '../../../test/support/databases.ts';
import type { Store } from './index.ts';

function events(count: number, tag: string): LedgerEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    actor: `user:${tag}`,
    organisation: 'police-ro',
    action: 'consult',
    requestId: `req-${tag}-${index}`,
    purpose: 'investigation',
    objectIds: [`rec-${tag}-${index}`, `rec-${tag}-${index + 1}`],
    outcome: 'ok',
  }));
}

/**
 * Runs SQL on the ledger past its append-only triggers, as someone owning the table could (the
 * tests connect as a superuser; so does PGlite).
 */
async function tamper(store: Store, statement: string): Promise<void> {
  await store.database.transaction(async (sql) => {
    await sql.query('ALTER TABLE ledger DISABLE TRIGGER USER');
    await sql.query(statement);
    await sql.query('ALTER TABLE ledger ENABLE TRIGGER USER');
  });
}

describe.each(databaseTargets())('the ledger store on $name', (target: DatabaseTarget) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
  });
  afterAll(async () => {
    await dispose();
  });

  it('verifies an empty ledger as intact, with no entries', async () => {
    expect(await store.ledger.verify()).toEqual({ ok: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH } });
    expect(await store.ledger.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('keeps nothing of an append whose transaction rolls back', async () => {
    await expect(
      store.database.transaction(async (sql) => {
        expect(await store.ledger.append(sql, events(3, 'rolled-back'))).toHaveLength(3);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect(await store.ledger.read(0, 10)).toEqual([]);
    expect(await store.ledger.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('chains entries across appends, from the genesis, and reads them back as appended', async () => {
    const first = await store.database.transaction((sql) => store.ledger.append(sql, events(3, 'first')));
    const second = await store.ledger.appendNow(events(2, 'second'));
    const read = await store.ledger.read(0, 100);
    expect(read).toEqual([...first, ...second]);
    expect(read.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(read.map((entry) => entry.prevHash)).toEqual([
      GENESIS_HASH,
      ...read.slice(0, -1).map((entry) => entry.hash),
    ]);
    expect(read[0]).toMatchObject({ actor: 'user:first', objectIds: ['rec-first-0', 'rec-first-1'], detail: null });
    expect(await store.ledger.head()).toEqual({ seq: 5, hash: second[1]?.hash });
    expect(await store.ledger.verify()).toEqual({ ok: true, entries: 5, head: { seq: 5, hash: second[1]?.hash } });
  });

  it('keeps one unbroken chain when 20 appends race (on PostgreSQL, on separate connections)', async () => {
    const before = await store.ledger.head();
    const appended = await Promise.all(
      Array.from({ length: 20 }, (_, caller) => store.ledger.appendNow(events(3, `racer-${caller}`))),
    );
    // Each caller's entries are consecutive: no other writer got between them.
    for (const entries of appended) {
      expect(entries.map((entry) => entry.seq - (entries[0]?.seq ?? 0))).toEqual([0, 1, 2]);
    }
    const all = await store.ledger.read(before.seq, 1_000);
    expect(all.map((entry) => entry.seq)).toEqual(Array.from({ length: 60 }, (_, index) => before.seq + index + 1));
    const times = all.map((entry) => entry.at);
    expect(times).toEqual([...times].sort());
    expect(await store.ledger.verify()).toMatchObject({ ok: true, entries: before.seq + 60 });
  });

  it('writes the events of concurrent callers together, each caller answered once its events are committed', async () => {
    const before = await store.ledger.head();
    const callers = 40;
    // A first wave, then a second that arrives while the first is being written.
    const first = Array.from({ length: callers / 2 }, (_, caller) =>
      store.ledger.appendSoon(events(1, `soon-${caller}`)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const second = Array.from({ length: callers / 2 }, (_, caller) =>
      store.ledger.appendSoon(events(1, `soon-${callers / 2 + caller}`)),
    );
    await Promise.all([...first, ...second]);
    const all = await store.ledger.read(before.seq, 1_000);
    expect(all.map((entry) => entry.requestId).sort()).toEqual(
      Array.from({ length: callers }, (_, caller) => `req-soon-${caller}-0`).sort(),
    );
    // Written in few transactions: the entries of one batch share the instant its lock was taken.
    expect(new Set(all.map((entry) => entry.at)).size).toBeLessThan(callers / 4);
    expect(await store.ledger.verify()).toMatchObject({ ok: true, entries: before.seq + callers });
  });

  it('commits writes with their entries in a shared transaction; a write that fails fails its caller alone', async () => {
    const before = await store.ledger.head();
    await store.database.query('CREATE TABLE IF NOT EXISTS group_probe (id text PRIMARY KEY)');
    const write = (id: string) =>
      store.ledger.soon(async (sql) => {
        await sql.query('INSERT INTO group_probe (id) VALUES ($1)', [id]);
        return { result: id, events: events(1, `write-${id}`) };
      });
    await write('taken');
    // Three at once: the second repeats a key and fails; the others commit, with their entries.
    const outcomes = await Promise.allSettled([
      write('a'),
      write('taken'),
      write('b'),
      store.ledger.appendSoon(events(1, 'plain')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(outcomes[0]).toMatchObject({ value: 'a' });
    const rows = await store.database.query<{ id: string }>('SELECT id FROM group_probe ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual(['a', 'b', 'taken']);
    const written = await store.ledger.read(before.seq, 100);
    expect(written.map((entry) => entry.requestId)).toEqual([
      'req-write-taken-0',
      'req-write-a-0',
      'req-write-b-0',
      'req-plain-0',
    ]);
    expect(await store.ledger.verify()).toMatchObject({ ok: true });
  });

  it('reads back object ids exactly, whatever characters they hold', async () => {
    const objectIds = [
      'a,b',
      '{braces}',
      '"quoted"',
      'back\\slash',
      'NULL',
      '',
      ' spaced ',
      'tab\tline\nend',
      'Ана 安娜 🙂',
      '\u0001',
    ];
    const [entry] = await store.ledger.appendNow([{ ...events(1, 'odd')[0], objectIds } as LedgerEvent]);
    expect(await store.ledger.read((entry?.seq ?? 0) - 1, 1)).toEqual([entry]);
    expect(entry?.objectIds).toEqual(objectIds);
    expect(await store.ledger.verify()).toMatchObject({ ok: true });
  });

  it('reads and verifies page by page', async () => {
    const head = await store.ledger.head();
    expect(await store.ledger.verify(undefined, 7)).toEqual({ ok: true, entries: head.seq, head });
    expect(await store.ledger.verify(undefined, 1)).toEqual({ ok: true, entries: head.seq, head });
  });

  it('refuses to update, delete or truncate an entry in the database', async () => {
    for (const statement of [
      "UPDATE ledger SET outcome = 'denied' WHERE seq = 1",
      'DELETE FROM ledger',
      'TRUNCATE ledger',
    ]) {
      await expect(store.database.query(statement), statement).rejects.toThrow('the ledger is append-only');
    }
    expect(await store.ledger.verify()).toMatchObject({ ok: true });
  });
});

describe.each(databaseTargets())('the ledger store on $name, tampered with by SQL', (target: DatabaseTarget) => {
  let store: Store;
  let dispose: () => Promise<void>;

  // Each case tampers with a ledger of its own: 10 entries in four appends.
  beforeAll(async () => {
    ({ store, dispose } = await target.open());
  });
  afterAll(async () => {
    await dispose();
  });

  async function freshLedger(): Promise<void> {
    await tamper(store, 'DELETE FROM ledger');
    for (const [count, tag] of [
      [3, 'a'],
      [2, 'b'],
      [4, 'c'],
      [1, 'd'],
    ] as const) {
      await store.ledger.appendNow(events(count, tag));
    }
    expect(await store.ledger.verify()).toMatchObject({ ok: true, entries: 10 });
  }

  it('finds an entry changed in place, and names it', async () => {
    await freshLedger();
    await tamper(store, "UPDATE ledger SET object_ids = array_append(object_ids, 'rec-hidden') WHERE seq = 7");
    expect(await store.ledger.verify()).toEqual({
      ok: false,
      entries: 6,
      firstBadIndex: 6,
      firstBadSeq: 7,
      problem: 'hash',
    });
  });

  it('finds an entry changed with its hash copied from another', async () => {
    await freshLedger();
    await tamper(
      store,
      "UPDATE ledger SET outcome = 'ok', hash = (SELECT hash FROM ledger WHERE seq = 2) WHERE seq = 4",
    );
    expect(await store.ledger.verify()).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'hash' });
  });

  it('finds a deleted entry where it was', async () => {
    await freshLedger();
    await tamper(store, 'DELETE FROM ledger WHERE seq = 7');
    expect(await store.ledger.verify()).toEqual({
      ok: false,
      entries: 6,
      firstBadIndex: 6,
      firstBadSeq: 8,
      problem: 'sequence',
    });
  });

  it('finds a row slipped in before the first entry, even with a negative number', async () => {
    await freshLedger();
    await tamper(
      store,
      'INSERT INTO ledger SELECT -1, at, actor, organisation, action, request_id, purpose, object_ids, outcome, detail, prev_hash, hash FROM ledger WHERE seq = 1',
    );
    expect(await store.ledger.verify()).toMatchObject({
      ok: false,
      firstBadIndex: 0,
      firstBadSeq: -1,
      problem: 'sequence',
    });
  });

  it('finds a cut tail given a checkpoint, which the chain alone cannot show', async () => {
    await freshLedger();
    const head = await store.ledger.head();
    const checkpoint = { ...head, at: new Date().toISOString() };
    expect(await store.ledger.verify(checkpoint)).toEqual({ ok: true, entries: 10, head });
    await tamper(store, 'DELETE FROM ledger WHERE seq > 8');
    expect(await store.ledger.verify()).toMatchObject({ ok: true, entries: 8 });
    expect(await store.ledger.verify(checkpoint)).toEqual({
      ok: false,
      entries: 8,
      firstBadIndex: 8,
      firstBadSeq: 9,
      problem: 'truncated',
    });
  });

  it('finds a tail cut and grown again past the checkpoint', async () => {
    await freshLedger();
    const checkpoint = { ...(await store.ledger.head()), at: new Date().toISOString() };
    await tamper(store, 'DELETE FROM ledger WHERE seq > 8');
    await store.ledger.appendNow(events(5, 'regrown'));
    expect(await store.ledger.verify()).toMatchObject({ ok: true, entries: 13 });
    expect(await store.ledger.verify(checkpoint)).toMatchObject({ ok: false, firstBadSeq: 10, problem: 'checkpoint' });
  });
});
