/**
 * Lockout after repeated failures: a wrong password or a wrong TOTP code counts, and five in a row
 * lock the account for fifteen minutes. Only a complete sign-in (both factors) resets the count,
 * so knowing the password does not buy unlimited guesses at the code.
 */

/** How many failures in a row lock an account, and for how long. */
export const LOCKOUT = { maxFailures: 5, lockMs: 15 * 60 * 1000 } as const;

/** The lockout rule, as the store applies it. */
export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMs: number;
}

/** Whether an account locked until `lockedUntil` (an ISO instant, or null) is locked at `now`. */
export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
}
