import { describe, expect, it } from 'vitest';
import { givenNameGender, LISTED_NAMES } from './name-gender.ts';

describe('givenNameGender', () => {
  it('lists each name once, under one gender, as a folded word', () => {
    const all = [...LISTED_NAMES.female, ...LISTED_NAMES.male];
    expect(new Set(all).size).toBe(all.length);
    for (const name of all) expect(name).toMatch(/^[a-z]+$/);
  });

  it('tells a plainly gendered name, its diminutives through the formal name, and only the first word', () => {
    expect(givenNameGender('marsha')).toBe('f');
    expect(givenNameGender('mark')).toBe('m');
    expect(givenNameGender('jim')).toBe('m');
    expect(givenNameGender('peggy')).toBe('f');
    expect(givenNameGender('mary ann')).toBe('f');
    expect(givenNameGender('ann mark')).toBe('f');
  });

  it('tells nothing of names given to both sexes, initials, or names it does not know', () => {
    for (const name of ['alex', 'sam', 'chris', 'jordan', 'robin', 'jean', 'andrea', 'pat', 'm', '', 'zyx']) {
      expect(givenNameGender(name)).toBe('');
    }
  });
});
