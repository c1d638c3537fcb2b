import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contradict, groupEntities, type ConflictFacts } from './entities.ts';

const facts = (birthDates: string[], documents: string[] = []): ConflictFacts => ({ birthDates, documents });

describe('grouping records into entities', () => {
  it('follows links into one entity, strongest first', () => {
    const groups = groupEntities(
      ['a', 'b', 'c', 'd'],
      [
        { a: 'a', b: 'b', probability: 0.999 },
        { a: 'b', b: 'c', probability: 0.995 },
      ],
      [],
      new Map(),
    );
    expect(groups).toEqual([['a', 'b', 'c']]);
  });

  it('refuses a chain joining records with different full dates of birth or documents', () => {
    const known = new Map([
      ['a', facts(['1990-04-12'])],
      ['b', facts([])],
      ['c', facts(['1985-01-30'])],
    ]);
    const links = [
      { a: 'a', b: 'b', probability: 0.999 },
      { a: 'b', b: 'c', probability: 0.995 },
    ];
    expect(groupEntities(['a', 'b', 'c'], links, [], known)).toEqual([['a', 'b']]);
    const documents = new Map([
      ['a', facts([], ['P1234567'])],
      ['c', facts([], ['X9999999'])],
    ]);
    expect(groupEntities(['a', 'b', 'c'], links, [], documents)).toEqual([['a', 'b']]);
    // A day and month written the other way round is not a contradiction.
    expect(contradict(facts(['1990-04-12']), facts(['1990-12-04']))).toBe(false);
  });

  it('respects analysts: a pair judged different never shares an entity, one judged the same always does', () => {
    const links = [
      { a: 'a', b: 'b', probability: 0.999 },
      { a: 'b', b: 'c', probability: 0.995 },
    ];
    expect(groupEntities(['a', 'b', 'c'], links, [{ a: 'c', b: 'a', verdict: 'different' }], new Map())).toEqual([
      ['a', 'b'],
    ]);
    expect(groupEntities(['a', 'b', 'c', 'd'], links, [{ a: 'd', b: 'a', verdict: 'same' }], new Map())).toEqual([
      ['a', 'b', 'c', 'd'],
    ]);
  });

  it('never puts two records judged different together, whatever the links', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const id = fc.constantFrom(...ids);
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: id, b: id, probability: fc.double({ min: 0.5, max: 1, noNaN: true }) }), {
          maxLength: 15,
        }),
        fc.array(fc.record({ a: id, b: id }), { maxLength: 4 }),
        (links, apart) => {
          const groups = groupEntities(
            ids,
            links.filter((link) => link.a !== link.b),
            apart.filter((pair) => pair.a !== pair.b).map((pair) => ({ ...pair, verdict: 'different' as const })),
            new Map(),
          );
          for (const pair of apart) {
            if (pair.a === pair.b) continue;
            expect(groups.some((group) => group.includes(pair.a) && group.includes(pair.b))).toBe(false);
          }
        },
      ),
    );
  });
});
