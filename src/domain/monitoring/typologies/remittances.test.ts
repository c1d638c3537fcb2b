import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type Transaction } from '../index.ts';
import { debtBondageRemittances } from './remittances.ts';

// The start of a period of the default 35-day window (alerts are raised once per subject and period).
const T0 = Math.ceil(Date.UTC(2024, 0, 1) / (35 * DAY_MS)) * 35 * DAY_MS;

function remittance(id: string, sender: string, day: number, amount: number, extra: Partial<Transaction> = {}) {
  return {
    id,
    time: T0 + day * DAY_MS,
    amount,
    channel: 'wire',
    payerAccount: sender,
    payeeAccount: 'ACC-RECRUITER',
    payerCountry: 'AE',
    payeeCountry: 'NP',
    ...extra,
  } satisfies Transaction;
}

/** `senders` workers each remitting `times` times, `gap` days apart. */
function remittances(senders: number, times: number, gap: number, amount = 15_000, extra: Partial<Transaction> = {}) {
  const list: Transaction[] = [];
  for (let time = 0; time < times; time += 1) {
    for (let sender = 1; sender <= senders; sender += 1) {
      list.push(remittance(`R${sender}-${time}`, `WORKER-${sender}`, time * gap + sender * 0.1, amount, extra));
    }
  }
  return list;
}

function monitor() {
  return new Monitor({ typologies: [debtBondageRemittances] });
}

describe('debt_bondage_remittances', () => {
  it('fires on many small, regular, cross-border senders to one recipient', () => {
    // It fires as soon as the third of the five senders pays a second time (3 of 5 regular: 60 %).
    const alerts = monitor().replay(remittances(5, 2, 14));
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('debt_bondage_remittances');
    expect(alert?.subjectType).toBe('account');
    expect(alert?.subjectId).toBe('ACC-RECRUITER');
    expect(alert?.rules.map((rule) => rule.id)).toEqual([
      'debt_bondage_remittances.many_small_senders',
      'debt_bondage_remittances.cross_border',
      'debt_bondage_remittances.regular_senders',
    ]);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual([
      'R1-0',
      'R2-0',
      'R3-0',
      'R4-0',
      'R5-0',
      'R1-1',
      'R2-1',
      'R3-1',
    ]);
    expect(alert?.accounts).toEqual(['ACC-RECRUITER', 'WORKER-1', 'WORKER-2', 'WORKER-3', 'WORKER-4', 'WORKER-5']);
    expect(alert?.explanation).toContain('Account ACC-RECRUITER received 8 payments of 150.00 to 150.00');
    expect(alert?.explanation).toContain('from 5 different senders');
    expect(alert?.explanation).toContain('got 8 of its 8 payments of no more than 500.00 (100 %)');
    expect(alert?.explanation).toContain('(AE)');
    expect(alert?.explanation).toContain('at least twice by 3 of the 5 senders sending no more than 500.00 (60 %)');
    expect(alert?.explanation).toContain('35 days');
  });

  it('fires when half the senders are regular and most payments come from abroad', () => {
    const list = [
      ...remittances(3, 2, 10),
      remittance('X1', 'WORKER-8', 25, 40_000),
      remittance('X2', 'WORKER-9', 26, 40_000, { payerCountry: 'NP' }),
    ];
    const alerts = monitor().replay(list);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.explanation).toContain('from 5 different senders');
    expect(alerts[0]?.explanation).toContain('7 of its 8 payments');
    expect(alerts[0]?.explanation).toContain('3 of the 5 senders');
  });

  it('does not fire on too few senders', () => {
    expect(monitor().replay(remittances(4, 3, 10))).toEqual([]);
  });

  it('does not fire on domestic payments, nor when the countries are not known', () => {
    expect(monitor().replay(remittances(6, 2, 10, 15_000, { payerCountry: 'NP' }))).toEqual([]);
    expect(monitor().replay(remittances(6, 2, 10, 15_000, { payerCountry: undefined }))).toEqual([]);
  });

  it('does not count senders of larger amounts', () => {
    expect(monitor().replay(remittances(6, 2, 10, 60_000))).toEqual([]);
    // One large payment makes a sender not a low-amount one.
    const list = [remittance('BIG', 'WORKER-1', 0, 90_000), ...remittances(5, 2, 10)];
    expect(monitor().replay(list)).toEqual([]);
  });

  it('does not fire when the senders pay only once', () => {
    expect(monitor().replay(remittances(8, 1, 0))).toEqual([]);
  });

  it('does not fire on payments spread wider than the window', () => {
    expect(monitor().replay(remittances(5, 2, 40))).toEqual([]);
  });

  it('refuses a configuration outside a parameter band', () => {
    expect(
      () =>
        new Monitor({
          typologies: [debtBondageRemittances],
          config: { version: 'x', values: { 'debt_bondage_remittances.min_cross_border_share': 1.5 } },
        }),
    ).toThrow(ConfigError);
  });
});
