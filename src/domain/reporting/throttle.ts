/**
 * A budget of failed attempts over a sliding window: follow-up by receipt code is throttled
 * against guessing without knowing who guesses. The tip channels may not keep an address or any
 * other mark of a requester, so the budget is shared by every requester; a code of 100 bits is
 * out of reach of guessing anyway, and the budget keeps the cost of trying (an Argon2id hash
 * each) bounded.
 */
export class AttemptBudget {
  private readonly failures: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Whether an attempt may be made now. */
  allows(now: number): boolean {
    this.forget(now);
    return this.failures.length < this.limit;
  }

  /** Counts a failed attempt. */
  fail(now: number): void {
    this.forget(now);
    this.failures.push(now);
  }

  /** Milliseconds until an attempt is allowed again (0 when it is now). */
  retryAfter(now: number): number {
    this.forget(now);
    if (this.failures.length < this.limit) return 0;
    return Math.max(0, (this.failures[this.failures.length - this.limit] ?? now) + this.windowMs - now);
  }

  private forget(now: number): void {
    while (this.failures.length > 0 && (this.failures[0] ?? now) <= now - this.windowMs) this.failures.shift();
  }
}
