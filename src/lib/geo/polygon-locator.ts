import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Location } from './point-in-polygon';

/**
 * Finds which polygon of a layer a point lies in, fast enough for a million points.
 *
 * A uniform grid covers the layer. Each cell is either
 * - plain: no polygon edge passes through it, so every point in it has the same answer, found once
 *   by a scanline through the cell centres (the owner, or outside); or
 * - a boundary cell: the exact test runs on the few polygons whose edges touch it (or that contain it).
 * The exact test walks only the edges of the point's horizontal band of each ring (rings are cut into
 * bands by y), with the same arithmetic as locateInRing, so answers are identical to the plain test.
 */
export class PolygonLocator {
  readonly #polygons: PreparedPolygon[];
  readonly #minX: number;
  readonly #minY: number;
  readonly #cellW: number;
  readonly #cellH: number;
  readonly #cols: number;
  readonly #rows: number;
  /** Per cell: owner polygon (≥ 0), OUTSIDE, or BOUNDARY. */
  readonly #cells: Int32Array;
  /** Boundary cells' candidate polygons, ascending: candidates[start[c] … start[c + 1]). */
  readonly #start: Int32Array;
  readonly #candidates: Int32Array;

  /**
   * @param pointCount how many points will be located (about): a grid finer than a few cells per point
   *   costs more to build than it saves (measured: 10k points into 3,000 polygons took 114 ms with the
   *   full grid, against 14 ms for a Flatbush box index).
   */
  constructor(geometries: readonly (Polygon | MultiPolygon | null)[], pointCount = Infinity) {
    this.#polygons = geometries.map((g) => preparePolygon(g));
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, edges = 0;
    for (const p of this.#polygons) {
      if (p.edgeCount === 0) continue;
      minX = Math.min(minX, p.minX), minY = Math.min(minY, p.minY), maxX = Math.max(maxX, p.maxX), maxY = Math.max(maxY, p.maxY);
      edges += p.edgeCount;
    }
    if (edges === 0) {
      this.#minX = this.#minY = 0, this.#cellW = this.#cellH = 1, this.#cols = this.#rows = 1;
      this.#cells = new Int32Array([OUTSIDE]);
      this.#start = new Int32Array(2);
      this.#candidates = new Int32Array(0);
      return;
    }
    // About 32 cells per edge (bounded to 4M cells, 16 MB), in the layer's aspect ratio: then most
    // points fall in plain cells, where the answer is one array read.
    const width = Math.max(maxX - minX, 1e-9), height = Math.max(maxY - minY, 1e-9);
    const cellCount = Math.min(1 << 22, Math.max(4096, Math.min(edges * CELLS_PER_EDGE, pointCount * CELLS_PER_POINT)));
    const cellSize = Math.sqrt((width * height) / cellCount);
    this.#cols = Math.max(1, Math.ceil(width / cellSize));
    this.#rows = Math.max(1, Math.ceil(height / cellSize));
    this.#minX = minX, this.#minY = minY;
    this.#cellW = width / this.#cols, this.#cellH = height / this.#rows;
    this.#cells = new Int32Array(this.#cols * this.#rows).fill(OUTSIDE);

    // 1. Cells that edges pass through are boundary cells. Row by row, the part of the edge inside the
    //    row spans a range of columns (a conservative line raster: an edge's bounding box would mark
    //    whole blocks for long diagonal edges and send half the points to the slow path).
    const pairs = new PairList(); // (cell, polygon) pairs in typed arrays: no garbage per pair
    this.#polygons.forEach((p, polygon) => {
      for (const ring of p.rings) {
        const c = ring.coords;
        for (let i = 0; i + 3 < c.length; i += 2) {
          const x0 = c[i]!, y0 = c[i + 1]!, x1 = c[i + 2]!, y1 = c[i + 3]!;
          // Widened by a hair (far above rounding error, far below a cell) so that no touched cell is missed.
          const eps = 1e-9 * (Math.abs(x0) + Math.abs(y0) + 1);
          const r0 = this.#row(Math.min(y0, y1) - eps), r1 = this.#row(Math.max(y0, y1) + eps);
          for (let r = r0; r <= r1; r++) {
            // The edge's x at the row's bottom and top (clipped to the edge's own y range); no closure
            // here: this loop runs once per edge and row.
            const yBottom = Math.max(Math.min(y0, y1), this.#minY + r * this.#cellH);
            const yTop = Math.min(Math.max(y0, y1), this.#minY + (r + 1) * this.#cellH);
            const slope = y1 === y0 ? 0 : (x1 - x0) / (y1 - y0);
            const xa = y1 === y0 ? Math.min(x0, x1) : x0 + (yBottom - y0) * slope;
            const xb = y1 === y0 ? Math.max(x0, x1) : x0 + (yTop - y0) * slope;
            const c0 = this.#col(Math.min(xa, xb) - eps), c1 = this.#col(Math.max(xa, xb) + eps);
            for (let col = c0; col <= c1; col++) {
              const cell = r * this.#cols + col;
              this.#cells[cell] = BOUNDARY;
              pairs.add(cell, polygon);
            }
          }
        }
      }
    });
    // 2. A scanline through each row of cell centres fills plain cells with their owner; a boundary
    //    cell whose centre is inside a polygon gets it as a candidate (overlapping polygons).
    this.#polygons.forEach((p, polygon) => {
      if (p.edgeCount === 0) return;
      const r0 = this.#row(p.minY), r1 = this.#row(p.maxY);
      for (let r = r0; r <= r1; r++) {
        const y = this.#minY + (r + 0.5) * this.#cellH;
        const xs = crossingsAt(p, y);
        for (let k = 0; k + 1 < xs.length; k += 2) {
          const from = Math.max(0, Math.ceil((xs[k]! - this.#minX) / this.#cellW - 0.5));
          const to = Math.min(this.#cols - 1, Math.floor((xs[k + 1]! - this.#minX) / this.#cellW - 0.5));
          for (let col = from; col <= to; col++) {
            const cell = r * this.#cols + col;
            const value = this.#cells[cell]!;
            if (value === BOUNDARY) pairs.add(cell, polygon);
            else if (value === OUTSIDE || polygon < value) this.#cells[cell] = polygon;
          }
        }
      }
    });
    // 3. Candidate lists per boundary cell, ascending and without repeats, as compressed rows
    //    (a counting sort by cell: pairs already come in ascending polygon order per pass).
    const pairCount = pairs.length;
    const pairCells = pairs.cells, pairPolygons = pairs.polygons;
    const start = new Int32Array(this.#cells.length + 1);
    for (let k = 0; k < pairCount; k++) start[pairCells[k]! + 1]!++;
    for (let c = 0; c < this.#cells.length; c++) start[c + 1]! += start[c]!;
    const sorted = new Int32Array(pairCount);
    const fill = start.slice(0, this.#cells.length);
    for (let k = 0; k < pairCount; k++) sorted[fill[pairCells[k]!]!++] = pairPolygons[k]!;
    this.#start = new Int32Array(this.#cells.length + 1);
    const candidates: number[] = [];
    for (let c = 0; c < this.#cells.length; c++) {
      const from = start[c]!, to = start[c + 1]!;
      if (to - from > 1) sorted.subarray(from, to).sort(); // most cells have no list: no view made for them
      for (let k = from; k < to; k++) if (k === from || sorted[k] !== sorted[k - 1]) candidates.push(sorted[k]!);
      this.#start[c + 1] = candidates.length;
    }
    this.#candidates = Int32Array.from(candidates);
  }

  #col(x: number): number {
    return Math.min(this.#cols - 1, Math.max(0, Math.floor((x - this.#minX) / this.#cellW)));
  }

  #row(y: number): number {
    return Math.min(this.#rows - 1, Math.max(0, Math.floor((y - this.#minY) / this.#cellH)));
  }

  /**
   * The polygon a point belongs to by the border rule (inside wins; on a border, the lowest index),
   * or -1; `boundaryHits` is how many polygons have the point on their boundary.
   */
  locate(x: number, y: number): { owner: number; boundaryHits: number } {
    const owner = this.owner(x, y);
    return { owner, boundaryHits: this.boundaryHits };
  }

  /**
   * owner() for many points at once, into `owners`; returns how many points lay on the boundary of two
   * or more polygons. The plain-cell case is inlined: this loop is the hot path of counting.
   */
  ownersOf(xs: Float64Array, ys: Float64Array, owners: Int32Array): number {
    const minX = this.#minX, minY = this.#minY, cellW = this.#cellW, cellH = this.#cellH;
    const cols = this.#cols, rows = this.#rows, cells = this.#cells;
    let shared = 0;
    for (let i = 0; i < xs.length; i++) {
      const gx = (xs[i]! - minX) / cellW, gy = (ys[i]! - minY) / cellH;
      if (gx >= 0 && gy >= 0 && gx < cols && gy < rows) {
        const value = cells[(gy | 0) * cols + (gx | 0)]!;
        if (value !== BOUNDARY) {
          owners[i] = value;
          continue;
        }
      }
      owners[i] = this.owner(xs[i]!, ys[i]!);
      if (this.boundaryHits > 1) shared++;
    }
    return shared;
  }

  /** How many polygons had the last point given to owner() on their boundary. */
  boundaryHits = 0;

  /** locate() without allocating, for hot loops: the owner, and the hit count in `boundaryHits`. */
  owner(x: number, y: number): number {
    this.boundaryHits = 0;
    const gx = (x - this.#minX) / this.#cellW, gy = (y - this.#minY) / this.#cellH;
    // Beyond the grid (and not on its edge) nothing can contain the point.
    if (!(gx >= 0 && gy >= 0 && gx <= this.#cols && gy <= this.#rows)) return -1;
    const cell = Math.min(this.#rows - 1, Math.floor(gy)) * this.#cols + Math.min(this.#cols - 1, Math.floor(gx));
    const value = this.#cells[cell]!;
    if (value !== BOUNDARY) return value; // the owner, or OUTSIDE (-1)
    let owner = -1, hits = 0;
    for (let k = this.#start[cell]!; k < this.#start[cell + 1]!; k++) {
      const polygon = this.#candidates[k]!;
      const location = locatePrepared(x, y, this.#polygons[polygon]!);
      if (location === 'inside') return polygon;
      if (location === 'boundary') {
        if (owner === -1) owner = polygon;
        hits++;
      }
    }
    this.boundaryHits = hits;
    return owner;
  }
}

/** A growable list of (cell, polygon) pairs in two typed arrays. */
class PairList {
  cells = new Int32Array(1 << 16);
  polygons = new Int32Array(1 << 16);
  length = 0;

  add(cell: number, polygon: number): void {
    if (this.length === this.cells.length) {
      const cells = new Int32Array(this.length * 2), polygons = new Int32Array(this.length * 2);
      cells.set(this.cells), polygons.set(this.polygons);
      this.cells = cells, this.polygons = polygons;
    }
    this.cells[this.length] = cell;
    this.polygons[this.length++] = polygon;
  }
}

const OUTSIDE = -1;
const CELLS_PER_EDGE = 32;
const CELLS_PER_POINT = 2;
const BOUNDARY = -2;
const BANDS_PER_RING = 64;

interface PreparedRing {
  /** x0, y0, x1, y1, … as given (closed: last = first). */
  coords: Float64Array;
  minY: number;
  bandH: number;
  /** Edge starts (index of the edge's first x in coords) per band: edges[bandStart[b] … bandStart[b + 1]). */
  bandStart: Int32Array;
  edges: Int32Array;
}

interface PreparedPolygon {
  /** Per part: outer ring first, then holes. */
  parts: PreparedRing[][];
  rings: PreparedRing[];
  edgeCount: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function preparePolygon(geometry: Polygon | MultiPolygon | null): PreparedPolygon {
  const raw = geometry ? (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) : [];
  const parts = raw.map((part) => part.map(prepareRing).filter((r): r is PreparedRing => r !== null)).filter((p) => p.length > 0);
  const rings = parts.flat();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, edgeCount = 0;
  for (const ring of rings) {
    const c = ring.coords;
    for (let i = 0; i < c.length; i += 2) {
      minX = Math.min(minX, c[i]!), maxX = Math.max(maxX, c[i]!);
      minY = Math.min(minY, c[i + 1]!), maxY = Math.max(maxY, c[i + 1]!);
    }
    edgeCount += c.length / 2 - 1;
  }
  return { parts, rings, edgeCount, minX, minY, maxX, maxY };
}

function prepareRing(positions: readonly Position[]): PreparedRing | null {
  if (positions.length < 3) return null;
  const closed = positions[0]![0] === positions.at(-1)![0] && positions[0]![1] === positions.at(-1)![1];
  const n = positions.length + (closed ? 0 : 1);
  const coords = new Float64Array(n * 2);
  positions.forEach((p, i) => ((coords[2 * i] = p[0]!), (coords[2 * i + 1] = p[1]!)));
  if (!closed) (coords[2 * n - 2] = coords[0]!), (coords[2 * n - 1] = coords[1]!);
  let minY = Infinity, maxY = -Infinity;
  for (let i = 1; i < coords.length; i += 2) (minY = Math.min(minY, coords[i]!)), (maxY = Math.max(maxY, coords[i]!));
  const bandH = (maxY - minY) / BANDS_PER_RING || 1;
  // First and last band of each edge, computed once for both passes below.
  const edgeCount = coords.length / 2 - 1;
  const firstBand = new Int32Array(edgeCount), lastBand = new Int32Array(edgeCount);
  const counts = new Int32Array(BANDS_PER_RING + 1);
  for (let e = 0; e < edgeCount; e++) {
    const ya = coords[2 * e + 1]!, yb = coords[2 * e + 3]!;
    firstBand[e] = Math.min(BANDS_PER_RING - 1, Math.max(0, Math.floor((Math.min(ya, yb) - minY) / bandH)));
    lastBand[e] = Math.min(BANDS_PER_RING - 1, Math.max(0, Math.floor((Math.max(ya, yb) - minY) / bandH)));
    for (let b = firstBand[e]!; b <= lastBand[e]!; b++) counts[b + 1]!++;
  }
  for (let b = 0; b < BANDS_PER_RING; b++) counts[b + 1]! += counts[b]!;
  const edges = new Int32Array(counts[BANDS_PER_RING]!);
  const fill = counts.slice(0, BANDS_PER_RING);
  for (let e = 0; e < edgeCount; e++) for (let b = firstBand[e]!; b <= lastBand[e]!; b++) edges[fill[b]!++] = 2 * e;
  return { coords, minY, bandH, bandStart: counts, edges };
}

/** locateInRing's arithmetic over the edges of the point's band only. */
function locateInPreparedRing(x: number, y: number, ring: PreparedRing): Location {
  const band = Math.floor((y - ring.minY) / ring.bandH);
  if (band < 0 || band >= BANDS_PER_RING) {
    // Only the top edge itself can sit exactly at maxY (band = BANDS_PER_RING); check the last band.
    if (band !== BANDS_PER_RING) return 'outside';
  }
  const b = Math.min(band, BANDS_PER_RING - 1);
  const c = ring.coords;
  let inside = false;
  for (let k = ring.bandStart[b]!; k < ring.bandStart[b + 1]!; k++) {
    const i = ring.edges[k]!;
    const xj = c[i]!, yj = c[i + 1]!, xi = c[i + 2]!, yi = c[i + 3]!;
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (cross === 0 && x >= Math.min(xi, xj) && x <= Math.max(xi, xj) && y >= Math.min(yi, yj) && y <= Math.max(yi, yj)) return 'boundary';
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

function locatePrepared(x: number, y: number, polygon: PreparedPolygon): Location {
  if (x < polygon.minX || x > polygon.maxX || y < polygon.minY || y > polygon.maxY) return 'outside';
  let result: Location = 'outside';
  // Index loops, not destructuring: this runs for every point in a boundary cell.
  for (let p = 0; p < polygon.parts.length; p++) {
    const rings = polygon.parts[p]!;
    let location = locateInPreparedRing(x, y, rings[0]!);
    if (location === 'inside') {
      for (let h = 1; h < rings.length; h++) {
        const inHole = locateInPreparedRing(x, y, rings[h]!);
        if (inHole === 'inside') {
          location = 'outside';
          break;
        }
        if (inHole === 'boundary') {
          location = 'boundary';
          break;
        }
      }
    }
    if (location === 'inside') return 'inside';
    if (location === 'boundary') result = 'boundary';
  }
  return result;
}

/** Sorted x positions where the polygon's edges cross the horizontal line y (even-odd pairs = inside). */
function crossingsAt(polygon: PreparedPolygon, y: number): number[] {
  const xs: number[] = [];
  for (const ring of polygon.rings) {
    const band = Math.floor((y - ring.minY) / ring.bandH);
    if (band < 0 || band >= BANDS_PER_RING) continue;
    const c = ring.coords;
    for (let k = ring.bandStart[band]!; k < ring.bandStart[band + 1]!; k++) {
      const i = ring.edges[k]!;
      const x0 = c[i]!, y0 = c[i + 1]!, x1 = c[i + 2]!, y1 = c[i + 3]!;
      if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
    }
  }
  return xs.sort((a, b) => a - b);
}
