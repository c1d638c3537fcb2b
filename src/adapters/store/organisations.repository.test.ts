import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/support/databases.ts';
import { HOTEL, POLICE } from '../../../test/fixtures/records.ts';
import { hashApiKey } from '../../domain/access/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import { openStore, type Store } from './index.ts';

const event = (detail: string, objectIds: readonly string[] = []): LedgerEvent => ({
  actor: 'system',
  organisation: HOTEL.id,
  action: 'administer',
  requestId: null,
  purpose: null,
  objectIds,
  outcome: 'ok',
  detail,
});

describe.each(databaseTargets())('organisations and API keys on $name', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let url: string | undefined;

  beforeAll(async () => {
    ({ store, dispose, url } = await target.open());
    await store.organisations.save(HOTEL);
    await store.organisations.save(POLICE);
  });
  afterAll(async () => {
    await dispose();
  });

  const details = async (after: number) =>
    (await store.ledger.read(after, 10)).map((entry) => [entry.detail, entry.objectIds]);

  it('creates an organisation once, never overwriting one, with its ledger entry', async () => {
    const bank = { id: 'north-bank', name: 'North Bank', organisationType: 'company', sector: 'finance' } as const;
    const before = (await store.ledger.head()).seq;
    expect(await store.organisations.create(bank, [event('organisation_created', [bank.id])])).toBe(true);
    expect(await store.organisations.create({ ...HOTEL, name: 'Other' }, [event('organisation_created')])).toBe(false);
    expect(await store.organisations.get(bank.id)).toEqual(bank);
    expect((await store.organisations.get(HOTEL.id))?.name).toBe(HOTEL.name);
    expect(await details(before)).toEqual([['organisation_created', [bank.id]]]);
  });

  it('changes the name or sector of an organisation, never its type', async () => {
    const before = (await store.ledger.head()).seq;
    expect(
      await store.organisations.update(POLICE.id, { name: 'Harbour Police' }, [event('organisation_changed')]),
    ).toEqual({ ...POLICE, name: 'Harbour Police' });
    expect(await store.organisations.update(POLICE.id, { sector: 'oversight' })).toMatchObject({
      name: 'Harbour Police',
      sector: 'oversight',
      organisationType: POLICE.organisationType,
    });
    expect(await store.organisations.update('no-such-org', { name: 'x' }, [event('organisation_changed')])).toBe(
      undefined,
    );
    expect(await details(before)).toEqual([['organisation_changed', []]]);
    await store.organisations.save(POLICE);
  });

  it('issues a key with its ledger entry, and shows it by id or in a list, never its hash', async () => {
    const before = (await store.ledger.head()).seq;
    const { key, secret } = await store.organisations.createApiKey(
      HOTEL.id,
      'pms',
      ['records:read'],
      { roles: ['reporter'], clearance: 'confidential' },
      (id) => [event('key_issued', [`key:${id}`])],
    );
    expect(key).toEqual({
      id: expect.any(String) as unknown,
      organisationId: HOTEL.id,
      name: 'pms',
      permissions: ['records:read'],
      roles: ['reporter'],
      clearance: 'confidential',
      createdAt: expect.any(String) as unknown,
      revokedAt: null,
    });
    expect(await details(before)).toEqual([['key_issued', [`key:${key.id}`]]]);
    expect(await store.organisations.findApiKey(secret)).toMatchObject({ keyId: key.id, roles: ['reporter'] });
    expect(await store.organisations.getApiKey(key.id)).toEqual(key);
    expect(await store.organisations.getApiKey('not-a-uuid')).toBeUndefined();
    const listed = await store.organisations.listApiKeys(HOTEL.id);
    expect(listed).toContainEqual(key);
    expect(JSON.stringify(listed)).not.toContain(hashApiKey(secret));
    expect(await store.organisations.listApiKeys(POLICE.id)).toEqual([]);

    expect(
      await store.organisations.revokeApiKey('not-a-uuid', { actor: 'system', requestId: null, purpose: null }),
    ).toBe(false);
    expect(await store.organisations.revokeApiKey(key.id, { actor: 'system', requestId: null, purpose: null })).toBe(
      true,
    );
    expect(await store.organisations.findApiKey(secret)).toBeUndefined();
    expect((await store.organisations.getApiKey(key.id))?.revokedAt).toEqual(expect.any(String) as unknown);
  });

  it('answers a key from the directory cache, and forgets it when its organisation, groups or key change', async () => {
    const secret = await store.organisations.issueApiKey(HOTEL.id, 'cached', ['records:read']);
    const grant = await store.organisations.findApiKey(secret);
    expect(grant?.groups).toEqual([]);
    // Kept once the cache hears of changes made elsewhere (on PostgreSQL, once its LISTEN is in
    // place): the same answer again, not a second read.
    const started = Date.now();
    let first = await store.organisations.findApiKey(secret);
    let second = await store.organisations.findApiKey(secret);
    while (second !== first && Date.now() - started < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      first = await store.organisations.findApiKey(secret);
      second = await store.organisations.findApiKey(secret);
    }
    expect(second).toBe(first);
    expect(second).toEqual(grant);

    expect(await store.groups.create({ id: 'g-cache', name: 'Cache group', createdBy: HOTEL.id })).toBe(true);
    expect((await store.organisations.findApiKey(secret))?.groups).toEqual(['g-cache']);
    await store.organisations.update(HOTEL.id, { name: 'Harbour Hotels Renamed' });
    expect((await store.organisations.findApiKey(secret))?.organisation.name).toBe('Harbour Hotels Renamed');
    expect((await store.organisations.list()).find((each) => each.id === HOTEL.id)?.name).toBe(
      'Harbour Hotels Renamed',
    );
    await store.organisations.save(HOTEL);
    expect((await store.organisations.list()).find((each) => each.id === HOTEL.id)?.name).toBe(HOTEL.name);
    const key = (await store.organisations.listApiKeys(HOTEL.id)).find((each) => each.name === 'cached');
    await store.organisations.revokeApiKey(key?.id ?? '', { actor: 'system', requestId: null, purpose: null });
    expect(await store.organisations.findApiKey(secret)).toBeUndefined();
  });

  it.runIf(target.name === 'postgres')('forgets a key revoked by another process over the same database', async () => {
    const secret = await store.organisations.issueApiKey(HOTEL.id, 'elsewhere', ['records:read']);
    expect(await store.organisations.findApiKey(secret)).toBeDefined();
    // Another process: a store of its own over the same database (as `weft org revoke-key` opens).
    const other = await openStore({ databaseUrl: url }, { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) });
    try {
      const key = (await other.organisations.listApiKeys(HOTEL.id)).find((each) => each.name === 'elsewhere');
      expect(
        await other.organisations.revokeApiKey(key?.id ?? '', { actor: 'system', requestId: null, purpose: null }),
      ).toBe(true);
    } finally {
      await other.close();
    }
    // Heard as a notification, well within the five seconds an answer is kept at most.
    const started = Date.now();
    while ((await store.organisations.findApiKey(secret)) !== undefined && Date.now() - started < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await store.organisations.findApiKey(secret)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
