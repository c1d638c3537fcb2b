/** A password hasher that does no work: for tests that load the demo world but sign no one in. */
import type { PasswordHasher } from '../../src/domain/access/index.ts';

export const NO_HASHING: PasswordHasher = {
  hash: (password) => Promise.resolve(`plain:${password}`),
  verify: (hash, password) => Promise.resolve(hash === `plain:${password}`),
  verifyNothing: () => Promise.resolve(false),
};
