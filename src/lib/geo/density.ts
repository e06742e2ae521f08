import type { Feature, Polygon } from 'geojson';

/**
 * Kernel density of points on a grid in ground units, so the picture does not change with zoom (MapLibre's
 * heatmap measures its radius in screen pixels). Quartic (biweight) kernel, as QGIS's heatmap and ArcGIS's
 * Kernel Density use: K(d) = 3 / (π h²) · (1 − d² / h²)² for d < h, 0 beyond, whose integral is 1, so
 * the surface integrates to the number of points. Values are points per km².
 *
 * Each cell's value is the kernel summed at the cell's centre over every point within the bandwidth, each
 * at its exact distance (as QGIS's heatmap computes it): the cost is points × cells within the bandwidth
 * (about 50 cells a point at the default quarter-bandwidth cells).
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

  // Each point adds the kernel at its exact distance to every cell centre within the bandwidth, the
  // distance in metres of the ellipsoid at the point's own latitude (a single plane for the whole city would
  // be off by a few tenths of a percent at its north and south ends). An earlier version counted points per
  // cell and spread each count from the cell's centre: fast, but 5 % off in the median and up to 31 % (issue 27).
  const values = new Float64Array(cols * rows);
  const h2 = bandwidthM * bandwidthM, norm = (3 / (Math.PI * h2)) * 1e6;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i]!, y = xy[i + 1]!;
    if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
    const here = metresPerDegree(y);
    // The point in cell units from the grid's corner, and a cell's size in metres here.
    const fx = (x - gridWest) / cellLon, fy = (y - gridSouth) / cellLat;
    const cellX = cellLon * here.lon, cellY = cellLat * here.lat;
    const r0 = Math.max(0, Math.ceil(fy - bandwidthM / cellY - 0.5)), r1 = Math.min(rows - 1, Math.floor(fy + bandwidthM / cellY - 0.5));
    for (let r = r0; r <= r1; r++) {
      const dy = (r + 0.5 - fy) * cellY;
      const rest = h2 - dy * dy;
      if (rest <= 0) continue;
      // The cells of this row inside the circle: |dx| < sqrt(h² − dy²).
      const half = Math.sqrt(rest) / cellX;
      const c0 = Math.max(0, Math.ceil(fx - half - 0.5)), c1 = Math.min(cols - 1, Math.floor(fx + half - 0.5));
      const out = r * cols;
      for (let c = c0; c <= c1; c++) {
        const dx = (c + 0.5 - fx) * cellX;
        const u = 1 - (dx * dx + dy * dy) / h2;
        if (u > 0) values[out + c]! += norm * u * u;
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
