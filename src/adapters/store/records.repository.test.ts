import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords, type PositionedItem } from '../../domain/ingest/ingest.service.ts';
import { recordIdOf } from '../../domain/model/ids.ts';
import { databaseTargets } from '../../../test/support/databases.ts';
import { guestAndBooking, HOTEL, hotelContext, POLICE } from '../../../test/fixtures/records.ts';
import { DatabaseInUse, openDatabase } from './database.ts';
import type { Store } from './index.ts';

const positioned = (values: unknown[]): PositionedItem[] => values.map((value, position) => ({ position, value }));

describe.each(databaseTargets())('the record store on $name', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await store.organisations.save(HOTEL);
    await store.organisations.save(POLICE);
  });
  afterAll(async () => {
    await dispose();
  });

  it('stores a batch once and changes nothing when the same batch comes again', async () => {
    const first = await ingestRecords(positioned(guestAndBooking()), hotelContext(), store.records);
    expect(first).toMatchObject({ total: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const again = await ingestRecords(
      positioned(guestAndBooking()),
      hotelContext('2026-02-01T00:00:00Z'),
      store.records,
    );
    expect(again).toMatchObject({ total: 3, inserted: 0, updated: 0, unchanged: 3 });
    const counts = await store.records.countByType(HOTEL.id);
    expect(counts).toEqual({ Person: 1, Booking: 1, StayedAt: 1 });
  });

  it('reads back properties with their types, markings and resolved references', async () => {
    const guestId = recordIdOf(HOTEL.id, 'bookings', 'guest-1');
    const bookingId = recordIdOf(HOTEL.id, 'bookings', 'booking-1');
    const guest = await store.records.get(guestId);
    expect(guest?.properties).toEqual({
      name: ['Ana Popescu', 'Ana Popesku'],
      birthDate: ['1999-04'],
      nationality: ['RO'],
      phone: ['+40 721 000 111'],
    });
    expect(guest?.envelope).toMatchObject({
      ownerOrganisation: HOTEL.id,
      sector: 'accommodation',
      tlp: 'AMBER',
      confidentiality: 'restricted',
      subjectCategory: 'other',
      collectedAt: '2026-01-15T10:00:00.000Z',
      retentionReviewAt: '2031-01-15',
    });
    expect(guest?.caption).toBe('Ana Popescu');
    const booking = await store.records.get(bookingId);
    expect(booking?.properties).toMatchObject({ guests: [guestId], amount: 12_950, currency: 'GBP' });
    const stay = await store.records.get(recordIdOf(HOTEL.id, 'bookings', 'stay-1'));
    expect(stay?.properties).toEqual({ guest: guestId, stay: bookingId });
  });

  it('updates a record whose content changed and counts its version', async () => {
    const [person] = guestAndBooking() as [{ properties: Record<string, unknown> }];
    person.properties['gender'] = 'female';
    const report = await ingestRecords(positioned([person]), hotelContext(), store.records);
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const stored = await store.records.get(recordIdOf(HOTEL.id, 'bookings', 'guest-1'));
    expect(stored?.version).toBe(2);
    expect(stored?.properties['gender']).toBe('female');
  });

  it('reports bad records by position and field and stores the good ones', async () => {
    const report = await ingestRecords(
      positioned([
        { type: 'Person', sourceRecordId: 'p-ok', properties: { name: 'Li Wei' } },
        { type: 'Person', sourceRecordId: 'p-bad', properties: { name: 'X', birthDate: '1990-02-30' } },
        { type: 'Spaceship', sourceRecordId: 's-1', properties: {} },
        {
          type: 'Payment',
          sourceRecordId: 'pay-1',
          properties: { amount: 10.5, currency: 'EUR', occurredAt: 'yesterday' },
        },
      ]),
      hotelContext(),
      store.records,
    );
    expect(report).toMatchObject({ total: 4, inserted: 1, rejected: 3 });
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ record: 1, sourceRecordId: 'p-bad', field: 'properties.birthDate' }),
        expect.objectContaining({ record: 2, field: 'type' }),
        expect.objectContaining({ record: 3, sourceRecordId: 'pay-1', field: 'properties.amount' }),
        expect.objectContaining({ record: 3, sourceRecordId: 'pay-1', field: 'properties.occurredAt' }),
      ]),
    );
    expect(await store.records.get(recordIdOf(HOTEL.id, 'bookings', 'p-bad'))).toBeUndefined();
  });

  it('writes nothing from an atomic batch that holds a bad record', async () => {
    const report = await ingestRecords(
      positioned([
        { type: 'Person', sourceRecordId: 'atomic-ok', properties: { name: 'Good' } },
        { type: 'Person', sourceRecordId: 'atomic-bad', properties: {} },
      ]),
      hotelContext(),
      store.records,
      { atomic: true },
    );
    expect(report).toMatchObject({ inserted: 0, rejected: 1, skipped: 1 });
    expect(report.errors[0]).toMatchObject({ record: 1, field: 'properties.name' });
    expect(await store.records.get(recordIdOf(HOTEL.id, 'bookings', 'atomic-ok'))).toBeUndefined();
  });

  it('counts spelt-out defaults as no change, and a new collection time given explicitly as one', async () => {
    const phone = (envelope: Record<string, unknown>) => ({
      type: 'Phone',
      sourceRecordId: 'dated',
      envelope,
      properties: { number: '+44 20 7946 0001' },
    });
    const first = { collectedAt: '2026-01-02T03:04:05Z' };
    expect(await ingestRecords(positioned([phone(first)]), hotelContext(), store.records)).toMatchObject({
      inserted: 1,
    });
    const spelt = { ...first, tlp: 'AMBER', confidentiality: 'restricted', subjectCategory: 'other' };
    expect(await ingestRecords(positioned([phone(spelt)]), hotelContext(), store.records)).toMatchObject({
      unchanged: 1,
    });
    expect(await ingestRecords(positioned([phone({})]), hotelContext(), store.records)).toMatchObject({ unchanged: 1 });
    const later = { collectedAt: '2026-02-02T03:04:05Z' };
    expect(await ingestRecords(positioned([phone(later)]), hotelContext(), store.records)).toMatchObject({
      updated: 1,
    });
    const stored = await store.records.get(recordIdOf(HOTEL.id, 'bookings', 'dated'));
    expect(stored?.envelope.collectedAt).toBe('2026-02-02T03:04:05.000Z');
  });

  it('refuses to turn a record into another type', async () => {
    const report = await ingestRecords(
      positioned([{ type: 'Phone', sourceRecordId: 'guest-1', properties: { number: '+44 20 7946 0000' } }]),
      hotelContext(),
      store.records,
    );
    expect(report).toMatchObject({ inserted: 0, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ field: 'type', code: 'type_conflict', sourceRecordId: 'guest-1' });
  });

  it('keeps the last of two records with the same id in one batch', async () => {
    const report = await ingestRecords(
      positioned([
        { type: 'Phone', sourceRecordId: 'dup', properties: { number: '111' } },
        { type: 'Phone', sourceRecordId: 'dup', properties: { number: '222' } },
      ]),
      hotelContext(),
      store.records,
    );
    expect(report).toMatchObject({ total: 2, inserted: 1, superseded: 1 });
    const stored = await store.records.get(recordIdOf(HOTEL.id, 'bookings', 'dup'));
    expect(stored?.properties['number']).toBe('222');
  });

  it('keeps every character of awkward text, whether loaded fresh or updated', async () => {
    const awkward = [
      'tab\there',
      'line\nbreak\r\nend',
      'back\\slash \\N',
      '"quoted", {braced}',
      'NULL',
      'محمد',
      '李伟 🙂',
    ];
    const record = (note: string) => ({
      type: 'Person',
      sourceRecordId: 'awkward',
      properties: { name: awkward, alias: 'NULL', description: `${awkward.join('|')}${note}` },
    });
    const id = recordIdOf(HOTEL.id, 'bookings', 'awkward');
    expect(await ingestRecords(positioned([record('')]), hotelContext(), store.records)).toMatchObject({ inserted: 1 });
    expect((await store.records.get(id))?.properties).toEqual({
      name: awkward,
      alias: ['NULL'],
      description: awkward.join('|'),
    });
    expect(await ingestRecords(positioned([record('!')]), hotelContext(), store.records)).toMatchObject({ updated: 1 });
    expect((await store.records.get(id))?.properties).toEqual({
      name: awkward,
      alias: ['NULL'],
      description: `${awkward.join('|')}!`,
    });
  });

  it('pages through an owner’s records in a stable order', async () => {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.records.page({
        ownerOrganisation: HOTEL.id,
        limit: 2,
        ...(after ? { after: after as never } : {}),
      });
      if (page.length === 0) break;
      ids.push(...page.map((record) => record.id));
      after = page.at(-1)?.id;
    }
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(await store.records.page({ ownerOrganisation: POLICE.id, limit: 10 })).toEqual([]);
  });

  it('reads times back in UTC to the millisecond, and one marking shared by its records, unchangeable', async () => {
    const adverts = [0, 1, 2].map((n) => ({
      type: 'Advert',
      sourceRecordId: `advert-${n}`,
      properties: {
        site: 'classifieds.example',
        postedAt: `2026-01-0${n + 1}T08:30:00.123456+02:00`,
        price: 2_000 + n,
      },
    }));
    const report = await ingestRecords(positioned(adverts), hotelContext(), store.records);
    expect(report.rejected).toBe(0);
    const read = await store.records.getMany(
      adverts.map((advert) => recordIdOf(HOTEL.id, 'bookings', advert.sourceRecordId)),
    );
    expect(read.map((record) => record.properties['postedAt']).sort()).toEqual([
      '2026-01-01T06:30:00.123Z',
      '2026-01-02T06:30:00.123Z',
      '2026-01-03T06:30:00.123Z',
    ]);
    expect(read.map((record) => record.properties['price']).sort()).toEqual([2_000, 2_001, 2_002]);
    const [first, second] = read;
    expect(first?.envelope.collectedAt).toBe('2026-01-15T10:00:00.000Z');
    expect(second?.envelope.purposes).toBe(first?.envelope.purposes);
    expect(() => (first?.envelope.purposes as string[]).push('marketing')).toThrow(TypeError);
  });
  it('claims an idempotency key once and replays its stored response', async () => {
    expect(await store.idempotency.claim(HOTEL.id, 'key-1', 'hash-a')).toEqual({ kind: 'claimed' });
    expect(await store.idempotency.claim(HOTEL.id, 'key-1', 'hash-a')).toEqual({ kind: 'in_flight' });
    expect(await store.idempotency.claim(HOTEL.id, 'key-1', 'hash-b')).toEqual({ kind: 'mismatch' });
    await store.idempotency.complete(HOTEL.id, 'key-1', 200, { inserted: 3 });
    expect(await store.idempotency.claim(HOTEL.id, 'key-1', 'hash-a')).toEqual({
      kind: 'completed',
      statusCode: 200,
      response: { inserted: 3 },
    });
    expect(await store.idempotency.claim(POLICE.id, 'key-1', 'hash-b')).toEqual({ kind: 'claimed' });
  });
});

describe('the embedded database', () => {
  it('refuses a second process on the same data folder and takes over a lock left by a dead one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'weft-lock-'));
    try {
      // A lock held by a live process (this test's parent) keeps the folder closed.
      writeFileSync(join(dataDir, 'weft.lock'), String(process.ppid));
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DatabaseInUse);
      // A lock left by a process that no longer exists is taken over.
      writeFileSync(join(dataDir, 'weft.lock'), '2147483646');
      const database = await openDatabase({ dataDir });
      await database.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
