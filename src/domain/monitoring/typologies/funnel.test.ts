import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type Transaction } from '../index.ts';
import { funnelAccount } from './funnel.ts';

/** The start of a period of every default window (alerts are deduplicated per period). */
const T0 = 21_000 * DAY_MS;
const HOUR_MS = 3_600_000;
const CITIES = ['Leeds', 'York', 'Hull'];

/** Eight payers paying 500.00 each into account F, six hours apart, in three cities. */
function deposits(payers = 8, spacingMs = 6 * HOUR_MS, cities = CITIES): Transaction[] {
  return Array.from({ length: payers }, (_, index) => ({
    id: `in-${index}`,
    time: T0 + index * spacingMs,
    amount: 50_000,
    channel: index % 2 === 0 ? ('cash' as const) : ('transfer' as const),
    payerAccount: `P${index}`,
    payeeAccount: 'F',
    city: cities[index % cities.length],
  }));
}

/** Account F paying `amount` out at `hoursAfterStart` hours. */
function withdrawal(
  id: string,
  hoursAfterStart: number,
  amount: number,
  extra: Partial<Transaction> = {},
): Transaction {
  return {
    id,
    time: T0 + hoursAfterStart * HOUR_MS,
    amount,
    channel: 'cash',
    payerAccount: 'F',
    city: 'Bradford',
    ...extra,
  };
}

describe('funnel_account', () => {
  it('flags an account paid into from many payers in several cities and emptied soon after', () => {
    const monitor = new Monitor({ typologies: [funnelAccount] });
    const alerts = monitor.replay([
      ...deposits(),
      withdrawal('out-cash', 44, 300_000),
      withdrawal('out-transfer', 50, 100_000, { channel: 'transfer', payeeAccount: 'BOSS' }),
    ]);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('funnel_account');
    expect(alert?.subjectType).toBe('account');
    expect(alert?.subjectId).toBe('F');
    expect(alert?.rules.map((rule) => rule.id)).toEqual([
      'funnel_account.many_payers_many_cities',
      'funnel_account.rapid_withdrawal',
    ]);
    // Raised by the cash withdrawal: 3,000.00 of 4,000.00 out within two days is 75 %.
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual([
      'in-0',
      'in-1',
      'in-2',
      'in-3',
      'in-4',
      'in-5',
      'in-6',
      'in-7',
      'out-cash',
    ]);
    expect(alert?.accounts).toEqual(['F', 'P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    expect(alert?.explanation).toBe(
      'Account F received 8 payments totalling 4,000.00 from 8 different payers or cash deposits in 3 cities within 14 days, ' +
        'and paid out 3,000.00 of the 4,000.00 it received (75 %) within 2 days of its coming in, in 1 withdrawal.',
    );
  });

  it('counts a withdrawal only against money in within the hours before it', () => {
    // In at 0–42 hours; out at 44 hours (all of it counts), then at 50 hours (what came in after 2 hours).
    const monitor = new Monitor({
      typologies: [funnelAccount],
      config: { version: 'all-of-it', values: { 'funnel_account.withdrawal_share': 1 } },
    });
    const alerts = monitor.replay([
      ...deposits(),
      withdrawal('out-cash', 44, 300_000),
      withdrawal('out-transfer', 50, 100_000, { channel: 'transfer', payeeAccount: 'BOSS' }),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.explanation).toContain('paid out 4,000.00 of the 4,000.00 it received (100 %)');
    expect(alerts[0]?.explanation).toContain('in 2 withdrawals');
    expect(alerts[0]?.accounts).toContain('BOSS');
  });

  it('counts each anonymous cash deposit as a depositor of its own, and an anonymous transfer as none', () => {
    const deposits = ['Leeds', 'York', 'Hull', 'Leeds', 'York', 'Hull', 'Leeds', 'York'].map((city, index) => ({
      id: `d${index}`,
      time: Date.parse('2026-01-05T10:00:00Z') + index * 3_600_000,
      amount: 90_000,
      payeeAccount: 'F',
      channel: index < 8 ? ('cash' as const) : ('transfer' as const),
      city,
    }));
    const out = {
      id: 'out',
      time: Date.parse('2026-01-06T10:00:00Z'),
      amount: 700_000,
      payerAccount: 'F',
      payeeAccount: 'HOME',
      channel: 'transfer' as const,
    };
    expect(new Monitor({ typologies: [funnelAccount] }).replay([...deposits, out])).toHaveLength(1);
    const transfers = deposits.map((deposit) => ({ ...deposit, channel: 'transfer' as const }));
    expect(new Monitor({ typologies: [funnelAccount] }).replay([...transfers, out])).toEqual([]);
  });

  it('does not flag too few payers', () => {
    const monitor = new Monitor({ typologies: [funnelAccount] });
    expect(monitor.replay([...deposits(7), withdrawal('out', 44, 350_000)])).toEqual([]);
  });

  it('does not flag payers all in one city', () => {
    const monitor = new Monitor({ typologies: [funnelAccount] });
    expect(monitor.replay([...deposits(8, 6 * HOUR_MS, ['Leeds']), withdrawal('out', 44, 400_000)])).toEqual([]);
  });

  it('does not flag money that stays longer than the withdrawal hours', () => {
    const monitor = new Monitor({ typologies: [funnelAccount] });
    // The last deposit is at 42 hours; out at 96 hours is more than 48 hours after every one.
    expect(monitor.replay([...deposits(), withdrawal('out', 96, 400_000)])).toEqual([]);
  });

  it('does not flag too small a share paid out', () => {
    const transactions = [...deposits(), withdrawal('out', 44, 250_000)];
    expect(new Monitor({ typologies: [funnelAccount] }).replay(transactions)).toEqual([]);
    const lower = new Monitor({
      typologies: [funnelAccount],
      config: { version: 'lower', values: { 'funnel_account.withdrawal_share': 0.6 } },
    });
    const alerts = lower.replay(transactions);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.explanation).toContain('(63 %)');
  });

  it('reads only withdrawals in the withdrawal channels', () => {
    const monitor = new Monitor({ typologies: [funnelAccount] });
    expect(monitor.replay([...deposits(), withdrawal('out', 44, 400_000, { channel: 'card' })])).toEqual([]);
    const unknown = new Monitor({ typologies: [funnelAccount] });
    expect(unknown.replay([...deposits(), withdrawal('out', 44, 400_000, { channel: undefined })])).toEqual([]);
  });

  it('does not flag payments in spread over more than the window', () => {
    const monitor = new Monitor({ typologies: [funnelAccount] });
    // Eight payers four days apart: at most four within fourteen days.
    const spread = deposits(8, 4 * DAY_MS);
    expect(monitor.replay([...spread, withdrawal('out', 28 * 24 + 2, 100_000)])).toEqual([]);
  });

  it('refuses a configuration outside a parameter’s band', () => {
    expect(
      () =>
        new Monitor({
          typologies: [funnelAccount],
          config: { version: 'x', values: { 'funnel_account.withdrawal_share': 1.5 } },
        }),
    ).toThrow(ConfigError);
    expect(
      () =>
        new Monitor({
          typologies: [funnelAccount],
          config: { version: 'x', values: { 'funnel_account.min_payers': 1 } },
        }),
    ).toThrow(ConfigError);
  });
});
