import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type Transaction } from '../index.ts';
import { afterHours, inHours } from './after-hours.ts';

/** The start of a period of every default window (alerts are deduplicated per period). */
const T0 = 21_000 * DAY_MS;
const HOUR_MS = 3_600_000;

/** A card payment at massage parlour M1 on `day` at `hour` (local time, as written). */
function payment(id: string, day: number, hour: number | undefined, extra: Partial<Transaction> = {}): Transaction {
  return {
    id,
    time: T0 + day * DAY_MS + (hour ?? 12) * HOUR_MS,
    localHour: hour,
    amount: 8_000,
    channel: 'card',
    merchantCategory: '7297',
    merchantId: 'M1',
    payerAccount: `C-${id}`,
    city: 'Leeds',
    ...extra,
  };
}

/** Five payments after hours (01:00–04:00 and, last, 23:00) and five in the afternoon, over five days. */
function nightsAndDays(): Transaction[] {
  const late = [1, 2, 3, 4, 23].map((hour, day) => payment(`late-${day}`, day, hour));
  const daytime = [0, 1, 2, 3, 4].map((day) => payment(`day-${day}`, day, 14));
  return [...daytime, ...late];
}

describe('after_hours_personal_services', () => {
  it('flags a personal-service merchant taking many card payments at night', () => {
    const monitor = new Monitor({ typologies: [afterHours] });
    const alerts = monitor.replay(nightsAndDays());
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('after_hours_personal_services');
    expect(alert?.subjectType).toBe('merchant');
    expect(alert?.subjectId).toBe('M1');
    expect(alert?.score).toBe(1);
    expect(alert?.rules.map((rule) => rule.id)).toEqual([
      'after_hours_personal_services.after_hours_payments',
      'after_hours_personal_services.after_hours_share',
    ]);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual([
      'late-0',
      'late-1',
      'late-2',
      'late-3',
      'late-4',
    ]);
    expect(alert?.accounts).toEqual(['C-late-0', 'C-late-1', 'C-late-2', 'C-late-3', 'C-late-4']);
    expect(alert?.explanation).toBe(
      'Personal-service merchant M1 took 5 card payments totalling 400.00 between 22:00 and 05:00 within 30 days, ' +
        'and had 5 of its 10 card payments with a known hour (50 %) after hours.',
    );
  });

  it('does not flag the same payments made in the daytime', () => {
    const monitor = new Monitor({ typologies: [afterHours] });
    const daytime = nightsAndDays().map((transaction, index) => ({
      ...transaction,
      localHour: 9 + index,
      time: T0 + index * DAY_MS + (9 + index) * HOUR_MS,
    }));
    expect(monitor.replay(daytime)).toEqual([]);
  });

  it('does not flag night payments that are a small share of the card payments', () => {
    const daytime = Array.from({ length: 20 }, (_, index) => payment(`day-extra-${index}`, index % 5, 11));
    const transactions = [...nightsAndDays(), ...daytime];
    expect(new Monitor({ typologies: [afterHours] }).replay(transactions)).toEqual([]);
    // 5 of 30 is 17 %: enough once the least share is set lower.
    const lower = new Monitor({
      typologies: [afterHours],
      config: { version: 'lower-share', values: { 'after_hours_personal_services.min_share': 0.15 } },
    });
    const alerts = lower.replay(transactions);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.configVersion).toBe('lower-share');
    expect(alerts[0]?.explanation).toContain('5 of its 30 card payments with a known hour (17 %)');
  });

  it('does not flag too few night payments', () => {
    const transactions = nightsAndDays().filter((transaction) => transaction.id !== 'late-4');
    expect(new Monitor({ typologies: [afterHours] }).replay(transactions)).toEqual([]);
  });

  it('reads no hour where the payments give none', () => {
    const transactions = nightsAndDays().map((transaction) => ({ ...transaction, localHour: undefined }));
    expect(new Monitor({ typologies: [afterHours] }).replay(transactions)).toEqual([]);
  });

  it('reads only card payments at personal-service merchants', () => {
    const cash = nightsAndDays().map((transaction) => ({ ...transaction, channel: 'cash' as const }));
    expect(new Monitor({ typologies: [afterHours] }).replay(cash)).toEqual([]);
    const restaurant = nightsAndDays().map((transaction) => ({ ...transaction, merchantCategory: '5812' }));
    expect(new Monitor({ typologies: [afterHours] }).replay(restaurant)).toEqual([]);
    const noMerchant = nightsAndDays().map((transaction) => ({ ...transaction, merchantId: undefined }));
    expect(new Monitor({ typologies: [afterHours] }).replay(noMerchant)).toEqual([]);
  });

  it('does not flag night payments spread over more than the window', () => {
    const spread = [23, 1, 2, 3, 4].map((hour, index) => payment(`late-${index}`, index * 10, hour));
    expect(new Monitor({ typologies: [afterHours] }).replay(spread)).toEqual([]);
  });

  it('reads after hours as configured, across midnight or not', () => {
    expect(inHours(23, 22, 5)).toBe(true);
    expect(inHours(4, 22, 5)).toBe(true);
    expect(inHours(5, 22, 5)).toBe(false);
    expect(inHours(21, 22, 5)).toBe(false);
    expect(inHours(19, 18, 23)).toBe(true);
    expect(inHours(23, 18, 23)).toBe(false);
    expect(inHours(3, 3, 3)).toBe(false);
    // The afternoon payments count as after hours when after hours begin at 13:00.
    const monitor = new Monitor({
      typologies: [afterHours],
      config: {
        version: 'afternoons',
        values: {
          'after_hours_personal_services.after_hours_start': 13,
          'after_hours_personal_services.after_hours_end': 16,
        },
      },
    });
    const alerts = monitor.replay(nightsAndDays());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.evidence.every((transaction) => transaction.localHour === 14)).toBe(true);
    expect(alerts[0]?.explanation).toContain('between 13:00 and 16:00');
  });

  it('refuses a configuration outside a parameter’s band', () => {
    expect(
      () =>
        new Monitor({
          typologies: [afterHours],
          config: { version: 'x', values: { 'after_hours_personal_services.after_hours_start': 24 } },
        }),
    ).toThrow(ConfigError);
    expect(
      () =>
        new Monitor({
          typologies: [afterHours],
          config: { version: 'x', values: { 'after_hours_personal_services.min_share': 0 } },
        }),
    ).toThrow(ConfigError);
  });
});
