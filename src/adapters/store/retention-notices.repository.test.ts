import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../domain/ingest/ingest.service.ts';
import { ingestContext } from '../../domain/ingest/prepare.ts';
import { recordIdOf } from '../../domain/model/ids.ts';
import { databaseTargets } from '../../../test/support/databases.ts';
import { HOTEL, POLICE } from '../../../test/fixtures/records.ts';
import type { Store } from './index.ts';

// The window from 2026-03-02 ends on 2026-09-02: September is noticed whole, October not yet.
const TODAY = '2026-03-02';
const COLLECTED = '2025-06-01T00:00:00Z';

const person = (sourceRecordId: string, retentionReviewAt: string) => ({
  type: 'Person',
  sourceRecordId,
  envelope: { retentionReviewAt },
  properties: { name: `Guest ${sourceRecordId}` },
});

describe.each(databaseTargets())('retention notices on $name', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;

  const submit = async (organisation: typeof HOTEL, records: unknown[]) => {
    const report = await ingestRecords(
      records.map((value, position) => ({ position, value })),
      ingestContext(organisation, 'crm', {}, COLLECTED),
      store.records,
    );
    expect(report.rejected, JSON.stringify(report.errors)).toBe(0);
  };
  const months = async (organisation: string, includeAcknowledged = false) =>
    (await store.retentionNotices.list(organisation, { includeAcknowledged })).map(
      ({ reviewMonth, records, firstReviewAt, acknowledgedAt }) => ({
        reviewMonth,
        records,
        firstReviewAt,
        acknowledged: acknowledgedAt !== null,
      }),
    );
  const noticeEntries = async () =>
    store.database.query<{ organisation: string; detail: string; actor: string }>(
      `SELECT organisation, detail, actor FROM ledger WHERE action = 'retain' AND detail LIKE 'notice%' ORDER BY seq`,
    );

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await store.organisations.save(HOTEL);
    await store.organisations.save(POLICE);
    await submit(HOTEL, [
      person('past', '2026-02-01'),
      person('april-1', '2026-04-03'),
      person('april-2', '2026-04-20'),
      person('september', '2026-09-30'),
      person('october', '2026-10-01'),
    ]);
    await submit(POLICE, [person('theirs', '2026-05-10')]);
  });
  afterAll(async () => {
    await dispose();
  });

  it('tells each owner, once, how many of its records fall due in each month that entered the window', async () => {
    expect(await store.retentionNotices.round(TODAY)).toEqual({ sent: 3, reopened: 0, updated: 0 });
    expect(await months(HOTEL.id)).toEqual([
      { reviewMonth: '2026-04', records: 2, firstReviewAt: '2026-04-03', acknowledged: false },
      { reviewMonth: '2026-09', records: 1, firstReviewAt: '2026-09-30', acknowledged: false },
    ]);
    expect(await months(POLICE.id)).toEqual([
      { reviewMonth: '2026-05', records: 1, firstReviewAt: '2026-05-10', acknowledged: false },
    ]);
    // A second round the same day sends nothing new.
    expect(await store.retentionNotices.round(TODAY)).toEqual({ sent: 0, reopened: 0, updated: 0 });
    const entries = await noticeEntries();
    expect(entries).toHaveLength(3);
    expect(entries.every((entry) => entry.detail === 'notice_sent' && entry.actor === 'system:retention')).toBe(true);
    expect(entries.filter((entry) => entry.organisation === HOTEL.id)).toHaveLength(2);
  });

  it('takes an acknowledgement from the owner only, and reopens the notice when records join its month', async () => {
    const [april] = await store.retentionNotices.list(HOTEL.id);
    if (april === undefined) throw new Error('no notice');
    expect(await store.retentionNotices.acknowledge(april.id, POLICE.id, 'user:police', null)).toBeUndefined();
    const acknowledged = await store.retentionNotices.acknowledge(april.id, HOTEL.id, 'user:hotel-admin', 'req-1');
    expect(acknowledged).toMatchObject({ acknowledgedBy: 'user:hotel-admin', records: 2 });
    expect((await months(HOTEL.id)).map(({ reviewMonth }) => reviewMonth)).toEqual(['2026-09']);
    expect((await months(HOTEL.id, true)).map(({ reviewMonth }) => reviewMonth)).toEqual(['2026-04', '2026-09']);

    await submit(HOTEL, [person('april-3', '2026-04-28')]);
    expect(await store.retentionNotices.round(TODAY)).toEqual({ sent: 0, reopened: 1, updated: 0 });
    expect(await months(HOTEL.id)).toContainEqual({
      reviewMonth: '2026-04',
      records: 3,
      firstReviewAt: '2026-04-03',
      acknowledged: false,
    });
    expect((await noticeEntries()).map(({ detail }) => detail)).toEqual([
      'notice_sent',
      'notice_sent',
      'notice_sent',
      'notice_acknowledged',
      'notice_reopened',
    ]);
  });

  it('counts again as records are kept past their month or erased, and notices the next month when it comes', async () => {
    const kept = await store.retention.keep(
      recordIdOf(HOTEL.id, 'crm', 'september'),
      HOTEL.id,
      'open investigation',
      '2027-03-01',
      'user:hotel-admin',
    );
    expect(kept).toBe(true);
    expect(await store.retentionNotices.round(TODAY)).toEqual({ sent: 0, reopened: 0, updated: 1 });
    expect((await months(HOTEL.id)).map(({ reviewMonth }) => reviewMonth)).toEqual(['2026-04']);
    // A month later, October has entered the window.
    expect(await store.retentionNotices.round('2026-04-02')).toMatchObject({ sent: 1 });
    expect((await months(HOTEL.id)).map(({ reviewMonth }) => reviewMonth)).toEqual(['2026-04', '2026-10']);
  });
});
