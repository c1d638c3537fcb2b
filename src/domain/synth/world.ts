/**
 * The synthetic world: a background population seen by every sector, planted trafficking and
 * smuggling networks, and the notices and tips about them, as the records each organisation would
 * submit, with the ground truth beside them. Streams item by item, so that a world of any size
 * needs little memory: only the planted networks' people are kept, for the notices about them.
 */
import { backgroundPerson } from './background.ts';
import { plantCriminalityCrew } from './forced-criminality.ts';
import { ORIGINS } from './gazetteer.ts';
import { Emitter, truePerson, type Planted, type WorldItem } from './kit.ts';
import { plantLabourExploitation } from './labour-exploitation.ts';
import { plantSmugglingRoute } from './migrant-smuggling.ts';
import { noticesAndTips } from './notices-tips.ts';
import { phoneNumber } from './noise.ts';
import { createRandom, type Random } from './random.ts';
import { plantSexualExploitationRing } from './sexual-exploitation.ts';

export type { Exploitation, NetworkRole, PlantedNetwork, RecordKey, SubmittedRecord, WorldItem } from './kit.ts';

/** How big a world, and how it is seeded. */
export interface WorldOptions {
  readonly seed: number;
  /** People of the background population. */
  readonly people: number;
  /** Planted sexual-exploitation rings. */
  readonly rings: number;
  /** Planted cases of labour exploitation in a supply chain (default: as many as rings). */
  readonly labour?: number;
  /** Planted smuggling routes (default: as many as rings). */
  readonly routes?: number;
  /** Planted forced-criminality crews (default: half as many as rings, rounded up). */
  readonly crews?: number;
  /** First day of the period the world covers (YYYY-MM-DD) and its length. */
  readonly start?: string;
  readonly days?: number;
  /** Told every thousand people, and at the end, how much of the world is done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How many of each planted structure a world has. */
export function plantedCounts(options: WorldOptions): { rings: number; labour: number; routes: number; crews: number } {
  return {
    rings: options.rings,
    labour: options.labour ?? options.rings,
    routes: options.routes ?? options.rings,
    crews: options.crews ?? Math.ceil(options.rings / 2),
  };
}

type Plant = (random: Random, index: number, start: number, days: number, out: Emitter) => Planted;

/** Generates a world item by item: the background population, the planted networks, then notices and tips. */
export function* generateWorld(options: WorldOptions): Generator<WorldItem> {
  const root = createRandom(options.seed);
  const start = Date.parse(`${options.start ?? '2026-01-01'}T00:00:00Z`);
  const days = options.days ?? 90;
  const counts = plantedCounts(options);
  const plants: [string, number, Plant][] = [
    ['ring', counts.rings, plantSexualExploitationRing],
    ['labour', counts.labour, plantLabourExploitation],
    ['route', counts.routes, plantSmugglingRoute],
    ['crew', counts.crews, plantCriminalityCrew],
  ];
  const total = options.people + plants.reduce((sum, [, count]) => sum + count, 0);
  const population = root.fork('population');
  const weights = ORIGINS.map((origin) => [origin, origin.weight] as const);
  const local = ORIGINS.find((origin) => origin.country === 'GB');
  if (local === undefined) throw new Error('the gazetteer has no British origin');
  for (let index = 0; index < options.people; index += 1) {
    const random = population.fork(`person-${index}`);
    const origin = random.weighted(weights);
    const person = truePerson(
      random,
      `P${String(index).padStart(7, '0')}`,
      origin,
      random.chance(0.5) ? 'female' : 'male',
      [18, 80],
    );
    // A few innocent people share a phone with their neighbours in the list: a family or shop phone.
    const shared = random.chance(0.03)
      ? { ...person, phone: phoneNumber(population.fork(`household-${Math.floor(index / 4)}`), local) }
      : person;
    const out = new Emitter();
    backgroundPerson(random, shared, start, days, out);
    yield* out.items;
    if ((index + 1) % 1_000 === 0) options.onProgress?.(index + 1, total);
  }
  const planted: Planted[] = [];
  let done = options.people;
  for (const [name, count, plant] of plants) {
    for (let index = 0; index < count; index += 1) {
      const out = new Emitter();
      const structure = plant(root.fork(`${name}-${index}`), index, start, days, out);
      yield* out.items;
      yield { kind: 'network', network: structure.network };
      planted.push(structure);
      options.onProgress?.((done += 1), total);
    }
  }
  const out = new Emitter();
  noticesAndTips(root.fork('notices'), planted, options.people, start, days, out);
  yield* out.items;
  options.onProgress?.(total, total);
}
