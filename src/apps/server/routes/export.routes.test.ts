import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { importForm } from '../../../../test/support/multipart.ts';
import { guestAndBooking, HOTEL, POLICE } from '../../../../test/fixtures/records.ts';

interface FtmEntity {
  readonly id: string;
  readonly schema: string;
  readonly properties: Record<string, string[]>;
}

interface RecordLine {
  readonly type: string;
  readonly sourceRecordId: string;
  readonly sourceSystem: string;
  readonly envelope: Record<string, unknown>;
  readonly properties: Record<string, unknown>;
}

interface Report {
  readonly total: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly errors: unknown[];
}

// A name no other record carries: if it shows up in the hotel's export, the police's record leaked.
const CANARY = 'Quillon Zephyrine Canary';
// A date only the restricted record carries.
const RESTRICTED_BIRTH_DATE = '1977-11-23';

function linesOf(body: string): unknown[] {
  expect(body.endsWith('\n')).toBe(true);
  return body
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe.each(databaseTargets())('the export API on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(target);
    const submit = async (key: string, body: unknown) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/records',
        headers: bearer(key),
        payload: body as object,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<Report>().rejected).toBe(0);
    };
    await submit(t.keys.hotel, {
      sourceSystem: 'bookings',
      envelope: { tlp: 'AMBER' },
      records: [
        ...guestAndBooking(),
        {
          type: 'Organization',
          sourceRecordId: 'hotel-leeds',
          properties: { name: 'Harbour Hotel Leeds', category: 'hotel', country: 'GB' },
        },
      ],
    });
    await submit(t.keys.police, {
      sourceSystem: 'cases',
      envelope: { tlp: 'RED', subjectCategory: 'suspect' },
      records: [{ type: 'Person', sourceRecordId: 'suspect-1', properties: { name: CANARY, birthDate: '1980' } }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const exportAs = (format: string, key = t.keys.hotel) =>
    t.app.inject({ url: `/api/v1/export?format=${format}`, headers: bearer(key) });

  it('exports the caller’s records as FtM entities, one per line, and never another organisation’s', async () => {
    const response = await exportAs('ftm');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const entities = linesOf(response.body) as FtmEntity[];
    const person = entities.find((entity) => entity.id === recordIdOf(HOTEL.id, 'bookings', 'guest-1'));
    expect(person).toMatchObject({
      schema: 'Person',
      properties: { name: ['Ana Popescu', 'Ana Popesku'], nationality: ['ro'] },
    });
    const hotel = entities.find((entity) => entity.id === recordIdOf(HOTEL.id, 'bookings', 'hotel-leeds'));
    expect(hotel).toMatchObject({ schema: 'Organization', properties: { name: ['Harbour Hotel Leeds'] } });
    // Bookings have no FtM schema, so they stay behind.
    expect(entities.map((entity) => entity.id)).not.toContain(recordIdOf(HOTEL.id, 'bookings', 'booking-1'));
    expect(response.body).not.toContain(CANARY);
    expect(response.body).not.toContain(recordIdOf(POLICE.id, 'cases', 'suspect-1'));

    // The canary is there to be found by its owner, so its absence above means something.
    const theirs = await exportAs('ftm', t.keys.police);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain(CANARY);
    expect(theirs.body).not.toContain('Ana Popescu');
  });

  const reimport = (file: string) => {
    const form = importForm({ format: 'jsonl', sourceSystem: 're-import', fileName: 'export.jsonl', file });
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(t.keys.hotel), ...form.headers },
      payload: form.payload,
    });
  };

  it('exports Weft JSON Lines that the same organisation can import again without adding or altering anything', async () => {
    const exported = await exportAs('jsonl');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const lines = linesOf(exported.body) as RecordLine[];
    expect(lines.map((line) => line.sourceRecordId)).toEqual(
      expect.arrayContaining(['booking-1', 'guest-1', 'hotel-leeds', 'stay-1']),
    );
    expect(lines.every((line) => line.sourceSystem === 'bookings')).toBe(true);
    expect(exported.body).not.toContain(CANARY);

    const response = await reimport(exported.body);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    expect(report).toMatchObject({ total: lines.length, inserted: 0, rejected: 0, errors: [] });
    expect(report.updated + report.unchanged).toBe(lines.length);
    // Every record went back where it came from: nothing new, and the same export again.
    const again = await exportAs('jsonl');
    expect(again.body).toBe(exported.body);
  });

  // A record's content hash covers its effective markings, not the markings as spelt out, so an
  // export (which spells out every default) imports again as unchanged.
  it('reports its own re-imported JSON Lines export as unchanged', async () => {
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: bearer(t.keys.hotel),
      payload: {
        sourceSystem: 'phones',
        envelope: { tlp: 'GREEN' },
        records: [{ type: 'Phone', sourceRecordId: 'phone-1', properties: { number: '+44 7700 900456' } }],
      },
    });
    expect(submitted.json<Report>()).toMatchObject({ inserted: 1 });
    const exported = await t.app.inject({
      url: '/api/v1/export?format=jsonl&type=Phone',
      headers: bearer(t.keys.hotel),
    });
    expect(linesOf(exported.body)).toHaveLength(1);
    const response = await reimport(exported.body);
    expect(response.json<Report>()).toMatchObject({ total: 1, inserted: 0, updated: 0, unchanged: 1, rejected: 0 });
    const stored = await t.store.records.get(recordIdOf(HOTEL.id, 'phones', 'phone-1'));
    expect(stored?.version).toBe(1);
  });

  it('gives the owner all of its fields, with the restriction carried in the markings so that a re-import keeps it', async () => {
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: bearer(t.keys.hotel),
      payload: {
        sourceSystem: 'bookings',
        records: [
          {
            type: 'Person',
            sourceRecordId: 'guest-restricted',
            envelope: { fieldRestrictions: { birthDate: ['law_enforcement'] } },
            properties: { name: 'Restricted Guest', birthDate: RESTRICTED_BIRTH_DATE },
          },
        ],
      },
    });
    expect(submitted.json<Report>()).toMatchObject({ inserted: 1, rejected: 0 });
    const id = recordIdOf(HOTEL.id, 'bookings', 'guest-restricted');

    // Field restrictions name the recipient sectors; they never hide the owner's own data from it.
    const ftm = await exportAs('ftm');
    const entity = (linesOf(ftm.body) as FtmEntity[]).find((candidate) => candidate.id === id);
    expect(entity?.properties['birthDate']).toEqual([RESTRICTED_BIRTH_DATE]);

    const jsonl = await exportAs('jsonl');
    const line = (linesOf(jsonl.body) as (RecordLine & { envelope: { fieldRestrictions?: unknown } })[]).find(
      (candidate) => candidate.sourceRecordId === 'guest-restricted',
    );
    expect(line?.properties).toEqual({ name: ['Restricted Guest'], birthDate: [RESTRICTED_BIRTH_DATE] });
    expect(line?.envelope.fieldRestrictions).toEqual({ birthDate: ['law_enforcement'] });

    // The police, of the sector allowed the field, still see nothing of another organisation's record.
    const police = await t.app.inject({ url: '/api/v1/export?format=jsonl', headers: bearer(t.keys.police) });
    expect(police.body).not.toContain(RESTRICTED_BIRTH_DATE);
  });

  it('exports only the types asked for', async () => {
    const response = await t.app.inject({
      url: '/api/v1/export?format=jsonl&type=Organization',
      headers: bearer(t.keys.hotel),
    });
    expect(response.statusCode).toBe(200);
    expect((linesOf(response.body) as RecordLine[]).map((line) => line.sourceRecordId)).toEqual(['hotel-leeds']);
  });

  it('needs the records:export permission', async () => {
    for (const format of ['ftm', 'jsonl']) {
      const response = await exportAs(format, t.keys.hotelReadOnly);
      expect(response.statusCode).toBe(403);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('forbidden');
      expect(response.body).not.toContain('Ana Popescu');
    }
    const anonymous = await t.app.inject({ url: '/api/v1/export?format=ftm' });
    expect(anonymous.statusCode).toBe(401);
  });
});
