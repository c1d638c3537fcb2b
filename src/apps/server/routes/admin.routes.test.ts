import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { HOTEL, POLICE, guestAndBooking } from '../../../../test/fixtures/records.ts';
import {
  addUser,
  HUB,
  postSignIn,
  signInAndEnrol,
  signInApp,
  type SignInApp,
} from '../../../../test/support/sign-in.ts';

const PASSWORD = 'quay-lantern-2041';
const NEW_PASSWORD = 'tide-table-copper-88';

const refusal = (response: LightMyRequestResponse) => {
  const { error } = response.json<{ error: { correlationId: string } }>();
  return { status: response.statusCode, error: { ...error, correlationId: undefined } };
};

describe.each(databaseTargets())('administration on $name', (target) => {
  let t: SignInApp;
  const cookies = { hotelAdmin: '', policeAdmin: '', hubAdmin: '', reporter: '' };
  let reporterId = '';

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
    reporterId = (await addUser(t.store, { email: 'desk@hotel.example', password: PASSWORD })).id;
    cookies.reporter = (await signInAndEnrol(t, { email: 'desk@hotel.example', password: PASSWORD })).cookie;
  });
  afterAll(async () => {
    await t.close();
  });

  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: 'Night.Manager@Hotel.example',
    displayName: 'Night Manager',
    roles: ['reporter'],
    clearance: 'restricted',
    password: NEW_PASSWORD,
    ...overrides,
  });

  it('creates a user who then signs in and enrols a second factor', async () => {
    const created = await call(cookies.hotelAdmin, 'POST', '/admin/users', newUser());
    expect(created.statusCode).toBe(201);
    const body = created.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      organisationId: HOTEL.id,
      email: 'night.manager@hotel.example',
      roles: ['reporter'],
      secondFactor: 'not_enrolled',
      disabledAt: null,
    });
    expect(JSON.stringify(body)).not.toMatch(/argon|password|totp|wf1:/i);
    const signIn = await postSignIn(t.app, 'night.manager@hotel.example', NEW_PASSWORD);
    expect(signIn.json()).toEqual({ next: 'totp_enrolment' });
  });

  it('refuses a password that breaks the rules, saying why, and an email in use', async () => {
    const weak = await call(
      cookies.hotelAdmin,
      'POST',
      '/admin/users',
      newUser({ email: 'a@hotel.example', password: 'short' }),
    );
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        details: [{ field: 'password', message: 'A password needs at least 12 characters.' }],
      },
    });
    const repeated = await call(
      cookies.hotelAdmin,
      'POST',
      '/admin/users',
      newUser({ email: 'b@hotel.example', password: 'z'.repeat(14) }),
    );
    expect(repeated.json()).toMatchObject({ error: { message: 'A password may not be one character repeated.' } });
    const taken = await call(
      cookies.hotelAdmin,
      'POST',
      '/admin/users',
      newUser({ email: 'NIGHT.manager@hotel.example' }),
    );
    expect(taken.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'email' }] } });
  });

  it("keeps admins to their own organisation, and lets a coordinator's admins reach any", async () => {
    const elsewhere = await call(
      cookies.hotelAdmin,
      'POST',
      '/admin/users',
      newUser({ email: 'x@police.example', organisationId: POLICE.id }),
    );
    const nowhere = await call(
      cookies.hotelAdmin,
      'POST',
      '/admin/users',
      newUser({ email: 'x@police.example', organisationId: 'no-such-org' }),
    );
    expect(elsewhere.statusCode).toBe(404);
    expect(refusal(elsewhere)).toEqual(refusal(nowhere));

    const byHub = await call(
      cookies.hubAdmin,
      'POST',
      '/admin/users',
      newUser({ email: 'x@police.example', organisationId: POLICE.id }),
    );
    expect(byHub.statusCode).toBe(201);
    const policeUserId = byHub.json<{ id: string }>().id;

    expect((await call(cookies.hotelAdmin, 'GET', `/admin/users?organisationId=${POLICE.id}`)).statusCode).toBe(404);
    const listed = await call(cookies.hubAdmin, 'GET', `/admin/users?organisationId=${POLICE.id}`);
    expect(listed.json<{ users: { email: string }[] }>().users.map((user) => user.email)).toEqual([
      'admin@police.example',
      'x@police.example',
    ]);
    const ownList = await call(cookies.hotelAdmin, 'GET', '/admin/users');
    expect(
      ownList.json<{ users: { organisationId: string }[] }>().users.every((user) => user.organisationId === HOTEL.id),
    ).toBe(true);

    const foreign = await call(cookies.hotelAdmin, 'POST', `/admin/users/${policeUserId}/disable`);
    const missing = await call(cookies.hotelAdmin, 'POST', '/admin/users/00000000-0000-4000-8000-000000000000/disable');
    const malformed = await call(cookies.hotelAdmin, 'POST', '/admin/users/not-an-id/disable');
    expect(foreign.statusCode).toBe(404);
    expect(refusal(foreign)).toEqual(refusal(missing));
    expect(refusal(foreign)).toEqual(refusal(malformed));
    expect((await t.store.users.findById(policeUserId))?.disabledAt).toBeNull();
  });

  it('lets nobody grant a clearance above their own', async () => {
    const created = await call(
      cookies.hotelAdmin,
      'POST',
      '/admin/users',
      newUser({ email: 'c@hotel.example', clearance: 'secret' }),
    );
    expect(created.statusCode).toBe(403);
    const raised = await call(cookies.hotelAdmin, 'PATCH', `/admin/users/${reporterId}`, { clearance: 'secret' });
    expect(raised.statusCode).toBe(403);
    const allowed = await call(cookies.hotelAdmin, 'PATCH', `/admin/users/${reporterId}`, {
      clearance: 'confidential',
    });
    expect(allowed.json()).toMatchObject({ clearance: 'confidential' });
  });

  it("applies a change of roles from the user's next request", async () => {
    const batch = { sourceSystem: 'bookings', records: guestAndBooking() };
    expect((await call(cookies.reporter, 'POST', '/records', batch)).statusCode).toBe(200);
    const changed = await call(cookies.hotelAdmin, 'PATCH', `/admin/users/${reporterId}`, { roles: ['analyst'] });
    expect(changed.json()).toMatchObject({ roles: ['analyst'] });
    expect((await call(cookies.reporter, 'POST', '/records', batch)).statusCode).toBe(403);
    expect((await call(cookies.hotelAdmin, 'PATCH', `/admin/users/${reporterId}`, {})).statusCode).toBe(400);
  });

  it('is for admins alone: not for other roles, nor any API key', async () => {
    expect((await call(cookies.reporter, 'GET', '/admin/users')).statusCode).toBe(403);
    // Even a key whose row claims administration is held to the permissions keys may carry.
    const key = await t.store.organisations.issueApiKey(HOTEL.id, 'test', ['records:read', 'admin' as 'records:read']);
    const byKey = await t.app.inject({ url: '/api/v1/admin/users', headers: { authorization: `Bearer ${key}` } });
    expect(byKey.statusCode).toBe(403);
  });

  it('lists the member organisations to every member, not to the public', async () => {
    const listed = await call(cookies.reporter, 'GET', '/organisations');
    expect(listed.statusCode).toBe(200);
    const ids = listed.json<{ organisations: { id: string; name: string }[] }>().organisations.map((each) => each.id);
    expect(ids).toEqual(expect.arrayContaining([HOTEL.id, POLICE.id, HUB.id]));
    expect((await t.app.inject({ url: '/api/v1/organisations' })).statusCode).toBe(401);
  });

  it("shows a sharing group's members to its members' admins only, like a group that does not exist", async () => {
    const created = await call(cookies.hotelAdmin, 'POST', '/admin/groups', {
      id: 'harbour-watch',
      name: 'Harbour watch',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'harbour-watch', createdBy: HOTEL.id, members: [HOTEL.id] });
    expect(
      (await call(cookies.policeAdmin, 'POST', '/admin/groups', { id: 'harbour-watch', name: 'Again' })).statusCode,
    ).toBe(400);

    const hidden = await call(cookies.policeAdmin, 'GET', '/admin/groups/harbour-watch');
    const absent = await call(cookies.policeAdmin, 'GET', '/admin/groups/no-such-group');
    expect(hidden.statusCode).toBe(404);
    expect(refusal(hidden)).toEqual(refusal(absent));
    expect(
      (await call(cookies.policeAdmin, 'POST', `/admin/groups/harbour-watch/members/${POLICE.id}`)).statusCode,
    ).toBe(404);
    expect((await call(cookies.policeAdmin, 'GET', '/admin/groups')).json()).toEqual({ groups: [] });

    const added = await call(cookies.hotelAdmin, 'POST', `/admin/groups/harbour-watch/members/${POLICE.id}`);
    expect(added.json()).toMatchObject({ members: [POLICE.id, HOTEL.id].sort() });
    expect((await call(cookies.hotelAdmin, 'POST', '/admin/groups/harbour-watch/members/no-such-org')).statusCode).toBe(
      404,
    );
    expect((await call(cookies.policeAdmin, 'GET', '/admin/groups/harbour-watch')).statusCode).toBe(200);
    expect((await call(cookies.policeAdmin, 'GET', '/admin/groups')).json()).toMatchObject({
      groups: [{ id: 'harbour-watch' }],
    });

    expect(
      (await call(cookies.policeAdmin, 'DELETE', `/admin/groups/harbour-watch/members/${HOTEL.id}`)).statusCode,
    ).toBe(204);
    expect((await call(cookies.hotelAdmin, 'GET', '/admin/groups/harbour-watch')).statusCode).toBe(404);
    const last = await call(cookies.policeAdmin, 'DELETE', `/admin/groups/harbour-watch/members/${POLICE.id}`);
    expect(last.statusCode).toBe(400);
  });

  it('records every administrative act in the ledger, and no email or password', async () => {
    const entries = (await t.store.ledger.read(0, 100_000)).filter((entry) => entry.action === 'administer');
    const done = entries.filter((entry) => entry.outcome === 'ok').map((entry) => entry.detail);
    expect(new Set(done)).toEqual(
      new Set([
        'user_created',
        'users_listed',
        'user_changed',
        'group_created',
        'group_read',
        'groups_listed',
        'group_member_added',
        'group_member_removed',
      ]),
    );
    const refused = entries.filter((entry) => entry.outcome === 'denied').map((entry) => entry.detail);
    expect(refused).toEqual(
      expect.arrayContaining(['organisation_out_of_reach', 'user_out_of_reach', 'group_out_of_reach']),
    );
    expect(entries.every((entry) => entry.actor.startsWith('user:'))).toBe(true);
    const text = JSON.stringify(await t.store.database.query('SELECT * FROM ledger')).toLowerCase();
    for (const secret of [PASSWORD, NEW_PASSWORD, 'night.manager@hotel.example', 'admin@hotel.example']) {
      expect(text).not.toContain(secret);
    }
  });
});
