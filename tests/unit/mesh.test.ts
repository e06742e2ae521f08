import { describe, expect, it } from 'vitest';
import { countPointsByMesh, meshBounds, meshCode } from '../../src/lib/geo/mesh';

describe('standard grid squares (地域メッシュ, JIS X 0410)', () => {
  it('gives the published codes: Tokyo Station 5339-46-11, and the squares of Tsukuba city hall', () => {
    // Tokyo Station (35.681236, 139.767125) is in the 1 km square 53394611, as the Statistics Bureau lists it.
    expect(meshCode(139.767125, 35.681236, '1km')).toBe('53394611');
    // Its 500 m quarter is the north-west one (3), its 250 m quarter of that the south-east one (2).
    expect(meshCode(139.767125, 35.681236, '500m')).toBe('533946113');
    expect(meshCode(139.767125, 35.681236, '250m')).toBe('5339461132');
    expect(meshCode(140.0764, 36.0835, '1km')).toBe('54401006');
    expect(meshCode(0, 0, '1km')).toBeNull();
  });

  it('bounds a square by 30″ × 45″ (1 km), halved for 500 m and 250 m, around the point that named it', () => {
    for (const size of ['1km', '500m', '250m'] as const) {
      const [w, s, e, n] = meshBounds(meshCode(140.0764, 36.0835, size)!);
      expect(w).toBeLessThanOrEqual(140.0764);
      expect(e).toBeGreaterThan(140.0764);
      expect(s).toBeLessThanOrEqual(36.0835);
      expect(n).toBeGreaterThan(36.0835);
      const halvings = size === '1km' ? 1 : size === '500m' ? 2 : 4;
      expect((n - s) * 3600).toBeCloseTo(30 / halvings, 6);
      expect((e - w) * 3600).toBeCloseTo(45 / halvings, 6);
    }
    // A point on a square's south-west corner belongs to that square, not its neighbour.
    const [w, s] = meshBounds('54401006');
    expect(meshCode(w, s, '1km')).toBe('54401006');
  });

  it('counts points per square, codes as text keys for joining e-Stat mesh tables, and counts those outside the grid', () => {
    const xy = new Float64Array([140.0764, 36.0835, 140.0765, 36.0836, 139.767125, 35.681236, 0, 0, NaN, NaN]);
    const { squares, outside } = countPointsByMesh(xy, '1km');
    expect(squares.map((f) => [f.properties.メッシュコード, f.properties.件数])).toEqual([['53394611', 1], ['54401006', 2]]);
    expect(outside).toBe(1);
    expect(squares[1]!.geometry.coordinates[0]).toHaveLength(5);
    // With room for them, the empty squares in the points' extent are listed with 0.
    const near = new Float64Array([140.0764, 36.0835, 140.09, 36.1]);
    const filled = countPointsByMesh(near, '1km', 100).squares;
    expect(filled.length).toBe(3 * 2);
    expect(filled.filter((f) => f.properties.件数 === 0)).toHaveLength(4);
    expect(countPointsByMesh(near, '1km', 5).squares).toHaveLength(2);
  });
});
