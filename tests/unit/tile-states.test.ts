import { describe, expect, it } from 'vitest';
import { limitStatesToTiles, statesOfTile, type SourceStates, type StatefulTile, type TileBucket } from '../../src/lib/map/tile-states';

/** A bucket as MapLibre hands it to the page: its features' ids sorted, a feature cut in pieces listed once per piece. */
const bucket = (ids: number[], { stateful = true, sourceLayer = 'rows' } = {}): TileBucket => ({
  layers: [{ sourceLayer }],
  stateDependentLayers: stateful ? [{}] : [],
  programConfigurations: { _featureMap: { ids: Float64Array.from(ids) } },
});

class FakeTile implements StatefulTile {
  given: { states: Record<string, { id: number | string; state: object }[]>; revision: number }[] = [];
  constructor(public buckets: Record<string, TileBucket>) {}
  setFeatureState(states: Record<string, { id: number | string; state: object }[]>, _style: unknown, revision: number) {
    this.given.push({ states, revision });
  }
}

/** MapLibre's own keeper, as it gives every tile every state. */
function sourceStates(rowCount: number): SourceStates & { everyCalls: number } {
  const state: Record<string, object> = {};
  for (let row = 0; row < rowCount; row++) state[row] = { fill: `#${(row % 256).toString(16).padStart(2, '0')}0000` };
  const keeper = {
    state: { rows: state },
    revision: 7,
    everyCalls: 0,
    initializeTileState(tile: StatefulTile, style: unknown) {
      keeper.everyCalls++;
      tile.setFeatureState({ rows: Object.entries(state).map(([id, s]) => ({ id, state: s })) }, style, keeper.revision);
    },
  };
  return keeper;
}

describe('feature states given to a loaded tile', () => {
  it('are the states of the features the tile holds, each once, the same objects MapLibre would give', () => {
    const keeper = sourceStates(200_000);
    // The fill and the hatching share a bucket (listed under both layer ids); the outline reads no state.
    const fill = bucket([3, 5, 5, 5, 90_000, 199_999]);
    const tile = new FakeTile({ fill, hatch: fill, outline: bucket([1, 2, 3, 4, 5], { stateful: false }), label: { layers: [{ sourceLayer: 'rows' }], stateDependentLayers: [{}], text: { programConfigurations: { _featureMap: { ids: [5, 6] } } }, icon: { programConfigurations: { _featureMap: { ids: [] } } } } });
    const own = statesOfTile(keeper.state, tile)!;
    expect(own.rows!.map((s) => s.id)).toEqual([3, 5, 90_000, 199_999, 6]);
    for (const { id, state } of own.rows!) expect(state).toBe(keeper.state.rows![id]);
  });

  it('leave out rows without a state, and a source layer the tile does not have gets none', () => {
    const keeper = sourceStates(10);
    keeper.state.other = { 3: { fill: 'red' } };
    const own = statesOfTile(keeper.state, new FakeTile({ fill: bucket([8, 9, 10, 11]) }))!;
    expect(own.rows!.map((s) => s.id)).toEqual([8, 9]);
    expect(own.other).toEqual([]);
  });

  it('once limited, a tile takes only its own states at the keeper’s revision; a tile it cannot read takes every state, as in MapLibre', () => {
    const keeper = sourceStates(1000);
    limitStatesToTiles(keeper);
    limitStatesToTiles(keeper); // installing twice changes nothing
    const tile = new FakeTile({ fill: bucket([10, 20]) });
    keeper.initializeTileState(tile, {});
    expect(keeper.everyCalls).toBe(0);
    expect(tile.given).toEqual([{ states: { rows: [{ id: 10, state: keeper.state.rows![10] }, { id: 20, state: keeper.state.rows![20] }] }, revision: 7 }]);

    // Another MapLibre's bucket, without the feature map where this one keeps it.
    const unreadable = new FakeTile({ fill: { layers: [{ sourceLayer: 'rows' }], stateDependentLayers: [{}], programConfigurations: {} } });
    keeper.initializeTileState(unreadable, {});
    expect(keeper.everyCalls).toBe(1);
    expect(unreadable.given[0]!.states.rows).toHaveLength(1000);
  });
});
