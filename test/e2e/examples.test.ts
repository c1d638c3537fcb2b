/** The example files the README uses import as the README says. */
import { createReadStream, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/adapters/store/index.ts';
import { importFile } from '../../src/apps/ingest/file-import.ts';
import { databaseTargets } from '../support/databases.ts';

const examples = new URL('../../examples/', import.meta.url);
const DEMO = { id: 'demo-hub', name: 'Demo', organisationType: 'coordinator', sector: 'coordination' } as const;

describe('the README example: guests.csv with guests.mapping.json', () => {
  const [pglite] = databaseTargets();
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    if (pglite === undefined) throw new Error('no database target');
    ({ store, dispose } = await pglite.open());
    await store.organisations.save(DEMO);
  });
  afterAll(async () => {
    await dispose();
  });

  it('stores every good row and reports the one bad row by line and field', async () => {
    const { report } = await importFile(store, {
      organisation: DEMO,
      actor: 'system:test',
      format: 'csv',
      input: createReadStream(new URL('guests.csv', examples)),
      mapping: JSON.parse(readFileSync(new URL('guests.mapping.json', examples), 'utf8')) as unknown,
    });
    expect(report).toMatchObject({ total: 9, inserted: 8, rejected: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({ record: 4, sourceRecordId: 'guest-19', field: 'properties.birthDate[0]' }),
    ]);
    expect(await store.records.countByType(DEMO.id)).toEqual({ Person: 2, Booking: 3, StayedAt: 3 });
  });
});
