import { afterAll, describe, expect, it } from 'vitest';
import { linkRecords, type LinkRecord } from '../../domain/resolution/match/index.ts';
import { ParallelPairScorer } from './pair-scorer.ts';

const GIVEN = ['anna', 'ben', 'carla', 'dmitri', 'eve', 'farid', 'gita', 'hugo'];
const SURNAMES = ['smith', 'jones', 'novak', 'okafor', 'tanaka', 'rossi'];

/** Records of a few people, each written two or three ways. */
function people(): LinkRecord[] {
  const records: LinkRecord[] = [];
  for (let person = 0; person < 120; person += 1) {
    const given = GIVEN[person % GIVEN.length] ?? '';
    const surname = SURNAMES[person % SURNAMES.length] ?? '';
    const born = `19${String(50 + (person % 40))}-0${(person % 9) + 1}-1${person % 10}`;
    for (let copy = 0; copy < 2 + (person % 2); copy += 1) {
      records.push({
        id: `${person}-${copy}`,
        source: 0,
        fields: {
          given_name: copy === 1 ? `${given.slice(0, -1)}x` : given,
          surname,
          date_of_birth: born,
          city: person % 3 === 0 ? 'leeds' : 'york',
        },
      });
    }
  }
  return records;
}

describe('the parallel pair scorer', () => {
  const linked = linkRecords(people(), { mode: 'dedupe' });
  const scorers: ParallelPairScorer[] = [];
  afterAll(async () => {
    await Promise.all(scorers.map((scorer) => scorer.close()));
  });

  it('gives every pair exactly the weight one thread gives, in the pairs’ order', async () => {
    const scorer = await ParallelPairScorer.start(linked.model, linked.records, { threads: 2 });
    scorers.push(scorer);
    const { candidates } = linked;
    expect(candidates.count).toBeGreaterThan(100);
    const weights = await scorer.weights(candidates);
    const scratch = new Uint8Array(linked.scorer.bound.length);
    for (let pair = 0; pair < candidates.count; pair += 1) {
      const expected = linked.scorer.weight(candidates.left[pair] ?? 0, candidates.right[pair] ?? 0, scratch);
      expect(weights[pair]).toBe(expected);
    }
    const sums = await scorer.levelSums(candidates, ['given_name', 'city']);
    expect(sums.length).toBe(candidates.count);
    expect(sums.some((sum) => sum > 2)).toBe(true);
  }, 30_000);
});
