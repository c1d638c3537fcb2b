/**
 * Where a place named in a record is on the map: a city found by name (in any case, with or without
 * diacritics, and within a longer name such as "Leeds station" or "Harbour Hotel Leeds"), or a country placed at the
 * middle of its known cities. The default lookup knows the gazetteer's cities, each with the part it
 * plays in movements (origin, transit, destination); a deployment may pass another lookup.
 */
import { CITIES, type City, type CityRole } from '../synth/gazetteer.ts';

/** A place as a record names it. */
export interface PlaceName {
  readonly name: string;
  /** ISO 3166-1 alpha-2, when the record says. */
  readonly country: string | null;
  /** A city (or a place in one), or a whole country (a case's country of origin). */
  readonly kind: 'city' | 'country';
}

/** A place located on the map. */
export interface Place {
  readonly name: string;
  readonly country: string | null;
  readonly latitude: number;
  readonly longitude: number;
  /** The part the place plays in movements, when the lookup knows it. */
  readonly role: CityRole | null;
  readonly kind: 'city' | 'country';
}

/** Finds places. */
export interface PlaceLookup {
  locate(place: PlaceName): Place | undefined;
}

/** A name compared: lower case, without diacritics, single spaces. */
export function comparable(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/gu, ' ')
    .trim();
}

/** A lookup over cities: by name, then by the longest run of a name's words; countries at the middle of their cities. */
export function cityLookup(cities: readonly City[] = CITIES): PlaceLookup {
  const byName = new Map<string, City[]>();
  const byCountry = new Map<string, City[]>();
  for (const city of cities) {
    const key = comparable(city.name);
    byName.set(key, [...(byName.get(key) ?? []), city]);
    byCountry.set(city.country, [...(byCountry.get(city.country) ?? []), city]);
  }
  const countries = new Map<string, Place>();
  for (const [country, within] of byCountry) {
    countries.set(country, {
      name: country,
      country,
      latitude: round(within.reduce((sum, city) => sum + city.latitude, 0) / within.length),
      longitude: round(within.reduce((sum, city) => sum + city.longitude, 0) / within.length),
      // A country plays no single part: its cities may be of origin and of destination.
      role: null,
      kind: 'country',
    });
  }
  const pick = (found: readonly City[] | undefined, country: string | null): City | undefined =>
    found?.find((city) => country === null || city.country === country.toUpperCase());
  return {
    locate(place) {
      if (place.kind === 'country') return countries.get(place.name.toUpperCase());
      const words = comparable(place.name.replace(/[,.]/gu, ' ')).split(' ');
      // The longest run of words that names a city, the first such: "Ho Chi Minh City airport" → Ho
      // Chi Minh City, "Harbour Hotel Leeds" → Leeds.
      for (let length = words.length; length > 0; length -= 1) {
        const city = runsOf(words, length)
          .map((run) => pick(byName.get(run), place.country))
          .find((found) => found !== undefined);
        if (city !== undefined) {
          return {
            name: city.name,
            country: city.country,
            latitude: city.latitude,
            longitude: city.longitude,
            role: city.role,
            kind: 'city',
          };
        }
      }
      return undefined;
    },
  };
}

/** The runs of `length` consecutive words, from the first. */
function runsOf(words: readonly string[], length: number): string[] {
  const runs: string[] = [];
  for (let start = 0; start + length <= words.length; start += 1)
    runs.push(words.slice(start, start + length).join(' '));
  return runs;
}

const round = (degrees: number): number => Math.round(degrees * 100) / 100;
