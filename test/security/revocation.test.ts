/**
 * Revocation is immediate: reads race with the revocation of the key they use, and none is
 * allowed after the revoking commit. The ledger orders both (reads are recorded, and the key
 * checked, under the same lock as the revocation), so the proof is read from it. Prints its figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf } from '../../src/domain/model/ids.ts';
import { bearer, testApp, type TestApp } from '../support/app.ts';
import { databaseTargets } from '../support/databases.ts';
import { HOTEL, POLICE } from '../fixtures/records.ts';

describe.each(databaseTargets())('revoking a key on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(target);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: bearer(t.keys.hotel),
      payload: {
        sourceSystem: 'guests',
        envelope: { tlp: 'GREEN' },
        records: Array.from({ length: 20 }, (_, index) => ({
          type: 'Person',
          sourceRecordId: `guest-${index}`,
          properties: { name: `Guest ${index}` },
        })),
      },
    });
    expect(response.json()).toMatchObject({ inserted: 20 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('allows no read after the revoking commit', async () => {
    const key = await t.store.organisations.issueApiKey(POLICE.id, 'racing', ['records:read']);
    const keyId = (await t.store.organisations.listApiKeys(POLICE.id)).find((summary) => summary.name === 'racing')?.id;
    if (keyId === undefined) throw new Error('the key was not issued');
    let revokedAt = Number.POSITIVE_INFINITY;
    let revoking = false;
    const outcomes: { started: number; status: number }[] = [];
    const reader = async (worker: number) => {
      for (let round = 0; round < 40; round += 1) {
        const started = performance.now();
        const url =
          round % 2 === 0
            ? '/api/v1/records?limit=5'
            : `/api/v1/records/${recordIdOf(HOTEL.id, 'guests', `guest-${(worker + round) % 20}`)}`;
        const response = await t.app.inject({ url, headers: bearer(key) });
        outcomes.push({ started, status: response.statusCode });
        if (!revoking && outcomes.length >= 60) {
          revoking = true;
          void t.store.organisations
            .revokeApiKey(keyId, { actor: 'system:test', requestId: null, purpose: null })
            .then(() => {
              revokedAt = performance.now();
            });
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(reader));
    const entries = await t.store.ledger.read(0, 100_000);
    const revocation = entries.find(
      (entry) => entry.detail === 'key_revoked' && entry.objectIds.includes(`key:${keyId}`),
    );
    if (revocation === undefined) throw new Error('the revocation is not in the ledger');
    const reads = entries.filter((entry) => entry.actor === `key:${keyId}` && entry.action === 'consult');
    const allowedAfter = reads.filter((entry) => entry.outcome === 'ok' && entry.seq > revocation.seq).length;
    const allowedBefore = reads.filter((entry) => entry.outcome === 'ok' && entry.seq < revocation.seq).length;
    const startedAfterAndAllowed = outcomes.filter((outcome) => outcome.started > revokedAt && outcome.status === 200);
    console.log(
      `revocation: ${outcomes.length} reads raced with the revocation of their key, ${allowedBefore} allowed before the revoking commit, ${allowedAfter} after; ${outcomes.filter((outcome) => outcome.status === 401).length} refused`,
    );
    expect(allowedAfter).toBe(0);
    expect(startedAfterAndAllowed).toEqual([]);
    // The race really happened: reads were allowed before it, and refused after it.
    expect(allowedBefore).toBeGreaterThan(0);
    expect(outcomes.some((outcome) => outcome.status === 401)).toBe(true);
    // Every 200 the readers got is a read the ledger allowed before the revocation.
    expect(outcomes.filter((outcome) => outcome.status === 200).length).toBeLessThanOrEqual(allowedBefore);
  });
});
