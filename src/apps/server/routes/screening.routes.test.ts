import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, publishNotice, testApp, type TestApp } from '../../../../test/support/app.ts';

const WANTED = {
  noticeType: 'wanted',
  title: 'Viktor Petrenko',
  name: ['Viktor Petrenko', 'Віктор Петренко'],
  birthDate: ['1974-12-08'],
  nationality: ['UA'],
  expiresAt: '2099-01-01',
};
const MISSING_CHILD = {
  noticeType: 'missing_person',
  title: 'Amina Haddad',
  child: true,
  name: ['Amina Haddad'],
};

describe.each(databaseTargets())('screening through the API on $name', (target) => {
  let t: TestApp;
  const screen = (key: string, body: object, purpose = 'screening') =>
    t.app.inject({ method: 'POST', url: '/api/v1/screen', headers: bearer(key, purpose), payload: body });
  const alertsOf = async (key: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(key) })).json<{
      alerts: {
        id: string;
        urgency: string;
        reference: string;
        raisedBy: string;
        record: string;
        details: Record<string, unknown>;
      }[];
    }>().alerts;

  beforeAll(async () => {
    t = await testApp(target);
    await publishNotice(t, WANTED);
    await publishNotice(t, MISSING_CHILD);
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells a company only "secondary check advised" and a reference, and alerts the notice owner with the details', async () => {
    const response = await screen(t.keys.hotel, {
      names: ['PETRENKO Victor'],
      birthDates: ['08/12/1974'],
      reference: 'booking-77',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ result: string; reference: string; hits: unknown[] }>();
    expect(body).toMatchObject({ result: 'secondary_check_advised', hits: [], secondaryCheckAdvised: true });
    expect(body.reference).toMatch(/^SCR-[0-9A-F]{12}$/);
    expect(response.body).not.toMatch(/wanted|Viktor|notice/i);
    const alerts = await alertsOf(t.keys.police);
    const alert = alerts.find((each) => each.reference === body.reference);
    expect(alert).toMatchObject({ raisedBy: HOTEL.id, urgency: 'routine' });
    expect(alert?.details).toMatchObject({ noticeType: 'wanted', callerReference: 'booking-77' });
    expect((alert?.details['screened'] as { names: string[] }).names).toEqual(['PETRENKO Victor']);
    expect(await alertsOf(t.keys.hotel)).toEqual([]);
    // Nor does the company's own part of the ledger (which its administrators read) name the notice.
    const hotelEntries = await t.store.database.query<{ object_ids: string[]; detail: string | null }>(
      'SELECT object_ids, detail FROM ledger WHERE organisation = $1',
      [HOTEL.id],
    );
    expect(hotelEntries.length).toBeGreaterThan(0);
    const noticeId = alert?.record ?? 'none';
    expect(JSON.stringify(hotelEntries)).not.toContain(noticeId);
    expect(JSON.stringify(hotelEntries)).not.toContain(POLICE.id);
    const policeEntries = await t.store.database.query<{ object_ids: string[] }>(
      "SELECT object_ids FROM ledger WHERE organisation = $1 AND action = 'disclose'",
      [POLICE.id],
    );
    expect(policeEntries.some((entry) => entry.object_ids.includes(noticeId))).toBe(true);
  });

  it('raises no second alert when the same person is screened again, and gives the same reference', async () => {
    const before = (await alertsOf(t.keys.police)).length;
    const query = { names: ['PETRENKO Victor'], birthDates: ['08/12/1974'] };
    const first = await screen(t.keys.hotel, query);
    // The same names in another order and case are the same person screened.
    const again = await screen(t.keys.hotel, { ...query, names: ['victor petrenko'] });
    expect(again.json<{ reference: string }>().reference).toBe(first.json<{ reference: string }>().reference);
    expect((await alertsOf(t.keys.police)).length).toBe(before);
  });

  it('shows law enforcement the hits it may see, with their features, and marks a missing child urgent', async () => {
    const response = await screen(t.keys.police, { names: ['Victor Petrenco'] }, 'investigation');
    const body = response.json<{
      result: string;
      hits: { noticeType: string; score: number; features: { feature: string }[] }[];
    }>();
    expect(body.result).toBe('hits');
    expect(body.hits[0]).toMatchObject({ noticeType: 'wanted' });
    expect(body.hits[0]?.features.map((feature) => feature.feature)).toContain('name');
    await screen(t.keys.hotel, { names: ['Amina Hadad'] });
    expect(
      (await alertsOf(t.keys.police)).find((alert) => alert.details['noticeType'] === 'missing_person')?.urgency,
    ).toBe('urgent');
  });

  it('answers "no hit" with no reference, and refuses a query with nothing to screen by', async () => {
    expect((await screen(t.keys.hotel, { names: ['John Smith'] })).json()).toMatchObject({
      result: 'no_hit',
      reference: null,
    });
    const empty = await screen(t.keys.hotel, { birthDates: ['1974'] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'names' }] } });
  });

  it('screens a batch in the background: each row blind for a company, bad rows named, results once done', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/screen/batches',
      headers: bearer(t.keys.hotel, 'screening'),
      payload: {
        rows: [
          { id: 'p-1', names: ['John Smith'] },
          { id: 'p-2', names: ['PETRENKO Victor'], birthDates: ['1974'] },
          { id: 'p-3', birthDates: ['1980'] },
        ],
      },
    });
    expect(sent.statusCode).toBe(202);
    const { id } = sent.json<{ id: string }>();
    let batch: { state: string; done: number; total: number; results: unknown[] | null; errors: unknown[] };
    for (let polls = 0; ; polls += 1) {
      batch = (
        await t.app.inject({ url: `/api/v1/screen/batches/${id}`, headers: bearer(t.keys.hotel, 'screening') })
      ).json();
      if (batch.state === 'done' || batch.state === 'failed') break;
      if (polls > 1_000) throw new Error(`the batch is still ${batch.state} after ${polls} polls`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(batch).toMatchObject({
      state: 'done',
      total: 2,
      done: 2,
      results: [
        { id: 'p-1', result: 'no_hit' },
        { id: 'p-2', result: 'secondary_check_advised', hits: [] },
      ],
      errors: [{ row: 3, id: 'p-3', field: 'names' }],
    });
    // Another organisation cannot read it; a CSV without an id column is refused with what it has.
    expect(
      (await t.app.inject({ url: `/api/v1/screen/batches/${id}`, headers: bearer(t.keys.police) })).statusCode,
    ).toBe(404);
    const csv = await t.app.inject({
      method: 'POST',
      url: '/api/v1/screen/batches',
      headers: { ...bearer(t.keys.hotel, 'screening'), 'content-type': 'text/csv' },
      payload: 'name,dob\nJohn Smith,1980\n',
    });
    expect(csv.statusCode).toBe(400);
    const [problem] = csv.json<{ error: { details: { field: string; message: string }[] } }>().error.details;
    expect(problem?.field).toBe('header');
    expect(problem?.message).toMatch(/"id" column/);
    // The same file with a column map is screened.
    const mapped = await t.app.inject({
      method: 'POST',
      url: `/api/v1/screen/batches?map=${encodeURIComponent(JSON.stringify({ id: 'name', fields: { full_name: 'name', date_of_birth: 'dob' } }))}`,
      headers: { ...bearer(t.keys.hotel, 'screening'), 'content-type': 'text/csv' },
      payload: 'name,dob\nJohn Smith,1980\n',
    });
    expect(mapped.statusCode, mapped.body).toBe(202);
    expect(mapped.json()).toMatchObject({ total: 1, errors: [] });
  });

  it('lets only the receiving organisation move an alert through triage', async () => {
    const [alert] = await alertsOf(t.keys.police);
    const move = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${alert?.id ?? ''}/state`,
        headers: bearer(key),
        payload: { state: 'acknowledged' },
      });
    expect((await move(t.keys.hotel)).statusCode).toBe(404);
    const moved = await move(t.keys.police);
    expect(moved.json()).toMatchObject({ state: 'acknowledged' });
    expect(POLICE.organisationType).toBe('law_enforcement');
  });

  it('assigns an alert to a member of the receiving organisation only, lists by assignee, and unassigns', async () => {
    const [alert] = await alertsOf(t.keys.police);
    const member = await t.store.users.create({
      organisationId: POLICE.id,
      email: 'duty.officer@police.example',
      displayName: 'Duty Officer',
      roles: ['analyst'],
      clearance: 'secret',
      passwordHash: 'unused',
    });
    const outsider = await t.store.users.create({
      organisationId: HOTEL.id,
      email: 'night.manager@hotel.example',
      displayName: 'Night Manager',
      roles: ['reporter'],
      clearance: 'restricted',
      passwordHash: 'unused',
    });
    const assign = (key: string, assignee: string | null) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/alerts/${alert?.id ?? ''}/assignment`,
        headers: bearer(key),
        payload: { assignee },
      });
    // Only to the organisation's own members, and only by the receiving organisation.
    const refused = await assign(t.keys.police, outsider.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe('assignee');
    expect((await assign(t.keys.hotel, outsider.id)).statusCode).toBe(404);
    // An API key is nobody: "me" needs a signed-in user.
    expect((await assign(t.keys.police, 'me')).statusCode).toBe(400);

    const assigned = await assign(t.keys.police, member.id);
    expect(assigned.json()).toMatchObject({ id: alert?.id, assignee: { id: member.id, displayName: 'Duty Officer' } });
    const listed = (assignee: string) =>
      t.app.inject({ url: `/api/v1/alerts?assignee=${assignee}`, headers: bearer(t.keys.police) });
    expect((await listed(member.id)).json<{ alerts: { id: string }[] }>().alerts.map((each) => each.id)).toEqual([
      alert?.id,
    ]);
    expect(
      (await listed('nobody')).json<{ alerts: { id: string }[] }>().alerts.some((each) => each.id === alert?.id),
    ).toBe(false);
    const ledger = await t.store.ledger.read(0, 100_000);
    expect(ledger.at(-1)).toMatchObject({
      action: 'alter',
      objectIds: [alert?.id, member.id],
      detail: 'alert assigned',
    });

    expect((await assign(t.keys.police, null)).json()).toMatchObject({ assignee: null });
    expect(
      (await listed('nobody')).json<{ alerts: { id: string }[] }>().alerts.some((each) => each.id === alert?.id),
    ).toBe(true);
  });
});
