/** Whether a credential a request was authenticated with is still good, seen from inside a transaction. */
import type { Sql } from './database.ts';

/** An API key or a signed-in user, as a request was authenticated. */
export interface Credential {
  readonly kind: 'key' | 'user';
  readonly id: string;
}

/**
 * True while an API key is not revoked, or a user not disabled. Asked inside the transaction
 * that records a read in the ledger, after the ledger's lock is held: a revocation, recorded under
 * the same lock, is either before it (and seen) or after it (and the read came first).
 */
export async function credentialLive(sql: Sql, credential: Credential): Promise<boolean> {
  const rows = await sql.query<{ live: boolean }>(
    credential.kind === 'key'
      ? 'SELECT revoked_at IS NULL AS live FROM api_keys WHERE id = $1'
      : 'SELECT disabled_at IS NULL AS live FROM users WHERE id = $1',
    [credential.id],
  );
  return rows[0]?.live === true;
}
