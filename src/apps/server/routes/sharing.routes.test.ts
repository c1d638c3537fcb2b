/**
 * Sharing through the API: what another organisation sees of the hotel's records, by marking and
 * purpose; that forbidden and absent look alike; and that every read and write is in the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';

const HUB = { id: 'weft-hub', name: 'Hub', organisationType: 'coordinator', sector: 'coordination' } as const;

interface Shown {
  readonly properties: Record<string, string[] | undefined>;
}

const person = (sourceRecordId: string, name: string, extra: Record<string, unknown> = {}) => ({
  type: 'Person',
  sourceRecordId,
  properties: { name, phone: '+40 721 000 111', ...extra },
});

describe.each(databaseTargets())('sharing through the API on $name', (target) => {
  let t: TestApp;
  let hub: string;
  let policeCaseworker: string;
  const id = (sourceRecordId: string) => recordIdOf(HOTEL.id, 'guests', sourceRecordId);
  const get = (key: string, sourceRecordId: string, purpose = 'investigation') =>
    t.app.inject({ url: `/api/v1/records/${id(sourceRecordId)}`, headers: bearer(key, purpose) });

  beforeAll(async () => {
    t = await testApp(target);
    await t.store.organisations.save(HUB);
    hub = await t.store.organisations.issueApiKey(HUB.id, 'test', ['records:read', 'records:export'], {
      roles: ['analyst'],
      clearance: 'secret',
    });
    policeCaseworker = await t.store.organisations.issueApiKey(POLICE.id, 'test', ['records:read'], {
      roles: ['caseworker'],
      clearance: 'confidential',
    });
    const submit = (envelope: object, records: object[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/records',
        headers: bearer(t.keys.hotel),
        payload: { sourceSystem: 'guests', envelope, records },
      });
    for (const response of [
      await submit({ tlp: 'GREEN', fieldRestrictions: { phone: ['communications'] } }, [person('green', 'Ana Green')]),
      await submit({ tlp: 'AMBER' }, [person('amber', 'Ana Amber')]),
      await submit({}, [person('unmarked', 'Ana Unmarked')]),
      await submit({ tlp: 'GREEN', confidentiality: 'secret' }, [person('secret', 'Ana Secret')]),
      await submit({ tlp: 'GREEN', purposes: ['victim_support'] }, [person('support', 'Ana Support')]),
    ])
      expect(response.json()).toMatchObject({ inserted: 1, rejected: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a GREEN record to another organisation, without the fields kept for another sector', async () => {
    const response = await get(t.keys.police, 'green');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ properties: { name: ['Ana Green'] }, caption: null });
    expect(response.json<Shown>().properties).not.toHaveProperty('phone');
    // The owner sees it whole.
    expect((await get(t.keys.hotel, 'green')).json<Shown>().properties).toHaveProperty('phone');
  });

  it('keeps AMBER for coordinators, unmarked records for the owner, secret ones for the cleared', async () => {
    expect((await get(t.keys.police, 'amber')).statusCode).toBe(404);
    expect((await get(hub, 'amber')).statusCode).toBe(200);
    expect((await get(hub, 'unmarked')).statusCode).toBe(404);
    expect((await get(t.keys.police, 'secret')).statusCode).toBe(404);
    expect((await get(hub, 'secret')).statusCode).toBe(200);
  });

  it('lets a record limit its purposes, and a role limit what it may declare', async () => {
    expect((await get(hub, 'support')).statusCode).toBe(404);
    expect((await get(policeCaseworker, 'support', 'victim_support')).statusCode).toBe(200);
    const refused = await get(t.keys.police, 'green', 'victim_support');
    expect(refused.statusCode).toBe(403);
    const undeclared = await t.app.inject({
      url: `/api/v1/records/${id('green')}`,
      headers: { authorization: `Bearer ${t.keys.police}` },
    });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json<{ error: { details: unknown } }>().error.details).toEqual([
      expect.objectContaining({ field: 'purpose' }),
    ]);
    expect((await get(t.keys.police, 'green', 'curiosity')).statusCode).toBe(400);
  });

  it('answers a forbidden record exactly as one that does not exist', async () => {
    const forbidden = await get(t.keys.police, 'amber');
    const absent = await get(t.keys.police, 'no-such-record');
    const strip = (body: { error: Record<string, unknown> }) => ({ ...body.error, correlationId: undefined });
    expect(forbidden.statusCode).toBe(absent.statusCode);
    expect(strip(forbidden.json())).toEqual(strip(absent.json()));
    expect(Object.keys(forbidden.headers).sort()).toEqual(Object.keys(absent.headers).sort());
    expect(forbidden.headers['content-length']).toBe(absent.headers['content-length']);
  });

  it('lists and exports only what the reader may see', async () => {
    const listed = await t.app.inject({ url: '/api/v1/records?type=Person', headers: bearer(t.keys.police) });
    const names = listed.json<{ records: Shown[] }>().records.map((record) => record.properties['name']?.[0]);
    expect(names).toEqual(['Ana Green']);
    const exported = await t.app.inject({ url: '/api/v1/export?format=jsonl', headers: bearer(hub) });
    const lines = exported.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { sourceRecordId: string });
    expect(lines.map((line) => line.sourceRecordId).sort()).toEqual(['amber', 'green', 'secret']);
  });

  it('records in the ledger each collection, consultation and disclosure, with ids and never content', async () => {
    const entries = await t.store.ledger.read(0, 1_000);
    const collected = entries.filter((entry) => entry.action === 'collect').flatMap((entry) => entry.objectIds);
    expect(collected).toEqual(expect.arrayContaining([id('green'), id('amber'), id('unmarked')]));
    const consulted = entries.filter((entry) => entry.action === 'consult' && entry.organisation === POLICE.id);
    expect(consulted.some((entry) => entry.outcome === 'denied' && entry.objectIds.includes(id('amber')))).toBe(true);
    expect(consulted.some((entry) => entry.outcome === 'ok' && entry.objectIds.includes(id('green')))).toBe(true);
    expect(consulted.every((entry) => entry.purpose !== null && entry.requestId !== null)).toBe(true);
    const disclosed = entries.filter((entry) => entry.action === 'disclose' && entry.organisation === HUB.id);
    expect(disclosed.flatMap((entry) => entry.objectIds)).toEqual(expect.arrayContaining([id('amber')]));
    expect(JSON.stringify(entries)).not.toMatch(/Ana |\+40 721|000 111/u);
    expect(await t.store.ledger.verify()).toMatchObject({ ok: true });
  });
});
