import type { Database } from './database.ts';

/** What a request with an Idempotency-Key finds when it arrives. */
export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'completed'; readonly statusCode: number; readonly response: unknown };

/** A claim left in flight longer than this is taken to belong to a process that died. */
const ABANDONED_AFTER_SECONDS = 600;

/** Idempotency-Key bookkeeping per organisation. */
export class IdempotencyRepository {
  constructor(private readonly database: Database) {}

  /**
   * Claims a key for a request, atomically. A fresh key is claimed; a key whose first request
   * is still running is in flight; one used with another body is a mismatch; one completed
   * returns the stored response. A claim abandoned by a crashed process can be taken over.
   */
  async claim(organisationId: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const [claimed] = await this.database.query(
      `INSERT INTO idempotency_keys (organisation_id, key, request_hash, state) VALUES ($1, $2, $3, 'in_flight')
       ON CONFLICT (organisation_id, key) DO UPDATE SET updated_at = now(), created_at = now()
         WHERE idempotency_keys.state = 'in_flight' AND idempotency_keys.request_hash = excluded.request_hash
           AND idempotency_keys.updated_at < now() - make_interval(secs => $4)
       RETURNING key`,
      [organisationId, key, requestHash, ABANDONED_AFTER_SECONDS],
    );
    if (claimed !== undefined) return { kind: 'claimed' };
    const [row] = await this.database.query<{
      request_hash: string;
      state: string;
      status_code: number | null;
      response: unknown;
    }>(
      'SELECT request_hash, state, status_code, response FROM idempotency_keys WHERE organisation_id = $1 AND key = $2',
      [organisationId, key],
    );
    if (row === undefined) return this.claim(organisationId, key, requestHash);
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.state === 'in_flight') return { kind: 'in_flight' };
    return { kind: 'completed', statusCode: row.status_code ?? 200, response: row.response };
  }

  /** Stores the response of a claimed request. */
  async complete(organisationId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.database.query(
      `UPDATE idempotency_keys SET state = 'completed', status_code = $3, response = $4::jsonb, updated_at = now()
       WHERE organisation_id = $1 AND key = $2`,
      [organisationId, key, statusCode, JSON.stringify(response)],
    );
  }

  /** Releases a claim whose request failed before completing, so that a retry may run it. */
  async release(organisationId: string, key: string): Promise<void> {
    await this.database.query(
      `DELETE FROM idempotency_keys WHERE organisation_id = $1 AND key = $2 AND state = 'in_flight'`,
      [organisationId, key],
    );
  }
}
