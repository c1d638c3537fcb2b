import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/support/databases.ts';
import { HOTEL, POLICE } from '../../../test/fixtures/records.ts';
import { LOCKOUT, mintSessionToken } from '../../domain/access/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import { EmailInUse, type Store } from './index.ts';

const AT = new Date('2026-03-02T09:00:00.000Z');
const later = (ms: number) => new Date(AT.getTime() + ms);

const event = (detail: string, objectIds: string[] = []): LedgerEvent => ({
  actor: 'system',
  organisation: HOTEL.id,
  action: 'administer',
  requestId: null,
  purpose: null,
  objectIds,
  outcome: 'ok',
  detail,
});

describe.each(databaseTargets())('users, sessions and sharing groups on $name', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let n = 0;
  const newUser = (organisationId: string = HOTEL.id) => {
    n += 1;
    return store.users.create({
      organisationId,
      email: `Person.${n}@Example.org`,
      displayName: `Person ${n}`,
      roles: ['reporter'],
      clearance: 'restricted',
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    });
  };
  const passwordSession = async (userId: string, at = AT) => {
    const session = mintSessionToken();
    await store.users.createSession({ tokenHash: session.hash, userId, stage: 'password', at });
    return session.hash;
  };

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await store.organisations.save(HOTEL);
    await store.organisations.save(POLICE);
  });
  afterAll(async () => {
    await dispose();
  });

  it('creates users with lower-cased emails, found in any case, and refuses a taken email', async () => {
    const user = await newUser();
    expect(user.email).toBe(`person.${n}@example.org`);
    expect(user).toMatchObject({ failedAttempts: 0, lockedUntil: null, totpSecret: null, disabledAt: null });
    expect((await store.users.findByEmail(`PERSON.${n}@example.ORG`))?.id).toBe(user.id);
    expect(await store.users.findById(user.id)).toEqual(user);
    expect(await store.users.findById('not-a-uuid')).toBeUndefined();
    await expect(
      store.users.create({
        organisationId: POLICE.id,
        email: ` Person.${n}@EXAMPLE.org `,
        displayName: 'Twin',
        roles: ['analyst'],
        clearance: 'secret',
        passwordHash: 'x',
      }),
    ).rejects.toBeInstanceOf(EmailInUse);
  });

  it('locks an account at the fifth failure in a row, until fifteen minutes on, and restarts the count', async () => {
    const user = await newUser();
    for (let failure = 1; failure < LOCKOUT.maxFailures; failure += 1) {
      expect(await store.users.recordFailure(user.id, AT, LOCKOUT)).toEqual({ lockedNow: false });
    }
    expect((await store.users.findById(user.id))?.failedAttempts).toBe(4);
    const audit: boolean[] = [];
    const locking = await store.users.recordFailure(user.id, AT, LOCKOUT, (lockedNow) => {
      audit.push(lockedNow);
      return [event('lockout', [user.id])];
    });
    expect(locking).toEqual({ lockedNow: true });
    expect(audit).toEqual([true]);
    expect(await store.users.findById(user.id)).toMatchObject({
      failedAttempts: 0,
      lockedUntil: later(LOCKOUT.lockMs).toISOString(),
    });
  });

  it('completes a sign-in once per TOTP step, rotating the session', async () => {
    const user = await newUser();
    const first = await passwordSession(user.id);
    const complete = mintSessionToken();
    const outcome = await store.users.completeSignIn(
      { userId: user.id, oldTokenHash: first, newTokenHash: complete.hash, step: 100, at: AT },
      [event('totp', [user.id])],
    );
    expect(outcome).toBe('complete');
    expect(await store.users.findSession(first)).toBeUndefined();
    expect(await store.users.findSession(complete.hash)).toMatchObject({
      stage: 'complete',
      createdAt: AT.toISOString(),
      user: { id: user.id, totpLastStep: 100, totpConfirmedAt: AT.toISOString() },
      organisation: HOTEL,
    });

    const second = await passwordSession(user.id);
    const again = { userId: user.id, oldTokenHash: second, newTokenHash: mintSessionToken().hash, at: AT };
    expect(await store.users.completeSignIn({ ...again, step: 100 })).toBe('replayed');
    expect(await store.users.completeSignIn({ ...again, step: 99 })).toBe('replayed');
    expect(await store.users.findSession(second)).toMatchObject({ stage: 'password' });
    expect(await store.users.completeSignIn({ ...again, oldTokenHash: mintSessionToken().hash, step: 101 })).toBe(
      'session_gone',
    );
    // The failed attempt rolled back whole: step 101 was not spent.
    expect(await store.users.completeSignIn({ ...again, step: 101 })).toBe('complete');
  });

  it('lets only one of two racing sign-ins spend the same step', async () => {
    const user = await newUser();
    const sessions = [await passwordSession(user.id), await passwordSession(user.id)];
    const outcomes = await Promise.all(
      sessions.map((oldTokenHash) =>
        store.users.completeSignIn({
          userId: user.id,
          oldTokenHash,
          newTokenHash: mintSessionToken().hash,
          step: 500,
          at: AT,
        }),
      ),
    );
    expect(outcomes.sort()).toEqual(['complete', 'replayed']);
  });

  it('ends every session of a disabled user in the same transaction as the ledger entry', async () => {
    const user = await newUser();
    const sessions = [await passwordSession(user.id), await passwordSession(user.id)];
    const before = (await store.ledger.head()).seq;
    expect(await store.users.disable(user.id, AT, [event('user_disabled', [user.id])])).toBe(true);
    for (const session of sessions) expect(await store.users.findSession(session)).toBeUndefined();
    const rows = await store.database.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM sessions WHERE user_id = $1',
      [user.id],
    );
    expect(Number(rows[0]?.n)).toBe(0);
    expect((await store.ledger.read(before, 10)).map((entry) => entry.detail)).toEqual(['user_disabled']);
    expect((await store.users.findById(user.id))?.disabledAt).toBe(AT.toISOString());
    expect(await store.users.disable('00000000-0000-4000-8000-000000000000', AT)).toBe(false);
  });

  it('finds no session of a disabled user even if one were left behind', async () => {
    const user = await newUser();
    await store.database.query('UPDATE users SET disabled_at = $2 WHERE id = $1', [user.id, AT.toISOString()]);
    const session = await passwordSession(user.id);
    expect(await store.users.findSession(session)).toBeUndefined();
  });

  it('moves a session’s last use forward only', async () => {
    const user = await newUser();
    const session = await passwordSession(user.id);
    await store.users.touchSession(session, later(60_000));
    await store.users.touchSession(session, later(30_000));
    expect((await store.users.findSession(session))?.lastSeenAt).toBe(later(60_000).toISOString());
    await store.users.deleteSession(session);
    expect(await store.users.findSession(session)).toBeUndefined();
  });

  it('changes roles and clearance, and lists an organisation’s users by email', async () => {
    const user = await newUser(POLICE.id);
    expect(await store.users.update(user.id, { roles: ['analyst', 'reviewer'] })).toMatchObject({
      roles: ['analyst', 'reviewer'],
      clearance: 'restricted',
    });
    expect(await store.users.update(user.id, { clearance: 'secret' })).toMatchObject({
      roles: ['analyst', 'reviewer'],
      clearance: 'secret',
    });
    const listed = await store.users.list(POLICE.id);
    expect(listed.map((account) => account.email)).toEqual(listed.map((account) => account.email).sort());
    expect(listed.every((account) => account.organisationId === POLICE.id)).toBe(true);
  });

  it('starts a TOTP enrolment only while none is confirmed', async () => {
    const user = await newUser();
    expect(await store.users.startTotpEnrolment(user.id, 'wf1:first')).toBe(true);
    expect(await store.users.startTotpEnrolment(user.id, 'wf1:second')).toBe(true);
    expect((await store.users.findById(user.id))?.totpSecret).toBe('wf1:second');
    const session = await passwordSession(user.id);
    await store.users.completeSignIn({
      userId: user.id,
      oldTokenHash: session,
      newTokenHash: mintSessionToken().hash,
      step: 7,
      at: AT,
    });
    expect(await store.users.startTotpEnrolment(user.id, 'wf1:third')).toBe(false);
    expect((await store.users.findById(user.id))?.totpSecret).toBe('wf1:second');
  });

  it('resets a second factor and ends every session, in the same transaction as the ledger entry', async () => {
    const user = await newUser();
    await store.users.startTotpEnrolment(user.id, 'wf1:secret');
    const session = await passwordSession(user.id);
    await store.users.completeSignIn({
      userId: user.id,
      oldTokenHash: session,
      newTokenHash: mintSessionToken().hash,
      step: 9,
      at: AT,
    });
    const sessions = [await passwordSession(user.id), await passwordSession(user.id)];
    const before = (await store.ledger.head()).seq;
    expect(await store.users.resetSecondFactor(user.id, [event('user_second_factor_reset', [user.id])])).toBe(true);
    expect(await store.users.findById(user.id)).toMatchObject({
      totpSecret: null,
      totpConfirmedAt: null,
      totpLastStep: null,
    });
    for (const hash of sessions) expect(await store.users.findSession(hash)).toBeUndefined();
    expect((await store.ledger.read(before, 10)).map((entry) => entry.detail)).toEqual(['user_second_factor_reset']);
    // Enrolment starts afresh.
    expect(await store.users.startTotpEnrolment(user.id, 'wf1:new')).toBe(true);
    expect(await store.users.resetSecondFactor('00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(await store.users.resetSecondFactor('not-a-uuid')).toBe(false);
  });

  it('unlocks an account and restarts its count of failures', async () => {
    const user = await newUser();
    for (let failure = 0; failure < LOCKOUT.maxFailures + 2; failure += 1) {
      await store.users.recordFailure(user.id, AT, LOCKOUT);
    }
    expect(await store.users.findById(user.id)).toMatchObject({
      failedAttempts: 2,
      lockedUntil: expect.any(String) as unknown,
    });
    const before = (await store.ledger.head()).seq;
    expect(await store.users.unlock(user.id, [event('user_unlocked', [user.id])])).toBe(true);
    expect(await store.users.findById(user.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect((await store.ledger.read(before, 10)).map((entry) => entry.detail)).toEqual(['user_unlocked']);
    expect(await store.users.unlock('not-a-uuid')).toBe(false);
  });

  it('changes a password only from the hash it was checked against, ending every other session', async () => {
    const user = await newUser();
    const kept = await passwordSession(user.id);
    const others = [await passwordSession(user.id), await passwordSession(user.id)];
    const change = { userId: user.id, previousHash: 'not-the-stored-hash', passwordHash: 'new', keepTokenHash: kept };
    expect(await store.users.changePassword(change, [event('password_changed', [user.id])])).toBe(false);
    expect(await store.users.findSession(others[0] ?? '')).toBeDefined();

    const before = (await store.ledger.head()).seq;
    const previousHash = user.passwordHash ?? '';
    expect(await store.users.changePassword({ ...change, previousHash }, [event('password_changed', [user.id])])).toBe(
      true,
    );
    expect((await store.users.findById(user.id))?.passwordHash).toBe('new');
    expect(await store.users.findSession(kept)).toBeDefined();
    for (const hash of others) expect(await store.users.findSession(hash)).toBeUndefined();
    expect((await store.ledger.read(before, 10)).map((entry) => entry.detail)).toEqual(['password_changed']);
  });

  it('keeps sharing groups with their members, and sessions see their organisation’s groups', async () => {
    expect(await store.groups.create({ id: 'port-watch', name: 'Port watch', createdBy: HOTEL.id, at: AT })).toBe(true);
    expect(await store.groups.create({ id: 'port-watch', name: 'Again', createdBy: POLICE.id })).toBe(false);
    expect(await store.groups.get('port-watch')).toMatchObject({ createdBy: HOTEL.id, members: [HOTEL.id] });
    expect(await store.groups.addMember('port-watch', POLICE.id)).toBe('added');
    expect(await store.groups.addMember('port-watch', POLICE.id)).toBe('already_member');
    expect(await store.groups.addMember('port-watch', 'no-such-org')).toBe('no_such_organisation');
    expect(await store.groups.addMember('no-such-group', POLICE.id)).toBe('no_such_group');
    expect((await store.groups.listFor(POLICE.id)).map((group) => group.id)).toEqual(['port-watch']);

    const user = await newUser(POLICE.id);
    const session = await passwordSession(user.id);
    expect((await store.users.findSession(session))?.groups).toEqual(['port-watch']);

    expect(await store.groups.removeMember('port-watch', 'no-such-org')).toBe('not_member');
    expect(await store.groups.removeMember('port-watch', HOTEL.id)).toBe('removed');
    expect(await store.groups.removeMember('port-watch', POLICE.id)).toBe('last_member');
    expect(await store.groups.listFor(HOTEL.id)).toEqual([]);
  });
});
