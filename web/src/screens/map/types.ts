/**
 * The answers the map reads: flows between places (GET /routes) and where records were over time
 * (GET /network/movement). Counts of 1 to 10 come withheld: `count` null, `suppressed` true.
 */

/** The stages of a route a flow can lie on, in the order the legend shows them. */
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

/** A count as the server shows it: null when withheld. */
export interface ShownCount {
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** A place at one end of a flow; no coordinates when the server could not locate it. */
export interface RoutePlace {
  readonly name: string;
  readonly country: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
}

/** Movements from one place to another. */
export interface RouteFlow extends ShownCount {
  readonly from: RoutePlace;
  readonly to: RoutePlace;
  readonly stage: Stage;
}

/** GET /routes. */
export interface Routes {
  readonly from: string;
  readonly to: string;
  readonly flows: readonly RouteFlow[];
  readonly unlocated: readonly RouteFlow[];
  readonly total: ShownCount;
}

/** One stop of an itinerary: a place named by records, from when to when, by how many records. */
export interface MovementStop {
  readonly place: string;
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** Where the server's gazetteer puts the place; null when it does not know it. */
  readonly latitude: number | null;
  readonly longitude: number | null;
}

/** GET /network/movement. */
export interface Movement {
  readonly itinerary: readonly MovementStop[];
  readonly undated: number;
}

/** A point on the map. */
export interface Located {
  readonly name: string;
  readonly country: string | null;
  readonly lat: number;
  readonly lon: number;
}

/** A stop of an itinerary, placed on the map when its place could be found. */
export interface PlacedStop extends MovementStop {
  readonly location: Located | null;
}

/** The colour of each stage: the Okabe–Ito palette, told apart by colour-blind readers too. */
export const STAGE_COLOURS: Readonly<Record<Stage, string>> = {
  'origin-transit': '#E69F00',
  'transit-destination': '#0072B2',
  'origin-destination': '#D55E00',
  'transit-transit': '#009E73',
  local: '#CC79A7',
  other: '#5F5F5F',
};
