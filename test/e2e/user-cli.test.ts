/** `weft user …` and `weft group …` as an operator runs them, on the embedded database. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyRing } from '../../src/adapters/keys/key-ring.ts';
import { argon2Hasher } from '../../src/adapters/passwords/argon2.ts';
import { openStore } from '../../src/adapters/store/index.ts';
import { runWeft, type CommandResult } from '../support/cli.ts';

const root = new URL('../../', import.meta.url).pathname;

// Each command starts a process (tsx, PGlite): slow on a busy machine.
describe('the user and group commands', { timeout: 240_000 }, () => {
  let directory: string;
  let environment: Record<string, string>;
  const weft = (...args: string[]) => runWeft(args, environment);

  /** Runs `weft <args>` with text on its standard input. */
  const weftWithInput = (input: string, ...args: string[]) =>
    new Promise<CommandResult>((resolve) => {
      const child = spawn(process.execPath, [`${root}bin/weft.js`, ...args], {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'warn', ...environment },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('close', (code, signal) => {
        resolve({ code, signal, stdout, stderr });
      });
      child.stdin.end(input);
    });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'weft-users-'));
    environment = { DATABASE_URL: '', WEFT_DATA_DIR: join(directory, 'data') };
    for (const [id, type, sector] of [
      ['harbour-hotels', 'company', 'accommodation'],
      ['met-police-mst', 'law_enforcement', 'law_enforcement'],
    ] as const) {
      const saved = await weft('org', 'add', id, '--name', id, '--type', type, '--sector', sector);
      expect(saved.code).toBe(0);
    }
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  let generated = '';

  it('adds a user with a generated password, printed once', async () => {
    const added = await weft(
      'user',
      'add',
      'Ana@Harbour.example',
      '--org',
      'harbour-hotels',
      '--role',
      'reporter',
      'analyst',
      '--clearance',
      'confidential',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const match = /^password \(shown once\): (\S{24})$/m.exec(added.stdout);
    generated = match?.[1] ?? '';
    expect(generated).not.toBe('');
  });

  it('adds a user with a password from standard input, refusing one that breaks the rules', async () => {
    const args = ['user', 'add', 'ben@harbour.example', '--org', 'harbour-hotels', '--role', 'admin'];
    const weak = await weftWithInput('short\n', ...args, '--clearance', 'restricted', '--password-stdin');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('A password needs at least 12 characters.');
    const good = await weftWithInput('bollard-rope-1977\n', ...args, '--clearance', 'restricted', '--password-stdin');
    expect(good.code).toBe(0);
    expect(good.stdout).not.toContain('password');
    const unknownOrg = await weft(
      'user',
      'add',
      'cy@x.example',
      '--org',
      'nowhere',
      '--role',
      'admin',
      '--clearance',
      'secret',
    );
    expect(unknownOrg.stderr).toContain('no organisation "nowhere"');
  });

  it('lists, disables, and manages sharing groups', async () => {
    const listed = await weft('user', 'list', '--org', 'harbour-hotels');
    expect(listed.stdout).toMatch(/\tana@harbour\.example\treporter,analyst\tconfidential\ttotp-not-enrolled\n/);
    expect(listed.stdout).toMatch(/\tben@harbour\.example\tadmin\trestricted\ttotp-not-enrolled\n/);
    expect((await weft('user', 'disable', 'ana@harbour.example')).code).toBe(0);
    expect((await weft('user', 'list', '--org', 'harbour-hotels')).stdout).toMatch(
      /\tana@harbour\.example\t.*\tdisabled\n/,
    );

    expect((await weft('group', 'add', 'port-watch', '--name', 'Port watch', '--org', 'harbour-hotels')).code).toBe(0);
    expect((await weft('group', 'add', 'port-watch', '--name', 'Again', '--org', 'harbour-hotels')).stderr).toContain(
      'taken',
    );
    expect((await weft('group', 'member', 'port-watch', 'met-police-mst')).stdout).toBe(
      'met-police-mst added to port-watch\n',
    );
    expect((await weft('group', 'member', 'port-watch', 'harbour-hotels', '--remove')).code).toBe(0);
    expect((await weft('group', 'member', 'port-watch', 'met-police-mst', '--remove')).stderr).toContain('last member');
  });

  it('stores Argon2id hashes and a ledger that verifies under the key ring, without emails or passwords', async () => {
    const keys = openKeyRing(join(directory, 'data', 'keys'));
    const store = await openStore(
      { dataDir: join(directory, 'data') },
      { ledgerKey: keys.ledgerKey, fieldKey: keys.fieldKey },
    );
    try {
      const ana = await store.users.findByEmail('ana@harbour.example');
      expect(ana?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await argon2Hasher().verify(ana?.passwordHash ?? '', generated)).toBe(true);
      expect(await store.groups.get('port-watch')).toMatchObject({ members: ['met-police-mst'] });
      expect(await store.ledger.verify()).toMatchObject({ ok: true });
      const entries = await store.ledger.read(0, 1000);
      expect(entries.map((entry) => entry.detail)).toEqual(
        expect.arrayContaining([
          'cli:user_created',
          'cli:user_disabled',
          'cli:group_created',
          'cli:group_member_added',
          'cli:group_member_removed',
        ]),
      );
      const text = JSON.stringify(entries).toLowerCase();
      for (const secret of [
        'ana@harbour.example',
        'ben@harbour.example',
        generated.toLowerCase(),
        'bollard-rope-1977',
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await store.close();
    }
  });
});
