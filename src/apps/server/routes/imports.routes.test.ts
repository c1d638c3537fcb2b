import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordError } from '../../../domain/ingest/errors.ts';
import type { BatchReport } from '../../../domain/ingest/ingest.service.ts';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { importForm, multipartForm } from '../../../../test/support/multipart.ts';
import { HOTEL } from '../../../../test/fixtures/records.ts';

/** The response of an import: a batch report with the job that keeps it. */
type Report = BatchReport & { readonly jobId: string };

interface ErrorResponse {
  readonly error: { code: string; message: string; details?: { field: string; message: string }[] };
}

interface RecordBody {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly envelope: { sourceSystem: string; sourceRecordId: string; tlp: string | null; subjectCategory: string };
  readonly properties: Record<string, unknown>;
}

const MAPPING = {
  sourceSystem: 'guests',
  records: [
    {
      type: 'Person',
      sourceRecordId: 'guest-{guest_id}',
      envelope: { subjectCategory: 'victim' },
      properties: {
        name: 'full_name',
        birthDate: { column: 'dob', dateFormat: 'DD/MM/YYYY' },
      },
    },
    {
      type: 'Booking',
      sourceRecordId: 'booking-{booking_id}',
      properties: {
        checkIn: 'arrival',
        guests: { template: 'guest-{guest_id}' },
        amount: { column: 'total', decimals: 2 },
        currency: { value: 'EUR' },
      },
    },
  ],
};

// Line 3: a date not in the declared layout (the Person is refused, the Booking kept).
// Line 4: an amount that is not a number (the Booking is refused, the Person kept); its unmapped
// `notes` cell spans lines 4 and 5, so every later line number depends on counting it.
// Line 6: too few columns (the whole row is unreadable).
// Line 8: both records of the row are refused, which counts as two refused records.
const GUESTS_CSV = [
  'guest_id,full_name,dob,booking_id,arrival,total,notes',
  'g1,Ana Popescu,04/01/1999,b1,2026-01-10,129.50,',
  'g2,Ion Rusu,1990-05-04,b2,2026-01-11,80.00,',
  'g3,Maria Lopez,12/12/1985,b3,2026-01-12,twelve,"first line',
  'second line"',
  'g4,Short Row',
  'g5,Li Wei,01/02/2000,b5,2026-01-14,45.5,',
  'g6,Both Bad,yesterday,b6,2026-01-15,lots,',
  '',
].join('\n');

describe.each(databaseTargets())('the imports API on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(target);
  });
  afterAll(async () => {
    await t.close();
  });

  const upload = (form: ReturnType<typeof importForm>, key = t.keys.hotel) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(key), ...form.headers },
      payload: form.payload,
    });

  const uploadGuests = () =>
    upload(
      importForm({
        format: 'csv',
        mapping: JSON.stringify(MAPPING),
        envelope: JSON.stringify({ tlp: 'AMBER' }),
        fileName: 'guests.csv',
        file: GUESTS_CSV,
      }),
    );

  const getRecord = (sourceSystem: string, sourceRecordId: string) =>
    t.app.inject({
      url: `/api/v1/records/${recordIdOf(HOTEL.id, sourceSystem, sourceRecordId)}`,
      headers: bearer(t.keys.hotel),
    });

  async function recordsOf(sourceSystem: string): Promise<RecordBody[]> {
    const response = await t.app.inject({ url: '/api/v1/records?limit=1000', headers: bearer(t.keys.hotel) });
    expect(response.statusCode).toBe(200);
    return response
      .json<{ records: RecordBody[] }>()
      .records.filter((record) => record.envelope.sourceSystem === sourceSystem);
  }

  let firstReport: Report | undefined;

  it('imports a CSV through a two-record mapping, keeping good records and reporting bad lines by field', async () => {
    const response = await uploadGuests();
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    firstReport = report;
    expect(report).toMatchObject({ total: 11, inserted: 6, updated: 0, unchanged: 0, rejected: 5, skipped: 0 });
    expect(report.jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.errors.map((error) => [error.record, error.field])).toEqual([
      [3, 'records[0].properties.birthDate'],
      [4, 'records[1].properties.amount'],
      [6, 'line'],
      [8, 'records[0].properties.birthDate'],
      [8, 'records[1].properties.amount'],
    ]);
    expect(report.errors[0]?.message).toContain('DD/MM/YYYY');
    expect(report.errors[1]?.message).toContain('"twelve"');
  });

  it('stores the imported records with converted values, references and markings', async () => {
    const person = await getRecord('guests', 'guest-g1');
    expect(person.statusCode).toBe(200);
    expect(person.json<RecordBody>()).toMatchObject({
      type: 'Person',
      envelope: { sourceSystem: 'guests', sourceRecordId: 'guest-g1', tlp: 'AMBER', subjectCategory: 'victim' },
      properties: { name: ['Ana Popescu'], birthDate: ['1999-01-04'] },
    });
    const booking = await getRecord('guests', 'booking-b5');
    expect(booking.statusCode).toBe(200);
    expect(booking.json<RecordBody>()).toMatchObject({
      type: 'Booking',
      envelope: { tlp: 'AMBER', subjectCategory: 'other' },
      properties: {
        checkIn: '2026-01-14',
        amount: 4550,
        currency: 'EUR',
        guests: [recordIdOf(HOTEL.id, 'guests', 'guest-g5')],
      },
    });
    // The other halves of the rows with one bad record were kept.
    expect((await getRecord('guests', 'booking-b2')).statusCode).toBe(200);
    expect((await getRecord('guests', 'guest-g3')).statusCode).toBe(200);
    // The refused records, the unreadable row and the wholly bad row left nothing behind.
    for (const id of ['guest-g2', 'booking-b3', 'guest-g4', 'guest-g6', 'booking-b6']) {
      expect((await getRecord('guests', id)).statusCode, id).toBe(404);
    }
    expect(await recordsOf('guests')).toHaveLength(6);
  });

  it('reports every record unchanged when the same file is uploaded again, doubling nothing', async () => {
    const response = await uploadGuests();
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    expect(report).toMatchObject({ total: 11, inserted: 0, updated: 0, unchanged: 6, rejected: 5 });
    expect(report.jobId).not.toBe(firstReport?.jobId);
    expect(report.errors).toEqual(firstReport?.errors);
    const records = await recordsOf('guests');
    expect(records).toHaveLength(6);
    expect(records.map((record) => record.version)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('keeps the report of an import as a job that only its organisation can see', async () => {
    expect(firstReport).toBeDefined();
    const { jobId, ...counts } = firstReport ?? ({} as Report);
    const job = await t.app.inject({ url: `/api/v1/ingest-jobs/${jobId}`, headers: bearer(t.keys.hotel) });
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({
      id: jobId,
      organisationId: HOTEL.id,
      channel: 'api',
      format: 'csv',
      fileName: 'guests.csv',
      sourceSystem: 'guests',
      state: 'completed',
      total: counts.total,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
    });
    const stored = job.json<{ errors: RecordError[] }>().errors;
    expect([...stored].sort((a, b) => a.record - b.record || a.field.localeCompare(b.field))).toEqual(
      [...counts.errors].sort((a, b) => a.record - b.record || a.field.localeCompare(b.field)),
    );
    const listed = await t.app.inject({ url: '/api/v1/ingest-jobs', headers: bearer(t.keys.hotel) });
    expect(listed.json<{ jobs: { id: string }[] }>().jobs.map((listedJob) => listedJob.id)).toContain(jobId);

    const theirs = await t.app.inject({ url: `/api/v1/ingest-jobs/${jobId}`, headers: bearer(t.keys.police) });
    expect(theirs.statusCode).toBe(404);
    const theirList = await t.app.inject({ url: '/api/v1/ingest-jobs', headers: bearer(t.keys.police) });
    expect(theirList.json<{ jobs: { id: string }[] }>().jobs.map((listedJob) => listedJob.id)).not.toContain(jobId);
  });

  it('takes the mapping as an attached file too, as `curl -F mapping=@mapping.json` sends it', async () => {
    const response = await upload(
      multipartForm([
        { name: 'format', value: 'csv' },
        { name: 'mapping', value: JSON.stringify(MAPPING), fileName: 'mapping.json', contentType: 'application/json' },
        { name: 'file', value: GUESTS_CSV, fileName: 'guests.csv' },
      ]),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Report>()).toMatchObject({ total: 11, rejected: 5 });
  });

  it('refuses a mapping that names a column the file lacks, before writing anything', async () => {
    const mapping = {
      ...MAPPING,
      sourceSystem: 'guests-missing-column',
      records: [
        MAPPING.records[0],
        { ...MAPPING.records[1], properties: { ...MAPPING.records[1]?.properties, checkOut: 'departure' } },
      ],
    };
    const response = await upload(
      importForm({ format: 'csv', mapping: JSON.stringify(mapping), fileName: 'guests.csv', file: GUESTS_CSV }),
    );
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorResponse>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual([
      { field: 'mapping', message: expect.stringContaining('no column "departure"') as unknown },
    ]);
    expect(await recordsOf('guests-missing-column')).toEqual([]);
    expect((await getRecord('guests-missing-column', 'guest-g1')).statusCode).toBe(404);
  });

  it('refuses a mapping that is not JSON, naming the field', async () => {
    const response = await upload(
      importForm({ format: 'csv', mapping: '{ "records": [', fileName: 'guests.csv', file: GUESTS_CSV }),
    );
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorResponse>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('"mapping"');
    expect(body.error.details?.map((detail) => detail.field)).toEqual(['mapping']);
  });

  it('refuses a mapping that does not fit the entity model, naming where in the mapping', async () => {
    const mapping = {
      sourceSystem: 'guests-bad-mapping',
      type: 'Person',
      sourceRecordId: '{guest_id}',
      properties: {},
    };
    const response = await upload(
      importForm({ format: 'csv', mapping: JSON.stringify(mapping), fileName: 'guests.csv', file: GUESTS_CSV }),
    );
    expect(response.statusCode).toBe(400);
    const body = response.json<ErrorResponse>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details?.map((detail) => detail.message)).toEqual([
      expect.stringContaining('requires "name"') as unknown,
    ]);
    expect(await recordsOf('guests-bad-mapping')).toEqual([]);
  });

  it('imports JSON Lines, reporting the unparseable and the invalid lines and storing the rest', async () => {
    const file = [
      JSON.stringify({ type: 'Person', sourceRecordId: 'jl-1', properties: { name: 'Dana Novak' } }),
      '{"type": "Person", "sourceRecordId": "jl-2", ',
      '',
      JSON.stringify({ type: 'Phone', sourceRecordId: 'jl-4', properties: { number: '+44 7700 900123' } }),
      JSON.stringify({ type: 'Phone', sourceRecordId: 'jl-5', properties: { number: 'none' } }),
      '',
    ].join('\n');
    const response = await upload(importForm({ format: 'jsonl', sourceSystem: 'lines', fileName: 'x.jsonl', file }));
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<Report>();
    expect(report).toMatchObject({ total: 4, inserted: 2, rejected: 2 });
    expect(report.errors.map((error) => [error.record, error.field])).toEqual([
      [2, 'line'],
      [5, 'properties.number'],
    ]);
    expect(report.errors[1]?.sourceRecordId).toBe('jl-5');
    expect((await getRecord('lines', 'jl-1')).json<RecordBody>()).toMatchObject({
      type: 'Person',
      properties: { name: ['Dana Novak'] },
    });
    expect((await getRecord('lines', 'jl-4')).statusCode).toBe(200);
    expect((await getRecord('lines', 'jl-2')).statusCode).toBe(404);
    expect((await getRecord('lines', 'jl-5')).statusCode).toBe(404);
  });

  it('imports FtM entities as the Weft types they correspond to', async () => {
    const file = [
      { id: 'ftm-person-1', schema: 'Person', properties: { name: ['Viktor Marsh'], nationality: ['md'] } },
      { id: 'ftm-company-1', schema: 'Company', properties: { name: ['Eastline Logistics SRL'], country: ['ro'] } },
    ]
      .map((entity) => JSON.stringify(entity))
      .join('\n');
    const response = await upload(
      importForm({ format: 'ftm', sourceSystem: 'sanctions', fileName: 'entities.ftm.json', file }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Report>()).toMatchObject({ total: 2, inserted: 2, rejected: 0, errors: [] });
    expect((await getRecord('sanctions', 'ftm-person-1')).json<RecordBody>()).toMatchObject({
      type: 'Person',
      properties: { name: ['Viktor Marsh'], nationality: ['MD'] },
    });
    expect((await getRecord('sanctions', 'ftm-company-1')).json<RecordBody>()).toMatchObject({
      type: 'Organization',
      properties: { name: ['Eastline Logistics SRL'], country: ['RO'] },
    });
  });

  it('answers 415 to an upload that is not multipart', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: bearer(t.keys.hotel),
      payload: { format: 'jsonl', sourceSystem: 'lines', file: '{}' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json<ErrorResponse>().error.code).toBe('unsupported_media_type');
    const csv = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(t.keys.hotel), 'content-type': 'text/csv' },
      payload: GUESTS_CSV,
    });
    expect(csv.statusCode).toBe(415);
    expect(csv.json<ErrorResponse>().error.code).toBe('unsupported_media_type');
  });

  it('needs the records:write permission to import', async () => {
    const response = await upload(
      importForm({ format: 'jsonl', sourceSystem: 'read-only', fileName: 'x.jsonl', file: '{}' }),
      t.keys.hotelReadOnly,
    );
    expect(response.statusCode).toBe(403);
    expect(await recordsOf('read-only')).toEqual([]);
  });
});
