import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../adapters/store/index.ts';
import { ingestRecords } from '../../domain/ingest/ingest.service.ts';
import { ingestContext } from '../../domain/ingest/prepare.ts';
import { recordIdOf, type RecordId } from '../../domain/model/ids.ts';
import { FACTS_VERSION } from '../../domain/resolution/facts.ts';
import { generateWorld, type WorldItem, type WorldOptions } from '../../domain/synth/index.ts';
import { memberOrganisation, worldOrganisation, WORLD_ORGANISATIONS } from '../../domain/synth/organisations.ts';
import { databaseTargets } from '../../../test/support/databases.ts';
import { Resolver } from './resolver.ts';

const WORLD: WorldOptions = { seed: 11, people: 400, rings: 1, labour: 1, routes: 1, crews: 1 };
const items = [...generateWorld(WORLD)];
const records = items.filter((item): item is Extract<WorldItem, { kind: 'record' }> => item.kind === 'record');
const idOf = (owner: string, source: string): RecordId =>
  recordIdOf(owner, worldOrganisation(owner).sourceSystem, source);
const truth = new Map<string, string>();
for (const item of items)
  if (item.kind === 'mention') truth.set(idOf(item.key.owner, item.key.sourceRecordId), item.person);

async function ingest(store: Store, part: readonly Extract<WorldItem, { kind: 'record' }>[]): Promise<void> {
  const byOwner = new Map<string, unknown[]>();
  for (const item of part) byOwner.set(item.owner, [...(byOwner.get(item.owner) ?? []), item.record]);
  for (const [owner, values] of byOwner) {
    const organisation = worldOrganisation(owner);
    const report = await ingestRecords(
      values.map((value, position) => ({ position, value })),
      // A synthetic world's notices arrive as reviewed, as the demo loads them.
      ingestContext(organisation, organisation.sourceSystem, organisation.markings, undefined, {
        actor: 'system:test',
        noticesReviewed: true,
      }),
      store.records,
    );
    expect(report.rejected, JSON.stringify(report.errors.slice(0, 3))).toBe(0);
  }
}

/** The entities as sets of record ids, in a canonical order. */
async function entities(store: Store): Promise<string[][]> {
  const rows = await store.database.query<{ record_id: string; entity_id: string }>(
    'SELECT record_id, entity_id FROM resolution_members ORDER BY record_id',
  );
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.entity_id, [...(groups.get(row.entity_id) ?? []), row.record_id]);
  return [...groups.values()].map((group) => group.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

describe.each(databaseTargets())('resolution over the store on $name', { timeout: 240_000 }, (target) => {
  let batch: { store: Store; dispose: () => Promise<void> };
  let incremental: { store: Store; dispose: () => Promise<void> };
  let resolver: Resolver;

  beforeAll(async () => {
    batch = await target.open();
    incremental = await target.open();
    for (const store of [batch.store, incremental.store]) {
      for (const organisation of WORLD_ORGANISATIONS) await store.organisations.save(memberOrganisation(organisation));
    }
    await ingest(batch.store, records);
    resolver = new Resolver(batch.store);
    await resolver.resolvePending();
  });
  afterAll(async () => {
    await batch.dispose();
    await incremental.dispose();
  });

  it('groups the records of one true person, and few of different people', async () => {
    const groups = await entities(batch.store);
    let together = 0;
    let wrong = 0;
    for (const group of groups) {
      for (let i = 0; i < group.length; i += 1) {
        for (let j = i + 1; j < group.length; j += 1) {
          if (truth.get(group[i] ?? '') === truth.get(group[j] ?? '')) together += 1;
          else wrong += 1;
        }
      }
    }
    console.log(`resolution on a ${records.length}-record world: ${together} true pairs grouped, ${wrong} wrong`);
    expect(together).toBeGreaterThan(50);
    expect(wrong).toBeLessThan(together / 10);
  });

  it('gives the same entities incrementally, records arriving in three parts, as in one batch', async () => {
    const model = resolver.currentModel;
    expect(model).toBeDefined();
    const stepwise = new Resolver(incremental.store, model === undefined ? {} : { model });
    const third = Math.ceil(records.length / 3);
    for (let start = 0; start < records.length; start += third) {
      await ingest(incremental.store, records.slice(start, start + third));
      await stepwise.resolvePending();
    }
    expect(await entities(incremental.store)).toEqual(await entities(batch.store));
  });

  it('gives the same entities in small batches, keeping few of the people read in memory', async () => {
    // Batches of 150 records: the people of one batch are candidates of the next, found among
    // those the run keeps; with at most 40 kept, what it keeps is dropped and read again.
    const model = resolver.currentModel;
    const small = await target.open();
    try {
      for (const organisation of WORLD_ORGANISATIONS)
        await small.store.organisations.save(memberOrganisation(organisation));
      await ingest(small.store, records);
      const run = await new Resolver(small.store, {
        ...(model === undefined ? {} : { model }),
        batchSize: 150,
        peopleKept: 40,
      }).resolvePending();
      expect(run.records).toBe(records.length);
      expect(await entities(small.store)).toEqual(await entities(batch.store));
    } finally {
      await small.dispose();
    }
  });

  it('keeps the edges records state and the identifiers they carry, keyed', async () => {
    const [edges] = await batch.store.database.query<{ n: number | string }>('SELECT count(*) AS n FROM graph_edges');
    expect(Number(edges?.n)).toBeGreaterThan(100);
    const phones = await batch.store.database.query<{ value_hash: string }>(
      `SELECT value_hash FROM record_identifiers WHERE kind = 'phone' LIMIT 50`,
    );
    expect(phones.length).toBeGreaterThan(0);
    // Keyed, never the number itself.
    for (const { value_hash: hash } of phones) expect(hash).not.toMatch(/^\+?\d+$/);
    expect(await batch.store.resolution.pendingCount()).toBe(0);
  });

  it('takes pending records from where the last batch ended, and then those changed behind it', async () => {
    const people = records.filter((item) => item.record.type === 'Person');
    const ids = people.map((item) => idOf(item.owner, item.record.sourceRecordId));
    const sorted = [...ids].sort();
    const [low, high] = [sorted[0], sorted.at(-1)];
    const changed = people.filter((_, index) => ids[index] === low || ids[index] === high);
    await ingest(
      batch.store,
      changed.map((item) => ({
        ...item,
        record: { ...item.record, properties: { ...item.record.properties, description: 'seen again' } },
      })),
    );
    const middle = sorted[Math.floor(sorted.length / 2)] as RecordId;
    expect(await batch.store.resolution.pending(10, middle)).toEqual([high]);
    expect(await batch.store.resolution.pending(10)).toEqual([low, high]);
    const run = await resolver.resolvePending();
    expect(run.records).toBe(2);
    expect(await batch.store.resolution.pendingCount()).toBe(0);
  });

  it('reads again, once, the records it saw under an earlier reading of records (a normaliser changed)', async () => {
    const before = await entities(batch.store);
    const stale = await batch.store.database.query<{ record_id: string }>(
      `UPDATE resolution_state SET facts_version = $1
       WHERE record_id IN (SELECT record_id FROM resolution_state ORDER BY record_id LIMIT 25) RETURNING record_id`,
      [FACTS_VERSION - 1],
    );
    expect(stale).toHaveLength(25);
    expect(await batch.store.resolution.pendingCount()).toBe(25);
    const run = await resolver.resolvePending();
    expect(run.records).toBe(25);
    expect(await batch.store.resolution.pendingCount()).toBe(0);
    expect(await entities(batch.store)).toEqual(before);
  });
});
