import { Delaunay } from 'd3-delaunay';

/**
 * Large polygon and line layers for the benchmarks and the 200k-polygon browser test (seeded, 架空データ):
 * Voronoi cells of random seeds over the box the large point CSV covers (make-large-csv.ts), tiling it
 * without gaps like a city's building blocks or a prefecture's 町丁目, and random-walk lines like a road
 * network. GeoJSON text, as a user's file would be.
 */
const WEST = 140.0, SOUTH = 35.95, EAST = 140.17, NORTH = 36.23;

/** mulberry32: a small seeded generator with a full 2^32 period. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function makeVoronoiGeoJson(cells: number, seed = 20261206): Uint8Array {
  const random = seeded(seed);
  // Cells are made in a local frame of about a metre per unit and then placed: Delaunay in raw degrees
  // (140.0…, steps of 1e-4) lost precision and gave a hundred cells spanning kilometres.
  const scale = 100_000;
  const points = new Float64Array(cells * 2);
  for (let i = 0; i < cells; i++) {
    points[i * 2] = random() * (EAST - WEST) * scale;
    points[i * 2 + 1] = random() * (NORTH - SOUTH) * scale;
  }
  const voronoi = new Delaunay(points).voronoi([0, 0, (EAST - WEST) * scale, (NORTH - SOUTH) * scale]);
  const parts: string[] = ['{"type":"FeatureCollection","features":[\n'];
  for (let i = 0; i < cells; i++) {
    const ring = voronoi.cellPolygon(i);
    if (!ring) continue;
    const coordinates = JSON.stringify([ring.map(([x, y]) => [round(WEST + x! / scale), round(SOUTH + y! / scale)])]);
    const population = Math.floor(random() * 500);
    parts.push(`${i === 0 ? '' : ',\n'}{"type":"Feature","properties":{"KEY_CODE":"${String(i).padStart(9, '0')}","名称":"区域${i + 1}","人口":${population}},"geometry":{"type":"Polygon","coordinates":${coordinates}}}`);
  }
  parts.push('\n]}\n');
  return new TextEncoder().encode(parts.join(''));
}

export function makeLinesGeoJson(lines: number, seed = 20261207): Uint8Array {
  const random = seeded(seed);
  const parts: string[] = ['{"type":"FeatureCollection","features":[\n'];
  for (let i = 0; i < lines; i++) {
    let x = WEST + random() * (EAST - WEST), y = SOUTH + random() * (NORTH - SOUTH);
    const positions: [number, number][] = [[round(x), round(y)]];
    let heading = random() * 2 * Math.PI;
    const steps = 4 + Math.floor(random() * 16);
    for (let s = 0; s < steps; s++) {
      heading += (random() - 0.5) * 0.8;
      x += Math.cos(heading) * 0.0006;
      y += Math.sin(heading) * 0.0005;
      positions.push([round(x), round(y)]);
    }
    parts.push(`${i === 0 ? '' : ',\n'}{"type":"Feature","properties":{"路線番号":"L${i + 1}","幅員":${(3 + random() * 12).toFixed(1)}},"geometry":{"type":"LineString","coordinates":${JSON.stringify(positions)}}}`);
  }
  parts.push('\n]}\n');
  return new TextEncoder().encode(parts.join(''));
}
