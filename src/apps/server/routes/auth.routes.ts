import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONFIDENTIALITY_LEVELS, PURPOSES } from '../../../domain/model/envelope.ts';
import { ORGANISATION_TYPES } from '../../../domain/model/organisation.ts';
import { mayDeclare, ROLES } from '../../../domain/policy/index.ts';
import { hashSessionToken, PERMISSIONS } from '../../../domain/access/index.ts';
import type { ResolvedServices } from '../app.ts';
import { authenticate, sessionToken, setSessionCookie } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { errorResponse } from '../schemas.ts';
import { SignInService } from '../sign-in.service.ts';

/** The name authenticator apps show beside the account. */
const ISSUER = 'Weft';

const signInBody = z.object({
  email: z.string().min(1).max(320),
  // Long enough for any passphrase the rules accept; short enough that nobody makes hashing crawl.
  password: z.string().min(1).max(1024),
});

const whoAmI = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string() }).nullable(),
  organisation: z.object({
    id: z.string(),
    name: z.string(),
    organisationType: z.enum(ORGANISATION_TYPES),
    sector: z.string(),
  }),
  roles: z.array(z.enum(ROLES)),
  clearance: z.enum(CONFIDENTIALITY_LEVELS),
  permissions: z.array(z.enum(PERMISSIONS)),
  purposes: z.array(z.enum(PURPOSES)).describe('The purposes the caller’s roles may declare'),
});

/**
 * Signing in and out. These routes answer before there is a principal, so they sit outside the
 * authentication hook; each checks its own stage of the session.
 */
export const authRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const signIn = new SignInService({
    store: services.store,
    passwords: services.passwords,
    fields: services.fields,
    clock: services.clock,
    issuer: ISSUER,
  });

  // The dummy hash an unknown email is checked against is made now, not on the first such
  // attempt, which would otherwise take twice as long as any other and tell.
  await services.passwords.verifyNothing('warm-up');

  // Nothing about a sign-in (a TOTP secret least of all) may be kept by a cache.
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  app.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in, step 1: email and password',
        description:
          'On success, sets the `weft_session` cookie for a session that can do nothing but the second step, and ' +
          'says which: the TOTP code, or enrolling an authenticator first. Every refusal (unknown email, wrong ' +
          'password, locked or disabled account) is the same 401. Five failures in a row lock the account for 15 ' +
          'minutes.',
        security: [],
        body: signInBody,
        response: { 200: z.object({ next: z.enum(['totp', 'totp_enrolment']) }), 401: errorResponse },
      },
    },
    async (request, reply) => {
      const { token, next } = await signIn.signIn(request.body.email, request.body.password, request.id);
      setSessionCookie(request, reply, token);
      return { next };
    },
  );

  app.post(
    '/auth/totp/enrol',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in, step 2a: enrol an authenticator (first sign-in only)',
        description:
          'For a session past its password whose account has no confirmed second factor: a new TOTP secret and its ' +
          '`otpauth://` URI (for a QR code), shown this once. Confirm it by sending a code to `/auth/totp`.',
        security: [{ session: [] }],
        response: {
          200: z.object({ secret: z.string(), otpauthUri: z.string() }),
          401: errorResponse,
          403: errorResponse,
        },
      },
    },
    async (request) => signIn.enrol(sessionToken(request), request.id),
  );

  app.post(
    '/auth/totp',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in, step 2: the TOTP code',
        description:
          'A current code from the authenticator completes the sign-in: the session cookie is replaced by a new one ' +
          'that opens the API. A code works once; a wrong one counts towards the lockout.',
        security: [{ session: [] }],
        body: z.object({ code: z.string().max(16) }),
        response: { 200: z.object({ signedIn: z.literal(true) }), 401: errorResponse },
      },
    },
    async (request, reply) => {
      const { token } = await signIn.verifyCode(sessionToken(request), request.body.code.trim(), request.id);
      setSessionCookie(request, reply, token);
      return { signedIn: true as const };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears its cookie',
        security: [{ session: [] }],
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await signIn.signOut(sessionToken(request), request.id);
      setSessionCookie(request, reply, null);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        description:
          'For a signed-in user (not an API key): the current password, and a new one of 12 to 256 characters, not ' +
          'all the same and not the current one. Every other session of the user ends; this one goes on. A wrong ' +
          'current password counts towards the lockout, as at sign-in, and a locked account cannot change its ' +
          'password: both get the same 403.',
        security: [{ session: [] }],
        body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().max(1024) }),
        response: { 204: z.null(), 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
      // Who is asking is settled before the body is looked at.
      onRequest: async (request) => {
        request.principal = await authenticate(request, services.store, services.clock());
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const token = sessionToken(request);
      if (principal === null) throw new WeftError('unauthenticated');
      if (principal.userId === null || token === undefined) {
        throw new WeftError('forbidden', 'Only a signed-in user has a password to change.');
      }
      await signIn.changePassword(
        {
          userId: principal.userId,
          keepTokenHash: hashSessionToken(token),
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
        },
        request.id,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who the caller is: user, organisation, roles, clearance, the purposes they may declare',
        response: { 200: whoAmI, 401: errorResponse },
      },
    },
    async (request) => {
      const principal = await authenticate(request, services.store, services.clock());
      const user = principal.userId === null ? undefined : await services.store.users.findById(principal.userId);
      const { organisation, subject } = principal;
      return {
        user: user === undefined ? null : { id: user.id, email: user.email, displayName: user.displayName },
        organisation: {
          id: organisation.id,
          name: organisation.name,
          organisationType: organisation.organisationType,
          sector: organisation.sector,
        },
        roles: [...subject.roles],
        clearance: subject.clearance,
        permissions: [...principal.permissions],
        purposes: PURPOSES.filter((purpose) => mayDeclare(subject.roles, purpose)),
      };
    },
  );
};
