/**
 * Administration of organisations, API keys and accounts: who may list, create and change
 * organisations, issue and revoke keys, reset a second factor, unlock an account; and a user
 * changing their own password. Everything out of reach answers as if it did not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';
import {
  addUser,
  codeOf,
  HUB,
  postCode,
  postSignIn,
  sessionCookie,
  signInAndEnrol,
  signInApp,
  type SignInApp,
} from '../../../../test/support/sign-in.ts';
import { hashApiKey } from '../../../domain/access/index.ts';

const PASSWORD = 'quay-lantern-2041';
const NEW_PASSWORD = 'tide-table-copper-88';
const WRONG_PASSWORD = 'not-the-password-00';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const refusal = (response: LightMyRequestResponse) => {
  const { error } = response.json<{ error: { correlationId: string } }>();
  return { status: response.statusCode, error: { ...error, correlationId: undefined } };
};

describe.each(databaseTargets())('organisations, API keys and accounts on $name', (target) => {
  let t: SignInApp;
  const cookies = { hotelAdmin: '', policeAdmin: '', hubAdmin: '', reporter: '' };
  /** Every secret the tests handle: none may reach the ledger. */
  const secrets = new Set<string>([PASSWORD, NEW_PASSWORD, WRONG_PASSWORD]);

  const call = (
    cookie: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie, 'x-weft-purpose': 'investigation' },
      ...(payload === undefined ? {} : { payload }),
    });
  const byKey = (key: string, url: string) =>
    t.app.inject({
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${key}`, 'x-weft-purpose': 'investigation' },
    });
  const me = (cookie: string) => t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
  const changePassword = (cookie: string, currentPassword: string, newPassword: string) =>
    call(cookie, 'POST', '/auth/password', { currentPassword, newPassword });

  /** A complete sign-in of an enrolled user: a new session, next to any they have. */
  const signInAgain = async (email: string, password: string, secret: string) => {
    t.clock.nextStep();
    const pending = sessionCookie(await postSignIn(t.app, email, password));
    const done = await postCode(t.app, pending, codeOf(secret, t.clock));
    expect(done.statusCode).toBe(200);
    return sessionCookie(done);
  };

  let n = 0;
  /** A hotel user, signed in with both factors. */
  const signedInUser = async () => {
    n += 1;
    const email = `clerk.${n}@hotel.example`;
    const user = await addUser(t.store, { email, password: PASSWORD });
    const { cookie, secret } = await signInAndEnrol(t, { email, password: PASSWORD });
    secrets.add(secret);
    return { email, user, cookie, secret };
  };

  beforeAll(async () => {
    t = await signInApp(target);
    const people = [
      { key: 'hotelAdmin', email: 'admin@hotel.example', organisationId: HOTEL.id, clearance: 'confidential' },
      { key: 'policeAdmin', email: 'admin@police.example', organisationId: POLICE.id, clearance: 'secret' },
      { key: 'hubAdmin', email: 'admin@hub.example', organisationId: HUB.id, clearance: 'secret' },
    ] as const;
    for (const person of people) {
      await addUser(t.store, { ...person, password: PASSWORD, roles: ['admin'] });
      cookies[person.key] = (await signInAndEnrol(t, { email: person.email, password: PASSWORD })).cookie;
    }
    await addUser(t.store, { email: 'desk@hotel.example', password: PASSWORD, roles: ['reporter', 'analyst'] });
    cookies.reporter = (await signInAndEnrol(t, { email: 'desk@hotel.example', password: PASSWORD })).cookie;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('organisations', () => {
    it('shows every admin the members, with nothing secret, and nobody else', async () => {
      const listed = await call(cookies.hotelAdmin, 'GET', '/admin/organisations');
      expect(listed.statusCode).toBe(200);
      const { organisations } = listed.json<{ organisations: Record<string, unknown>[] }>();
      expect(organisations.map((organisation) => organisation['id'])).toEqual([HOTEL.id, POLICE.id, HUB.id].sort());
      for (const organisation of organisations) {
        expect(Object.keys(organisation).sort()).toEqual(['country', 'id', 'name', 'organisationType', 'sector']);
      }
      const police = await call(cookies.hotelAdmin, 'GET', `/admin/organisations/${POLICE.id}`);
      expect(police.json()).toEqual({
        id: POLICE.id,
        name: POLICE.name,
        organisationType: POLICE.organisationType,
        sector: POLICE.sector,
        country: POLICE.country ?? null,
      });
      expect((await call(cookies.hotelAdmin, 'GET', '/admin/organisations/no-such-org')).statusCode).toBe(404);

      expect((await call(cookies.reporter, 'GET', '/admin/organisations')).statusCode).toBe(403);
      const key = await t.store.organisations.issueApiKey(HOTEL.id, 'test', ['records:read']);
      expect((await byKey(key, '/admin/organisations')).statusCode).toBe(403);
    });

    it("lets a coordinator's admins alone add an organisation and change its name or sector", async () => {
      const bank = { id: 'north-bank', name: 'North Bank', organisationType: 'company', sector: 'finance' };
      const byHotel = await call(cookies.hotelAdmin, 'POST', '/admin/organisations', bank);
      expect(byHotel.statusCode).toBe(403);
      expect(await t.store.organisations.get(bank.id)).toBeUndefined();
      expect((await call(cookies.reporter, 'POST', '/admin/organisations', bank)).statusCode).toBe(403);

      const created = await call(cookies.hubAdmin, 'POST', '/admin/organisations', { ...bank, country: 'DE' });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({ ...bank, country: 'DE' });
      // An id is never taken over: no overwriting an organisation by adding it again.
      const again = await call(cookies.hubAdmin, 'POST', '/admin/organisations', { ...bank, name: 'Other' });
      expect(again.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'id' }] } });
      expect((await t.store.organisations.get(bank.id))?.name).toBe('North Bank');

      const renamedByPolice = await call(cookies.policeAdmin, 'PATCH', `/admin/organisations/${HOTEL.id}`, {
        name: 'Taken Over',
      });
      expect(renamedByPolice.statusCode).toBe(403);
      expect((await t.store.organisations.get(HOTEL.id))?.name).toBe(HOTEL.name);

      const changed = await call(cookies.hubAdmin, 'PATCH', `/admin/organisations/${bank.id}`, {
        name: 'North Bank plc',
        sector: 'supply_chain',
      });
      expect(changed.json()).toEqual({ ...bank, name: 'North Bank plc', sector: 'supply_chain', country: 'DE' });
      // Its type never changes: that would make a coordinator.
      const retyped = await call(cookies.hubAdmin, 'PATCH', `/admin/organisations/${bank.id}`, {
        organisationType: 'coordinator',
      });
      expect(retyped.statusCode).toBe(400);
      expect((await call(cookies.hubAdmin, 'PATCH', `/admin/organisations/${bank.id}`, {})).statusCode).toBe(400);
      expect(
        (await call(cookies.hubAdmin, 'PATCH', '/admin/organisations/no-such-org', { name: 'Nobody' })).statusCode,
      ).toBe(404);
      expect((await t.store.organisations.get(bank.id))?.organisationType).toBe('company');
    });
  });

  describe('API keys', () => {
    const newKey = (overrides: Record<string, unknown> = {}) => ({
      name: 'booking system',
      permissions: ['records:read'],
      roles: ['analyst'],
      clearance: 'restricted',
      ...overrides,
    });

    it('issues a key that works at once, shows its secret once, and stops it the moment it is revoked', async () => {
      const issued = await call(cookies.hotelAdmin, 'POST', '/admin/keys', newKey());
      expect(issued.statusCode).toBe(201);
      expect(issued.headers['cache-control']).toBe('no-store');
      const { key, secret } = issued.json<{ key: { id: string }; secret: string }>();
      secrets.add(secret).add(hashApiKey(secret));
      expect(secret).toMatch(/^weft_[A-Za-z0-9_-]{43}$/);
      expect(key).toEqual({
        id: expect.any(String) as unknown,
        organisationId: HOTEL.id,
        name: 'booking system',
        permissions: ['records:read'],
        roles: ['analyst'],
        clearance: 'restricted',
        createdAt: expect.any(String) as unknown,
        revokedAt: null,
      });

      const read = await byKey(secret, '/records');
      expect(read.statusCode).toBe(200);
      const whoAmI = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } });
      expect(whoAmI.json()).toMatchObject({ organisation: { id: HOTEL.id }, permissions: ['records:read'] });

      const listed = await call(cookies.hotelAdmin, 'GET', '/admin/keys');
      expect(listed.statusCode).toBe(200);
      expect(listed.json<{ keys: { id: string }[] }>().keys.map((summary) => summary.id)).toContain(key.id);
      expect(listed.body).not.toContain(secret);
      expect(listed.body).not.toContain(hashApiKey(secret));
      expect(listed.body).not.toMatch(/weft_|hash/i);

      // Another organisation's admins, even a coordinator's, see no such key.
      const missing = await call(cookies.policeAdmin, 'POST', `/admin/keys/${MISSING_ID}/revoke`);
      const malformed = await call(cookies.policeAdmin, 'POST', '/admin/keys/not-a-key/revoke');
      for (const cookie of [cookies.policeAdmin, cookies.hubAdmin]) {
        const foreign = await call(cookie, 'POST', `/admin/keys/${key.id}/revoke`);
        expect(foreign.statusCode).toBe(404);
        expect(refusal(foreign)).toEqual(refusal(missing));
        expect(refusal(foreign)).toEqual(refusal(malformed));
        const theirs = await call(cookie, 'GET', '/admin/keys');
        expect(theirs.json<{ keys: { id: string }[] }>().keys.map((summary) => summary.id)).not.toContain(key.id);
      }
      expect((await byKey(secret, '/records')).statusCode).toBe(200);
      expect((await call(cookies.reporter, 'POST', `/admin/keys/${key.id}/revoke`)).statusCode).toBe(403);

      const revoked = await call(cookies.hotelAdmin, 'POST', `/admin/keys/${key.id}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ id: key.id, revokedAt: expect.any(String) as unknown });
      expect((await byKey(secret, '/records')).statusCode).toBe(401);
      expect(
        (await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } })).statusCode,
      ).toBe(401);
      // Revoking it again changes nothing.
      const again = await call(cookies.hotelAdmin, 'POST', `/admin/keys/${key.id}/revoke`);
      expect(again.json()).toEqual(revoked.json());
      const after = await call(cookies.hotelAdmin, 'GET', '/admin/keys');
      expect(after.json<{ keys: { id: string; revokedAt: string | null }[] }>().keys).toContainEqual(
        expect.objectContaining({ id: key.id, revokedAt: expect.any(String) as unknown }),
      );
    });

    it('gives a key record permissions alone, and no clearance above the issuer’s own', async () => {
      for (const permissions of [['admin'], ['audit:read'], []]) {
        const refused = await call(cookies.hotelAdmin, 'POST', '/admin/keys', newKey({ permissions }));
        expect(refused.statusCode).toBe(400);
      }
      const above = await call(cookies.hotelAdmin, 'POST', '/admin/keys', newKey({ clearance: 'secret' }));
      expect(above.statusCode).toBe(403);
      const writer = await call(
        cookies.hotelAdmin,
        'POST',
        '/admin/keys',
        newKey({ permissions: ['records:write', 'records:read'], roles: ['reporter'], clearance: 'confidential' }),
      );
      expect(writer.statusCode).toBe(201);
      const { secret } = writer.json<{ secret: string }>();
      secrets.add(secret);
      // A key never administers, whatever its roles.
      expect((await byKey(secret, '/admin/keys')).statusCode).toBe(403);
      expect((await call(cookies.reporter, 'POST', '/admin/keys', newKey())).statusCode).toBe(403);
      expect((await call(cookies.reporter, 'GET', '/admin/keys')).statusCode).toBe(403);
    });
  });

  describe('accounts', () => {
    it('resets a second factor: sessions end and the user must enrol again', async () => {
      const clerk = await signedInUser();
      expect((await me(clerk.cookie)).statusCode).toBe(200);

      const missing = await call(cookies.policeAdmin, 'POST', `/admin/users/${MISSING_ID}/reset-second-factor`);
      const foreign = await call(cookies.policeAdmin, 'POST', `/admin/users/${clerk.user.id}/reset-second-factor`);
      expect(foreign.statusCode).toBe(404);
      expect(refusal(foreign)).toEqual(refusal(missing));
      expect(
        (await call(cookies.reporter, 'POST', `/admin/users/${clerk.user.id}/reset-second-factor`)).statusCode,
      ).toBe(403);
      expect((await me(clerk.cookie)).statusCode).toBe(200);

      const reset = await call(cookies.hotelAdmin, 'POST', `/admin/users/${clerk.user.id}/reset-second-factor`);
      expect(reset.statusCode).toBe(200);
      expect(reset.json()).toMatchObject({ id: clerk.user.id, secondFactor: 'not_enrolled' });
      expect((await me(clerk.cookie)).statusCode).toBe(401);
      const stored = await t.store.users.findById(clerk.user.id);
      expect(stored).toMatchObject({ totpSecret: null, totpConfirmedAt: null, totpLastStep: null });

      // The old authenticator opens nothing: the password step asks for a new enrolment.
      t.clock.nextStep();
      const signIn = await postSignIn(t.app, clerk.email, PASSWORD);
      expect(signIn.json()).toEqual({ next: 'totp_enrolment' });
      const oldCode = await postCode(t.app, sessionCookie(signIn), codeOf(clerk.secret, t.clock));
      expect(oldCode.statusCode).toBe(401);
      const enrolled = await signInAndEnrol(t, { email: clerk.email, password: PASSWORD });
      secrets.add(enrolled.secret);
      expect(enrolled.secret).not.toBe(clerk.secret);
      expect((await me(enrolled.cookie)).statusCode).toBe(200);
    });

    it('unlocks an account locked by failed sign-ins', async () => {
      const clerk = await signedInUser();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await postSignIn(t.app, clerk.email, WRONG_PASSWORD)).statusCode).toBe(401);
      }
      expect((await postSignIn(t.app, clerk.email, PASSWORD)).statusCode).toBe(401);
      const users = await call(cookies.hotelAdmin, 'GET', '/admin/users');
      expect(users.json<{ users: { id: string; lockedUntil: string | null }[] }>().users).toContainEqual(
        expect.objectContaining({ id: clerk.user.id, lockedUntil: expect.any(String) as unknown }),
      );

      const missing = await call(cookies.policeAdmin, 'POST', `/admin/users/${MISSING_ID}/unlock`);
      const foreign = await call(cookies.policeAdmin, 'POST', `/admin/users/${clerk.user.id}/unlock`);
      expect(foreign.statusCode).toBe(404);
      expect(refusal(foreign)).toEqual(refusal(missing));
      expect((await call(cookies.reporter, 'POST', `/admin/users/${clerk.user.id}/unlock`)).statusCode).toBe(403);
      expect((await postSignIn(t.app, clerk.email, PASSWORD)).statusCode).toBe(401);

      const unlocked = await call(cookies.hotelAdmin, 'POST', `/admin/users/${clerk.user.id}/unlock`);
      expect(unlocked.statusCode).toBe(200);
      expect(unlocked.json()).toMatchObject({ id: clerk.user.id, lockedUntil: null });
      expect((await t.store.users.findById(clerk.user.id))?.failedAttempts).toBe(0);
      expect((await postSignIn(t.app, clerk.email, PASSWORD)).json()).toEqual({ next: 'totp' });

      // A coordinator's admins reach every organisation's users.
      await t.store.users.lock(clerk.user.id, new Date(t.clock.now().getTime() + 60_000));
      const byHub = await call(cookies.hubAdmin, 'POST', `/admin/users/${clerk.user.id}/unlock`);
      expect(byHub.json()).toMatchObject({ lockedUntil: null });
    });

    it('changes your own password: other sessions end, and the old password stops working', async () => {
      const clerk = await signedInUser();
      const other = await signInAgain(clerk.email, PASSWORD, clerk.secret);
      expect((await me(other)).statusCode).toBe(200);

      const weak = await changePassword(clerk.cookie, PASSWORD, 'short');
      expect(weak.json()).toMatchObject({
        error: { code: 'validation_failed', details: [{ field: 'newPassword' }] },
      });
      expect((await changePassword(clerk.cookie, PASSWORD, PASSWORD)).statusCode).toBe(400);
      const wrong = await changePassword(clerk.cookie, WRONG_PASSWORD, NEW_PASSWORD);
      expect(wrong.statusCode).toBe(403);
      expect((await t.store.users.findById(clerk.user.id))?.failedAttempts).toBe(1);

      const changed = await changePassword(clerk.cookie, PASSWORD, NEW_PASSWORD);
      expect(changed.statusCode).toBe(204);
      expect((await me(clerk.cookie)).statusCode).toBe(200);
      expect((await me(other)).statusCode).toBe(401);
      expect((await t.store.users.findById(clerk.user.id))?.passwordHash).toMatch(/^\$argon2id\$/);
      expect((await postSignIn(t.app, clerk.email, PASSWORD)).statusCode).toBe(401);
      expect((await postSignIn(t.app, clerk.email, NEW_PASSWORD)).json()).toEqual({ next: 'totp' });
    });

    it('counts a wrong current password towards the lockout, and a locked account changes nothing', async () => {
      const clerk = await signedInUser();
      const before = (await t.store.users.findById(clerk.user.id))?.passwordHash;
      const first = await changePassword(clerk.cookie, WRONG_PASSWORD, NEW_PASSWORD);
      for (let attempt = 1; attempt < 5; attempt += 1) {
        expect((await changePassword(clerk.cookie, WRONG_PASSWORD, NEW_PASSWORD)).statusCode).toBe(403);
      }
      expect((await t.store.users.findById(clerk.user.id))?.lockedUntil).not.toBeNull();
      const locked = await changePassword(clerk.cookie, PASSWORD, NEW_PASSWORD);
      expect(refusal(locked)).toEqual(refusal(first));
      expect((await t.store.users.findById(clerk.user.id))?.passwordHash).toBe(before);
      expect((await postSignIn(t.app, clerk.email, PASSWORD)).statusCode).toBe(401);

      const details = (await t.store.ledger.read(0, 100_000))
        .filter((entry) => entry.objectIds.includes(clerk.user.id) && entry.action === 'administer')
        .map((entry) => `${entry.outcome}:${entry.detail ?? ''}`);
      expect(details).toEqual([
        ...Array.from({ length: 5 }, () => 'denied:password_change_wrong_password').flatMap((detail, index) =>
          index === 4 ? [detail, 'denied:lockout'] : [detail],
        ),
        'denied:password_change_locked',
      ]);
    });

    it('has no password to change for an API key or without a session', async () => {
      const key = await t.store.organisations.issueApiKey(HOTEL.id, 'test', ['records:read']);
      const byApiKey = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { authorization: `Bearer ${key}` },
        payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(byApiKey.statusCode).toBe(403);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  it('records every administrative act in the ledger, and no secret', async () => {
    const entries = (await t.store.ledger.read(0, 100_000)).filter((entry) => entry.action === 'administer');
    const done = new Set(entries.filter((entry) => entry.outcome === 'ok').map((entry) => entry.detail));
    for (const detail of [
      'organisations_listed',
      'organisation_read',
      'organisation_created',
      'organisation_changed',
      'keys_listed',
      'key_issued',
      'key_revoked',
      'key_already_revoked',
      'user_second_factor_reset',
      'user_unlocked',
      'password_changed',
    ]) {
      expect(done, detail).toContain(detail);
    }
    const refused = new Set(entries.filter((entry) => entry.outcome === 'denied').map((entry) => entry.detail));
    for (const detail of [
      'organisation_change_refused',
      'organisation_out_of_reach',
      'key_out_of_reach',
      'user_out_of_reach',
      'password_change_wrong_password',
    ]) {
      expect(refused, detail).toContain(detail);
    }
    expect(entries.every((entry) => entry.actor.startsWith('user:'))).toBe(true);
    const issued = entries.find((entry) => entry.detail === 'key_issued');
    expect(issued).toMatchObject({ organisation: HOTEL.id, objectIds: [expect.stringMatching(/^key:/) as unknown] });
    const text = JSON.stringify(await t.store.database.query('SELECT * FROM ledger'));
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('hotel.example');
  });
});
