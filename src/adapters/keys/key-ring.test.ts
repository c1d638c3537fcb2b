import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, verify } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openKeyRing } from './key-ring.ts';

const folder = mkdtempSync(join(tmpdir(), 'weft-keys-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('the key ring', () => {
  const ring = openKeyRing(join(folder, 'keys'));

  it('creates its keys once, readable by their owner only, and loads the same ones again', () => {
    const again = openKeyRing(join(folder, 'keys'));
    expect(Buffer.from(again.ledgerKey).equals(Buffer.from(ring.ledgerKey))).toBe(true);
    expect(again.fields.decrypt(ring.fields.encrypt('same key'))).toBe('same key');
    for (const file of ['ledger.key', 'field.key', 'ledger-signing.pem'])
      expect(statSync(join(folder, 'keys', file)).mode & 0o777).toBe(0o600);
  });

  it('encrypts fields so that they read back, differ each time, and refuse any change', () => {
    const sealed = ring.fields.encrypt('Ana, 17, taken from Craiova');
    expect(sealed).not.toContain('Ana');
    expect(ring.fields.encrypt('Ana, 17, taken from Craiova')).not.toBe(sealed);
    expect(ring.fields.decrypt(sealed)).toBe('Ana, 17, taken from Craiova');
    // One bit of the ciphertext changed: authenticated encryption refuses it.
    const bytes = Buffer.from(sealed.slice('wf1:'.length), 'base64url');
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
    const flipped = `wf1:${bytes.toString('base64url')}`;
    expect(flipped).not.toBe(sealed);
    expect(() => ring.fields.decrypt(flipped)).toThrow();
    expect(() => openKeyRing(join(folder, 'other')).fields.decrypt(sealed)).toThrow();
  });

  it('signs with a key whose public half verifies', () => {
    const signature = sign(null, Buffer.from('checkpoint'), ring.signingKey);
    expect(verify(null, Buffer.from('checkpoint'), ring.verifyKey, signature)).toBe(true);
    expect(verify(null, Buffer.from('checkpoinT'), ring.verifyKey, signature)).toBe(false);
  });
});
