/**
 * Erasure leaves nothing behind: records carrying canary values (a person's name, phone and
 * passport number, a victim's name, a booking and a payment reference, a source record id) are
 * ingested through the API, some refused on a retry with an Idempotency-Key, read, listed and
 * exported; the owner's administrator then purges the people and the booking. Every table of the
 * database (enumerated from pg_catalog, every column cast to text) is searched for the canaries
 * and the purged ids: none may be left, except the ids in the ledger's `object_ids`, which keep
 * (by design, ids only) that the erasure happened. Prints its figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/adapters/store/index.ts';
import { quotedColumn } from '../../src/adapters/store/database.ts';
import { recordIdOf } from '../../src/domain/model/ids.ts';
import { Resolver } from '../../src/apps/resolution/resolver.ts';
import { HOTEL } from '../fixtures/records.ts';
import { bearer } from '../support/app.ts';
import { databaseTargets } from '../support/databases.ts';
import { addUser, signInAndEnrol, signInApp, type SignInApp } from '../support/sign-in.ts';

const PASSWORD = 'quay-lantern-2041';
const SOURCE = 'frontdesk';

/** Values found nowhere but in the records to be purged. */
const CANARY = {
  name: 'Quillonia Vexbridge',
  phone: '+44 7700 900417',
  passport: 'PZ9931CANARY',
  victim: 'Marisol Canaryfeld',
  booking: 'BK-CANARY-7731',
  payment: 'TXN-CANARY-5521',
  sourceRecordId: 'guest-canary-0417',
};

const id = (source: string) => recordIdOf(HOTEL.id, SOURCE, source);

/** Every table of the database a session can read: its own temporary ones included. */
async function tablesOf(sql: Sql): Promise<{ table: string; columns: string[] }[]> {
  const rows = await sql.query<{ schema: string; name: string; columns: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS name,
       array_to_json(ARRAY(SELECT a.attname::text FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)) AS columns
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg_toast%' AND (n.nspname NOT LIKE 'pg_temp%' OR n.oid = pg_my_temp_schema())
     ORDER BY 1, 2`,
  );
  return rows.map((row) => ({ table: `${quotedColumn(row.schema)}.${quotedColumn(row.name)}`, ...row }));
}

/**
 * Where each needle occurs: `table.column` for every column holding it. The ledger's `object_ids`
 * is left out: it holds the ids of what was erased, by design.
 */
async function search(sql: Sql, needles: readonly string[]): Promise<{ tables: number; found: string[] }> {
  const tables = await tablesOf(sql);
  const found: string[] = [];
  for (const { table, columns } of tables) {
    for (const column of columns) {
      if (table === '"public"."ledger"' && column === 'object_ids') continue;
      const rows = await sql.query<{ text: string }>(
        `SELECT ${quotedColumn(column)}::text AS text FROM ${table}
         WHERE ${quotedColumn(column)}::text ILIKE ANY($1::text[])`,
        [needles.map((needle) => `%${needle}%`)],
      );
      for (const row of rows) {
        for (const needle of needles) {
          if (row.text.toLowerCase().includes(needle.toLowerCase())) found.push(`${table}.${column}: ${needle}`);
        }
      }
    }
  }
  return { tables: tables.length, found };
}

describe.each(databaseTargets())('purge canaries on $name', (target) => {
  let t: SignInApp;
  let key: string;
  let admin: string;
  const purged = [
    id(CANARY.sourceRecordId),
    id('victim-1'),
    id('booking-1'),
    id('stay-1'),
    id('stay-victim'),
    id('payment-1'),
  ];

  const records = [
    {
      type: 'Person',
      sourceRecordId: CANARY.sourceRecordId,
      properties: { name: CANARY.name, phone: CANARY.phone, idNumber: CANARY.passport, nationality: 'GB' },
    },
    {
      type: 'Person',
      sourceRecordId: 'victim-1',
      envelope: { subjectCategory: 'victim' },
      properties: { name: CANARY.victim },
    },
    { type: 'Person', sourceRecordId: 'other-guest', properties: { name: 'Other Guest' } },
    // Not purged: judged the same person as the canary, so that they share an entity.
    { type: 'Person', sourceRecordId: 'alias-record', properties: { name: 'Alias Record' } },
    { type: 'Organization', sourceRecordId: 'hotel-leeds', properties: { name: 'Harbour Hotel Leeds' } },
    {
      type: 'Booking',
      sourceRecordId: 'booking-1',
      properties: {
        bookingReference: CANARY.booking,
        checkIn: '2026-01-10',
        guests: [CANARY.sourceRecordId, 'victim-1'],
        guestNames: [CANARY.name, CANARY.victim],
        accommodation: 'hotel-leeds',
      },
    },
    // Not purged: it loses the purged guests and keeps the other one.
    {
      type: 'Booking',
      sourceRecordId: 'booking-2',
      properties: { checkIn: '2026-02-01', guests: [CANARY.sourceRecordId, 'other-guest'], bookedBy: 'victim-1' },
    },
    // Not purged either, and sealed (a victim's): its references are cleared inside the ciphertext.
    {
      type: 'Booking',
      sourceRecordId: 'booking-sealed',
      envelope: { subjectCategory: 'victim' },
      properties: { checkIn: '2026-02-02', guests: [CANARY.sourceRecordId, 'other-guest'] },
    },
    { type: 'StayedAt', sourceRecordId: 'stay-1', properties: { guest: CANARY.sourceRecordId, stay: 'booking-1' } },
    { type: 'StayedAt', sourceRecordId: 'stay-victim', properties: { guest: 'victim-1', stay: 'booking-2' } },
    {
      type: 'Payment',
      sourceRecordId: 'payment-1',
      properties: {
        payer: CANARY.sourceRecordId,
        payee: 'hotel-leeds',
        amount: 12_950,
        currency: 'GBP',
        occurredAt: '2026-01-10T18:00:00Z',
        reference: CANARY.payment,
      },
    },
  ];

  beforeAll(async () => {
    t = await signInApp(target);
    key = await t.store.organisations.issueApiKey(HOTEL.id, 'frontdesk', [
      'records:write',
      'records:read',
      'records:export',
    ]);
    await addUser(t.store, { email: 'admin@hotel.example', password: PASSWORD, roles: ['admin'], clearance: 'secret' });
    admin = (await signInAndEnrol(t, { email: 'admin@hotel.example', password: PASSWORD })).cookie;
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { ...bearer(key), 'idempotency-key': 'batch-1' },
      payload: { sourceSystem: SOURCE, envelope: { tlp: 'AMBER' }, records },
    });
    expect(submitted.json()).toMatchObject({ inserted: records.length, rejected: 0 });
    // Resolved, and judged, so that the derived tables (identifiers, edges, links, judgements,
    // entities) hold the canaries' ids too.
    const resolver = new Resolver(t.store);
    await resolver.resolvePending();
    await t.store.resolution.judge(
      [
        {
          recordA: id(CANARY.sourceRecordId),
          recordB: id('alias-record'),
          verdict: 'same',
          reason: 'the same passport',
          organisationId: HOTEL.id,
          decidedBy: 'user:analyst',
        },
      ],
      {
        actor: 'user:analyst',
        organisation: HOTEL.id,
        action: 'combine',
        requestId: null,
        purpose: 'investigation',
        objectIds: [id(CANARY.sourceRecordId), id('alias-record')],
        outcome: 'ok',
        detail: 'judged_same',
      },
    );
    await resolver.regroup([id(CANARY.sourceRecordId), id('alias-record')]);
    // A refused resubmission: its report (stored with the job and the idempotent response) names the source id.
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { ...bearer(key), 'idempotency-key': 'batch-2' },
      payload: {
        sourceSystem: SOURCE,
        records: [
          { type: 'Person', sourceRecordId: CANARY.sourceRecordId, properties: { name: 'X', birthDate: 'soon' } },
          { type: 'Phone', sourceRecordId: 'victim-1', properties: { number: '+44 7700 900000' } },
        ],
      },
    });
    expect(refused.json()).toMatchObject({ rejected: 2 });
    expect(refused.body).toContain(CANARY.sourceRecordId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves no canary and no purged id in any table, apart from the ids in the ledger', async () => {
    // Read once, every way: one by one, listed, exported, and on the retention review list.
    for (const record of records) {
      const read = await t.app.inject({ url: `/api/v1/records/${id(record.sourceRecordId)}`, headers: bearer(key) });
      expect(read.statusCode).toBe(200);
    }
    const listed = await t.app.inject({ url: '/api/v1/records?limit=1000', headers: bearer(key) });
    expect(listed.body).toContain(CANARY.name);
    const exported = await t.app.inject({ url: '/api/v1/export?format=jsonl', headers: bearer(key) });
    expect(exported.body).toContain(CANARY.passport);
    const due = await t.app.inject({ url: '/api/v1/retention/due', headers: { cookie: admin } });
    expect(due.statusCode).toBe(200);

    const needles = [...Object.values(CANARY), ...purged];
    const before = await t.store.database.transaction((sql) => search(sql, needles));
    // The search finds what is there: every canary and id before the purge (the victim's name is
    // sealed, so found only where written in clear, in the booking's guest names).
    for (const needle of needles)
      expect(
        before.found.some((hit) => hit.endsWith(`: ${needle}`)),
        needle,
      ).toBe(true);

    // Derived data holds the purged ids too: the edges records state, the judgement, the entity.
    for (const table of ['graph_edges', 'resolution_judgements', 'resolution_members', 'resolution_state'])
      expect(
        before.found.some((hit) => hit.startsWith(`"public"."${table}"`) && hit.endsWith(id(CANARY.sourceRecordId))),
        table,
      ).toBe(true);

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/retention/purge',
      headers: { cookie: admin },
      payload: { ids: [id(CANARY.sourceRecordId), id('victim-1'), id('booking-1')] },
    });
    expect(response.json()).toEqual({ purged: 3, cascaded: 3, referencesCleared: 2, notFound: [] });

    const after = await t.store.database.transaction((sql) => search(sql, needles));
    console.log(`purge: ${after.tables} tables searched, ${after.found.length} canaries found`);
    expect(after.found).toEqual([]);
    expect(after.tables).toBeGreaterThanOrEqual(40);

    // What was not purged is still there, without the references to what was.
    const kept = await t.app.inject({ url: `/api/v1/records/${id('booking-2')}`, headers: bearer(key) });
    expect(kept.json()).toMatchObject({ properties: { guests: [id('other-guest')] } });
    expect(kept.json<{ properties: Record<string, unknown> }>().properties).not.toHaveProperty('bookedBy');
    const sealed = await t.app.inject({ url: `/api/v1/records/${id('booking-sealed')}`, headers: bearer(key) });
    expect(sealed.json()).toMatchObject({ properties: { checkIn: '2026-02-02', guests: [id('other-guest')] } });
    expect((await t.app.inject({ url: `/api/v1/records/${id('hotel-leeds')}`, headers: bearer(key) })).statusCode).toBe(
      200,
    );
    // The ledger keeps that the erasure happened, by id, and still verifies.
    const [erasure] = await t.store.database.query<{ object_ids: string[] }>(
      "SELECT array_to_json(object_ids) AS object_ids FROM ledger WHERE action = 'erase' AND outcome = 'ok'",
    );
    expect([...(erasure?.object_ids ?? [])].sort()).toEqual([...purged].sort());
    expect((await t.store.ledger.verify()).ok).toBe(true);
    // A retry of the first batch's key replays its stored answer: the records do not come back.
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { ...bearer(key), 'idempotency-key': 'batch-1' },
      payload: { sourceSystem: SOURCE, envelope: { tlp: 'AMBER' }, records },
    });
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect((await t.app.inject({ url: `/api/v1/records/${purged[0] ?? ''}`, headers: bearer(key) })).statusCode).toBe(
      404,
    );
  });
});
