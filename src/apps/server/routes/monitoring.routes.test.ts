import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTEL } from '../../../../test/fixtures/records.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { addUser, signInAndEnrol, signInApp, type SignInApp } from '../../../../test/support/sign-in.ts';

const PASSWORD = 'ledger-harbour-2077';

describe.each(databaseTargets())('the monitoring configuration by API on $name', (target) => {
  let t: SignInApp;
  let admin = '';
  let analyst = '';

  const call = (cookie: string, method: 'GET' | 'PUT', payload?: object) =>
    t.app.inject({
      method,
      url: '/api/v1/monitoring/config',
      headers: { cookie, 'x-weft-purpose': 'investigation' },
      ...(payload === undefined ? {} : { payload }),
    });

  beforeAll(async () => {
    t = await signInApp(target);
    await addUser(t.store, {
      email: 'admin@hotel.example',
      password: PASSWORD,
      roles: ['admin'],
      organisationId: HOTEL.id,
    });
    await addUser(t.store, {
      email: 'analyst@hotel.example',
      password: PASSWORD,
      roles: ['analyst'],
      organisationId: HOTEL.id,
    });
    admin = (await signInAndEnrol(t, { email: 'admin@hotel.example', password: PASSWORD })).cookie;
    analyst = (await signInAndEnrol(t, { email: 'analyst@hotel.example', password: PASSWORD })).cookie;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets an administrator set parameters within their bands and rules of the institution’s own, in the ledger', async () => {
    const config = {
      version: 'harbour-3',
      values: { 'funnel_account.min_cities': 4, 'third_party_travel.travel_categories': ['4511'] },
      disabled: ['cycle'],
      rules: [
        {
          id: 'late_cash',
          version: 1,
          title: 'Late cash',
          subject: 'payee_account',
          windowDays: 7,
          when: 'channel == "cash" && hour >= 23',
          condition: 'count >= 3',
        },
      ],
    };
    const before = (await t.store.ledger.head()).seq;
    const stored = await call(admin, 'PUT', config);
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toMatchObject({ ...config, updatedBy: expect.stringMatching(/^user:/) as unknown });
    expect((await call(analyst, 'GET')).json()).toMatchObject(config);
    const entries = await t.store.ledger.read(before, 10);
    expect(entries.map((entry) => entry.detail)).toContain('monitoring_configured');
  });

  it('refuses values outside their bands, unknown typologies and rules that do not check, naming each', async () => {
    const refused = await call(admin, 'PUT', {
      version: 'harbour-4',
      values: { 'fan_in.min_payers': 1 },
      disabled: ['no_such_typology'],
      rules: [
        {
          id: 'bad',
          version: 1,
          title: 'Bad',
          subject: 'payer_account',
          windowDays: 7,
          when: 'amount >',
          condition: 'count',
        },
      ],
    });
    expect(refused.statusCode).toBe(400);
    const messages = refused.json<{ error: { details: { message: string }[] } }>().error.details.map((d) => d.message);
    expect(messages).toEqual([
      expect.stringMatching(/^rule bad, when: /),
      'rule bad, condition: gives int, not a yes or no (bool)',
      '"fan_in.min_payers" is 1, outside its band 2 to 500',
      'unknown typology "no_such_typology" in "disabled"',
    ]);
    expect((await call(analyst, 'GET')).json()).toMatchObject({ version: 'harbour-3' });
    // Only an administrator sets it.
    expect((await call(analyst, 'PUT', { version: 'x' })).statusCode).toBe(403);
  });
});
