import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareFields } from './prepare.ts';
import {
  memoisedNameSimilarity,
  memoisedTokenSimilarity,
  scoreEntry,
  scoreEntryReaching,
  screeningNameSimilarity,
} from './score.ts';

const tokens = (name: string) => prepareFields({ names: [name] }).names[0] ?? [];
const nameScore = (a: string, b: string) => screeningNameSimilarity(tokens(a), tokens(b));

/** Names of people and organisations, with the forms the name comparisons adjust for. */
const NAMES = [
  "People's Liberation Army",
  'PLA',
  'Islamic State of Iraq and Syria',
  'ISIS',
  'Cornelius van der Bilt',
  'Cornelius Vanderbilt',
  'Bashar al-Assad',
  'Bashar xal-Assad',
  'Deutsche Bank AG',
  'Deutsche Bank GmbH',
  'Maria Garcia',
  'Maria Garcia Lopez',
  'Віктор Петренко',
  'Viktor Petrenko',
  'Abd al-Rahman bin Said',
];

describe('the name comparisons of screening', () => {
  it('meets an acronym, words split in three and a legal form of another kind', () => {
    expect(nameScore("People's Liberation Army", 'PLA')).toBe(1);
    expect(nameScore('ISIS', 'Islamic State of Iraq and Syria')).toBe(1);
    expect(nameScore('Cornelius van der Bilt', 'Cornelius Vanderbilt')).toBe(1);
    expect(nameScore('Deutsche Bank AG', 'Deutsche Bank GmbH')).toBeLessThan(
      nameScore('Deutsche Bank AG', 'Deutsche Bank'),
    );
  });

  it('remembers name similarities without changing them', () => {
    const remembered = memoisedNameSimilarity(memoisedTokenSimilarity());
    const prepared = NAMES.map(tokens);
    for (let round = 0; round < 2; round++) {
      for (const query of prepared) {
        for (const entry of prepared) expect(remembered(query, entry)).toBe(screeningNameSimilarity(query, entry));
      }
    }
  });
});

describe('scoring an entry against a threshold', () => {
  it('gives the score and features of scoreEntry when they reach the threshold, and nothing else', () => {
    const birthDates = fc.constantFrom([], ['1974-12-08'], ['1974'], ['1990-01-02', '08/12/1974']);
    const fields = fc.record({
      names: fc.subarray(NAMES, { minLength: 1, maxLength: 2 }),
      birthDates,
      gender: fc.constantFrom('male', 'female', ''),
      nationalities: fc.constantFrom([], ['UA'], ['RU', 'DE']),
    });
    const shared = fc.record({
      document: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
      phone: fc.boolean(),
      email: fc.boolean(),
    });
    fc.assert(
      fc.property(fields, fields, shared, fc.double({ min: 0, max: 1, noNaN: true }), (query, entry, ids, least) => {
        const [q, e] = [prepareFields(query), prepareFields(entry)];
        const full = scoreEntry(q, e, ids);
        expect(scoreEntryReaching(q, e, least, ids)).toEqual(full.score >= least ? full : undefined);
      }),
    );
  });
});
