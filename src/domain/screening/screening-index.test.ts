import { describe, expect, it } from 'vitest';
import { ScreeningInputError, type ScreeningEntry } from './entry.ts';
import fc from 'fast-check';
import { DEFAULT_SCREENING_THRESHOLD, kthLargest, ScreeningIndex } from './screening-index.ts';

const WANTED: ScreeningEntry = {
  id: 'notice-1',
  list: 'wanted',
  names: ['Viktor Petrenko', 'Віктор Петренко'],
  birthDates: ['1974-12-08'],
  gender: 'male',
  nationalities: ['UA'],
  documents: [{ number: 'FT 123456', country: 'UA' }],
  phones: ['+380 67 123 4567'],
};

function index(...entries: ScreeningEntry[]): ScreeningIndex {
  const built = new ScreeningIndex();
  for (const entry of entries) built.add(entry);
  return built;
}

describe('the screening index', () => {
  const built = index(
    WANTED,
    { id: 'notice-2', list: 'missing', names: ['Amina Haddad'], birthDates: ['2011'], gender: 'female' },
    { id: 'doc-1', list: 'stolen-documents', documents: [{ number: 'P7654321', country: 'GB' }] },
  );

  it('finds an entry by a misspelt name, by its name in another script, and explains the score', () => {
    for (const name of ['Viktor Petrenko', 'Victor Petrenco', 'PETRENKO, Viktor', 'Віктор Петренко']) {
      const [hit] = built.screen({ names: [name] });
      expect(hit?.entryId, name).toBe('notice-1');
      const sum = (hit?.features ?? []).reduce((total, feature) => total + feature.weight, 0);
      expect(hit?.score).toBeCloseTo(Math.min(1, sum), 9);
      expect(hit?.features.map((feature) => feature.feature)).toContain('name');
    }
    expect(built.screen({ names: ['Olena Kovalenko'] })).toEqual([]);
  });

  it('raises a name with the same date of birth and drops it below the threshold with another', () => {
    const plain = built.screen({ names: ['Victor Petrenco'] })[0]?.score ?? 0;
    const same = built.screen({ names: ['Victor Petrenco'], birthDates: ['08/12/1974'] })[0]?.score ?? 0;
    expect(same).toBeGreaterThan(plain);
    expect(built.screen({ names: ['Victor Petrenco'], birthDates: ['1990-03-01'] })).toEqual([]);
    const partial = built.screen({ names: ['Victor Petrenco'], birthDates: ['1974'] })[0];
    expect(partial?.features.find((feature) => feature.feature === 'birth_date')?.detail).toBe('compatible');
  });

  it('takes a different gender as evidence against', () => {
    const hit = built.screen({ names: ['Amina Haddad'], gender: 'male' }, { threshold: 0 })[0];
    expect(hit?.features.find((feature) => feature.feature === 'gender')?.weight).toBeLessThan(0);
    expect(built.screen({ names: ['Amina Haddad'], gender: 'male' })).toEqual([]);
  });

  it('finds a stolen document under any name, and weighs the number from another country less', () => {
    const [hit] = built.screen({ names: ['John Smith'], documents: [{ number: 'p-765 4321', country: 'GB' }] });
    expect(hit?.entryId).toBe('doc-1');
    expect(hit?.score).toBeGreaterThanOrEqual(0.99);
    const elsewhere = built.screen({ documents: [{ number: 'P7654321', country: 'FR' }] }, { threshold: 0 })[0];
    expect(elsewhere?.score).toBeLessThan(hit?.score ?? 0);
    expect(built.screen({ phones: ['+380671234567'] })[0]?.entryId).toBe('notice-1');
  });

  it('screens only the lists asked for, with a threshold per list and a limit', () => {
    expect(built.screen({ names: ['Viktor Petrenko'] }, { lists: new Set(['missing']) })).toEqual([]);
    expect(built.screen({ names: ['Amina Hadad'] }, { thresholds: new Map([['missing', 0.999]]) })).toEqual([]);
    const many = index(
      ...Array.from({ length: 8 }, (_, number) => ({ id: `e${number}`, list: 'l', names: [`Maria Garcia`] })),
    );
    expect(many.screen({ names: ['Maria Garcia'] }, { limit: 3 })).toHaveLength(3);
    expect(many.screen({ names: ['Maria Garcia'] })).toHaveLength(5);
  });

  it('forgets a removed entry and replaces an entry added again under its id', () => {
    const changing = index(WANTED);
    expect(changing.remove('notice-1')).toBe(true);
    expect(changing.size).toBe(0);
    expect(changing.screen({ names: ['Viktor Petrenko'] })).toEqual([]);
    expect(changing.screen({ documents: [{ number: 'FT123456' }] })).toEqual([]);
    changing.add(WANTED);
    changing.add({ ...WANTED, names: ['Ivan Bondar'], documents: [] });
    expect(changing.size).toBe(1);
    expect(changing.screen({ names: ['Viktor Petrenko'] })).toEqual([]);
    expect(changing.screen({ names: ['Ivan Bondar'] })[0]?.entryId).toBe('notice-1');
  });

  it('names the entry and the field of a bad entry, and refuses a query with nothing to find', () => {
    expect(() => {
      built.add({ id: 'x', list: '', names: ['A B'] });
    }).toThrow(/entry x: "list"/);
    expect(() => {
      built.add({ id: 'y', list: 'l', birthDates: ['1970'] });
    }).toThrow(ScreeningInputError);
    expect(() => built.screen({ birthDates: ['1970'] })).toThrow(/needs a name/);
  });

  it('finds the one namesake born on the day among thousands sharing a common name', () => {
    const crowd: ScreeningEntry[] = Array.from({ length: 5_000 }, (_, number) => ({
      id: `crowd-${number}`,
      list: 'l',
      names: ['Maria Garcia'],
      birthDates: [`${1940 + (number % 60)}-0${1 + (number % 9)}-1${number % 10}`],
    }));
    const wanted = { id: 'the-one', list: 'l', names: ['Maria Garcia Lopez'], birthDates: ['1974-12-08'] };
    const large = index(...crowd, wanted);
    const [hit] = large.screen({ names: ['Maria Garcia'], birthDates: ['1974-12-08'] });
    expect(hit?.entryId).toBe('the-one');
    expect(hit?.score).toBeGreaterThanOrEqual(DEFAULT_SCREENING_THRESHOLD);
  });

  it('ranks namesakes found by one word by their dates of birth, read or ambiguous, and skips removed entries', () => {
    // "08/12/1974" reads as 8 December or 12 August: an entry with several dates of birth.
    const crowd: ScreeningEntry[] = Array.from({ length: 400 }, (_, number) => ({
      id: `crowd-${number}`,
      list: 'l',
      names: [`${['Olena', 'Petro', 'Iryna', 'Taras'][number % 4] ?? ''} Shevchenko`],
      birthDates: [`0${1 + (number % 9)}/1${number % 3}/${1940 + (number % 60)}`],
    }));
    const wanted = { id: 'the-one', list: 'l', names: ['Mykola Shevchenko'], birthDates: ['12/08/1974'] };
    const large = index(...crowd, wanted);
    for (let number = 0; number < 40; number++) large.remove(`crowd-${number}`);
    large.add({ id: 'crowd-40', list: 'l', names: ['Mykola Shevchenko'], birthDates: ['1974-12-08'] });
    const hits = large.screen({ names: ['Shevchenko'], birthDates: ['1974-12-08'] }, { threshold: 0, limit: 500 });
    expect(hits.slice(0, 2).map((hit) => hit.entryId)).toEqual(['crowd-40', 'the-one']);
    expect(hits.every((hit) => !/^crowd-([0-9]|[1-3][0-9])$/u.test(hit.entryId))).toBe(true);
  });
});

describe('choosing the best candidates', () => {
  it('finds the k-th largest weight as sorting would, ties and all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        (values, pick) => {
          const k = 1 + (pick % values.length);
          const sorted = [...values].sort((a, b) => b - a);
          expect(kthLargest(Float64Array.from(values), k)).toBe(sorted[k - 1]);
        },
      ),
    );
  });
});
