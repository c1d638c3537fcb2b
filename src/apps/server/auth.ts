import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  hashSessionToken,
  isApiPermission,
  looksLikeApiKey,
  looksLikeSessionToken,
  permissionsOf,
  sessionUsable,
  type Permission,
} from '../../domain/access/index.ts';
import type { Subject, Viewer } from '../../domain/policy/index.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import type { SessionView, Store } from '../../adapters/store/index.ts';
import { WeftError } from './errors.ts';

/** Who a request acts for. */
export interface Principal {
  readonly organisation: Organisation;
  readonly permissions: readonly Permission[];
  /** The API key's id, or the signed-in user's id. */
  readonly credentialId: string;
  /** How the ledger names the actor: `key:<id>` for an API key, `user:<id>` for a signed-in user. */
  readonly actor: string;
  /** The signed-in user's id; null for an API key. */
  readonly userId: string | null;
  /** What the policy engine judges the request as. */
  readonly subject: Subject;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'weft_session';

/**
 * Resolves the caller from `Authorization: Bearer <api key>` or, without that header, from the
 * session cookie of a complete sign-in (both factors) used within the idle timeout, whose user is
 * not disabled. Every failure (no credential, a malformed or unknown one, a revoked key, a session
 * waiting for its second factor, idle or ended) gives the same answer.
 */
export async function authenticate(request: FastifyRequest, store: Store, now: Date = new Date()): Promise<Principal> {
  const header = request.headers.authorization;
  if (header !== undefined) return authenticateKey(header, store);
  const token = sessionToken(request);
  if (token === undefined) throw new WeftError('unauthenticated');
  const session = await store.users.findSession(hashSessionToken(token));
  if (session?.stage !== 'complete') throw new WeftError('unauthenticated');
  if (!sessionUsable(session, 'complete', now)) {
    // Idle too long: the session ends here, and the ledger says why it ended.
    await store.users.deleteSession(session.tokenHash, ({ userId }) => [
      {
        actor: `user:${userId}`,
        organisation: session.organisation.id,
        action: 'sign_out',
        requestId: request.id,
        purpose: null,
        objectIds: [userId],
        outcome: 'ok',
        detail: 'idle_timeout',
      },
    ]);
    throw new WeftError('unauthenticated');
  }
  await store.users.touchSession(session.tokenHash, now);
  return principalOfSession(session);
}

async function authenticateKey(header: string, store: Store): Promise<Principal> {
  const secret = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (!looksLikeApiKey(secret)) throw new WeftError('unauthenticated');
  const grant = await store.organisations.findApiKey(secret);
  if (grant === undefined) throw new WeftError('unauthenticated');
  return {
    organisation: grant.organisation,
    // Administration and the ledger need a person with a second factor: a key never carries them,
    // whatever its row says.
    permissions: grant.permissions.filter((permission) => isApiPermission(permission)),
    credentialId: grant.keyId,
    actor: `key:${grant.keyId}`,
    userId: null,
    subject: {
      organisationId: grant.organisation.id,
      organisationType: grant.organisation.organisationType,
      sector: grant.organisation.sector,
      roles: grant.roles,
      clearance: grant.clearance,
      groups: grant.groups,
      userId: null,
    },
  };
}

/** The principal of a complete session: its user's roles give the permissions. */
function principalOfSession(session: SessionView): Principal {
  const { user, organisation } = session;
  return {
    organisation,
    permissions: permissionsOf(user.roles),
    credentialId: user.id,
    actor: `user:${user.id}`,
    userId: user.id,
    subject: {
      organisationId: organisation.id,
      organisationType: organisation.organisationType,
      sector: organisation.sector,
      roles: user.roles,
      clearance: user.clearance,
      groups: session.groups,
      userId: user.id,
    },
  };
}

/**
 * The session token from the request's cookie, if there is exactly one of the right shape (two
 * would mean a cookie planted beside ours: neither is trusted).
 */
export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  const prefix = `${SESSION_COOKIE}=`;
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(prefix))
    .map((part) => part.slice(prefix.length));
  const [value] = values;
  return values.length === 1 && value !== undefined && looksLikeSessionToken(value) ? value : undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Sets the session cookie, or clears it when `token` is null. HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it: the defence against cross-site request forgery),
 * Path=/, no expiry (it ends with the browser; the server ends it after 30 idle minutes), and
 * Secure except over plain HTTP to this machine, where a browser would not send a Secure cookie.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/'];
  if (!(request.protocol === 'http' && LOCAL_HOSTS.has(request.hostname))) attributes.push('Secure');
  if (token === null) attributes.push('Max-Age=0');
  void reply.header('set-cookie', `${SESSION_COOKIE}=${token ?? ''}; ${attributes.join('; ')}`);
}

/** The caller, who must hold `permission`. */
export function requirePermission(request: FastifyRequest, permission: Permission): Principal {
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
