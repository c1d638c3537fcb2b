/** `weft audit verify|checkpoint|show` as a user runs them, on a PGlite data folder. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyRing } from '../../../adapters/keys/key-ring.ts';
import { openStore, type Store } from '../../../adapters/store/index.ts';
import type { LedgerEvent } from '../../../domain/audit/index.ts';
import { runWeft } from '../../../../test/support/cli.ts';

const ACTIONS = ['consult', 'collect', 'disclose'] as const;

function events(count: number, organisation: string, actor: string): LedgerEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    actor,
    organisation,
    action: ACTIONS[index % ACTIONS.length] ?? 'consult',
    requestId: `req-${organisation}-${index}`,
    purpose: 'investigation',
    objectIds: Array.from({ length: index + 1 }, (__, object) => `rec-${organisation}-${index}-${object}`),
    outcome: 'ok',
    detail: index === 0 ? 'results=1' : null,
  }));
}

describe('weft audit', { timeout: 240_000 }, () => {
  let directory: string;
  let dataDir: string;
  let environment: Record<string, string>;
  let headHash: string;

  /** Opens the data folder's store with the same key ring as the commands. */
  async function withStore(work: (store: Store) => Promise<void>): Promise<void> {
    const keys = openKeyRing(join(dataDir, 'keys'));
    const store = await openStore({ dataDir }, { ledgerKey: keys.ledgerKey, fieldKey: keys.fieldKey });
    try {
      await work(store);
    } finally {
      await store.close();
    }
  }

  /** Runs SQL on the ledger past its append-only triggers, as the table's owner could. */
  function tamper(statement: string): Promise<void> {
    return withStore((store) =>
      store.database.transaction(async (sql) => {
        await sql.query('ALTER TABLE ledger DISABLE TRIGGER USER');
        await sql.query(statement);
        await sql.query('ALTER TABLE ledger ENABLE TRIGGER USER');
      }),
    );
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'weft-audit-'));
    dataDir = join(directory, 'data');
    environment = { DATABASE_URL: '', WEFT_DATA_DIR: dataDir, WEFT_KEYS_DIR: join(dataDir, 'keys') };
    await withStore(async (store) => {
      await store.ledger.appendNow(events(4, 'police-ro', 'user:ana'));
      await store.ledger.appendNow(events(3, 'bank-de', 'key:bank-api'));
      const last = await store.ledger.appendNow(events(5, 'police-ro', 'user:ion'));
      headHash = last.at(-1)?.hash ?? '';
    });
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('verify prints the number of entries and the head of an intact ledger', async () => {
    const result = await runWeft(['audit', 'verify'], environment);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^ledger verified: 12 entries, head 12 ${headHash.slice(0, 12)}, in \\d+\\.\\d s\\n$`),
    );
  });

  it('show prints the last entries as a table, by organisation or actor if asked', async () => {
    const last = await runWeft(['audit', 'show', '--last', '3'], environment);
    expect(last.code, last.stderr).toBe(0);
    const lines = last.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^seq +at +actor +organisation +action +purpose +outcome +request +detail +objects$/);
    expect(lines.slice(1).map((line) => line.trim().split(/\s+/)[0])).toEqual(['10', '11', '12']);
    expect(lines[1]).toContain('rec-police-ro-2-0 rec-police-ro-2-1 +1 more');

    const bank = await runWeft(['audit', 'show', '--org', 'bank-de'], environment);
    expect(bank.stdout.trimEnd().split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ *5 .* key:bank-api +bank-de +consult +investigation +ok +req-bank-de-0 +results=1 /),
      expect.stringMatching(/^ *6 .* collect /),
      expect.stringMatching(/^ *7 .* disclose /),
    ]);
    const ana = await runWeft(['audit', 'show', '--actor', 'user:ana', '--last', '2'], environment);
    expect(
      ana.stdout
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/)[0]),
    ).toEqual(['3', '4']);

    const bad = await runWeft(['audit', 'show', '--last', '0'], environment);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('a whole number of at least 1');
  });

  it('checkpoint signs the head, and verify --checkpoint checks the ledger against it', async () => {
    const printed = await runWeft(['audit', 'checkpoint'], environment);
    expect(printed.code, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual({
      seq: 12,
      hash: headHash,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      signature: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) as unknown,
      publicKey: expect.stringContaining('-----BEGIN PUBLIC KEY-----') as unknown,
    });

    const file = join(directory, 'checkpoint.json');
    const written = await runWeft(['audit', 'checkpoint', '--out', file], environment);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain(`checkpoint of entry 12 written to ${file}`);
    const verified = await runWeft(['audit', 'verify', '--checkpoint', file], environment);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(
      /^ledger verified: 12 entries, .*, consistent with the checkpoint of entry 12, in /,
    );
  });

  it('verify --checkpoint refuses a checkpoint whose hash or signature was altered, with exit status 2', async () => {
    const signed = JSON.parse(readFileSync(join(directory, 'checkpoint.json'), 'utf8')) as { signature: string };
    const altered = {
      hash: { ...signed, hash: 'f'.repeat(64) },
      signature: {
        ...signed,
        signature: `${signed.signature.startsWith('A') ? 'B' : 'A'}${signed.signature.slice(1)}`,
      },
    };
    for (const [what, checkpoint] of Object.entries(altered)) {
      const file = join(directory, `altered-${what}.json`);
      writeFileSync(file, JSON.stringify(checkpoint));
      const result = await runWeft(['audit', 'verify', '--checkpoint', file], environment);
      expect(result.code, what).toBe(2);
      expect(result.stdout, what).toBe('');
      expect(result.stderr, what).toContain(
        'weft: checkpoint refused: the checkpoint signature does not verify: the checkpoint was altered',
      );
    }
    const missing = await runWeft(['audit', 'verify', '--checkpoint', join(directory, 'none.json')], environment);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('checkpoint refused: cannot read');
  });

  it('verify exits 1 naming the entry changed in the database, and checkpoint will not sign over it', async () => {
    await tamper("UPDATE ledger SET outcome = 'denied' WHERE seq = 7");
    const result = await runWeft(['audit', 'verify'], environment);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('ledger BROKEN at entry 7 (index 6): hash — the entry was changed\n');
    const signing = await runWeft(['audit', 'checkpoint'], environment);
    expect(signing.code).toBe(1);
    expect(signing.stdout).toBe('');
    expect(signing.stderr).toContain('no checkpoint signed over a broken ledger');
    await tamper("UPDATE ledger SET outcome = 'ok' WHERE seq = 7");
  });

  it('verify --checkpoint exits 1 when entries were cut from the end, which verify alone cannot see', async () => {
    await tamper('DELETE FROM ledger WHERE seq > 10');
    const alone = await runWeft(['audit', 'verify'], environment);
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stdout).toMatch(/^ledger verified: 10 entries, head 10 /);
    const result = await runWeft(['audit', 'verify', '--checkpoint', join(directory, 'checkpoint.json')], environment);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      "ledger BROKEN at entry 11 (index 10): truncated — the ledger ends before the checkpoint's head (entry 12): entries were removed from its end\n",
    );
  });
});
