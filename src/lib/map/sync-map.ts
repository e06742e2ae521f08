import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, SourceSpecification, StyleSpecification } from 'maplibre-gl';

/** The part of MapLibre's Map the sync uses, so it can be tested with a fake. */
export type SyncTarget = Pick<MapLibreMap, 'getLayer' | 'addLayer' | 'removeLayer' | 'moveLayer' | 'getLayersOrder' | 'getSource' | 'addSource' | 'removeSource' | 'setPaintProperty' | 'isSourceLoaded'>;

/** What was last handed to the map: layer specs as JSON, and each source's spec or data object. */
export interface SyncState {
  layers: Map<string, string>;
  sources: Map<string, unknown>;
}

export const newSyncState = (): SyncState => ({ layers: new Map(), sources: new Map() });

/**
 * Brings the map's sources and layers to the desired style, changing only what differs.
 * Why not setStyle(…, {diff: true}): its diff deep-compares every source's GeoJSON on each call, which
 * for a large layer costs seconds whenever a title or class changes. Here a GeoJSON source's data is
 * compared by identity (layers are immutable; a change makes a new object) and sent with setData.
 */
export function syncMap(map: SyncTarget, desired: Pick<StyleSpecification, 'sources' | 'layers'>, state: SyncState): void {
  for (const [id, spec] of Object.entries(desired.sources)) {
    const key = sourceKey(spec);
    if (!map.getSource(id)) map.addSource(id, spec);
    else if (state.sources.get(id) !== key) {
      const source = map.getSource(id) as GeoJSONSource;
      // New data for a source still loading tiles replaces the source: MapLibre can keep a tile
      // it was building from the old data when setData arrives meanwhile (a map drawn without its counts).
      if (spec.type === 'geojson' && source.setData && map.isSourceLoaded(id)) void source.setData(spec.data as GeoJSON.GeoJSON);
      else {
        removeLayersUsing(map, id, state);
        map.removeSource(id);
        map.addSource(id, spec);
      }
    }
    state.sources.set(id, key);
  }

  const wanted = new Set(desired.layers.map((l) => l.id));
  for (const id of [...state.layers.keys()]) {
    if (!wanted.has(id)) {
      if (map.getLayer(id)) map.removeLayer(id);
      state.layers.delete(id);
    }
  }
  for (const layer of desired.layers) {
    const json = JSON.stringify(layer);
    const before = state.layers.get(layer.id);
    if (before === json && map.getLayer(layer.id)) continue;
    if (before !== undefined && map.getLayer(layer.id) && setPaintOnly(map, JSON.parse(before) as LayerSpecification, layer as LayerSpecification)) {
      state.layers.set(layer.id, json);
      continue;
    }
    if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    map.addLayer(layer as LayerSpecification);
    state.layers.set(layer.id, json);
  }
  // Order: walk from the top down, putting each layer just below the one above it — only when it differs:
  // a move is a style change, and the map redraws for it (0.5 s a frame with 200,000 areas drawn in software).
  const order = map.getLayersOrder().filter((id) => wanted.has(id));
  if (order.length !== desired.layers.length || order.some((id, i) => id !== desired.layers[i]!.id)) {
    for (let i = desired.layers.length - 2; i >= 0; i--) map.moveLayer(desired.layers[i]!.id, desired.layers[i + 1]!.id);
  }

  for (const id of [...state.sources.keys()]) {
    if (!(id in desired.sources)) {
      if (map.getSource(id)) map.removeSource(id);
      state.sources.delete(id);
    }
  }
}

/** A GeoJSON source is known by its data object (identity); any other source by its spec. */
function sourceKey(spec: SourceSpecification): unknown {
  return spec.type === 'geojson' && typeof spec.data === 'object' ? spec.data : JSON.stringify(spec);
}

function removeLayersUsing(map: SyncTarget, sourceId: string, state: SyncState): void {
  for (const [id, json] of state.layers) {
    if ((JSON.parse(json) as { source?: string }).source === sourceId) {
      if (map.getLayer(id)) map.removeLayer(id);
      state.layers.delete(id);
    }
  }
}

/**
 * When only the paint of a layer changed (colours, classes, opacity), sets those properties and returns
 * true: MapLibre restyles without laying out the source's tiles again, which removing and re-adding the
 * layer would cost (seconds for a large point layer).
 */
function setPaintOnly(map: SyncTarget, before: LayerSpecification, after: LayerSpecification): boolean {
  const { paint: paintBefore = {}, ...restBefore } = before as LayerSpecification & { paint?: Record<string, unknown> };
  const { paint: paintAfter = {}, ...restAfter } = after as LayerSpecification & { paint?: Record<string, unknown> };
  if (JSON.stringify(restBefore) !== JSON.stringify(restAfter)) return false;
  for (const key of new Set([...Object.keys(paintBefore), ...Object.keys(paintAfter)])) {
    const value = (paintAfter as Record<string, unknown>)[key];
    if (JSON.stringify((paintBefore as Record<string, unknown>)[key]) !== JSON.stringify(value)) map.setPaintProperty(after.id, key as Parameters<SyncTarget["setPaintProperty"]>[1], (value ?? null) as Parameters<SyncTarget["setPaintProperty"]>[2]);
  }
  return true;
}
