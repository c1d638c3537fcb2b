/**
 * Victims' records sealed at rest: their properties are stored only encrypted under the field key
 * (no plaintext in any table, whether written inline or by the worker threads), read back whole
 * through the store, re-imported and changed like any other record, and unreadable (loudly) under
 * another key. Runs on PGlite and, when DATABASE_URL is set, on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatches, ingestRecords, type PositionedItem } from '../../src/domain/ingest/ingest.service.ts';
import { ingestContext, prepareRecord, type IngestContext } from '../../src/domain/ingest/prepare.ts';
import { recordIdOf } from '../../src/domain/model/ids.ts';
import { startPreparerPool } from '../../src/apps/ingest/preparer.ts';
import { recordSealer } from '../../src/adapters/store/record-encoding.ts';
import { RecordsRepository, SealedRecordUnreadable } from '../../src/adapters/store/records.repository.ts';
import type { Store } from '../../src/adapters/store/index.ts';
import { searchInClear } from '../support/clear-text.ts';
import { databaseTargets } from '../support/databases.ts';
import { HOTEL } from '../fixtures/records.ts';

const positioned = (values: unknown[]): PositionedItem[] => values.map((value, position) => ({ position, value }));

/** The NGO-like owner's casework: every record in it is about a victim unless it says otherwise. */
const casework = (): IngestContext =>
  ingestContext(HOTEL, 'casework', { tlp: 'AMBER', subjectCategory: 'victim' }, '2026-01-15T10:00:00Z');

const person = (sourceRecordId: string, properties: Record<string, unknown>, envelope?: object) => ({
  type: 'Person',
  sourceRecordId,
  ...(envelope === undefined ? {} : { envelope }),
  properties,
});

/** Values planted in victims' records: none may be found in clear anywhere in the database. */
const INLINE = { name: 'Zofia Quillfeather', phone: '+44 7700 931 577', idNumber: 'QX7731904' };
const POOLED = { name: 'Halvard Wintergreen', phone: '+40 721 555 919', idNumber: 'PZ4419027' };
const CHANGED_PHONE = '+44 7700 931 868';
const PASSPORT = 'KV5520461';
const CANARIES = [...Object.values(INLINE), ...Object.values(POOLED), CHANGED_PHONE, PASSPORT];
/** A value of a record that is not a victim's: the search must find it, or it proves nothing. */
const CONTROL = 'Controlla Openfield';

const id = (sourceRecordId: string) => recordIdOf(HOTEL.id, 'casework', sourceRecordId);

describe.each(databaseTargets())("victims' records sealed at rest on $name", (target) => {
  let store: Store;
  let dispose: () => Promise<void>;

  const count = async (text: string, params: unknown[]) =>
    Number((await store.database.query<{ n: number | string }>(text, params))[0]?.n);
  const storedRow = async (sourceRecordId: string) =>
    (
      await store.database.query<{ caption: string | null; sealed_properties: string | null; content_hash: string }>(
        'SELECT caption, sealed_properties, content_hash FROM records WHERE id = $1',
        [id(sourceRecordId)],
      )
    )[0];

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await store.organisations.save(HOTEL);
    const inline = await ingestRecords(
      positioned([
        person('victim-inline', { ...INLINE, name: [INLINE.name, 'Zosia'], nationality: 'pl' }),
        {
          type: 'IdentityDocument',
          sourceRecordId: 'victim-passport',
          properties: { documentType: 'passport', number: PASSPORT, issuingCountry: 'PL', holder: 'victim-inline' },
        },
        person('guest', { name: CONTROL, phone: '+44 20 7946 0101' }, { subjectCategory: 'other' }),
      ]),
      casework(),
      store.records,
    );
    expect(inline).toMatchObject({ inserted: 3, rejected: 0 });
    // The same through the validation worker threads, which encode (and seal) the rows themselves.
    const pool = startPreparerPool(store, { threads: 1 });
    try {
      const pooled = await ingestBatches([positioned([person('victim-pooled', POOLED)])], casework(), pool.pipeline);
      expect(pooled).toMatchObject({ inserted: 1, rejected: 0 });
    } finally {
      await pool.close();
    }
  });
  afterAll(async () => {
    await dispose();
  });

  it('leaves no value of a victim’s record in clear in any table', async () => {
    const search = await searchInClear(store.database, [...CANARIES, CONTROL]);
    const found = search.hits.filter((hit) => hit.value !== CONTROL);
    console.log(
      `victim canaries (${target.name}): ${search.tablesSearched} tables (${search.columnsSearched} columns) ` +
        `searched for ${CANARIES.length} values, ${found.length} found in clear`,
    );
    expect(found).toEqual([]);
    // The search does find what is stored in clear: the other record's name, in its entity table.
    expect(search.hits.filter((hit) => hit.value === CONTROL).map((hit) => hit.table)).toEqual(
      expect.arrayContaining(['"public"."entity_person"']),
    );
  });

  it('keeps a victim’s record out of its entity table, without a caption, and others as before', async () => {
    for (const sealed of ['victim-inline', 'victim-pooled']) {
      expect(await count('SELECT count(*) AS n FROM entity_person WHERE record_id = $1', [id(sealed)])).toBe(0);
      const row = await storedRow(sealed);
      expect(row?.caption).toBeNull();
      expect(row?.sealed_properties).toMatch(/^wf1:/);
    }
    expect(
      await count('SELECT count(*) AS n FROM entity_identity_document WHERE record_id = $1', [id('victim-passport')]),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM entity_person WHERE record_id = $1', [id('guest')])).toBe(1);
    expect(await storedRow('guest')).toMatchObject({ caption: CONTROL, sealed_properties: null });
  });

  it('reads a victim’s record back whole, by id and by page', async () => {
    const inline = await store.records.get(id('victim-inline'));
    expect(inline?.properties).toEqual({
      name: [INLINE.name, 'Zosia'],
      nationality: ['PL'],
      phone: [INLINE.phone],
      idNumber: [INLINE.idNumber],
    });
    expect(inline?.envelope).toMatchObject({ subjectCategory: 'victim', tlp: 'AMBER', ownerOrganisation: HOTEL.id });
    expect(inline?.caption).toBeNull();
    expect((await store.records.get(id('victim-pooled')))?.properties).toEqual({
      name: [POOLED.name],
      phone: [POOLED.phone],
      idNumber: [POOLED.idNumber],
    });
    expect((await store.records.get(id('victim-passport')))?.properties).toEqual({
      documentType: 'passport',
      number: PASSPORT,
      issuingCountry: 'PL',
      holder: id('victim-inline'),
    });
    const page = await store.records.page({ ownerOrganisation: HOTEL.id, limit: 100 });
    const byId = new Map(page.map((record) => [record.id, record]));
    expect(byId.get(id('victim-pooled'))?.properties['name']).toEqual([POOLED.name]);
    expect(byId.get(id('guest'))?.properties['name']).toEqual([CONTROL]);
  });

  it('stores a victim’s content hash keyed, not as the plain hash anyone could recompute', async () => {
    const raw = person('victim-pooled', POOLED);
    const prepared = prepareRecord(raw, 0, casework());
    if (!prepared.ok) throw new Error('the test record is valid');
    const stored = await storedRow('victim-pooled');
    expect(stored?.content_hash).not.toBe(prepared.record.contentHash);
    expect(stored?.content_hash).toBe(recordSealer(store.records.fieldKey).keyedHash(prepared.record.contentHash));
  });

  it('changes nothing when a victim’s record comes again unchanged, inline or through the workers', async () => {
    const before = await storedRow('victim-pooled');
    const again = await ingestRecords(positioned([person('victim-pooled', POOLED)]), casework(), store.records);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const pool = startPreparerPool(store, { threads: 1 });
    try {
      const pooled = await ingestBatches(
        [positioned([person('victim-inline', { ...INLINE, name: [INLINE.name, 'Zosia'], nationality: 'pl' })])],
        casework(),
        pool.pipeline,
      );
      expect(pooled).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    } finally {
      await pool.close();
    }
    expect(await storedRow('victim-pooled')).toEqual(before);
    expect((await store.records.get(id('victim-pooled')))?.version).toBe(1);
  });

  it('re-seals a victim’s record whose content changed', async () => {
    const before = await storedRow('victim-pooled');
    const changed = await ingestRecords(
      positioned([person('victim-pooled', { ...POOLED, phone: CHANGED_PHONE })]),
      casework(),
      store.records,
    );
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const after = await storedRow('victim-pooled');
    expect(after?.sealed_properties).toMatch(/^wf1:/);
    expect(after?.sealed_properties).not.toBe(before?.sealed_properties);
    expect(after?.content_hash).not.toBe(before?.content_hash);
    const record = await store.records.get(id('victim-pooled'));
    expect(record).toMatchObject({ version: 2, properties: { phone: [CHANGED_PHONE] } });
    expect((await searchInClear(store.database, CANARIES)).hits).toEqual([]);
  });

  it('seals a record that becomes a victim’s, and unseals one that stops being one', async () => {
    const switching = (subjectCategory: string) =>
      ingestRecords(
        positioned([person('switching', { name: 'Mirela Switchwood', phone: '+40 721 000 765' }, { subjectCategory })]),
        casework(),
        store.records,
      );
    const openRows = () => count('SELECT count(*) AS n FROM entity_person WHERE record_id = $1', [id('switching')]);
    expect(await switching('witness')).toMatchObject({ inserted: 1 });
    expect(await openRows()).toBe(1);
    expect(await switching('victim')).toMatchObject({ updated: 1 });
    expect(await openRows()).toBe(0);
    const sealed = await storedRow('switching');
    expect(sealed?.caption).toBeNull();
    expect(sealed?.sealed_properties).toMatch(/^wf1:/);
    expect((await searchInClear(store.database, ['Mirela Switchwood', '+40 721 000 765'])).hits).toEqual([]);
    expect((await store.records.get(id('switching')))?.properties).toEqual({
      name: ['Mirela Switchwood'],
      phone: ['+40 721 000 765'],
    });
    expect(await switching('witness')).toMatchObject({ updated: 1 });
    expect(await openRows()).toBe(1);
    expect(await storedRow('switching')).toMatchObject({ caption: 'Mirela Switchwood', sealed_properties: null });
    expect((await store.records.get(id('switching')))?.version).toBe(3);
  });

  it('refuses to read a sealed record under another key, or altered, naming the record', async () => {
    const otherKey = new RecordsRepository(store.database, store.ledger, randomBytes(32));
    await expect(otherKey.get(id('victim-inline'))).rejects.toThrow(SealedRecordUnreadable);
    await expect(otherKey.get(id('victim-inline'))).rejects.toThrow(id('victim-inline'));
    await expect(otherKey.page({ ownerOrganisation: HOTEL.id, limit: 100 })).rejects.toThrow(SealedRecordUnreadable);
    // A record that is not sealed reads the same under any key.
    expect((await otherKey.get(id('guest')))?.properties['name']).toEqual([CONTROL]);

    const sealed = (await storedRow('victim-inline'))?.sealed_properties ?? '';
    // One character of the ciphertext changed (in the middle: the last may hold only padding bits).
    const at = sealed.length - 10;
    const flipped = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    await store.database.query('UPDATE records SET sealed_properties = $2 WHERE id = $1', [
      id('victim-inline'),
      flipped,
    ]);
    try {
      await expect(store.records.get(id('victim-inline'))).rejects.toThrow(
        `record ${id('victim-inline')}: its sealed properties do not decrypt`,
      );
    } finally {
      await store.database.query('UPDATE records SET sealed_properties = $2 WHERE id = $1', [
        id('victim-inline'),
        sealed,
      ]);
    }
    expect((await store.records.get(id('victim-inline')))?.properties['idNumber']).toEqual([INLINE.idNumber]);
  });
});
