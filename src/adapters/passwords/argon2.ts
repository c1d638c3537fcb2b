/**
 * Password hashing with Argon2id (`@node-rs/argon2`: native, prebuilt, no install script), at
 * OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane (about 30 ms here). The PHC
 * string carries its parameters, so raising them later leaves existing hashes verifiable.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { hash, hashRaw, verify, type Options } from '@node-rs/argon2';
import type { PasswordHasher } from '../../domain/access/index.ts';

/**
 * OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1. The algorithm is the library's
 * default, Argon2id (its `Algorithm` enum is `const`, which isolated modules cannot use); a test
 * checks the PHC strings say `argon2id`.
 */
export const ARGON2_OPTIONS: Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes and verifies passwords with Argon2id. */
export function argon2Hasher(options: Options = ARGON2_OPTIONS): PasswordHasher {
  // The hash an unknown account is checked against: same parameters, a password nobody knows.
  let dummy: Promise<string> | undefined;
  const check = async (phc: string, password: string): Promise<boolean> => {
    try {
      return await verify(phc, password);
    } catch {
      // A malformed stored hash is a refusal, not a crash.
      return false;
    }
  };
  return {
    hash: (password) => hash(password, options),
    verify: check,
    async verifyNothing(password) {
      dummy ??= hash(randomBytes(32).toString('base64url'), options);
      await check(await dummy, password);
      return false;
    },
  };
}

/**
 * Hashes receipt codes for lookup: Argon2id with a fixed salt and a secret (both derived from the
 * given key, which stays outside the database), so the same code always gives the same hash and a
 * report is found by its hash alone. A code carries 100 random bits, so a fixed salt gives up
 * nothing a per-code salt would protect; the secret makes a copy of the database useless for
 * trying codes.
 */
export function receiptHasher(key: Uint8Array, options: Options = ARGON2_OPTIONS): (code: string) => Promise<string> {
  const salt = createHmac('sha256', key).update('weft receipt-code salt').digest().subarray(0, 16);
  const secret = createHmac('sha256', key).update('weft receipt-code secret').digest();
  return async (code) =>
    (await hashRaw(code, { ...options, salt: Uint8Array.from(salt), secret: Uint8Array.from(secret) })).toString('hex');
}
