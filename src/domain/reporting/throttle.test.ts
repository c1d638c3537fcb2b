import { describe, expect, it } from 'vitest';
import { AttemptBudget } from './throttle.ts';

describe('a budget of failed attempts', () => {
  it('allows attempts until the failures within the window reach the limit', () => {
    const budget = new AttemptBudget(3, 60_000);
    for (let failure = 0; failure < 3; failure += 1) {
      expect(budget.allows(1_000)).toBe(true);
      budget.fail(1_000 + failure);
    }
    expect(budget.allows(2_000)).toBe(false);
    expect(budget.retryAfter(2_000)).toBe(59_000);
  });

  it('allows again once the oldest failures leave the window', () => {
    const budget = new AttemptBudget(2, 10_000);
    budget.fail(0);
    budget.fail(5_000);
    expect(budget.allows(9_999)).toBe(false);
    expect(budget.allows(10_000)).toBe(true);
    expect(budget.retryAfter(10_000)).toBe(0);
  });
});
