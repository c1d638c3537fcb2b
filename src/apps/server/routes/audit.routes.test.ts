import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { HOTEL } from '../../../../test/fixtures/records.ts';
import { addUser, signInAndEnrol, signInApp, type SignInApp } from '../../../../test/support/sign-in.ts';

const PASSWORD = 'quay-lantern-2041';
const BOARD = { id: 'oversight-board', name: 'Board', organisationType: 'oversight', sector: 'oversight' } as const;

interface Page {
  readonly entries: { seq: number; organisation: string | null; action: string; objectIds: string[] }[];
}

describe.each(databaseTargets())('the ledger for oversight on $name', (target) => {
  let t: SignInApp;
  const cookies = { auditor: '', hotelAdmin: '', analyst: '' };
  const call = (cookie: string, url: string) =>
    t.app.inject({ url: `/api/v1${url}`, headers: { cookie, 'x-weft-purpose': 'investigation' } });

  beforeAll(async () => {
    t = await signInApp(target);
    await t.store.organisations.save(BOARD);
    const people = [
      { key: 'auditor', email: 'auditor@board.example', organisationId: BOARD.id, roles: ['auditor'] },
      { key: 'hotelAdmin', email: 'admin@hotel.example', organisationId: HOTEL.id, roles: ['admin'] },
      { key: 'analyst', email: 'analyst@hotel.example', organisationId: HOTEL.id, roles: ['analyst'] },
    ] as const;
    for (const person of people) {
      await addUser(t.store, { ...person, roles: [...person.roles], password: PASSWORD, clearance: 'secret' });
      cookies[person.key] = (await signInAndEnrol(t, { email: person.email, password: PASSWORD })).cookie;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows an auditor every entry, and the chain verified, but no record content', async () => {
    const page = await call(cookies.auditor, '/ledger?limit=1000');
    expect(page.statusCode).toBe(200);
    const { entries } = page.json<Page>();
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((entry) => entry.organisation))).toContain(HOTEL.id);
    expect(new Set(entries.map((entry) => entry.action))).toContain('sign_in');
    const verification = await call(cookies.auditor, '/ledger/verification');
    expect(verification.json()).toMatchObject({ ok: true });
    // An auditor reads no records at all.
    expect((await call(cookies.auditor, '/records')).statusCode).toBe(403);
  });

  it('keeps an administrator to their own organisation’s entries, and others out', async () => {
    const { entries } = (await call(cookies.hotelAdmin, `/ledger?limit=1000&organisation=${BOARD.id}`)).json<Page>();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.organisation === HOTEL.id)).toBe(true);
    expect((await call(cookies.hotelAdmin, '/ledger/verification')).statusCode).toBe(403);
    expect((await call(cookies.analyst, '/ledger')).statusCode).toBe(403);
  });

  it('records that the ledger was read', async () => {
    const { entries } = (await call(cookies.auditor, '/ledger?action=consult&objectId=ledger&limit=1000')).json<Page>();
    expect(entries.some((entry) => entry.organisation === BOARD.id)).toBe(true);
  });
});
