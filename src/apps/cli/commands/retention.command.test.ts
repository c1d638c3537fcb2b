/** `weft retention due|notify|keep|purge` as an operator runs them, on a PGlite data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyRing } from '../../../adapters/keys/key-ring.ts';
import { openStore, type Store } from '../../../adapters/store/index.ts';
import { ingestRecords } from '../../../domain/ingest/ingest.service.ts';
import { ingestContext } from '../../../domain/ingest/prepare.ts';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { addMonths, dayOf } from '../../../domain/retention/index.ts';
import { runWeft } from '../../../../test/support/cli.ts';
import { HOTEL } from '../../../../test/fixtures/records.ts';

// The commands take today from the system clock; the records' dates are set around it.
const TODAY = dayOf(new Date());
const OVERDUE = addMonths(TODAY, -1);
const DUE = addMonths(TODAY, 2);
const LATER = addMonths(TODAY, 12);
const id = (source: string) => recordIdOf(HOTEL.id, 'crm', source);

describe('weft retention', { timeout: 240_000 }, () => {
  let directory: string;
  let dataDir: string;
  let environment: Record<string, string>;

  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const { ledgerKey, fieldKey } = openKeyRing(join(dataDir, 'keys'));
    const store = await openStore({ dataDir }, { ledgerKey, fieldKey });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'weft-retention-'));
    dataDir = join(directory, 'data');
    environment = { DATABASE_URL: '', WEFT_DATA_DIR: dataDir, WEFT_KEYS_DIR: join(dataDir, 'keys') };
    await withStore(async (store) => {
      await store.organisations.save(HOTEL);
      const person = (source: string, name: string, retentionReviewAt: string) => ({
        type: 'Person',
        sourceRecordId: source,
        envelope: { retentionReviewAt },
        properties: { name },
      });
      const report = await ingestRecords(
        [
          person('overdue', 'Past Guest', OVERDUE),
          person('due', 'Soon Guest', DUE),
          person('later', 'Later', LATER),
        ].map((value, position) => ({ position, value })),
        ingestContext(HOTEL, 'crm', {}, `${addMonths(TODAY, -12)}T00:00:00Z`),
        store.records,
      );
      expect(report.rejected, JSON.stringify(report.errors)).toBe(0);
    });
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('lists the records due within six months, or as many months as asked', async () => {
    const due = await runWeft(['retention', 'due', '--org', HOTEL.id], environment);
    expect(due.code, due.stderr).toBe(0);
    expect(due.stdout).toBe(
      `${OVERDUE}\toverdue\t${id('overdue')}\tPerson\tPast Guest\n${DUE}\tdue\t${id('due')}\tPerson\tSoon Guest\n`,
    );
    const wider = await runWeft(['retention', 'due', '--org', HOTEL.id, '--within', '13'], environment);
    expect(wider.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('sends the owner a notice of the records coming up for review, once', async () => {
    const first = await runWeft(['retention', 'notify'], environment);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`retention notices ${TODAY}: 1 sent, 0 reopened, 0 updated\n`);
    const again = await runWeft(['retention', 'notify'], environment);
    expect(again.stdout).toBe(`retention notices ${TODAY}: 0 sent, 0 reopened, 0 updated\n`);
    const notices = await withStore((store) => store.retentionNotices.list(HOTEL.id));
    expect(notices.map(({ reviewMonth, records }) => [reviewMonth, records])).toEqual([[DUE.slice(0, 7), 1]]);
  });

  it('keeps a record with a reason, and says which option breaks the rule', async () => {
    const short = await runWeft(
      ['retention', 'keep', id('due'), '--org', HOTEL.id, '--reason', 'because', '--until', LATER],
      environment,
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('--reason');
    const until = addMonths(TODAY, 24);
    const kept = await runWeft(
      ['retention', 'keep', id('due'), '--org', HOTEL.id, '--reason', 'court order 12/2026', '--until', until],
      environment,
    );
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toBe(`record ${id('due')} kept until ${until}\n`);
    const elsewhere = await runWeft(
      ['retention', 'keep', id('due'), '--org', 'met-police-mst', '--reason', 'court order 12/2026', '--until', until],
      environment,
    );
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('no record');
  });

  it('purges every overdue record when told --overdue, printing the counts', async () => {
    const unsaid = await runWeft(['retention', 'purge'], environment);
    expect(unsaid.code).toBe(1);
    const purge = await runWeft(['retention', 'purge', '--overdue'], environment);
    expect(purge.code, purge.stderr).toBe(0);
    expect(purge.stdout).toBe(
      `${HOTEL.id}\t1 purged\t0 relationships with them\n` +
        `retention purge ${TODAY}: 1 overdue records and 0 relationships purged\n`,
    );
    await withStore(async (store) => {
      expect(await store.records.get(id('overdue'))).toBeUndefined();
      expect(await store.records.get(id('due'))).toBeDefined();
      expect((await store.ledger.verify()).ok).toBe(true);
    });
  });
});
