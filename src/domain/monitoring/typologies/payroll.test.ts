import { describe, expect, it } from 'vitest';
import { ConfigError, DAY_MS, Monitor, type MonitorConfig, type Transaction } from '../index.ts';
import { payrollDeductions } from './payroll.ts';

// The start of a period of the default 35-day window (alerts are raised once per subject and period).
const T0 = Math.ceil(Date.UTC(2024, 0, 1) / (35 * DAY_MS)) * 35 * DAY_MS;

function payment(id: string, payer: string, payee: string, day: number, amount: number): Transaction {
  return { id, time: T0 + day * DAY_MS, amount, channel: 'transfer', payerAccount: payer, payeeAccount: payee };
}

/** Wages of 2,000.00 from the employer to `workers` workers on `day`. */
function wages(workers: number, day = 0, first = 1): Transaction[] {
  return Array.from({ length: workers }, (_, index) => {
    const worker = first + index;
    return payment(`W${worker}`, 'ACC-EMPLOYER', `WORKER-${worker}`, day + index * 0.01, 200_000);
  });
}

/** Workers 1 to `workers` each paying `amount` to `to` on `day`. */
function paybacks(workers: number, to: string, day: number, amount = 50_000): Transaction[] {
  return Array.from({ length: workers }, (_, index) =>
    payment(`K${index + 1}-${to}`, `WORKER-${index + 1}`, to, day + index * 0.01, amount),
  );
}

function monitor(config?: MonitorConfig) {
  return new Monitor({ typologies: [payrollDeductions], ...(config === undefined ? {} : { config }) });
}

describe('payroll_deductions', () => {
  it('fires when several workers pay a part of their wage back to the employer within days', () => {
    const alerts = monitor().replay([...wages(6), ...paybacks(3, 'ACC-EMPLOYER', 2)]);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    expect(alert?.typology).toBe('payroll_deductions');
    expect(alert?.subjectType).toBe('account');
    expect(alert?.subjectId).toBe('ACC-EMPLOYER');
    expect(alert?.rules.map((rule) => rule.id)).toEqual(['payroll_deductions.kickback_to_employer']);
    expect(alert?.evidence.map((transaction) => transaction.id)).toEqual([
      'W1',
      'W2',
      'W3',
      'K1-ACC-EMPLOYER',
      'K2-ACC-EMPLOYER',
      'K3-ACC-EMPLOYER',
    ]);
    expect(alert?.accounts).toEqual(['ACC-EMPLOYER', 'WORKER-1', 'WORKER-2', 'WORKER-3']);
    expect(alert?.explanation).toBe(
      'Account ACC-EMPLOYER paid 6 wages totalling 12,000.00 to 6 workers within 35 days, and 3 of them paid ' +
        '1,500.00 back to it, each within 5 days of being paid and at least 20 % of the wage.',
    );
  });

  it('fires when several workers pay a part of their wage on to one same other account', () => {
    const alerts = monitor().replay([...wages(5), ...paybacks(4, 'ACC-AGENT', 3)]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.subjectId).toBe('ACC-EMPLOYER');
    expect(alerts[0]?.rules.map((rule) => rule.id)).toEqual(['payroll_deductions.kickback_to_collector']);
    expect(alerts[0]?.accounts).toEqual(['ACC-AGENT', 'ACC-EMPLOYER', 'WORKER-1', 'WORKER-2', 'WORKER-3']);
    expect(alerts[0]?.explanation).toContain('to 5 workers');
    expect(alerts[0]?.explanation).toContain('3 of them paid 1,500.00 on to account ACC-AGENT');
  });

  it('fires when the workers are reached after the pay-backs, and names both kinds', () => {
    const list = [...wages(3, 0), ...paybacks(3, 'ACC-EMPLOYER', 1), ...paybacks(3, 'ACC-AGENT', 2), ...wages(2, 3, 4)];
    const alerts = monitor().replay(list);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.rules.map((rule) => rule.id)).toEqual([
      'payroll_deductions.kickback_to_employer',
      'payroll_deductions.kickback_to_collector',
    ]);
    expect(alerts[0]?.score).toBe(1);
    expect(alerts[0]?.evidence).toHaveLength(9);
    expect(alerts[0]?.lastTime).toBe(T0 + 2.02 * DAY_MS);
  });

  it('does not fire on pay-backs after the allowed days', () => {
    expect(monitor().replay([...wages(6), ...paybacks(3, 'ACC-EMPLOYER', 6)])).toEqual([]);
  });

  it('does not fire on too few pay-backs, too small pay-backs or too few workers', () => {
    expect(monitor().replay([...wages(6), ...paybacks(2, 'ACC-EMPLOYER', 2)])).toEqual([]);
    expect(monitor().replay([...wages(6), ...paybacks(3, 'ACC-EMPLOYER', 2, 30_000)])).toEqual([]);
    expect(monitor().replay([...wages(4), ...paybacks(4, 'ACC-EMPLOYER', 2)])).toEqual([]);
  });

  it('does not fire on pay-backs to different accounts', () => {
    const list = [
      ...wages(6),
      payment('K1', 'WORKER-1', 'LANDLORD-1', 1, 60_000),
      payment('K2', 'WORKER-2', 'LANDLORD-2', 1, 60_000),
      payment('K3', 'WORKER-3', 'LANDLORD-3', 1, 60_000),
    ];
    expect(monitor().replay(list)).toEqual([]);
  });

  it('does not fire on wages spread wider than the window', () => {
    // Three workers paid and paying back, three more paid 40 days later: never five within 35 days.
    const list = [...wages(3, 0), ...paybacks(3, 'ACC-EMPLOYER', 2), ...wages(3, 40, 4)];
    expect(monitor().replay(list)).toEqual([]);
  });

  it('can be set to fire only on pay-backs to the employer', () => {
    const config = { version: 'employer-only', values: { 'payroll_deductions.threshold': 0.6 } };
    expect(monitor(config).replay([...wages(5), ...paybacks(4, 'ACC-AGENT', 3)])).toEqual([]);
    const alerts = monitor(config).replay([...wages(5), ...paybacks(4, 'ACC-EMPLOYER', 3)]);
    expect(alerts.map((alert) => alert.configVersion)).toEqual(['employer-only']);
  });

  it('refuses a configuration outside a parameter band', () => {
    expect(() => monitor({ version: 'x', values: { 'payroll_deductions.kickback_share': 2 } })).toThrow(ConfigError);
    expect(() => monitor({ version: 'x', values: { 'payroll_deductions.kickback_days': 0 } })).toThrow(ConfigError);
  });

  it('keeps only the window', () => {
    const detector = payrollDeductions.detector({
      number: (name) => payrollDeductions.parameters.find((spec) => spec.name === name)?.default as number,
      list: () => [],
    });
    const history = [...wages(6), ...paybacks(3, 'ACC-EMPLOYER', 2)];
    expect(history.flatMap((transaction) => detector.observe(transaction, 0))).toHaveLength(1);
    expect(detector.held).toBe(9);
    // The same payments observed again are held once and found nothing new.
    expect(history.flatMap((transaction) => detector.observe(transaction, 0))).toEqual([]);
    expect(detector.held).toBe(9);
    // A hundred days on, what the window no longer needs is forgotten as payments come (these are
    // read and passed over: an account paying itself).
    for (let step = 0; step < 20; step += 1) {
      detector.observe(
        { id: `self-${step}`, time: T0 + 100 * DAY_MS, amount: 100, payerAccount: 'SELF', payeeAccount: 'SELF' },
        T0 + 100 * DAY_MS,
      );
    }
    expect(detector.held).toBe(0);
  });
});
