/** How big a synthetic world is: named sizes, and the population that gives about so many records. */
import { generateWorld, type WorldOptions } from '../../domain/synth/index.ts';

/**
 * World sizes by name: people of the background population and planted sexual-exploitation rings
 * (the other planted structures follow the rings, see `plantedCounts`).
 */
export const WORLD_SIZES = {
  small: { people: 5_000, rings: 2 },
  medium: { people: 50_000, rings: 5 },
  large: { people: 500_000, rings: 20 },
} as const;

/** A named world size. */
export type WorldSize = keyof typeof WORLD_SIZES;

/** People whose records are counted to estimate records per person. */
export const SAMPLE_PEOPLE = 2_000;

type Planting = Omit<WorldOptions, 'people' | 'onProgress'>;

function recordsOf(options: WorldOptions): number {
  let records = 0;
  for (const item of generateWorld(options)) if (item.kind === 'record') records += 1;
  return records;
}

/**
 * The background population that gives a world about `records` records, with the planted
 * networks of `planting`. People are generated from the seed by their index, so the first 2,000
 * people of the world are counted to learn its records per person; the planted networks (and the
 * notices about them) are generated alone and counted too. Approximate: the rest of the population
 * is not the first 2,000, so a world comes within a few percent of the number asked for (2 to 3 %
 * more for seed 7).
 */
export function peopleForRecords(records: number, planting: Planting): number {
  const none = { rings: 0, labour: 0, routes: 0, crews: 0 };
  // Without people or networks a world still has a few notices and tips about no one: counted once, not per person.
  const floor = recordsOf({ ...planting, ...none, people: 0 });
  const perPerson = (recordsOf({ ...planting, ...none, people: SAMPLE_PEOPLE }) - floor) / SAMPLE_PEOPLE;
  const planted = recordsOf({ ...planting, people: 0 });
  if (perPerson <= 0) return 0;
  return Math.max(0, Math.round((records - planted) / perPerson));
}
