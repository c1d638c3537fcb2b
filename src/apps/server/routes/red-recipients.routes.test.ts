import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../../domain/model/ids.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';
import { addUser, signInAndEnrol, signInApp, HUB, type SignInApp } from '../../../../test/support/sign-in.ts';

const PASSWORD = 'quay-lantern-2041';

describe.each(databaseTargets())('TLP:RED for named people on $name', (target) => {
  let t: SignInApp;
  const cookies = { named: '', colleague: '', hub: '' };
  const red = recordIdOf(HOTEL.id, 'crm', 'red-named');
  const redNobody = recordIdOf(HOTEL.id, 'crm', 'red-nobody');

  const read = (cookie: string, url: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie, 'x-weft-purpose': 'investigation' } });

  beforeAll(async () => {
    t = await signInApp(target);
    const named = await addUser(t.store, {
      email: 'named@police.example',
      password: PASSWORD,
      organisationId: POLICE.id,
      roles: ['analyst'],
    });
    await addUser(t.store, {
      email: 'colleague@police.example',
      password: PASSWORD,
      organisationId: POLICE.id,
      roles: ['analyst'],
    });
    await addUser(t.store, {
      email: 'analyst@hub.example',
      password: PASSWORD,
      organisationId: HUB.id,
      roles: ['analyst'],
    });
    cookies.named = (await signInAndEnrol(t, { email: 'named@police.example', password: PASSWORD })).cookie;
    cookies.colleague = (await signInAndEnrol(t, { email: 'colleague@police.example', password: PASSWORD })).cookie;
    cookies.hub = (await signInAndEnrol(t, { email: 'analyst@hub.example', password: PASSWORD })).cookie;

    const key = await t.store.organisations.issueApiKey(HOTEL.id, 'test', ['records:write']);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        sourceSystem: 'crm',
        records: [
          {
            type: 'Person',
            sourceRecordId: 'red-named',
            envelope: { tlp: 'RED', recipients: [named.id] },
            properties: { name: 'Rosa Red' },
          },
          { type: 'Person', sourceRecordId: 'red-nobody', envelope: { tlp: 'RED' }, properties: { name: 'Nadia Red' } },
        ],
      },
    });
    expect(response.json()).toMatchObject({ inserted: 2, rejected: 0 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a RED record to the person it names, and to nobody else outside its owner', async () => {
    const shown = await read(cookies.named, `/records/${red}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ properties: { name: ['Rosa Red'] } });

    const absent = await read(cookies.named, `/records/${recordIdOf(HOTEL.id, 'crm', 'never-written')}`);
    for (const [cookie, id] of [
      [cookies.colleague, red],
      [cookies.hub, red],
      [cookies.named, redNobody],
    ] as const) {
      const refused = await read(cookie, `/records/${id}`);
      expect(refused.statusCode).toBe(404);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe(
        absent.json<{ error: { code: string } }>().error.code,
      );
    }
  });

  it('lists the RED record only for the person it names', async () => {
    const ids = async (cookie: string) =>
      (await read(cookie, '/records?type=Person')).json<{ records: { id: string }[] }>().records.map(({ id }) => id);
    expect(await ids(cookies.named)).toEqual([red]);
    expect(await ids(cookies.colleague)).toEqual([]);
  });
});
