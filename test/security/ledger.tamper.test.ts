/**
 * The ledger against tampering: a 100,000-entry chain edited, cut, padded and reordered at random
 * places by someone who can write to the database but does not hold the ledger key. Every change
 * must be found, at the right first bad index. Prints its figures.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chain,
  entryHash,
  verifyChain,
  type Checkpoint,
  type LedgerEntry,
  type LedgerEvent,
} from '../../src/domain/audit/index.ts';

const SIZE = 100_000;
const TRIALS_PER_KIND = 10;
const key = randomBytes(32);
const forgerKey = randomBytes(32);

function ledger(size: number): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let head = { seq: 0, hash: '0'.repeat(64) };
  const actions = ['collect', 'consult', 'disclose', 'alter', 'sign_in'] as const;
  for (let batch = 0; batch < size / 100; batch += 1) {
    const events: LedgerEvent[] = Array.from({ length: 100 }, (_, index) => ({
      actor: `user:${(batch * 7 + index) % 97}`,
      organisation: `org-${index % 13}`,
      action: actions[index % actions.length] ?? 'consult',
      requestId: `req-${batch}-${index}`,
      purpose: 'investigation',
      objectIds: [`rec-${batch}-${index}`],
      outcome: index % 17 === 0 ? 'denied' : 'ok',
    }));
    const at = new Date(Date.UTC(2026, 0, 1) + batch * 1_000).toISOString();
    const next = chain(head, events, at, key);
    entries.push(...next);
    const last = next.at(-1);
    if (last !== undefined) head = { seq: last.seq, hash: last.hash };
  }
  return entries;
}

type Tamper = (entries: LedgerEntry[], at: number, other: number) => { tampered: LedgerEntry[]; firstBad: number };

const TAMPERS: Record<string, Tamper> = {
  // A field changed in place, the hash left as it was.
  edit: (entries, at) => {
    const tampered = [...entries];
    const entry = tampered[at] as LedgerEntry;
    tampered[at] = { ...entry, objectIds: [...entry.objectIds, 'rec-hidden'] };
    return { tampered, firstBad: at };
  },
  // A field changed and the hash recomputed, without the ledger key.
  'edit and rehash': (entries, at) => {
    const tampered = [...entries];
    const entry = { ...(tampered[at] as LedgerEntry), outcome: 'ok' as const, actor: 'user:nobody' };
    tampered[at] = { ...entry, hash: entryHash(entry, forgerKey) };
    return { tampered, firstBad: at };
  },
  deletion: (entries, at) => {
    const tampered = [...entries];
    tampered.splice(at, 1);
    return { tampered, firstBad: at };
  },
  // A forged entry slipped in, numbered and chained as the one it displaces.
  insertion: (entries, at) => {
    const tampered = [...entries];
    const displaced = tampered[at] as LedgerEntry;
    const forged = { ...displaced, actor: 'user:ghost', objectIds: ['rec-forged'] };
    tampered.splice(at, 0, { ...forged, hash: entryHash(forged, forgerKey) });
    return { tampered, firstBad: at };
  },
  reordering: (entries, at, other) => {
    const tampered = [...entries];
    const [first, second] = at < other ? [at, other] : [other, at === other ? other + 1 : at];
    const a = tampered[first] as LedgerEntry;
    tampered[first] = tampered[second] as LedgerEntry;
    tampered[second] = a;
    return { tampered, firstBad: first };
  },
};

// Verifying 60 tampered copies of 100,000 entries takes a while on a busy machine.
describe('the ledger', { timeout: 240_000 }, () => {
  const entries = ledger(SIZE);
  const last = entries.at(-1) as LedgerEntry;
  const checkpoint: Checkpoint = { seq: last.seq, hash: last.hash, at: last.at };

  it('verifies whole when untouched, from the genesis to the checkpoint', () => {
    expect(verifyChain(entries, key, checkpoint)).toEqual({
      ok: true,
      entries: SIZE,
      head: { seq: SIZE, hash: last.hash },
    });
    // The key matters: under another key, the first entry already fails.
    expect(verifyChain(entries, forgerKey)).toMatchObject({ ok: false, firstBadIndex: 0, problem: 'hash' });
  });

  it('finds every edit, deletion, insertion and reordering, at the right first bad index', async () => {
    let trials = 0;
    let detected = 0;
    let rightIndex = 0;
    const misses: string[] = [];
    for (const [kind, tamper] of Object.entries(TAMPERS)) {
      const places = fc.sample(fc.tuple(fc.nat(SIZE - 2), fc.nat(SIZE - 2)), {
        numRuns: TRIALS_PER_KIND,
        seed: kind.length,
      });
      // The very first and very last entries too.
      places.push([0, 1], [SIZE - 1, 0]);
      for (const [at, other] of places) {
        // Long synchronous stretches starve the test runner's messages: let it breathe between trials.
        await new Promise((resolve) => setImmediate(resolve));
        const { tampered, firstBad } = tamper(entries, at, other);
        const result = verifyChain(tampered, key, checkpoint);
        trials += 1;
        if (!result.ok) detected += 1;
        if (!result.ok && result.firstBadIndex === firstBad) rightIndex += 1;
        else if (misses.length < 5) misses.push(`${kind} at ${at}/${other}: ${JSON.stringify(result)}`);
      }
    }
    console.log(
      `ledger tampering: ${trials} tampered copies of a ${SIZE.toLocaleString('en')}-entry ledger, ${detected} detected (${((100 * detected) / trials).toFixed(1)}%), ${rightIndex} with the right first bad index`,
    );
    expect(misses).toEqual([]);
    expect(detected).toBe(trials);
    expect(rightIndex).toBe(trials);
  });

  it('finds a ledger cut short at the end only against a checkpoint', () => {
    const cut = entries.slice(0, SIZE - 3);
    expect(verifyChain(cut, key).ok).toBe(true);
    expect(verifyChain(cut, key, checkpoint)).toMatchObject({
      ok: false,
      firstBadIndex: SIZE - 3,
      problem: 'truncated',
    });
  });
});
