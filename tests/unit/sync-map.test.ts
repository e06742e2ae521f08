import { describe, expect, it } from 'vitest';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { newSyncState, syncMap, type SyncTarget } from '../../src/lib/map/sync-map';

/** A stand-in for MapLibre's Map that records calls and keeps layer order. */
function fakeMap() {
  const layers: LayerSpecification[] = [];
  const sources = new Map<string, { spec: SourceSpecification; setData: (d: unknown) => void; data: unknown }>();
  const calls: string[] = [];
  /** Sources whose tiles are still loading. */
  const loading = new Set<string>();
  const map = {
    isSourceLoaded: (id: string) => !loading.has(id),
    getLayer: (id: string) => layers.find((l) => l.id === id),
    addLayer: (layer: LayerSpecification) => (calls.push(`addLayer ${layer.id}`), layers.push(layer)),
    removeLayer: (id: string) => (calls.push(`removeLayer ${id}`), layers.splice(layers.findIndex((l) => l.id === id), 1)),
    getLayersOrder: () => layers.map((l) => l.id),
    moveLayer: (id: string, before?: string) => {
      calls.push(`moveLayer ${id}`);
      const [layer] = layers.splice(layers.findIndex((l) => l.id === id), 1);
      layers.splice(before ? layers.findIndex((l) => l.id === before) : layers.length, 0, layer!);
    },
    getSource: (id: string) => sources.get(id),
    addSource: (id: string, spec: SourceSpecification) => {
      calls.push(`addSource ${id}`);
      const entry = { spec, data: (spec as { data?: unknown }).data, setData: (d: unknown) => (calls.push(`setData ${id}`), (entry.data = d)) };
      sources.set(id, entry);
    },
    removeSource: (id: string) => (calls.push(`removeSource ${id}`), sources.delete(id)),
    setPaintProperty: (id: string, key: string, value: unknown) => {
      calls.push(`setPaintProperty ${id} ${key}`);
      const layer = layers.find((l) => l.id === id) as { paint?: Record<string, unknown> };
      layer.paint = { ...layer.paint, [key]: value };
    },
  };
  return { map: map as unknown as SyncTarget, layers, sources, calls, loading };
}

const fc = (n: number): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: Array.from({ length: n }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [140, 36] } })) });
const fill = (id: string, source: string, color = '#fff'): LayerSpecification => ({ id, type: 'fill', source, paint: { 'fill-color': color } });

describe('syncMap', () => {
  it('adds sources and layers in order, then changes only what differs', () => {
    const { map, layers, calls, sources } = fakeMap();
    const state = newSyncState();
    const a = fc(3), b = fc(2);
    syncMap(map, { sources: { a: { type: 'geojson', data: a }, b: { type: 'geojson', data: b } }, layers: [fill('a-fill', 'a'), fill('b-fill', 'b')] }, state);
    expect(layers.map((l) => l.id)).toEqual(['a-fill', 'b-fill']);

    calls.length = 0;
    syncMap(map, { sources: { a: { type: 'geojson', data: a }, b: { type: 'geojson', data: b } }, layers: [fill('a-fill', 'a', '#000'), fill('b-fill', 'b')] }, state);
    // A paint change is applied in place: the source's tiles are not laid out again.
    expect(calls).toEqual(['setPaintProperty a-fill fill-color']);
    expect((layers[0] as { paint: Record<string, unknown> }).paint['fill-color']).toBe('#000');
    expect(layers.map((l) => l.id)).toEqual(['a-fill', 'b-fill']);

    calls.length = 0;
    const a2 = fc(4);
    syncMap(map, { sources: { a: { type: 'geojson', data: a2 } }, layers: [fill('a-fill', 'a', '#000')] }, state);
    expect(calls).toEqual(['setData a', 'removeLayer b-fill', 'removeSource b']);
    expect(sources.get('a')!.data).toBe(a2);
  });

  it('replaces a source that is still loading tiles instead of sending it new data', () => {
    const { map, calls, sources, loading } = fakeMap();
    const state = newSyncState();
    syncMap(map, { sources: { a: { type: 'geojson', data: fc(3) } }, layers: [fill('a-fill', 'a')] }, state);
    loading.add('a');
    calls.length = 0;
    const counted = fc(3);
    syncMap(map, { sources: { a: { type: 'geojson', data: counted } }, layers: [fill('a-fill', 'a')] }, state);
    // MapLibre could finish a tile from the old data after setData: a new source cannot.
    expect(calls).toEqual(['removeLayer a-fill', 'removeSource a', 'addSource a', 'addLayer a-fill']);
    expect(sources.get('a')!.data).toBe(counted);
  });

  it('never compares GeoJSON deeply: an unchanged data object costs nothing', () => {
    const { map, calls } = fakeMap();
    const state = newSyncState();
    const big = fc(200_000);
    const style = { sources: { big: { type: 'geojson' as const, data: big } }, layers: [fill('big-fill', 'big')] };
    syncMap(map, style, state);
    calls.length = 0;
    for (let i = 0; i < 100; i++) syncMap(map, style, state);
    expect(calls).toEqual([]);
  });

  it('re-adds a layer whose filter or layout changed', () => {
    const { map, calls } = fakeMap();
    const state = newSyncState();
    const sources = { s: { type: 'geojson' as const, data: fc(1) } };
    syncMap(map, { sources, layers: [fill('x', 's')] }, state);
    calls.length = 0;
    syncMap(map, { sources, layers: [{ ...fill('x', 's'), filter: ['==', ['geometry-type'], 'Polygon'] } as LayerSpecification] }, state);
    expect(calls).toEqual(['removeLayer x', 'addLayer x']);
  });

  it('reorders layers to the desired order', () => {
    const { map, layers } = fakeMap();
    const state = newSyncState();
    const sources = { s: { type: 'geojson' as const, data: fc(1) } };
    syncMap(map, { sources, layers: [fill('x', 's'), fill('y', 's'), fill('z', 's')] }, state);
    syncMap(map, { sources, layers: [fill('z', 's'), fill('x', 's'), fill('y', 's')] }, state);
    expect(layers.map((l) => l.id)).toEqual(['z', 'x', 'y']);
  });

  it('moves nothing when the order is already right (a move makes the map redraw)', () => {
    const { map, calls } = fakeMap();
    const state = newSyncState();
    const style = { sources: { s: { type: 'geojson' as const, data: fc(1) } }, layers: [fill('x', 's'), fill('y', 's')] };
    syncMap(map, style, state);
    calls.length = 0;
    syncMap(map, style, state);
    expect(calls).toEqual([]);
  });
});
