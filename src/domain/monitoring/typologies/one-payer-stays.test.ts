import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type Transaction } from '../index.ts';
import { onePayerManyStays } from './one-payer-stays.ts';

/** The start of a period of every default window (alerts are deduplicated per period). */
const T0 = 21_000 * DAY_MS;

/** Account R paying 300.00 for a stay on `day`. */
function stay(id: string, day: number, extra: Partial<Transaction> = {}): Transaction {
  return {
    id,
    time: T0 + day * DAY_MS,
    amount: 30_000,
    channel: 'card',
    payerAccount: 'R',
    merchantCategory: '7011',
    merchantId: 'HOTEL-1',
    city: 'Leeds',
    ...extra,
  };
}

/** A hotel, a rented flat paid to a landlord's account and a timeshare, within five days. */
function places(): Transaction[] {
  return [
    stay('p-0', 0),
    stay('p-1', 2, {
      merchantCategory: '6513',
      merchantId: undefined,
      payeeAccount: 'LANDLORD-1',
      channel: 'transfer',
    }),
    stay('p-2', 5, { merchantCategory: '7012', merchantId: 'LETS-7' }),
  ];
}

describe('one_payer_many_stays', () => {
  it('flags one payer paying for stays or rent at several places within days', () => {
    const monitor = new Monitor({ typologies: [onePayerManyStays] });
    const alerts = monitor.replay(places());
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('one_payer_many_stays');
    expect(alert?.subjectType).toBe('account');
    expect(alert?.subjectId).toBe('R');
    expect(alert?.rules).toEqual([{ id: 'one_payer_many_stays.many_places', version: 1 }]);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual(['p-0', 'p-1', 'p-2']);
    expect(alert?.accounts).toEqual(['LANDLORD-1', 'R']);
    expect(alert?.explanation).toBe(
      'Account R paid for stays or rent at 3 different places (HOTEL-1, LANDLORD-1, LETS-7) within 7 days, ' +
        '3 payments totalling 900.00.',
    );
  });

  it('does not flag several stays at the same place', () => {
    const monitor = new Monitor({ typologies: [onePayerManyStays] });
    expect(monitor.replay([stay('p-0', 0), stay('p-1', 2), stay('p-2', 4), stay('p-3', 5)])).toEqual([]);
  });

  it('does not flag stays spread over more than the window', () => {
    const spread = places().map((transaction, index) => ({ ...transaction, time: T0 + index * 5 * DAY_MS }));
    expect(new Monitor({ typologies: [onePayerManyStays] }).replay(spread)).toEqual([]);
  });

  it('does not count a payment that names no place', () => {
    const unnamed = places().map((transaction, index) =>
      index === 2 ? { ...transaction, merchantId: undefined, payeeAccount: undefined } : transaction,
    );
    expect(new Monitor({ typologies: [onePayerManyStays] }).replay(unnamed)).toEqual([]);
  });

  it('reads only payments for stays and rent', () => {
    const shops = places().map((transaction) => ({ ...transaction, merchantCategory: '5411' }));
    expect(new Monitor({ typologies: [onePayerManyStays] }).replay(shops)).toEqual([]);
    const noCategory = places().map((transaction) => ({ ...transaction, merchantCategory: undefined }));
    expect(new Monitor({ typologies: [onePayerManyStays] }).replay(noCategory)).toEqual([]);
  });

  it('reads the least count of places as configured', () => {
    const monitor = new Monitor({
      typologies: [onePayerManyStays],
      config: { version: 'two', values: { 'one_payer_many_stays.min_places': 2 } },
    });
    const alerts = monitor.replay(places());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.explanation).toContain('at 2 different places (HOTEL-1, LANDLORD-1)');
  });

  it('refuses a configuration outside a parameter’s band', () => {
    expect(
      () =>
        new Monitor({
          typologies: [onePayerManyStays],
          config: { version: 'x', values: { 'one_payer_many_stays.min_places': 1 } },
        }),
    ).toThrow(ConfigError);
    expect(
      () =>
        new Monitor({
          typologies: [onePayerManyStays],
          config: { version: 'x', values: { 'one_payer_many_stays.stay_categories': 3 } },
        }),
    ).toThrow(ConfigError);
  });
});
