import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latinSkeleton, nameSimilarity, normaliseName } from './index.ts';

describe('normalising a person name', () => {
  it('folds case and diacritics, drops honorifics and keeps the written order', () => {
    const name = normaliseName('Dr. José  MÜLLER-Łódź');
    expect(name.tokens).toEqual(['jose', 'muller', 'lodz']);
    expect(name.honorifics).toEqual(['dr']);
    expect(name.sortedKey).toBe('jose lodz muller');
  });

  it('keeps an honorific when it is the whole name', () => {
    expect(normaliseName('Sir').tokens).toEqual(['sir']);
  });

  it('recognises initials as single letters', () => {
    const name = normaliseName('J. R. R. Tolkien');
    expect(name.initials).toEqual(['j', 'r', 'r']);
    expect(name.parts.map((part) => part.initial)).toEqual([true, true, true, false]);
  });

  it('transliterates Cyrillic, Greek, Chinese, Korean and Hebrew', () => {
    expect(normaliseName('Владимир Путин').ascii).toBe('vladimir putin');
    expect(normaliseName('Νικόλαος').ascii).toBe('nikolaos');
    expect(normaliseName('习近平').tokens).toEqual(['xi', 'jin', 'ping']);
    expect(normaliseName('김정은').tokens).toEqual(['kim', 'jeong', 'eun']);
    expect(normaliseName('משה').skeletons).toEqual(['ms']);
  });

  it('keeps the vowel signs of Brahmic and Southeast Asian scripts, which are combining marks', () => {
    expect(normaliseName('राम कुमार').ascii).toBe('ram kumar');
    expect(normaliseName('রহিম').ascii).toBe('rahim');
    expect(normaliseName('តារា').ascii).toBe('tara');
    expect(normaliseName('សុខ').ascii).toBe('sokh');
    expect(nameSimilarity('राम कुमार', 'Ram Kumar')).toBe(1);
    // Accents of alphabets still go.
    expect(normaliseName('Zoë Ñúñez').ascii).toBe('zoe nunez');
  });

  it('reduces Arabic to the same consonant skeleton as its Latin spellings', () => {
    const arabic = normaliseName('مُحَمَّد يوسف حسين');
    expect(arabic.skeletons).toEqual(['mhmd', 'ysf', 'hsn']);
    for (const latin of ['Mohammed Youssef Hussein', 'Muhammad Yusuf Husayn', 'Mohamad Yousef Hossein']) {
      expect(normaliseName(latin).skeletons).toEqual(['mhmd', 'ysf', 'hsn']);
    }
  });

  it('maps name variants to one key, including across languages', () => {
    expect(new Set(['Mohammed', 'Muhammad', 'Mohamed', 'Mohamad'].map((n) => normaliseName(n).keys[0]))).toEqual(
      new Set(['muhammad']),
    );
    expect(normaliseName('Joseph').keys).toEqual(normaliseName('Youssef').keys);
    expect(normaliseName('Ahmed').keys).toEqual(normaliseName('Ahmad').keys);
  });

  it('binds Abd to the following word however it is written', () => {
    const forms = ['Abd al-Rahman', 'Abdul Rahman', 'Abdulrahman', 'Abdurrahman', 'Abd-ar-Rahman'];
    expect(new Set(forms.map((form) => normaliseName(form).ascii))).toEqual(new Set(['abdrahman']));
    expect(normaliseName('عبد الله').skeletons).toEqual(normaliseName('Abdullah').skeletons);
  });

  it('builds Latin skeletons from digraphs and semivowels', () => {
    expect(latinSkeleton('khaled')).toBe('kld');
    expect(latinSkeleton('yusuf')).toBe('ysf');
    expect(latinSkeleton('hassan')).toBe('hsn');
  });

  const letters = fc.constantFrom(...'abcdefghijklmnoprstuvwyzéèüöñçåøß'.split(''));
  const word = fc.string({ unit: letters, minLength: 2, maxLength: 9 });
  const anyText = fc.string({ unit: fc.constantFrom(..."aAbé É-.,'ßмиاحد李김 1".split('')), maxLength: 30 });

  it('is idempotent: normalising the ASCII form gives the same tokens', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.array(word, { maxLength: 5 }).map((w) => w.join(' ')),
        ),
        (text) => {
          const once = normaliseName(text);
          const twice = normaliseName(once.ascii);
          expect(twice.tokens).toEqual(once.tokens);
          expect(twice.sortedKey).toBe(once.sortedKey);
        },
      ),
    );
  });

  it('gives a sorted key that ignores case, diacritics and the order of the parts', () => {
    const strip = (text: string): string => text.normalize('NFKD').replace(/\p{M}+/gu, '');
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 4 }),
        (parts, upper, rotation) => {
          const original = normaliseName(parts.join(' ')).sortedKey;
          const cased = parts.map((part, index) => (upper[index] ? part.toUpperCase() : part));
          const rotated = [...cased.slice(rotation % cased.length), ...cased.slice(0, rotation % cased.length)];
          expect(normaliseName(rotated.join(' ')).sortedKey).toBe(original);
          expect(normaliseName(strip(parts.join(' '))).sortedKey).toBe(original);
        },
      ),
    );
  });
});

describe('comparing two names', () => {
  it('scores identical names 1 and empty names 0', () => {
    expect(nameSimilarity('Anna Schmidt', 'anna SCHMIDT')).toBe(1);
    expect(nameSimilarity('', 'Anna')).toBe(0);
  });

  it('ignores the order of the parts', () => {
    expect(nameSimilarity('Schmidt, Anna', 'Anna Schmidt')).toBe(1);
  });

  it('lets an initial stand for a name that starts with it, and not for another', () => {
    expect(nameSimilarity('Hans J Friedrich', 'Hans Joachim Friedrich')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Hans O Friedrich', 'Hans Joachim Friedrich')).toBeLessThan(0.8);
  });

  it('matches a fuller name against its shorter form but not names that disagree on a word', () => {
    expect(nameSimilarity('Vladimir Vladimirovich Putin', 'Vladimir Putin')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Raúl Castillo', 'Raúl Castro')).toBeLessThan(0.8);
    expect(nameSimilarity('Ahmad al-Raymi', 'Ahmad al-Hamzi')).toBeLessThan(0.8);
  });

  it('matches across scripts and spelling variants', () => {
    expect(nameSimilarity('محمد علي', 'Mohamed Ali')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Muhammad Yusuf', 'Mohamed Youssef')).toBe(1);
    expect(nameSimilarity('Иван Иванов', 'Ivan Ivanov')).toBe(1);
    expect(nameSimilarity('习近平', 'Xi Jinping')).toBeGreaterThan(0.9);
  });

  it('is symmetric and stays in [0, 1]', () => {
    const names = fc.constantFrom(
      'Mohamed Ali',
      'Ali Hassan',
      'J Smith',
      'John Smith',
      'Jon Smyth',
      'محمد حسن',
      'Иван',
      'al-Rawi',
      '',
    );
    fc.assert(
      fc.property(names, names, (a, b) => {
        const score = nameSimilarity(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(nameSimilarity(b, a)).toBeCloseTo(score, 10);
      }),
    );
  });
});
