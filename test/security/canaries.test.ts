/**
 * No leak through any endpoint: canary values are planted in records and fields a police
 * analyst may not see (unmarked, AMBER, RED, secret, purpose-limited, victim data shown to a
 * company, fields restricted to another sector); then every operation of the OpenAPI document is
 * called as that analyst and as a company, with every purpose, and bodies, headers, counts and
 * exports are searched for the canaries and for the hidden records' ids. Prints its figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../src/domain/model/ids.ts';
import { PURPOSES } from '../../src/domain/model/envelope.ts';
import { Resolver } from '../../src/apps/resolution/resolver.ts';
import { bearer, testApp, type TestApp } from '../support/app.ts';
import { databaseTargets } from '../support/databases.ts';
import { HOTEL } from '../fixtures/records.ts';

const BANK = { id: 'north-bank', name: 'North Bank', organisationType: 'company', sector: 'finance' } as const;

/** Each canary: markings that must keep it from the readers, and a value found nowhere else. */
const CANARIES = [
  { source: 'c-unmarked', envelope: {} },
  { source: 'c-amber', envelope: { tlp: 'AMBER' } },
  { source: 'c-strict', envelope: { tlp: 'AMBER+STRICT' } },
  { source: 'c-red', envelope: { tlp: 'RED' } },
  { source: 'c-secret', envelope: { tlp: 'GREEN', confidentiality: 'secret' } },
  { source: 'c-support', envelope: { tlp: 'GREEN', purposes: ['victim_support'] } },
  { source: 'c-group', envelope: { tlp: 'GREEN', sharingGroups: ['hotels-only'] } },
].map((canary, index) => ({ ...canary, value: `Canarywren${index}Zq` }));
/** A victim's record shared GREEN: a company must never see it. */
const VICTIM = { source: 'c-victim', envelope: { tlp: 'GREEN', subjectCategory: 'victim' }, value: 'CanaryVictimZq' };
/** One phone on every record: the network links them all, and must show no link to a hidden one. */
const SHARED_PHONE = '+44 7911 123456';
/** A field restricted to the accommodation sector, on a record others may see. */
const FIELD = { source: 'c-field', value: 'CanaryFieldZq' };

describe.each(databaseTargets())('canaries on $name', (target) => {
  let t: TestApp;
  let bank: string;
  const idOf = (source: string) => recordIdOf(HOTEL.id, 'canaries', source);

  beforeAll(async () => {
    t = await testApp(target);
    await t.store.organisations.save(BANK);
    bank = await t.store.organisations.issueApiKey(BANK.id, 'test', [
      'records:read',
      'records:export',
      'records:write',
    ]);
    const submit = async (envelope: object, records: object[]) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/records',
        headers: bearer(t.keys.hotel),
        payload: { sourceSystem: 'canaries', envelope, records },
      });
      expect(response.json()).toMatchObject({ rejected: 0 });
    };
    for (const canary of [...CANARIES, VICTIM])
      await submit(canary.envelope, [
        {
          type: 'Person',
          sourceRecordId: canary.source,
          properties: { name: canary.value, alias: [canary.value], phone: SHARED_PHONE },
        },
      ]);
    await submit({ tlp: 'GREEN', fieldRestrictions: { alias: ['accommodation'] } }, [
      {
        type: 'Person',
        sourceRecordId: FIELD.source,
        properties: { name: 'Visible Person', alias: [FIELD.value], phone: SHARED_PHONE },
      },
    ]);
    // Resolved, so that the network ties every canary to the visible person by the phone they share.
    await new Resolver(t.store).resolvePending();
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds no canary in any response of any endpoint', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    }>();
    const hiddenFromPolice = [...CANARIES, FIELD].map((canary) => canary.value);
    const hiddenFromBank = [...CANARIES, VICTIM, FIELD].map((canary) => canary.value);
    const ids = [...CANARIES, VICTIM, FIELD].map((canary) => idOf(canary.source));
    let operations = 0;
    let requests = 0;
    // Network answers that did show the visible person: the walks reached records, and still no canary.
    let networkAnswers = 0;
    const found: string[] = [];
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations += 1;
        const queryNames = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        for (const id of [...ids, '00000000-0000-8000-8000-000000000000']) {
          const url = path.replace(/\{[^}]+\}/gu, id);
          const query = new URLSearchParams();
          if (queryNames.includes('format')) query.set('format', 'jsonl');
          if (queryNames.includes('limit')) query.set('limit', '1000');
          // The network's queries start from the visible person (or from the loop's id, to reach a hidden one).
          if (queryNames.includes('seed'))
            query.set('seed', id === idOf(FIELD.source) ? id : `${idOf(FIELD.source)},${id}`);
          if (queryNames.includes('kind')) query.set('kind', 'phone');
          if (queryNames.includes('value')) query.set('value', SHARED_PHONE);
          // The search box asked for the canaries' own word: what comes back must still hold none.
          if (queryNames.includes('q')) query.set('q', 'Canarywren');
          if (path.endsWith('/network/path')) {
            query.set('from', idOf(FIELD.source));
            query.set('to', id);
          }
          for (const [reader, hidden, hiddenIds] of [
            [t.keys.police, hiddenFromPolice, CANARIES.map((canary) => idOf(canary.source))],
            [bank, hiddenFromBank, [...CANARIES, VICTIM].map((canary) => idOf(canary.source))],
          ] as const) {
            for (const purpose of PURPOSES) {
              const response = await t.app.inject({
                method: method.toUpperCase() as 'GET',
                url: `${url}${query.size > 0 ? `?${query.toString()}` : ''}`,
                headers: bearer(reader, purpose),
                ...(method === 'get' ? {} : { payload: {} }),
              });
              requests += 1;
              if (
                path.includes('/network/') &&
                response.statusCode === 200 &&
                response.body.includes(idOf(FIELD.source))
              )
                networkAnswers += 1;
              const seen = `${JSON.stringify(response.headers)}\n${response.body}`;
              for (const value of hidden)
                if (seen.includes(value)) found.push(`${method} ${url} (${purpose}): ${value}`);
              // A hidden record's id may come back only where the caller put it: in its own request path.
              for (const other of hiddenIds)
                if (other !== id && seen.includes(other)) found.push(`${method} ${url} (${purpose}): id ${other}`);
              if (!path.includes('{') && !queryNames.includes('seed') && !path.endsWith('/network/path')) break;
            }
          }
          if (!path.includes('{') && !queryNames.includes('seed') && !path.endsWith('/network/path')) break;
        }
      }
    }
    console.log(
      `canaries: ${operations} operations, ${requests} requests as a police analyst and a bank (${networkAnswers} network answers showing the visible person), ${found.length} canaries found`,
    );
    expect(found).toEqual([]);
    expect(networkAnswers).toBeGreaterThan(50);
    // The canaries are really there, in the store.
    for (const canary of [...CANARIES, VICTIM, FIELD])
      expect(JSON.stringify((await t.store.records.get(idOf(canary.source)))?.properties)).toContain(canary.value);
    expect(operations).toBeGreaterThanOrEqual(8);
  });
});
