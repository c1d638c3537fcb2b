/**
 * OIDC sign-in against a real OpenID Connect provider (`oidc-provider`) started in this process on
 * 127.0.0.1: the app is driven with `inject`, the browser's trips to the provider with real HTTP,
 * and the app itself talks to the provider (discovery, JWKS, token, UserInfo) over HTTP too.
 * Nothing leaves this machine.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { freePort } from '../../../../test/support/ports.ts';
import {
  addUser,
  codeOf,
  postCode,
  postSignIn,
  sessionCookie,
  signInApp,
  tokenOf,
  type SignInApp,
} from '../../../../test/support/sign-in.ts';
import type { OidcConfig } from '../../config.ts';

const PASSWORD = 'lantern-harbour-97';
const CLIENT_SECRET = 'weft-test-client-secret-0123456789';
const REDIRECT_URI = 'http://localhost/api/v1/auth/oidc/callback';

/** An error body without its correlation id, which differs on every request by design. */
const refusal = (response: LightMyRequestResponse) => {
  const { error } = response.json<{ error: { correlationId: string } }>();
  return { status: response.statusCode, error: { ...error, correlationId: undefined } };
};

/** The accounts the provider knows: subject → claims. */
const accounts = new Map<string, { email: string; email_verified: boolean }>();
/** Who the next interaction signs in, and how. */
let nextLogin: { accountId: string; amr: string[] } = { accountId: '', amr: [] };

/** Starts the provider; its interactions complete at once as `nextLogin`. */
async function startProvider(): Promise<{ issuer: string; close: () => Promise<void> }> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'weft',
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' }] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    // `amr` in the openid scope: the ID token carries it (oidc-provider leaves it out unless listed).
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    pkce: { methods: ['S256'], required: () => true },
    findAccount: (_context, id) => {
      const claims = accounts.get(id);
      return claims === undefined ? undefined : { accountId: id, claims: () => ({ sub: id, ...claims }) };
    },
  });
  const callback = provider.callback();
  const server: Server = createServer((request, response) => {
    if (request.url?.startsWith('/interaction/') !== true) {
      void callback(request, response);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(request, response);
      const grant = new provider.Grant({
        accountId: nextLogin.accountId,
        clientId: String(details.params['client_id']),
      });
      grant.addOIDCScope('openid email');
      const grantId = await grant.save();
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: nextLogin.accountId, amr: nextLogin.amr }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

describe.each(databaseTargets())('OIDC sign-in on $name', (target) => {
  let t: SignInApp;
  let idp: { issuer: string; close: () => Promise<void> };
  /** Every email, token, code and state the tests see: none may reach the ledger. */
  const secrets = new Set<string>([CLIENT_SECRET]);
  let n = 0;

  /** A Weft user, and a provider account with the same email (verified unless said otherwise). */
  const newUser = async (options: { verified?: boolean; inWeft?: boolean } = {}) => {
    n += 1;
    const email = `Oidc.Staff.${n}@Harbour-Hotels.example`;
    secrets.add(email).add(email.toLowerCase());
    const user = options.inWeft === false ? undefined : await addUser(t.store, { email, password: PASSWORD });
    const accountId = `subject-${n}`;
    accounts.set(accountId, { email: email.toLowerCase(), email_verified: options.verified ?? true });
    return { email, user, accountId };
  };

  /** `start`, then the browser's trips through the provider, up to the redirect back to Weft. */
  const throughProvider = async (login: { accountId: string; amr: string[] }) => {
    nextLogin = login;
    const start = await t.app.inject({ url: '/api/v1/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    const pending = String(start.headers['set-cookie']);
    expect(pending).toMatch(
      /^weft_oidc=wf1:[A-Za-z0-9_-]+; HttpOnly; SameSite=Lax; Path=\/api\/v1\/auth\/oidc; Max-Age=600$/,
    );
    const cookie = pending.split(';')[0] ?? '';
    const jar = new Map<string, string>();
    let url = new URL(String(start.headers.location));
    for (let hop = 0; hop < 10; hop += 1) {
      const response = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      await response.arrayBuffer();
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
        if (value === '') jar.delete(name);
        else jar.set(name, value);
      }
      const location = response.headers.get('location');
      if (location === null) throw new Error(`the provider stopped at ${url.href}: ${response.status}`);
      url = new URL(location, url);
      if (url.href.startsWith(REDIRECT_URI)) {
        for (const key of ['code', 'state']) secrets.add(url.searchParams.get(key) ?? '');
        return { callback: `${url.pathname}${url.search}`, cookie, authorize: new URL(String(start.headers.location)) };
      }
    }
    throw new Error('too many redirects');
  };
  const callback = (path: string, cookie: string) => t.app.inject({ url: path, headers: { cookie } });
  const remember = (cookie: string) => {
    secrets.add(tokenOf(cookie));
    return cookie;
  };
  const me = (cookie: string) => t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });

  beforeAll(async () => {
    idp = await startProvider();
    const oidc: OidcConfig = {
      issuer: idp.issuer,
      clientId: 'weft',
      clientSecret: CLIENT_SECRET,
      redirectUri: REDIRECT_URI,
    };
    t = await signInApp(target, { oidc });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('asks the provider with PKCE S256, state, nonce and scope "openid email"', async () => {
    const start = await t.app.inject({ url: '/api/v1/auth/oidc/start' });
    expect(start.statusCode).toBe(302);
    expect(start.headers['cache-control']).toBe('no-store');
    const location = new URL(String(start.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(`${idp.issuer}/auth`);
    const query = Object.fromEntries(location.searchParams);
    expect(query).toMatchObject({
      client_id: 'weft',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    expect(query['code_challenge']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query['state']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query['nonce']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The sealed cookie hides what it carries.
    const cookie = String(start.headers['set-cookie']);
    for (const key of ['state', 'nonce'] as const) expect(cookie).not.toContain(query[key]);
  });

  it('signs a known user in at once when the provider used several factors', async () => {
    const spec = await newUser();
    const { callback: path, cookie } = await throughProvider({ accountId: spec.accountId, amr: ['pwd', 'mfa'] });
    const done = await callback(path, cookie);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ next: 'signed_in' });
    expect(done.headers['cache-control']).toBe('no-store');
    const cookies = [done.headers['set-cookie']].flat().map(String);
    expect(cookies).toContainEqual(expect.stringMatching(/^weft_oidc=; .*Max-Age=0/));
    const session = remember(sessionCookieOf(done));
    const whoAmI = await me(session);
    expect(whoAmI.statusCode).toBe(200);
    expect(whoAmI.json()).toMatchObject({ user: { id: spec.user?.id, email: spec.email.toLowerCase() } });
  });

  it('still asks for the Weft TOTP code when the provider used one factor', async () => {
    const spec = await newUser();
    const first = await throughProvider({ accountId: spec.accountId, amr: ['pwd'] });
    const done = await callback(first.callback, first.cookie);
    expect(done.json()).toEqual({ next: 'totp_enrolment' });
    const pending = remember(sessionCookieOf(done));
    expect((await me(pending)).statusCode).toBe(401);

    const enrolment = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrol',
      headers: { cookie: pending },
    });
    expect(enrolment.statusCode).toBe(200);
    const { secret } = enrolment.json<{ secret: string }>();
    secrets.add(secret);
    const confirmed = await postCode(t.app, pending, codeOf(secret, t.clock));
    expect(confirmed.json()).toEqual({ signedIn: true });
    expect((await me(remember(sessionCookie(confirmed)))).statusCode).toBe(200);

    // Next time: the code, not enrolment; and no amr at all counts as one factor.
    t.clock.nextStep();
    const again = await throughProvider({ accountId: spec.accountId, amr: [] });
    const second = await callback(again.callback, again.cookie);
    expect(second.json()).toEqual({ next: 'totp' });
    const later = remember(sessionCookieOf(second));
    expect((await me(later)).statusCode).toBe(401);
    const completed = await postCode(t.app, later, codeOf(secret, t.clock));
    expect(completed.statusCode).toBe(200);
    expect((await me(remember(sessionCookie(completed)))).statusCode).toBe(200);
  });

  it('gives the password refusal for an unknown email, an unverified one, a disabled account, a wrong state and a replayed code', async () => {
    const wrongPassword = refusal(await postSignIn(t.app, 'nobody@harbour-hotels.example', 'not-the-password'));
    expect(wrongPassword.status).toBe(401);

    const unknown = await newUser({ inWeft: false });
    const a = await throughProvider({ accountId: unknown.accountId, amr: ['mfa'] });
    const unknownAnswer = await callback(a.callback, a.cookie);
    expect(refusal(unknownAnswer)).toEqual(wrongPassword);
    expect(unknownAnswer.headers['set-cookie']).not.toContain('weft_session');

    // In Weft, but the provider has not verified the address.
    const unverified = await newUser({ verified: false });
    const b = await throughProvider({ accountId: unverified.accountId, amr: ['mfa'] });
    expect(refusal(await callback(b.callback, b.cookie))).toEqual(wrongPassword);

    const disabled = await newUser();
    await t.store.users.disable(disabled.user?.id ?? '', t.clock.now());
    const c = await throughProvider({ accountId: disabled.accountId, amr: ['mfa'] });
    expect(refusal(await callback(c.callback, c.cookie))).toEqual(wrongPassword);

    const known = await newUser();
    const d = await throughProvider({ accountId: known.accountId, amr: ['mfa'] });
    const forged = new URL(d.callback, 'http://localhost');
    forged.searchParams.set('state', 'an-attackers-state-value');
    expect(refusal(await callback(`${forged.pathname}${forged.search}`, d.cookie))).toEqual(wrongPassword);
    // No pending-request cookie at all.
    expect(refusal(await t.app.inject({ url: d.callback }))).toEqual(wrongPassword);

    const e = await throughProvider({ accountId: known.accountId, amr: ['mfa'] });
    const used = await callback(e.callback, e.cookie);
    expect(used.json()).toEqual({ next: 'signed_in' });
    remember(sessionCookieOf(used));
    // The same code (and the same cookie) a second time: the provider refuses the code.
    expect(refusal(await callback(e.callback, e.cookie))).toEqual(wrongPassword);
  });

  it('keeps the OIDC sign-ins in the ledger, and no email, token, code or state', async () => {
    const entries = await t.store.ledger.read(0, 100_000);
    const details = new Set(entries.filter((entry) => entry.action === 'sign_in').map((entry) => entry.detail));
    for (const detail of [
      'oidc',
      'oidc_mfa',
      'oidc_unknown_account',
      'oidc_email_unverified',
      'oidc_disabled',
      'oidc_rejected',
      'oidc_no_pending_request',
      'totp',
      'totp_enrolled',
    ]) {
      expect(details).toContain(detail);
    }
    expect(entries.find((entry) => entry.detail === 'oidc_unknown_account')).toMatchObject({
      actor: 'anonymous',
      organisation: null,
      objectIds: [],
      outcome: 'denied',
    });
    const rows = await t.store.database.query('SELECT * FROM ledger');
    const text = JSON.stringify(rows).toLowerCase();
    secrets.delete('');
    expect(secrets.size).toBeGreaterThan(15);
    for (const secret of secrets) expect(text).not.toContain(secret.toLowerCase());
    expect(await t.store.ledger.verify()).toMatchObject({ ok: true });
  });
});

describe('OIDC sign-in without configuration', () => {
  it('answers 404 on its routes and leaves password sign-in as it was', async () => {
    const [target] = databaseTargets();
    if (target === undefined) throw new Error('no database target');
    const t = await signInApp(target);
    try {
      for (const url of ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback?code=x&state=y']) {
        const response = await t.app.inject({ url });
        expect(response.statusCode).toBe(404);
        expect(response.json<{ error: { code: string } }>().error.code).toBe('not_found');
      }
      const document = t.app.swagger() as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths).filter((path) => path.includes('oidc'))).toEqual([]);
      const user = await addUser(t.store, { email: 'plain@harbour-hotels.example', password: PASSWORD });
      const first = await postSignIn(t.app, user.email, PASSWORD);
      expect(first.json()).toEqual({ next: 'totp_enrolment' });
    } finally {
      await t.close();
    }
  });
});

/** The `weft_session=<token>` pair among a response's cookies. */
function sessionCookieOf(response: LightMyRequestResponse): string {
  const pair = [response.headers['set-cookie']]
    .flat()
    .map(String)
    .find((line) => line.startsWith('weft_session='))
    ?.split(';')[0];
  if (pair === undefined) throw new Error('no session cookie');
  return pair;
}
