import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../domain/model/organisation.ts';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { alertsOf, bearer, publishNotice, testApp, type TestApp } from '../../../../test/support/app.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { multipartForm } from '../../../../test/support/multipart.ts';
import { HUB } from '../../../../test/support/sign-in.ts';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';

/** A second coordinator: the policy lets it see the case record, but the case is not shared with it. */
const OTHER_HUB: Organisation = {
  id: 'other-hub',
  name: 'Other Hub',
  organisationType: 'coordinator',
  sector: 'coordination',
};

const NOTE = 'Interviewed the witness at Leeds station on 3 March';
const MESSAGE = 'Can your team check the Calais address?';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

interface CaseBody {
  case: { id: string; properties: Record<string, unknown> };
  standing: string;
  shares: { organisationId: string }[];
  items: ({ id: string; restricted: true } | { id: string; restricted: false; kind: string; caption: string | null })[];
  notes: { body: string }[];
  files: { id: string; name: string; mediaType: string }[];
  threadId: string | null;
}

describe.each(databaseTargets())('cases and messages on $name', (target) => {
  let t: TestApp;
  let hubKey = '';
  let otherHubKey = '';
  let policeReadOnly = '';
  let caseId = '';
  const visible = recordIdOf(POLICE.id, 'cases-test', 'suspect-green');
  const hidden = recordIdOf(POLICE.id, 'cases-test', 'informant-unmarked');

  const call = (key: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(key), ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    t = await testApp(target);
    await t.store.organisations.save(HUB);
    await t.store.organisations.save(OTHER_HUB);
    hubKey = await t.store.organisations.issueApiKey(HUB.id, 'hub', ['records:read']);
    otherHubKey = await t.store.organisations.issueApiKey(OTHER_HUB.id, 'other', ['records:read']);
    // A reviewer of the owner reads cases but may not change them.
    policeReadOnly = t.keys.policeReviewer;
    for (const [envelope, source, name] of [
      [{ tlp: 'GREEN' }, 'suspect-green', 'Visible Suspect'],
      [{}, 'informant-unmarked', 'Hidden Informant'],
    ] as const) {
      const response = await call(t.keys.police, 'POST', '/api/v1/records', {
        sourceSystem: 'cases-test',
        envelope,
        records: [{ type: 'Person', sourceRecordId: source, properties: { name } }],
      });
      expect(response.json()).toMatchObject({ rejected: 0 });
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the owner open a case, a Case record with HTCDS categories, open unless told', async () => {
    const created = await call(t.keys.police, 'POST', '/api/v1/cases', {
      properties: { title: 'Operation Lantern', reference: 'OP-17', exploitationType: ['forced_labour'] },
      envelope: { tlp: 'AMBER' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<CaseBody>();
    caseId = body.case.id;
    expect(body).toMatchObject({
      standing: 'owner',
      case: { properties: { title: 'Operation Lantern', status: 'open' } },
      items: [],
      shares: [],
      threadId: null,
    });
    const record = await call(t.keys.police, 'GET', `/api/v1/records/${caseId}`);
    expect(record.json()).toMatchObject({ type: 'Case' });
    const changed = await call(t.keys.police, 'PATCH', `/api/v1/cases/${caseId}`, {
      properties: { status: 'referred' },
    });
    expect(changed.json<CaseBody>().case.properties).toMatchObject({ status: 'referred', reference: 'OP-17' });
  });

  it('names the field of bad input', async () => {
    const untitled = await call(t.keys.police, 'POST', '/api/v1/cases', { properties: { reference: 'X' } });
    expect(untitled.statusCode).toBe(400);
    expect(untitled.json()).toMatchObject({
      error: { code: 'validation_failed', details: [{ field: 'properties.title' }] },
    });
    const kind = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/items`, { kind: 'rumour', ref: visible });
    expect(kind.statusCode).toBe(400);
    expect(kind.json()).toMatchObject({ error: { details: [{ field: 'kind' }] } });
    const note = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/notes`, { body: '   ' });
    expect(note.json()).toMatchObject({ error: { details: [{ field: 'body' }] } });
    const about = await call(t.keys.police, 'POST', '/api/v1/messages', {
      about: { kind: 'case', id: 'nope' },
      body: 'x',
    });
    expect(about.json()).toMatchObject({ error: { details: [{ field: 'about.id' }] } });
    const share = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/shares`, { organisationId: 'nobody' });
    expect(share.json()).toMatchObject({
      error: { code: 'validation_failed', details: [{ field: 'organisationId' }] },
    });
  });

  it('adds items the owner may see, notes and files; refuses what the adder may not see, as absent', async () => {
    const noticeId = await publishNotice(t, {
      noticeType: 'missing_person',
      title: 'Lena Novak',
      name: ['Lena Novak'],
    });
    const [alert] = await t.store.alerts.raise(
      [
        {
          organisationId: POLICE.id,
          kind: 'screening_hit',
          urgency: 'routine',
          dedupKey: 'cases-test-alert',
          reference: 'REF-CASES-1',
          recordId: null,
          raisedBy: HOTEL.id,
          details: {},
        },
      ],
      undefined,
    );
    for (const [kind, ref] of [
      ['record', visible],
      ['entity', visible],
      ['record', hidden],
      ['notice', noticeId],
      ['alert', alert?.id ?? ''],
    ] as const) {
      const added = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/items`, { kind, ref });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({ restricted: false, kind });
    }
    const again = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/items`, { kind: 'record', ref: visible });
    expect(again.statusCode).toBe(200);
    // The hotel's booking, unmarked: the police may not see it, and may not add it either.
    const hotelRecord = await call(t.keys.hotel, 'POST', '/api/v1/records', {
      sourceSystem: 'bookings',
      records: [{ type: 'Person', sourceRecordId: 'guest-x', properties: { name: 'Private Guest' } }],
    });
    expect(hotelRecord.json()).toMatchObject({ rejected: 0 });
    const hotelRef = recordIdOf(HOTEL.id, 'bookings', 'guest-x');
    const refused = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/items`, {
      kind: 'record',
      ref: hotelRef,
    });
    const absent = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/items`, {
      kind: 'record',
      ref: '00000000-0000-8000-8000-000000000000',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { details: [{ field: 'ref' }] } });
    expect(absent.json<{ error: { details: unknown } }>().error.details).toEqual(
      refused.json<{ error: { details: unknown } }>().error.details,
    );
    // A notice item must be a notice.
    const notNotice = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/items`, {
      kind: 'notice',
      ref: visible,
    });
    expect(notNotice.statusCode).toBe(400);

    const note = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/notes`, { body: NOTE });
    expect(note.statusCode).toBe(201);
    const form = multipartForm([
      { name: 'name', value: 'statement.pdf' },
      { name: 'file', value: PDF, fileName: 'scan.pdf', contentType: 'application/pdf' },
    ]);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/files`,
      headers: { ...bearer(t.keys.police), ...form.headers },
      payload: form.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({
      name: 'statement.pdf',
      mediaType: 'application/pdf',
      byteLength: PDF.length,
    });
    const disguised = multipartForm([
      {
        name: 'file',
        value: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]),
        fileName: 'a.pdf',
        contentType: 'application/pdf',
      },
    ]);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/files`,
      headers: { ...bearer(t.keys.police), ...disguised.headers },
      payload: disguised.payload,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ field: 'file' }] } });

    // Notes and files are sealed where they are stored.
    const notes = await t.store.database.query<{ body: string }>('SELECT body FROM case_notes');
    expect(JSON.stringify(notes)).not.toContain('Leeds');
    const files = await t.store.database.query<{ name: string; content: string }>(
      'SELECT name, content FROM case_files',
    );
    expect(JSON.stringify(files)).not.toContain('statement');
    expect(JSON.stringify(files)).not.toContain(Buffer.from(PDF).toString('base64'));
  });

  it('is changed by the owner’s analysts alone', async () => {
    const reviewer = await call(policeReadOnly, 'POST', `/api/v1/cases/${caseId}/notes`, { body: 'a note' });
    expect(reviewer.statusCode).toBe(403);
    const read = await call(policeReadOnly, 'GET', `/api/v1/cases/${caseId}`);
    expect(read.statusCode).toBe(200);
  });

  it('is shared only with an organisation its markings reach', async () => {
    // AMBER without groups reaches the coordinators only: not the hotel, a company.
    const refused = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/shares`, { organisationId: HOTEL.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'forbidden', details: [{ field: 'organisationId' }] } });
    const shared = await call(t.keys.police, 'POST', `/api/v1/cases/${caseId}/shares`, { organisationId: HUB.id });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json()).toMatchObject({ shares: [{ organisationId: HUB.id }] });
  });

  it('shows a shared organisation the case and its notes, and each item only if it may see it', async () => {
    const response = await call(hubKey, 'GET', `/api/v1/cases/${caseId}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<CaseBody>();
    expect(body.standing).toBe('shared');
    expect(body.notes.map((note) => note.body)).toEqual([NOTE]);
    expect(body.files.map((file) => file.name)).toEqual(['statement.pdf']);
    const shown = body.items.filter((item) => !item.restricted);
    const restricted = body.items.filter((item) => item.restricted);
    // The GREEN suspect (as a record and as an entity) and the GREEN notice; not the unmarked
    // informant, nor the police's alert.
    expect(shown.map((item) => item.kind).sort()).toEqual(['entity', 'notice', 'record']);
    expect(shown.find((item) => item.kind === 'record')).toMatchObject({ caption: 'Visible Suspect' });
    expect(restricted).toHaveLength(2);
    for (const item of restricted) expect(Object.keys(item).sort()).toEqual(['id', 'restricted']);
    expect(response.body).not.toContain(hidden);
    expect(response.body).not.toContain('Hidden Informant');
    expect(response.body).not.toContain('REF-CASES-1');
    // The owner sees them all.
    const own = (await call(t.keys.police, 'GET', `/api/v1/cases/${caseId}`)).json<CaseBody>();
    expect(own.items.every((item) => !item.restricted)).toBe(true);
    // The file, to the shared organisation too; but it may not change the case.
    const fileId = body.files[0]?.id ?? '';
    const file = await call(hubKey, 'GET', `/api/v1/cases/${caseId}/files/${fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(Buffer.from(PDF))).toBe(true);
    expect((await call(hubKey, 'POST', `/api/v1/cases/${caseId}/notes`, { body: 'mine' })).statusCode).toBe(403);
    // Listed among its cases.
    const listed = await call(hubKey, 'GET', '/api/v1/cases');
    expect(listed.json()).toMatchObject({ cases: [{ case: { id: caseId }, standing: 'shared' }] });
  });

  it('is not found by an organisation it is not shared with, even one that may see its record', async () => {
    const notFound = await call(otherHubKey, 'GET', '/api/v1/cases/00000000-0000-8000-8000-000000000000');
    for (const key of [otherHubKey, t.keys.hotel]) {
      const response = await call(key, 'GET', `/api/v1/cases/${caseId}`);
      expect(response.statusCode).toBe(404);
      expect(response.json<{ error: { message: string } }>().error.message).toBe(
        notFound.json<{ error: { message: string } }>().error.message,
      );
      expect((await call(key, 'GET', '/api/v1/cases')).json()).toEqual({ cases: [] });
    }
    // The other coordinator may read the AMBER record itself: the case is still not its.
    expect((await call(otherHubKey, 'GET', `/api/v1/records/${caseId}`)).statusCode).toBe(200);
  });

  it('carries messages both ways with unread counts, and an alert in the other inbox', async () => {
    const first = await call(t.keys.police, 'POST', '/api/v1/messages', {
      about: { kind: 'case', id: caseId },
      body: MESSAGE,
    });
    expect(first.statusCode, first.body).toBe(201);
    const threadId = first.json<{ thread: { id: string } }>().thread.id;
    expect(first.json()).toMatchObject({
      thread: { about: { kind: 'case', id: caseId }, parties: [HUB.id, POLICE.id].sort(), unread: 0 },
      message: { organisationId: POLICE.id, body: MESSAGE },
    });
    const hubThreads = await call(hubKey, 'GET', '/api/v1/messages/threads');
    expect(hubThreads.json()).toMatchObject({ threads: [{ id: threadId, unread: 1, messages: 1 }] });
    const alerts = (await alertsOf(t, hubKey)).filter((alert) => alert.kind === 'message');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ raisedBy: POLICE.id, details: { thread: threadId } });
    expect(JSON.stringify(alerts)).not.toContain('Calais');

    const read = await call(hubKey, 'GET', `/api/v1/messages/threads/${threadId}`);
    expect(read.json()).toMatchObject({ messages: [{ body: MESSAGE, organisationId: POLICE.id }] });
    const reply = await call(hubKey, 'POST', `/api/v1/messages/threads/${threadId}/messages`, {
      body: 'Yes, tomorrow.',
    });
    expect(reply.statusCode).toBe(201);
    // Writing marks the thread read for the writer's organisation.
    expect((await call(hubKey, 'GET', '/api/v1/messages/threads')).json()).toMatchObject({
      threads: [{ id: threadId, unread: 0, messages: 2 }],
    });
    expect((await call(t.keys.police, 'GET', '/api/v1/messages/threads')).json()).toMatchObject({
      threads: [{ id: threadId, unread: 1 }],
    });
    const marked = await call(t.keys.police, 'POST', `/api/v1/messages/threads/${threadId}/read`, {});
    expect(marked.json()).toMatchObject({ thread: { unread: 0 } });
    expect((await call(t.keys.police, 'GET', `/api/v1/cases/${caseId}`)).json()).toMatchObject({ threadId });

    // Bodies are sealed where they are stored.
    const stored = await t.store.database.query<{ body: string }>('SELECT body FROM messages');
    expect(JSON.stringify(stored)).not.toContain('Calais');
    expect(JSON.stringify(stored)).not.toContain('tomorrow');

    // Outsiders read and write nothing, and list nothing.
    for (const key of [t.keys.hotel, otherHubKey]) {
      expect((await call(key, 'GET', `/api/v1/messages/threads/${threadId}`)).statusCode).toBe(404);
      expect(
        (await call(key, 'POST', `/api/v1/messages/threads/${threadId}/messages`, { body: 'let me in' })).statusCode,
      ).toBe(404);
      expect(
        (await call(key, 'POST', '/api/v1/messages', { about: { kind: 'case', id: caseId }, body: 'hello' }))
          .statusCode,
      ).toBe(404);
      expect((await call(key, 'GET', '/api/v1/messages/threads')).json()).toEqual({ threads: [] });
    }
  });

  it('keeps an alert’s thread to its parties, opened by the organisation alerted', async () => {
    const [alert] = await t.store.alerts.raise(
      [
        {
          organisationId: POLICE.id,
          kind: 'screening_hit',
          urgency: 'routine',
          dedupKey: 'cases-test-hit',
          reference: 'REF-HIT-9',
          recordId: null,
          raisedBy: HOTEL.id,
          details: {},
        },
      ],
      undefined,
    );
    const alertId = alert?.id ?? '';
    // The hotel was given a blind answer: it may not open the thread, nor learn that the alert exists.
    const early = await call(t.keys.hotel, 'POST', '/api/v1/messages', {
      about: { kind: 'alert', id: alertId },
      body: 'hi',
    });
    expect(early.statusCode).toBe(404);
    const opened = await call(t.keys.police, 'POST', '/api/v1/messages', {
      about: { kind: 'alert', id: alertId },
      body: 'Please hold the guest’s booking details.',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const threadId = opened.json<{ thread: { id: string } }>().thread.id;
    const hotelAlerts = (await alertsOf(t, t.keys.hotel)).filter((entry) => entry.kind === 'message');
    expect(hotelAlerts).toMatchObject([{ reference: 'REF-HIT-9', details: { thread: threadId } }]);
    expect((await call(t.keys.hotel, 'GET', '/api/v1/messages/threads')).json()).toMatchObject({
      threads: [{ id: threadId, unread: 1 }],
    });
    const answer = await call(t.keys.hotel, 'POST', `/api/v1/messages/threads/${threadId}/messages`, { body: 'Held.' });
    expect(answer.statusCode).toBe(201);
    expect((await call(hubKey, 'GET', `/api/v1/messages/threads/${threadId}`)).statusCode).toBe(404);
  });

  it('records every read and change in the ledger, by ids only', async () => {
    const entries = await t.store.ledger.read(0, 100_000);
    const aboutCase = entries.filter((entry) => entry.objectIds.includes(caseId));
    const actions = new Set(aboutCase.map((entry) => `${entry.action}:${entry.outcome}`));
    for (const expected of ['collect:ok', 'alter:ok', 'consult:ok', 'disclose:ok', 'disclose:denied', 'consult:denied'])
      expect(actions, expected).toContain(expected);
    expect(aboutCase.some((entry) => entry.organisation === HUB.id && entry.action === 'consult')).toBe(true);
    expect(entries.some((entry) => entry.detail?.startsWith('thread:') === true && entry.organisation === HUB.id)).toBe(
      true,
    );
    const everything = JSON.stringify(entries);
    for (const secret of ['Leeds', 'Calais', 'tomorrow', 'statement.pdf', 'Lantern'])
      expect(everything).not.toContain(secret);
  });

  it('lets the owner remove items and stop sharing: the case is then gone for the other organisation', async () => {
    const before = (await call(t.keys.police, 'GET', `/api/v1/cases/${caseId}`)).json<CaseBody>();
    const itemId = before.items[0]?.id ?? '';
    expect((await call(t.keys.police, 'DELETE', `/api/v1/cases/${caseId}/items/${itemId}`)).statusCode).toBe(204);
    const unshared = await call(t.keys.police, 'DELETE', `/api/v1/cases/${caseId}/shares/${HUB.id}`);
    expect(unshared.json()).toEqual({ shares: [] });
    expect((await call(hubKey, 'GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect(
      (await call(hubKey, 'GET', '/api/v1/messages/threads')).json<{ threads: { about: { kind: string } }[] }>()
        .threads,
    ).toEqual([]);
  });
});
