/** `weft user reset-2fa|unlock|code` as an operator runs them, on a PGlite data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyRing } from '../../../adapters/keys/key-ring.ts';
import { openStore, type Store } from '../../../adapters/store/index.ts';
import {
  encodeTotpSecret,
  generateTotpSecret,
  LOCKOUT,
  mintSessionToken,
  totpCode,
} from '../../../domain/access/index.ts';
import { HOTEL } from '../../../../test/fixtures/records.ts';
import { runWeft } from '../../../../test/support/cli.ts';

const EMAIL = 'night.manager@hotel.example';

describe('weft user', { timeout: 240_000 }, () => {
  let directory: string;
  let dataDir: string;
  let environment: Record<string, string>;
  let userId = '';

  /** Opens the data folder's store with the same key ring as the commands. */
  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const keys = openKeyRing(join(dataDir, 'keys'));
    const store = await openStore({ dataDir }, { ledgerKey: keys.ledgerKey, fieldKey: keys.fieldKey });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'weft-user-'));
    dataDir = join(directory, 'data');
    environment = { DATABASE_URL: '', WEFT_DATA_DIR: dataDir, WEFT_KEYS_DIR: join(dataDir, 'keys') };
    userId = await withStore(async (store) => {
      await store.organisations.save(HOTEL);
      const user = await store.users.create({
        organisationId: HOTEL.id,
        email: EMAIL,
        displayName: 'Night Manager',
        roles: ['reporter'],
        clearance: 'restricted',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
      });
      // Enrolled, signed in, then locked out.
      await store.users.startTotpEnrolment(user.id, 'wf1:sealed');
      const pending = mintSessionToken();
      await store.users.createSession({ tokenHash: pending.hash, userId: user.id, stage: 'password', at: new Date() });
      await store.users.completeSignIn({
        userId: user.id,
        oldTokenHash: pending.hash,
        newTokenHash: mintSessionToken().hash,
        step: 1,
        at: new Date(),
      });
      for (let failure = 0; failure < LOCKOUT.maxFailures; failure += 1) {
        await store.users.recordFailure(user.id, new Date(), LOCKOUT);
      }
      return user.id;
    });
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('reset-2fa clears the second factor and ends the sessions, recorded in the ledger', async () => {
    const result = await runWeft(['user', 'reset-2fa', 'Night.Manager@Hotel.example'], environment);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('second factor reset');
    await withStore(async (store) => {
      expect(await store.users.findById(userId)).toMatchObject({ totpSecret: null, totpConfirmedAt: null });
      const sessions = await store.database.query('SELECT 1 FROM sessions WHERE user_id = $1', [userId]);
      expect(sessions).toEqual([]);
      const entries = await store.ledger.read(0, 1000);
      expect(entries.at(-1)).toMatchObject({
        actor: 'system',
        action: 'administer',
        organisation: HOTEL.id,
        objectIds: [userId],
        detail: 'cli:user_second_factor_reset',
      });
    });
  });

  it('unlock lifts the lock, recorded in the ledger', async () => {
    await withStore(async (store) => {
      expect((await store.users.findById(userId))?.lockedUntil).not.toBeNull();
    });
    const result = await runWeft(['user', 'unlock', EMAIL], environment);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`user ${EMAIL} unlocked\n`);
    await withStore(async (store) => {
      expect(await store.users.findById(userId)).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
      expect((await store.ledger.read(0, 1000)).at(-1)).toMatchObject({ detail: 'cli:user_unlocked' });
    });
  });

  it('refuses an unknown email', async () => {
    for (const command of ['reset-2fa', 'unlock']) {
      const result = await runWeft(['user', command, 'nobody@hotel.example'], environment);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('no user "nobody@hotel.example"');
    }
  });

  it('code prints the sign-in code an authenticator would show for a key, and refuses what is not a key', async () => {
    const secret = generateTotpSecret();
    const before = new Date();
    const result = await runWeft(['user', 'code', encodeTotpSecret(secret).toLowerCase()], environment);
    const after = new Date();
    expect(result.code, result.stderr).toBe(0);
    const printed = /^(\d{6}) {2}\(valid for \d+ more seconds\)\n$/u.exec(result.stdout)?.[1];
    // The code of the step the command ran in: the step at the start or at the end of the run.
    expect([totpCode(secret, before), totpCode(secret, after)]).toContain(printed);
    const refused = await runWeft(['user', 'code', 'not a key!'], environment);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('the key must be the base32 text');
  });
});
