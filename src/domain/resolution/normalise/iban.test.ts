import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IBAN_LENGTHS, ibanCheckDigits, isValidIban, normaliseBankAccount, normaliseIban, parseIban } from './index.ts';

describe('IBAN', () => {
  it('normalises spacing, case and an IBAN label', () => {
    expect(normaliseIban('IBAN: gb82 west 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
  });

  it('accepts published example IBANs and rejects altered ones', () => {
    for (const iban of [
      'GB82 WEST 1234 5698 7654 32',
      'DE89 3704 0044 0532 0130 00',
      'FR14 2004 1010 0505 0001 3M02 606',
      'NL91 ABNA 0417 1643 00',
      'RO49 AAAA 1B31 0075 9384 0000',
    ]) {
      expect(isValidIban(iban)).toBe(true);
    }
    expect(isValidIban('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(isValidIban('GB82 WEST 1234 5698 7654 3')).toBe(false); // wrong length for GB
    expect(parseIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(parseIban('not an iban')).toBeNull();
  });

  it('computes check digits', () => {
    expect(ibanCheckDigits('GB', 'WEST12345698765432')).toBe('82');
    expect(ibanCheckDigits('DE', '370400440532013000')).toBe('89');
  });

  const validIban = fc
    .tuple(
      fc.constantFrom(...IBAN_LENGTHS.entries()),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 30, maxLength: 30 }),
    )
    .map(([[country, length], digits]) => {
      const bban = digits.slice(0, length - 4).join('');
      return `${country}${ibanCheckDigits(country, bban)}${bban}`;
    });

  it('builds valid IBANs from check digits, idempotently normalised', () => {
    fc.assert(
      fc.property(validIban, (iban) => {
        expect(isValidIban(iban)).toBe(true);
        expect(normaliseIban(normaliseIban(iban))).toBe(normaliseIban(iban));
      }),
    );
  });

  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(validIban, fc.nat(), fc.integer({ min: 1, max: 9 }), (iban, position, shift) => {
        const index = 2 + (position % (iban.length - 2)); // every digit after the country code
        const changed = iban.slice(0, index) + String((Number(iban[index]) + shift) % 10) + iban.slice(index + 1);
        expect(isValidIban(changed)).toBe(false);
      }),
    );
  });

  it('detects every transposition of two different adjacent digits', () => {
    fc.assert(
      fc.property(validIban, fc.nat(), (iban, position) => {
        const index = 2 + (position % (iban.length - 3));
        fc.pre(iban[index] !== iban[index + 1]);
        const swapped = iban.slice(0, index) + (iban[index + 1] ?? '') + (iban[index] ?? '') + iban.slice(index + 2);
        expect(isValidIban(swapped)).toBe(false);
      }),
    );
  });
});

describe('bank account fallback', () => {
  it('keeps digits only', () => {
    expect(normaliseBankAccount('12-34 5678/90')).toBe('1234567890');
    expect(normaliseBankAccount('n/a')).toBeNull();
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = normaliseBankAccount(text);
        if (once !== null) expect(normaliseBankAccount(once)).toBe(once);
      }),
    );
  });
});
