import { describe, expect, it } from 'vitest';
import { DAY_MS, Monitor, UserRuleError, userTypologies, type Transaction, type UserRuleDefinition } from './index.ts';

const T0 = Date.parse('2026-05-01T12:00:00Z');
const cash = (id: string, day: number, amount: number, payer: string, city = 'Leeds'): Transaction => ({
  id,
  time: T0 + day * DAY_MS,
  amount,
  payerAccount: payer,
  payeeAccount: 'M',
  channel: 'cash',
  city,
});

const RULE: UserRuleDefinition = {
  id: 'cash_from_many',
  version: 3,
  title: 'Large cash deposits from many payers',
  subject: 'payee_account',
  windowDays: 10,
  when: 'channel == "cash" && amount >= 50000',
  condition: 'count >= 3 && distinct_payers >= 3 && sum > 200000',
};

describe('user-defined rules', () => {
  it('runs an institution’s own rule as a typology of its own, with its version and evidence', () => {
    const monitor = new Monitor({ typologies: [], config: { version: 'bank-2', rules: [RULE] } });
    const alerts = monitor.replay([
      cash('1', 0, 90_000, 'A'),
      cash('2', 1, 20_000, 'B'),
      cash('3', 2, 80_000, 'C'),
      cash('4', 3, 70_000, 'D'),
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      typology: 'user.cash_from_many',
      typologyVersion: 3,
      configVersion: 'bank-2',
      subjectId: 'M',
      accounts: ['A', 'C', 'D', 'M'],
    });
    // The small deposit is not read: it does not pass `when`.
    expect(alerts[0]?.evidence.map((tx) => tx.id)).toEqual(['1', '3', '4']);
    expect(alerts[0]?.explanation).toBe(
      'Large cash deposits from many payers: M had 3 transactions of 2,400.00 in all within 10 days (count >= 3 && distinct_payers >= 3 && sum > 200000).',
    );
  });

  it('does not fire below its condition or outside its window', () => {
    const monitor = new Monitor({ typologies: [], config: { version: 'v', rules: [RULE] } });
    expect(monitor.replay([cash('1', 0, 90_000, 'A'), cash('2', 12, 80_000, 'C'), cash('3', 24, 70_000, 'D')])).toEqual(
      [],
    );
  });

  it('refuses what does not parse, reads unknown variables, gives no yes or no, or is too large, naming rule and field', () => {
    const bad = (changes: Partial<UserRuleDefinition>) => {
      try {
        userTypologies([{ ...RULE, ...changes }]);
      } catch (error) {
        expect(error).toBeInstanceOf(UserRuleError);
        return (error as UserRuleError).problems;
      }
      throw new Error('accepted');
    };
    expect(bad({ when: 'amount >= ' })[0]).toMatch(/^rule cash_from_many, when: /);
    expect(bad({ when: 'balance > 10' })[0]).toMatch(/^rule cash_from_many, when: .*balance/);
    expect(bad({ condition: 'sum + 1' })).toEqual([
      'rule cash_from_many, condition: gives int, not a yes or no (bool)',
    ]);
    expect(bad({ subject: 'device' as never, windowDays: 500 })).toEqual([
      'rule cash_from_many, subject: one of payer_account, payee_account, merchant, card',
      'rule cash_from_many, windowDays: from 1 to 120',
    ]);
    expect(bad({ condition: Array.from({ length: 400 }, () => 'count > 1').join(' && ') })[0]).toMatch(
      /^rule cash_from_many, condition: /,
    );
  });

  it('executes no code: nothing outside the expression’s own variables can be reached', () => {
    for (const escape of [
      'process.exit(1) == 0',
      'constructor.constructor("return process")() == null',
      'this == null',
      '__proto__ == null',
      'amount.toString() == "1"',
      'require("fs") == null',
    ]) {
      expect(() => userTypologies([{ ...RULE, when: escape }]), escape).toThrow(UserRuleError);
    }
  });
});
