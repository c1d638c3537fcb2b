/**
 * The countries of the world for the map's base layer, bundled with the workbench (Natural Earth's
 * 1:110m boundaries from world-atlas): the page fetches no tiles, fonts or sprites from anywhere.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** The countries as GeoJSON, made once. */
export const COUNTRIES: FeatureCollection<Geometry, { name: string }> = feature(
  atlas as unknown as Countries,
  (atlas as unknown as Countries).objects.countries,
);
