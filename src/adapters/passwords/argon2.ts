/**
 * Password hashing with Argon2id (`@node-rs/argon2`: native, prebuilt, no install script), at
 * OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane (about 30 ms here). The PHC
 * string carries its parameters, so raising them later leaves existing hashes verifiable.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';
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
