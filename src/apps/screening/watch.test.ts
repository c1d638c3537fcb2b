import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTEL, POLICE } from '../../../test/fixtures/records.ts';
import { databaseTargets } from '../../../test/support/databases.ts';
import { alertsOf as alertsOfInbox, bearer, publishNotice, testApp, type TestApp } from '../../../test/support/app.ts';
import { recordIdOf, type RecordId } from '../../domain/model/ids.ts';
import { Resolver } from '../resolution/resolver.ts';

const AIRLINE = {
  id: 'sky-air',
  name: 'Sky Air',
  organisationType: 'company',
  sector: 'transport',
  country: 'GB',
} as const;

describe.each(databaseTargets())('continuous screening of entities on $name', (target) => {
  let t: TestApp;
  let airlineKey: string;
  let resolver: Resolver;

  const write = async (key: string, sourceSystem: string, envelope: object, records: object[]) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: bearer(key),
      payload: { sourceSystem, envelope, records },
    });
    expect(response.json()).toMatchObject({ inserted: records.length });
  };
  const alertsOf = (key: string) => alertsOfInbox(t, key);
  const subscribe = async (key: string, record: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/subscriptions',
      headers: bearer(key),
      payload: { record },
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  /** An analyst's judgement that two records are one person, and the entities grouped again. */
  const same = async (a: RecordId, b: RecordId) => {
    await t.store.resolution.judge(
      [{ recordA: a, recordB: b, verdict: 'same', reason: 'test', organisationId: POLICE.id, decidedBy: 'user:test' }],
      {
        actor: 'user:test',
        organisation: POLICE.id,
        action: 'combine',
        requestId: null,
        purpose: 'investigation',
        objectIds: [a, b],
        outcome: 'ok',
      },
    );
    await resolver.regroup([a, b]);
    await t.watch?.settle();
  };

  const hotelGuest = recordIdOf(HOTEL.id, 'guests', 'g-1');
  const passenger = recordIdOf(AIRLINE.id, 'passengers', 'p-1');
  const unshared = recordIdOf(AIRLINE.id, 'passengers', 'p-2');

  beforeAll(async () => {
    t = await testApp(target, { watch: true });
    await t.store.organisations.save(AIRLINE);
    airlineKey = await t.store.organisations.issueApiKey(AIRLINE.id, 'test', ['records:read', 'records:write']);
    resolver = new Resolver(t.store);
    resolver.onRegrouped((regrouped) => {
      t.watch?.entitiesRegrouped(regrouped);
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('raises a hit the records of one entity find together and none finds alone, once, to the owner only', async () => {
    // Neither record alone is close enough: a short name with the right date of birth, the full
    // name with another date.
    await write(t.keys.hotel, 'guests', { tlp: 'GREEN' }, [
      { type: 'Person', sourceRecordId: 'g-1', properties: { name: ['Rado Velkov'], birthDate: ['1985-03-12'] } },
    ]);
    await write(airlineKey, 'passengers', { tlp: 'GREEN' }, [
      { type: 'Person', sourceRecordId: 'p-1', properties: { name: ['Radomir Velkov'], birthDate: ['1986-01-01'] } },
    ]);
    // Shared with nobody (no TLP marking).
    await write(airlineKey, 'passengers', {}, [
      { type: 'Person', sourceRecordId: 'p-2', properties: { name: ['Ilia Marinov'], phone: ['+447700900123'] } },
    ]);
    const notice = await publishNotice(t, {
      noticeType: 'wanted',
      title: 'Wanted: Radomir Velkov',
      name: ['Radomir Velkov'],
      birthDate: ['1985-03-12'],
    });
    await t.watch?.settle();
    const hitsOn = async () =>
      (await alertsOf(t.keys.police)).filter(
        (alert) => alert.kind === 'continuous_hit' && alert.details['notice'] === notice,
      );
    expect(await hitsOn()).toEqual([]);

    // The police subscribe to the hotel's guest, and so does the hotel.
    await subscribe(t.keys.police, hotelGuest);
    await subscribe(t.keys.hotel, hotelGuest);
    // Linked to a record neither may see: nobody hears of it, and together they still find nothing.
    await same(hotelGuest, unshared);
    expect(await hitsOn()).toEqual([]);
    expect((await alertsOf(t.keys.police)).filter((alert) => alert.kind === 'entity_linked')).toEqual([]);
    expect((await alertsOf(t.keys.hotel)).filter((alert) => alert.kind === 'entity_linked')).toEqual([]);

    // Linked to the passenger: the entity's names and dates together hit the notice.
    await same(hotelGuest, passenger);
    const hits = await hitsOn();
    expect(hits).toHaveLength(1);
    const entity = hits[0]?.details['entity'] as { id: string; records: { id: string; heldBy: string }[] };
    expect(entity.records.map((record) => record.id).sort()).toEqual([hotelGuest, passenger, unshared].sort());
    expect(hits[0]?.details['screened']).toMatchObject({
      names: expect.arrayContaining(['Rado Velkov', 'Radomir Velkov']) as unknown,
      birthDates: expect.arrayContaining(['1985-03-12', '1986-01-01']) as unknown,
    });
    // Blind for the companies holding the records.
    for (const key of [t.keys.hotel, airlineKey]) {
      expect((await alertsOf(key)).filter((alert) => alert.details['notice'] === notice)).toEqual([]);
    }

    // Subscribers hear of the passenger linked to the guest, never of the record they may not see.
    for (const key of [t.keys.police, t.keys.hotel]) {
      const linked = (await alertsOf(key)).filter((alert) => alert.kind === 'entity_linked');
      expect(linked).toHaveLength(1);
      expect(linked[0]).toMatchObject({ record: hotelGuest });
      expect(linked[0]?.details['linked']).toEqual([{ id: passenger, type: 'Person', heldBy: AIRLINE.id }]);
      expect(JSON.stringify(linked[0])).not.toContain(unshared);
    }

    // Grouped again, screened again: nothing raised twice.
    await resolver.regroup([hotelGuest]);
    await t.watch?.settle();
    expect(await hitsOn()).toHaveLength(1);
    expect((await alertsOf(t.keys.police)).filter((alert) => alert.kind === 'entity_linked')).toHaveLength(1);
  });
});
