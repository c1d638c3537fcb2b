/**
 * The stops of a movement on the map: the server locates each place it names (a city, or a hotel or
 * station in one) with its gazetteer; a place it does not know stays off the map, and the screen
 * says so.
 */
import type { MovementStop, PlacedStop } from './types.ts';

/** The itinerary in time order, each stop placed where the server located it. */
export function placeStops(itinerary: readonly MovementStop[]): PlacedStop[] {
  return [...itinerary]
    .sort((a, b) => a.from.localeCompare(b.from))
    .map((stop) => ({
      ...stop,
      location:
        stop.latitude === null || stop.longitude === null
          ? null
          : { name: stop.place, country: null, lat: stop.latitude, lon: stop.longitude },
    }));
}
