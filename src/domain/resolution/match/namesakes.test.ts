import { describe, expect, it } from 'vitest';
import { candidatePairs, SORTED_BLOCK_SIZE, SORTED_BLOCK_WINDOW, type BlockingRule } from './blocking.ts';
import { bindComparisons, compareLevel, comparisonFor } from './comparisons.ts';
import { linkRecords } from './linker.ts';
import { prepareRecords } from './prepare.ts';
import { seededRandom } from './random.ts';
import type { FieldRole, LinkRecord } from './roles.ts';

/**
 * A population of namesakes: 3,000 people drawn from six given names and six surnames (about 80
 * people per full name), each with two records; a person's date of birth and phone tell them from
 * their namesakes. Some second records give only the year of birth, or no phone.
 */
function namesakes(): LinkRecord[] {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const records: LinkRecord[] = [];
  for (let person = 0; person < 3_000; person += 1) {
    const given = pick(['maria', 'ana', 'elena', 'sofia', 'laura', 'irina']);
    const surname = pick(['garcia', 'popescu', 'novak', 'silva', 'rossi', 'horvat']);
    const year = 1950 + Math.floor(random() * 50);
    const date = `${year}-${1 + Math.floor(random() * 12)}-${1 + Math.floor(random() * 28)}`;
    const phone = `07${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
    records.push({ id: `${person}-a`, source: 0, fields: { given_name: given, surname, date_of_birth: date, phone } });
    records.push({
      id: `${person}-b`,
      source: 0,
      fields: {
        given_name: given,
        surname,
        date_of_birth: random() < 0.2 ? String(year) : date,
        ...(random() < 0.3 ? {} : { phone }),
      },
    });
  }
  return records;
}

describe('a population of namesakes', () => {
  const records = namesakes();
  const result = linkRecords(records, { mode: 'dedupe' });
  const person = (index: number) => result.records.ids[index]?.split('-')[0];

  it('learns that one person’s dates of birth and phones agree, though most pairs blocked on a name are two people', () => {
    // Enough candidate pairs for the sessions of one blocking rule each.
    expect(result.candidates.count).toBeGreaterThan(50_000);
    const m = (name: string, level: string) => {
      const parameters = result.model.parameters.find((each) => each.comparison.name === name);
      return parameters?.m[parameters.comparison.levels.indexOf(level)] ?? Number.NaN;
    };
    expect(m('date_of_birth', 'else')).toBeLessThan(0.02);
    expect(m('date_of_birth', 'within a year')).toBeLessThan(0.02);
    expect(m('date_of_birth', 'exact')).toBeGreaterThan(0.7);
    expect(m('phone', 'else')).toBeLessThan(0.2);
  });

  it('pairs namesakes only where their dates of birth allow it, and clusters no two of them together', () => {
    let right = 0;
    for (const pair of result.pairs) if (person(pair.left) === person(pair.right)) right += 1;
    expect(right / result.pairs.length).toBeGreaterThan(0.9);
    // Clusters: every person's two records together, and few clusters holding two people.
    const people = new Map<number, Set<string>>();
    result.clusterOf.forEach((cluster, index) => {
      const set = people.get(cluster) ?? new Set<string>();
      set.add(person(index) ?? '');
      people.set(cluster, set);
    });
    // A second record with only a name and a year of birth is as likely one of the namesakes born
    // that year: the others, with a whole date or a phone, are clustered with their first record.
    let together = 0;
    let telling = 0;
    for (let index = 0; index < result.records.size; index += 2) {
      const second = records[index + 1]?.fields;
      if (second?.phone === undefined && (second?.date_of_birth ?? '').length === 4) continue;
      telling += 1;
      if (result.clusterOf[index] === result.clusterOf[index + 1]) together += 1;
    }
    expect(telling).toBeGreaterThan(2_500);
    expect(together / telling).toBeGreaterThan(0.99);
    const mixed = [...people.values()].filter((set) => set.size > 1).length;
    expect(mixed / people.size).toBeLessThan(0.02);
  });
});

describe('dates of birth, whole and partial', () => {
  const level = (left: string, right: string) => {
    const prepared = prepareRecords(
      [
        { id: 'l', source: 0, fields: { date_of_birth: left } },
        { id: 'r', source: 0, fields: { date_of_birth: right } },
      ],
      new Set<FieldRole>(['date_of_birth']),
    );
    const comparison = comparisonFor('date_of_birth', new Set<FieldRole>(['date_of_birth']));
    if (comparison === undefined) throw new Error('no comparison of dates of birth');
    const [bound] = bindComparisons([comparison], prepared);
    return bound === undefined ? '' : comparison.levels[compareLevel(bound, prepared, 0, 1)];
  };

  it('takes a year, or a year and month, as agreeing with the whole date it fits, never as exact', () => {
    expect(level('1974-12-08', '1974-12-08')).toBe('exact');
    expect(level('1974', '1974-12-08')).toBe('partial, the parts both state agree');
    expect(level('1974-12', '1974-12-08')).toBe('partial, the parts both state agree');
    expect(level('1974', '1974')).toBe('partial, the parts both state agree');
  });

  it('takes a partial date that contradicts a part of the other as apart', () => {
    expect(level('1974-08', '1974-12-08')).toBe('within a year');
    expect(level('1973', '1974-12-08')).toBe('else');
    expect(level('1974-12-09', '1974-12-08')).toBe('one part differs or day and month swapped');
  });
});

describe('blocking a large block', () => {
  const surnameRule: BlockingRule = {
    name: 'surname',
    roles: ['surname'],
    key: (records, index) => records.text.get('surname')?.[index] ?? '',
  };
  const size = SORTED_BLOCK_SIZE * 4;
  const fields = Array.from({ length: size }, (_, index) => ({
    surname: 'garcia',
    // Records 0 and 1 share a date; record 2 has none.
    ...(index === 2
      ? {}
      : { date_of_birth: `19${String(50 + ((index * 37) % 49)).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 10}` }),
  }));
  fields[1] = { ...fields[0], surname: 'garcia' };
  const records = prepareRecords(
    fields.map((value, index) => ({ id: String(index), source: 0, fields: value })),
    new Set<FieldRole>(['surname', 'date_of_birth']),
  );
  const pairs = candidatePairs(records, [surnameRule], { mode: 'dedupe', maxBlockSize: 10_000 });
  const has = (a: number, b: number) => {
    for (let pair = 0; pair < pairs.count; pair += 1) {
      if (pairs.left[pair] === Math.min(a, b) && pairs.right[pair] === Math.max(a, b)) return true;
    }
    return false;
  };

  it('pairs each record with its neighbours by date of birth, not with every record', () => {
    expect(pairs.count).toBeLessThanOrEqual(size * SORTED_BLOCK_WINDOW + size);
    expect(pairs.count).toBeLessThan((size * (size - 1)) / 2 / 4);
    expect(has(0, 1)).toBe(true);
  });

  it('pairs a record the order cannot place (no date of birth) with every record of the block', () => {
    for (let other = 0; other < size; other += 1) if (other !== 2) expect(has(2, other)).toBe(true);
  });
});
