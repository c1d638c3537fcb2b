/**
 * Receipt codes: what an anonymous reporter keeps to read replies and add information later. A
 * code is 100 random bits written as 20 characters of Crockford's base 32 in groups of four, so it
 * can be read aloud, written on paper and typed on a basic phone; the alphabet leaves out I, L, O
 * and U, and reading folds the look-alikes back. Weft stores only a keyed Argon2id hash of it.
 */

/** Crockford's base-32 alphabet: digits and letters without I, L, O, U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in a code: 20 × 5 = 100 bits. */
export const RECEIPT_CODE_LENGTH = 20;
/** Bits of randomness in a code. */
export const RECEIPT_CODE_BITS = RECEIPT_CODE_LENGTH * 5;

/** A receipt code in its canonical form (20 characters of the alphabet, no separators). */
export type ReceiptCode = string & { readonly __receiptCode: true };

/** Makes a new code from `RECEIPT_CODE_LENGTH` random bytes (each byte's low five bits give a character). */
export function newReceiptCode(randomBytes: (length: number) => Uint8Array): ReceiptCode {
  const bytes = randomBytes(RECEIPT_CODE_LENGTH);
  if (bytes.length !== RECEIPT_CODE_LENGTH) throw new Error(`expected ${RECEIPT_CODE_LENGTH} random bytes`);
  let code = '';
  // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
  for (const byte of bytes) code += ALPHABET.charAt(byte & 31);
  return code as ReceiptCode;
}

/** A code as shown to the reporter: five groups of four (`7KQM-2XPA-9D3F-HT8R-W4NB`). */
export function formatReceiptCode(code: ReceiptCode): string {
  return (code.match(/.{1,4}/gu) ?? []).join('-');
}

/**
 * Reads a code as typed: case, spaces, dashes and dots do not matter, and the letters people
 * mistake for digits are read as those digits (O → 0, I and L → 1). Undefined when what is left is
 * not 20 characters of the alphabet.
 */
export function parseReceiptCode(text: string): ReceiptCode | undefined {
  if (text.length > 200) return undefined;
  const folded = text
    .toUpperCase()
    .replace(/[\s\-._]/gu, '')
    .replace(/O/gu, '0')
    .replace(/[IL]/gu, '1');
  if (folded.length !== RECEIPT_CODE_LENGTH) return undefined;
  for (const character of folded) if (!ALPHABET.includes(character)) return undefined;
  return folded as ReceiptCode;
}
