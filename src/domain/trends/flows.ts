/**
 * Flows for the map: movements from place to place (a trip leg, a case's country of origin to its
 * country of exploitation) counted per pair of places, each pair with its stage on the route
 * (origin → transit, transit → destination…), suppressed as a table of places from × places to
 * whose grand total is taken as known (other aggregates give it): no flow of 1 to 10 is shown, and no
 * withheld flow can be recomputed from the total and the flows shown. Pairs with a place that cannot
 * be located are listed apart, with their counts, under the same suppression; such a place is named
 * as written only when it has at least 11 movements, else it is "(elsewhere)" (a rare place name,
 * such as an address, could point at a person).
 */
import type { PlaceLookup, PlaceName, Place } from './places.ts';
import { SMALLEST_SHOWN, suppressTable, type ShownCount } from './suppression.ts';

/** Where a flow lies on a route, from the parts its places play (or as its source says). */
export const STAGES = [
  'origin-transit',
  'transit-destination',
  'origin-destination',
  'transit-transit',
  'local',
  'other',
] as const;
/** One stage. */
export type Stage = (typeof STAGES)[number];

/** Movements between two places: how many, and their stage when the source states it. */
export interface Leg {
  readonly from: PlaceName;
  readonly to: PlaceName;
  readonly count: number;
  readonly stage?: Stage;
}

/** A place at one end of a flow as shown; no coordinates when it could not be located. */
export interface FlowEnd {
  readonly name: string;
  readonly country: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
}

/** A flow as shown. */
export interface Flow extends ShownCount {
  readonly from: FlowEnd;
  readonly to: FlowEnd;
  readonly stage: Stage;
}

/** The map's flows, those with a place not located, and the total of all. */
export interface FlowMap {
  /** Flows between located places, largest first (withheld ones last). */
  readonly flows: readonly Flow[];
  /** Flows with at least one end that could not be located (lat and lon null there). */
  readonly unlocated: readonly Flow[];
  readonly total: ShownCount;
}

/** The stage of a flow between two located places, from the parts they play. */
export function stageOf(from: Place | undefined, to: Place | undefined): Stage {
  if (from !== undefined && to !== undefined && from.name === to.name && from.country === to.country) return 'local';
  const roles = `${from?.role ?? '?'}-${to?.role ?? '?'}`;
  switch (roles) {
    case 'origin-transit':
    case 'transit-destination':
    case 'origin-destination':
    case 'transit-transit':
      return roles;
    default:
      return 'other';
  }
}

interface End {
  readonly key: string;
  readonly shown: FlowEnd;
  readonly place: Place | undefined;
}

/** Places not located with too few movements to be named, taken together. */
export const ELSEWHERE_NAME = '(elsewhere)';
const ELSEWHERE: End = {
  key: '?\u0000elsewhere',
  place: undefined,
  shown: { name: ELSEWHERE_NAME, country: null, lat: null, lon: null },
};

/** The flows of the legs, located and suppressed. */
export function flowMap(legs: Iterable<Leg>, lookup: PlaceLookup): FlowMap {
  const ends = new Map<string, End>();
  const endOf = (name: PlaceName): End => {
    const place = lookup.locate(name);
    const key =
      place === undefined
        ? `?\u0000${name.kind}\u0000${name.name}\u0000${name.country ?? ''}`
        : `${place.kind}\u0000${place.name}\u0000${place.country ?? ''}`;
    let end = ends.get(key);
    if (end === undefined) {
      end = {
        key,
        place,
        shown:
          place === undefined
            ? { name: name.name, country: name.country, lat: null, lon: null }
            : { name: place.name, country: place.country, lat: place.latitude, lon: place.longitude },
      };
      ends.set(key, end);
    }
    return end;
  };
  const located: { from: End; to: End; leg: Leg }[] = [];
  // How many movements each place that cannot be located has: its name as written is shown only
  // when they are enough to be shown; a rarer one (an address, a name) is shown as "(elsewhere)".
  const unlocatedCounts = new Map<string, number>();
  for (const leg of legs) {
    if (leg.count <= 0) continue;
    const ends = { from: endOf(leg.from), to: endOf(leg.to), leg };
    located.push(ends);
    for (const end of new Set([ends.from, ends.to])) {
      if (end.place === undefined) unlocatedCounts.set(end.key, (unlocatedCounts.get(end.key) ?? 0) + leg.count);
    }
  }
  const shownEnd = (end: End): End =>
    end.place === undefined && (unlocatedCounts.get(end.key) ?? 0) < SMALLEST_SHOWN ? ELSEWHERE : end;
  const pairs = new Map<string, { from: End; to: End; stage: Stage; count: number }>();
  for (const ends of located) {
    const from = shownEnd(ends.from);
    const to = shownEnd(ends.to);
    const key = `${from.key}\u0001${to.key}`;
    const pair = pairs.get(key);
    if (pair === undefined) {
      pairs.set(key, { from, to, stage: ends.leg.stage ?? stageOf(from.place, to.place), count: ends.leg.count });
    } else {
      pair.count += ends.leg.count;
    }
  }
  const rows = [...new Set([...pairs.values()].map((pair) => pair.from.key))].sort();
  const columns = [...new Set([...pairs.values()].map((pair) => pair.to.key))].sort();
  const rowOf = new Map(rows.map((key, index) => [key, index]));
  const columnOf = new Map(columns.map((key, index) => [key, index]));
  const counts = rows.map(() => new Array<number>(columns.length).fill(0));
  for (const pair of pairs.values()) {
    const line = counts[rowOf.get(pair.from.key) ?? -1];
    const column = columnOf.get(pair.to.key) ?? -1;
    if (line !== undefined) line[column] = pair.count;
  }
  // Totals per place are not shown; the grand total is taken as published (other aggregates give it).
  const table = suppressTable(counts, columns.length, { margins: { rows: false, columns: false, grand: true } });
  const flows: Flow[] = [];
  const unlocated: Flow[] = [];
  const fromEnds = new Map([...pairs.values()].map((pair) => [pair.from.key, pair.from]));
  const toEnds = new Map([...pairs.values()].map((pair) => [pair.to.key, pair.to]));
  const stages = new Map([...pairs.entries()].map(([key, pair]) => [key, pair.stage]));
  rows.forEach((fromKey, row) => {
    columns.forEach((toKey, column) => {
      const shown = table.cells[row]?.[column] ?? { count: null, suppressed: true };
      // Pairs never seen are zero, and shown as absent; a zero withheld to protect another is listed.
      if (shown.count === 0) return;
      const from = fromEnds.get(fromKey) as End;
      const to = toEnds.get(toKey) as End;
      const stage = stages.get(`${fromKey}\u0001${toKey}`) ?? stageOf(from.place, to.place);
      const flow: Flow = { from: from.shown, to: to.shown, stage, ...shown };
      (from.place === undefined || to.place === undefined ? unlocated : flows).push(flow);
    });
  });
  const order = (a: Flow, b: Flow): number =>
    (b.count ?? -1) - (a.count ?? -1) || a.from.name.localeCompare(b.from.name) || a.to.name.localeCompare(b.to.name);
  return { flows: flows.sort(order), unlocated: unlocated.sort(order), total: table.grand };
}
