import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, LIBRARY, Monitor, windowedTypology, type Transaction } from './index.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');

/** A typology that fires when a payee has received 3 payments within its window (2 days). */
const threeIn = windowedTypology({
  id: 'three_in',
  version: 2,
  title: 'Three in',
  summary: 'Three payments into one account within the window.',
  sources: ['test'],
  subjectType: 'account',
  windowDays: { default: 2, band: [1, 10] },
  parameters: [{ name: 'three_in.count', description: 'Payments', default: 3, band: [2, 10] }],
  subjects: (transaction) => (transaction.payeeAccount === undefined ? [] : [transaction.payeeAccount]),
  rules: [
    {
      id: 'three_in.count',
      version: 1,
      weight: 1,
      description: 'count',
      find: (view, parameters) =>
        view.transactions.length >= parameters.number('three_in.count')
          ? { evidence: view.transactions, clause: `received ${view.transactions.length} payments` }
          : undefined,
    },
  ],
  explain: (subject, clauses) => `Account ${subject} ${clauses.join(', and ')}.`,
});

const pay = (id: string, hours: number, payee = 'B', payer = `P-${id}`): Transaction => ({
  id,
  time: T0 + hours * HOUR,
  amount: 10_000,
  payerAccount: payer,
  payeeAccount: payee,
});

describe('the monitoring engine', () => {
  it('reads a sliding window by event time: payments further apart than the window do not add up', () => {
    const monitor = new Monitor({ typologies: [threeIn] });
    expect([pay('a', 0), pay('b', 30), pay('c', 50)].flatMap((tx) => monitor.observe(tx))).toEqual([]);
    const [alert] = monitor.observe(pay('d', 60));
    expect(alert).toMatchObject({
      typology: 'three_in',
      typologyVersion: 2,
      rules: [{ id: 'three_in.count', version: 1 }],
      configVersion: 'default-1',
      subjectType: 'account',
      subjectId: 'B',
      score: 1,
      accounts: ['B', 'P-b', 'P-c', 'P-d'],
      explanation: 'Account B received 3 payments.',
    });
    expect(alert?.evidence.map((tx) => tx.id)).toEqual(['b', 'c', 'd']);
    expect(alert?.firstTime).toBe(T0 + 30 * HOUR);
    expect(alert?.lastTime).toBe(T0 + 60 * HOUR);
  });

  it('raises an alert once per typology, subject and period, and the same ids on replay', () => {
    const stream = [
      pay('a', 0),
      pay('b', 1),
      pay('c', 2),
      pay('d', 3),
      pay('e', 4, 'C'),
      pay('f', 5, 'C'),
      pay('g', 6, 'C'),
    ];
    const live = new Monitor({ typologies: [threeIn] });
    const raised = stream.flatMap((tx) => live.observe(tx));
    expect(raised.map((alert) => alert.subjectId)).toEqual(['B', 'C']);
    // Observing the same payments again raises nothing new.
    expect(stream.flatMap((tx) => live.observe(tx))).toEqual([]);
    // Replayed from history, in any stored order: the same alerts, the same ids.
    const replayed = new Monitor({ typologies: [threeIn] }).replay([...stream].reverse());
    expect(replayed.map((alert) => alert.id)).toEqual(raised.map((alert) => alert.id));
  });

  it('takes a late payment within the allowed lateness in its place by time, as if it had come in order', () => {
    const monitor = new Monitor({ typologies: [threeIn], latenessMs: 12 * HOUR });
    expect(monitor.observe(pay('a', 10))).toEqual([]);
    expect(monitor.observe(pay('c', 20))).toEqual([]);
    // Came after c but happened before it: the window ending at c now holds three.
    const late = monitor.observe(pay('b', 15));
    expect(late.map((alert) => alert.evidence.map((tx) => tx.id))).toEqual([['a', 'b', 'c']]);
    const inOrder = new Monitor({ typologies: [threeIn] }).replay([pay('a', 10), pay('b', 15), pay('c', 20)]);
    expect(late.map((alert) => alert.id)).toEqual(inOrder.map((alert) => alert.id));
    // Older than the watermark (20 h − 12 h): too late, not observed.
    expect(monitor.observe(pay('x', 1, 'D'))).toEqual([]);
    expect(monitor.stats).toMatchObject({ observed: 3, tooLate: 1 });
  });

  it('holds only what its windows need', () => {
    const monitor = new Monitor({ typologies: [threeIn], latenessMs: 0 });
    for (let hour = 0; hour < 24 * 60; hour += 1) monitor.observe(pay(`t${hour}`, hour, `A-${hour % 50}`));
    monitor.observe(pay('last', 24 * 60 + 1));
    // Two days of 24 payments an hour at most, whatever has gone by.
    expect(monitor.stats.held).toBeLessThanOrEqual(2 * 24 + 3);
  });

  it('refuses a configuration outside the parameters’ bands, naming every problem', () => {
    expect(
      () =>
        new Monitor({
          typologies: [threeIn],
          config: {
            version: 'v1',
            values: { 'three_in.count': 1, 'three_in.window_days': 'x' as unknown as number, nope: 2 },
          },
        }),
    ).toThrow(ConfigError);
    try {
      new Monitor({ typologies: [threeIn], config: { version: 'v1', values: { 'three_in.count': 1, nope: 2 } } });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        '"three_in.count" is 1, outside its band 2 to 10',
        'unknown parameter "nope"',
      ]);
    }
    expect(() => new Monitor({ typologies: [threeIn], config: { version: 'v1', disabled: ['nothing'] } })).toThrow(
      /unknown typology "nothing"/,
    );
  });

  it('names the configuration version, and switches typologies off by configuration', () => {
    const monitor = new Monitor({
      typologies: [threeIn],
      config: { version: 'bank-7', values: { 'three_in.count': 2 } },
    });
    expect(monitor.observe(pay('a', 0))).toEqual([]);
    expect(monitor.observe(pay('b', 1))[0]).toMatchObject({ configVersion: 'bank-7' });
    const off = new Monitor({ typologies: [threeIn], config: { version: 'v', disabled: ['three_in'] } });
    expect([pay('a', 0), pay('b', 1), pay('c', 2)].flatMap((tx) => off.observe(tx))).toEqual([]);
  });

  it('documents every typology of the library: a version, sources and parameters within their bands', () => {
    const ids = LIBRARY.map((typology) => typology.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const typology of LIBRARY) {
      expect(typology.sources.length, typology.id).toBeGreaterThan(0);
      expect(typology.version, typology.id).toBeGreaterThanOrEqual(1);
      for (const parameter of typology.parameters) {
        expect(parameter.name.startsWith(`${typology.id}.`), parameter.name).toBe(true);
        if (typeof parameter.default === 'number' && parameter.band !== undefined) {
          expect(parameter.default, parameter.name).toBeGreaterThanOrEqual(parameter.band[0]);
          expect(parameter.default, parameter.name).toBeLessThanOrEqual(parameter.band[1]);
        }
      }
    }
    expect(() => new Monitor({ typologies: LIBRARY })).not.toThrow();
    expect(DAY_MS).toBe(24 * HOUR);
  });
});
