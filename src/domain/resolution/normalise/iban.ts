/**
 * International Bank Account Numbers (ISO 13616): normalisation, validation by length and the
 * mod-97 check (ISO 7064), and a digits-only fallback for domestic account numbers.
 */

/** IBAN lengths by country for the countries most often seen in our data (SWIFT IBAN registry). */
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  `AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 CH21 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 ES24
   FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20
   LB28 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29
   RO24 RS22 SA24 SE24 SI19 SK24 SM27 TN24 TR26 UA29 VG24 XK20`
    .trim()
    .split(/\s+/u)
    .map((entry): [string, number] => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/** An IBAN without spaces, uppercase: "gb82 west 1234 5698 7654 32" → "GB82WEST12345698765432". */
export function normaliseIban(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/^IBAN[:\s]*/u, '')
    .replace(/[^A-Z0-9]/gu, '');
}

/** Remainder modulo 97 of the IBAN's number (letters as 10…35), computed piecewise to stay exact. */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const character of alphanumeric) {
    const code = character.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/** The two check digits for a country and BBAN: 98 minus the remainder of BBAN + country + "00". */
export function ibanCheckDigits(countryCode: string, bban: string): string {
  const remainder = mod97(normaliseIban(bban) + countryCode.toUpperCase() + '00');
  return String(98 - remainder).padStart(2, '0');
}

const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/u;

/**
 * Whether the text is a valid IBAN: the right shape, the registered length for its country
 * (unknown countries: 15–34 characters), and mod 97 = 1. Because 97 is prime and larger than
 * any letter value, the check catches every digit-for-digit and letter-for-letter substitution
 * and every swap of two adjacent digits; a letter written for a digit is caught in practice but
 * not by guarantee.
 */
export function isValidIban(text: string): boolean {
  const iban = normaliseIban(text);
  if (!IBAN_SHAPE.test(iban)) return false;
  const expected = IBAN_LENGTHS.get(iban.slice(0, 2));
  if (expected !== undefined && iban.length !== expected) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** The normalised IBAN when valid, else null. */
export function parseIban(text: string): string | null {
  return isValidIban(text) ? normaliseIban(text) : null;
}

/** A domestic account number reduced to its digits, for accounts that are not IBANs; null when none remain. */
export function normaliseBankAccount(text: string): string | null {
  const digits = text.normalize('NFKC').replace(/[^0-9]/gu, '');
  return digits === '' ? null : digits;
}
