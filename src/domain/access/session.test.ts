import { describe, expect, it } from 'vitest';
import { isLocked } from './lockout.ts';
import {
  hashSessionToken,
  looksLikeSessionToken,
  mintSessionToken,
  PASSWORD_STAGE_MS,
  SESSION_IDLE_MS,
  sessionUsable,
} from './session.ts';

describe('session tokens', () => {
  it('mints 256-bit tokens and stores only their SHA-256', () => {
    const { token, hash } = mintSessionToken();
    expect(looksLikeSessionToken(token)).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashSessionToken(token));
    expect(mintSessionToken().token).not.toBe(token);
  });

  it('refuses texts that are not shaped like tokens', () => {
    for (const text of ['', 'weft_abc', 'a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)};`]) {
      expect(looksLikeSessionToken(text)).toBe(false);
    }
  });
});

describe('session liveness', () => {
  const start = new Date('2026-03-01T09:00:00.000Z');
  const later = (ms: number) => new Date(start.getTime() + ms);
  const session = (stage: 'password' | 'complete', lastSeenMs = 0) => ({
    stage,
    createdAt: start.toISOString(),
    lastSeenAt: later(lastSeenMs).toISOString(),
  });

  it('keeps a complete session for 30 idle minutes and not a moment more', () => {
    expect(sessionUsable(session('complete'), 'complete', later(SESSION_IDLE_MS))).toBe(true);
    expect(sessionUsable(session('complete'), 'complete', later(SESSION_IDLE_MS + 1))).toBe(false);
    expect(sessionUsable(session('complete', SESSION_IDLE_MS), 'complete', later(SESSION_IDLE_MS * 2))).toBe(true);
  });

  it('never lets one stage stand for the other', () => {
    expect(sessionUsable(session('password'), 'complete', start)).toBe(false);
    expect(sessionUsable(session('complete'), 'password', start)).toBe(false);
  });

  it('gives the second factor ten minutes after the password', () => {
    expect(sessionUsable(session('password'), 'password', later(PASSWORD_STAGE_MS))).toBe(true);
    expect(sessionUsable(session('password', PASSWORD_STAGE_MS), 'password', later(PASSWORD_STAGE_MS + 1))).toBe(false);
  });

  it('reads a lock as holding until its end', () => {
    expect(isLocked(null, start)).toBe(false);
    expect(isLocked(later(1).toISOString(), start)).toBe(true);
    expect(isLocked(start.toISOString(), start)).toBe(false);
  });
});
