import { describe, expect, it } from 'vitest';
import { DAY_MS, Monitor, type Transaction } from '../index.ts';
import { fanIn, similarFromDistinctPayers } from './fan-in.ts';

const T0 = Date.parse('2026-04-01T09:00:00Z');
const tx = (id: string, day: number, amount: number, payer: string): Transaction => ({
  id,
  time: T0 + day * DAY_MS,
  amount,
  payerAccount: payer,
  payeeAccount: 'HUB',
  channel: 'transfer',
});

describe('fan-in', () => {
  it('finds near-identical amounts from many payers into one account within the window', () => {
    const alerts = new Monitor({ typologies: [fanIn] }).replay([
      tx('1', 0, 49_900, 'P1'),
      tx('2', 3, 50_000, 'P2'),
      tx('3', 9, 51_000, 'P3'),
      tx('4', 20, 50_500, 'P4'),
      tx('5', 21, 12_345, 'P5'),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      typology: 'fan_in',
      subjectId: 'HUB',
      accounts: ['HUB', 'P1', 'P2', 'P3', 'P4'],
    });
    expect(alerts[0]?.explanation).toBe(
      'Account HUB received 4 payments of 499.00 to 510.00 from 4 different payers within 30 days.',
    );
  });

  it('passes over one payer paying often, unlike amounts, and payers spread wider than the window', () => {
    const monitor = () => new Monitor({ typologies: [fanIn] });
    expect(monitor().replay(['1', '2', '3', '4', '5'].map((id, day) => tx(id, day, 50_000, 'P1')))).toEqual([]);
    expect(
      monitor().replay([
        tx('1', 0, 10_000, 'P1'),
        tx('2', 1, 20_000, 'P2'),
        tx('3', 2, 40_000, 'P3'),
        tx('4', 3, 80_000, 'P4'),
      ]),
    ).toEqual([]);
    expect(
      monitor().replay([
        tx('1', 0, 50_000, 'P1'),
        tx('2', 40, 50_000, 'P2'),
        tx('3', 80, 50_000, 'P3'),
        tx('4', 120, 50_000, 'P4'),
      ]),
    ).toEqual([]);
  });

  it('picks the largest group of distinct payers within the tolerance', () => {
    const group = similarFromDistinctPayers(
      [tx('1', 0, 100, 'A'), tx('2', 0, 102, 'B'), tx('3', 0, 104, 'B'), tx('4', 0, 300, 'C'), tx('5', 0, 301, 'D')],
      0.05,
    );
    expect(new Set(group.map((each) => each.payerAccount))).toEqual(new Set(['A', 'B']));
  });
});
