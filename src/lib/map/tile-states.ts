/**
 * MapLibre gives every tile it loads the state of every feature of the tile's source
 * (`SourceFeatureState.initializeTileState`), and each state-dependent bucket of the tile looks every one
 * of them up. With 200,000 coloured areas each tile loaded on reload or zoom cost 0.17–0.21 s on the page
 * (maplibre-gl-js issue #6633; unchanged up to 6.20). A tiled table's feature ids are its row numbers, so a
 * tile can be given just the states of the rows it holds, read from its buckets' feature maps: work in
 * proportion to the tile, not to the layer.
 *
 * This reaches into MapLibre's internals (no public hook exists). Wherever they are not as expected
 * (another MapLibre version), the tile is handed every state, exactly as MapLibre does itself.
 */

interface FeatureMap {
  /** The ids of the bucket's features, sorted (MapLibre sorts them when the bucket leaves its worker). */
  ids: ArrayLike<number>;
}
interface ProgramConfigurations {
  _featureMap?: FeatureMap;
}
export interface TileBucket {
  layers: readonly { sourceLayer?: string }[];
  stateDependentLayers?: readonly unknown[];
  /** Fill, line and circle buckets. */
  programConfigurations?: ProgramConfigurations;
  /** Symbol buckets keep one per part. */
  text?: { programConfigurations?: ProgramConfigurations };
  icon?: { programConfigurations?: ProgramConfigurations };
}
export type StateList = { id: number | string; state: object }[];
export interface StatefulTile {
  buckets: Record<string, TileBucket>;
  setFeatureState(states: Record<string, StateList>, style: unknown, revision: number): void;
}
export interface SourceStates {
  state: Record<string, Record<string, object>>;
  revision: number;
  initializeTileState(tile: StatefulTile, style: unknown): void;
}

const GEOJSON_SOURCE_LAYER = '_geojsonTileLayer';

/** The sorted id lists of the tile's state-dependent buckets in a source layer; null if one cannot be read. */
function idListsOf(tile: StatefulTile, sourceLayer: string): ArrayLike<number>[] | null {
  const lists: ArrayLike<number>[] = [];
  // One bucket may be listed under each of its style layers.
  for (const bucket of new Set(Object.values(tile.buckets))) {
    if (!bucket.stateDependentLayers?.length) continue;
    if ((bucket.layers[0]?.sourceLayer ?? GEOJSON_SOURCE_LAYER) !== sourceLayer) continue;
    const parts = bucket.programConfigurations ? [bucket.programConfigurations] : [bucket.text?.programConfigurations, bucket.icon?.programConfigurations];
    for (const part of parts) {
      const ids = part?._featureMap?.ids;
      if (!ids || typeof ids.length !== 'number') return null;
      lists.push(ids);
    }
  }
  return lists;
}

/**
 * The states of the features the tile holds, per source layer; null where the tile's buckets cannot be read.
 * Each id once (a feature cut by the tile's edge is listed once per piece, and buckets share features).
 */
export function statesOfTile(states: SourceStates['state'], tile: StatefulTile): Record<string, StateList> | null {
  const result: Record<string, StateList> = {};
  for (const sourceLayer in states) {
    const all = states[sourceLayer]!;
    const lists = idListsOf(tile, sourceLayer);
    if (!lists) return null;
    const list: StateList = [];
    const seen = lists.length > 1 ? new Set<number>() : null;
    for (const ids of lists) {
      let previous = NaN;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (id === previous) continue;
        previous = id;
        if (seen) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        const state = all[id];
        if (state) list.push({ id, state });
      }
    }
    result[sourceLayer] = list;
  }
  return result;
}

const limited = new WeakSet<SourceStates>();

/**
 * From now on, tiles of this source that load get only their own features' states. For sources whose
 * feature ids are numbers (row numbers): a string id's state could not be found from the tile's hashed ids.
 */
export function limitStatesToTiles(sourceStates: SourceStates): void {
  if (limited.has(sourceStates) || typeof sourceStates.initializeTileState !== 'function') return;
  limited.add(sourceStates);
  const everyState = sourceStates.initializeTileState.bind(sourceStates);
  sourceStates.initializeTileState = (tile, style) => {
    const own = typeof tile?.setFeatureState === 'function' && tile.buckets ? statesOfTile(sourceStates.state, tile) : null;
    if (own) tile.setFeatureState(own, style, sourceStates.revision);
    else everyState(tile, style);
  };
}

/** The feature-state keeper of a map's source, if this MapLibre has one where expected. */
export function sourceStatesOf(map: object, sourceId: string): SourceStates | null {
  const style = (map as { style?: { tileManagers?: Record<string, { _state?: SourceStates }> } }).style;
  const states = style?.tileManagers?.[sourceId]?._state;
  return states && typeof states.initializeTileState === 'function' && typeof states.state === 'object' ? states : null;
}
