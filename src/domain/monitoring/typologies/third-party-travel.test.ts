import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type Transaction } from '../index.ts';
import { thirdPartyTravel } from './third-party-travel.ts';

/** The start of a period of every default window (alerts are deduplicated per period). */
const T0 = 21_000 * DAY_MS;
const HOUR_MS = 3_600_000;

/** Card K1 (of account B) buying a 95.00 ticket `hours` after the start. */
function ticket(id: string, hours: number, extra: Partial<Transaction> = {}): Transaction {
  return {
    id,
    time: T0 + hours * HOUR_MS,
    amount: 9_500,
    channel: 'card',
    card: 'K1',
    payerAccount: 'B',
    payerName: 'Jo Bloggs',
    merchantCategory: '4511',
    merchantId: 'AIR-1',
    ...extra,
  };
}

/** Four tickets in a morning: an airline, an airline's own category code, a railway and a coach line. */
function tickets(names?: readonly (string | undefined)[]): Transaction[] {
  return ['4511', '3010', '4112', '4131'].map((category, index) =>
    ticket(`t-${index}`, 9 + index, {
      merchantCategory: category,
      ...(names === undefined ? {} : { payerName: names[index] }),
    }),
  );
}

describe('third_party_travel', () => {
  it('flags one card buying several tickets within days', () => {
    const monitor = new Monitor({ typologies: [thirdPartyTravel] });
    const alerts = monitor.replay(tickets());
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('third_party_travel');
    expect(alert?.subjectType).toBe('card');
    expect(alert?.subjectId).toBe('K1');
    expect(alert?.score).toBe(0.5);
    expect(alert?.rules).toEqual([{ id: 'third_party_travel.many_tickets', version: 1 }]);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual(['t-0', 't-1', 't-2', 't-3']);
    expect(alert?.accounts).toEqual(['B']);
    expect(alert?.explanation).toBe('Card or account K1 bought 4 travel tickets totalling 380.00 within 2 days.');
  });

  it('weighs several passenger names further', () => {
    const monitor = new Monitor({ typologies: [thirdPartyTravel] });
    const alerts = monitor.replay(tickets(['Jo Bloggs', 'ANA  POPA', 'Ana Popa', 'Mihai Ionescu']));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.score).toBe(1);
    expect(alerts[0]?.rules.map((rule) => rule.id)).toEqual([
      'third_party_travel.many_tickets',
      'third_party_travel.many_passengers',
    ]);
    expect(alerts[0]?.explanation).toBe(
      'Card or account K1 bought 4 travel tickets totalling 380.00 within 2 days, ' +
        'and those tickets name 3 different passengers.',
    );
  });

  it('does not flag names alone, with too few tickets', () => {
    const monitor = new Monitor({ typologies: [thirdPartyTravel] });
    expect(monitor.replay(tickets(['A One', 'B Two', 'C Three', 'D Four']).slice(0, 3))).toEqual([]);
  });

  it('needs several names when the configuration asks for both rules', () => {
    const both = { version: 'both', values: { 'third_party_travel.threshold': 1 } };
    expect(new Monitor({ typologies: [thirdPartyTravel], config: both }).replay(tickets())).toEqual([]);
    const named = new Monitor({ typologies: [thirdPartyTravel], config: both }).replay(
      tickets(['A One', 'B Two', 'C Three', undefined]),
    );
    expect(named).toHaveLength(1);
    expect(named[0]?.configVersion).toBe('both');
  });

  it('does not flag too few tickets', () => {
    expect(new Monitor({ typologies: [thirdPartyTravel] }).replay(tickets().slice(0, 3))).toEqual([]);
  });

  it('does not flag tickets spread over more than the window', () => {
    const spread = tickets().map((transaction, index) => ({ ...transaction, time: T0 + index * 2 * DAY_MS }));
    expect(new Monitor({ typologies: [thirdPartyTravel] }).replay(spread)).toEqual([]);
  });

  it('reads only travel purchases', () => {
    const meals = tickets().map((transaction) => ({ ...transaction, merchantCategory: '5812' }));
    expect(new Monitor({ typologies: [thirdPartyTravel] }).replay(meals)).toEqual([]);
    const noCategory = tickets().map((transaction) => ({ ...transaction, merchantCategory: undefined }));
    expect(new Monitor({ typologies: [thirdPartyTravel] }).replay(noCategory)).toEqual([]);
  });

  it('falls back to the payer’s account when no card is named, and reads nothing with neither', () => {
    const noCard = tickets().map((transaction) => ({ ...transaction, card: undefined }));
    const alerts = new Monitor({ typologies: [thirdPartyTravel] }).replay(noCard);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.subjectId).toBe('B');
    expect(alerts[0]?.explanation).toContain('Card or account B bought 4 travel tickets');
    const neither = noCard.map((transaction) => ({ ...transaction, payerAccount: undefined }));
    expect(new Monitor({ typologies: [thirdPartyTravel] }).replay(neither)).toEqual([]);
  });

  it('does not add up different cards', () => {
    const cards = tickets().map((transaction, index) => ({ ...transaction, card: `K${index}` }));
    expect(new Monitor({ typologies: [thirdPartyTravel] }).replay(cards)).toEqual([]);
  });

  it('refuses a configuration outside a parameter’s band', () => {
    expect(
      () =>
        new Monitor({
          typologies: [thirdPartyTravel],
          config: { version: 'x', values: { 'third_party_travel.min_tickets': 1 } },
        }),
    ).toThrow(ConfigError);
    expect(
      () =>
        new Monitor({
          typologies: [thirdPartyTravel],
          config: { version: 'x', values: { 'third_party_travel.airline_category_to': 10_000 } },
        }),
    ).toThrow(ConfigError);
  });
});
