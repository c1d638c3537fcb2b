import { describe, expect, it } from 'vitest';
import { clusterPairs, compatibleDates, type ScoredPair } from './cluster.ts';
import { prepareRecords } from './prepare.ts';
import type { FieldRole, LinkRecord } from './roles.ts';

const ROLES = new Set<FieldRole>(['given_name', 'surname', 'date_of_birth', 'document_number', 'phone']);

function cluster(
  fields: LinkRecord['fields'][],
  pairs: ScoredPair[],
  contradicts?: (left: number, right: number) => boolean,
): number[] {
  const records = prepareRecords(
    fields.map((value, index) => ({ id: String(index), source: 0, fields: value })),
    ROLES,
  );
  const result = clusterPairs(
    records,
    fields.map((_, index) => index),
    pairs,
    contradicts,
  );
  return fields.map((_, index) => result.clusterOf.get(index) ?? -1);
}

describe('constrained clustering', () => {
  it('breaks a chain that would join a father and a son (Sr and Jr) at one phone', () => {
    const clusters = cluster(
      [
        { given_name: 'David', surname: 'Dobbins Sr', phone: '0700 900 123' },
        { given_name: 'David', surname: 'Dobbins', phone: '0700 900 123' },
        { given_name: 'David', surname: 'Dobbins Jr', phone: '0700 900 123' },
      ],
      [
        { left: 0, right: 1, probability: 0.9 },
        { left: 1, right: 2, probability: 0.8 },
      ],
    );
    expect(clusters[0]).toBe(clusters[1]);
    expect(clusters[2]).not.toBe(clusters[0]);
  });

  it('breaks a chain that would join a brother and a sister, told apart by their given names', () => {
    // The phone's record names nobody: it pairs with both twins, and must not join them.
    const phone = { phone: '0700 900 123' };
    const marsha = { given_name: 'Marsha', surname: 'Kusha', ...phone };
    const fields = [{ given_name: 'Mark', surname: 'Kusha', ...phone }, phone, marsha];
    const pairs = [
      { left: 1, right: 2, probability: 0.9 },
      { left: 0, right: 1, probability: 0.8 },
    ];
    const clusters = cluster(fields, pairs);
    expect(clusters[1]).toBe(clusters[2]);
    expect(clusters[0]).not.toBe(clusters[2]);
    // Names that tell no gender (or one) join as before.
    const unknown = cluster([{ given_name: 'Sam', surname: 'Kusha', ...phone }, phone, marsha], pairs);
    expect(new Set(unknown).size).toBe(1);
  });

  it('joins a record that cannot tell two people apart to neither of them', () => {
    // Two John Smiths at one phone, born twenty years apart, and two records with no date of
    // birth that pair with both about as well: the two are one person, but which John Smith?
    const phone = { given_name: 'John', surname: 'Smith', phone: '0700 900 123' };
    const born1970 = { ...phone, date_of_birth: '1970-10-10' };
    const fields = [born1970, { ...phone, date_of_birth: '1990-03-15' }, phone, phone];
    const pairs = [
      { left: 2, right: 3, probability: 0.99 },
      { left: 0, right: 2, probability: 0.9 },
      { left: 1, right: 2, probability: 0.88 },
      { left: 0, right: 3, probability: 0.88 },
      { left: 1, right: 3, probability: 0.88 },
    ];
    expect(cluster(fields, pairs)).toEqual([0, 1, 2, 2]);
    // Paired far better with one of them (more than AMBIGUITY_BITS), the records join that one.
    const clear = pairs.map((pair) => (pair.left === 0 ? { ...pair, probability: 0.99 } : pair));
    expect(cluster(fields, clear)).toEqual([0, 1, 0, 0]);
    // A record with a date of birth of its own (or in its cluster) tells them apart.
    const dated = [born1970, { ...phone, date_of_birth: '1990-03-15' }, born1970, phone];
    expect(cluster(dated, pairs)[2]).toBe(0);
  });

  it('does not merge a father and a son (Jr and Sr) even when they were paired directly', () => {
    const clusters = cluster(
      [
        { given_name: 'David', surname: 'Dobbins Jr', phone: '0700 900 123' },
        { given_name: 'David', surname: 'Dobbins Senior', phone: '0700 900 123' },
      ],
      [{ left: 0, right: 1, probability: 0.95 }],
    );
    expect(clusters).toEqual([0, 1]);
  });

  it('breaks a chain that would join two records the model, scoring them side by side, takes for two people', () => {
    // Namesakes born the same year: the record with the year only pairs with both, but the two whole
    // dates, within a year of each other, are what two people have in this data.
    const fields = [
      { given_name: 'Ana', surname: 'Silva', date_of_birth: '1974-03-02' },
      { given_name: 'Ana', surname: 'Silva', date_of_birth: '1974' },
      { given_name: 'Ana', surname: 'Silva', date_of_birth: '1974-11-20' },
    ];
    const pairs = [
      { left: 0, right: 1, probability: 0.9 },
      { left: 1, right: 2, probability: 0.8 },
    ];
    expect(cluster(fields, pairs)).toEqual([0, 0, 0]);
    const clusters = cluster(fields, pairs, (left, right) => left + right === 2);
    expect(clusters[0]).toBe(clusters[1]);
    expect(clusters[2]).not.toBe(clusters[0]);
  });

  it('joins a chain of pairs whose identifiers agree or are missing', () => {
    const clusters = cluster(
      [
        { given_name: 'Ana', date_of_birth: '1990-01-02' },
        { given_name: 'Ana', phone: '0700 900 123' },
        { given_name: 'Ana', date_of_birth: '1990-01-02', phone: '0700 900 123' },
      ],
      [
        { left: 0, right: 1, probability: 0.9 },
        { left: 1, right: 2, probability: 0.8 },
      ],
    );
    expect(clusters).toEqual([0, 0, 0]);
  });

  it('breaks a chain that would join two different whole dates of birth', () => {
    // A and C share a phone with B, who has no date of birth; A and C were born years apart.
    const clusters = cluster(
      [
        { given_name: 'Ana', date_of_birth: '1990-01-02', phone: '0700 900 123' },
        { given_name: 'Ana', phone: '0700 900 123' },
        { given_name: 'Ana', date_of_birth: '1975-06-30', phone: '0700 900 123' },
      ],
      [
        { left: 0, right: 1, probability: 0.9 },
        { left: 1, right: 2, probability: 0.8 },
      ],
    );
    expect(clusters[0]).toBe(clusters[1]);
    expect(clusters[2]).not.toBe(clusters[0]);
  });

  it('breaks a chain that would join two different document numbers', () => {
    const clusters = cluster(
      [
        { surname: 'Popescu', document_number: 'X1234567' },
        { surname: 'Popescu' },
        { surname: 'Popescu', document_number: 'Y7654321' },
      ],
      [
        { left: 1, right: 2, probability: 0.95 },
        { left: 0, right: 1, probability: 0.9 },
      ],
    );
    expect(clusters[1]).toBe(clusters[2]);
    expect(clusters[0]).not.toBe(clusters[1]);
  });

  it('lets a document number one keystroke off, or a pair matched directly, join', () => {
    const clusters = cluster(
      [
        { surname: 'Popescu', document_number: 'X1234567' },
        { surname: 'Popescu' },
        { surname: 'Popescu', document_number: 'X1234576' },
        { surname: 'Popescu', document_number: 'Z0000000' },
      ],
      [
        { left: 0, right: 1, probability: 0.9 },
        { left: 1, right: 2, probability: 0.8 },
        // Z0000000 conflicts with X1234567 (record 0), which it was never paired with.
        { left: 2, right: 3, probability: 0.7 },
      ],
    );
    expect(clusters).toEqual([0, 0, 0, 3]);
  });

  it('joins two records with conflicting identifiers that were paired directly (their score weighed it)', () => {
    const clusters = cluster(
      [
        { surname: 'Popescu', document_number: 'X1234567' },
        { surname: 'Popescu', document_number: 'Z0000000' },
      ],
      [{ left: 0, right: 1, probability: 0.9 }],
    );
    expect(clusters).toEqual([0, 0]);
  });

  it('takes dates as compatible when one part differs, day and month are swapped or they are within two years', () => {
    expect(compatibleDates(19_900_102, 19_900_102)).toBe(true);
    expect(compatibleDates(19_900_102, 19_910_102)).toBe(true);
    // A year mistyped, month and day kept.
    expect(compatibleDates(19_821_012, 19_921_012)).toBe(true);
    expect(compatibleDates(19_900_102, 19_900_201)).toBe(true);
    expect(compatibleDates(19_901_230, 19_910_105)).toBe(true);
    // Mistyped in two parts, 23 months apart.
    expect(compatibleDates(19_900_102, 19_911_201)).toBe(true);
    expect(compatibleDates(19_900_102, 19_750_630)).toBe(false);
    expect(compatibleDates(19_900_102, 19_920_304)).toBe(false);
  });

  it('breaks a chain between whole dates of birth years apart, or a year against a date two years off', () => {
    const clusters = cluster(
      [
        { surname: 'Popescu', date_of_birth: '1990-01-02' },
        { surname: 'Popescu' },
        { surname: 'Popescu', date_of_birth: '1993-06-07' },
        { surname: 'Popescu', date_of_birth: '1992' },
      ],
      [
        { left: 0, right: 1, probability: 0.9 },
        { left: 1, right: 2, probability: 0.8 },
        { left: 1, right: 3, probability: 0.7 },
      ],
    );
    expect(clusters).toEqual([0, 0, 2, 3]);
  });

  it('lets strong links across a merge outweigh a record in conflict, when more than twice as many', () => {
    const records = [
      { surname: 'Popescu', document_number: 'X1234567' },
      { surname: 'Popescu' },
      { surname: 'Popescu' },
      { surname: 'Popescu', document_number: 'Z0000000' },
    ];
    // Records 0, 1 and 2 are one group; 3 conflicts with 0 but is strongly linked to 1 and 2.
    const strongly = cluster(records, [
      { left: 0, right: 1, probability: 0.9999 },
      { left: 0, right: 2, probability: 0.9999 },
      { left: 1, right: 3, probability: 0.9995 },
      { left: 2, right: 3, probability: 0.9995 },
      { left: 1, right: 2, probability: 0.9 },
    ]);
    // Two strong links against one conflict: not more than twice as many, refused.
    expect(strongly).toEqual([0, 0, 0, 3]);
    const withThree = cluster(
      [...records, { surname: 'Popescu' }],
      [
        { left: 0, right: 1, probability: 0.9999 },
        { left: 0, right: 2, probability: 0.9999 },
        { left: 0, right: 4, probability: 0.9999 },
        { left: 1, right: 3, probability: 0.9995 },
        { left: 2, right: 3, probability: 0.9995 },
        { left: 4, right: 3, probability: 0.9995 },
      ],
    );
    expect(withThree).toEqual([0, 0, 0, 0, 0]);
    // The same links, weaker: a conflict is not outweighed.
    const weakly = cluster(
      [...records, { surname: 'Popescu' }],
      [
        { left: 0, right: 1, probability: 0.9999 },
        { left: 0, right: 2, probability: 0.9999 },
        { left: 0, right: 4, probability: 0.9999 },
        { left: 1, right: 3, probability: 0.99 },
        { left: 2, right: 3, probability: 0.99 },
        { left: 4, right: 3, probability: 0.99 },
      ],
    );
    expect(weakly).toEqual([0, 0, 0, 3, 0]);
  });

  it('lets a chain join whole dates of birth a mistyped year or two years apart', () => {
    const clusters = cluster(
      [
        { surname: 'Popescu', date_of_birth: '1982-10-12' },
        { surname: 'Popescu' },
        { surname: 'Popescu', date_of_birth: '1992-10-12' },
        { surname: 'Popescu', date_of_birth: '1983-11-13' },
      ],
      [
        { left: 0, right: 1, probability: 0.9 },
        { left: 1, right: 2, probability: 0.8 },
        { left: 1, right: 3, probability: 0.7 },
      ],
    );
    expect(clusters).toEqual([0, 0, 0, 3]);
  });
});
