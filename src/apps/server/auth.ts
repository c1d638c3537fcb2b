import type { FastifyRequest } from 'fastify';
import { looksLikeApiKey, type ApiPermission } from '../../domain/access/api-key.ts';
import type { Subject, Viewer } from '../../domain/policy/index.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import type { Store } from '../../adapters/store/index.ts';
import { WeftError } from './errors.ts';

/** Who a request acts for. */
export interface Principal {
  readonly organisation: Organisation;
  readonly permissions: readonly ApiPermission[];
  readonly credentialId: string;
  /** How the ledger names the actor: `key:<id>` for an API key, `user:<id>` for a signed-in user. */
  readonly actor: string;
  /** What the policy engine judges the request as. */
  readonly subject: Subject;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Resolves the caller from `Authorization: Bearer <api key>`. Every failure (no header, a
 * malformed key, an unknown or revoked key) gives the same answer.
 */
export async function authenticate(request: FastifyRequest, store: Store): Promise<Principal> {
  const header = request.headers.authorization;
  const secret = header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length).trim() : '';
  if (!looksLikeApiKey(secret)) throw new WeftError('unauthenticated');
  const grant = await store.organisations.findApiKey(secret);
  if (grant === undefined) throw new WeftError('unauthenticated');
  return {
    organisation: grant.organisation,
    permissions: grant.permissions,
    credentialId: grant.keyId,
    actor: `key:${grant.keyId}`,
    subject: {
      organisationId: grant.organisation.id,
      organisationType: grant.organisation.organisationType,
      sector: grant.organisation.sector,
      roles: grant.roles,
      clearance: grant.clearance,
      groups: grant.groups,
    },
  };
}

/** The caller, who must hold `permission`. */
export function requirePermission(request: FastifyRequest, permission: ApiPermission): Principal {
  const principal = request.principal;
  if (principal === null) throw new WeftError('unauthenticated');
  if (!principal.permissions.includes(permission)) {
    throw new WeftError('forbidden', `This credential lacks the "${permission}" permission.`);
  }
  return principal;
}

/** The viewer the sharing gate judges a principal as. */
export function viewerOf(principal: Principal): Viewer {
  return { organisationId: principal.organisation.id, sector: principal.organisation.sector };
}
