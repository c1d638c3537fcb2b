import { describe, expect, it } from 'vitest';
import {
  decodeTotpSecret,
  encodeTotpSecret,
  generateTotpSecret,
  hotp,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
} from './totp.ts';

// The shared secret of RFC 4226 appendix D and RFC 6238 appendix B (SHA-1).
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

describe('one-time codes', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('gives HOTP counter %i the RFC 4226 value %s', (counter, expected) => {
    expect(hotp(RFC_SECRET, counter)).toBe(expected);
  });

  it.each([
    [59, '94287082'],
    [1_111_111_109, '07081804'],
    [1_111_111_111, '14050471'],
    [1_234_567_890, '89005924'],
    [2_000_000_000, '69279037'],
    [20_000_000_000, '65353130'],
  ])('gives time %i the RFC 6238 SHA-1 value %s', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, new Date(seconds * 1000), 8)).toBe(expected);
  });

  it('accepts the current code and those one step either side, but not two steps away', () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step), now, null)).toBe(step);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step + 1), now, null)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step - 2), now, null)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step + 2), now, null)).toBeUndefined();
  });

  it('never accepts a step at or before the last one accepted', () => {
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    const code = hotp(RFC_SECRET, step);
    expect(verifyTotp(RFC_SECRET, code, now, step)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step - 1), now, step - 1)).toBeUndefined();
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step + 1), now, step)).toBe(step + 1);
  });

  it('refuses codes of the wrong shape without comparing', () => {
    const now = new Date(1_700_000_000_000);
    const code = totpCode(RFC_SECRET, now);
    for (const bad of ['', `${code}0`, code.slice(1), ' 12345', '12345a', '１２３４５６']) {
      expect(verifyTotp(RFC_SECRET, bad, now, null)).toBeUndefined();
    }
  });

  it('round-trips a fresh 160-bit secret through base32', () => {
    const secret = generateTotpSecret();
    expect(secret).toHaveLength(20);
    const text = encodeTotpSecret(secret);
    expect(text).toMatch(/^[A-Z2-7]{32}$/);
    expect(decodeTotpSecret(text.toLowerCase())).toEqual(secret);
    expect(encodeTotpSecret(generateTotpSecret())).not.toBe(text);
  });

  it('writes an otpauth URI that authenticator apps read', () => {
    const uri = otpauthUri({ issuer: 'Weft Exchange', account: 'ana@example.org', secret: RFC_SECRET });
    expect(uri).toBe(
      'otpauth://totp/Weft%20Exchange:ana%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' +
        '&issuer=Weft%20Exchange&algorithm=SHA1&digits=6&period=30',
    );
  });
});
