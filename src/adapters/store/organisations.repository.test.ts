import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/support/databases.ts';
import { HOTEL, POLICE } from '../../../test/fixtures/records.ts';
import { hashApiKey } from '../../domain/access/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { Store } from './index.ts';

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

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
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
});
