import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './index.ts';
import { jaroWinklerAtLeast } from './jaro-winkler.ts';

/** A direct transcription of the textbook definition, allocating freely: the reference to test against. */
function referenceJaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedA: boolean[] = Array.from({ length: a.length }, () => false);
  const matchedB: boolean[] = Array.from({ length: b.length }, () => false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!matchedB[j] && a[i] === b[j]) {
        matchedA[i] = matchedB[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  const left = a.split('').filter((_, i) => matchedA[i]);
  const right = b.split('').filter((_, j) => matchedB[j]);
  // Transpositions: half the matched characters out of order, rounded down (Winkler's strcmp95).
  const transpositions = Math.floor(left.filter((character, k) => character !== right[k]).length / 2);
  return (matches / a.length + matches / b.length + (matches - transpositions) / matches) / 3;
}

describe('Jaro–Winkler', () => {
  it('gives the published values for the classic examples', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('counts half the characters out of order, rounded down, as transpositions, as DuckDB does', () => {
    // Three matched characters out of order are one transposition, not one and a half; the values
    // are DuckDB's jaro_similarity and jaro_winkler_similarity (1.5) for these pairs.
    expect(jaro('aidan', 'annika')).toBeCloseTo(0.7389, 4);
    expect(jaroWinkler('hillside', 'hililsice')).toBeCloseTo(0.8856, 4);
    expect(jaroWinkler('madeleine', 'madeline')).toBeCloseTo(0.9528, 4);
    expect(jaroWinkler('holroyd street jewells medical centre', 'domain street jewells medical centre')).toBeCloseTo(
      0.8033,
      4,
    );
  });

  it('is 1 for identical strings and 0 against an empty one', () => {
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('abc', '')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('handles strings longer than its reusable buffers', () => {
    const long = 'ab'.repeat(500);
    expect(jaro(long, long.slice(1) + 'a')).toBeCloseTo(referenceJaro(long, long.slice(1) + 'a'), 12);
    expect(jaro('x'.repeat(2000), 'x'.repeat(1999) + 'y')).toBeCloseTo(
      referenceJaro('x'.repeat(2000), 'x'.repeat(1999) + 'y'),
      12,
    );
  });

  it('agrees with the reference definition, is symmetric for Jaro and stays in [0, 1]', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), maxLength: 40 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(jaro(a, b)).toBeCloseTo(referenceJaro(a, b), 12);
        expect(jaro(a, b)).toBeCloseTo(jaro(b, a), 12);
        const score = jaroWinkler(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(score).toBeGreaterThanOrEqual(jaro(a, b));
      }),
    );
  });

  it('takes the same matches with bit masks (short ASCII) as the textbook scan, for any script', () => {
    const unit = fc.constantFrom('a', 'b', 'n', ' ', 'é', 'ж', '王');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.string({ unit, maxLength: 40 }), (a, b) => {
        expect(jaro(a, b)).toBeCloseTo(referenceJaro(a, b), 12);
      }),
      { numRuns: 1000 },
    );
  });

  it('at least a minimum: the exact score when it is reached, something below the minimum when not', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 30 });
    fc.assert(
      fc.property(text, text, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, minimum) => {
        const full = jaroWinkler(a, b);
        const bounded = jaroWinklerAtLeast(a, b, minimum);
        if (full >= minimum) expect(bounded).toBe(full);
        else expect(bounded).toBeLessThan(minimum);
      }),
    );
  });
});
