import { describe, expect, it } from 'vitest';
import { CITIES, LATIN_FORMS, MERCHANT_CATEGORIES, MOBILE_PREFIXES, ORIGINS, type Script } from './gazetteer.ts';

const SCRIPT_LETTERS: Record<Script, RegExp> = {
  latin: /^[\p{Script=Latin}\p{M}]+(?:[ '-][\p{Script=Latin}\p{M}]+)*$/u,
  cyrillic: /^\p{Script=Cyrillic}+$/u,
  arabic: /^\p{Script=Arabic}+$/u,
  chinese: /^\p{Script=Han}+$/u,
};
const namesOf = (origin: (typeof ORIGINS)[number]) => [
  ...origin.givenNames.female,
  ...origin.givenNames.male,
  ...origin.familyNames,
];

describe('the gazetteer', () => {
  it('covers the origins the world draws its people from', () => {
    const countries = ORIGINS.map((origin) => origin.country);
    expect(countries).toEqual(expect.arrayContaining(['GB', 'FR', 'ES', 'RO', 'BG', 'UA', 'RU', 'NG', 'VN', 'CN']));
    expect(countries).toEqual(expect.arrayContaining(['SY', 'IQ', 'EG', 'AL']));
    expect(ORIGINS.length).toBeGreaterThanOrEqual(14);
    expect(new Set(countries).size).toBe(countries.length);
  });

  it('gives every origin enough names, each once, written in the origin script and in composed form', () => {
    for (const origin of ORIGINS) {
      expect(origin.givenNames.female.length, origin.country).toBeGreaterThanOrEqual(12);
      expect(origin.givenNames.female.length, origin.country).toBeLessThanOrEqual(25);
      expect(origin.givenNames.male.length, origin.country).toBeGreaterThanOrEqual(12);
      expect(origin.givenNames.male.length, origin.country).toBeLessThanOrEqual(25);
      expect(origin.familyNames.length, origin.country).toBeGreaterThanOrEqual(15);
      expect(origin.familyNames.length, origin.country).toBeLessThanOrEqual(30);
      for (const list of [origin.givenNames.female, origin.givenNames.male, origin.familyNames]) {
        expect(new Set(list).size, origin.country).toBe(list.length);
      }
      for (const name of namesOf(origin)) {
        expect(name, `${origin.country} ${name}`).toMatch(SCRIPT_LETTERS[origin.script]);
        expect(name.normalize('NFC'), `${origin.country} ${name}`).toBe(name);
      }
    }
  });

  it('writes Ukrainian and Russian names in Cyrillic, Arabic names in Arabic script and Chinese ones in Han characters', () => {
    const scriptOf = (country: string) => ORIGINS.find((origin) => origin.country === country)?.script;
    expect(['UA', 'RU'].map(scriptOf)).toEqual(['cyrillic', 'cyrillic']);
    expect(['SY', 'IQ', 'EG'].map(scriptOf)).toEqual(['arabic', 'arabic', 'arabic']);
    expect(scriptOf('CN')).toBe('chinese');
    expect(ORIGINS.find((origin) => origin.country === 'VN')?.familyNames).toContain('Nguyễn');
  });

  it('has at least one Latin form for every name written in another script (per character for Chinese)', () => {
    for (const origin of ORIGINS.filter((candidate) => candidate.script !== 'latin')) {
      for (const name of namesOf(origin)) {
        const keys = origin.script === 'chinese' ? Array.from(name) : [name];
        for (const key of keys) {
          const forms = LATIN_FORMS[key] ?? [];
          expect(forms.length, `${origin.country} ${key}`).toBeGreaterThan(0);
          for (const form of forms) expect(form).toMatch(SCRIPT_LETTERS.latin);
        }
      }
    }
  });

  it('describes phone numbers whose mobile prefixes fit in their length', () => {
    for (const origin of ORIGINS) {
      expect(origin.phonePrefix).toMatch(/^\+[1-9]\d{0,2}$/);
      expect(origin.weight).toBeGreaterThan(0);
      expect(origin.language).toMatch(/^[a-z]{2}$/);
      const prefixes = MOBILE_PREFIXES[origin.country] ?? [];
      expect(prefixes.length, origin.country).toBeGreaterThan(0);
      for (const prefix of prefixes) {
        expect(prefix).toMatch(/^\d+$/);
        expect(prefix.length).toBeLessThan(origin.mobileDigits);
      }
      // E.164 allows at most fifteen digits with the calling code.
      expect(origin.phonePrefix.length - 1 + origin.mobileDigits).toBeLessThanOrEqual(15);
    }
  });

  it('lists 40 to 60 cities with plausible coordinates, and a home city in every origin country', () => {
    expect(CITIES.length).toBeGreaterThanOrEqual(40);
    expect(CITIES.length).toBeLessThanOrEqual(60);
    expect(new Set(CITIES.map((city) => city.name)).size).toBe(CITIES.length);
    for (const city of CITIES) {
      expect(Math.abs(city.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(city.longitude)).toBeLessThanOrEqual(180);
      expect(Math.round(city.latitude * 100) / 100).toBe(city.latitude);
      expect(Math.round(city.longitude * 100) / 100).toBe(city.longitude);
      expect(city.country).toMatch(/^[A-Z]{2}$/);
    }
    for (const origin of ORIGINS) {
      expect(
        CITIES.some((city) => city.country === origin.country),
        origin.country,
      ).toBe(true);
    }
    for (const role of ['origin', 'transit', 'destination'] as const) {
      expect(CITIES.filter((city) => city.role === role).length).toBeGreaterThanOrEqual(8);
    }
  });

  it('places cities where they are (London north of Madrid, Hanoi east of Cairo)', () => {
    const city = (name: string) => CITIES.find((candidate) => candidate.name === name);
    expect(city('London')?.latitude).toBeGreaterThan(city('Madrid')?.latitude ?? Infinity);
    expect(city('Hanoi')?.longitude).toBeGreaterThan(city('Cairo')?.longitude ?? Infinity);
    expect(city('London')?.longitude).toBeLessThan(0);
  });

  it('codes merchant categories with distinct four-digit codes, sensible hours and amounts', () => {
    const codes = MERCHANT_CATEGORIES.map((category) => category.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(
      expect.arrayContaining(['7230', '7297', '7011', '4121', '5812', '5411', '7311', '4829', '4511', '4131']),
    );
    expect(codes).toEqual(expect.arrayContaining(['5651', '5541']));
    for (const category of MERCHANT_CATEGORIES) {
      expect(category.code).toMatch(/^\d{4}$/);
      expect(category.opensAt).toBeGreaterThanOrEqual(0);
      expect(category.closesAt).toBeLessThanOrEqual(24);
      expect(category.opensAt).toBeLessThan(category.closesAt);
      expect(Number.isInteger(category.typicalAmount[0])).toBe(true);
      expect(category.typicalAmount[0]).toBeGreaterThan(0);
      expect(category.typicalAmount[0]).toBeLessThan(category.typicalAmount[1]);
    }
  });
});
