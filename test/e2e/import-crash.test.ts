/**
 * A kill -9 in the middle of an import, then a retry of the same import, leaves exactly the
 * file's records: none lost, none doubled. Runs on PGlite and, when DATABASE_URL is set, on
 * PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/store/index.ts';
import { recordMix } from '../../bench/support/record-mix.ts';
import { databaseTargets } from '../support/databases.ts';
import { runWeft, startWeft } from '../support/cli.ts';

const RECORDS = 40_000;

function writeFile(directory: string): { path: string; ids: Set<string> } {
  const ids = new Set<string>();
  let text = '';
  for (const batch of recordMix(RECORDS, 5_000, 7)) {
    for (const record of batch) {
      ids.add((record as { sourceRecordId: string }).sourceRecordId);
      text += `${JSON.stringify(record)}\n`;
    }
  }
  const path = join(directory, 'records.jsonl');
  writeFileSync(path, text);
  return { path, ids };
}

describe.each(databaseTargets())('an import killed with SIGKILL and retried, on $name', (target) => {
  let directory: string;
  let environment: Record<string, string>;
  let dispose: () => Promise<void>;
  let file: { path: string; ids: Set<string> };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'weft-crash-'));
    file = writeFile(directory);
    const dataDir = join(directory, 'data');
    if (target.name === 'postgres') {
      const opened = await target.open();
      await opened.store.close();
      dispose = opened.dispose;
      environment = { DATABASE_URL: opened.url ?? '', WEFT_DATA_DIR: dataDir };
    } else {
      dispose = () => Promise.resolve();
      environment = { DATABASE_URL: '', WEFT_DATA_DIR: dataDir };
    }
    const added = await runWeft(
      ['org', 'add', 'crash-bank', '--name', 'Bank', '--type', 'company', '--sector', 'finance'],
      environment,
    );
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => {
    await dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('stores every record exactly once', async () => {
    const args = ['import', file.path, '--org', 'crash-bank', '--source', 'core', '--batch-size', '1000'];
    const first = startWeft(args, environment);
    // Kill as soon as the import reports that batches are being committed.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (first.output().stderr.includes('progress:')) {
          clearInterval(timer);
          first.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      void first.done.then((result) => {
        clearInterval(timer);
        reject(new Error(`the import ended before it could be killed: ${result.stderr}`));
      });
    });
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    const partial = await countRecords(environment);
    expect(partial).toBeLessThan(RECORDS);

    const retry = await runWeft(args, environment);
    expect(retry.code, retry.stderr).toBe(0);
    expect(retry.stdout).toMatch(new RegExp(`${RECORDS} records read`));

    const stored = await storedIds(environment);
    expect(stored.length).toBe(file.ids.size);
    expect(new Set(stored).size).toBe(stored.length);
    expect(new Set(stored)).toEqual(file.ids);
  });
});

async function storedIds(environment: Record<string, string>): Promise<string[]> {
  // Only reads, and no record content: the ledger and field keys do not matter here.
  const store = await openStore(
    { databaseUrl: environment['DATABASE_URL'], dataDir: environment['WEFT_DATA_DIR'] },
    { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) },
  );
  try {
    const rows = await store.database.query<{ source_record_id: string }>(
      "SELECT source_record_id FROM records WHERE owner_organisation = 'crash-bank'",
    );
    return rows.map((row) => row.source_record_id);
  } finally {
    await store.close();
  }
}

async function countRecords(environment: Record<string, string>): Promise<number> {
  return (await storedIds(environment)).length;
}
