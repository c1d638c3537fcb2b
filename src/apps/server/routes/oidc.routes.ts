import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OidcConfig } from '../../config.ts';
import type { ResolvedServices } from '../app.ts';
import { setSessionCookie } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { OidcRefusal, OidcRelyingParty } from '../oidc.ts';
import { errorResponse } from '../schemas.ts';
import { SignInService } from '../sign-in.service.ts';

/**
 * Signing in through the organisation's OpenID Connect provider. Registered only when
 * WEFT_OIDC_* is configured; without it these paths are unknown (404).
 */
export const oidcRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices; oidc: OidcConfig }> = async (
  app,
  { services, oidc },
) => {
  const party = new OidcRelyingParty(oidc, services.fields, services.clock);
  const signIn = new SignInService({
    store: services.store,
    passwords: services.passwords,
    fields: services.fields,
    clock: services.clock,
    issuer: 'Weft',
  });

  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  app.get(
    '/auth/oidc/start',
    {
      schema: {
        tags: ['auth'],
        summary: "Sign in through the organisation's identity provider, step 1",
        description:
          'Redirects (302) to the OpenID Connect provider (authorization code with PKCE S256, state and nonce, scope ' +
          '`openid email`), and sets a short-lived sealed `weft_oidc` cookie the callback checks.',
        security: [],
        response: { 503: errorResponse },
      },
    },
    async (request, reply) => {
      let url: URL;
      try {
        url = await party.start(request, reply);
      } catch (error) {
        request.log.error({ err: error }, 'OIDC provider unavailable');
        throw new WeftError('unavailable', 'The identity provider cannot be reached now.');
      }
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      schema: {
        tags: ['auth'],
        summary: "Sign in through the organisation's identity provider, step 2: the provider's answer",
        description:
          'Exchanges the code and checks the ID token, then signs in the Weft user with the verified email ' +
          '(accounts are created by administrators, never here). When the ID token `amr` says the provider used ' +
          'several factors, the session is complete (`signed_in`); otherwise the Weft TOTP code (or its enrolment) ' +
          'is still needed, as after a password. Every refusal is the same 401 as a failed password.',
        security: [],
        response: {
          200: z.object({ next: z.enum(['totp', 'totp_enrolment', 'signed_in']) }),
          401: errorResponse,
          503: errorResponse,
        },
      },
    },
    async (request, reply) => {
      let identity;
      try {
        identity = await party.callback(request, reply);
      } catch (error) {
        if (error instanceof OidcRefusal) return signIn.refuseProviderSignIn(request.id, error.detail);
        request.log.error({ err: error }, 'OIDC provider unavailable');
        throw new WeftError('unavailable', 'The identity provider cannot be reached now.');
      }
      const { token, next } = await signIn.signInWithProvider(identity, request.id);
      setSessionCookie(request, reply, token);
      return { next };
    },
  );
};
