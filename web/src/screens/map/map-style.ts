/**
 * The map's style, inline: the bundled countries, the flows as lines (width by count, withheld
 * flows thin and dashed), flows within one place as circles, and a movement's path. No glyphs or
 * sprites, so no text is drawn on the canvas: names are in the tooltips, the legend and the tables.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { MapOptions } from 'maplibre-gl';
import { STAGE_COLOURS, STAGES, type PlacedStop, type RouteFlow } from './types.ts';
import { COUNTRIES } from './world.ts';

// maplibre-gl does not re-export the style specification's types: take them from its options.
type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
type Layer = StyleSpecification['layers'][number];
type LinePaint = NonNullable<Extract<Layer, { type: 'line' }>['paint']>;
type CirclePaint = NonNullable<Extract<Layer, { type: 'circle' }>['paint']>;

/** What a flow feature carries, for its colour, width and tooltip. */
export interface FlowProperties {
  readonly label: string;
  readonly stage: string;
  readonly count: number;
  readonly suppressed: boolean;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Flows between two located places as lines, flows within one place as points. */
export function flowFeatures(
  flows: readonly RouteFlow[],
  label: (flow: RouteFlow) => string,
): { lines: FeatureCollection<LineString, FlowProperties>; local: FeatureCollection<Point, FlowProperties> } {
  const lines: Feature<LineString, FlowProperties>[] = [];
  const local: Feature<Point, FlowProperties>[] = [];
  for (const flow of flows) {
    const { from, to } = flow;
    if (from.lat === null || from.lon === null || to.lat === null || to.lon === null) continue;
    const properties = { label: label(flow), stage: flow.stage, count: flow.count ?? 0, suppressed: flow.suppressed };
    if (from.lat === to.lat && from.lon === to.lon) {
      local.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [from.lon, from.lat] } });
    } else {
      lines.push({
        type: 'Feature',
        properties,
        geometry: {
          type: 'LineString',
          coordinates: [
            [from.lon, from.lat],
            [to.lon, to.lat],
          ],
        },
      });
    }
  }
  return {
    lines: { type: 'FeatureCollection', features: lines },
    local: { type: 'FeatureCollection', features: local },
  };
}

/** A movement's path up to the chosen stop, and its stops (the chosen one marked). */
export function movementFeatures(
  stops: readonly PlacedStop[],
  upTo: number,
): { path: FeatureCollection; stops: FeatureCollection } {
  const shown = stops
    .slice(0, upTo + 1)
    .flatMap((stop, index) =>
      stop.location === null ? [] : [{ stop, index, coordinates: [stop.location.lon, stop.location.lat] }],
    );
  return {
    path:
      shown.length < 2
        ? EMPTY
        : {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: {},
                geometry: { type: 'LineString', coordinates: shown.map((point) => point.coordinates) },
              },
            ],
          },
    stops: {
      type: 'FeatureCollection',
      features: shown.map(({ stop, index, coordinates }) => ({
        type: 'Feature',
        properties: { label: stop.place, current: index === upTo },
        geometry: { type: 'Point', coordinates },
      })),
    },
  };
}

const stageColour = [
  'match',
  ['get', 'stage'],
  ...STAGES.flatMap((stage) => [stage, STAGE_COLOURS[stage]]),
  STAGE_COLOURS.other,
] as unknown as string;

/** A line's width by its count: 11 (the smallest shown) thin, the largest flow thick. */
export function widthByCount(largest: number): NonNullable<LinePaint['line-width']> {
  return ['interpolate', ['linear'], ['get', 'count'], 11, 1.5, Math.max(largest, 12), 9];
}

/** A circle's radius by its count; a withheld one small. */
export function radiusByCount(largest: number): NonNullable<CirclePaint['circle-radius']> {
  return [
    'case',
    ['get', 'suppressed'],
    3,
    ['interpolate', ['linear'], ['get', 'count'], 11, 4, Math.max(largest, 12), 14],
  ];
}

/** The style, with empty flows and movement until the data arrives. */
export function mapStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: COUNTRIES },
      flows: { type: 'geojson', data: EMPTY },
      local: { type: 'geojson', data: EMPTY },
      path: { type: 'geojson', data: EMPTY },
      stops: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dce9f2' } },
      { id: 'countries', type: 'fill', source: 'countries', paint: { 'fill-color': '#f5f3ee' } },
      { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#9a948a', 'line-width': 0.6 } },
      {
        id: 'flows-withheld',
        type: 'line',
        source: 'flows',
        filter: ['==', ['get', 'suppressed'], true],
        paint: { 'line-color': stageColour, 'line-width': 1, 'line-dasharray': [3, 3], 'line-opacity': 0.8 },
      },
      {
        id: 'flows-shown',
        type: 'line',
        source: 'flows',
        filter: ['==', ['get', 'suppressed'], false],
        layout: { 'line-cap': 'round' },
        paint: {
          'line-color': stageColour,
          'line-width': widthByCount(0),
          'line-opacity': 0.85,
        },
      },
      {
        id: 'local',
        type: 'circle',
        source: 'local',
        paint: {
          'circle-radius': radiusByCount(0),
          'circle-color': ['case', ['get', 'suppressed'], 'rgba(0,0,0,0)', stageColour],
          'circle-opacity': 0.75,
          'circle-stroke-color': stageColour,
          'circle-stroke-width': 1.5,
        },
      },
      { id: 'path', type: 'line', source: 'path', paint: { 'line-color': '#1f1f1f', 'line-width': 3 } },
      {
        id: 'stops',
        type: 'circle',
        source: 'stops',
        paint: {
          'circle-radius': ['case', ['get', 'current'], 8, 5],
          'circle-color': ['case', ['get', 'current'], '#C1121F', '#1f1f1f'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
    ],
  };
}
