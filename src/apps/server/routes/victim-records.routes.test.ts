/**
 * Victims' records through the API: stored sealed (no value of theirs in clear in any table after
 * a submission, its idempotent replay, reads and an export), read decrypted by their owner by id,
 * in lists and in exports, and taken back unchanged when the export is imported again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { searchInClear } from '../../../../test/support/clear-text.ts';
import { importForm } from '../../../../test/support/multipart.ts';
import { HOTEL } from '../../../../test/fixtures/records.ts';

const CANARIES = { name: 'Ilinca Marchwood', phone: '+40 721 777 404', idNumber: 'RO8841207' };

interface Shown {
  readonly id: string;
  readonly caption: string | null;
  readonly properties: Record<string, unknown>;
}

describe.each(databaseTargets())('victims’ records through the API on $name', (target) => {
  let t: TestApp;
  const id = recordIdOf(HOTEL.id, 'casework', 'victim-1');
  const submission = {
    sourceSystem: 'casework',
    envelope: { tlp: 'AMBER', subjectCategory: 'victim', purposes: ['victim_support', 'investigation'] },
    records: [{ type: 'Person', sourceRecordId: 'victim-1', properties: { ...CANARIES, birthDate: '2004-03' } }],
  };
  const submit = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { ...bearer(t.keys.hotel), 'idempotency-key': 'casework-1' },
      payload: submission,
    });

  beforeAll(async () => {
    t = await testApp(target);
    const first = await submit();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ inserted: 1, rejected: 0 });
    // A retry is replayed from the stored response, which must not hold the content either.
    expect((await submit()).headers['idempotency-replayed']).toBe('true');
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the owner the record decrypted, by id and in a list', async () => {
    const one = await t.app.inject({ url: `/api/v1/records/${id}`, headers: bearer(t.keys.hotel) });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id,
      caption: null,
      envelope: { subjectCategory: 'victim', ownerOrganisation: HOTEL.id },
      properties: {
        name: [CANARIES.name],
        phone: [CANARIES.phone],
        idNumber: [CANARIES.idNumber],
        birthDate: ['2004-03'],
      },
    });
    const list = await t.app.inject({ url: '/api/v1/records?type=Person', headers: bearer(t.keys.hotel) });
    expect(list.statusCode).toBe(200);
    const shown = list.json<{ records: Shown[] }>().records.find((record) => record.id === id);
    expect(shown?.properties['name']).toEqual([CANARIES.name]);
  });

  it('exports it decrypted to its owner, and takes the export back as unchanged', async () => {
    const exported = await t.app.inject({ url: '/api/v1/export?format=jsonl', headers: bearer(t.keys.hotel) });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain(CANARIES.idNumber);
    const form = importForm({
      format: 'jsonl',
      sourceSystem: 'casework',
      fileName: 'export.jsonl',
      file: exported.body,
    });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(t.keys.hotel), ...form.headers },
      payload: form.payload,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ total: 1, inserted: 0, updated: 0, unchanged: 1, rejected: 0 });
  });

  it('leaves none of its values in clear in any table', async () => {
    const search = await searchInClear(t.store.database, Object.values(CANARIES));
    console.log(
      `victim canaries through the API (${target.name}): ${search.tablesSearched} tables searched, ` +
        `${search.hits.length} found in clear`,
    );
    expect(search.hits).toEqual([]);
  });
});
