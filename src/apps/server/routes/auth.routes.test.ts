import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { databaseTargets } from '../../../../test/support/databases.ts';
import {
  addUser,
  codeOf,
  postCode,
  postSignIn,
  sessionCookie,
  signInAndEnrol,
  signInApp,
  tokenOf,
  type SignInApp,
} from '../../../../test/support/sign-in.ts';
import { guestAndBooking } from '../../../../test/fixtures/records.ts';
import { decodeTotpSecret, hotp, totpStep } from '../../../domain/access/index.ts';

const PASSWORD = 'lantern-harbour-97';

/** An error body without its correlation id, which differs on every request by design. */
const refusal = (response: LightMyRequestResponse) => {
  const { error } = response.json<{ error: { correlationId: string } }>();
  return { status: response.statusCode, error: { ...error, correlationId: undefined } };
};

describe.each(databaseTargets())('signing in on $name', (target) => {
  let t: SignInApp;
  /** Every email, password, code and token the tests use: none may reach the ledger. */
  const secrets = { texts: new Set<string>([PASSWORD]), codes: new Set<string>() };
  const remember = (cookie: string) => {
    secrets.texts.add(tokenOf(cookie));
    return cookie;
  };
  let n = 0;
  const newUser = async (roles: Parameters<typeof addUser>[1]['roles'] = ['reporter']) => {
    n += 1;
    const spec = { email: `Staff.${n}@Harbour-Hotels.example`, password: PASSWORD, roles };
    secrets.texts.add(spec.email).add(spec.email.toLowerCase());
    const user = await addUser(t.store, spec);
    return { ...spec, user };
  };
  const get = (url: string, cookie: string) =>
    t.app.inject({ url, headers: { cookie, 'x-weft-purpose': 'investigation' } });

  beforeAll(async () => {
    t = await signInApp(target);
  });
  afterAll(async () => {
    await t.close();
  });

  it('goes from password to TOTP enrolment to a session that writes and reads records', async () => {
    const spec = await newUser();
    const first = await postSignIn(t.app, spec.email, spec.password);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ next: 'totp_enrolment' });
    expect(first.headers['cache-control']).toBe('no-store');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^weft_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    const pending = remember(sessionCookie(first));

    const enrolment = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrol',
      headers: { cookie: pending },
    });
    expect(enrolment.statusCode).toBe(200);
    const { secret, otpauthUri } = enrolment.json<{ secret: string; otpauthUri: string }>();
    secrets.texts.add(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    const stored = await t.store.users.findById(spec.user.id);
    expect(stored?.totpSecret).toMatch(/^wf1:/);
    expect(stored?.totpSecret).not.toContain(secret);

    const code = codeOf(secret, t.clock);
    secrets.codes.add(code);
    const done = await postCode(t.app, pending, code);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ signedIn: true });
    const session = remember(sessionCookie(done));
    expect(session).not.toBe(pending);

    const written = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { cookie: session },
      payload: { sourceSystem: 'bookings', envelope: { tlp: 'AMBER' }, records: guestAndBooking() },
    });
    expect(written.statusCode).toBe(200);
    expect(written.json()).toMatchObject({ inserted: 3 });
    const read = await get('/api/v1/records', session);
    expect(read.statusCode).toBe(200);
    expect(read.json<{ records: unknown[] }>().records).toHaveLength(3);

    const me = await get('/api/v1/auth/me', session);
    expect(me.json()).toEqual({
      user: { id: spec.user.id, email: spec.email.toLowerCase(), displayName: spec.user.displayName },
      organisation: expect.objectContaining({ id: 'harbour-hotels' }) as unknown,
      roles: ['reporter'],
      clearance: 'restricted',
      permissions: ['records:write', 'records:read'],
      purposes: ['investigation', 'screening', 'victim_support'],
    });

    // Next time the account has a confirmed second factor: the code, not enrolment.
    t.clock.nextStep();
    const again = await postSignIn(t.app, spec.email.toUpperCase(), spec.password);
    expect(again.json()).toEqual({ next: 'totp' });
    const later = remember(sessionCookie(again));
    const enrolAgain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrol',
      headers: { cookie: later },
    });
    expect(enrolAgain.statusCode).toBe(403);
  });

  it('refuses a password-stage session on every /api/v1 route but the sign-in steps', async () => {
    const spec = await newUser(['admin', 'analyst', 'reporter', 'auditor']);
    const pending = remember(sessionCookie(await postSignIn(t.app, spec.email, spec.password)));
    const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const probed: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      // Gateways authenticate with their own token, not a session (report.routes.test.ts).
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/auth/') || path.startsWith('/api/v1/channels/')) {
        continue;
      }
      for (const method of Object.keys(operations)) {
        const url = path.replaceAll(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const response = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: { cookie: pending },
          ...(method === 'get' || method === 'delete' ? {} : { payload: {} }),
        });
        expect({ route: `${method} ${path}`, status: response.statusCode }).toEqual({
          route: `${method} ${path}`,
          status: 401,
        });
        expect(response.json<{ error: { code: string } }>().error.code).toBe('unauthenticated');
        probed.push(`${method} ${path}`);
      }
    }
    expect(probed).toEqual(
      expect.arrayContaining(['get /api/v1/records', 'post /api/v1/records', 'post /api/v1/admin/users']),
    );
    expect((await get('/api/v1/auth/me', pending)).statusCode).toBe(401);
  });

  it('opens nothing without the second factor', async () => {
    const spec = await newUser();
    const { secret } = await signInAndEnrol(t, spec);
    t.clock.nextStep();
    const pending = remember(sessionCookie(await postSignIn(t.app, spec.email, spec.password)));
    const token = tokenOf(pending);

    // The password-stage token as an API key, or beside a second cookie, opens nothing either.
    const asBearer = await t.app.inject({ url: '/api/v1/records', headers: { authorization: `Bearer ${token}` } });
    expect(asBearer.statusCode).toBe(401);
    expect((await get('/api/v1/records', `${pending}; weft_session=${token}`)).statusCode).toBe(401);
    // No cookie, a made-up cookie, a wrong code, a code of the wrong shape.
    expect((await postCode(t.app, '', codeOf(secret, t.clock))).statusCode).toBe(401);
    expect((await postCode(t.app, `weft_session=${'A'.repeat(43)}`, codeOf(secret, t.clock))).statusCode).toBe(401);
    const wrong = String((Number(codeOf(secret, t.clock)) + 1) % 1_000_000).padStart(6, '0');
    secrets.codes.add(wrong);
    expect((await postCode(t.app, pending, wrong)).statusCode).toBe(401);
    expect((await postCode(t.app, pending, 'abcdef')).statusCode).toBe(401);

    // The second step waits ten minutes at most.
    t.clock.advance(11 * 60 * 1000);
    t.clock.nextStep();
    const late = codeOf(secret, t.clock);
    secrets.codes.add(late);
    expect((await postCode(t.app, pending, late)).statusCode).toBe(401);

    // Once complete, the password-stage token is gone: the session id rotated.
    t.clock.nextStep();
    const fresh = remember(sessionCookie(await postSignIn(t.app, spec.email, spec.password)));
    const code = codeOf(secret, t.clock);
    secrets.codes.add(code);
    const done = await postCode(t.app, fresh, code);
    expect(done.statusCode).toBe(200);
    remember(sessionCookie(done));
    expect((await get('/api/v1/records', fresh)).statusCode).toBe(401);
    t.clock.nextStep();
    expect((await postCode(t.app, fresh, codeOf(secret, t.clock))).statusCode).toBe(401);
  });

  it('answers an unknown email exactly as a wrong password, after the same hashing work', async () => {
    const spec = await newUser();
    const unknown = 'nobody.here@harbour-hotels.example';
    secrets.texts.add(unknown);
    const timed = async (email: string, password: string) => {
      const started = performance.now();
      const response = await postSignIn(t.app, email, password);
      return { response, ms: performance.now() - started };
    };
    const wrong = await timed(spec.email, 'not-the-password-1');
    const missing = await timed(unknown, 'not-the-password-1');
    secrets.texts.add('not-the-password-1');
    expect(refusal(wrong.response)).toEqual(refusal(missing.response));
    expect(wrong.response.statusCode).toBe(401);
    expect(wrong.response.headers['set-cookie']).toBeUndefined();
    expect(missing.response.headers['set-cookie']).toBeUndefined();
    const headerNames = (response: LightMyRequestResponse) =>
      Object.keys(response.headers)
        .filter((name) => name !== 'date')
        .sort();
    expect(headerNames(wrong.response)).toEqual(headerNames(missing.response));

    // Roughly the same time: both run Argon2 (tens of milliseconds); skipping it would take ~1 ms.
    const median = (values: number[]) => values.sort((a, b) => a - b)[1] ?? 0;
    const wrongTimes = [wrong.ms, (await timed(spec.email, 'not-the-password-2')).ms];
    const missingTimes = [missing.ms, (await timed(unknown, 'not-the-password-2')).ms];
    wrongTimes.push((await timed(spec.email, 'not-the-password-3')).ms);
    missingTimes.push((await timed(unknown, 'not-the-password-3')).ms);
    secrets.texts.add('not-the-password-2').add('not-the-password-3');
    expect(median(missingTimes)).toBeGreaterThan(median(wrongTimes) * 0.3);
  });

  it('locks an account for 15 minutes after five wrong passwords, with the same answer', async () => {
    const spec = await newUser();
    const unknown = await postSignIn(t.app, 'nobody.else@harbour-hotels.example', spec.password);
    secrets.texts.add('nobody.else@harbour-hotels.example');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await postSignIn(t.app, spec.email, 'not-the-password-4')).statusCode).toBe(401);
    }
    secrets.texts.add('not-the-password-4');
    const locked = await postSignIn(t.app, spec.email, spec.password);
    expect(refusal(locked)).toEqual(refusal(unknown));

    t.clock.advance(14 * 60 * 1000);
    expect((await postSignIn(t.app, spec.email, spec.password)).statusCode).toBe(401);
    t.clock.advance(60 * 1000 + 1);
    const open = await postSignIn(t.app, spec.email, spec.password);
    expect(open.statusCode).toBe(200);
    remember(sessionCookie(open));

    const details = await ledgerDetails(spec.user.id);
    expect(details.filter((detail) => detail === 'wrong_password')).toHaveLength(5);
    expect(details).toContain('lockout');
    expect(details.filter((detail) => detail === 'locked')).toHaveLength(2);
  });

  it('counts wrong TOTP codes towards the lockout', async () => {
    const spec = await newUser();
    const { secret } = await signInAndEnrol(t, spec);
    t.clock.nextStep();
    const pending = remember(sessionCookie(await postSignIn(t.app, spec.email, spec.password)));
    const right = codeOf(secret, t.clock);
    const wrong = String((Number(right) + 7) % 1_000_000).padStart(6, '0');
    secrets.codes.add(right).add(wrong);
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect((await postCode(t.app, pending, wrong)).statusCode).toBe(401);
    // Locked now: the right code and the right password are refused alike.
    expect((await postCode(t.app, pending, right)).statusCode).toBe(401);
    expect((await postSignIn(t.app, spec.email, spec.password)).statusCode).toBe(401);
    const details = await ledgerDetails(spec.user.id);
    expect(details.filter((detail) => detail === 'totp_failed')).toHaveLength(5);
    expect(details).toContain('lockout');
  });

  it('never accepts a TOTP code twice, nor an older one after it', async () => {
    const spec = await newUser();
    const { secret } = await signInAndEnrol(t, spec);
    t.clock.nextStep();
    const first = remember(sessionCookie(await postSignIn(t.app, spec.email, spec.password)));
    const code = codeOf(secret, t.clock);
    secrets.codes.add(code);
    expect((await postCode(t.app, first, code)).statusCode).toBe(200);

    // Same step, same code, a new password-stage session: refused.
    const second = remember(sessionCookie(await postSignIn(t.app, spec.email, spec.password)));
    expect((await postCode(t.app, second, code)).statusCode).toBe(401);
    // The previous step's code is within the window but before the step accepted: refused.
    const previous = hotp(decodeTotpSecret(secret), totpStep(t.clock.now()) - 1);
    secrets.codes.add(previous);
    expect((await postCode(t.app, second, previous)).statusCode).toBe(401);
    // The next step's code is fine.
    t.clock.nextStep();
    const next = codeOf(secret, t.clock);
    secrets.codes.add(next);
    const done = await postCode(t.app, second, next);
    expect(done.statusCode).toBe(200);
    remember(sessionCookie(done));
  });

  it('ends a session after 30 idle minutes, and not while it is used', async () => {
    const spec = await newUser();
    const { cookie } = await signInAndEnrol(t, spec);
    remember(cookie);
    for (let hop = 0; hop < 3; hop += 1) {
      t.clock.advance(29 * 60 * 1000);
      expect((await get('/api/v1/records', cookie)).statusCode).toBe(200);
    }
    t.clock.advance(30 * 60 * 1000 + 1);
    expect((await get('/api/v1/records', cookie)).statusCode).toBe(401);
    // Gone for good: winding the clock back does not revive it.
    t.clock.advance(-60 * 60 * 1000);
    expect((await get('/api/v1/records', cookie)).statusCode).toBe(401);
    t.clock.advance(60 * 60 * 1000);
    expect(await ledgerDetails(spec.user.id, 'sign_out')).toEqual(['idle_timeout']);
  });

  it('ends the sessions of a disabled user at once, and refuses their sign-in alike', async () => {
    const admin = await newUser(['admin']);
    const { cookie: adminCookie } = await signInAndEnrol(t, admin);
    const spec = await newUser();
    const { cookie } = await signInAndEnrol(t, spec);
    remember(adminCookie);
    remember(cookie);
    expect((await get('/api/v1/records', cookie)).statusCode).toBe(200);
    const disabled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${spec.user.id}/disable`,
      headers: { cookie: adminCookie },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: spec.user.id, disabledAt: expect.any(String) as unknown });
    expect((await get('/api/v1/records', cookie)).statusCode).toBe(401);
    const refused = await postSignIn(t.app, spec.email, spec.password);
    const unknown = await postSignIn(t.app, 'no.one@harbour-hotels.example', spec.password);
    secrets.texts.add('no.one@harbour-hotels.example');
    expect(refusal(refused)).toEqual(refusal(unknown));
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const spec = await newUser();
    const { cookie } = await signInAndEnrol(t, spec);
    remember(cookie);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toBe('weft_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
    expect((await get('/api/v1/records', cookie)).statusCode).toBe(401);
    expect(await ledgerDetails(spec.user.id, 'sign_out')).toHaveLength(1);
  });

  it('marks the cookie Secure except over plain HTTP to this machine', async () => {
    const spec = await newUser();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { host: 'weft.example.org' },
      payload: { email: spec.email, password: spec.password },
    });
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure$/);
    remember(sessionCookie(response));
  });

  it('keeps every step in the ledger, and no email, password, code or token', async () => {
    const entries = await t.store.ledger.read(0, 100_000);
    const signIns = entries.filter((entry) => entry.action === 'sign_in');
    expect(new Set(signIns.map((entry) => entry.detail))).toEqual(
      new Set([
        'password',
        'totp_enrolment_started',
        'totp_enrolled',
        'totp',
        'totp_failed',
        'totp_already_enrolled',
        'unknown_account',
        'wrong_password',
        'lockout',
        'locked',
        'disabled',
        'expired',
      ]),
    );
    expect(signIns.find((entry) => entry.detail === 'unknown_account')).toMatchObject({
      actor: 'anonymous',
      organisation: null,
      objectIds: [],
      outcome: 'denied',
    });
    expect(entries.filter((entry) => entry.action === 'sign_out').map((entry) => entry.detail)).toEqual(
      expect.arrayContaining(['idle_timeout']),
    );
    const rows = await t.store.database.query(
      'SELECT actor, organisation, action, request_id, purpose, object_ids, outcome, detail FROM ledger',
    );
    const text = JSON.stringify(rows);
    const lower = text.toLowerCase();
    expect(secrets.texts.size).toBeGreaterThan(20);
    for (const secret of secrets.texts) expect(lower).not.toContain(secret.toLowerCase());
    expect(secrets.codes.size).toBeGreaterThan(5);
    for (const code of secrets.codes) expect(text).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(await t.store.ledger.verify()).toMatchObject({ ok: true });
  });

  async function ledgerDetails(userId: string, action = 'sign_in'): Promise<(string | null)[]> {
    const entries = await t.store.ledger.read(0, 100_000);
    return entries
      .filter((entry) => entry.action === action && entry.objectIds.includes(userId))
      .map((entry) => entry.detail ?? null);
  }
});
