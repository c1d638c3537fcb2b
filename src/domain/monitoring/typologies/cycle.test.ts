import { describe, expect, it } from 'vitest';
import { DAY_MS, Monitor, type Transaction } from '../index.ts';
import { cycle } from './cycle.ts';

const T0 = Date.parse('2026-04-01T09:00:00Z');
const leg = (id: string, day: number, payer: string, payee: string, amount = 115_100): Transaction => ({
  id,
  time: T0 + day * DAY_MS,
  amount,
  payerAccount: payer,
  payeeAccount: payee,
  channel: 'transfer',
});

describe('cycles', () => {
  it('finds money back where it started through other accounts, its legs in any order', () => {
    // As AMLSim lays a cycle down: C→D first, then A→B, D→A, B→C.
    const alerts = new Monitor({ typologies: [cycle] }).replay([
      leg('1', 0, 'C', 'D'),
      leg('2', 3, 'A', 'B', 114_000),
      leg('3', 9, 'D', 'A'),
      leg('4', 20, 'B', 'C'),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      typology: 'cycle',
      rules: [{ id: 'cycle.round_trip' }],
      accounts: ['A', 'B', 'C', 'D'],
    });
    expect(alerts[0]?.evidence).toHaveLength(4);
    expect(alerts[0]?.explanation).toMatch(/came back within \d+ days? through 3 other accounts/);
  });

  it('passes over a chain that never closes, unlike amounts, two-account ping-pong and legs wider apart than the window', () => {
    const none = (legs: Transaction[]) => {
      expect(new Monitor({ typologies: [cycle] }).replay(legs)).toEqual([]);
    };
    none([leg('1', 0, 'A', 'B'), leg('2', 1, 'B', 'C'), leg('3', 2, 'C', 'D')]);
    none([leg('1', 0, 'A', 'B'), leg('2', 1, 'B', 'C', 40_000), leg('3', 2, 'C', 'A')]);
    none([leg('1', 0, 'A', 'B'), leg('2', 1, 'B', 'A')]);
    none([leg('1', 0, 'A', 'B'), leg('2', 40, 'B', 'C'), leg('3', 80, 'C', 'A')]);
  });
});
