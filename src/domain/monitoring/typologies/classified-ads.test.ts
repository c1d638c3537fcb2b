import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type Transaction } from '../index.ts';
import { classifiedAdPayments } from './classified-ads.ts';

/** The start of a period of every default window (alerts are deduplicated per period). */
const T0 = 21_000 * DAY_MS;

/** Account A paying 25.00 on `day` to a classified-ad site (advertising services, by default). */
function payment(id: string, day: number, extra: Partial<Transaction> = {}): Transaction {
  return {
    id,
    time: T0 + day * DAY_MS,
    amount: 2_500,
    channel: 'card',
    payerAccount: 'A',
    merchantCategory: '7311',
    merchantId: 'ADS-1',
    payeeName: 'Metro Listings',
    ...extra,
  };
}

/** Five payments to ad sites within three weeks: two by category, three by the site's name or id. */
function adPayments(): Transaction[] {
  return [
    payment('ad-0', 0),
    payment('ad-1', 4, { merchantCategory: '7273', merchantId: 'DATE-9' }),
    payment('ad-2', 8, { merchantCategory: '5999', merchantId: 'SITE-3', payeeName: 'City ESCORT Directory' }),
    payment('ad-3', 12, { merchantCategory: '5999', merchantId: 'classifieds-eu', payeeName: undefined }),
    payment('ad-4', 20, { merchantCategory: undefined, merchantId: undefined, payeeName: 'Adult Personals Online' }),
  ];
}

describe('classified_ad_payments', () => {
  it('flags a payer paying classified-ad and escort-ad sites again and again', () => {
    const monitor = new Monitor({ typologies: [classifiedAdPayments] });
    const alerts = monitor.replay(adPayments());
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('classified_ad_payments');
    expect(alert?.subjectType).toBe('account');
    expect(alert?.subjectId).toBe('A');
    expect(alert?.rules).toEqual([{ id: 'classified_ad_payments.frequent_ad_payments', version: 1 }]);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual(['ad-0', 'ad-1', 'ad-2', 'ad-3', 'ad-4']);
    expect(alert?.accounts).toEqual(['A']);
    expect(alert?.explanation).toBe(
      'Account A made 5 payments totalling 125.00 to 5 classified-ad or escort-ad sites within 30 days.',
    );
  });

  it('does not flag too few payments', () => {
    const monitor = new Monitor({ typologies: [classifiedAdPayments] });
    expect(monitor.replay(adPayments().slice(0, 4))).toEqual([]);
  });

  it('does not flag payments spread over more than the window', () => {
    const spread = adPayments().map((transaction, index) => ({ ...transaction, time: T0 + index * 10 * DAY_MS }));
    expect(new Monitor({ typologies: [classifiedAdPayments] }).replay(spread)).toEqual([]);
  });

  it('does not read payments to other merchants', () => {
    const grocer = adPayments().map((transaction) => ({
      ...transaction,
      merchantCategory: '5411',
      merchantId: 'GROCER-1',
      payeeName: 'Corner Grocer',
    }));
    expect(new Monitor({ typologies: [classifiedAdPayments] }).replay(grocer)).toEqual([]);
  });

  it('does not read payments with no payer account', () => {
    const anonymous = adPayments().map((transaction) => ({ ...transaction, payerAccount: undefined }));
    expect(new Monitor({ typologies: [classifiedAdPayments] }).replay(anonymous)).toEqual([]);
  });

  it('reads the categories and words as configured', () => {
    // With no words, only the two payments by category remain: too few.
    const noWords = new Monitor({
      typologies: [classifiedAdPayments],
      config: { version: 'no-words', values: { 'classified_ad_payments.ad_site_words': [] } },
    });
    expect(noWords.replay(adPayments())).toEqual([]);
    // Two are enough once the least count is set to two (and a blank word matches nothing).
    const two = new Monitor({
      typologies: [classifiedAdPayments],
      config: {
        version: 'two',
        values: { 'classified_ad_payments.ad_site_words': [' '], 'classified_ad_payments.min_payments': 2 },
      },
    });
    const alerts = two.replay(adPayments());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.evidence.map((transaction) => transaction.id)).toEqual(['ad-0', 'ad-1']);
    expect(alerts[0]?.explanation).toContain('made 2 payments totalling 50.00 to 2 classified-ad or escort-ad sites');
  });

  it('refuses a configuration outside a parameter’s band', () => {
    expect(
      () =>
        new Monitor({
          typologies: [classifiedAdPayments],
          config: { version: 'x', values: { 'classified_ad_payments.min_payments': 1 } },
        }),
    ).toThrow(ConfigError);
    expect(
      () =>
        new Monitor({
          typologies: [classifiedAdPayments],
          config: { version: 'x', values: { 'classified_ad_payments.ad_categories': 7311 } },
        }),
    ).toThrow(ConfigError);
  });
});
