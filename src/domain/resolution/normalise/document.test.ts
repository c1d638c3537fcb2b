import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrzCharacterValue, mrzCheckDigit, normaliseDocumentNumber, parsePassportMrz } from './index.ts';

// The specimen passport of ICAO Doc 9303 part 4.
const SPECIMEN = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const MRZ_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<'.split('');

describe('identity document numbers', () => {
  it('uppercases and strips separators without merging O and 0', () => {
    expect(normaliseDocumentNumber(' ab 12-34.5/6 ')).toBe('AB123456');
    expect(normaliseDocumentNumber('O0o')).toBe('O0O');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = normaliseDocumentNumber(text);
        expect(normaliseDocumentNumber(once)).toBe(once);
      }),
    );
  });
});

describe('MRZ check digits', () => {
  it('computes the ICAO examples', () => {
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('ZE184226B<<<<<')).toBe(1);
  });

  it('rejects characters outside the MRZ alphabet', () => {
    expect(() => mrzCheckDigit('ab')).toThrow(RangeError);
  });

  it('detects a single substitution exactly when the two values differ by other than a multiple of 10', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...MRZ_ALPHABET), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom(...MRZ_ALPHABET),
        (characters, position, replacement) => {
          const index = position % characters.length;
          const original = characters[index] ?? '<';
          fc.pre(original !== replacement);
          const changed = [...characters];
          changed[index] = replacement;
          const detected = mrzCheckDigit(characters.join('')) !== mrzCheckDigit(changed.join(''));
          expect(detected).toBe((mrzCharacterValue(original) - mrzCharacterValue(replacement)) % 10 !== 0);
        },
      ),
    );
  });

  it('therefore detects every digit-for-digit substitution, and misses A for 0 and < for 0', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, shift) => {
          const index = position % digits.length;
          const changed =
            digits.slice(0, index) + String((Number(digits[index]) + shift) % 10) + digits.slice(index + 1);
          expect(mrzCheckDigit(changed)).not.toBe(mrzCheckDigit(digits));
        },
      ),
    );
    expect(mrzCheckDigit('A12')).toBe(mrzCheckDigit('012'));
    expect(mrzCheckDigit('<12')).toBe(mrzCheckDigit('012'));
  });
});

describe('parsing a passport MRZ', () => {
  it('reads the fields of the ICAO specimen and validates its check digits', () => {
    const mrz = parsePassportMrz(SPECIMEN, 2024);
    expect(mrz).toMatchObject({
      documentType: 'P',
      issuingState: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      documentNumber: 'L898902C3',
      nationality: 'UTO',
      birthDate: { year: 1974, month: 8, day: 12 },
      sex: 'F',
      expiryDate: { year: 2012, month: 4, day: 15 },
      personalNumber: 'ZE184226B',
      valid: true,
    });
    expect(parsePassportMrz(SPECIMEN.join('\n'), 2024)?.valid).toBe(true);
  });

  it('reports which check fails when a character is changed', () => {
    const tampered = [SPECIMEN[0] ?? '', (SPECIMEN[1] ?? '').replace('L898902C3', 'L898903C3')];
    const mrz = parsePassportMrz(tampered, 2024);
    expect(mrz?.checks.documentNumber).toBe(false);
    expect(mrz?.checks.composite).toBe(false);
    expect(mrz?.checks.birthDate).toBe(true);
    expect(mrz?.valid).toBe(false);
  });

  it('returns null for text that is not a TD3 MRZ', () => {
    expect(parsePassportMrz(['P<UTO', 'L898'], 2024)).toBeNull();
    expect(parsePassportMrz(['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', SPECIMEN[1] ?? ''], 2024)).toBeNull();
  });
});
