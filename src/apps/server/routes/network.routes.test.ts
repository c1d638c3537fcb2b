/**
 * The network through the API: a phone written three ways (plainly, in a person's record, in words
 * inside an advert) ties people, adverts, a stay and a document together with reasons; each reader
 * sees only the links whose records they may see; judgements join and split entities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../../domain/model/ids.ts';
import type { Organisation } from '../../../domain/model/organisation.ts';
import { Resolver } from '../../resolution/resolver.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';

const SITE: Organisation = {
  id: 'classifieds',
  name: 'Classifieds',
  organisationType: 'company',
  sector: 'communications',
  country: 'GB',
};
const NGO: Organisation = {
  id: 'safe-house',
  name: 'Safe House',
  organisationType: 'ngo',
  sector: 'ngo',
  country: 'GB',
};

interface Network {
  nodes: { id: string; kind: string; caption: string | null }[];
  edges: { source: string; target: string; kind: string; basis: string; reason?: string; place?: string }[];
  carriers?: string[];
}

describe.each(databaseTargets())('the network through the API on $name', (target) => {
  let t: TestApp;
  const keys = { police: '', hotel: '', ngo: '' };
  const id = {
    advertPlain: recordIdOf(SITE.id, 'ads', 'a1'),
    advertWords: recordIdOf(SITE.id, 'ads', 'a2'),
    guest: recordIdOf(HOTEL.id, 'stays', 'guest'),
    booking: recordIdOf(HOTEL.id, 'stays', 'booking'),
    suspect: recordIdOf(POLICE.id, 'cases', 'suspect'),
    passport: recordIdOf(POLICE.id, 'cases', 'passport'),
    victim: recordIdOf(NGO.id, 'casework', 'victim'),
    ngoPrivate: recordIdOf(NGO.id, 'casework', 'private'),
  };

  const get = (key: string, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: bearer(key) });
  const post = (key: string, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: bearer(key), payload });
  const submit = async (owner: Organisation, sourceSystem: string, envelope: object, records: object[]) => {
    const key = await t.store.organisations.issueApiKey(owner.id, 'writer', ['records:write']);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { authorization: `Bearer ${key}` },
      payload: { sourceSystem, envelope, records },
    });
    expect(response.json()).toMatchObject({ rejected: 0 });
  };
  const ids = (network: Network) => network.nodes.map((node) => node.id).sort();

  beforeAll(async () => {
    t = await testApp(target);
    await t.store.organisations.save(SITE);
    await t.store.organisations.save(NGO);
    const reach = { roles: ['analyst' as const], clearance: 'secret' as const };
    keys.police = await t.store.organisations.issueApiKey(POLICE.id, 'analyst', ['records:read'], reach);
    keys.hotel = await t.store.organisations.issueApiKey(HOTEL.id, 'analyst', ['records:read'], reach);
    keys.ngo = await t.store.organisations.issueApiKey(NGO.id, 'caseworker', ['records:read'], {
      roles: ['caseworker'],
      clearance: 'secret',
    });
    await submit(SITE, 'ads', { tlp: 'GREEN' }, [
      {
        type: 'Advert',
        sourceRecordId: 'a1',
        properties: {
          site: 'classifieds',
          body: 'New in town, call 07911 123456',
          city: 'Leeds',
          country: 'GB',
          postedAt: '2026-03-01T20:00:00Z',
        },
      },
      {
        type: 'Advert',
        sourceRecordId: 'a2',
        properties: {
          site: 'classifieds',
          body: 'Sweet and discreet, call zero seven nine one one one two three four five six',
          city: 'York',
          country: 'GB',
          postedAt: '2026-03-12T21:00:00Z',
        },
      },
    ]);
    await submit(HOTEL, 'stays', { tlp: 'GREEN' }, [
      {
        type: 'Person',
        sourceRecordId: 'guest',
        properties: { name: 'Ion Popescu', phone: '+44 7911 123456', birthDate: '1988-02-03' },
      },
      {
        type: 'Booking',
        sourceRecordId: 'booking',
        properties: { checkIn: '2026-03-05', city: 'Leeds', guests: ['guest'] },
      },
    ]);
    await submit(POLICE, 'cases', { tlp: 'GREEN' }, [
      {
        type: 'Person',
        sourceRecordId: 'suspect',
        properties: { name: 'Ion Popescu', birthDate: '1988-02-03', idNumber: 'RO1234567' },
      },
      {
        type: 'IdentityDocument',
        sourceRecordId: 'passport',
        properties: { documentType: 'passport', number: 'RO1234567', holder: 'suspect' },
      },
    ]);
    await submit(NGO, 'casework', { tlp: 'GREEN', subjectCategory: 'victim' }, [
      {
        type: 'Person',
        sourceRecordId: 'victim',
        properties: { name: 'Maria Ionescu', phone: '07911123456', country: 'GB' },
      },
    ]);
    await submit(NGO, 'casework', {}, [
      { type: 'Person', sourceRecordId: 'private', properties: { name: 'Only Ours', phone: '+447911123456' } },
    ]);
    await new Resolver(t.store).resolvePending();
  });
  afterAll(async () => {
    await t.close();
  });

  it('ties a phone, however written, to the adverts, people, stays and documents around it, with reasons', async () => {
    const response = await get(keys.police, '/network/identifier?kind=phone&value=%2B44%207911%20123%20456&hops=2');
    expect(response.statusCode).toBe(200);
    const network = response.json<Network>();
    expect(network.carriers?.sort()).toEqual([id.advertPlain, id.advertWords, id.guest, id.victim].sort());
    expect(ids(network)).toEqual(expect.arrayContaining([id.booking, id.guest, id.advertWords]));
    const words = network.edges.find(
      (edge) => edge.basis === 'identifier' && [edge.source, edge.target].includes(id.advertWords),
    );
    expect(words?.reason).toMatch(/^same phone/);
    const stay = network.edges.find((edge) => edge.basis === 'stated' && edge.source === id.booking);
    expect(stay).toMatchObject({ target: id.guest, kind: 'Booking.guests' });
    // The NGO's own record is the NGO's alone: not a node, not an end of any link.
    expect(JSON.stringify(network)).not.toContain(id.ngoPrivate);
  });

  it('shows a company no victim record and no link that rests on one', async () => {
    const network = (await get(keys.hotel, `/network/expand?seed=${id.guest}&hops=3`)).json<Network>();
    expect(ids(network)).toEqual(expect.arrayContaining([id.guest, id.booking, id.advertPlain, id.advertWords]));
    const body = JSON.stringify(network);
    expect(body).not.toContain(id.victim);
    expect(body).not.toContain(id.ngoPrivate);
    // A record the reader may not see is as absent as one that does not exist.
    const hidden = await get(keys.hotel, `/entities/${id.victim}`);
    const absent = await get(keys.hotel, `/entities/${recordIdOf(NGO.id, 'casework', 'nobody')}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<{ error: { code: string } }>().error.code).toBe(
      absent.json<{ error: { code: string } }>().error.code,
    );
  });

  it('finds the shortest path from an advert to a stay, through the man whose phone it gives', async () => {
    const response = await get(keys.police, `/network/path?from=${id.advertWords}&to=${id.booking}&maxHops=4`);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<{ found: boolean; paths: { nodes: string[]; hops: number }[] }>();
    expect(result.found).toBe(true);
    expect(result.paths[0]?.nodes).toEqual([id.advertWords, id.guest, id.booking]);
    const malformed = await get(keys.police, `/network/path?from=nothing&to=${id.booking}`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe('from');
  });

  it('follows a phone across cities over time', async () => {
    const response = await get(keys.police, `/network/movement?seed=${id.advertPlain}`);
    expect(response.statusCode).toBe(200);
    const places = response.json<{ itinerary: { place: string }[] }>().itinerary.map((stop) => stop.place);
    // The adverts in Leeds and York, and the Leeds stay of the man using the phone.
    expect(places).toEqual(['Leeds', 'York']);
  });

  it('joins two records an analyst judges the same, splits them again, and records both in the ledger', async () => {
    const judged = await post(keys.police, '/entities/judgements', {
      recordA: id.guest,
      recordB: id.suspect,
      verdict: 'same',
      reason: 'same passport seen at check-in',
    });
    expect(judged.statusCode, judged.body).toBe(200);
    const entity = (await get(keys.hotel, `/entities/${id.guest}`)).json<{ records: { id: string }[] }>();
    expect(entity.records.map((record) => record.id).sort()).toEqual([id.guest, id.suspect].sort());
    const network = (await get(keys.police, `/network/expand?seed=${id.guest}&hops=2`)).json<Network>();
    expect(ids(network)).toContain(id.passport);

    const split = await post(keys.police, `/entities/${id.guest}/split`, {
      records: [id.suspect],
      reason: 'different fathers named in the file',
    });
    expect(split.statusCode, split.body).toBe(200);
    const after = (await get(keys.police, `/entities/${id.guest}`)).json<{ records: { id: string }[] }>();
    expect(after.records.map((record) => record.id)).toEqual([id.guest]);
    const ledger = await t.store.database.query<{ detail: string }>(
      `SELECT detail FROM ledger WHERE action = 'combine' AND organisation = $1 ORDER BY seq`,
      [POLICE.id],
    );
    expect(ledger.map((entry) => entry.detail)).toEqual(['judged_same', 'split']);
    // Judging a record one may not see is refused as if it did not exist.
    const refused = await post(keys.hotel, '/entities/judgements', {
      recordA: id.guest,
      recordB: id.victim,
      verdict: 'same',
      reason: 'trying a hidden record',
    });
    expect(refused.statusCode).toBe(404);
  });
});
