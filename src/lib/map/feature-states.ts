import type { Map as MapLibreMap } from 'maplibre-gl';
import { TILE_LAYER } from './table-tiles';
import { limitStatesToTiles, sourceStatesOf } from './tile-states';

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

type StateTarget = Pick<MapLibreMap, 'getSource' | 'setFeatureState' | 'removeFeatureState' | 'triggerRepaint' | 'once'>;

/** A User Timing mark at the first frame drawn with every state of a run set (the benchmark reads it). */
export const STATES_DRAWN_MARK = 'chizu-dojo:states-drawn';

/**
 * Keeps each tiled layer's feature state as its data and style say: set again when the data or the style
 * changed (a count, new classes), or when the map made the source anew (its states went with it); cleared
 * from a layer that is no longer coloured this way.
 */
export class FeatureStates {
  #applied = new Map<string, { source: unknown; signature: readonly unknown[] }>();
  #runs = new Map<string, number>();
  #running = 0;

  /** A redraw was asked for while redraws were held. */
  #asked = false;
  /** A run set all its rows while redraws were held: the next frame shows them (marked for the benchmark). */
  #finished = false;

  /**
   * MapLibre redraws the map after every setFeatureState; a frame of 200,000 areas drawn in software
   * WebGL takes 0.2–0.5 s, so between the tasks of a run the map would redraw each time, half recoloured.
   * While rows are being set, its redraws are held (triggerRepaint is MapLibre's public way to ask for
   * one, which it calls itself) and it is redrawn once when the last row is set, if anything asked.
   */
  #hold(map: StateTarget): void {
    if (this.#running++ > 0) return;
    this.#asked = false;
    (map as { triggerRepaint: () => void }).triggerRepaint = () => void (this.#asked = true);
  }

  #release(map: StateTarget): void {
    if (--this.#running > 0) return;
    delete (map as { triggerRepaint?: unknown }).triggerRepaint;
    if (!this.#asked) return;
    if (this.#finished) void map.once('render', () => performance.mark(STATES_DRAWN_MARK));
    this.#finished = false;
    map.triggerRepaint();
  }

  /**
   * Changes the map's style (`change`, e.g. a sync that makes the areas opaque for a count) and then its
   * states, redrawn once: a redraw the style change asks for waits for the states, or the map would first
   * be drawn with the new style and the old colours (a frame of 0.3–0.5 s with 200,000 areas).
   */
  update(map: StateTarget, change: () => void, layers: readonly StatefulLayer[]): void {
    this.#hold(map);
    try {
      change();
      this.#apply(map, layers);
    } finally {
      this.#release(map);
    }
  }

  #apply(map: StateTarget, layers: readonly StatefulLayer[]): void {
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
      // Tiles loaded later (zoom, reload) take only their own rows' states, not all 200,000.
      const sourceStates = sourceStatesOf(map, id);
      if (sourceStates) limitStatesToTiles(sourceStates);
      const before = this.#applied.get(id);
      const same = before && before.source === source && before.signature.length === layer.signature.length && before.signature.every((item, i) => item === layer.signature[i]);
      if (same) continue;
      this.#applied.set(id, { source, signature: layer.signature });
      const run = (this.#runs.get(id) ?? 0) + 1;
      this.#runs.set(id, run);
      this.#hold(map);
      // Rows set are redrawn at the end of the run, when the held redraw is released.
      this.#asked = true;
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
        else {
          this.#finished = true;
          this.#release(map);
        }
      };
      setRows(0);
    }
  }
}
