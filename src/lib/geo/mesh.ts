import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { locateInGeometry } from './point-in-polygon';

/**
 * Japan's standard grid squares (地域メッシュ, JIS X 0410), the unit of e-Stat's mesh statistics. A
 * square is found from a point with integer arithmetic: the 1 km square (基準地域メッシュ, 3rd level) is
 * 30″ of latitude by 45″ of longitude, so its row is ⌊lat × 120⌋ and its column ⌊(lon − 100) × 80⌋; the
 * 500 m and 250 m squares halve it once and twice, numbering their quarters 1 (south-west), 2 (south-east),
 * 3 (north-west), 4 (north-east).
 */
export type MeshSize = '1km' | '500m' | '250m';

/** Rows per degree of latitude and columns per degree of longitude at each size. */
const GRID: Record<MeshSize, { rows: number; cols: number; halvings: number }> = {
  '1km': { rows: 120, cols: 80, halvings: 0 },
  '500m': { rows: 240, cols: 160, halvings: 1 },
  '250m': { rows: 480, cols: 320, halvings: 2 },
};

/**
 * The row or column of a coordinate scaled to cells. A point on a square's south or west edge belongs to
 * it; the nudge (a micrometre) keeps edges computed in floating point (140.075 = 100 + 3206 / 80) there.
 */
const cell = (scaled: number) => Math.floor(scaled + 1e-9);

/** The extent of the grid (all of Japan, 20–46.67° N, 122–154° E); NaN is outside. */
const inGrid = (lon: number, lat: number) => lat >= 20 && lat < 46.67 && lon >= 122 && lon < 154;

/** The code of the square holding a point (e.g. 53394611 for Tokyo Station at 1 km), or null outside the grid. */
export function meshCode(lon: number, lat: number, size: MeshSize): string | null {
  const { rows, cols } = GRID[size];
  if (!inGrid(lon, lat)) return null;
  return codeOfCell(cell(lat * rows), cell((lon - 100) * cols), size);
}

function codeOfCell(row: number, col: number, size: MeshSize): string {
  const { halvings } = GRID[size];
  let quarters = '';
  let r = row, c = col;
  for (let h = 0; h < halvings; h++) {
    quarters = String((r % 2) * 2 + (c % 2) + 1) + quarters;
    r = Math.floor(r / 2);
    c = Math.floor(c / 2);
  }
  // 1 km cell (r, c): first level ⌊r/80⌋ ⌊c/80⌋, second (r%80)/10 (c%80)/10, third r%10 c%10.
  const first = `${Math.floor(r / 80)}${String(Math.floor(c / 80)).padStart(2, '0')}`;
  return `${first}${Math.floor((r % 80) / 10)}${Math.floor((c % 80) / 10)}${r % 10}${c % 10}${quarters}`;
}

/** The square's extent [west, south, east, north] in degrees. */
export function meshBounds(code: string): [number, number, number, number] {
  const size: MeshSize = code.length === 8 ? '1km' : code.length === 9 ? '500m' : '250m';
  const d = (i: number) => Number(code[i]);
  let row = Number(code.slice(0, 2)) * 80 + d(4) * 10 + d(6);
  let col = Number(code.slice(2, 4)) * 80 + d(5) * 10 + d(7);
  for (let i = 8; i < code.length; i++) {
    const quarter = d(i) - 1;
    row = row * 2 + (quarter >> 1);
    col = col * 2 + (quarter & 1);
  }
  const { rows, cols } = GRID[size];
  return [100 + col / cols, row / rows, 100 + (col + 1) / cols, (row + 1) / rows];
}

/**
 * Counts a flat array of points (lon, lat per point; NaN for none) per square. Cells are keyed by number
 * while counting (one Map lookup a point); codes are made once per square. The squares with no point
 * inside the points' extent are included with 0 when there are at most `emptyUpTo` squares in it: a 0 is
 * data (and hot spots need it), but not millions of them. Given the `area` the points were gathered in
 * (the city's districts), an empty square is a 0 only where it reaches that area: outside it there is no
 * data, not none reported.
 */
export function countPointsByMesh(
  xy: Float64Array,
  size: MeshSize,
  emptyUpTo = 0,
  area?: readonly Feature<Polygon | MultiPolygon>[],
): { squares: Feature<Polygon, { メッシュコード: string; 件数: number }>[]; outside: number } {
  const { rows, cols } = GRID[size];
  const counts = new Map<number, number>();
  let outside = 0;
  let minRow = Infinity, maxRow = -Infinity, minCol = Infinity, maxCol = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const lon = xy[i]!, lat = xy[i + 1]!;
    if (!inGrid(lon, lat)) {
      if (lon === lon) outside++;
      continue;
    }
    const row = cell(lat * rows), col = cell((lon - 100) * cols);
    if (row < minRow) minRow = row;
    if (row > maxRow) maxRow = row;
    if (col < minCol) minCol = col;
    if (col > maxCol) maxCol = col;
    const key = row * 100_000 + col;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size > 0 && (maxRow - minRow + 1) * (maxCol - minCol + 1) <= emptyUpTo) {
    const reaches = area ? reachedBy(area, size) : () => true;
    for (let row = minRow; row <= maxRow; row++) {
      for (let col = minCol; col <= maxCol; col++) if (!counts.has(row * 100_000 + col) && reaches(row, col)) counts.set(row * 100_000 + col, 0);
    }
  }
  const squares = [...counts].map(([key, count]) => {
    const code = codeOfCell(Math.floor(key / 100_000), key % 100_000, size);
    const [w, s, e, n] = meshBounds(code);
    return {
      type: 'Feature' as const,
      properties: { メッシュコード: code, 件数: count },
      geometry: { type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
    };
  });
  squares.sort((a, b) => (a.properties.メッシュコード < b.properties.メッシュコード ? -1 : 1));
  return { squares, outside };
}

/**
 * Whether a square (row, column) reaches the polygons: it holds one of their vertices (the squares along
 * their boundary), or its centre lies inside one (the squares within). A square an edge only clips at a
 * corner is left out.
 */
function reachedBy(polygons: readonly Feature<Polygon | MultiPolygon>[], size: MeshSize): (row: number, col: number) => boolean {
  const { rows, cols } = GRID[size];
  const boundary = new Set<number>();
  const boxes = polygons.map((polygon) => {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const rings = polygon.geometry.type === 'Polygon' ? polygon.geometry.coordinates : polygon.geometry.coordinates.flat();
    for (const ring of rings) {
      for (const [x, y] of ring as [number, number][]) {
        boundary.add(cell(y * rows) * 100_000 + cell((x - 100) * cols));
        minX = Math.min(minX, x), minY = Math.min(minY, y), maxX = Math.max(maxX, x), maxY = Math.max(maxY, y);
      }
    }
    return [minX, minY, maxX, maxY] as const;
  });
  return (row, col) => {
    if (boundary.has(row * 100_000 + col)) return true;
    const x = 100 + (col + 0.5) / cols, y = (row + 0.5) / rows;
    return polygons.some((polygon, i) => {
      const [x0, y0, x1, y1] = boxes[i]!;
      return x >= x0 && x <= x1 && y >= y0 && y <= y1 && locateInGeometry(x, y, polygon.geometry) !== 'outside';
    });
  };
}
