import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPhones, foldDigits, normalisePhone } from './index.ts';

describe('normalising a phone number', () => {
  it('gives E.164 for valid numbers, with or without a default country', () => {
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalisePhone('06 12 34 56 78', 'fr')).toBe('+33612345678');
  });

  it('returns null for invalid numbers and for national numbers without a country', () => {
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('020 7946 0958')).toBeNull();
    expect(normalisePhone('not a number', 'GB')).toBeNull();
  });

  it('folds Arabic-Indic, Persian, full-width, mathematical, circled and keycap digits', () => {
    expect(foldDigits('٠٧ ۰۷ ０７ 𝟎𝟕 ⓪⑦ ❶ 0️⃣7️⃣')).toBe('07 07 07 07 07 1 07');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('+44 20 7946 0958', '07911 123456', '+1 (212) 555-0100', 'junk', '06 12 34 56 78'),
        (text) => {
          const once = normalisePhone(text, 'GB');
          if (once !== null) expect(normalisePhone(once, 'GB')).toBe(once);
        },
      ),
    );
  });
});

/** Ways of writing one digit: ASCII, other scripts' digits, emoji, and words in several languages. */
const DIGIT_FORMS: readonly (readonly string[])[] = [
  ['0', '٠', '۰', '０', '𝟎', '⓪', '0️⃣', 'zero', 'cero', 'null', 'ноль', 'zéro'],
  ['1', '١', '۱', '１', '𝟏', '①', '1️⃣', 'one', 'un', 'uno', 'eins', 'unu', 'один'],
  ['2', '٢', '۲', '２', '𝟐', '②', '2️⃣', 'two', 'deux', 'dos', 'zwei', 'due', 'doi', 'два'],
  ['3', '٣', '۳', '３', '𝟑', '③', '3️⃣', 'three', 'trois', 'tres', 'drei', 'tre', 'trei', 'три'],
  ['4', '٤', '۴', '４', '𝟒', '④', '4️⃣', 'four', 'quatre', 'cuatro', 'vier', 'quattro', 'patru', 'четыре'],
  ['5', '٥', '۵', '５', '𝟓', '⑤', '5️⃣', 'five', 'cinq', 'cinco', 'fünf', 'cinque', 'cinci', 'пять'],
  ['6', '٦', '۶', '６', '𝟔', '⑥', '6️⃣', 'six', 'seis', 'sechs', 'sei', 'șase', 'шесть'],
  ['7', '٧', '۷', '７', '𝟕', '⑦', '7️⃣', 'seven', 'sept', 'siete', 'sete', 'sieben', 'sette', 'șapte', 'семь'],
  ['8', '٨', '۸', '８', '𝟖', '⑧', '8️⃣', 'eight', 'huit', 'ocho', 'oito', 'acht', 'otto', 'opt', 'восемь'],
  ['9', '٩', '۹', '９', '𝟗', '⑨', '9️⃣', 'nine', 'neuf', 'nueve', 'nove', 'neun', 'nouă', 'девять'],
];
const SEPARATORS = ['', ' ', '-', '.', '/', ' - ', '  ', ' dash ', '(', ')'];
const KNOWN_NUMBERS: readonly { country: string; national: string; e164: string }[] = [
  { country: 'GB', national: '07911123456', e164: '+447911123456' },
  { country: 'GB', national: '02079460958', e164: '+442079460958' },
  { country: 'FR', national: '0612345678', e164: '+33612345678' },
  { country: 'DE', national: '015123456789', e164: '+4915123456789' },
  { country: 'RO', national: '0721234567', e164: '+40721234567' },
  { country: 'US', national: '2125550123', e164: '+12125550123' },
];

describe('extracting phone numbers from advert text', () => {
  it('decodes the mixed obfuscation adverts use', () => {
    const [found, ...rest] = extractPhones('call 2ONE6-SIX2TWO-O4 8 7 now', 'US');
    expect(rest).toHaveLength(0);
    expect(found?.e164).toBe('+12166220487');
    expect(found?.text).toBe('2ONE6-SIX2TWO-O4 8 7');
    expect(found?.obfuscated).toBe(true);
  });

  it('reads plus and double-zero prefixes, and numbers in several languages', () => {
    expect(extractPhones('WhatsApp +44 7911 123456').map((p) => p.e164)).toEqual(['+447911123456']);
    expect(extractPhones('tel 0044 7911 123456').map((p) => p.e164)).toEqual(['+447911123456']);
    expect(extractPhones('plus four four seven nine one one one two three four five six').map((p) => p.e164)).toEqual([
      '+447911123456',
    ]);
    expect(extractPhones('zéro six douze', 'FR')).toEqual([]);
    expect(extractPhones('zéro six un deux trois quatre cinq six sept huit', 'FR').map((p) => p.e164)).toEqual([
      '+33612345678',
    ]);
    expect(extractPhones('ноль семь девять один один один два три четыре пять шесть', 'GB').map((p) => p.e164)).toEqual(
      ['+447911123456'],
    );
  });

  it('finds two numbers separated only by spaces, and numbers cut by a comma', () => {
    expect(extractPhones('07911 123456 07922 654321', 'GB').map((p) => p.e164)).toEqual([
      '+447911123456',
      '+447922654321',
    ]);
    expect(extractPhones('07911 123456, 07922 654321', 'GB').map((p) => p.e164)).toEqual([
      '+447911123456',
      '+447922654321',
    ]);
  });

  it('does not read numbers into ordinary prose', () => {
    const prose = [
      'I was born on 12.03.1985 and paid 1,500 euros for 3 nights in room 204 on 14/05/2023 at 10:30.',
      'One, two, three: she counted to ten and then said oh no, seven people were waiting.',
      'Open 24/7, 2 girls, 100 roses for one hour, 150 for two, order no. 4471 on 2023-05-14.',
      'Il y a deux ou trois semaines, sept personnes sont arrivées à huit heures.',
      'Version 1.2.3.4567 released in 2019; ISBN 978-3-16-148410-0 on page 12.',
    ];
    for (const text of prose) {
      for (const country of ['GB', 'FR', 'DE', 'US', 'RO', undefined]) expect(extractPhones(text, country)).toEqual([]);
    }
  });

  it('gives the same E.164 however the digits and separators are written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KNOWN_NUMBERS),
        fc.array(fc.nat(), { minLength: 17, maxLength: 17 }),
        fc.array(fc.constantFrom(...SEPARATORS), { minLength: 17, maxLength: 17 }),
        ({ country, national, e164 }, formChoices, separators) => {
          let text = 'Call ';
          Array.from(national).forEach((digit, index) => {
            const forms = DIGIT_FORMS[Number(digit)] ?? [digit];
            const form = forms[(formChoices[index] ?? 0) % forms.length] ?? digit;
            const previousIsWord = index > 0 && /\p{L}/u.test(text.slice(-1));
            const separator = separators[index] ?? '';
            // Two words need something between them; a word glued to a word would be a different word.
            text +=
              index === 0
                ? form
                : (separator === '' && (previousIsWord || /^\p{L}/u.test(form)) ? ' ' : separator) + form;
          });
          text += ' tonight';
          expect(extractPhones(text, country).map((phone) => phone.e164)).toEqual([e164]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same E.164 from normalisePhone for punctuation and Unicode digit variants', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KNOWN_NUMBERS),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 17, maxLength: 17 }),
        fc.array(fc.constantFrom('', ' ', '-', '.'), { minLength: 17, maxLength: 17 }),
        ({ country, national, e164 }, formChoices, separators) => {
          const text = Array.from(national)
            .map(
              (digit, index) =>
                (separators[index] ?? '') + (DIGIT_FORMS[Number(digit)]?.[formChoices[index] ?? 0] ?? digit),
            )
            .join('');
          expect(normalisePhone(text, country)).toBe(e164);
        },
      ),
    );
  });
});
