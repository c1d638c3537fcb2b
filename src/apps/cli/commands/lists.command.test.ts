/** `weft lists import|ls` as an operator runs them, on a PGlite data folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyRing } from '../../../adapters/keys/key-ring.ts';
import { openStore } from '../../../adapters/store/index.ts';
import { NoticeIndex } from '../../screening/index.ts';
import { runWeft } from '../../../../test/support/cli.ts';
import { POLICE } from '../../../../test/fixtures/records.ts';

describe('weft lists', { timeout: 240_000 }, () => {
  let directory: string;
  let dataDir: string;
  let environment: Record<string, string>;
  const openDataStore = () => {
    const { ledgerKey, fieldKey } = openKeyRing(join(dataDir, 'keys'));
    return openStore({ dataDir }, { ledgerKey, fieldKey });
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'weft-lists-'));
    dataDir = join(directory, 'data');
    environment = { DATABASE_URL: '', WEFT_DATA_DIR: dataDir, WEFT_KEYS_DIR: join(dataDir, 'keys') };
    const store = await openDataStore();
    await store.organisations.save(POLICE);
    await store.close();
    writeFileSync(
      join(directory, 'red-notices.ftm.json'),
      [
        { id: 'rn-1', schema: 'Person', properties: { name: ['Goran Mihajlovic'], birthDate: ['1970-01-09'] } },
        { id: 'rn-2', schema: 'Person', properties: { name: ['Selin Aksoy'] } },
      ]
        .map((entity) => JSON.stringify(entity))
        .join('\n'),
    );
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('stores an FtM export under a name, which the screening index reads at its next start', async () => {
    const imported = await runWeft(
      [
        'lists',
        'import',
        join(directory, 'red-notices.ftm.json'),
        '--org',
        POLICE.id,
        '--visibility',
        'shown',
        '--threshold',
        '0.9',
      ],
      environment,
    );
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^stored list red-notices \(.+\) of 2 entries, shown\n$/);
    const listed = await runWeft(['lists', 'ls'], environment);
    expect(listed.stdout).toMatch(new RegExp(`\\t${POLICE.id}\\tred-notices\\tshown\\t2\\n`));
    const store = await openDataStore();
    expect((await store.lists.all()).map((list) => list.threshold)).toEqual([0.9]);
    const notices = await NoticeIndex.open(store);
    const [hit] = await notices.screen({ names: ['MIHAJLOVIC Goran'] });
    expect(hit?.notice).toMatchObject({
      noticeType: 'red-notices',
      list: { name: 'red-notices', visibility: 'shown' },
    });
    notices.close();
    await store.close();
  });

  it('names an unknown organisation and a file it cannot read, with a non-zero exit', async () => {
    const unknown = await runWeft(
      ['lists', 'import', join(directory, 'red-notices.ftm.json'), '--org', 'nobody'],
      environment,
    );
    expect(unknown.stderr).toBe('no organisation nobody\n');
    expect(unknown.code).not.toBe(0);
    const missing = await runWeft(
      ['lists', 'import', join(directory, 'absent.jsonl'), '--org', POLICE.id],
      environment,
    );
    expect(missing.stderr).toMatch(/cannot read .*absent\.jsonl/);
    expect(missing.code).not.toBe(0);
  });
});
