import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORIGINS, MOBILE_PREFIXES, type Origin } from './gazetteer.ts';
import { personName } from './names.ts';
import {
  digitsOf,
  misspell,
  nameVariant,
  nicknamed,
  nationalNumber,
  obfuscatePhone,
  partialDate,
  phoneNumber,
  phoneVariant,
  splitPhoneNumber,
  stripDiacritics,
  swapNameOrder,
  type NumberWordLanguage,
} from './noise.ts';
import { createRandom } from './random.ts';

const originOf = (country: string): Origin => {
  const origin = ORIGINS.find((candidate) => candidate.country === country);
  if (origin === undefined) throw new Error(`no origin ${country}`);
  return origin;
};
const ALL_NAMES = ORIGINS.flatMap((origin) => [
  ...origin.givenNames.female,
  ...origin.givenNames.male,
  ...origin.familyNames,
]);
const codePoints = (text: string) => Array.from(text).length;

const NUMBER_WORDS: Record<NumberWordLanguage, readonly string[]> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  fr: ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'],
  es: ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'],
};

/** A reference decoder, written apart from the code under test: number words, O/I/l, keycaps, full-width digits. */
function decodeDigits(text: string, language: NumberWordLanguage = 'en'): string {
  const words = NUMBER_WORDS[language]
    .map((word, digit) => [word, String(digit)] as const)
    .sort(([left], [right]) => right.length - left.length);
  const lower = text.toLowerCase();
  let decoded = '';
  let position = 0;
  next: while (position < text.length) {
    for (const [word, digit] of words) {
      if (lower.startsWith(word, position)) {
        decoded += digit;
        position += word.length;
        continue next;
      }
    }
    const character = text.charAt(position);
    const code = text.charCodeAt(position);
    if (character === 'O' || character === 'o') decoded += '0';
    else if (character === 'I' || character === 'l') decoded += '1';
    else if (code >= 0xff10 && code <= 0xff19) decoded += String(code - 0xff10);
    else if (/[0-9]/.test(character)) decoded += character;
    position += 1;
  }
  return decoded;
}

const phoneCases = fc.tuple(fc.integer(), fc.constantFrom(...ORIGINS));

describe('misspelling', () => {
  it('changes a text of four letters or more by one edit, keeping its length within one', () => {
    fc.assert(
      fc.property(fc.integer(), fc.oneof(fc.constantFrom(...ALL_NAMES), fc.string()), (seed, text) => {
        const misspelled = misspell(createRandom(seed), text);
        const letters = Array.from(text).filter((character) => /\p{L}/u.test(character)).length;
        if (letters < 4) {
          expect(misspelled).toBe(text);
        } else {
          expect(misspelled).not.toBe(text);
          expect(misspelled).not.toBe('');
          expect(Math.abs(codePoints(misspelled) - codePoints(text))).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('leaves short names alone', () => {
    expect(misspell(createRandom(1), 'Li')).toBe('Li');
    expect(misspell(createRandom(1), 'Obi')).toBe('Obi');
    expect(misspell(createRandom(1), '王伟')).toBe('王伟');
  });

  it('gives the same slip for the same seed', () => {
    const slips = (seed: number) => ALL_NAMES.map((name) => misspell(createRandom(seed), name));
    expect(slips(42)).toEqual(slips(42));
  });
});

describe('name order and accents', () => {
  it('swaps given and family names in either written order', () => {
    expect(swapNameOrder('Jane Smith')).toBe('Smith Jane');
    expect(swapNameOrder('Mary Joy Santos')).toBe('Santos Mary Joy');
    expect(swapNameOrder('Smith, Jane')).toBe('Jane Smith');
    expect(swapNameOrder('Nguyễn Thị Lan', true)).toBe('Thị Lan Nguyễn');
    expect(swapNameOrder('Madonna')).toBe('Madonna');
  });

  it('strips accents from Latin letters only', () => {
    expect(stripDiacritics('Nguyễn Đức Anh')).toBe('Nguyen Duc Anh');
    expect(stripDiacritics('Ștefan Niță')).toBe('Stefan Nita');
    expect(stripDiacritics('Артём Семёнов')).toBe('Артём Семёнов');
  });
});

describe('name variants', () => {
  it('are the same for the same seed', () => {
    const variants = (seed: number) => {
      const random = createRandom(seed);
      return ORIGINS.map((origin) => nameVariant(random, personName(random, origin, 'male').full, origin));
    };
    expect(variants(9)).toEqual(variants(9));
  });

  it('differ from the original often but not always', () => {
    const random = createRandom(2024);
    let changed = 0;
    let total = 0;
    for (const origin of ORIGINS) {
      for (let draw = 0; draw < 50; draw += 1) {
        const name = personName(random, origin, draw % 2 === 0 ? 'female' : 'male').full;
        if (nameVariant(random, name, origin) !== name) changed += 1;
        total += 1;
      }
    }
    expect(changed / total).toBeGreaterThan(0.5);
    expect(changed / total).toBeLessThan(0.95);
  });

  it('include Latin spellings and passport capitals of Chinese names, and unaccented Vietnamese ones', () => {
    const random = createRandom(8);
    const chinese = new Set(Array.from({ length: 200 }, () => nameVariant(random, '王伟', originOf('CN'))));
    expect(chinese).toContain('Wang Wei');
    expect(chinese).toContain('WANG WEI');
    expect(chinese).toContain('Wei Wang');
    const vietnamese = new Set(
      Array.from({ length: 200 }, () => nameVariant(random, 'Nguyễn Thị Lan', originOf('VN'))),
    );
    expect(vietnamese).toContain('Nguyen Thi Lan');
    expect(vietnamese).toContain('Thị Lan Nguyễn');
  });

  it('sometimes uses the short name people go by, for given names that have one', () => {
    const random = createRandom(5);
    const romanian = new Set(
      Array.from({ length: 300 }, () => nameVariant(random, 'Alexandru Popescu', originOf('RO'))),
    );
    expect(romanian).toContain('Alex Popescu');
    const filipino = new Set(Array.from({ length: 300 }, () => nameVariant(random, 'Mary Joy Santos', originOf('PH'))));
    expect(filipino).toContain('Joy Santos');
    expect(nicknamed(random, 'Екатерина Иванова')).toBe('Катя Иванова');
    expect(nicknamed(random, 'Ana Popescu')).toBeUndefined();
  });
});

describe('phone numbers', () => {
  it('are E.164 mobile numbers of the origin country', () => {
    fc.assert(
      fc.property(phoneCases, ([seed, origin]) => {
        const number = phoneNumber(createRandom(seed), origin);
        expect(number).toMatch(/^\+\d{8,15}$/);
        expect(number.startsWith(origin.phonePrefix)).toBe(true);
        const national = number.slice(origin.phonePrefix.length);
        expect(national).toHaveLength(origin.mobileDigits);
        expect((MOBILE_PREFIXES[origin.country] ?? []).some((prefix) => national.startsWith(prefix))).toBe(true);
        expect(splitPhoneNumber(number)).toMatchObject({
          callingCode: origin.phonePrefix.slice(1),
          nationalDigits: national,
        });
      }),
    );
  });

  it('keep their digits in every written variant', () => {
    fc.assert(
      fc.property(phoneCases, ([seed, origin]) => {
        const random = createRandom(seed);
        const number = phoneNumber(random, origin);
        const { callingCode, trunkPrefix, nationalDigits } = splitPhoneNumber(number);
        const digits = digitsOf(phoneVariant(random, number));
        expect(digits.endsWith(nationalDigits)).toBe(true);
        const before = digits.slice(0, digits.length - nationalDigits.length);
        expect([callingCode, `00${callingCode}`, `${callingCode}0`, trunkPrefix]).toContain(before);
      }),
    );
  });

  it('are written in the usual local ways', () => {
    const random = createRandom(3);
    const british = new Set(Array.from({ length: 300 }, () => phoneVariant(random, '+447700900123')));
    expect(british).toContain('07700 900123');
    expect(british).toContain('+44 7700 900123');
    expect(british).toContain('+44 (0)7700 900123');
    expect(british).toContain('+447700900123');
    const french = new Set(Array.from({ length: 300 }, () => phoneVariant(random, '+33612345678')));
    expect(french).toContain('06 12 34 56 78');
    expect(french).toContain('06.12.34.56.78');
    const russian = new Set(Array.from({ length: 300 }, () => phoneVariant(random, '+79161234567')));
    expect(russian).toContain('8 916 123 45 67');
    expect(russian).toContain('+7 (916) 123-45-67');
  });

  it('give the national form with the trunk prefix each country dials', () => {
    expect(nationalNumber('+447700900123')).toBe('07700900123');
    expect(nationalNumber('+79161234567')).toBe('89161234567');
    expect(nationalNumber('+34612345678')).toBe('612345678');
    expect(splitPhoneNumber('+380671234567').callingCode).toBe('380');
    expect(() => splitPhoneNumber('07700 900123')).toThrow();
  });
});

describe('obfuscated phone numbers', () => {
  it('decode to the same digits with number words, O and I, keycaps and full-width digits', () => {
    fc.assert(
      fc.property(phoneCases, ([seed, origin]) => {
        const random = createRandom(seed);
        const number = phoneNumber(random, origin);
        const obfuscated = obfuscatePhone(random, number);
        expect(obfuscated).not.toMatch(/^\+?\d+$/);
        expect([number.slice(1), nationalNumber(number)]).toContain(decodeDigits(obfuscated));
      }),
      { numRuns: 500 },
    );
  });

  it('decode in French and Spanish too, when asked to spell in them', () => {
    for (const language of ['fr', 'es'] as const) {
      fc.assert(
        fc.property(phoneCases, ([seed, origin]) => {
          const random = createRandom(seed);
          const number = phoneNumber(random, origin);
          const obfuscated = obfuscatePhone(random, number, { languages: [language] });
          expect([number.slice(1), nationalNumber(number)]).toContain(decodeDigits(obfuscated, language));
        }),
      );
    }
  });

  it('use every disguise across many adverts', () => {
    const random = createRandom(77);
    const adverts = Array.from({ length: 200 }, () => obfuscatePhone(random, '+447700900123')).join('\n');
    expect(adverts).toMatch(/seven|SEVEN|Seven/);
    expect(adverts).toMatch(/[Oo]/);
    expect(adverts).toMatch(/\d\uFE0F\u20E3/);
    expect(adverts).toMatch(/[\uFF10-\uFF19]/);
  });

  it('are the same for the same seed', () => {
    const adverts = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => obfuscatePhone(random, '+2348031234567'));
    };
    expect(adverts(5)).toEqual(adverts(5));
  });
});

describe('reading digits', () => {
  it('keeps digits in order, reading full-width, keycap and Arabic-Indic digits', () => {
    expect(digitsOf('+44 (0)7700-900.123')).toBe('4407700900123');
    expect(digitsOf('０７７\u0660\u0661 5\uFE0F\u20E3')).toBe('077015');
    expect(digitsOf('call me')).toBe('');
  });
});

describe('partial dates', () => {
  it('give the full date, its month or its year, each sometimes', () => {
    const random = createRandom(12);
    const dates = new Set(Array.from({ length: 100 }, () => partialDate(random, '1994-07-23')));
    expect([...dates].sort()).toEqual(['1994', '1994-07', '1994-07-23']);
  });

  it('are the same for the same seed and refuse what is not a date', () => {
    const dates = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => partialDate(random, '2001-02-03'));
    };
    expect(dates(1)).toEqual(dates(1));
    expect(() => partialDate(createRandom(1), '2001-02')).toThrow();
  });
});
