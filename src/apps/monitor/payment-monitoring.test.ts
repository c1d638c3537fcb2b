import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICE } from '../../../test/fixtures/records.ts';
import { databaseTargets } from '../../../test/support/databases.ts';
import { alertsOf as alertsOfInbox, bearer, testApp, type TestApp } from '../../../test/support/app.ts';
import { recordIdOf } from '../../domain/model/ids.ts';
import { PaymentMonitoring, REPLAY_LOOKBACK_MS } from './payment-monitoring.ts';

const BANK = {
  id: 'north-bank',
  name: 'North Bank',
  organisationType: 'company',
  sector: 'finance',
  country: 'GB',
} as const;
const IBAN = 'GB33NBNK60161331926819';

describe.each(databaseTargets())('transaction monitoring in the server on $name', (target) => {
  let t: TestApp;
  let bankKey: string;

  const write = async (key: string, sourceSystem: string, envelope: object, records: object[]) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: bearer(key),
      payload: { sourceSystem, envelope, records },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  };
  const alertsOf = (key: string) => alertsOfInbox(t, key);
  /** The bank's accounts are records of its core system; a payment refers to them. */
  const account = (sourceRecordId: string) => ({ sourceSystem: 'core', sourceRecordId });
  const payment = (id: string, from: string, to: string, amount: number, at: string) => ({
    type: 'Payment',
    sourceRecordId: id,
    properties: {
      payerAccount: account(from),
      payeeAccount: account(to),
      amount,
      currency: 'GBP',
      occurredAt: at,
      channel: 'transfer',
    },
  });
  const idOf = (sourceRecordId: string) => recordIdOf(BANK.id, 'core', sourceRecordId);

  beforeAll(async () => {
    t = await testApp(target, { monitoring: true });
    await t.store.organisations.save(BANK);
    bankKey = await t.store.organisations.issueApiKey(BANK.id, 'test', ['records:read', 'records:write']);
    await write(bankKey, 'core', { tlp: 'AMBER' }, [
      { type: 'BankAccount', sourceRecordId: 'acct-funnel', properties: { iban: IBAN, accountType: 'current' } },
    ]);
    await write(bankKey, 'core', { tlp: 'RED', subjectCategory: 'victim' }, [
      { type: 'BankAccount', sourceRecordId: 'acct-victim', properties: { accountType: 'current' } },
    ]);
    // The police unit's case holds the same account (written as a victim's statement gave it).
    await write(t.keys.police, 'cases', { tlp: 'AMBER' }, [
      { type: 'BankAccount', sourceRecordId: 'ring-account', properties: { iban: 'gb33 nbnk 6016 1331 9268 19' } },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('raises a red flag to the institution, tells the police holding the account, and never twice', async () => {
    await write(bankKey, 'payments', { tlp: 'AMBER' }, [
      payment('p-1', 'acct-funnel', 'acct-x', 135_600, '2026-06-01T10:00:00Z'),
      payment('p-2', 'acct-funnel', 'acct-x', 129_000, '2026-06-01T11:30:00Z'),
      payment('p-3', 'acct-funnel', 'acct-x', 131_000, '2026-06-01T12:10:00Z'),
    ]);
    await t.monitoring?.settle();
    const flags = (await alertsOf(bankKey)).filter((alert) => alert.kind === 'red_flag');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ raisedBy: BANK.id, reference: expect.stringMatching(/^ALR-/) as unknown });
    expect(flags[0]?.details).toMatchObject({
      typology: 'structuring',
      typologyVersion: 1,
      configVersion: 'default-1',
      subjectType: 'account',
      subjectId: idOf('acct-funnel'),
      account: idOf('acct-funnel'),
      accounts: [idOf('acct-funnel'), idOf('acct-x')].sort(),
    });
    expect(String(flags[0]?.details['explanation'])).toMatch(new RegExp(`paid ${idOf('acct-x')} 3 times on one day`));
    expect(flags[0]?.details['payments']).toHaveLength(3);

    // The police hold the account: told of the red flag and whom to ask, not the bank's payments (AMBER).
    const links = (await alertsOf(t.keys.police)).filter((alert) => alert.kind === 'red_flag_link');
    expect(links).toHaveLength(1);
    expect(links[0]?.details).toMatchObject({ typology: 'structuring', institution: { id: BANK.id } });
    expect(links[0]?.details['ask']).toMatch(/North Bank's: ask them quoting ALR-/);
    expect(JSON.stringify(links[0])).not.toContain(idOf('acct-x'));

    // The same payments again, and a restart that replays the payments held: nothing new.
    await write(bankKey, 'payments', { tlp: 'AMBER' }, [
      payment('p-1', 'acct-funnel', 'acct-x', 135_600, '2026-06-01T10:00:00Z'),
    ]);
    await t.monitoring?.settle();
    const restarted = await PaymentMonitoring.start(t.store, {
      monitored: () => undefined,
      failed: (error) => {
        throw error;
      },
    });
    await restarted.stop();
    expect((await alertsOf(bankKey)).filter((alert) => alert.kind === 'red_flag')).toHaveLength(1);
  });

  it('replays at a start only the payments that can still count: months before the newest, or before the oldest not yet monitored', async () => {
    const LENDER = { ...BANK, id: 'west-lender', name: 'West Lender' };
    await t.store.organisations.save(LENDER);
    const lenderKey = await t.store.organisations.issueApiKey(LENDER.id, 'test', ['records:read', 'records:write']);
    // Structuring a year and a half ago, and one payment now.
    await write(lenderKey, 'payments', { tlp: 'AMBER' }, [
      payment('old-1', 'acct-a', 'acct-b', 135_600, '2025-01-10T10:00:00Z'),
      payment('old-2', 'acct-a', 'acct-b', 129_000, '2025-01-10T11:30:00Z'),
      payment('old-3', 'acct-a', 'acct-b', 131_000, '2025-01-10T12:10:00Z'),
      payment('new-1', 'acct-a', 'acct-c', 5_000, '2026-07-01T09:00:00Z'),
    ]);
    await t.monitoring?.settle();
    const flagsOf = async () =>
      (await alertsOf(lenderKey)).filter((alert) => alert.kind === 'red_flag' && alert.raisedBy === LENDER.id);
    expect(await flagsOf()).toHaveLength(1);

    const newest = Date.parse('2026-07-01T09:00:00Z');
    const starts = await t.store.monitoring.replayStarts(REPLAY_LOOKBACK_MS, LENDER.id);
    expect(starts).toEqual(new Map([[LENDER.id, new Date(newest - REPLAY_LOOKBACK_MS).toISOString()]]));
    const since = await t.store.monitoring.paymentsSince(LENDER.id, starts.get(LENDER.id) ?? '', 100);
    expect(since).toEqual([recordIdOf(LENDER.id, 'payments', 'new-1')]);

    // A restart reads the one payment that can still count, and raises nothing again.
    let replayed = 0;
    const restarted = await PaymentMonitoring.start(t.store, {
      monitored: (payments) => {
        replayed += payments;
      },
      failed: (error) => {
        throw error;
      },
    });
    await restarted.stop();
    const all = await t.store.database.query<{ count: string }>(
      `SELECT count(*) AS count FROM records WHERE entity_type = 'Payment'`,
    );
    expect(replayed).toBeLessThan(Number(all[0]?.count));
    expect(await flagsOf()).toHaveLength(1);

    // An old payment no server has monitored (written while none watched): the replay starts before it.
    await t.store.database.query(`DELETE FROM monitored_versions WHERE record_id = $1`, [
      recordIdOf(LENDER.id, 'payments', 'old-2'),
    ]);
    const back = await t.store.monitoring.replayStarts(REPLAY_LOOKBACK_MS, LENDER.id);
    expect(back.get(LENDER.id)).toBe(new Date(Date.parse('2025-01-10T11:30:00Z') - REPLAY_LOOKBACK_MS).toISOString());
    await t.monitoring?.settle();
  });

  it('turns a protected victim’s red flag into a service referral for the institution alone', async () => {
    await write(bankKey, 'payments', { tlp: 'AMBER' }, [
      payment('v-1', 'acct-victim', 'acct-y', 50_000, '2026-06-02T10:00:00Z'),
      payment('v-2', 'acct-victim', 'acct-y', 50_500, '2026-06-02T10:40:00Z'),
      payment('v-3', 'acct-victim', 'acct-y', 49_800, '2026-06-02T11:15:00Z'),
    ]);
    await t.monitoring?.settle();
    const referrals = (await alertsOf(bankKey)).filter((alert) => alert.kind === 'service_referral');
    expect(referrals).toHaveLength(1);
    expect(referrals[0]).toMatchObject({ urgency: 'urgent', details: { subjectId: idOf('acct-victim') } });
    expect(String(referrals[0]?.details['guidance'])).toMatch(/never an enforcement action/);
    expect(
      (await alertsOf(bankKey)).some(
        (alert) => alert.kind === 'red_flag' && alert.details['subjectId'] === idOf('acct-victim'),
      ),
    ).toBe(false);
    expect(JSON.stringify(await alertsOf(t.keys.police))).not.toContain(idOf('acct-victim'));
  });

  it('lists the library, and takes an institution’s configuration only within its bands', async () => {
    const library = await t.app.inject({
      method: 'GET',
      url: '/api/v1/monitoring/typologies',
      headers: bearer(bankKey),
    });
    const { typologies } = library.json<{ typologies: { id: string; sources: string[]; parameters: unknown[] }[] }>();
    expect(typologies.map((typology) => typology.id)).toEqual(
      expect.arrayContaining(['after_hours_personal_services', 'funnel_account', 'structuring', 'cycle']) as unknown,
    );
    expect(typologies.every((typology) => typology.sources.length > 0 && typology.parameters.length > 0)).toBe(true);
    const config = await t.app.inject({ method: 'GET', url: '/api/v1/monitoring/config', headers: bearer(bankKey) });
    expect(config.json()).toMatchObject({ version: 'default-1', updatedAt: null });
    // An API key is no administrator.
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/monitoring/config',
      headers: bearer(bankKey),
      payload: { version: 'v2' },
    });
    expect(refused.statusCode).toBe(403);
    await expect(
      t.monitoring?.configure(
        BANK.id,
        { version: 'v2', values: { 'fan_in.min_payers': 1 } },
        { actor: 'test', requestId: null, purpose: null },
      ),
    ).rejects.toThrow(/outside its band/);
    await t.monitoring?.configure(
      BANK.id,
      { version: 'bank-2', disabled: ['structuring'] },
      { actor: 'user:test', requestId: null, purpose: null },
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/monitoring/config', headers: bearer(bankKey) })).json(),
    ).toMatchObject({ version: 'bank-2', disabled: ['structuring'], updatedBy: 'user:test' });
    expect(POLICE.organisationType).toBe('law_enforcement');
  });
});
