import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReceiptCode, newReceiptCode, parseReceiptCode, RECEIPT_CODE_BITS } from './receipt.ts';

const bytes = (values: number[]) => () => Uint8Array.from(values);

describe('receipt codes', () => {
  it('carry at least 80 bits', () => {
    expect(RECEIPT_CODE_BITS).toBeGreaterThanOrEqual(80);
  });

  it('are read back from their shown form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (random) => {
        const code = newReceiptCode(() => random);
        expect(parseReceiptCode(formatReceiptCode(code))).toBe(code);
        expect(parseReceiptCode(formatReceiptCode(code).toLowerCase().replaceAll('-', ' '))).toBe(code);
      }),
    );
  });

  it('are shown in five groups of four', () => {
    const code = newReceiptCode(bytes(Array.from({ length: 20 }, (_, index) => index)));
    expect(formatReceiptCode(code)).toBe('0123-4567-89AB-CDEF-GHJK');
  });

  it('read the letters people take for digits as those digits', () => {
    expect(parseReceiptCode('o123-4567-89ab-cdef-ghjk')).toBe('0123456789ABCDEFGHJK');
    expect(parseReceiptCode('0I23-4567-89AB-CDEF-GHJK')).toBe('0123456789ABCDEFGHJK');
    expect(parseReceiptCode('0L23 4567 89AB CDEF GHJK')).toBe('0123456789ABCDEFGHJK');
  });

  it('refuse what is not a code', () => {
    expect(parseReceiptCode('')).toBeUndefined();
    expect(parseReceiptCode('0123-4567-89AB-CDEF')).toBeUndefined();
    expect(parseReceiptCode('0123-4567-89AB-CDEF-GHJKM')).toBeUndefined();
    expect(parseReceiptCode('0123-4567-89AB-CDEF-GHJU')).toBeUndefined();
    expect(parseReceiptCode('x'.repeat(10_000))).toBeUndefined();
  });

  it('use every character of the alphabet evenly', () => {
    const seen = new Map<string, number>();
    for (let start = 0; start < 256; start += 20) {
      const code = newReceiptCode(bytes(Array.from({ length: 20 }, (_, index) => (start + index) % 256)));
      for (const character of code) seen.set(character, (seen.get(character) ?? 0) + 1);
    }
    expect(seen.size).toBe(32);
  });
});
