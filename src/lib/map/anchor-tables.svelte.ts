import type { LayerTable } from '../table/layer-table';

/**
 * The graduated circles of large polygon layers: point tables the geo worker makes (geo/anchors.ts),
 * drawn from tiles. Asked for when a style first needs them; until one arrives the style has no circles,
 * and its arrival builds the style again (`arrived` is read where the style is built).
 */
let make: ((polygons: LayerTable) => Promise<LayerTable>) | null = null;
const tables = new WeakMap<LayerTable, LayerTable | 'asked'>();
let arrived = $state(0);

/** How the anchor tables are made (main.ts: by the geo worker). */
export function installAnchorTables(maker: (polygons: LayerTable) => Promise<LayerTable>): void {
  make = maker;
}

/** The anchor table of a polygon table, or undefined while it is being made (or when none can be). */
export function anchorTableOf(polygons: LayerTable): LayerTable | undefined {
  void arrived;
  const known = tables.get(polygons);
  if (known !== undefined) return known === 'asked' ? undefined : known;
  if (!make) return undefined;
  tables.set(polygons, 'asked');
  make(polygons).then(
    (table) => {
      tables.set(polygons, table);
      arrived++;
    },
    (error: unknown) => {
      // Asked again at the next style change; the map shows the areas meanwhile.
      tables.delete(polygons);
      console.warn('graduated circles: the anchors could not be made', error);
    },
  );
  return undefined;
}
