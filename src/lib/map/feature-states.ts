import type { Map as MapLibreMap } from 'maplibre-gl';
import { TILE_LAYER } from './table-tiles';

/** A tiled layer coloured through feature state (style.ts, statefulLayers): each row's state (feature id = row). */
export interface StatefulLayer {
  source: string;
  rowCount: number;
  /** Compared item by item (identity): the states are set again only when one of them changed. */
  signature: readonly unknown[];
  stateOf(row: number): Record<string, unknown>;
}

/**
 * Rows set per task: setting the state of 200,000 areas at once would hold the page for a few hundred
 * milliseconds; in tasks of this many rows (about 50 ms each) the page stays responsive.
 */
const ROWS_PER_TASK = 25_000;

type StateTarget = Pick<MapLibreMap, 'getSource' | 'setFeatureState' | 'removeFeatureState' | 'triggerRepaint'>;

/**
 * Keeps each tiled layer's feature state as its data and style say: set again when the data or the style
 * changed (a count, new classes), or when the map made the source anew (its states went with it); cleared
 * from a layer that is no longer coloured this way.
 */
export class FeatureStates {
  #applied = new Map<string, { source: unknown; signature: readonly unknown[] }>();
  #runs = new Map<string, number>();
  #running = 0;

  /**
   * MapLibre redraws the map after every setFeatureState; a frame of 200,000 areas drawn in software
   * WebGL takes 0.2–0.5 s, so between the tasks of a run the map would redraw each time, half recoloured.
   * While rows are being set, its redraws are held (triggerRepaint is MapLibre's public way to ask for
   * one, which it calls itself) and it is redrawn once when the last row is set.
   */
  #hold(map: StateTarget): void {
    if (this.#running++ === 0) (map as { triggerRepaint: () => void }).triggerRepaint = () => {};
  }

  #release(map: StateTarget): void {
    if (--this.#running > 0) return;
    delete (map as { triggerRepaint?: unknown }).triggerRepaint;
    map.triggerRepaint();
  }

  apply(map: StateTarget, layers: readonly StatefulLayer[]): void {
    for (const id of [...this.#applied.keys()]) {
      if (layers.some((l) => l.source === id)) continue;
      this.#applied.delete(id);
      this.#runs.set(id, (this.#runs.get(id) ?? 0) + 1);
      if (map.getSource(id)) map.removeFeatureState({ source: id, sourceLayer: TILE_LAYER });
    }
    for (const layer of layers) {
      const id = layer.source;
      const source = map.getSource(id);
      if (!source) continue;
      const before = this.#applied.get(id);
      const same = before && before.source === source && before.signature.length === layer.signature.length && before.signature.every((item, i) => item === layer.signature[i]);
      if (same) continue;
      this.#applied.set(id, { source, signature: layer.signature });
      const run = (this.#runs.get(id) ?? 0) + 1;
      this.#runs.set(id, run);
      this.#hold(map);
      const setRows = (from: number) => {
        // A newer table or style for this layer, or the map gone: this run stops.
        if (this.#runs.get(id) !== run || map.getSource(id) !== source) return this.#release(map);
        const to = Math.min(layer.rowCount, from + ROWS_PER_TASK);
        try {
          for (let row = from; row < to; row++) map.setFeatureState({ source: id, sourceLayer: TILE_LAYER, id: row }, layer.stateOf(row));
        } catch (error) {
          this.#release(map);
          throw error;
        }
        if (to < layer.rowCount) setTimeout(() => setRows(to));
        else this.#release(map);
      };
      setRows(0);
    }
  }
}
