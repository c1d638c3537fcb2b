import { describe, expect, it } from 'vitest';
import { expectationMaximisation, type HouseholdModel } from './estimate.ts';
import { seededRandom } from './random.ts';

/** Draws a level from probabilities over levels 1.. (level 0, null, is not drawn). */
function draw(probabilities: readonly number[], random: () => number): number {
  let roll = random();
  for (let level = 1; level < probabilities.length; level += 1) {
    roll -= probabilities[level] ?? 0;
    if (roll < 0) return level;
  }
  return probabilities.length - 1;
}

describe('expectation–maximisation', () => {
  it('recovers known m, u and λ from simulated comparison vectors', () => {
    // Four comparisons, as names, dates and identifiers are; index 0 is the null level.
    const m = [
      [1, 0.85, 0.1, 0.05],
      [1, 0.8, 0.15, 0.05],
      [1, 0.9, 0.06, 0.04],
      [1, 0.7, 0.2, 0.1],
    ];
    const u = [
      [1, 0.05, 0.15, 0.8],
      [1, 0.1, 0.2, 0.7],
      [1, 0.02, 0.08, 0.9],
      [1, 0.2, 0.2, 0.6],
    ];
    const lambda = 0.3;
    const random = seededRandom(7);
    const count = 40_000;
    const vectors = new Uint8Array(count * m.length);
    for (let pair = 0; pair < count; pair += 1) {
      const match = random() < lambda;
      m.forEach((_, feature) => {
        const missing = random() < 0.1;
        vectors[pair * m.length + feature] = missing ? 0 : draw((match ? m : u)[feature] ?? [], random);
      });
    }
    const start = u.map(() => Float64Array.from([1, 1 / 3, 1 / 3, 1 / 3]));
    const result = expectationMaximisation(vectors, count, [4, 4, 4, 4], start, {
      maxIterations: 500,
      tolerance: 1e-7,
    });
    expect(result.converged).toBe(true);
    expect(result.lambda).toBeCloseTo(lambda, 1);
    expect(Math.abs(result.lambda - lambda)).toBeLessThan(0.02);
    m.forEach((levels, feature) => {
      for (let level = 1; level < levels.length; level += 1) {
        expect(Math.abs((result.m[feature]?.[level] ?? 0) - (levels[level] ?? 0))).toBeLessThan(0.03);
        expect(Math.abs((result.candidateU[feature]?.[level] ?? 0) - (u[feature]?.[level] ?? 0))).toBeLessThan(0.03);
      }
    });
  });

  it('learns the share of relatives: like the person on shared comparisons, like strangers on personal ones', () => {
    // Two personal comparisons (a given name, a date of birth), two shared (an address, a phone).
    const household: HouseholdModel = { roles: ['personal', 'personal', 'shared', 'shared'], given: 0 };
    const m = [
      [1, 0.9, 0.08, 0.02],
      [1, 0.85, 0.1, 0.05],
      [1, 0.8, 0.15, 0.05],
      [1, 0.75, 0.15, 0.1],
    ];
    const u = [
      [1, 0.02, 0.1, 0.88],
      [1, 0.01, 0.05, 0.94],
      [1, 0.05, 0.15, 0.8],
      [1, 0.02, 0.08, 0.9],
    ];
    const random = seededRandom(11);
    const count = 40_000;
    const vectors = new Uint8Array(count * 4);
    for (let pair = 0; pair < count; pair += 1) {
      const roll = random();
      const kind = roll < 0.3 ? 'match' : roll < 0.5 ? 'relative' : 'stranger';
      for (let feature = 0; feature < 4; feature += 1) {
        const like = kind === 'match' || (kind === 'relative' && household.roles[feature] === 'shared') ? m : u;
        vectors[pair * 4 + feature] = draw(like[feature] ?? [], random);
      }
    }
    const start = u.map((levels) => Float64Array.from(levels));
    const result = expectationMaximisation(vectors, count, [4, 4, 4, 4], start, {
      maxIterations: 500,
      tolerance: 1e-7,
      household,
    });
    expect(Math.abs(result.lambda - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(result.householdShare - 0.2)).toBeLessThan(0.02);
    expect(Math.abs((result.m[1]?.[3] ?? 0) - 0.05)).toBeLessThan(0.02);
    // Without the option there is no third class.
    const twoClasses = expectationMaximisation(vectors, count, [4, 4, 4, 4], start, {
      maxIterations: 500,
      tolerance: 1e-7,
    });
    expect(twoClasses.householdShare).toBe(0);
  });

  it('names the class that agrees exactly more often the match class, whichever it converged to', () => {
    // All pairs agree exactly on everything or on nothing: the agreeing third is the match class.
    const vectors = new Uint8Array(300 * 2);
    for (let pair = 0; pair < 300; pair += 1) {
      const level = pair < 100 ? 1 : 2;
      vectors[pair * 2] = level;
      vectors[pair * 2 + 1] = level;
    }
    const start = [Float64Array.from([1, 0.9, 0.1]), Float64Array.from([1, 0.9, 0.1])];
    const result = expectationMaximisation(vectors, 300, [3, 3], start, { maxIterations: 200, tolerance: 1e-9 });
    expect(result.m[0]?.[1]).toBeGreaterThan(0.9);
    expect(result.lambda).toBeCloseTo(1 / 3, 2);
  });
});
