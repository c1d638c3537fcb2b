import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import {
  alertsOf as alertsOfInbox,
  bearer,
  publishNotice,
  testApp,
  type TestApp,
} from '../../../../test/support/app.ts';
import { NoticesService } from '../../notices/index.ts';

/** A child protection service and a second police force, besides the hotel and the police. */
const CHILD_PROTECTION = {
  id: 'child-safe',
  name: 'Child Safe',
  organisationType: 'ngo',
  sector: 'ngo',
  childProtection: true,
} as const;
const FR_POLICE = {
  id: 'fr-police',
  name: 'Police nationale',
  organisationType: 'law_enforcement',
  sector: 'law_enforcement',
  country: 'FR',
} as const;

describe.each(databaseTargets())('notices through the API on $name', (target) => {
  let t: TestApp;
  let childProtectionKey: string;
  let frPoliceKey: string;

  const call = (key: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload }) });
  const step = (key: string, id: string, action: string, reason?: string) =>
    call(key, 'POST', `/api/v1/notices/${id}/steps`, { action, ...(reason === undefined ? {} : { reason }) });
  const draft = async (properties: Record<string, unknown>) => {
    const response = await call(t.keys.police, 'POST', '/api/v1/notices', { properties, envelope: { tlp: 'GREEN' } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ notice: { id: string } }>().notice.id;
  };
  const alertsOf = (key: string) => alertsOfInbox(t, key);
  const screen = (key: string, body: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/screen', headers: bearer(key, 'screening'), payload: body });

  beforeAll(async () => {
    t = await testApp(target, { watch: true });
    await t.store.organisations.save(CHILD_PROTECTION);
    await t.store.organisations.save(FR_POLICE);
    childProtectionKey = await t.store.organisations.issueApiKey(CHILD_PROTECTION.id, 'test', ['records:read']);
    frPoliceKey = await t.store.organisations.issueApiKey(FR_POLICE.id, 'test', ['records:read', 'records:write']);
  });
  afterAll(async () => {
    await t.close();
  });

  it('goes from draft through review by another person to published, each step in its history and the ledger', async () => {
    const id = await draft({ noticeType: 'wanted', title: 'Marek Kowalczyk', name: ['Marek Kowalczyk'] });
    expect((await screen(t.keys.hotel, { names: ['Marek Kowalczyk'] })).json()).toMatchObject({ result: 'no_hit' });
    expect((await step(t.keys.police, id, 'approve')).json()).toMatchObject({ error: { code: 'conflict' } });
    expect((await step(t.keys.police, id, 'submit')).statusCode).toBe(200);
    // The analyst who submitted it may not approve it; nor may anyone outside the owner.
    expect((await step(t.keys.police, id, 'approve')).statusCode).toBe(403);
    expect((await step(frPoliceKey, id, 'approve')).statusCode).toBe(404);
    const queue = await call(t.keys.policeReviewer, 'GET', '/api/v1/notices?status=in_review');
    expect(queue.json<{ notices: { notice: { id: string } }[] }>().notices.map((each) => each.notice.id)).toContain(id);
    const approved = await step(t.keys.policeReviewer, id, 'approve');
    expect(approved.json()).toMatchObject({ status: 'published' });
    expect(
      approved.json<{ history: { action: string; from: string; to: string }[] }>().history.map((each) => each.action),
    ).toEqual(['draft', 'submit', 'approve']);
    expect((await screen(t.keys.hotel, { names: ['Marek Kowalczyk'] })).json()).toMatchObject({
      result: 'secondary_check_advised',
    });
    const ledger = await t.store.database.query<{ detail: string }>(
      `SELECT detail FROM ledger WHERE $1 = ANY(object_ids) AND detail LIKE 'notice %' ORDER BY seq`,
      [id],
    );
    expect(ledger.map((entry) => entry.detail)).toEqual([
      'notice draft: draft to draft',
      'notice submit: draft to in_review',
      'notice approve: in_review to published',
    ]);
    const withdrawn = await step(t.keys.police, id, 'withdraw');
    expect(withdrawn.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'reason' }] } });
    expect((await step(t.keys.police, id, 'withdraw', 'arrested')).json()).toMatchObject({ status: 'withdrawn' });
    expect((await screen(t.keys.hotel, { names: ['Marek Kowalczyk'] })).json()).toMatchObject({ result: 'no_hit' });
  });

  it('takes a notice from the records API only as a draft, naming the record and the field otherwise', async () => {
    const response = await call(t.keys.police, 'POST', '/api/v1/records', {
      sourceSystem: 'notices',
      records: [
        {
          type: 'Notice',
          sourceRecordId: 'n-bypass',
          properties: { noticeType: 'wanted', title: 'X', status: 'published', name: ['Ivan Bypass'] },
        },
      ],
    });
    expect(response.json()).toMatchObject({
      rejected: 1,
      errors: [{ record: 0, sourceRecordId: 'n-bypass', field: 'properties.status', code: 'notice_not_reviewed' }],
    });
    expect((await screen(t.keys.police, { names: ['Ivan Bypass'] })).json()).toMatchObject({ result: 'no_hit' });
  });

  it('asks each type for what it is found by, before review, and keeps drafts from other organisations', async () => {
    const id = await draft({ noticeType: 'stolen_document', title: 'Passport stolen in Dover' });
    const submitted = await step(t.keys.police, id, 'submit');
    expect(submitted.statusCode).toBe(400);
    expect(submitted.json()).toMatchObject({ error: { details: [{ field: 'properties.documentNumber' }] } });
    expect((await call(frPoliceKey, 'GET', `/api/v1/notices/${id}`)).statusCode).toBe(404);
    // Its marking (TLP:GREEN) would share it, but a draft is its owner's alone, by any route.
    expect((await call(frPoliceKey, 'GET', `/api/v1/records/${id}`)).statusCode).toBe(404);
    const page = await call(frPoliceKey, 'GET', '/api/v1/records?type=Notice&limit=1000');
    expect(page.json<{ records: { id: string }[] }>().records.map((record) => record.id)).not.toContain(id);
    const amended = await call(t.keys.police, 'PATCH', `/api/v1/notices/${id}`, {
      properties: { documentNumber: ['P1234567'], documentCountry: 'GB' },
    });
    expect(amended.statusCode).toBe(200);
    expect((await step(t.keys.police, id, 'submit')).json()).toMatchObject({ status: 'in_review' });
    expect((await step(t.keys.policeReviewer, id, 'reject')).statusCode).toBe(400);
    expect((await step(t.keys.policeReviewer, id, 'reject', 'give the issuing date')).json()).toMatchObject({
      status: 'draft',
    });
  });

  it('lets a published notice change only where and when its subject was last seen, and tells subscribers', async () => {
    const id = await publishNotice(t, {
      noticeType: 'missing_person',
      title: 'Lena Novak',
      name: ['Lena Novak'],
      lastSeenPlace: 'Calais',
    });
    const subscribed = await call(frPoliceKey, 'POST', '/api/v1/subscriptions', { record: id });
    expect(subscribed.statusCode).toBe(201);
    const renamed = await call(t.keys.police, 'PATCH', `/api/v1/notices/${id}`, {
      properties: { name: ['Someone Else'] },
      reason: 'typo',
    });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json()).toMatchObject({ error: { details: [{ field: 'properties.name' }] } });
    const moved = await call(t.keys.police, 'PATCH', `/api/v1/notices/${id}`, {
      properties: { lastSeenPlace: 'Dover' },
      reason: 'seen on CCTV',
    });
    expect(moved.json<{ notice: { properties: { lastSeenPlace: string } } }>().notice.properties.lastSeenPlace).toBe(
      'Dover',
    );
    await t.watch?.settle();
    const updates = (await alertsOf(frPoliceKey)).filter((alert) => alert.kind === 'notice_updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.details).toMatchObject({ notice: id, changed: ['lastSeenPlace'] });
    // A hit on it: the subscriber learns that, and from whom to ask, not what was screened.
    await screen(t.keys.hotel, { names: ['Lena Novak'], reference: 'room 12' });
    const hits = (await alertsOf(frPoliceKey)).filter((alert) => alert.kind === 'subscription_hit');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.details).toEqual({ notice: id, noticeType: 'missing_person', noticeOwner: POLICE.id });
  });

  it('screens a notice only for the sectors it is distributed to, and always for its owner', async () => {
    await publishNotice(t, {
      noticeType: 'wanted',
      title: 'For airlines',
      name: ['Dragan Obradovic'],
      distribution: 'sectors',
      distributionSectors: ['transport'],
    });
    expect((await screen(t.keys.hotel, { names: ['Dragan Obradovic'] })).json()).toMatchObject({ result: 'no_hit' });
    expect((await screen(t.keys.police, { names: ['Dragan Obradovic'] })).json()).toMatchObject({ result: 'hits' });
  });

  it('relays a company’s hit on another country’s notice to its own country’s police too', async () => {
    const drafted = await call(frPoliceKey, 'POST', '/api/v1/notices', {
      properties: { noticeType: 'wanted', title: 'Recherché', name: ['Olivier Marchetti'] },
      envelope: { tlp: 'GREEN' },
    });
    const id = drafted.json<{ notice: { id: string } }>().notice.id;
    const frReviewer = await t.store.organisations.issueApiKey(FR_POLICE.id, 'reviewer', ['records:read'], {
      roles: ['reviewer'],
    });
    await step(frPoliceKey, id, 'submit');
    expect((await step(frReviewer, id, 'approve')).json()).toMatchObject({ status: 'published' });
    const answer = await screen(t.keys.hotel, { names: ['Olivier Marchetti'] });
    const reference = answer.json<{ reference: string }>().reference;
    for (const key of [frPoliceKey, t.keys.police]) {
      const alert = (await alertsOf(key)).find((each) => each.reference === reference);
      expect(alert).toMatchObject({ kind: 'screening_hit', raisedBy: HOTEL.id, record: id });
    }
  });

  it('screens the records held when a missing child’s notice is published: urgent to its owner, and to child protection', async () => {
    // The hotel's booking was stored before there was any notice.
    const booking = await call(t.keys.hotel, 'POST', '/api/v1/records', {
      sourceSystem: 'bookings',
      records: [
        {
          type: 'Booking',
          sourceRecordId: 'b-77',
          properties: { checkIn: '2026-11-20', guestNames: ['Sara Haddad'], accommodationName: 'Harbour Inn' },
        },
      ],
    });
    expect(booking.json()).toMatchObject({ inserted: 1 });
    await t.watch?.settle();
    const id = await publishNotice(t, {
      noticeType: 'missing_person',
      title: 'Missing: Sara Haddad',
      name: ['Sara Haddad'],
      child: true,
    });
    await t.watch?.settle();
    const found = (await alertsOf(t.keys.police)).filter(
      (alert) => alert.kind === 'continuous_hit' && alert.details['notice'] === id,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ urgency: 'urgent', raisedBy: HOTEL.id });
    expect(found[0]?.details).toMatchObject({ record: { type: 'Booking', heldBy: HOTEL.id } });
    expect(String(found[0]?.details['safeguarding'])).toMatch(/never an enforcement action/);
    const safeguarding = (await alertsOf(childProtectionKey)).filter((alert) => alert.details['notice'] === id);
    expect(safeguarding).toMatchObject([{ kind: 'child_safeguarding', urgency: 'urgent' }]);
    // The hotel is told nothing: its booking's hit is blind.
    expect((await alertsOf(t.keys.hotel)).filter((alert) => alert.details['notice'] === id)).toEqual([]);

    // A record written after: screened as it arrives; written again, or screened again, no second alert.
    const later = {
      sourceSystem: 'bookings',
      records: [
        {
          type: 'Booking',
          sourceRecordId: 'b-78',
          properties: { checkIn: '2026-11-24', guestNames: ['HADDAD Sara'], accommodationName: 'Harbour Inn' },
        },
      ],
    };
    await call(t.keys.hotel, 'POST', '/api/v1/records', later);
    await t.watch?.settle();
    const count = async () =>
      (await alertsOf(t.keys.police)).filter(
        (alert) => alert.details['notice'] === id && alert.kind === 'continuous_hit',
      ).length;
    expect(await count()).toBe(2);
    await call(t.keys.hotel, 'POST', '/api/v1/records', {
      ...later,
      records: [{ ...later.records[0], properties: { ...later.records[0]?.properties, checkOut: '2026-11-25' } }],
    });
    await t.watch?.settle();
    expect(await count()).toBe(2);
  });
  it('screens a protected victim’s record for missing persons only, telling the organisation supporting them', async () => {
    await publishNotice(t, { noticeType: 'wanted', title: 'Wanted: Irena Dobreva', name: ['Irena Dobreva'] });
    const missing = await publishNotice(t, {
      noticeType: 'missing_person',
      title: 'Missing: Irena Dobreva',
      name: ['Irena Dobreva'],
    });
    const written = await call(t.keys.hotel, 'POST', '/api/v1/records', {
      sourceSystem: 'casework',
      envelope: { subjectCategory: 'victim', tlp: 'RED' },
      records: [{ type: 'Person', sourceRecordId: 'v-1', properties: { name: ['Irena Dobreva'] } }],
    });
    expect(written.json()).toMatchObject({ inserted: 1 });
    await t.watch?.settle();
    const told = (await alertsOf(t.keys.hotel)).filter((alert) => alert.kind === 'continuous_hit');
    expect(told).toHaveLength(1);
    expect(told[0]?.details).toMatchObject({ notice: missing, noticeOwner: POLICE.id });
    expect(String(told[0]?.details['safeguarding'])).toMatch(/protected victim/);
    const police = (await alertsOf(t.keys.police)).filter(
      (alert) => alert.raisedBy === HOTEL.id && alert.kind === 'continuous_hit',
    );
    expect(police.filter((alert) => String(alert.details['notice']) === missing)).toEqual([]);
    expect(
      police.some((alert) => (alert.details['screened'] as { names?: string[] }).names?.includes('Irena Dobreva')),
    ).toBe(false);
  });
  it('expires a published notice on its expiry date, as the system, once', async () => {
    const id = await publishNotice(t, {
      noticeType: 'wanted',
      title: 'Wanted until 2099',
      name: ['Tomasz Wierzbicki'],
      expiresAt: '2099-01-01',
    });
    const later = new NoticesService(t.store, () => new Date('2099-01-02T00:00:00Z'));
    const expired = await later.expireDue();
    expect(expired.map((change) => [change.notice.id, change.from, change.to])).toContainEqual([
      id,
      'published',
      'expired',
    ]);
    expect(await later.expireDue()).toEqual([]);
    const notice = await call(t.keys.police, 'GET', `/api/v1/notices/${id}`);
    expect(notice.json<{ history: { action: string; actor: string }[] }>().history.at(-1)).toMatchObject({
      action: 'expire',
      actor: 'system',
    });
  });

  it('lets those who submit notices draft them without writing records, and no one else', async () => {
    const reach = (role: 'analyst' | 'reviewer') => ({ roles: [role], clearance: 'secret' as const });
    const analyst = await t.store.organisations.issueApiKey(POLICE.id, 'analyst', ['records:read'], reach('analyst'));
    const reviewer = await t.store.organisations.issueApiKey(
      POLICE.id,
      'reviewer',
      ['records:read'],
      reach('reviewer'),
    );
    const body = { properties: { noticeType: 'wanted', title: 'Ilir Daci', name: ['Ilir Daci'] } };
    const drafted = await call(analyst, 'POST', '/api/v1/notices', body);
    expect(drafted.statusCode, drafted.body).toBe(201);
    const id = drafted.json<{ notice: { id: string } }>().notice.id;
    expect(
      (await call(analyst, 'PATCH', `/api/v1/notices/${id}`, { properties: { birthDate: ['1981'] } })).statusCode,
    ).toBe(200);
    expect((await call(reviewer, 'POST', '/api/v1/notices', body)).statusCode).toBe(403);
    expect(
      (await call(reviewer, 'PATCH', `/api/v1/notices/${id}`, { properties: { birthDate: ['1982'] } })).statusCode,
    ).toBe(403);
  });
});
