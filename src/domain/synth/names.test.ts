import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORIGINS, type Origin } from './gazetteer.ts';
import { latinName, personName } from './names.ts';
import { createRandom } from './random.ts';

const originOf = (country: string): Origin => {
  const origin = ORIGINS.find((candidate) => candidate.country === country);
  if (origin === undefined) throw new Error(`no origin ${country}`);
  return origin;
};
const LATIN_TEXT = /^[\p{Script=Latin}\p{M} '-]+$/u;

describe('person names', () => {
  it('gives the same names for the same seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return ORIGINS.map((origin) => personName(random, origin, 'female').full);
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('writes given name first with a space, except Chinese (no space) and Vietnamese (family first)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(...ORIGINS),
        fc.constantFrom('female', 'male' as const),
        (seed, origin, gender) => {
          const name = personName(createRandom(seed), origin, gender);
          const expected =
            origin.country === 'CN'
              ? name.family + name.given
              : origin.country === 'VN'
                ? `${name.family} ${name.given}`
                : `${name.given} ${name.family}`;
          expect(name.full).toBe(expected);
          expect(origin.givenNames[gender]).toContain(name.given);
        },
      ),
    );
  });

  it('writes Chinese full names family first without a space', () => {
    const name = personName(createRandom(3), originOf('CN'), 'male');
    expect(name.full).toBe(`${name.family}${name.given}`);
    expect(name.full).not.toContain(' ');
  });

  it('gives Russian and Bulgarian women the feminine form of the family name', () => {
    for (const country of ['RU', 'BG']) {
      const random = createRandom(11);
      for (let draw = 0; draw < 50; draw += 1) {
        const name = personName(random, originOf(country), 'female');
        expect(name.family).toMatch(/(?:ова|ева|ёва|ина)$/u);
        expect(originOf(country).familyNames).toContain(name.family.slice(0, -1));
      }
    }
    // Ukrainian names such as Шевченко do not change.
    const ukrainian = personName(createRandom(5), originOf('UA'), 'female');
    expect(originOf('UA').familyNames).toContain(ukrainian.family);
  });

  it('draws the same common names again in a crowd, as real populations do', () => {
    const random = createRandom(1);
    const names = Array.from({ length: 2000 }, () => personName(random, originOf('GB'), 'male').full);
    expect(new Set(names).size).toBeLessThan(names.length);
  });
});

describe('Latin spellings of names', () => {
  it('spells Arabic, Cyrillic and Chinese names in Latin letters', () => {
    const random = createRandom(2);
    expect(['Mohammed', 'Muhammad', 'Mohamed', 'Mohamad', 'Mohammad']).toContain(latinName(random, 'محمد'));
    expect(['Sergei', 'Sergey', 'Serguei']).toContain(latinName(random, 'Сергей'));
    expect(['Wang Wei', 'Wong Wei']).toContain(latinName(random, '王伟'));
    expect(['Wang Jianhua', 'Wong Jianhua', 'Wang Chienhua', 'Wong Chienhua']).toContain(latinName(random, '王建华'));
    expect(latinName(random, '婷婷')).toBe('Tingting');
  });

  it('spells every generated name of a non-Latin origin entirely in Latin letters', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom(...ORIGINS.filter((origin) => origin.script !== 'latin')),
        fc.constantFrom('female', 'male' as const),
        (seed, origin, gender) => {
          const random = createRandom(seed);
          const name = personName(random, origin, gender);
          const latin = latinName(random, name.full);
          expect(latin).toMatch(LATIN_TEXT);
          // Words stay words (some Arabic ones become two, as in Al Ahmed); Chinese names split family from given.
          const words = latin.split(' ').length;
          if (origin.script === 'chinese') expect(words).toBe(2);
          else expect(words).toBeGreaterThanOrEqual(name.full.split(' ').length);
        },
      ),
    );
  });

  it('spells feminine Russian family names from their masculine form', () => {
    const random = createRandom(4);
    expect(latinName(random, 'Анна Иванова')).toBe('Anna Ivanova');
    expect(['Fyodorova', 'Fedorova']).toContain(latinName(random, 'Фёдорова'));
  });

  it('spells unlisted Cyrillic names letter by letter and leaves unknown characters as they are', () => {
    const random = createRandom(5);
    expect(latinName(random, 'Борис Ельцин')).toBe('Boris Eltsin');
    expect(['Wang 龘', 'Wong 龘']).toContain(latinName(random, '王龘'));
    expect(latinName(random, 'Jane Doe')).toBe('Jane Doe');
  });
});
