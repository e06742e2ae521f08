import type { Feature, Polygon } from 'geojson';

/**
 * Kernel density of points on a grid in ground units, so the picture does not change with zoom (MapLibre's
 * heatmap measures its radius in screen pixels). Quartic (biweight) kernel, as QGIS's heatmap and ArcGIS's
 * Kernel Density use: K(d) = 3 / (π h²) · (1 − d² / h²)² for d < h, 0 beyond, whose integral is 1, so
 * the surface integrates to the number of points. Values are points per km².
 *
 * The points are first counted per cell, then each occupied cell spreads its count over the cells within
 * the bandwidth (one precomputed stencil): the cost is occupied cells × stencil cells, not points × cells.
 * Each point is taken at its cell's centre, which moves it at most half a cell (the grid is at least four
 * cells per bandwidth).
 */
export interface DensityGrid {
  /** South-west corner of the grid in degrees. */
  west: number;
  south: number;
  /** Size of a cell in degrees (its ground size is `cellM` metres both ways). */
  cellLon: number;
  cellLat: number;
  cellM: number;
  cols: number;
  rows: number;
  /** Points per km², row by row from the south (rows × cols). */
  values: Float64Array;
  /** Points with coordinates that took part. */
  points: number;
}

export interface DensityOptions {
  /** Cell size in metres; default a quarter of the bandwidth, enlarged to keep within `maxCells`. */
  cellM?: number;
  maxCells?: number;
}

/** Metres per degree of latitude and of longitude at a latitude (WGS 84 / GRS80, series to cos 4φ). */
export function metresPerDegree(latDeg: number): { lat: number; lon: number } {
  const φ = (latDeg * Math.PI) / 180;
  return {
    lat: 111132.954 - 559.822 * Math.cos(2 * φ) + 1.175 * Math.cos(4 * φ),
    lon: 111412.84 * Math.cos(φ) - 93.5 * Math.cos(3 * φ) + 0.118 * Math.cos(5 * φ),
  };
}

/** The quartic kernel's weight at distance² `d2` for bandwidth `h` (metres), per m². */
export const quarticKernel = (d2: number, h: number) => (d2 >= h * h ? 0 : (3 / (Math.PI * h * h)) * (1 - d2 / (h * h)) ** 2);

/** Kernel density of a flat lon/lat array (NaN pairs skipped) with bandwidth `bandwidthM` metres. */
export function kernelDensity(xy: Float64Array, bandwidthM: number, options: DensityOptions = {}): DensityGrid {
  if (!(bandwidthM > 0)) throw new RangeError('bandwidth must be positive');
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity, points = 0;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i]!, y = xy[i + 1]!;
    if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
    points++;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  const maxCells = options.maxCells ?? 250_000;
  if (points === 0) return { west: 0, south: 0, cellLon: 0, cellLat: 0, cellM: 0, cols: 0, rows: 0, values: new Float64Array(0), points };
  // Degrees to metres at the points' middle latitude: over a city the error is well under 1 %.
  const scale = metresPerDegree((south + north) / 2);
  const widthM = (east - west) * scale.lon + 2 * bandwidthM, heightM = (north - south) * scale.lat + 2 * bandwidthM;
  let cellM = options.cellM ?? bandwidthM / 4;
  if ((widthM / cellM) * (heightM / cellM) > maxCells) cellM = Math.sqrt((widthM * heightM) / maxCells);
  // Odd counts put the middle of the points' extent at a cell's centre (one point: exactly the kernel's peak).
  const odd = (lengthM: number) => 2 * Math.ceil(lengthM / cellM / 2) + 1;
  while (odd(widthM) * odd(heightM) > maxCells) cellM *= 1.01;
  const cols = odd(widthM), rows = odd(heightM);
  const cellLon = cellM / scale.lon, cellLat = cellM / scale.lat;
  // The grid is centred on the points' extent, with a bandwidth's margin all round.
  const gridWest = (west + east) / 2 - (cols * cellLon) / 2, gridSouth = (south + north) / 2 - (rows * cellLat) / 2;

  const counts = new Float64Array(cols * rows);
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i]!, y = xy[i + 1]!;
    if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
    const col = Math.min(cols - 1, Math.floor((x - gridWest) / cellLon)), row = Math.min(rows - 1, Math.floor((y - gridSouth) / cellLat));
    counts[row * cols + col]!++;
  }

  // The stencil: the kernel at each cell offset within the bandwidth, per km², as rows of weights.
  const reach = Math.floor(bandwidthM / cellM);
  const width = 2 * reach + 1;
  const stencil = new Float64Array(width * width);
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) stencil[(dy + reach) * width + dx + reach] = quarticKernel((dx * dx + dy * dy) * cellM * cellM, bandwidthM) * 1e6;
  }

  // Per stencil row, how far either side of the middle its weights are not 0.
  const halfWidths = Int32Array.from({ length: width }, (_, i) => {
    let half = reach;
    while (half > 0 && stencil[i * width + reach + half] === 0) half--;
    return half;
  });

  const values = new Float64Array(cols * rows);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const count = counts[row * cols + col]!;
      if (count === 0) continue;
      const r0 = Math.max(0, row - reach), r1 = Math.min(rows - 1, row + reach);
      const c0 = Math.max(0, col - reach), c1 = Math.min(cols - 1, col + reach);
      for (let r = r0; r <= r1; r++) {
        // Only the part of the stencil's row inside the circle: a quarter of the square is zeros.
        const half = halfWidths[r - row + reach]!;
        const out = r * cols, weights = (r - row + reach) * width + reach - col;
        const from = Math.max(c0, col - half), to = Math.min(c1, col + half);
        for (let c = from; c <= to; c++) values[out + c]! += count * stencil[weights + c]!;
      }
    }
  }
  return { west: gridWest, south: gridSouth, cellLon, cellLat, cellM, cols, rows, values, points };
}

/** The column of a density surface: points per km². */
export const DENSITY_FIELD = '密度（件/km²）';
type DensityCell = { [DENSITY_FIELD]: number };

/**
 * The grid's cells whose density is at least `minimum` as square polygons with their value, to draw as a
 * classed surface (cells where no point reaches are left out: the surface is 0 there).
 */
export function densityCells(grid: DensityGrid, minimum = 1e-9): Feature<Polygon, DensityCell>[] {
  const cells: Feature<Polygon, DensityCell>[] = [];
  for (let row = 0; row < grid.rows; row++) {
    for (let col = 0; col < grid.cols; col++) {
      const value = grid.values[row * grid.cols + col]!;
      if (!(value >= minimum)) continue;
      const w = grid.west + col * grid.cellLon, s = grid.south + row * grid.cellLat, e = w + grid.cellLon, n = s + grid.cellLat;
      // Rounded like a published surface: 3 significant digits are all a kernel estimate holds.
      const rounded = Number(value.toPrecision(3));
      cells.push({ type: 'Feature', properties: { [DENSITY_FIELD]: rounded }, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } });
    }
  }
  return cells;
}
