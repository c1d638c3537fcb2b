/** `weft serve` on an empty data folder starts with the demo world, as the README says. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWeft } from '../support/cli.ts';
import { freePort } from '../support/ports.ts';

describe('the first start of the server on an empty data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-serve-'));
  let stop = (): Promise<unknown> => Promise.resolve();
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the demo world and gives each organisation a key that sees its own records', async () => {
    const port = await freePort();
    const server = startWeft(['serve'], {
      WEFT_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      NATS_URL: '',
    });
    stop = () => {
      server.child.kill('SIGTERM');
      return server.done;
    };
    const base = `http://127.0.0.1:${port}`;
    // Loading and resolving the demo world takes about 40 s alone; beside the rest of the suite on
    // two cores, several times that: the wait is for a start that is under way, not a goal.
    for (let attempt = 0; ; attempt += 1) {
      const ready = await fetch(`${base}/api/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (attempt > 3_000 || server.child.exitCode !== null)
        throw new Error(`the server did not start: ${server.output().stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const keys = JSON.parse(readFileSync(join(dataDir, 'demo-api-keys.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(keys)).toEqual(
      expect.arrayContaining(['weft-hub', 'skyways', 'northbank', 'classifieds-market']),
    );
    expect(readFileSync(join(dataDir, 'demo-api-key'), 'utf8').trim()).toBe(keys['weft-hub']);

    const airline = await fetch(`${base}/api/v1/records?type=Person&limit=5`, {
      headers: { authorization: `Bearer ${keys['skyways'] ?? ''}`, 'x-weft-purpose': 'screening' },
    });
    const people = (await airline.json()) as { records: { envelope: { ownerOrganisation: string } }[] };
    expect(people.records).toHaveLength(5);
    expect(people.records.every((record) => record.envelope.ownerOrganisation === 'skyways')).toBe(true);

    const adverts = await fetch(`${base}/api/v1/records?type=Advert&limit=1000`, {
      headers: { authorization: `Bearer ${keys['classifieds-market'] ?? ''}`, 'x-weft-purpose': 'screening' },
    });
    expect(((await adverts.json()) as { records: unknown[] }).records.length).toBeGreaterThan(0);
    // One user per role (and the police unit's reviewer of notices, the hub's analyst), each able to sign in with the
    // printed password, then asked to enrol a second factor.
    const logins = JSON.parse(readFileSync(join(dataDir, 'demo-users.json'), 'utf8')) as {
      email: string;
      password: string;
      role: string;
    }[];
    expect(logins.map((login) => login.role).sort()).toEqual([
      'admin',
      'analyst',
      'analyst',
      'auditor',
      'caseworker',
      'reporter',
      'reviewer',
      'reviewer',
    ]);
    const analyst = logins.find((login) => login.role === 'analyst');
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: analyst?.email, password: analyst?.password }),
    });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ next: 'totp_enrolment' });
    // The terminal says where the workbench is and where the logins are (the password itself only
    // to an interactive terminal), and the workbench's page answers there.
    expect(server.output().stdout).toContain(`the workbench is at ${base}`);
    expect(server.output().stdout).toContain(join(dataDir, 'demo-users.json'));
    const page = await fetch(`${base}/search`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root"></div>');
    // No key file content reaches the log.
    expect(server.output().stdout + server.output().stderr).not.toContain(keys['weft-hub'] ?? 'no key');
    for (const login of logins) expect(server.output().stdout + server.output().stderr).not.toContain(login.password);
  }, 360_000);
});
