import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentHash } from '../../domain/model/canonical-json.ts';
import type { Store } from '../../adapters/store/index.ts';
import { WeftError } from './errors.ts';

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Runs a handler under `Idempotency-Key` semantics: a retry with the same key and body returns
 * the stored result; 409 while the first is in flight; 422 for the same key with another body.
 * Without the header the handler simply runs.
 */
export async function withIdempotency<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  store: Store,
  organisationId: string,
  handle: () => Promise<{ status: number; body: T }>,
): Promise<T> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) {
    const result = await handle();
    void reply.code(result.status);
    return result.body;
  }
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new WeftError('validation_failed', 'Idempotency-Key must be 1 to 200 printable ASCII characters.');
  }
  const requestHash = contentHash({ url: request.url, body: request.body });
  const claim = await store.idempotency.claim(organisationId, key, requestHash);
  switch (claim.kind) {
    case 'mismatch':
      throw new WeftError('idempotency_mismatch');
    case 'in_flight':
      throw new WeftError('idempotency_in_flight');
    case 'completed':
      void reply.code(claim.statusCode).header('idempotency-replayed', 'true');
      return claim.response as T;
    case 'claimed':
      break;
  }
  let result: { status: number; body: T };
  try {
    result = await handle();
  } catch (error) {
    await store.idempotency.release(organisationId, key);
    throw error;
  }
  await store.idempotency.complete(organisationId, key, result.status, result.body);
  void reply.code(result.status);
  return result.body;
}
