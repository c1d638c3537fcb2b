/**
 * The search box through the API: names in any script, by prefix and with typos, phones however
 * written, documents and IBANs; only what the reader may see is returned or counted; the purpose is
 * declared and the search recorded in the ledger; new and erased records are followed; bad
 * parameters are refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../../domain/model/ids.ts';
import type { Organisation } from '../../../domain/model/organisation.ts';
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
const BANK: Organisation = {
  id: 'north-bank',
  name: 'North Bank',
  organisationType: 'company',
  sector: 'finance',
  country: 'GB',
};

interface Results {
  results: {
    id: string;
    kind: string;
    caption: string | null;
    sector: string;
    ownerOrganisation: string;
    tlp: string | null;
    score: number;
    reasons: { kind: string; how: string; query: string; matched: string; field: string }[];
  }[];
  total: number;
  truncated: boolean;
}

describe.each(databaseTargets())('the search box through the API on $name', (target) => {
  let t: TestApp;
  const keys = { police: '', bank: '', hotel: '' };
  const id = {
    mohammed: recordIdOf(HOTEL.id, 'guests', 'mohammed'),
    ion: recordIdOf(HOTEL.id, 'guests', 'ion'),
    red: recordIdOf(HOTEL.id, 'guests', 'red'),
    unmarked: recordIdOf(HOTEL.id, 'guests', 'unmarked'),
    restricted: recordIdOf(HOTEL.id, 'guests', 'restricted'),
    petrov: recordIdOf(POLICE.id, 'cases', 'petrov'),
    advert: recordIdOf(SITE.id, 'ads', 'a1'),
    account: recordIdOf(BANK.id, 'accounts', 'acc'),
  };

  const search = (key: string, query: string, purpose = 'investigation') =>
    t.app.inject({ url: `/api/v1/search?${query}`, headers: bearer(key, purpose) });
  const found = async (key: string, query: string) => {
    const response = await search(key, query);
    expect(response.statusCode).toBe(200);
    return response.json<Results>();
  };
  const ids = (results: Results) => results.results.map((result) => result.id).sort();
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

  beforeAll(async () => {
    t = await testApp(target);
    await t.store.organisations.save(SITE);
    await t.store.organisations.save(BANK);
    const reach = { roles: ['analyst' as const], clearance: 'secret' as const };
    keys.police = await t.store.organisations.issueApiKey(POLICE.id, 'analyst', ['records:read'], reach);
    keys.bank = await t.store.organisations.issueApiKey(BANK.id, 'analyst', ['records:read'], reach);
    keys.hotel = await t.store.organisations.issueApiKey(HOTEL.id, 'analyst', ['records:read'], reach);
    await submit(HOTEL, 'guests', { tlp: 'GREEN' }, [
      {
        type: 'Person',
        sourceRecordId: 'mohammed',
        properties: { name: 'Mohammed Ali Hassan', phone: '+44 7911 123456', nationality: 'IQ' },
      },
      { type: 'Person', sourceRecordId: 'ion', properties: { name: 'Ion Popescu', idNumber: 'RO1234567' } },
    ]);
    await submit(HOTEL, 'guests', { tlp: 'RED' }, [
      { type: 'Person', sourceRecordId: 'red', properties: { name: 'Mohammed Redcanary' } },
    ]);
    await submit(HOTEL, 'guests', {}, [
      { type: 'Person', sourceRecordId: 'unmarked', properties: { name: 'Mohammed Unmarkedcanary' } },
    ]);
    await submit(HOTEL, 'guests', { tlp: 'GREEN', fieldRestrictions: { name: ['law_enforcement'] } }, [
      { type: 'Person', sourceRecordId: 'restricted', properties: { name: 'Petra Novak', alias: ['Zorka'] } },
    ]);
    await submit(POLICE, 'cases', {}, [
      { type: 'Person', sourceRecordId: 'petrov', properties: { name: 'Мохаммед Петров' } },
    ]);
    await submit(SITE, 'ads', { tlp: 'GREEN' }, [
      {
        type: 'Advert',
        sourceRecordId: 'a1',
        properties: {
          site: 'classifieds',
          title: 'New in town',
          body: 'call zero seven nine one one one two three four five six',
          postedAt: '2026-03-01T20:00:00Z',
        },
      },
    ]);
    await submit(BANK, 'accounts', { tlp: 'GREEN' }, [
      {
        type: 'BankAccount',
        sourceRecordId: 'acc',
        properties: { iban: 'GB82 WEST 1234 5698 7654 32', holderName: ['Ion Popescu'] },
      },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds names in any script, by prefix and with a typo, each with its reasons', async () => {
    const cyrillic = await found(keys.police, `q=${encodeURIComponent('Мохаммед')}`);
    expect(ids(cyrillic)).toEqual([id.mohammed, id.petrov].sort());
    const typed = await found(keys.police, 'q=moha');
    expect(ids(typed)).toEqual([id.mohammed]);
    expect(typed.results.find((result) => result.id === id.mohammed)).toMatchObject({
      kind: 'Person',
      caption: 'Mohammed Ali Hassan',
      sector: 'accommodation',
      ownerOrganisation: HOTEL.id,
      tlp: 'GREEN',
      reasons: [{ kind: 'word', how: 'prefix', query: 'moha', matched: 'mohammed', field: 'name' }],
    });
    const typo = await found(keys.police, 'q=Ion%20Popecsu');
    expect(ids(typo)).toEqual([id.ion, id.account].sort());
    expect(typo.total).toBe(2);
    expect(typo.truncated).toBe(false);
  });

  it('finds a phone however written, a document number and an IBAN', async () => {
    for (const phone of ['07911 123456', 'o7911-l23456', 'zero seven nine one one one two three four five six']) {
      const results = await found(keys.police, `q=${encodeURIComponent(phone)}`);
      expect(ids(results)).toEqual([id.mohammed, id.advert].sort());
      expect(results.results[0]?.reasons[0]).toMatchObject({
        kind: 'identifier',
        how: 'phone',
        query: '+447911123456',
      });
    }
    expect(ids(await found(keys.police, 'q=RO1234567'))).toEqual([id.ion]);
    expect(ids(await found(keys.police, `q=${encodeURIComponent('GB82 WEST 1234 5698 7654 32')}`))).toEqual([
      id.account,
    ]);
  });

  it("never returns nor counts another organisation's RED or unmarked record", async () => {
    for (const key of [keys.police, keys.bank]) {
      const response = await search(key, 'q=Mohammed&limit=100');
      const results = response.json<Results>();
      expect(ids(results)).not.toContain(id.red);
      expect(ids(results)).not.toContain(id.unmarked);
      expect(results.total).toBe(results.results.length);
      for (const hidden of [id.red, id.unmarked, 'Redcanary', 'Unmarkedcanary'])
        expect(response.body.toLowerCase()).not.toContain(hidden.toLowerCase());
    }
    expect((await found(keys.bank, 'q=Mohammed')).total).toBe(1);
    // Their owner finds them.
    expect(ids(await found(keys.hotel, 'q=Mohammed'))).toEqual([id.mohammed, id.red, id.unmarked].sort());
  });

  it('matches another sector only on the fields shown to it, without a caption', async () => {
    expect(await found(keys.bank, 'q=Petra%20Novak')).toEqual({ results: [], total: 0, truncated: false });
    const byAlias = await found(keys.bank, 'q=Zorka');
    expect(byAlias.results).toEqual([expect.objectContaining({ id: id.restricted, caption: null })]);
    expect((await found(keys.police, 'q=Petra%20Novak')).results[0]).toMatchObject({ caption: 'Petra Novak' });
  });

  it('narrows by type, sector, country, time and TLP, and cuts at the limit', async () => {
    expect(ids(await found(keys.police, 'q=07911123456&types=Advert'))).toEqual([id.advert]);
    expect(ids(await found(keys.police, 'q=07911123456&sector=communications,finance'))).toEqual([id.advert]);
    expect(ids(await found(keys.police, 'q=Mohammed&country=iq'))).toEqual([id.mohammed]);
    expect(ids(await found(keys.police, 'q=07911123456&from=2026-03-01&to=2026-03-01'))).toEqual([id.advert]);
    expect(ids(await found(keys.police, 'q=Ion%20Popescu&tlp=GREEN&types=BankAccount&types=Person'))).toEqual(
      [id.ion, id.account].sort(),
    );
    const cut = await found(keys.police, 'q=Mohammed&limit=1');
    expect(cut).toMatchObject({ total: 2, truncated: true });
    expect(cut.results).toHaveLength(1);
  });

  it('requires a declared purpose the reader may declare', async () => {
    const none = await t.app.inject({
      url: '/api/v1/search?q=Mohammed',
      headers: { authorization: `Bearer ${keys.police}` },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'purpose' }] } });
    expect((await search(keys.police, 'q=Mohammed', 'oversight')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/search?q=Mohammed' })).statusCode).toBe(401);
  });

  it('records the search in the ledger: who, for what, which records it returned, never the query', async () => {
    const response = await search(keys.police, 'q=Ion%20Popescu', 'crime_analysis');
    const requestId = response.headers['x-correlation-id'];
    const entries = await t.store.ledger.search({ after: 0, limit: 10_000, action: 'consult' });
    const entry = entries.find((each) => each.requestId === requestId);
    expect(entry).toMatchObject({
      organisation: POLICE.id,
      purpose: 'crime_analysis',
      outcome: 'ok',
      detail: 'search: 2 of 2 records',
    });
    expect([...(entry?.objectIds ?? [])].sort()).toEqual([id.ion, id.account].sort());
    expect(JSON.stringify(entry)).not.toMatch(/popescu/i);
  });

  it('finds a record written after the index was built, and forgets one erased', async () => {
    await submit(HOTEL, 'guests', { tlp: 'GREEN' }, [
      { type: 'Person', sourceRecordId: 'late', properties: { name: 'Lavinia Quenby' } },
    ]);
    const late = recordIdOf(HOTEL.id, 'guests', 'late');
    expect(ids(await found(keys.police, 'q=Quenby'))).toEqual([late]);
    await t.store.retention.purge([late], HOTEL.id, 'user:test', null);
    expect(await found(keys.police, 'q=Quenby')).toEqual({ results: [], total: 0, truncated: false });
  });

  it('refuses bad parameters, naming the field', async () => {
    for (const [query, field] of [
      ['', 'q'],
      ['q=', 'q'],
      ['q=a&limit=0', 'limit'],
      ['q=a&limit=1000', 'limit'],
      ['q=a&types=Nobody', 'types'],
      ['q=a&sector=piracy', 'sector'],
      ['q=a&country=GBR', 'country'],
      ['q=a&tlp=PURPLE', 'tlp'],
      ['q=a&from=yesterday', 'from'],
      ['q=a&from=2026-03-02&to=2026-03-01', 'to'],
      [`q=${'a'.repeat(201)}`, 'q'],
    ] as const) {
      const response = await search(keys.police, query);
      expect(response.statusCode, query).toBe(400);
      const body = response.json<{ error: { code: string; details: { field: string }[] } }>();
      expect(body.error.code).toBe('validation_failed');
      expect(
        body.error.details.map((detail) => detail.field.split('.')[0]),
        query,
      ).toContain(field);
    }
  });
});
