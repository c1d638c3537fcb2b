import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodedValues, codedJaroWinklerAtLeast, EMPTY_ID } from './coded-values.ts';
import { jaroWinklerAtLeast } from './strings.ts';

// Few letters so that values share characters in and out of order; an accented and a Cyrillic
// letter for characters beyond ASCII.
const letter = fc.constantFrom('a', 'b', 'c', 'e', 'n', 'r', ' ', 'é', 'ж');
const anyLetter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz é'.split(''));
/**
 * Lengths either side of 32 and 64, where the masks change from one integer to two, then to none;
 * names from the whole alphabet too, where the symbols one value lacks rule out most pairs early.
 */
const value = fc.oneof(
  fc.string({ unit: letter, maxLength: 12 }),
  fc.string({ unit: anyLetter, maxLength: 12 }),
  fc.string({ unit: letter, minLength: 25, maxLength: 40 }),
  fc.string({ unit: letter, minLength: 56, maxLength: 80 }),
);

/**
 * What both promise: the similarity itself when it reaches the minimum (to the last bit), some
 * value below the minimum when it does not (where each gives up may differ).
 */
function expectSameBand(coded: CodedValues, a: string, b: string, minimum: number): void {
  const expected = jaroWinklerAtLeast(a, b, minimum);
  const actual = codedJaroWinklerAtLeast(coded, coded.idOf(a), coded.idOf(b), minimum);
  if (expected >= minimum) expect(actual).toBe(expected);
  else expect(actual).toBeLessThan(minimum);
}

describe('codedJaroWinklerAtLeast', () => {
  it('gives exactly what jaroWinklerAtLeast gives on the texts whenever it reaches the minimum, either way round', () => {
    fc.assert(
      fc.property(value, value, fc.constantFrom(0, 0.5, 0.7, 0.8, 0.88, 0.95), (a, b, minimum) => {
        const coded = new CodedValues();
        expectSameBand(coded, a, b, minimum);
        expectSameBand(coded, b, a, minimum);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the texts when a value similar to the other is one edit away, where most levels are decided', () => {
    fc.assert(
      fc.property(value, fc.nat(), letter, (a, at, inserted) => {
        const position = a.length === 0 ? 0 : at % a.length;
        const b = a.slice(0, position) + inserted + a.slice(position + 1);
        const coded = new CodedValues();
        for (const minimum of [0, 0.8, 0.9]) expectSameBand(coded, a, b, minimum);
      }),
      { numRuns: 2000 },
    );
  });

  it('codes a column once: equal values one id, the empty value the empty id', () => {
    const coded = new CodedValues();
    const column = ['smith', '', 'smith', 'jones'];
    const ids = coded.column(column);
    expect(coded.column(column)).toBe(ids);
    expect([...ids]).toEqual([ids[0], EMPTY_ID, ids[0], ids[3]]);
    expect(ids[0]).not.toBe(ids[3]);
    expect(coded.text(ids[3] ?? EMPTY_ID)).toBe('jones');
  });

  it('compares values with more characters than it has symbols for as texts', () => {
    const coded = new CodedValues();
    // 63 symbols taken by as many characters; the next ones are left without a code.
    const alphabet = Array.from({ length: 63 }, (_, index) => String.fromCharCode(0x400 + index)).join('');
    coded.idOf(alphabet);
    const pairs: [string, string][] = [
      ['abcdefgh', 'abcdfegh'],
      ['marhta', 'martha'],
      ['dixon', 'dicksonx'],
    ];
    for (const [a, b] of pairs) {
      expect(coded.maskStarts[coded.idOf(a)]).toBe(-1);
      expectSameBand(coded, a, b, 0);
    }
  });
});
