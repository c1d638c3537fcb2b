import { describe, expect, it } from 'vitest';
import { createRandom, hash32 } from './random.ts';

const draws = (seed: number, count: number) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe('seeded randomness', () => {
  it('repeats itself for the same seed, and not for another', () => {
    expect(draws(7, 100)).toEqual(draws(7, 100));
    expect(draws(7, 100)).not.toEqual(draws(8, 100));
  });

  it('gives forks of different labels different streams, and the same label the same one', () => {
    const root = createRandom(7);
    const a = root.fork('person-1');
    const b = root.fork('person-2');
    const again = createRandom(7).fork('person-1');
    const first = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => again.next())).toEqual(first);
    expect(Array.from({ length: 20 }, () => b.next())).not.toEqual(first);
  });

  it('spreads its draws evenly, and keeps integers within both bounds', () => {
    const values = draws(11, 20_000);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const random = createRandom(3);
    const seen = new Set(Array.from({ length: 2_000 }, () => random.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('hashes labels that differ by one character to unrelated seeds', () => {
    const seeds = Array.from({ length: 1_000 }, (_, index) => hash32(`7:person-${index}`));
    expect(new Set(seeds).size).toBe(seeds.length);
    // Neighbouring labels differ in about half their bits.
    const bits = (value: number) => value.toString(2).replaceAll('0', '').length;
    const distances = seeds.slice(1).map((seed, index) => bits((seed ^ (seeds[index] ?? 0)) >>> 0));
    const average = distances.reduce((sum, value) => sum + value, 0) / distances.length;
    expect(average).toBeGreaterThan(12);
    expect(average).toBeLessThan(20);
  });
});
