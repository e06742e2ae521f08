import { describe, expect, it, vi } from 'vitest';
import { FeatureStates, STATES_DRAWN_MARK, type StatefulLayer } from '../../src/lib/map/feature-states';

/**
 * A map that does what MapLibre's does here: each setFeatureState asks for a redraw, and triggerRepaint
 * lives on the prototype (the hold shadows it on the instance and deletes its own again).
 */
class FakeMap {
  repaints = 0;
  states = new Map<number, Record<string, unknown>>();
  #source = {};
  #renderListeners: (() => void)[] = [];
  getSource(id: string) {
    return id === 'areas' ? this.#source : undefined;
  }
  setFeatureState(feature: { id: number }, state: Record<string, unknown>) {
    this.states.set(feature.id, state);
    this.triggerRepaint();
  }
  removeFeatureState() {}
  triggerRepaint() {
    this.repaints++;
  }
  once(_: string, listener: () => void) {
    this.#renderListeners.push(listener);
    return this;
  }
  render() {
    this.#renderListeners.splice(0).forEach((l) => l());
  }
}
const fakeMap = () => new FakeMap();

const layer = (rowCount: number, signature: unknown[]): StatefulLayer => ({ source: 'areas', rowCount, signature, stateOf: (row) => ({ value: row * 2 }) });

describe('feature states of a tiled layer', () => {
  it('holds the map’s redraws while a style change and the states are set, then redraws once and marks that frame', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const map = fakeMap();
      const states = new FeatureStates();
      performance.clearMarks(STATES_DRAWN_MARK);
      // The style change asks for a redraw (a paint property): it waits for the states.
      states.update(map as never, () => map.triggerRepaint(), [layer(60_000, ['a'])]);
      expect(map.repaints).toBe(0);
      expect(map.states.size).toBeGreaterThan(0);
      expect(map.states.size).toBeLessThan(60_000);
      await vi.runAllTimersAsync();
      expect(map.states.size).toBe(60_000);
      expect(map.states.get(59_999)).toEqual({ value: 119_998 });
      expect(map.repaints).toBe(1);
      expect(performance.getEntriesByName(STATES_DRAWN_MARK)).toHaveLength(0);
      map.render();
      expect(performance.getEntriesByName(STATES_DRAWN_MARK)).toHaveLength(1);
      // The same data and style again: nothing set, nothing redrawn.
      states.update(map as never, () => {}, [layer(60_000, ['a'])]);
      await vi.runAllTimersAsync();
      expect(map.repaints).toBe(1);
      // Redraws work as MapLibre's own again (the hold is gone from the instance).
      map.triggerRepaint();
      expect(map.repaints).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops a run when a newer one starts (a second count before the first was set), and redraws once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const map = fakeMap();
      const states = new FeatureStates();
      states.update(map as never, () => {}, [layer(100_000, ['first'])]);
      const newer: StatefulLayer = { source: 'areas', rowCount: 100_000, signature: ['second'], stateOf: (row) => ({ value: -row }) };
      states.update(map as never, () => {}, [newer]);
      await vi.runAllTimersAsync();
      expect(map.states.get(99_999)).toEqual({ value: -99_999 });
      expect(map.repaints).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
