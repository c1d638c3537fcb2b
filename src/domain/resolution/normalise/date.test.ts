import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datesAgree, formatPartialDate, parsePartialDate, type PartialDate } from './index.ts';

describe('parsing partial dates', () => {
  it('reads years, months and full dates in common shapes', () => {
    expect(parsePartialDate('1985')).toEqual([{ year: 1985 }]);
    expect(parsePartialDate('1985-03')).toEqual([{ year: 1985, month: 3 }]);
    expect(parsePartialDate('03/1985')).toEqual([{ year: 1985, month: 3 }]);
    expect(parsePartialDate('1985-03-12')).toEqual([{ year: 1985, month: 3, day: 12 }]);
    expect(parsePartialDate('1985-03-12T08:00:00Z')).toEqual([{ year: 1985, month: 3, day: 12 }]);
    expect(parsePartialDate('12 Mar 1985')).toEqual([{ year: 1985, month: 3, day: 12 }]);
    expect(parsePartialDate('March 12, 1985')).toEqual([{ year: 1985, month: 3, day: 12 }]);
    expect(parsePartialDate('1er mars 1985')).toEqual([{ year: 1985, month: 3, day: 1 }]);
    expect(parsePartialDate('Mar 1985')).toEqual([{ year: 1985, month: 3 }]);
  });

  it('keeps both readings when day and month could be swapped, day-first first', () => {
    expect(parsePartialDate('12/03/1985')).toEqual([
      { year: 1985, month: 3, day: 12 },
      { year: 1985, month: 12, day: 3 },
    ]);
    expect(parsePartialDate('25/03/1985')).toEqual([{ year: 1985, month: 3, day: 25 }]);
    expect(parsePartialDate('03/25/1985')).toEqual([{ year: 1985, month: 3, day: 25 }]);
    expect(parsePartialDate('05.05.1985')).toEqual([{ year: 1985, month: 5, day: 5 }]);
  });

  it('rejects impossible and unreadable dates', () => {
    for (const text of ['1985-13', '1985-02-30', '31/04/1985', '12/03/85', 'yesterday', '', 'Smarch 1985']) {
      expect(parsePartialDate(text)).toBeNull();
    }
    expect(parsePartialDate('29/02/2000')).toEqual([{ year: 2000, month: 2, day: 29 }]);
    expect(parsePartialDate('29/02/1900')).toBeNull();
  });

  const partialDate: fc.Arbitrary<PartialDate> = fc
    .tuple(
      fc.integer({ min: 1000, max: 2999 }),
      fc.option(fc.integer({ min: 1, max: 12 })),
      fc.option(fc.integer({ min: 1, max: 28 })),
    )
    .map(([year, month, day]) => (month === null ? { year } : day === null ? { year, month } : { year, month, day }));

  it('is idempotent through its ISO form', () => {
    fc.assert(
      fc.property(partialDate, (date) => {
        expect(parsePartialDate(formatPartialDate(date))).toEqual([date]);
      }),
    );
  });

  it('agrees exactly with itself', () => {
    fc.assert(
      fc.property(partialDate, (date) => {
        expect(datesAgree(date, date)).toBe('exact');
      }),
    );
  });
});

describe('agreement of two dates', () => {
  const read = (text: string): NonNullable<ReturnType<typeof parsePartialDate>> => {
    const readings = parsePartialDate(text);
    if (readings === null) throw new Error(`unreadable test date ${text}`);
    return readings;
  };

  it('is compatible when one is less precise', () => {
    expect(datesAgree(read('1985'), read('1985-03-12'))).toBe('compatible');
    expect(datesAgree(read('1985-03'), read('12 Mar 1985'))).toBe('compatible');
  });

  it('is compatible when day and month are transposed', () => {
    expect(datesAgree({ year: 1985, month: 3, day: 12 }, { year: 1985, month: 12, day: 3 })).toBe('compatible');
  });

  it('is exact when one reading of an ambiguous date matches', () => {
    expect(datesAgree(read('12/03/1985'), read('1985-12-03'))).toBe('exact');
  });

  it('conflicts on a different year, month or day', () => {
    expect(datesAgree(read('1985'), read('1986-03-12'))).toBe('conflict');
    expect(datesAgree(read('1985-04'), read('1985-03-12'))).toBe('conflict');
    expect(datesAgree(read('1985-03-13'), read('1985-03-12'))).toBe('conflict');
  });

  it('is symmetric', () => {
    const date = fc.record({
      year: fc.constantFrom(1985, 1986),
      month: fc.integer({ min: 1, max: 3 }),
      day: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(datesAgree(a, b)).toBe(datesAgree(b, a));
      }),
    );
  });
});
