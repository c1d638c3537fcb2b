import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type Transaction } from '../index.ts';
import { prepaidLoads } from './prepaid-loads.ts';

// The start of a period of the default 7-day window (alerts are raised once per subject and period).
const T0 = Math.ceil(Date.UTC(2024, 2, 1) / (7 * DAY_MS)) * 7 * DAY_MS;

function load(id: string, day: number, amount: number, card: string | undefined, extra: Partial<Transaction> = {}) {
  return {
    id,
    time: T0 + day * DAY_MS,
    amount,
    channel: 'prepaid',
    payerAccount: 'ACC-LOADER',
    payeeAccount: 'PREPAID-ISSUER',
    card,
    ...extra,
  } satisfies Transaction;
}

function monitor() {
  return new Monitor({ typologies: [prepaidLoads] });
}

describe('prepaid_loads', () => {
  it('fires on many loads spread over several cards', () => {
    const loads = [
      load('L1', 0, 20_000, 'CARD-1'),
      load('L2', 1, 20_000, 'CARD-2'),
      load('L3', 2, 20_000, 'CARD-3'),
      load('L4', 3, 20_000, 'CARD-1'),
      load('L5', 4, 20_000, 'CARD-2'),
    ];
    const alerts = monitor().replay(loads);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('prepaid_loads');
    expect(alert?.subjectType).toBe('account');
    expect(alert?.subjectId).toBe('ACC-LOADER');
    expect(alert?.rules.map((rule) => rule.id)).toEqual(['prepaid_loads.many_loads', 'prepaid_loads.many_cards']);
    expect(alert?.score).toBe(0.75);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    expect(alert?.accounts).toEqual(['ACC-LOADER', 'PREPAID-ISSUER']);
    expect(alert?.explanation).toContain('ACC-LOADER');
    expect(alert?.explanation).toContain('made 5 prepaid-card loads within 7 days');
    expect(alert?.explanation).toContain('3 different cards');
  });

  it('fires on a large total spread over several cards, reading the payee account when no card is given', () => {
    const loads = [
      load('L1', 0, 200_000, undefined, { payeeAccount: 'CARD-ACC-1' }),
      load('L2', 0.5, 200_000, undefined, { payeeAccount: 'CARD-ACC-2' }),
      load('L3', 1, 200_000, undefined, { payeeAccount: 'CARD-ACC-3' }),
    ];
    const alerts = monitor().replay(loads);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.rules.map((rule) => rule.id)).toEqual(['prepaid_loads.large_total', 'prepaid_loads.many_cards']);
    expect(alerts[0]?.explanation).toContain('loaded 6,000.00 in total');
    expect(alerts[0]?.explanation).toContain('3 different cards');
    expect(alerts[0]?.accounts).toEqual(['ACC-LOADER', 'CARD-ACC-1', 'CARD-ACC-2', 'CARD-ACC-3']);
  });

  it('does not fire on many large loads onto one card', () => {
    const loads = [0, 1, 2, 3, 4, 5].map((day) => load(`L${day}`, day, 200_000, 'CARD-1'));
    expect(monitor().replay(loads)).toEqual([]);
  });

  it('does not fire on a few small loads onto several cards', () => {
    const loads = [load('L1', 0, 10_000, 'CARD-1'), load('L2', 1, 10_000, 'CARD-2'), load('L3', 2, 10_000, 'CARD-3')];
    expect(monitor().replay(loads)).toEqual([]);
  });

  it('does not fire on loads spread wider than the window', () => {
    const loads = [0, 8, 16, 24, 32].map((day, index) => load(`L${day}`, day, 20_000, `CARD-${index % 3}`));
    expect(monitor().replay(loads)).toEqual([]);
  });

  it('reads only prepaid loads, and needs the card', () => {
    const byCard = [0, 1, 2, 3, 4].map((day) => load(`C${day}`, day, 200_000, `CARD-${day}`, { channel: 'card' }));
    const unknownChannel = [0, 1, 2, 3, 4].map((day) =>
      load(`U${day}`, day, 200_000, `CARD-${day}`, { channel: undefined }),
    );
    const noCard = [0, 1, 2, 3, 4].map((day) => load(`N${day}`, day, 200_000, undefined, { payeeAccount: undefined }));
    expect(monitor().replay([...byCard, ...unknownChannel])).toEqual([]);
    expect(monitor().replay(noCard)).toEqual([]);
  });

  it('raises one alert per account and period', () => {
    const loads = [0, 1, 2, 3, 4, 5, 6].map((day) => load(`L${day}`, day * 0.5, 20_000, `CARD-${day % 3}`));
    const engine = monitor();
    expect(engine.replay(loads)).toHaveLength(1);
    expect(engine.replay(loads)).toEqual([]);
  });

  it('refuses a configuration outside a parameter band', () => {
    expect(
      () =>
        new Monitor({
          typologies: [prepaidLoads],
          config: { version: 'x', values: { 'prepaid_loads.min_cards': 1 } },
        }),
    ).toThrow(ConfigError);
  });
});
