import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockingRulesFor,
  candidatePairs,
  DEFAULT_BLOCKING_RULES,
  type BlockingOptions,
  type BlockingRule,
  type CandidatePairs,
} from './blocking.ts';
import { prepareRecords, type PreparedRecords } from './prepare.ts';
import type { FieldRole, LinkRecord } from './roles.ts';

/**
 * The candidate pairs as the rules define them, computed the plain way: per rule, its blocks; a
 * block up to the sorted size pairs all its records; a larger one sorts the records it can place
 * (by date of birth, or by name for a rule keyed on the date) and pairs each with the `window`
 * after it, and pairs the records it cannot place with every record of the block; a block above
 * the largest size pairs nobody. Each pair is keyed "left,right" with the bits of the rules that
 * found it.
 */
function expectedPairs(
  records: PreparedRecords,
  rules: readonly BlockingRule[],
  options: BlockingOptions & { sortedBlockSize: number; sortedBlockWindow: number },
): Map<string, number> {
  const pairs = new Map<string, number>();
  const add = (a: number, b: number, bit: number) => {
    const [i, j] = a < b ? [a, b] : [b, a];
    if (j < (options.from ?? 0)) return;
    if (options.mode === 'link' && records.sources[i] === records.sources[j]) return;
    const key = `${i},${j}`;
    pairs.set(key, ((pairs.get(key) ?? 0) | bit) >>> 0);
  };
  const date = (index: number) =>
    (records.dates.year[index] ?? 0) * 10_000 +
    (records.dates.month[index] ?? 0) * 100 +
    (records.dates.day[index] ?? 0);
  const name = (index: number) =>
    `${records.text.get('surname')?.[index] ?? ''} ${records.text.get('given_name')?.[index] ?? ''}`;
  rules.forEach((rule, ruleIndex) => {
    const bit = (1 << ruleIndex) >>> 0;
    const blocks = new Map<string, Set<number>>();
    for (let index = 0; index < records.size; index += 1) {
      const keys = rule.key(records, index);
      for (const key of typeof keys === 'string' ? [keys] : keys) {
        if (key !== '') blocks.set(key, (blocks.get(key) ?? new Set()).add(index));
      }
    }
    const byName = rule.roles.includes('date_of_birth');
    for (const members of blocks.values()) {
      const block = [...members];
      if (block.length > options.maxBlockSize) continue;
      if (block.length <= options.sortedBlockSize) {
        for (const a of block) for (const b of block) if (a < b) add(a, b, bit);
        continue;
      }
      const placed = block.filter((index) => (byName ? name(index).trim() !== '' : date(index) !== 0));
      const unplaced = block.filter((index) => !placed.includes(index));
      placed.sort((a, b) => {
        const left = byName ? name(a) : date(a);
        const right = byName ? name(b) : date(b);
        return left < right ? -1 : left > right ? 1 : a - b;
      });
      placed.forEach((a, position) => {
        for (const b of placed.slice(position + 1, position + 1 + options.sortedBlockWindow)) add(a, b, bit);
      });
      for (const a of unplaced) for (const b of block) if (a !== b) add(a, b, bit);
    }
  });
  return pairs;
}

function found(candidates: CandidatePairs): Map<string, number> {
  const pairs = new Map<string, number>();
  for (let pair = 0; pair < candidates.count; pair += 1) {
    const key = `${candidates.left[pair]},${candidates.right[pair]}`;
    expect(pairs.has(key), `the pair ${key} is found once`).toBe(false);
    expect(candidates.left[pair]).toBeLessThan(candidates.right[pair] as number);
    pairs.set(key, candidates.ruleMasks[pair] as number);
  }
  return pairs;
}

const GIVEN = ['ana', 'anna', 'ion', 'maria', 'mario', ''];
const SURNAMES = ['popa', 'pop', 'rossi', 'rosi', ''];
const DATES = ['1980-01-02', '1980-02-01', '1981-01-02', '1980', ''];
const PHONES = ['0712 345 678', '0712 345 679', ''];

const recordArbitrary = fc.record({
  given: fc.constantFrom(...GIVEN),
  surname: fc.constantFrom(...SURNAMES),
  date: fc.constantFrom(...DATES),
  phone: fc.constantFrom(...PHONES),
  source: fc.constantFrom<0 | 1>(0, 1),
});

type DrawnRecord = typeof recordArbitrary extends fc.Arbitrary<infer T> ? T : never;

const ROLES: ReadonlySet<FieldRole> = new Set(['given_name', 'surname', 'date_of_birth', 'phone']);

function recordsOf(drawn: readonly DrawnRecord[]): LinkRecord[] {
  return drawn.map((record, index) => ({
    id: String(index),
    source: record.source,
    fields: Object.fromEntries(
      (
        [
          ['given_name', record.given],
          ['surname', record.surname],
          ['date_of_birth', record.date],
          ['phone', record.phone],
        ] as const
      ).filter(([, value]) => value !== ''),
    ),
  }));
}

describe('candidate pairs', () => {
  it('are the union of the rules’ pairs, each once with the bits of every rule that found it, for blocks whole, sorted and skipped, in both modes and from any record', () => {
    fc.assert(
      fc.property(
        fc.array(recordArbitrary, { minLength: 0, maxLength: 40 }),
        fc.record({
          mode: fc.constantFrom<'dedupe' | 'link'>('dedupe', 'link'),
          sortedBlockSize: fc.integer({ min: 2, max: 8 }),
          sortedBlockWindow: fc.integer({ min: 1, max: 4 }),
          maxBlockSize: fc.integer({ min: 5, max: 40 }),
          from: fc.integer({ min: 0, max: 40 }),
        }),
        (drawn, options) => {
          const records = prepareRecords(recordsOf(drawn), ROLES);
          const rules = blockingRulesFor(ROLES);
          const candidates = candidatePairs(records, rules, options);
          expect(found(candidates)).toEqual(expectedPairs(records, rules, options));
          // Each pair is credited to the first rule that finds it.
          const credited = rules.map(() => 0);
          for (const mask of candidates.ruleMasks) {
            const first = 31 - Math.clz32(mask & -mask);
            credited[first] = (credited[first] ?? 0) + 1;
          }
          expect(candidates.rules.map((rule) => rule.pairs)).toEqual(credited);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skip a block larger than the largest block size and count it', () => {
    const records = prepareRecords(
      Array.from({ length: 12 }, (_, index) => ({
        id: String(index),
        source: 0 as const,
        fields: { phone: '0712 345 678', given_name: `name${index}` },
      })),
      new Set<FieldRole>(['phone', 'given_name']),
    );
    const phoneRule = DEFAULT_BLOCKING_RULES.filter((rule) => rule.name.startsWith('phone'));
    const candidates = candidatePairs(records, phoneRule, { mode: 'dedupe', maxBlockSize: 10 });
    expect(candidates.count).toBe(0);
    expect(candidates.rules).toEqual([{ name: 'phone (last 7 digits)', pairs: 0, skippedBlocks: 1 }]);
    expect(candidatePairs(records, phoneRule, { mode: 'dedupe', maxBlockSize: 12 }).count).toBe(66);
  });

  it('pair a name word with a number of the address wherever the number stands, the postcode column too', () => {
    const roles = new Set<FieldRole>(['full_name', 'address', 'postcode']);
    const records = prepareRecords(
      [
        {
          id: 'a',
          source: 0,
          fields: { full_name: 'Universal Exports Singapore', address: 'Chinatown Point, 133 New Bridge Road' },
        },
        {
          id: 'b',
          source: 0,
          fields: { full_name: 'Singapore exports', address: '133 New Bridge Road, Chinatown Point' },
        },
        { id: 'c', source: 0, fields: { full_name: 'Hajah Maimunah', address: '4 Hillview Rise', postcode: '667979' } },
        { id: 'd', source: 0, fields: { full_name: 'Hajah Mamunah', address: '#01-11, HillV2, 667979' } },
        { id: 'e', source: 0, fields: { full_name: 'Hajah Maimunah', address: 'Jalan Pisang' } },
      ],
      roles,
    );
    const rule = DEFAULT_BLOCKING_RULES.filter((each) => each.name === 'a name word + a number of the address');
    const candidates = candidatePairs(records, rule, { mode: 'dedupe', maxBlockSize: 100 });
    expect(found(candidates)).toEqual(
      new Map([
        ['0,1', 1],
        ['2,3', 1],
      ]),
    );
  });

  it('pair records of one town whose dates of birth keep two of their three parts, names or none', () => {
    const roles = new Set<FieldRole>(['given_name', 'surname', 'city', 'date_of_birth']);
    const records = prepareRecords(
      [
        {
          id: 'a',
          source: 0,
          fields: { given_name: 'Adaam', surname: 'Jones', city: 'Bristol', date_of_birth: '1982-10-11' },
        },
        { id: 'b', source: 0, fields: { given_name: 'Adam', city: 'Bristol', date_of_birth: '1982-10-12' } },
        { id: 'c', source: 0, fields: { city: 'Bristol', date_of_birth: '1983-11-11' } },
        { id: 'd', source: 0, fields: { given_name: 'Adam', city: 'Leeds', date_of_birth: '1982-10-11' } },
      ],
      roles,
    );
    const rule = DEFAULT_BLOCKING_RULES.filter((each) => each.name === 'city + two parts of the date of birth');
    const candidates = candidatePairs(records, rule, { mode: 'dedupe', maxBlockSize: 100 });
    // a and b keep year and month; a and c the day only; d is elsewhere.
    expect(found(candidates)).toEqual(new Map([['0,1', 1]]));
  });
});
