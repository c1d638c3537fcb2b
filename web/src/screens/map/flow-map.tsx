/**
 * The map: MapLibre over the bundled countries, drawing the flows and a movement's path. WebGL
 * draws it in a worker served from the workbench's own origin; nothing is fetched from elsewhere.
 * The canvas carries no text, so the tooltip names a flow under the pointer, and the tables beside
 * the map say everything it shows.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { Box } from '@mantine/core';
import { LngLatBounds, Map as MapLibre, NavigationControl, Popup, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flowFeatures, mapStyle, movementFeatures, radiusByCount, widthByCount } from './map-style.ts';
import type { PlacedStop, RouteFlow } from './types.ts';

// Under Vite the worker is an asset of its own: tell MapLibre where it is (see STACK.md).
setWorkerUrl(workerUrl);

interface FlowMapProps {
  readonly flows: readonly RouteFlow[];
  readonly stops: readonly PlacedStop[];
  readonly upTo: number;
  readonly describe: (flow: RouteFlow) => string;
}

function setData(map: MapLibre, source: string, data: GeoJSON.GeoJSON): void {
  void map.getSource<GeoJSONSource>(source)?.setData(data);
}

/** The box around every located place of the flows and the movement, or the whole world. */
function boundsOf(flows: readonly RouteFlow[], stops: readonly PlacedStop[]): LngLatBounds | null {
  const bounds = new LngLatBounds();
  let any = false;
  for (const flow of flows) {
    for (const end of [flow.from, flow.to]) {
      if (end.lat === null || end.lon === null) continue;
      bounds.extend([end.lon, end.lat]);
      any = true;
    }
  }
  for (const stop of stops) {
    if (stop.location === null) continue;
    bounds.extend([stop.location.lon, stop.location.lat]);
    any = true;
  }
  return any ? bounds : null;
}

export function FlowMap({ flows, stops, upTo, describe }: FlowMapProps) {
  const { t, i18n } = useTranslation('map');
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [rendered, setRendered] = useState(false);
  const rtl = i18n.dir() === 'rtl';

  useEffect(() => {
    if (container.current === null) return;
    const map = new MapLibre({
      container: container.current,
      style: mapStyle(),
      center: [10, 40],
      zoom: 1.5,
      attributionControl: false,
      locale: {
        'Map.Title': t('mapTitle'),
        'NavigationControl.ZoomIn': t('zoomIn'),
        'NavigationControl.ZoomOut': t('zoomOut'),
        'NavigationControl.ResetBearing': t('resetBearing'),
        'Popup.Close': t('app.close'),
      },
    });
    map.addControl(new NavigationControl({ showCompass: false }), rtl ? 'top-left' : 'top-right');
    const tooltip = new Popup({ closeButton: false, closeOnClick: false });
    for (const layer of ['flows-shown', 'flows-withheld', 'local']) {
      map.on('mousemove', layer, (event) => {
        const label: unknown = event.features?.[0]?.properties['label'];
        if (typeof label !== 'string') return;
        map.getCanvas().style.cursor = 'pointer';
        tooltip.setLngLat(event.lngLat).setText(label).addTo(map);
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = '';
        tooltip.remove();
      });
    }
    map.on('load', () => {
      setReady(true);
    });
    map.on('idle', () => {
      setRendered(true);
    });
    mapRef.current = map;
    return () => {
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
    // The map is made once per language; the data reaches it through setData below.
  }, [t, rtl]);

  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !ready) return;
    const { lines, local } = flowFeatures(flows, describe);
    setData(map, 'flows', lines);
    setData(map, 'local', local);
    const largest = Math.max(0, ...flows.map((flow) => flow.count ?? 0));
    map.setPaintProperty('flows-shown', 'line-width', widthByCount(largest));
    map.setPaintProperty('local', 'circle-radius', radiusByCount(largest));
    const bounds = boundsOf(flows, stops);
    if (bounds !== null) map.fitBounds(bounds, { padding: 40, maxZoom: 6, animate: false });
  }, [flows, ready, describe]);

  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !ready) return;
    const { path, stops: points } = movementFeatures(stops, upTo);
    setData(map, 'path', path);
    setData(map, 'stops', points);
  }, [stops, upTo, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (map === null || !ready || stops.length === 0) return;
    const bounds = boundsOf([], stops);
    if (bounds !== null) map.fitBounds(bounds, { padding: 60, maxZoom: 6, animate: false });
  }, [stops, ready]);

  return (
    <Box
      ref={container}
      h={480}
      data-testid="flow-map"
      data-rendered={rendered ? 'true' : 'false'}
      style={{ borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden' }}
    />
  );
}
