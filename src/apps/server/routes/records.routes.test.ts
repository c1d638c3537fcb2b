import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../../domain/model/canonical-json.ts';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { guestAndBooking, HOTEL } from '../../../../test/fixtures/records.ts';

describe.each(databaseTargets())('the records API on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(target);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/records${query}`,
      headers: { ...bearer(t.keys.hotel), ...headers },
      payload: body as object,
    });

  it('stores a batch and reports what it did', async () => {
    const response = await post({ sourceSystem: 'bookings', envelope: { tlp: 'AMBER' }, records: guestAndBooking() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 3, inserted: 3, rejected: 0, errors: [] });
    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns a record to its owner with its markings', async () => {
    const id = recordIdOf(HOTEL.id, 'bookings', 'guest-1');
    const response = await t.app.inject({ url: `/api/v1/records/${id}`, headers: bearer(t.keys.hotel) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id,
      type: 'Person',
      envelope: { tlp: 'AMBER', ownerOrganisation: HOTEL.id },
    });
  });

  it('answers another organisation exactly as for a record that does not exist', async () => {
    const id = recordIdOf(HOTEL.id, 'bookings', 'guest-1');
    const hidden = await t.app.inject({ url: `/api/v1/records/${id}`, headers: bearer(t.keys.police) });
    const missing = await t.app.inject({
      url: `/api/v1/records/${recordIdOf(HOTEL.id, 'bookings', 'nobody')}`,
      headers: bearer(t.keys.police),
    });
    expect(hidden.statusCode).toBe(404);
    const strip = (body: { error: { correlationId?: string } }) => ({ ...body.error, correlationId: undefined });
    expect(strip(hidden.json())).toEqual(strip(missing.json()));
  });

  it('reports each bad record by index and field with a 200 and stores the rest', async () => {
    const response = await post({
      sourceSystem: 'bookings',
      records: [
        { type: 'Phone', sourceRecordId: 'ph-1', properties: { number: '+44 7700 900123' } },
        { type: 'Phone', sourceRecordId: 'ph-2', properties: { number: 'none' } },
        { type: 'Person', sourceRecordId: 'p-2', properties: { name: 'A' }, envelope: { tlp: 'PURPLE' } },
      ],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ inserted: number; rejected: number; errors: { record: number; field: string }[] }>();
    expect(body).toMatchObject({ inserted: 1, rejected: 2 });
    expect(body.errors.map((error) => [error.record, error.field])).toEqual([
      [1, 'properties.number'],
      [2, 'envelope.tlp'],
    ]);
  });

  it('refuses a malformed batch with a catalogued error naming the field', async () => {
    const response = await post({ records: [] });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; correlationId: string; details: { field: string }[] } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.correlationId).toBe(response.headers['x-correlation-id']);
    expect(body.error.details.map((detail) => detail.field)).toEqual(
      expect.arrayContaining(['sourceSystem', 'records']),
    );
  });

  it('replays a retried Idempotency-Key and refuses the key with another body', async () => {
    const body = {
      sourceSystem: 'bookings',
      records: [{ type: 'Email', sourceRecordId: 'em-1', properties: { address: 'a@example.org' } }],
    };
    const first = await post(body, { 'idempotency-key': 'batch-42' });
    const retry = await post(body, { 'idempotency-key': 'batch-42' });
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const other = await post({ ...body, sourceSystem: 'other' }, { 'idempotency-key': 'batch-42' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ error: { code: 'idempotency_mismatch' } });
  });

  it('answers 409 while a request with the same key is in flight', async () => {
    const body = {
      sourceSystem: 'bookings',
      records: [{ type: 'Email', sourceRecordId: 'em-2', properties: { address: 'b@example.org' } }],
    };
    // The first request's claim, as a request still running would have left it.
    await t.store.idempotency.claim(HOTEL.id, 'slow-batch', contentHash({ url: '/api/v1/records', body }));
    const response = await post(body, { 'idempotency-key': 'slow-batch' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'idempotency_in_flight' } });
  });

  it('needs a valid API key and the right permission', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/records', payload: {} });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: bearer(`weft_${'A'.repeat(43)}`),
      payload: {},
    });
    expect(none.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (body: { error: { correlationId?: string } }) => ({ ...body.error, correlationId: undefined });
    expect(strip(none.json())).toEqual(strip(wrong.json()));
    const readOnly = await post({ sourceSystem: 'x', records: [{}] }, bearer(t.keys.hotelReadOnly));
    expect(readOnly.statusCode).toBe(403);
  });

  it('pages through the caller’s own records only', async () => {
    const mine = await t.app.inject({ url: '/api/v1/records?limit=1000', headers: bearer(t.keys.hotel) });
    const theirs = await t.app.inject({ url: '/api/v1/records?limit=1000', headers: bearer(t.keys.police) });
    expect(mine.json<{ records: unknown[] }>().records.length).toBeGreaterThanOrEqual(4);
    expect(theirs.json<{ records: unknown[] }>().records).toEqual([]);
  });

  it('publishes the OpenAPI document with a schema per entity type', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/records', '/api/health']));
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'SubmittedRecord',
        'SubmittedPerson',
        'SubmittedPayment',
        'SubmittedTravelledOn',
        'IngestReport',
        'Error',
      ]),
    );
    const post = (document.paths['/api/v1/records'] as { post: { requestBody: unknown } }).post;
    expect(JSON.stringify(post.requestBody)).toContain('#/components/schemas/SubmittedRecord');
    const docs = await t.app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
