import { describe, expect, it } from 'vitest';
import { argon2Hasher } from './argon2.ts';

describe('Argon2id password hashing', () => {
  const hasher = argon2Hasher();

  it("hashes with Argon2id at OWASP's parameters, salted", async () => {
    const first = await hasher.hash('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.hash('correct horse battery')).not.toBe(first);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const phc = await hasher.hash('correct horse battery');
    expect(await hasher.verify(phc, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(phc, 'correct horse batterY')).toBe(false);
  });

  it('refuses, without throwing, against a malformed hash', async () => {
    expect(await hasher.verify('not a hash', 'correct horse battery')).toBe(false);
  });

  it('spends the work of a verification on an unknown account and refuses', async () => {
    expect(await hasher.verifyNothing('correct horse battery')).toBe(false);
  });
});
