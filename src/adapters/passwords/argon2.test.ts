import { describe, expect, it } from 'vitest';
import { argon2Hasher, receiptHasher } from './argon2.ts';

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

describe('receipt-code hashing', () => {
  const key = new Uint8Array(32).fill(7);
  const hashOf = receiptHasher(key);

  it('gives the same hash for the same code, so a report is found by it', async () => {
    const first = await hashOf('0123456789ABCDEFGHJK');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashOf('0123456789ABCDEFGHJK')).toBe(first);
    expect(await hashOf('0123456789ABCDEFGHJM')).not.toBe(first);
  });

  it('depends on the key kept outside the database', async () => {
    const other = receiptHasher(new Uint8Array(32).fill(8));
    expect(await other('0123456789ABCDEFGHJK')).not.toBe(await hashOf('0123456789ABCDEFGHJK'));
  });
});
