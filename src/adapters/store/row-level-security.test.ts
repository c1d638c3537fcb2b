import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords, type PositionedItem } from '../../domain/ingest/ingest.service.ts';
import { ingestContext } from '../../domain/ingest/prepare.ts';
import { recordIdOf } from '../../domain/model/ids.ts';
import { databaseTargets } from '../../../test/support/databases.ts';
import { guestAndBooking, HOTEL, hotelContext, POLICE } from '../../../test/fixtures/records.ts';
import type { Store } from './index.ts';

const positioned = (values: unknown[]): PositionedItem[] => values.map((value, position) => ({ position, value }));

/** A guest in another source, marked GREEN: another marking than the AMBER bookings. */
const greenGuest = [{ type: 'Person', sourceRecordId: 'guest-2', properties: { name: 'Ion Vasile' } }];

describe.each(databaseTargets())('the row-level security wall on $name', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  const amberGuest = recordIdOf(HOTEL.id, 'bookings', 'guest-1');
  const booking = recordIdOf(HOTEL.id, 'bookings', 'booking-1');
  const green = recordIdOf(HOTEL.id, 'walk-ins', 'guest-2');
  let amberMarking: string;
  let greenMarking: string;

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await store.organisations.save(HOTEL);
    await store.organisations.save(POLICE);
    await ingestRecords(positioned(guestAndBooking()), hotelContext(), store.records);
    await ingestRecords(
      positioned(greenGuest),
      ingestContext(HOTEL, 'walk-ins', { tlp: 'GREEN' }, '2026-01-15T10:00:00Z'),
      store.records,
    );
    const markingOf = async (id: string): Promise<string> => {
      const [row] = await store.database.query<{ marking_id: string }>('SELECT marking_id FROM records WHERE id = $1', [
        id,
      ]);
      if (row === undefined) throw new Error(`no record ${id}`);
      return row.marking_id;
    };
    amberMarking = await markingOf(amberGuest);
    greenMarking = await markingOf(green);
    expect(greenMarking).not.toBe(amberMarking);
  });
  afterAll(async () => {
    await dispose();
  });

  it('returns no record under a marking not allowed, even asked by id or with every marking', async () => {
    const seen = await store.records.readUnder([greenMarking], async (reader) => ({
      hidden: await reader.get(amberGuest),
      allowed: await reader.get(green),
      // Application code asking for more than it was allowed: the database still refuses.
      page: await reader.page({ markingIds: [greenMarking, amberMarking], limit: 100 }),
      unfiltered: await reader.page({ limit: 100 }),
    }));
    expect(seen.hidden).toBeUndefined();
    expect(seen.allowed?.properties).toEqual({ name: ['Ion Vasile'] });
    expect(seen.page.map((record) => record.id)).toEqual([green]);
    expect(seen.unfiltered.map((record) => record.id)).toEqual([green]);
  });

  it('returns nothing at all under no marking', async () => {
    const seen = await store.records.readUnder([], (reader) => reader.page({ limit: 100 }));
    expect(seen).toEqual([]);
  });

  it('returns the records under the allowed markings, with their properties', async () => {
    const seen = await store.records.readUnder([amberMarking], async (reader) => ({
      guest: await reader.get(amberGuest),
      booking: await reader.get(booking),
      green: await reader.get(green),
    }));
    expect(seen.guest?.properties).toMatchObject({ name: ['Ana Popescu', 'Ana Popesku'] });
    expect(seen.booking?.properties).toMatchObject({ city: 'Leeds' });
    expect(seen.green).toBeUndefined();
  });

  it('hides the entity-table rows of hidden records from a direct query', async () => {
    const direct = 'SELECT record_id FROM entity_person ORDER BY record_id';
    const underGreen = await store.records.readUnder([greenMarking], (reader) =>
      reader.query<{ record_id: string }>(direct),
    );
    expect(underGreen.map((row) => row.record_id)).toEqual([green]);
    const underNothing = await store.records.readUnder([], (reader) => reader.query(direct));
    expect(underNothing).toEqual([]);
    const owner = await store.database.query<{ record_id: string }>(direct);
    expect(owner.map((row) => row.record_id).sort()).toEqual([amberGuest, green].sort());
  });

  it('gives the reader role nothing but reads of records, markings and entity tables', async () => {
    await expect(
      store.records.readUnder([greenMarking], (reader) => reader.query('SELECT count(*) FROM ledger')),
    ).rejects.toThrow(/permission denied/);
    await expect(
      store.records.readUnder([greenMarking], (reader) =>
        reader.query('UPDATE records SET caption = $1 WHERE id = $2', ['changed', green]),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('refuses a marking id that could widen the list', async () => {
    await expect(
      store.records.readUnder([`${greenMarking},${amberMarking}`], () => Promise.resolve(1)),
    ).rejects.toThrow(/not a marking id/);
  });

  it('leaves the owner role (ingest, the store outside the wall) unaffected', async () => {
    const changed = [{ type: 'Person', sourceRecordId: 'guest-2', properties: { name: 'Ion Vasilescu' } }];
    const outcome = await ingestRecords(
      positioned(changed),
      ingestContext(HOTEL, 'walk-ins', { tlp: 'GREEN' }, '2026-01-16T10:00:00Z'),
      store.records,
    );
    expect(outcome).toMatchObject({ updated: 1 });
    expect((await store.records.get(amberGuest))?.id).toBe(amberGuest);
    expect((await store.records.get(green))?.properties).toEqual({ name: ['Ion Vasilescu'] });
    expect(await store.records.page({ limit: 100 })).toHaveLength(4);
  });

  it('covers every entity table (a migration adding one must enable row security on it)', async () => {
    const tables = await store.database.query<{ relname: string; relrowsecurity: boolean; policies: number }>(
      `SELECT c.relname, c.relrowsecurity,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r' AND (c.relname LIKE 'entity\\_%' OR c.relname = 'records')`,
    );
    expect(tables.length).toBeGreaterThan(2);
    const lacking = tables
      .filter((table) => !table.relrowsecurity || table.policies === 0)
      .map((table) => table.relname);
    expect(lacking).toEqual([]);
  });
});
