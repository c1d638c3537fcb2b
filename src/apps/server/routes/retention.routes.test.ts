import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';
import { addUser, signInAndEnrol, signInApp, type SignInApp } from '../../../../test/support/sign-in.ts';

const PASSWORD = 'quay-lantern-2041';
// The sign-in app's clock starts on 2026-03-02: the review window runs to 2026-09-02.
const COLLECTED = '2026-01-01T00:00:00Z';

const refusal = (response: LightMyRequestResponse) => {
  const { error } = response.json<{ error: { correlationId: string } }>();
  return { status: response.statusCode, error: { ...error, correlationId: undefined } };
};

describe.each(databaseTargets())('retention API on $name', (target) => {
  let t: SignInApp;
  const cookies = { hotelAdmin: '', policeAdmin: '', reporter: '' };
  const hotel = (source: string) => recordIdOf(HOTEL.id, 'crm', source);
  const police = (source: string) => recordIdOf(POLICE.id, 'crm', source);

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload }),
    });

  const person = (sourceRecordId: string, name: string, retentionReviewAt: string, confidentiality = 'restricted') => ({
    type: 'Person',
    sourceRecordId,
    envelope: { collectedAt: COLLECTED, retentionReviewAt, confidentiality },
    properties: { name, phone: '+44 7700 900123' },
  });

  beforeAll(async () => {
    t = await signInApp(target);
    const people = [
      { key: 'hotelAdmin', email: 'admin@hotel.example', organisationId: HOTEL.id, clearance: 'confidential' },
      { key: 'policeAdmin', email: 'admin@police.example', organisationId: POLICE.id, clearance: 'secret' },
    ] as const;
    for (const person of people) {
      await addUser(t.store, { ...person, password: PASSWORD, roles: ['admin'] });
      cookies[person.key] = (await signInAndEnrol(t, { email: person.email, password: PASSWORD })).cookie;
    }
    await addUser(t.store, { email: 'desk@hotel.example', password: PASSWORD });
    cookies.reporter = (await signInAndEnrol(t, { email: 'desk@hotel.example', password: PASSWORD })).cookie;
    for (const [organisation, records] of [
      [
        HOTEL,
        [
          person('overdue', 'Past Guest', '2026-02-01'),
          person('due', 'Soon Guest', '2026-05-01'),
          person('secret', 'Hidden Guest', '2026-06-01', 'secret'),
          person('later', 'Later Guest', '2027-01-01'),
          { type: 'StayedAt', sourceRecordId: 'stay', properties: { guest: 'due', stay: 'later' } },
        ],
      ],
      [POLICE, [person('theirs', 'Police Subject', '2026-04-01')]],
    ] as const) {
      const key = await t.store.organisations.issueApiKey(organisation.id, 'test', ['records:write']);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/records',
        headers: { authorization: `Bearer ${key}` },
        payload: { sourceSystem: 'crm', records },
      });
      expect(response.json()).toMatchObject({ rejected: 0 });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it("gives an organisation's administrators its retention notices, and takes their acknowledgement", async () => {
    expect(await t.store.retentionNotices.round('2026-03-02')).toMatchObject({ sent: 3 });
    const notices = async (cookie: string, all = false) => {
      const response = await call(cookie, 'GET', `/retention/notices${all ? '?all=true' : ''}`);
      expect(response.statusCode).toBe(200);
      return response.json<{ notices: { id: string; reviewMonth: string; records: number }[] }>().notices;
    };
    const hotel = await notices(cookies.hotelAdmin);
    expect(hotel.map(({ reviewMonth, records }) => [reviewMonth, records])).toEqual([
      ['2026-05', 1],
      ['2026-06', 1],
    ]);
    expect((await notices(cookies.policeAdmin)).map(({ reviewMonth }) => reviewMonth)).toEqual(['2026-04']);
    expect((await call(cookies.reporter, 'GET', '/retention/notices')).statusCode).toBe(403);

    const may = hotel[0]?.id ?? '';
    const foreign = await call(cookies.policeAdmin, 'POST', `/retention/notices/${may}/acknowledge`);
    const absent = await call(cookies.policeAdmin, 'POST', `/retention/notices/${crypto.randomUUID()}/acknowledge`);
    expect(refusal(foreign)).toEqual(refusal(absent));
    expect(foreign.statusCode).toBe(404);
    const acknowledged = await call(cookies.hotelAdmin, 'POST', `/retention/notices/${may}/acknowledge`);
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json<{ acknowledgedAt: string | null }>().acknowledgedAt).not.toBeNull();
    expect((await notices(cookies.hotelAdmin)).map(({ reviewMonth }) => reviewMonth)).toEqual(['2026-06']);
    expect((await notices(cookies.hotelAdmin, true)).map(({ reviewMonth }) => reviewMonth)).toEqual([
      '2026-05',
      '2026-06',
    ]);
  });

  it("lists the organisation's records due or overdue, captions withheld above the admin's clearance", async () => {
    const response = await call(cookies.hotelAdmin, 'GET', '/retention/due');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ records: { id: string; caption: string | null }[] }>();
    expect(body).toMatchObject({ reviewWindowEnd: '2026-09-02', next: null });
    expect(body.records).toEqual([
      {
        id: hotel('overdue'),
        type: 'Person',
        reviewAt: '2026-02-01',
        keptUntil: null,
        status: 'overdue',
        caption: 'Past Guest',
      },
      {
        id: hotel('due'),
        type: 'Person',
        reviewAt: '2026-05-01',
        keptUntil: null,
        status: 'due',
        caption: 'Soon Guest',
      },
      { id: hotel('secret'), type: 'Person', reviewAt: '2026-06-01', keptUntil: null, status: 'due', caption: null },
    ]);
    expect(response.body).not.toContain('Hidden Guest');
    expect(response.body).not.toContain('+44');
  });

  it('pages through the list with the next cursor, and names a bad cursor', async () => {
    const first = (await call(cookies.hotelAdmin, 'GET', '/retention/due?limit=2')).json<{
      records: { id: string }[];
      next: string;
    }>();
    expect(first.next).toBe(`2026-05-01_${hotel('due')}`);
    const second = (await call(cookies.hotelAdmin, 'GET', `/retention/due?limit=2&after=${first.next}`)).json<{
      records: { id: string }[];
      next: string | null;
    }>();
    expect(second.records.map((record) => record.id)).toEqual([hotel('secret')]);
    expect(second.next).toBeNull();
    const bad = await call(cookies.hotelAdmin, 'GET', '/retention/due?after=yesterday');
    expect(refusal(bad)).toMatchObject({ status: 400, error: { details: [{ field: 'after' }] } });
  });

  it('is for administrators only', async () => {
    expect((await call(cookies.reporter, 'GET', '/retention/due')).statusCode).toBe(403);
    const keep = await call(cookies.reporter, 'POST', `/retention/${hotel('due')}/keep`, {
      reason: 'still under investigation',
      until: '2027-01-01',
    });
    expect(keep.statusCode).toBe(403);
    expect((await call(cookies.reporter, 'POST', '/retention/purge', { ids: [hotel('due')] })).statusCode).toBe(403);
    const key = await t.store.organisations.issueApiKey(HOTEL.id, 'everything', ['records:read', 'records:write']);
    const byKey = await t.app.inject({ url: '/api/v1/retention/due', headers: { authorization: `Bearer ${key}` } });
    expect(byKey.statusCode).toBe(403);
  });

  it('refuses a keep decision that breaks the rule, naming the field', async () => {
    const url = `/retention/${hotel('due')}/keep`;
    const short = await call(cookies.hotelAdmin, 'POST', url, { reason: 'because', until: '2027-01-01' });
    expect(refusal(short)).toMatchObject({
      status: 400,
      error: { code: 'validation_failed', details: [{ field: 'reason' }] },
    });
    const far = await call(cookies.hotelAdmin, 'POST', url, { reason: 'court order 12/2026', until: '2031-03-03' });
    expect(refusal(far)).toMatchObject({
      status: 400,
      error: {
        details: [{ field: 'until', message: 'The new review date may be at most 5 years ahead (2031-03-02).' }],
      },
    });
    const past = await call(cookies.hotelAdmin, 'POST', url, { reason: 'court order 12/2026', until: '2026-03-02' });
    expect(refusal(past)).toMatchObject({ status: 400, error: { details: [{ field: 'until' }] } });
    const missing = await call(cookies.hotelAdmin, 'POST', url, { reason: 'court order 12/2026' });
    expect(refusal(missing)).toMatchObject({ status: 400, error: { details: [{ field: 'until' }] } });
  });

  it("answers another organisation's record and a missing one with the same 404", async () => {
    const body = { reason: 'court order 12/2026', until: '2027-01-01' };
    const theirs = await call(cookies.hotelAdmin, 'POST', `/retention/${police('theirs')}/keep`, body);
    const none = await call(cookies.hotelAdmin, 'POST', `/retention/${hotel('nobody')}/keep`, body);
    const junk = await call(cookies.hotelAdmin, 'POST', '/retention/not-an-id/keep', body);
    expect(refusal(theirs)).toEqual(refusal(none));
    expect(refusal(junk)).toEqual(refusal(none));
    expect(refusal(none)).toMatchObject({ status: 404, error: { code: 'not_found' } });
    expect((await t.store.records.get(police('theirs')))?.envelope.retentionReviewAt).toBe('2026-04-01');
  });

  it('keeps a record until a new date, which takes it off the list', async () => {
    const kept = await call(cookies.hotelAdmin, 'POST', `/retention/${hotel('due')}/keep`, {
      reason: '  open investigation 41/2026 ',
      until: '2028-05-01',
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toEqual({ id: hotel('due'), reviewAt: '2028-05-01', status: 'kept' });
    const list = await call(cookies.hotelAdmin, 'GET', '/retention/due');
    expect(list.json<{ records: { id: string }[] }>().records.map((record) => record.id)).toEqual([
      hotel('overdue'),
      hotel('secret'),
    ]);
    const soon = await call(cookies.hotelAdmin, 'POST', `/retention/${hotel('secret')}/keep`, {
      reason: 'victim support continues',
      until: '2026-06-30',
    });
    expect(soon.json()).toMatchObject({ status: 'due' });
  });

  it("purges the organisation's records, reports others' as not found, and names a malformed id", async () => {
    const malformed = await call(cookies.hotelAdmin, 'POST', '/retention/purge', { ids: [hotel('later'), 'x'] });
    expect(refusal(malformed)).toMatchObject({ status: 400, error: { details: [{ field: 'ids.1' }] } });
    const empty = await call(cookies.hotelAdmin, 'POST', '/retention/purge', { ids: [] });
    expect(refusal(empty)).toMatchObject({ status: 400, error: { details: [{ field: 'ids' }] } });
    const response = await call(cookies.hotelAdmin, 'POST', '/retention/purge', {
      ids: [hotel('later'), police('theirs')],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ purged: 1, cascaded: 1, referencesCleared: 0, notFound: [police('theirs')] });
    expect(await t.store.records.get(hotel('later'))).toBeUndefined();
    expect(await t.store.records.get(hotel('stay'))).toBeUndefined();
    expect(await t.store.records.get(police('theirs'))).toBeDefined();
    const erased = await t.store.database.query<{ actor: string; outcome: string; object_ids: string[] }>(
      "SELECT actor, outcome, array_to_json(object_ids) AS object_ids FROM ledger WHERE action = 'erase' ORDER BY seq",
    );
    expect(erased.map((entry) => entry.outcome)).toEqual(['ok', 'denied']);
    expect(erased[0]?.object_ids).toEqual([hotel('later'), hotel('stay')]);
    expect(erased[0]?.actor).toMatch(/^user:/);
  });

  it("lets the police's admin see only the police's own records", async () => {
    const list = await call(cookies.policeAdmin, 'GET', '/retention/due');
    expect(list.json<{ records: { id: string }[] }>().records.map((record) => record.id)).toEqual([police('theirs')]);
  });
});
