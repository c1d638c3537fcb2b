import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type Transaction } from '../index.ts';
import { categoryIn, staysManyCities } from './stays-many-cities.ts';

/** The start of a period of every default window (alerts are deduplicated per period). */
const T0 = 21_000 * DAY_MS;

/** Account H paying 120.00 for a hotel room in `city` on `day`. */
function stay(id: string, day: number, city: string | undefined, extra: Partial<Transaction> = {}): Transaction {
  return {
    id,
    time: T0 + day * DAY_MS,
    amount: 12_000,
    channel: 'card',
    payerAccount: 'H',
    merchantCategory: '7011',
    merchantId: `HOTEL-${id}`,
    city,
    ...extra,
  };
}

/** Hotels in four cities within ten days, one of them a chain with its own category code. */
function circuit(): Transaction[] {
  return [
    stay('s-0', 0, 'Leeds'),
    stay('s-1', 3, 'York', { merchantCategory: '3550' }),
    stay('s-2', 6, 'Hull', { merchantCategory: '7012' }),
    stay('s-3', 10, 'Derby'),
  ];
}

describe('stays_many_cities', () => {
  it('flags a payer paying for lodging in many cities within days', () => {
    const monitor = new Monitor({ typologies: [staysManyCities] });
    const alerts = monitor.replay(circuit());
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('stays_many_cities');
    expect(alert?.subjectType).toBe('account');
    expect(alert?.subjectId).toBe('H');
    expect(alert?.rules).toEqual([{ id: 'stays_many_cities.many_cities', version: 1 }]);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual(['s-0', 's-1', 's-2', 's-3']);
    expect(alert?.accounts).toEqual(['H']);
    expect(alert?.explanation).toBe(
      'Account H paid for lodging in 4 different cities (Leeds, York, Hull, Derby) within 14 days, ' +
        '4 payments totalling 480.00.',
    );
  });

  it('does not flag too few cities, however written', () => {
    const monitor = new Monitor({ typologies: [staysManyCities] });
    const sameCity = circuit().map((transaction, index) =>
      index === 3 ? { ...transaction, city: ' leeds ' } : transaction,
    );
    expect(monitor.replay(sameCity)).toEqual([]);
  });

  it('does not flag stays spread over more than the window', () => {
    const spread = circuit().map((transaction, index) => ({ ...transaction, time: T0 + index * 6 * DAY_MS }));
    expect(new Monitor({ typologies: [staysManyCities] }).replay(spread)).toEqual([]);
  });

  it('does not count a stay with no city', () => {
    const noCity = circuit().map((transaction, index) =>
      index === 3 ? { ...transaction, city: undefined } : transaction,
    );
    expect(new Monitor({ typologies: [staysManyCities] }).replay(noCity)).toEqual([]);
  });

  it('reads only lodging payments', () => {
    const restaurants = circuit().map((transaction) => ({ ...transaction, merchantCategory: '5812' }));
    expect(new Monitor({ typologies: [staysManyCities] }).replay(restaurants)).toEqual([]);
    const outsideRange = circuit().map((transaction, index) =>
      index === 1 ? { ...transaction, merchantCategory: '4000' } : transaction,
    );
    expect(new Monitor({ typologies: [staysManyCities] }).replay(outsideRange)).toEqual([]);
  });

  it('reads the hotel chains’ range as configured', () => {
    expect(categoryIn('3501', [], 3501, 3999)).toBe(true);
    expect(categoryIn('3999', [], 3501, 3999)).toBe(true);
    expect(categoryIn('3500', [], 3501, 3999)).toBe(false);
    expect(categoryIn('35O1', [], 0, 9999)).toBe(false);
    expect(categoryIn(undefined, ['7011'], 0, 9999)).toBe(false);
    expect(categoryIn(' 7011 ', ['7011'], 1, 0)).toBe(true);
    const noChains = new Monitor({
      typologies: [staysManyCities],
      config: { version: 'no-chains', values: { 'stays_many_cities.chain_category_from': 4000 } },
    });
    expect(noChains.replay(circuit())).toEqual([]);
  });

  it('refuses a configuration outside a parameter’s band', () => {
    expect(
      () =>
        new Monitor({
          typologies: [staysManyCities],
          config: { version: 'x', values: { 'stays_many_cities.min_cities': 1 } },
        }),
    ).toThrow(ConfigError);
    expect(
      () =>
        new Monitor({
          typologies: [staysManyCities],
          config: { version: 'x', values: { 'stays_many_cities.window_days': 365 } },
        }),
    ).toThrow(ConfigError);
  });
});
