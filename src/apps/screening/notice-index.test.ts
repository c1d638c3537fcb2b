import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../adapters/store/index.ts';
import { ingestRecords } from '../../domain/ingest/ingest.service.ts';
import { ingestContext } from '../../domain/ingest/prepare.ts';
import { POLICE } from '../../../test/fixtures/records.ts';
import { databaseTargets } from '../../../test/support/databases.ts';
import { NoticeIndex } from './notice-index.ts';

/** A made-up surname per number (its digits as letters): names of people have no digits. */
const surname = (number: number) =>
  String(number).replace(/\d/g, (digit) => `${'bdfgklmnrt'[Number(digit)] ?? ''}a`) + 'vic';

const notice = (sourceRecordId: string, properties: Record<string, unknown>) => ({
  type: 'Notice',
  sourceRecordId,
  properties: { noticeType: 'wanted', title: `Notice ${sourceRecordId}`, ...properties },
});

async function submit(store: Store, records: readonly unknown[]): Promise<void> {
  const report = await ingestRecords(
    records.map((value, position) => ({ position, value })),
    // As reviewed notices arrive (the notices service, the operator's import): in any status.
    ingestContext(POLICE, 'notices', { tlp: 'GREEN' }, undefined, { actor: 'system:test', noticesReviewed: true }),
    store.records,
  );
  expect(report.rejected, JSON.stringify(report.errors)).toBe(0);
}

describe.each(databaseTargets())('the index of live notices on $name', (target) => {
  let opened: { store: Store; dispose: () => Promise<void> };
  let now = new Date('2026-11-25T10:00:00Z');
  let notices: NoticeIndex;

  beforeAll(async () => {
    opened = await target.open();
    await opened.store.organisations.save(POLICE);
    await submit(opened.store, [
      notice('n1', {
        status: 'published',
        name: ['Viktor Petrenko'],
        birthDate: ['1974-12-08'],
        expiresAt: '2026-12-31',
      }),
      notice('n2', { status: 'draft', name: ['Olena Kovalenko'] }),
      notice('n3', { noticeType: 'missing_person', child: true, status: 'published', name: ['Amina Haddad'] }),
    ]);
    notices = await NoticeIndex.open(opened.store, () => now);
  });
  afterAll(async () => {
    notices.close();
    await opened.dispose();
  });

  it('holds the published notices only, each hit with its owner and type', async () => {
    expect(notices.size).toBe(2);
    const [found] = await notices.screen({ names: ['PETRENKO Victor'] });
    expect(found?.notice).toMatchObject({ owner: POLICE.id, noticeType: 'wanted', child: false });
    expect(await notices.screen({ names: ['Olena Kovalenko'] })).toEqual([]);
    const [child] = await notices.screen({ names: ['Amina Hadad'] });
    expect(child?.notice).toMatchObject({ noticeType: 'missing_person', child: true });
  });

  it('follows the store: a notice published or withdrawn is screened against, or no longer, after a reload', async () => {
    await submit(opened.store, [
      notice('n2', { status: 'published', name: ['Olena Kovalenko'] }),
      notice('n3', { noticeType: 'missing_person', child: true, status: 'withdrawn', name: ['Amina Haddad'] }),
    ]);
    await notices.reload();
    expect((await notices.screen({ names: ['Olena Kovalenko'] }))[0]?.hit.list).toBe('wanted');
    expect(await notices.screen({ names: ['Amina Haddad'] })).toEqual([]);
  });

  it('drops a notice on its expiry date', async () => {
    now = new Date('2026-12-31T08:00:00Z');
    expect(await notices.screen({ names: ['Viktor Petrenko'] })).toEqual([]);
    expect(notices.size).toBe(1);
  });
  it('re-adds only the notices that changed, and builds afresh when replaced list entries have left too many slots', async () => {
    const before = notices.leftBehind;
    const live = notices.size;
    await notices.reload();
    await notices.reload();
    expect(notices.leftBehind).toBe(before);
    const entries = Array.from({ length: 6_000 }, (_, number) => ({
      id: `e${number}`,
      list: 'watch',
      names: [`${surname(number)} Watchlisted`],
    }));
    const audit = { actor: 'system:test', requestId: null };
    let lastLeft = 0;
    for (let round = 0; round < 3; round += 1) {
      const replaced = (await opened.store.lists.all()).find((list) => list.name === 'watch');
      const list = await opened.store.lists.replace(
        { organisationId: POLICE.id, name: 'watch', visibility: 'blind' },
        entries,
        audit,
      );
      await notices.loadList(list, replaced?.id);
      lastLeft = notices.leftBehind;
      if (round < 2) expect(lastLeft).toBe(before + 6_000 * round);
    }
    // The third import left 12,000 slots behind, more than the entries indexed: built afresh.
    expect(lastLeft).toBe(0);
    expect(notices.size).toBe(live + 6_000);
    const [found] = await notices.screen({ names: [`${surname(4321)} Watchlisted`] }, { threshold: 0.99 });
    expect(found?.notice).toMatchObject({ noticeType: 'watch', owner: POLICE.id });
  });
});
