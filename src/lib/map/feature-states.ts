import type { Map as MapLibreMap } from 'maplibre-gl';
import { findColumn, mapSafeKey, valueAt, type LayerTable, type TableColumn } from '../table/layer-table';
import { TILE_LAYER } from './table-tiles';

/** A tiled layer whose style reads these columns from feature state (style.ts, FROM_FEATURE_STATE). */
export interface StatefulLayer {
  source: string;
  table: LayerTable;
  fields: readonly string[];
}

/**
 * Rows set per task: setting the state of 200,000 areas at once would hold the page for a few hundred
 * milliseconds; in tasks of this many rows (about 50 ms each) the page stays responsive.
 */
const ROWS_PER_TASK = 25_000;

type StateTarget = Pick<MapLibreMap, 'getSource' | 'setFeatureState' | 'triggerRepaint'>;

/**
 * Keeps each tiled layer's feature state equal to its table's mapped columns (feature id = row). A column
 * is set again only when it is another column object (tables are immutable: a count makes a new one),
 * or when the map made the source anew (its states went with it).
 */
export class FeatureStates {
  #applied = new Map<string, { source: unknown; columns: (TableColumn | undefined)[] }>();
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
    for (const { source: id, table, fields } of layers) {
      const source = map.getSource(id);
      if (!source) continue;
      const columns = fields.map((f) => findColumn(table, f));
      const before = this.#applied.get(id);
      if (before && before.source === source && before.columns.length === columns.length && before.columns.every((c, i) => c === columns[i])) continue;
      this.#applied.set(id, { source, columns });
      const run = (this.#runs.get(id) ?? 0) + 1;
      this.#runs.set(id, run);
      const keys = fields.map(mapSafeKey);
      this.#hold(map);
      const setRows = (from: number) => {
        // A newer table for this layer, or the map gone: this run stops.
        if (this.#runs.get(id) !== run || map.getSource(id) !== source) return this.#release(map);
        const to = Math.min(table.rowCount, from + ROWS_PER_TASK);
        try {
          for (let row = from; row < to; row++) {
            const state: Record<string, unknown> = {};
            for (let i = 0; i < keys.length; i++) state[keys[i]!] = columns[i] ? valueAt(columns[i]!, row) : null;
            map.setFeatureState({ source: id, sourceLayer: TILE_LAYER, id: row }, state);
          }
        } catch (error) {
          this.#release(map);
          throw error;
        }
        if (to < table.rowCount) setTimeout(() => setRows(to));
        else this.#release(map);
      };
      setRows(0);
    }
  }
}
