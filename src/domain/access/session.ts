/**
 * Signed-in sessions: a token of 256 random bits lives in the browser's cookie; the database
 * keeps only its SHA-256 (a stolen table opens no session). A session starts in stage `password`,
 * which opens nothing but the second-factor step, and becomes `complete` under a new token once
 * the TOTP code is given. It ends after 30 idle minutes, at sign-out, or when the account is
 * disabled.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** How far a session has come: the password alone, or both factors. */
export type SessionStage = 'password' | 'complete';

/** How long a session may sit unused. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** How long a session may wait for its second factor after the password. */
export const PASSWORD_STAGE_MS = 10 * 60 * 1000;

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh token (base64url, 43 characters) and the hash it is stored as. */
export function mintSessionToken(): { readonly token: string; readonly hash: string } {
  const token = encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
  return { token, hash: hashSessionToken(token) };
}

/**
 * The stored form of a token. A plain SHA-256 suffices: with 256 random bits the token cannot be
 * guessed from its hash, so the slow hashing passwords need buys nothing here.
 */
export function hashSessionToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Whether a text has a session token's shape at all (checked before any database lookup). */
export function looksLikeSessionToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/** What the liveness of a session depends on. */
export interface SessionTimes {
  readonly stage: SessionStage;
  /** ISO 8601 instants. */
  readonly createdAt: string;
  readonly lastSeenAt: string;
}

/**
 * Whether a session is usable at `now` for a step that needs `stage`: the right stage, used within
 * the idle timeout, and (for the password stage) not left waiting for its second factor too long.
 */
export function sessionUsable(session: SessionTimes, stage: SessionStage, now: Date): boolean {
  if (session.stage !== stage) return false;
  const at = now.getTime();
  if (at - Date.parse(session.lastSeenAt) > SESSION_IDLE_MS) return false;
  return stage === 'complete' || at - Date.parse(session.createdAt) <= PASSWORD_STAGE_MS;
}
