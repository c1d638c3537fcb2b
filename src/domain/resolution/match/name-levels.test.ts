import { describe, expect, it } from 'vitest';
import { bindComparisons, compareLevel, comparisonFor } from './comparisons.ts';
import { initialMayStandFor } from './nicknames.ts';
import { prepareRecords } from './prepare.ts';
import type { FieldRole } from './roles.ts';

/** The level label of each pair of values of one name role. */
function levelsOf(role: FieldRole, pairs: readonly (readonly [string, string])[]): string[] {
  const roles = new Set<FieldRole>([role]);
  const comparison = comparisonFor(role, roles);
  if (comparison === undefined) throw new Error(`no ${role} comparison`);
  const records = prepareRecords(
    pairs.flatMap(([left, right], index) => [
      { id: `${index}l`, source: 0, fields: { [role]: left } },
      { id: `${index}r`, source: 0, fields: { [role]: right } },
    ]),
    roles,
  );
  const [bound] = bindComparisons([comparison], records);
  if (bound === undefined) throw new Error('not bound');
  return pairs.map((_, index) => comparison.levels[compareLevel(bound, records, 2 * index, 2 * index + 1)] ?? '');
}

describe('levels of given names', () => {
  it('takes names alike in letters for one name only when a typo, a sound-alike or one cut short', () => {
    expect(
      levelsOf('given_name', [
        ['Jonathon', 'Jonathan'],
        ['Rosemary A', 'Rosemay A'],
        ['Catherine', 'Katherine'],
        ['Pat', 'Patrick'],
        ['Anna Maria', 'Anna'],
      ]),
    ).toEqual([
      'jaro-winkler ≥ 0.95',
      'jaro-winkler ≥ 0.95',
      'jaro-winkler ≥ 0.88, a typo or alike in sound',
      'jaro-winkler ≥ 0.7 and a typo, or alike in sound',
      'jaro-winkler ≥ 0.88, a typo or alike in sound',
    ]);
  });

  it('tells apart different names that share a beginning (sisters, twins)', () => {
    expect(
      levelsOf('given_name', [
        ['Darla', 'Darlene'],
        ['Darlene', 'Darletta'],
        ['Mark', 'Marsha'],
      ]),
    ).toEqual(['else', 'else', 'else']);
  });

  it('counts names that sound alike however they are spelt', () => {
    expect(levelsOf('given_name', [['Keeley', 'Kaylee']])).toEqual([
      'jaro-winkler ≥ 0.7 and a typo, or alike in sound',
    ]);
  });

  it('keeps the letters-only levels for surnames, whose spellings are many', () => {
    // Five edits apart, but one surname for Jaro-Winkler.
    expect(levelsOf('surname', [['Andersonsmith', 'Anderson']])).toEqual(['jaro-winkler ≥ 0.88']);
    expect(levelsOf('surname', [['Smith', 'Schmidt']])).toEqual(['jaro-winkler ≥ 0.7, or alike in sound']);
  });

  it("reads an initial as standing for a name or one of the name's diminutives", () => {
    expect(initialMayStandFor('b', 'robert')).toBe(true);
    expect(initialMayStandFor('r', 'robert')).toBe(true);
    expect(initialMayStandFor('k', 'robert')).toBe(false);
    expect(levelsOf('given_name', [['B', 'Bob']])).toEqual(['initial']);
    expect(levelsOf('given_name', [['K', 'Bob']])).toEqual(['else']);
    // C and K, A and E share a Double Metaphone code, but initials have no sound.
    expect(
      levelsOf('given_name', [
        ['C', 'K'],
        ['A', 'E'],
      ]),
    ).toEqual(['else', 'else']);
  });
});

describe('levels of surnames', () => {
  it("finds a surname kept beside a new one as the other record's middle name", () => {
    const roles = new Set<FieldRole>(['full_name']);
    const comparison = comparisonFor('surname', new Set<FieldRole>(['full_name', 'given_name', 'middle_name']));
    if (comparison === undefined) throw new Error('no surname comparison');
    const records = prepareRecords(
      ['Susan Meyer', 'Susan Meyer Thomas', 'Susan Miller Thomas'].map((full_name, index) => ({
        id: String(index),
        source: 0,
        fields: { full_name },
      })),
      roles,
    );
    const [bound] = bindComparisons([comparison], records);
    if (bound === undefined) throw new Error('not bound');
    expect(comparison.levels[compareLevel(bound, records, 0, 1)]).toBe("kept as the other's middle_name");
    expect(comparison.levels[compareLevel(bound, records, 1, 0)]).toBe("kept as the other's middle_name");
    expect(comparison.levels[compareLevel(bound, records, 0, 2)]).toBe('else');
  });
});
