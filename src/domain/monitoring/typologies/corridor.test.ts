import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type MonitorConfig, type Transaction } from '../index.ts';
import { smugglingCorridor } from './corridor.ts';

// The start of a period of the default 7-day window (alerts are raised once per subject and period).
const T0 = Math.ceil(Date.UTC(2024, 0, 1) / (7 * DAY_MS)) * 7 * DAY_MS;
const HOUR_MS = 3_600_000;

/** A cash deposit into the account watched. */
function deposit(id: string, hour: number, amount: number): Transaction {
  return {
    id,
    time: T0 + hour * HOUR_MS,
    amount,
    channel: 'cash',
    payerAccount: `DEPOSITOR-${id}`,
    payeeAccount: 'ACC-HUB',
    payerCountry: 'US',
    payeeCountry: 'US',
  };
}

/** A payment from the account watched to `country`. */
function sent(id: string, hour: number, amount: number, country: string, extra: Partial<Transaction> = {}) {
  return {
    id,
    time: T0 + hour * HOUR_MS,
    amount,
    channel: 'wire',
    payerAccount: 'ACC-HUB',
    payeeAccount: `ACC-${country}-${id}`,
    payerCountry: 'US',
    payeeCountry: country,
    ...extra,
  } satisfies Transaction;
}

function monitor(config?: MonitorConfig) {
  return new Monitor({ typologies: [smugglingCorridor], ...(config === undefined ? {} : { config }) });
}

describe('smuggling_corridor', () => {
  it('fires on money passed through to a corridor country within hours', () => {
    const list = [
      deposit('D1', 0, 100_000),
      deposit('D2', 2, 100_000),
      deposit('D3', 5, 100_000),
      sent('S1', 20, 290_000, 'MX'),
    ];
    const alerts = monitor().replay(list);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('smuggling_corridor');
    expect(alert?.subjectType).toBe('account');
    expect(alert?.subjectId).toBe('ACC-HUB');
    expect(alert?.rules.map((rule) => rule.id)).toEqual(['smuggling_corridor.pass_through']);
    expect(alert?.score).toBe(0.5);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual(['D1', 'D2', 'D3', 'S1']);
    expect(alert?.accounts).toEqual(['ACC-HUB', 'ACC-MX-S1', 'DEPOSITOR-D1', 'DEPOSITOR-D2', 'DEPOSITOR-D3']);
    expect(alert?.explanation).toBe(
      'Account ACC-HUB passed 2,900.00 of the 3,000.00 it received within 7 days (97 %) on to the smuggling ' +
        'corridor (MX) within 72 hours of receiving it.',
    );
  });

  it('fires on several transfers to corridor countries, and names both rules when both hold', () => {
    const transfers = [
      sent('S1', 0, 40_000, 'GT'),
      sent('S2', 30, 50_000, 'HN', { channel: 'transfer' }),
      sent('S3', 60, 60_000, 'MX'),
    ];
    const alerts = monitor().replay(transfers);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.rules.map((rule) => rule.id)).toEqual(['smuggling_corridor.repeated_transfers']);
    expect(alerts[0]?.evidence.map((transaction) => transaction.id)).toEqual(['S1', 'S2', 'S3']);
    expect(alerts[0]?.explanation).toBe(
      'Account ACC-HUB made 3 transfers abroad totalling 1,500.00 to the smuggling corridor (GT, HN, MX) within 7 days.',
    );

    const both = monitor().replay([
      deposit('D1', 0, 150_000),
      ...transfers.map((t) => ({ ...t, time: t.time + HOUR_MS })),
    ]);
    expect(both.map((alert) => alert.rules.map((rule) => rule.id))).toEqual([
      ['smuggling_corridor.pass_through', 'smuggling_corridor.repeated_transfers'],
    ]);
    expect(both[0]?.score).toBe(1);
    expect(both[0]?.explanation).toContain('passed 1,500.00 of the 1,500.00');
    expect(both[0]?.explanation).toContain(', and made 3 transfers abroad');
  });

  it('does not fire on transfers to countries outside the corridor, or within the country', () => {
    const abroad = [
      deposit('D1', 0, 300_000),
      sent('S1', 1, 100_000, 'CA'),
      sent('S2', 2, 100_000, 'DE'),
      sent('S3', 3, 100_000, 'CA'),
    ];
    expect(monitor().replay(abroad)).toEqual([]);
    const domestic = [
      deposit('D1', 0, 300_000),
      sent('S1', 1, 100_000, 'MX', { payerCountry: 'MX' }),
      sent('S2', 2, 100_000, 'MX', { payerCountry: 'MX' }),
      sent('S3', 3, 100_000, 'MX', { payerCountry: 'MX' }),
    ];
    expect(monitor().replay(domestic)).toEqual([]);
  });

  it('does not fire when the countries or the channel are not known, or by card', () => {
    const list = [
      deposit('D1', 0, 300_000),
      sent('S1', 1, 100_000, 'MX', { payerCountry: undefined }),
      sent('S2', 2, 100_000, 'MX', { channel: undefined }),
      sent('S3', 3, 100_000, 'MX', { channel: 'card' }),
    ];
    expect(monitor().replay(list)).toEqual([]);
  });

  it('does not fire on money sent on too late, or on too little of what came in', () => {
    expect(monitor().replay([deposit('D1', 0, 300_000), sent('S1', 80, 290_000, 'MX')])).toEqual([]);
    expect(monitor().replay([deposit('D1', 0, 1_000_000), sent('S1', 10, 200_000, 'MX')])).toEqual([]);
    // All of it, but a small sum.
    expect(monitor().replay([deposit('D1', 0, 20_000), sent('S1', 1, 20_000, 'MX')])).toEqual([]);
  });

  it('does not fire on transfers spread wider than the window', () => {
    const list = [sent('S1', 0, 40_000, 'GT'), sent('S2', 24 * 8, 40_000, 'GT'), sent('S3', 24 * 16, 40_000, 'GT')];
    expect(monitor().replay(list)).toEqual([]);
  });

  it('reads the corridor from the configuration', () => {
    const config = { version: 'north', values: { 'smuggling_corridor.corridor_countries': ['ca'] } };
    const list = [sent('S1', 1, 100_000, 'CA'), sent('S2', 2, 100_000, 'CA'), sent('S3', 3, 100_000, 'MX')];
    expect(monitor(config).replay(list)).toEqual([]);
    const alerts = monitor(config).replay([...list, sent('S4', 4, 100_000, 'CA')]);
    expect(alerts.map((alert) => alert.explanation)).toEqual([
      'Account ACC-HUB made 3 transfers abroad totalling 3,000.00 to the smuggling corridor (CA) within 7 days.',
    ]);
  });

  it('refuses a configuration outside a parameter band', () => {
    expect(() => monitor({ version: 'x', values: { 'smuggling_corridor.pass_through_hours': 0 } })).toThrow(
      ConfigError,
    );
    expect(() => monitor({ version: 'x', values: { 'smuggling_corridor.corridor_countries': 3 } })).toThrow(
      ConfigError,
    );
  });
});
