/**
 * Identity-document numbers and the machine-readable zone (MRZ) of passports, per ICAO Doc 9303.
 * Document numbers are compared as written: O and 0 are not merged, because both occur in real
 * numbers and the check digit tells them apart.
 */

/** A document number without separators, uppercase: "ab 12-345.6" → "AB123456". */
export function normaliseDocumentNumber(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/gu, '');
}

const MRZ_WEIGHTS = [7, 3, 1] as const;

/** Value of one MRZ character: digits as themselves, A=10 … Z=35, the filler `<` = 0. */
export function mrzCharacterValue(character: string): number {
  const code = character.charCodeAt(0);
  if (character.length !== 1) throw new RangeError(`not one MRZ character: ${JSON.stringify(character)}`);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  if (character === '<') return 0;
  throw new RangeError(`not an MRZ character: ${JSON.stringify(character)}`);
}

/**
 * ICAO 9303 check digit of an MRZ field: weights 7, 3, 1 repeating, sum modulo 10. Catches any
 * single substitution whose two values differ by other than a multiple of 10 — so every
 * digit-for-digit error, but not 'A' (10) for '0', nor '<' for '0'. Throws on characters
 * outside 0-9, A-Z and `<`.
 */
export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let index = 0; index < field.length; index++) {
    sum += mrzCharacterValue(field.charAt(index)) * (MRZ_WEIGHTS[index % 3] ?? 1);
  }
  return sum % 10;
}

/** A date from the MRZ (YYMMDD) with the century resolved. */
export interface MrzDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The fields of a TD3 (passport) MRZ and whether each check digit holds. */
export interface PassportMrz {
  readonly documentType: string;
  readonly issuingState: string;
  readonly surname: string;
  readonly givenNames: string;
  readonly documentNumber: string;
  readonly nationality: string;
  readonly birthDate: MrzDate | null;
  readonly sex: 'F' | 'M' | 'X';
  readonly expiryDate: MrzDate | null;
  readonly personalNumber: string;
  readonly checks: {
    readonly documentNumber: boolean;
    readonly birthDate: boolean;
    readonly expiryDate: boolean;
    readonly personalNumber: boolean;
    readonly composite: boolean;
  };
  /** All check digits hold. */
  readonly valid: boolean;
}

const TD3_LINE = /^[A-Z0-9<]{44}$/u;

function checkHolds(field: string, digit: string): boolean {
  // An all-filler optional field may carry a filler check digit.
  if (digit === '<') return /^<*$/u.test(field);
  return /^[0-9]$/u.test(digit) && mrzCheckDigit(field) === Number(digit);
}

/**
 * Resolves a two-digit MRZ year. Birth dates are placed in the century that keeps them in the
 * past relative to `referenceYear`; expiry dates in the century closest to it.
 */
function mrzDate(text: string, kind: 'birth' | 'expiry', referenceYear: number): MrzDate | null {
  if (!/^[0-9]{6}$/u.test(text)) return null;
  const twoDigit = Number(text.slice(0, 2));
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  const century = Math.floor(referenceYear / 100) * 100;
  let year = century + twoDigit;
  if (kind === 'birth' && year > referenceYear) year -= 100;
  if (kind === 'expiry' && year < referenceYear - 50) year += 100;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function unfill(text: string): string {
  return text.replace(/<+$/u, '').replaceAll('<', ' ').trim();
}

/**
 * Parses the two 44-character lines of a passport MRZ (TD3). Lines may be given as two strings
 * or as one text with a line break; surrounding spaces are ignored. Null when the layout is not
 * TD3; a parsed result reports each check digit in `checks`. `referenceYear` (the caller's
 * current year: the domain reads no clock) resolves two-digit years.
 */
export function parsePassportMrz(lines: string | readonly string[], referenceYear: number): PassportMrz | null {
  const [first = '', second = ''] = (typeof lines === 'string' ? lines.split(/\r?\n/u) : lines)
    .map((line) => line.trim().toUpperCase())
    .filter((line) => line !== '');
  if (!TD3_LINE.test(first) || !TD3_LINE.test(second) || !first.startsWith('P')) return null;

  const [surnamePart = '', givenPart = ''] = first.slice(5).split('<<');
  const documentNumberField = second.slice(0, 9);
  const birthField = second.slice(13, 19);
  const expiryField = second.slice(21, 27);
  const personalField = second.slice(28, 42);
  const sexCode = second.charAt(20);
  const checks = {
    documentNumber: checkHolds(documentNumberField, second.charAt(9)),
    birthDate: checkHolds(birthField, second.charAt(19)),
    expiryDate: checkHolds(expiryField, second.charAt(27)),
    personalNumber: checkHolds(personalField, second.charAt(42)),
    composite: checkHolds(second.slice(0, 10) + second.slice(13, 20) + second.slice(21, 43), second.charAt(43)),
  };
  return {
    documentType: unfill(first.slice(0, 2)),
    issuingState: unfill(first.slice(2, 5)),
    surname: unfill(surnamePart),
    givenNames: unfill(givenPart),
    documentNumber: unfill(documentNumberField),
    nationality: unfill(second.slice(10, 13)),
    birthDate: mrzDate(birthField, 'birth', referenceYear),
    sex: sexCode === 'F' || sexCode === 'M' ? sexCode : 'X',
    expiryDate: mrzDate(expiryField, 'expiry', referenceYear),
    personalNumber: unfill(personalField),
    checks,
    valid: Object.values(checks).every(Boolean),
  };
}
