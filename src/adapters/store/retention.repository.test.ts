import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../domain/ingest/ingest.service.ts';
import { ingestContext } from '../../domain/ingest/prepare.ts';
import { recordIdOf } from '../../domain/model/ids.ts';
import { databaseTargets } from '../../../test/support/databases.ts';
import { HOTEL, POLICE } from '../../../test/fixtures/records.ts';
import type { Store } from './index.ts';

const TODAY = '2026-03-02';
const WINDOW_END = '2026-09-02';
const COLLECTED = '2025-06-01T00:00:00Z';

/** A person of the hotel's, from `source`, with a review date. */
const person = (sourceRecordId: string, name: string, retentionReviewAt: string) => ({
  type: 'Person',
  sourceRecordId,
  envelope: { retentionReviewAt },
  properties: { name },
});

describe.each(databaseTargets())('retention in the store on $name', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;

  const submit = async (organisation: typeof HOTEL, sourceSystem: string, records: unknown[]) => {
    const report = await ingestRecords(
      records.map((value, position) => ({ position, value })),
      ingestContext(organisation, sourceSystem, { tlp: 'AMBER' }, COLLECTED),
      store.records,
    );
    expect(report.rejected, JSON.stringify(report.errors)).toBe(0);
  };
  const count = async (statement: string, params: unknown[]) => {
    const [row] = await store.database.query<{ n: number | string }>(statement, params);
    return Number(row?.n);
  };
  const ledgerOf = async (action: string) =>
    store.database.query<{ object_ids: string[]; outcome: string; detail: string | null; organisation: string }>(
      'SELECT array_to_json(object_ids) AS object_ids, outcome, detail, organisation FROM ledger WHERE action = $1 ORDER BY seq',
      [action],
    );

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await store.organisations.save(HOTEL);
    await store.organisations.save(POLICE);
  });
  afterAll(async () => {
    await dispose();
  });

  describe('the review list', () => {
    const id = (source: string) => recordIdOf(HOTEL.id, 'review', source);

    beforeAll(async () => {
      await submit(HOTEL, 'review', [
        person('later', 'Not Yet', '2027-01-01'),
        person('edge', 'Last Day', WINDOW_END),
        person('due', 'Soon Due', '2026-05-01'),
        person('overdue', 'Long Past', '2026-02-01'),
        person('today', 'Today Due', TODAY),
      ]);
      await submit(POLICE, 'review', [person('theirs', 'Police Record', '2026-04-01')]);
    });

    it("lists the owner's records due or overdue, earliest first, without their properties", async () => {
      const due = await store.retention.due(HOTEL.id, TODAY, WINDOW_END, 100);
      expect(due).toEqual([
        {
          id: id('overdue'),
          type: 'Person',
          reviewAt: '2026-02-01',
          keptUntil: null,
          status: 'overdue',
          caption: 'Long Past',
          confidentiality: 'restricted',
        },
        expect.objectContaining({ id: id('today'), reviewAt: TODAY, status: 'due' }),
        expect.objectContaining({ id: id('due'), reviewAt: '2026-05-01', status: 'due' }),
        expect.objectContaining({ id: id('edge'), reviewAt: WINDOW_END, status: 'due' }),
      ]);
      expect(JSON.stringify(due)).not.toContain('properties');
    });

    it('pages through the list after the last entry of the previous page', async () => {
      const first = await store.retention.due(HOTEL.id, TODAY, WINDOW_END, 2);
      const last = first.at(-1);
      if (last === undefined) throw new Error('empty page');
      const second = await store.retention.due(HOTEL.id, TODAY, WINDOW_END, 2, last);
      expect([...first, ...second].map((entry) => entry.id)).toEqual(
        ['overdue', 'today', 'due', 'edge'].map((source) => id(source)),
      );
    });

    it('keeps a record until a new date with a reason, in the ledger by id only', async () => {
      const kept = await store.retention.keep(
        id('due'),
        HOTEL.id,
        'open investigation 41/2026',
        '2028-05-01',
        'user:a',
      );
      expect(kept).toBe(true);
      expect((await store.records.get(id('due')))?.envelope.retentionReviewAt).toBe('2028-05-01');
      const [decision] = await store.database.query(
        'SELECT owner_organisation, decision, reason, keep_until, decided_by FROM retention_decisions WHERE record_id = $1',
        [id('due')],
      );
      expect(decision).toEqual({
        owner_organisation: HOTEL.id,
        decision: 'keep',
        reason: 'open investigation 41/2026',
        keep_until: '2028-05-01',
        decided_by: 'user:a',
      });
      const due = await store.retention.due(HOTEL.id, TODAY, WINDOW_END, 100);
      expect(due.map((entry) => entry.id)).not.toContain(id('due'));
      const retained = await ledgerOf('retain');
      expect(retained.at(-1)).toEqual({
        object_ids: [id('due')],
        outcome: 'ok',
        detail: 'until:2028-05-01',
        organisation: HOTEL.id,
      });
      expect(JSON.stringify(await store.ledger.read(0, 10_000))).not.toContain('investigation 41');
    });

    it('holds a keep decision past a review date that a later submission rewrote', async () => {
      await submit(HOTEL, 'review', [
        { ...person('due', 'Soon Due', '2026-06-01'), properties: { name: 'Soon Due', gender: 'female' } },
      ]);
      expect((await store.records.get(id('due')))?.envelope.retentionReviewAt).toBe('2026-06-01');
      const due = await store.retention.due(HOTEL.id, TODAY, WINDOW_END, 100);
      expect(due.map((entry) => entry.id)).not.toContain(id('due'));
      expect(await store.retention.due(HOTEL.id, '2028-01-01', '2028-07-01', 100)).toContainEqual(
        expect.objectContaining({ id: id('due'), reviewAt: '2028-05-01', keptUntil: '2028-05-01', status: 'due' }),
      );
    });

    it("keeps nothing of another organisation's, as if it did not exist", async () => {
      const theirs = recordIdOf(POLICE.id, 'review', 'theirs');
      expect(await store.retention.keep(theirs, HOTEL.id, 'not my record at all', '2027-01-01', 'user:a')).toBe(false);
      expect((await store.records.get(theirs))?.envelope.retentionReviewAt).toBe('2026-04-01');
      expect(await count('SELECT count(*) AS n FROM retention_decisions WHERE record_id = $1', [theirs])).toBe(0);
    });
  });

  describe('a purge', () => {
    const hotel = (source: string) => recordIdOf(HOTEL.id, 'purge', source);
    const police = (source: string) => recordIdOf(POLICE.id, 'purge', source);

    beforeAll(async () => {
      await submit(HOTEL, 'purge', [
        person('ana', 'Ana Purged', '2030-01-01'),
        person('bo', 'Bo Stays', '2030-01-01'),
        {
          type: 'Booking',
          sourceRecordId: 'booking',
          properties: { checkIn: '2026-01-10', guests: ['ana', 'bo'], bookedBy: 'ana' },
        },
        // A victim's booking: sealed, its references inside the ciphertext.
        {
          type: 'Booking',
          sourceRecordId: 'sealed-booking',
          envelope: { subjectCategory: 'victim' },
          properties: { checkIn: '2026-01-11', guests: ['ana', 'bo'], bookedBy: 'ana' },
        },
        { type: 'StayedAt', sourceRecordId: 'stay', properties: { guest: 'ana', stay: 'booking' } },
        { type: 'UnknownLink', sourceRecordId: 'link', properties: { subject: 'stay', object: 'bo' } },
        { type: 'StayedAt', sourceRecordId: 'bo-stay', properties: { guest: 'bo', stay: 'booking' } },
      ]);
      await submit(POLICE, 'purge', [
        person('suspect', 'Police Suspect', '2030-01-01'),
        {
          type: 'Associate',
          sourceRecordId: 'assoc',
          properties: { person: 'suspect', associate: { id: hotel('ana') } },
        },
        { type: 'Case', sourceRecordId: 'case', properties: { title: 'Case 7', subjects: [{ id: hotel('ana') }] } },
      ]);
      await store.retention.keep(hotel('ana'), HOTEL.id, 'witness in case 7 of 2026', '2027-01-01', 'user:a');
      const job = await store.jobs.start({ organisationId: HOTEL.id, channel: 'api', format: 'json' });
      const refused = (sourceRecordId: string) => ({ record: 0, sourceRecordId, field: 'x', code: 'c', message: 'm' });
      await store.jobs.addProgress(job, {
        total: 2,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        superseded: 0,
        rejected: 2,
        skipped: 0,
        errors: [refused('ana'), refused('bo')],
      });
      await store.idempotency.claim(HOTEL.id, 'k1', 'h1');
      await store.idempotency.complete(HOTEL.id, 'k1', 200, { total: 2, errors: [refused('bo'), refused('ana')] });
      await store.idempotency.claim(HOTEL.id, 'k2', 'h2');
      await store.idempotency.complete(HOTEL.id, 'k2', 200, { note: `see ${hotel('ana')}` });
    });

    it('erases the records, the relationships hanging on them, and clears every other reference', async () => {
      const outcome = await store.retention.purge(
        [hotel('ana'), police('suspect'), '00000000-0000-8000-8000-000000000000', 'not-an-id'],
        HOTEL.id,
        'user:a',
        'req-1',
      );
      expect(outcome).toMatchObject({
        purged: 1,
        cascaded: 2,
        referencesCleared: 4,
        notFound: [police('suspect'), '00000000-0000-8000-8000-000000000000', 'not-an-id'],
      });
      expect([...outcome.erased].sort()).toEqual([hotel('ana'), hotel('stay'), hotel('link')].sort());
      for (const erased of outcome.erased) expect(await store.records.get(erased)).toBeUndefined();
      expect(await count('SELECT count(*) AS n FROM entity_person WHERE record_id = $1', [hotel('ana')])).toBe(0);
      expect(await count('SELECT count(*) AS n FROM entity_stayed_at WHERE record_id = $1', [hotel('stay')])).toBe(0);
      expect(await count('SELECT count(*) AS n FROM retention_decisions', [])).toBe(1);
      // The booking keeps its other guest; the other owner's records lose their end, nothing more.
      const booking = await store.records.get(hotel('booking'));
      expect(booking?.properties).toEqual({ checkIn: '2026-01-10', guests: [hotel('bo')] });
      expect(booking?.version).toBe(2);
      const sealed = await store.records.get(hotel('sealed-booking'));
      expect(sealed?.properties).toEqual({ checkIn: '2026-01-11', guests: [hotel('bo')] });
      const [stored] = await store.database.query<{ sealed_properties: string }>(
        'SELECT sealed_properties FROM records WHERE id = $1',
        [hotel('sealed-booking')],
      );
      expect(stored?.sealed_properties).toMatch(/^wf1:/);
      expect((await store.records.get(police('assoc')))?.properties).toEqual({ person: police('suspect') });
      expect((await store.records.get(police('case')))?.properties).toEqual({ title: 'Case 7' });
      expect(await store.records.get(police('suspect'))).toBeDefined();
      expect(await store.records.get(hotel('bo-stay'))).toBeDefined();
      const [ends] = await store.database.query('SELECT source_id, target_id FROM records WHERE id = $1', [
        police('assoc'),
      ]);
      expect(ends).toEqual({ source_id: police('suspect'), target_id: null });
    });

    it('takes the refused rows naming an erased record out of reports and stored responses', async () => {
      const [job] = await store.jobs.list(HOTEL.id, 1);
      expect(job?.errors.map((error) => error.sourceRecordId)).toEqual(['bo']);
      const [stored] = await store.database.query<{ response: { errors: { sourceRecordId: string }[] } }>(
        "SELECT response FROM idempotency_keys WHERE key = 'k1'",
      );
      expect(stored?.response.errors.map((error) => error.sourceRecordId)).toEqual(['bo']);
      expect(await count("SELECT count(*) AS n FROM idempotency_keys WHERE key = 'k2'", [])).toBe(0);
    });

    it('records the erasure, the references cleared and the refusal in the ledger, by id only', async () => {
      const erased = await ledgerOf('erase');
      expect(erased).toEqual([
        {
          object_ids: [hotel('ana'), hotel('stay'), hotel('link')],
          outcome: 'ok',
          detail: 'owner_let_go',
          organisation: HOTEL.id,
        },
        {
          object_ids: [police('suspect'), '00000000-0000-8000-8000-000000000000', 'not-an-id'],
          outcome: 'denied',
          detail: 'not_found',
          organisation: HOTEL.id,
        },
      ]);
      const altered = await store.database.query<{ object_ids: string[] }>(
        "SELECT array_to_json(object_ids) AS object_ids FROM ledger WHERE action = 'alter' AND detail = 'reference_erased'",
      );
      expect(altered.flatMap((row) => row.object_ids).sort()).toEqual(
        [hotel('booking'), hotel('sealed-booking'), police('assoc'), police('case')].sort(),
      );
      expect((await store.ledger.verify()).ok).toBe(true);
    });

    it('answers a second purge of the same ids with not found', async () => {
      const again = await store.retention.purge([hotel('ana')], HOTEL.id, 'user:a', null);
      expect(again).toMatchObject({ purged: 0, cascaded: 0, notFound: [hotel('ana')] });
    });
  });

  describe('the scheduled purge', () => {
    const id = (organisation: typeof HOTEL, source: string) => recordIdOf(organisation.id, 'scheduled', source);

    it('purges the overdue records of every owner and nothing else, counting per owner', async () => {
      await submit(HOTEL, 'scheduled', [
        person('gone-1', 'Gone One', '2026-01-01'),
        person('gone-2', 'Gone Two', '2026-03-01'),
        person('kept', 'Kept On', '2026-02-01'),
        person('last-day', 'Last Day', TODAY),
      ]);
      await submit(POLICE, 'scheduled', [
        person('gone-3', 'Gone Three', '2025-12-01'),
        { type: 'Family', sourceRecordId: 'family', properties: { person: 'gone-3', relative: 'gone-3' } },
      ]);
      await store.retention.keep(id(HOTEL, 'kept'), HOTEL.id, 'court order 12/2026', '2026-12-01', 'user:a');
      const counts = await store.retention.purgeOverdue(TODAY);
      // The hotel's two, and the overdue one of the review list above.
      expect(counts[HOTEL.id]).toEqual({ purged: 3, cascaded: 0 });
      expect(counts[POLICE.id]).toEqual({ purged: 1, cascaded: 1 });
      for (const source of ['gone-1', 'gone-2']) expect(await store.records.get(id(HOTEL, source))).toBeUndefined();
      expect(await store.records.get(id(POLICE, 'gone-3'))).toBeUndefined();
      expect(await store.records.get(id(POLICE, 'family'))).toBeUndefined();
      expect(await store.records.get(id(HOTEL, 'kept'))).toBeDefined();
      expect(await store.records.get(id(HOTEL, 'last-day'))).toBeDefined();
      const overdueLeft = await store.database.query(
        `SELECT r.id FROM records r LEFT JOIN retention_decisions d ON d.record_id = r.id
         WHERE greatest(r.retention_review_at, d.keep_until) < $1::date`,
        [TODAY],
      );
      expect(overdueLeft).toEqual([]);
      expect(await store.retention.purgeOverdue(TODAY)).toEqual({});
      const scheduled = await store.database.query<{ actor: string; detail: string }>(
        "SELECT actor, detail FROM ledger WHERE action = 'erase' AND detail = 'retention_expired'",
      );
      expect(scheduled.length).toBeGreaterThanOrEqual(2);
      expect(new Set(scheduled.map((row) => row.actor))).toEqual(new Set(['system:retention']));
    });
  });
});
