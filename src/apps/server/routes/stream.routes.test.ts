import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';

interface Job {
  readonly id: string;
  readonly organisationId: string;
  readonly channel: string;
  readonly sourceSystem: string | null;
  readonly state: string;
  readonly total: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly errors: { record: number; sourceRecordId?: string; field: string; code: string }[];
  readonly message: string | null;
}

/** How long the stream writer may take to store a batch before a test gives up. */
const WAIT_MS = 5_000;

const phone = (sourceRecordId: string, number: string) => ({
  type: 'Phone',
  sourceRecordId,
  properties: { number },
});

describe.each(databaseTargets())('the stream API on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(target);
  });
  afterAll(async () => {
    await t.close();
  });

  const publish = (body: unknown, key = t.keys.hotel) =>
    t.app.inject({ method: 'POST', url: '/api/v1/stream/records', headers: bearer(key), payload: body as object });

  async function streamJobs(sourceSystem: string, key = t.keys.hotel): Promise<Job[]> {
    const response = await t.app.inject({ url: '/api/v1/ingest-jobs?limit=200', headers: bearer(key) });
    expect(response.statusCode).toBe(200);
    return response
      .json<{ jobs: Job[] }>()
      .jobs.filter((job) => job.channel === 'stream' && job.sourceSystem === sourceSystem);
  }

  /** Polls the ingest jobs until `count` stream jobs of the source system have completed. */
  async function completedJobs(sourceSystem: string, count = 1, key = t.keys.hotel): Promise<Job[]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const jobs = (await streamJobs(sourceSystem, key)).filter((job) => job.state !== 'running');
      if (jobs.length >= count) return jobs;
      if (Date.now() > deadline) {
        throw new Error(`no ${count} completed stream job(s) of ${sourceSystem} after ${WAIT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('accepts a batch with 202 and its batch id, and the writer stores it shortly after', async () => {
    const response = await publish({
      batchId: 'till-0001',
      sourceSystem: 'till',
      envelope: { tlp: 'AMBER' },
      records: [phone('ph-1', '+44 7700 900123'), phone('ph-2', '+44 7700 900124')],
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ batchId: 'till-0001' });

    const [job] = await completedJobs('till');
    expect(job).toMatchObject({
      organisationId: HOTEL.id,
      state: 'completed',
      total: 2,
      inserted: 2,
      rejected: 0,
      errors: [],
    });
    const stored = await t.app.inject({
      url: `/api/v1/records/${recordIdOf(HOTEL.id, 'till', 'ph-2')}`,
      headers: bearer(t.keys.hotel),
    });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject({ type: 'Phone', envelope: { tlp: 'AMBER', sourceSystem: 'till' } });
    const single = await t.app.inject({ url: `/api/v1/ingest-jobs/${job?.id ?? ''}`, headers: bearer(t.keys.hotel) });
    expect(single.json()).toMatchObject({ id: job?.id, channel: 'stream', inserted: 2 });
  });

  it('generates a batch id when none is given', async () => {
    const response = await publish({ sourceSystem: 'till-anonymous', records: [phone('ph-9', '+44 7700 900129')] });
    expect(response.statusCode).toBe(202);
    expect(response.json<{ batchId: string }>().batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await completedJobs('till-anonymous')).toMatchObject([{ inserted: 1 }]);
  });

  it('stores a batch published twice under the same batch id once, as one job', async () => {
    const batch = { batchId: 'till-dup', sourceSystem: 'till-dup', records: [phone('ph-3', '+44 7700 900125')] };
    expect((await publish(batch)).statusCode).toBe(202);
    expect((await publish(batch)).statusCode).toBe(202);
    // The queue is first in, first out: once a later batch is written, a duplicate would have been too.
    expect(
      (await publish({ sourceSystem: 'till-sentinel', records: [phone('ph-4', '+44 7700 900126')] })).statusCode,
    ).toBe(202);
    await completedJobs('till-sentinel');
    const jobs = await completedJobs('till-dup');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ total: 1, inserted: 1, unchanged: 0 });
    const records = await t.app.inject({ url: '/api/v1/records?type=Phone&limit=1000', headers: bearer(t.keys.hotel) });
    const ids = records.json<{ records: { id: string }[] }>().records.map((record) => record.id);
    expect(ids.filter((id) => id === recordIdOf(HOTEL.id, 'till-dup', 'ph-3'))).toHaveLength(1);
  });

  it('keeps one organisation’s batch ids apart from another’s', async () => {
    const batch = (sourceSystem: string) => ({
      batchId: 'shared-id',
      sourceSystem,
      records: [phone('ph-5', '+44 7700 900127')],
    });
    expect((await publish(batch('till-shared'))).statusCode).toBe(202);
    expect((await publish(batch('cases-shared'), t.keys.police)).statusCode).toBe(202);
    expect(await completedJobs('till-shared')).toMatchObject([{ organisationId: HOTEL.id, inserted: 1 }]);
    expect(await completedJobs('cases-shared', 1, t.keys.police)).toMatchObject([
      { organisationId: POLICE.id, inserted: 1 },
    ]);
    // Neither sees the other's job.
    expect(await streamJobs('cases-shared')).toEqual([]);
    expect(await streamJobs('till-shared', t.keys.police)).toEqual([]);
  });

  it('stores the good records of a batch and reports the bad one in its job', async () => {
    const response = await publish({
      batchId: 'till-bad',
      sourceSystem: 'till-bad',
      records: [phone('ph-6', '+44 7700 900128'), phone('ph-7', 'none'), phone('ph-8', '+44 7700 900130')],
    });
    expect(response.statusCode).toBe(202);
    const [job] = await completedJobs('till-bad');
    expect(job).toMatchObject({ state: 'completed', total: 3, inserted: 2, rejected: 1 });
    expect(job?.errors.map((error) => [error.record, error.sourceRecordId, error.field])).toEqual([
      [1, 'ph-7', 'properties.number'],
    ]);
    const get = (id: string) =>
      t.app.inject({ url: `/api/v1/records/${recordIdOf(HOTEL.id, 'till-bad', id)}`, headers: bearer(t.keys.hotel) });
    expect((await get('ph-6')).statusCode).toBe(200);
    expect((await get('ph-7')).statusCode).toBe(404);
    expect((await get('ph-8')).statusCode).toBe(200);
  });

  it('refuses a malformed batch before it reaches the stream, and one without write permission', async () => {
    const empty = await publish({ batchId: 'till-empty', sourceSystem: 'till-empty', records: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const readOnly = await publish(
      { batchId: 'till-read-only', sourceSystem: 'till-read-only', records: [phone('ph-10', '+44 7700 900131')] },
      t.keys.hotelReadOnly,
    );
    expect(readOnly.statusCode).toBe(403);
    // A later batch being written shows that neither reached the writer.
    await publish({ sourceSystem: 'till-after', records: [phone('ph-11', '+44 7700 900132')] });
    await completedJobs('till-after');
    expect(await streamJobs('till-empty')).toEqual([]);
    expect(await streamJobs('till-read-only')).toEqual([]);
  });
});
