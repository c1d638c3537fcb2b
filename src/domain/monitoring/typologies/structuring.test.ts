import { describe, expect, it } from 'vitest';
import { Monitor, type Transaction } from '../index.ts';
import { structuring } from './structuring.ts';

const T0 = Date.parse('2026-04-01T09:00:00Z');
const HOUR = 3_600_000;
const tx = (
  id: string,
  hours: number,
  amount: number,
  payee: string,
  channel: Transaction['channel'] = 'cash',
): Transaction => ({
  id,
  time: T0 + hours * HOUR,
  amount,
  payerAccount: 'A',
  payeeAccount: payee,
  channel,
});

describe('structuring', () => {
  it('finds deposits just under the reporting threshold within the window', () => {
    const monitor = new Monitor({ typologies: [structuring] });
    const alerts = monitor.replay([tx('1', 0, 950_000, 'B1'), tx('2', 30, 980_000, 'B2'), tx('3', 70, 910_000, 'B3')]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      typology: 'structuring',
      subjectId: 'A',
      rules: [{ id: 'structuring.just_under_threshold' }],
    });
    expect(alerts[0]?.explanation).toBe(
      'Account A had 3 payments just under the reporting threshold of 10,000.00 within 7 days.',
    );
  });

  it('passes over deposits at or over the threshold, far under it, or spread wider than the window', () => {
    const monitor = new Monitor({ typologies: [structuring] });
    expect(monitor.replay([tx('1', 0, 1_000_000, 'B1'), tx('2', 1, 990_000, 'B2'), tx('3', 2, 400_000, 'B3')])).toEqual(
      [],
    );
    expect(
      new Monitor({ typologies: [structuring] }).replay([
        tx('1', 0, 950_000, 'B1'),
        tx('2', 100, 950_000, 'B2'),
        tx('3', 200, 950_000, 'B3'),
      ]),
    ).toEqual([]);
  });

  it('finds one sum split into near-identical payments to one account on one day, not unlike ones', () => {
    const split = new Monitor({ typologies: [structuring] }).replay([
      tx('1', 0, 1_356, 'S', 'transfer'),
      tx('2', 2, 1_290, 'S', 'transfer'),
      tx('3', 5, 1_310, 'S', 'transfer'),
    ]);
    expect(split[0]).toMatchObject({ rules: [{ id: 'structuring.split_payment' }], accounts: ['A', 'S'] });
    expect(split[0]?.explanation).toMatch(/paid S 3 times on one day in near-identical amounts \(12.90 to 13.56\)/);
    const twice = new Monitor({ typologies: [structuring] }).replay([tx('1', 0, 1_356, 'S'), tx('2', 2, 1_290, 'S')]);
    expect(twice).toEqual([]);
    const unlike = new Monitor({ typologies: [structuring] }).replay([
      tx('1', 0, 1_000, 'S'),
      tx('2', 2, 9_000, 'S'),
      tx('3', 3, 1_000, 'S'),
    ]);
    expect(unlike).toEqual([]);
    const apart = new Monitor({ typologies: [structuring] }).replay([
      tx('1', 0, 1_000, 'S'),
      tx('2', 30, 1_000, 'S'),
      tx('3', 60, 1_000, 'S'),
    ]);
    expect(apart).toEqual([]);
  });

  it('counts as split only the payments to the same account within a day of the last, in time order', () => {
    // Two days before, the same account paid twice (in the window, not in the day); payments to
    // others come between; one of the day's three came late, after the others.
    const alerts = new Monitor({ typologies: [structuring], latenessMs: 12 * HOUR }).replay([
      tx('old1', 0, 1_300, 'S', 'transfer'),
      tx('old2', 1, 1_300, 'S', 'transfer'),
      tx('day1', 48, 1_356, 'S', 'transfer'),
      tx('other', 49, 1_320, 'R', 'transfer'),
      tx('day3', 53, 1_310, 'S', 'transfer'),
      tx('day2', 50, 1_290, 'S', 'transfer'),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.evidence.map((payment) => payment.id)).toEqual(['day1', 'day2', 'day3']);
    expect(alerts[0]?.explanation).toMatch(/paid S 3 times on one day/);
  });

  it('reads cash deposits just under the threshold into one account, whoever paid them in', () => {
    const deposits = ['D1', 'D2', 'D3'].map((depositor, index) => ({
      id: `c${index}`,
      time: T0 + index * 20 * HOUR,
      amount: 960_000,
      payerAccount: depositor,
      payeeAccount: 'FUNNEL',
      channel: 'cash' as const,
    }));
    const alerts = new Monitor({ typologies: [structuring] }).replay(deposits);
    expect(alerts.map((alert) => alert.subjectId)).toEqual(['FUNNEL']);
    expect(alerts[0]?.explanation).toMatch(/^Account FUNNEL had 3 payments just under/);
  });
});
