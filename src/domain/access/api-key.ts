import { createHash, randomBytes } from 'node:crypto';

/** Permissions an API key may carry. */
export const API_PERMISSIONS = ['records:write', 'records:read', 'records:export'] as const;
/** One API permission. */
export type ApiPermission = (typeof API_PERMISSIONS)[number];

const PREFIX = 'weft_';

/** A fresh API key: 256 random bits, shown once to its owner and stored only as a hash. */
export function mintApiKey(): { readonly secret: string; readonly hash: string } {
  const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKey(secret) };
}

/**
 * The stored form of a key. A plain SHA-256 suffices: the secret has 256 bits of entropy, so
 * unlike a password it cannot be guessed from its hash.
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether the text looks like a Weft API key at all (checked before any database lookup). */
export function looksLikeApiKey(text: string): boolean {
  return text.startsWith(PREFIX) && text.length === PREFIX.length + 43;
}
