import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { applyAfterNextFrame, applyWaiting } from '../../src/lib/map/style-queue';

describe('style changes waiting for the next frame', () => {
  const frames: (() => void)[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    frames.length = 0;
  });

  it('applies only the last change, once, after the next frame', () => {
    const map = {} as MapLibreMap;
    const applied: string[] = [];
    applyAfterNextFrame(map, () => applied.push('title'));
    applyAfterNextFrame(map, () => applied.push('title and classes'));
    expect(frames).toHaveLength(1);
    vi.runAllTimers();
    expect(applied).toEqual([]);
    frames.shift()!();
    expect(applied).toEqual([]);
    vi.runAllTimers();
    expect(applied).toEqual(['title and classes']);
    expect(applyWaiting(map)).toBe(false);
  });

  it('applies a waiting change at once for an export, and not again after the frame', () => {
    const map = {} as MapLibreMap;
    let applied = 0;
    applyAfterNextFrame(map, () => applied++);
    expect(applyWaiting(map)).toBe(true);
    expect(applied).toBe(1);
    frames.shift()!();
    vi.runAllTimers();
    expect(applied).toBe(1);
  });
});
