import { describe, expect, it } from 'vitest';
import { checkPassword, generatePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';

describe('password rules', () => {
  it('accepts a passphrase of twelve characters or more', () => {
    expect(checkPassword('correct horse')).toEqual({ ok: true });
    expect(checkPassword('a'.repeat(PASSWORD_MIN_LENGTH - 1) + 'b')).toEqual({ ok: true });
  });

  it('refuses a short password and says why', () => {
    expect(checkPassword('short-pass1')).toEqual({ ok: false, reason: 'A password needs at least 12 characters.' });
  });

  it('refuses a password over 256 characters and says why', () => {
    expect(checkPassword('ab'.repeat(PASSWORD_MAX_LENGTH / 2))).toEqual({ ok: true });
    expect(checkPassword(`${'ab'.repeat(PASSWORD_MAX_LENGTH / 2)}c`)).toEqual({
      ok: false,
      reason: 'A password may have at most 256 characters.',
    });
  });

  it('refuses one character repeated and says why', () => {
    expect(checkPassword('x'.repeat(20))).toEqual({
      ok: false,
      reason: 'A password may not be one character repeated.',
    });
  });

  it('counts characters, not UTF-16 units', () => {
    // Eleven emoji are 22 UTF-16 units but only eleven characters.
    expect(checkPassword('🔑🔒🔑🔒🔑🔒🔑🔒🔑🔒🔑').ok).toBe(false);
    expect(checkPassword('🔑🔒🔑🔒🔑🔒🔑🔒🔑🔒🔑🔒').ok).toBe(true);
  });

  it('generates distinct passwords that pass the rules', () => {
    const first = generatePassword();
    expect(first).toHaveLength(24);
    expect(checkPassword(first)).toEqual({ ok: true });
    expect(generatePassword()).not.toBe(first);
  });
});
