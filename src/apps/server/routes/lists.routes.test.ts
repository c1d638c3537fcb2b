import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICE } from '../../../../test/fixtures/records.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';

const SANCTIONS = [
  { id: 'os-1', schema: 'Person', properties: { name: ['Arkady Brennan'], birthDate: ['1961-02-03'] } },
  { id: 'os-2', schema: 'Company', properties: { name: ['Brennan Shipping Ltd'] } },
]
  .map((entity) => JSON.stringify(entity))
  .join('\n');

interface Screened {
  result: string;
  reference: string | null;
  hits: { notice: string; list: string | null; noticeType: string }[];
}

describe.each(databaseTargets())('external screening lists on $name', (target) => {
  let t: TestApp;
  const importList = (key: string, query: string, contentType: string, body: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/lists?${query}`,
      headers: { ...bearer(key), 'content-type': contentType },
      payload: body,
    });
  const screen = async (key: string, names: string[]) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/screen',
        headers: bearer(key, 'screening'),
        payload: { names },
      })
    ).json<Screened>();

  beforeAll(async () => {
    t = await testApp(target);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows anyone the hits on a public FtM list, and replaces the list when it is imported again', async () => {
    const imported = await importList(
      t.keys.police,
      'name=sanctions&visibility=shown',
      'application/x-ndjson',
      SANCTIONS,
    );
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ name: 'sanctions', visibility: 'shown', entries: 2 });
    const found = await screen(t.keys.hotel, ['Arkadiy Brennan']);
    expect(found).toMatchObject({ result: 'hits', hits: [{ list: 'sanctions', noticeType: 'sanctions' }] });
    expect((await screen(t.keys.hotel, ['Brennan Shipping Limited'])).result).toBe('hits');

    const again = SANCTIONS.split('\n')[1] ?? '';
    expect(
      (await importList(t.keys.police, 'name=sanctions&visibility=shown', 'application/x-ndjson', again)).json(),
    ).toMatchObject({
      entries: 1,
    });
    expect((await screen(t.keys.hotel, ['Arkadiy Brennan'])).result).toBe('no_hit');
    const lists = (await t.app.inject({ url: '/api/v1/lists', headers: bearer(t.keys.hotel) })).json<{
      lists: { id: string; name: string }[];
    }>().lists;
    expect(lists.map((list) => list.name)).toEqual(['sanctions']);
    // Only its owner removes it; then it is screened no more.
    const remove = (key: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/lists/${lists[0]?.id ?? ''}`, headers: bearer(key) });
    expect((await remove(t.keys.hotel)).statusCode).toBe(404);
    expect((await remove(t.keys.police)).statusCode).toBe(204);
    expect((await screen(t.keys.hotel, ['Brennan Shipping Limited'])).result).toBe('no_hit');
  });

  it('answers a blind CSV list as a notice, alerting its owner, and names the rows it cannot take', async () => {
    const csv = 'id,full_name,date_of_birth\nw-1,Petra Lindqvist,1979-05-06\nw-2,,\n';
    const refused = await importList(t.keys.police, 'name=watch', 'text/csv', csv);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { details: [{ field: 'row 2: names' }] } });
    expect((await importList(t.keys.police, 'name=watch', 'text/csv', csv.replace('w-2,,\n', ''))).statusCode).toBe(
      201,
    );
    const answer = await screen(t.keys.hotel, ['Petra Lindqvist']);
    expect(answer).toMatchObject({ result: 'secondary_check_advised', hits: [] });
    const alerts = (await t.app.inject({ url: '/api/v1/alerts', headers: bearer(t.keys.police) })).json<{
      alerts: { reference: string; record: string | null; details: Record<string, unknown> }[];
    }>().alerts;
    expect(alerts.find((alert) => alert.reference === answer.reference)).toMatchObject({
      record: null,
      details: { noticeType: 'watch' },
    });
    expect(POLICE.organisationType).toBe('law_enforcement');
  });
  it('holds a list to its own threshold unless the screening gives one', async () => {
    const csv = 'id,full_name\nx-1,Marguerite Okonkwo-Bassey\n';
    const imported = await importList(t.keys.police, 'name=strict&threshold=0.99', 'text/csv', csv);
    expect(imported.json()).toMatchObject({ threshold: 0.99 });
    expect((await screen(t.keys.hotel, ['Marguerite Okonkwo Basey'])).result).toBe('no_hit');
    expect((await screen(t.keys.hotel, ['Marguerite Okonkwo-Bassey'])).result).toBe('secondary_check_advised');
    const lenient = await t.app.inject({
      method: 'POST',
      url: '/api/v1/screen',
      headers: bearer(t.keys.hotel, 'screening'),
      payload: { names: ['Marguerite Okonkwo Basey'], threshold: 0.85 },
    });
    expect(lenient.json<Screened>().result).toBe('secondary_check_advised');
  });

  it('reads a CSV list of any columns through a column map, and names what is wrong with a map', async () => {
    const csv = 'Ref;Given;Family;Born\nk-1;Teodora;Vasilescu-Marin;1983-09-14\n'.replaceAll(';', ',');
    const map = (value: object) => `name=mapped&visibility=shown&map=${encodeURIComponent(JSON.stringify(value))}`;
    // Without a map the columns say nothing; with one they do.
    expect((await importList(t.keys.police, 'name=mapped', 'text/csv', csv)).json()).toMatchObject({
      error: { details: [{ field: 'header', message: expect.stringMatching(/"id" column/) as unknown }] },
    });
    const imported = await importList(
      t.keys.police,
      map({ id: 'Ref', fields: { given_name: 'Given', surname: 'Family', date_of_birth: 'Born' } }),
      'text/csv',
      csv,
    );
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ entries: 1, visibility: 'shown' });
    const answer = await screen(t.keys.hotel, ['Teodora Vasilescu-Marin']);
    expect(answer.hits).toMatchObject([{ list: 'mapped' }]);
    expect(answer.hits[0]?.notice).toMatch(/\/k-1$/);

    for (const [wrong, message] of [
      [{ id: 'Ref', fields: { nickname: 'Given' } }, /unknown role "nickname"/],
      [{ id: 'Ref', fields: { full_name: 'Name' } }, /no column "Name"/],
    ] as const) {
      const refused = await importList(t.keys.police, map(wrong), 'text/csv', csv);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({
        error: {
          details: [
            {
              field: expect.stringMatching(/map|header/) as unknown,
              message: expect.stringMatching(message) as unknown,
            },
          ],
        },
      });
    }
    const notJson = await importList(t.keys.police, 'name=mapped&map=%7Bid', 'text/csv', csv);
    expect(notJson.json()).toMatchObject({ error: { details: [{ field: 'map' }] } });
  });
});
