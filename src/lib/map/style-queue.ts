import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * A map's style changes wait for the page's next frame (MapView): the page's own update (a new legend,
 * new rows) is laid out in one frame and the map redrawn in the next, instead of one long frame doing both
 * (with software WebGL a redraw is read back on the main thread). Changes made meanwhile are applied
 * together, as the last one. What must see the map as the exercise is now (an export) applies it first.
 */
const waiting = new WeakMap<MapLibreMap, () => void>();

export function applyAfterNextFrame(map: MapLibreMap, apply: () => void): void {
  const scheduled = waiting.has(map);
  waiting.set(map, apply);
  if (!scheduled) requestAnimationFrame(() => setTimeout(() => applyWaiting(map)));
}

/** Applies the map's waiting style change now; true if there was one. */
export function applyWaiting(map: MapLibreMap): boolean {
  const apply = waiting.get(map);
  waiting.delete(map);
  apply?.();
  return apply !== undefined;
}
