/**
 * The purpose a request declares: every read names one from the closed list (investigation,
 * screening, crime analysis, victim support, oversight), in the `X-Weft-Purpose` header or the
 * `purpose` query parameter. It is checked against the caller's roles and recorded in the ledger.
 */
import type { FastifyRequest } from 'fastify';
import { PURPOSES } from '../../domain/model/envelope.ts';
import { isPurpose, mayDeclare, type Purpose } from '../../domain/policy/index.ts';
import type { Access } from '../sharing/index.ts';
import type { Principal } from './auth.ts';
import { WeftError } from './errors.ts';

/** The header a purpose is declared in. */
export const PURPOSE_HEADER = 'x-weft-purpose';

/** The declared purpose, checked against the principal's roles. */
export function declaredPurpose(request: FastifyRequest, principal: Principal): Purpose {
  const header = request.headers[PURPOSE_HEADER];
  const query = (request.query as Record<string, unknown> | undefined)?.['purpose'];
  const declared = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  if (declared === undefined || declared === '') {
    throw new WeftError('validation_failed', 'Declare the purpose of this request.', [
      {
        field: 'purpose',
        message: `send the ${PURPOSE_HEADER} header or a purpose parameter: one of ${PURPOSES.join(', ')}`,
      },
    ]);
  }
  if (!isPurpose(declared)) {
    throw new WeftError('validation_failed', 'Unknown purpose.', [
      { field: 'purpose', message: `one of ${PURPOSES.join(', ')}` },
    ]);
  }
  if (!mayDeclare(principal.subject.roles, declared)) {
    throw new WeftError('forbidden', `Your roles may not declare the purpose "${declared}".`);
  }
  return declared;
}

/** The access a request reads with: its principal, its declared purpose, its id. */
export function accessOf(request: FastifyRequest, principal: Principal): Access {
  return {
    subject: principal.subject,
    purpose: declaredPurpose(request, principal),
    actor: principal.actor,
    requestId: request.id,
    credential:
      principal.userId === null ? { kind: 'key', id: principal.credentialId } : { kind: 'user', id: principal.userId },
  };
}
