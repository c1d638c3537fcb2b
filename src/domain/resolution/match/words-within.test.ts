import { describe, expect, it } from 'vitest';
import { bindComparisons, compareLevel, comparisonFor, wordsWithin } from './comparisons.ts';
import { prepareRecords } from './prepare.ts';
import type { FieldRole } from './roles.ts';

describe('address words within one another', () => {
  it('finds every word of the shorter address in the longer, in any order, one typo a word', () => {
    expect(wordsWithin('405 lexington avenue', 'chrysler building 405 lexington avenue')).toBe(true);
    expect(wordsWithin('100 howard hughs plaza', 'hughes plaza 100 howard hughes way las vegas nv 89111')).toBe(true);
    expect(wordsWithin('chrysler building 405 lexington avenue', '405 lexington avenue')).toBe(true);
    expect(wordsWithin('405 lexington avenue', '407 lexington avenue')).toBe(false);
    expect(wordsWithin('12 main street', '12 high street')).toBe(false);
    // One word is too little to say two addresses are one.
    expect(wordsWithin('london', 'flat 2 london road')).toBe(false);
  });

  it('is a level of the address comparison below the similarity levels', () => {
    const roles = new Set<FieldRole>(['address']);
    const comparison = comparisonFor('address', roles);
    if (comparison === undefined) throw new Error('no address comparison');
    const records = prepareRecords(
      [
        { id: 'a', source: 0, fields: { address: 'Chrysler Building, 405 Lexington Avenue' } },
        { id: 'b', source: 0, fields: { address: '405 Lexington Avenue' } },
        { id: 'c', source: 0, fields: { address: '12 Main Street' } },
      ],
      roles,
    );
    const [bound] = bindComparisons([comparison], records);
    if (bound === undefined) throw new Error('not bound');
    expect(comparison.levels[compareLevel(bound, records, 0, 1)]).toBe('the words of one within the other');
    expect(comparison.levels[compareLevel(bound, records, 0, 2)]).toBe('else');
  });
});
