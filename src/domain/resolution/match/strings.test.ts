import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaroWinkler, jaroWinklerAtLeast, jaroWinklerByScan, oneEditApart, withinEdits } from './strings.ts';

/** Optimal string alignment distance (Damerau with adjacent swaps), the reference for "one edit". */
function alignmentDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

describe('jaroWinkler', () => {
  it('gives the published values of the textbook pairs', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('is 1 for equal strings and 0 when either is empty', () => {
    expect(jaroWinkler('same', 'same')).toBe(1);
    expect(jaroWinkler('', 'x')).toBe(0);
    expect(jaroWinkler('x', '')).toBe(0);
  });

  it('is symmetric and within [0, 1], for strings longer than its first buffers too', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        const forward = jaroWinkler(a, b);
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
        expect(forward).toBeCloseTo(jaroWinkler(b, a), 12);
      }),
    );
  });

  it('gives exactly what scanning each window gives (bit masks for short ASCII strings, scans otherwise)', () => {
    const letters = fc.constantFrom('a', 'b', 'c', 'e', 'n', ' ', 'é', 'ж');
    fc.assert(
      fc.property(fc.string({ unit: letters, maxLength: 40 }), fc.string({ unit: letters, maxLength: 40 }), (a, b) => {
        expect(jaroWinkler(a, b)).toBe(jaroWinklerByScan(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('at least a minimum: the same value when reached, a value below the minimum when not', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), maxLength: 30 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b, minimum) => {
          const full = jaroWinkler(a, b);
          const bounded = jaroWinklerAtLeast(a, b, minimum);
          if (full >= minimum) expect(bounded).toBe(full);
          else expect(bounded).toBeLessThan(minimum);
        },
      ),
    );
  });
});

describe('oneEditApart', () => {
  it('recognises an insertion, a deletion, a replacement and a swap of neighbours', () => {
    expect(oneEditApart('4223', '42233')).toBe(true);
    expect(oneEditApart('4223', '423')).toBe(true);
    expect(oneEditApart('4223', '4283')).toBe(true);
    expect(oneEditApart('4223', '4232')).toBe(true);
    expect(oneEditApart('4223', '4223')).toBe(false);
    expect(oneEditApart('4223', '3224')).toBe(false);
  });

  it('agrees with the optimal string alignment distance being 1', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('0', '1', '2'), maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('0', '1', '2'), maxLength: 8 }),
        (a, b) => {
          expect(oneEditApart(a, b)).toBe(alignmentDistance(a, b) === 1);
        },
      ),
    );
  });
});

/** The fewest insertions, deletions, replacements and swaps of neighbours from a to b, by search (small strings only). */
function editsBySearch(a: string, b: string, most: number): number {
  const alphabet = [...new Set((a + b).split(''))];
  let frontier = new Set([a]);
  const seen = new Set([a]);
  for (let edits = 0; edits <= most; edits += 1) {
    if (frontier.has(b)) return edits;
    const next = new Set<string>();
    for (const text of frontier) {
      const variants: string[] = [];
      for (let at = 0; at <= text.length; at += 1) {
        for (const letter of alphabet) variants.push(text.slice(0, at) + letter + text.slice(at));
        if (at < text.length) {
          variants.push(text.slice(0, at) + text.slice(at + 1));
          for (const letter of alphabet) variants.push(text.slice(0, at) + letter + text.slice(at + 1));
        }
        if (at + 1 < text.length)
          variants.push(text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2));
      }
      for (const variant of variants) {
        if (!seen.has(variant)) {
          seen.add(variant);
          next.add(variant);
        }
      }
    }
    frontier = next;
  }
  return most + 1;
}

describe('withinEdits', () => {
  it('counts insertions, deletions, replacements and swaps of neighbours, in any order', () => {
    expect(withinEdits('jakcsson', 'jackson', 2)).toBe(true);
    expect(withinEdits('oievr', 'oliver', 2)).toBe(true);
    // A swap and an insertion between the swapped letters (more than optimal string alignment allows).
    expect(withinEdits('mia', 'maxi', 2)).toBe(true);
    expect(withinEdits('ca', 'abc', 2)).toBe(true);
    expect(withinEdits('chelsea', 'cheela', 2)).toBe(true);
    expect(withinEdits('darla', 'darlene', 2)).toBe(false);
    expect(withinEdits('mark', 'marsha', 2)).toBe(false);
    expect(withinEdits('', 'ab', 2)).toBe(true);
    expect(withinEdits('', 'abc', 2)).toBe(false);
  });

  it('agrees with a search of every sequence of edits, at every bound', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 5 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 3 }), (a, b, edits) => {
        expect(withinEdits(a, b, edits)).toBe(editsBySearch(a, b, edits) <= edits);
      }),
      { numRuns: 1500 },
    );
  });
});
