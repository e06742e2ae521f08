// npm run bench: performance figures, each against a baseline measured in the same run.
// Timings vary with the machine and its load; compare the ratios, and the goals from the issues.
import Papa from 'papaparse';
import { bbox, booleanPointInPolygon, randomPoint, voronoi } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Polygon } from 'geojson';
import { makeLargeCsv } from './make-large-csv';
import { importCsv } from '../src/lib/io/csv';
import { countPointsInPolygons, locatorFor, positionsOf } from '../src/lib/geo/count-points-in-polygons';
import { aggregatePointsInPolygons } from '../src/lib/geo/aggregate';
import { locateInGeometry } from '../src/lib/geo/point-in-polygon';
import type { AnyFeatureCollection } from '../src/lib/geo/types';
import { tableFromFeatures } from '../src/lib/table/geojson-table';
import { pointCoordinates } from '../src/lib/table/layer-table';

/** Best of `runs` timings in ms (the first run also warms the JIT). */
function time(runs: number, action: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    action();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** One result: time, speed relative to the section's first baseline (>1 = faster), and the goal if any. */
const row = (label: string, ms: number, baselineMs: number, goalMs?: number) =>
  console.log(
    `${label.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms   ${(baselineMs / ms).toFixed(baselineMs / ms >= 10 ? 0 : 2).padStart(5)}× baseline speed` +
      (goalMs ? `   goal < ${goalMs} ms: ${ms <= goalMs ? 'met' : 'NOT met'}` : ''),
  );

const ROWS = 1_000_000;
console.log(`CSV import: ${ROWS.toLocaleString()} rows of lon/lat points (${process.version}, ${process.arch})`);
const bytes = makeLargeCsv(ROWS);
const text = new TextDecoder().decode(bytes);
const papaMs = time(3, () => Papa.parse(text, { header: false, skipEmptyLines: 'greedy' }));
row('baseline: papaparse, parse only (no decode/points)', papaMs, papaMs);
row('chizu-dojo importCsv: bytes → columnar table', time(3, () => importCsv(bytes, 'large.csv')), papaMs, 1500);

console.log('\nCount points per polygon: 1,000,000 points into 3,000 Voronoi polygons over Tsukuba');
const extent: [number, number, number, number] = [139.99, 35.94, 140.18, 36.24];
const polygons = voronoi(randomPoint(3000, { bbox: extent }), { bbox: extent }) as unknown as AnyFeatureCollection;
const random = (() => {
  let a = 42;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
})();
const points: AnyFeatureCollection = {
  type: 'FeatureCollection',
  features: Array.from({ length: 1_000_000 }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [extent[0] + random() * (extent[2] - extent[0]), extent[1] + random() * (extent[3] - extent[1])] } })),
};
const geometries = polygons.features.map((f) => f.geometry as Polygon);
// The app's working model: the same layers as columnar tables (the CSV importer makes them directly).
const pointTable = tableFromFeatures(points.features), polygonTable = tableFromFeatures(polygons.features);

// Baseline 1: turf's booleanPointInPolygon over every polygon. Too slow for all points: 2,000 are
// timed and the figure scaled to 1M (printed as such).
const sample = points.features.slice(0, 2000);
const turfSampleMs = time(1, () => {
  for (const p of sample) geometries.findIndex((g) => booleanPointInPolygon(p.geometry as never, g));
});
const turfMs = (turfSampleMs * points.features.length) / sample.length;
row('baseline: plain turf loop (2k points timed, ×500)', turfMs, turfMs);

// Baseline 2: a Flatbush index of polygon boxes, then the exact test on each candidate (first n points).
function countWithFlatbush(n: number): void {
  const index = new Flatbush(geometries.length);
  for (const g of geometries) {
    const [minX, minY, maxX, maxY] = bbox(g);
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  for (let i = 0; i < n; i++) {
    const [x, y] = (points.features[i]!.geometry as GeoJSON.Point).coordinates as [number, number];
    index.search(x, y, x, y).sort((a, b) => a - b).find((j) => locateInGeometry(x, y, geometries[j]!) !== 'outside');
  }
}
const flatbushMs = time(1, () => countWithFlatbush(points.features.length));
row('baseline: Flatbush index + exact test', flatbushMs, turfMs);
row('chizu-dojo countPointsInPolygons (index included)', time(3, () => countPointsInPolygons(pointTable, polygonTable)), turfMs, 400);
// What the worker does when counting again (e.g. with another filter): the index and the point
// positions were kept from the first count.
const prepared = { locator: locatorFor(polygonTable), positions: positionsOf(pointTable) };
row('chizu-dojo re-count, index and positions kept (worker cache)', time(3, () => aggregatePointsInPolygons(pointTable, polygonTable, { op: 'count' }, [], prepared)), turfMs, 150);

// The kernel against the Flatbush baseline at every size the end-to-end benchmark uses: the index is
// built once per count (a first count), so its cost weighs most on small layers.
console.log('\nFirst count at each size (index included), 3,000 polygons: chizu-dojo vs Flatbush + exact test');
for (const n of [10_000, 100_000, 300_000, 1_000_000]) {
  const subset = tableFromFeatures(points.features.slice(0, n));
  const flatbush = time(3, () => countWithFlatbush(n));
  row(`${n.toLocaleString().padStart(9)} points: chizu-dojo (Flatbush ${flatbush.toFixed(0)} ms)`, time(3, () => countPointsInPolygons(subset, polygonTable)), flatbush);
}

// --- Grid squares (issue 15): 1M points counted per standard grid square ---------------------------
{
  const { countPointsByMesh, meshCode } = await import('../src/lib/geo/mesh');
  console.log('\nGrid squares (地域メッシュ, JIS X 0410): the same 1,000,000 points counted per 500 m square');
  const xy = pointCoordinates(pointTable);
  // Baseline: a code string per point (meshCode) counted in a Map, as a straightforward port would.
  const naiveMs = time(3, () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < xy.length; i += 2) {
      const code = meshCode(xy[i]!, xy[i + 1]!, '500m');
      if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  });
  row('baseline: a code string per point, counted in a Map', naiveMs, naiveMs);
  let squares = 0;
  row('chizu-dojo countPointsByMesh (numeric cells, squares made)', time(3, () => (squares = countPointsByMesh(xy, '500m').squares.length)), naiveMs, 300);
  console.log(`  occupied 500 m squares: ${squares.toLocaleString()}`);
}

// --- Density surface (issue 15): kernel density of 1M points on a 500 × 500 grid ----------------------
{
  const { kernelDensity, metresPerDegree, quarticKernel } = await import('../src/lib/geo/density');
  const xy = pointCoordinates(pointTable);
  const bandwidthM = 500;
  const probe = kernelDensity(xy, bandwidthM, { cellM: 1, maxCells: 250_000 });
  console.log(`\nDensity surface (quartic kernel, bandwidth ${bandwidthM} m): the same 1,000,000 points on a ${probe.cols} × ${probe.rows} grid of ${probe.cellM.toFixed(0)} m cells`);
  // Baseline: each point adds the kernel, at its exact distance, to every cell within the bandwidth.
  const naiveMs = time(1, () => {
    const values = new Float64Array(probe.cols * probe.rows);
    const scale = metresPerDegree((probe.south + probe.rows * probe.cellLat / 2));
    const reach = Math.ceil(bandwidthM / probe.cellM);
    for (let i = 0; i < xy.length; i += 2) {
      const fx = (xy[i]! - probe.west) / probe.cellLon, fy = (xy[i + 1]! - probe.south) / probe.cellLat;
      const col = Math.floor(fx), row = Math.floor(fy);
      for (let r = Math.max(0, row - reach); r <= Math.min(probe.rows - 1, row + reach); r++) {
        for (let c = Math.max(0, col - reach); c <= Math.min(probe.cols - 1, col + reach); c++) {
          const dx = (c + 0.5 - fx) * probe.cellLon * scale.lon, dy = (r + 0.5 - fy) * probe.cellLat * scale.lat;
          values[r * probe.cols + c]! += quarticKernel(dx * dx + dy * dy, bandwidthM) * 1e6;
        }
      }
    }
  });
  row('baseline: each point adds the kernel to its cells', naiveMs, naiveMs);
  // Exact since issue 27 (each point at its own distance; the binned version was 35 ms but up to 31 % off).
  row('chizu-dojo kernelDensity, this fine grid (exact)', time(3, () => kernelDensity(xy, bandwidthM, { cellM: 1, maxCells: 250_000 })), naiveMs);
  const standard = kernelDensity(xy, bandwidthM);
  row(`chizu-dojo kernelDensity, the app's cells (${standard.cellM.toFixed(0)} m = bandwidth/4)`, time(3, () => kernelDensity(xy, bandwidthM)), naiveMs, 500);
}

// --- Hot spots (issue 15): Gi* on 10,000 areas ------------------------------------------------------
{
  const { getisOrdGiStar, touchingNeighbours } = await import('../src/lib/geo/hot-spots');
  console.log('\nHot spots (Getis-Ord Gi*): 10,000 areas (a 100 × 100 grid of squares), neighbours by touching');
  const size = 100;
  const rings = Array.from({ length: size * size }, (_, i) => {
    const x = i % size, y = Math.floor(i / size);
    return [x, y, x + 1, y, x + 1, y + 1, x, y + 1, x, y];
  });
  const values = rings.map((_, i) => ((i * 7919) % 101) + (i % size < 20 && i < 20 * size ? 60 : 0));
  // Baseline: neighbours by comparing every pair of areas' boxes (what a first version would do), then Gi*.
  const pairsMs = time(1, () => {
    const boxes = rings.map((r) => [Math.min(r[0]!, r[4]!), Math.min(r[1]!, r[5]!), Math.max(r[0]!, r[4]!), Math.max(r[1]!, r[5]!)]);
    const neighbours = boxes.map((a, i) => boxes.flatMap((b, j) => (i !== j && a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]! ? [j] : [])));
    getisOrdGiStar(values, neighbours);
  });
  row('baseline: neighbours by comparing every pair of boxes', pairsMs, pairsMs);
  row('chizu-dojo touchingNeighbours + getisOrdGiStar', time(3, () => getisOrdGiStar(values, touchingNeighbours(rings))), pairsMs, 200);
}

// --- Tables as staff keep them (issue 12): address matching, the dictionary, Excel -------------------
{
  const { readFileSync } = await import('node:fs');
  const { gunzipSync } = await import('fflate');
  const { readShippedDictionary } = await import('../src/lib/address/dictionary');
  const { matchAddress } = await import('../src/lib/address/match');
  const { importExcel } = await import('../src/lib/io/excel');
  const XLSX = await import('@e965/xlsx');

  console.log('\nAddress dictionary: all of Japan (Geolonia town-level data, 277,676 rows, 3.7 MB gzipped)');
  const gzipped = new Uint8Array(readFileSync(new URL('../public/address-dictionary/japan-towns-geolonia.csv.gz', import.meta.url)));
  const csv = gunzipSync(gzipped);
  const csvText = new TextDecoder().decode(csv);
  const parseMs = time(3, () => Papa.parse(csvText, { header: false }));
  row('baseline: papaparse, parse only (no index)', parseMs, parseMs);
  let dictionary = readShippedDictionary(gzipped);
  row('chizu-dojo: gunzip + read + index', time(3, () => (dictionary = readShippedDictionary(gzipped))), parseMs, 1000);

  // Ground truth: 114 real evacuation sites with their surveyed points. The baseline is the naive
  // prefix match of 都道府県+市区町村+町字 as written in the dictionary (no normalisation).
  const sites = JSON.parse(readFileSync(new URL('../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8')).features as {
    geometry: { coordinates: [number, number] };
    properties: Record<string, string>;
  }[];
  const rows = csvText.trim().split('\n').slice(1).map((line) => line.split(','));
  const naiveKeys = rows.filter((r) => r[4]).map((r) => ({ key: `${r[0]}${r[1]}${r[2]}`, lat: Number(r[4]), lon: Number(r[5]) })).sort((a, b) => b.key.length - a.key.length);
  const naiveIndex = new Map(naiveKeys.map((k) => [k.key, k]));
  const naiveMatch = (address: string) => {
    for (let n = Math.min(address.length, 40); n > 4; n--) {
      const hit = naiveIndex.get(address.slice(0, n));
      if (hit) return hit;
    }
    return null;
  };
  const metres = ([lon1, lat1]: number[], [lon2, lat2]: number[]) => {
    const r = Math.PI / 180;
    const a = Math.sin(((lat2! - lat1!) * r) / 2) ** 2 + Math.cos(lat1! * r) * Math.cos(lat2! * r) * Math.sin(((lon2! - lon1!) * r) / 2) ** 2;
    return 2 * 6371000 * Math.asin(Math.sqrt(a));
  };
  const quality = (place: (address: string) => { lat: number; lon: number } | null) => {
    const distances = sites.flatMap((s) => {
      const hit = place(s.properties['住所']!);
      return hit && hit.lat === hit.lat ? [metres([hit.lon, hit.lat], s.geometry.coordinates)] : [];
    });
    distances.sort((a, b) => a - b);
    return `${distances.length} of ${sites.length} placed, median ${distances[Math.floor(distances.length / 2)]!.toFixed(0)} m, p90 ${distances[Math.floor(distances.length * 0.9)]!.toFixed(0)} m`;
  };
  console.log(`  114 real addresses, naive prefix match: ${quality(naiveMatch)}`);
  console.log(`  114 real addresses, chizu-dojo (town level): ${quality((a) => {
    const m = matchAddress(dictionary, a);
    return m.level === 'town' ? m : null;
  })}`);

  // 5,000 real sites from 45 prefectures, each address as its municipality wrote it (国土地理院 指定緊急避難場所,
  // tests/fixtures/in/address/dev-sites-gsi.csv): share matched at town level, share within 1 km of the
  // surveyed point, distance median / p90.
  const devSites = readFileSync(new URL('../tests/fixtures/in/address/dev-sites-gsi.csv', import.meta.url), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
  const national = (place: (address: string) => { lat: number; lon: number; town: boolean } | null) => {
    let town = 0;
    const distances = devSites.map(([, address, lat, lon]) => {
      const hit = place(address!);
      if (hit?.town) town++;
      return hit && hit.lat === hit.lat ? metres([hit.lon, hit.lat], [Number(lon), Number(lat)]) : Infinity;
    });
    distances.sort((a, b) => a - b);
    const share = (n: number) => `${((n / devSites.length) * 100).toFixed(1)} %`;
    return `town level ${share(town)}, within 1 km ${share(distances.filter((d) => d <= 1000).length)}, median ${distances[Math.floor(distances.length / 2)]!.toFixed(0)} m, p90 ${distances[Math.floor(distances.length * 0.9)]!.toFixed(0)} m`;
  };
  console.log(`\nAddress matching: ${devSites.length.toLocaleString()} real sites from 45 prefectures (goals: town level ≥ 97 %, within 1 km ≥ 80 %)`);
  console.log(`  baseline, naive prefix match: ${national((a) => {
    const hit = naiveMatch(a);
    return hit && { ...hit, town: true };
  })}`);
  console.log(`  chizu-dojo:                   ${national((a) => {
    const m = matchAddress(dictionary, a);
    return { lat: m.lat, lon: m.lon, town: m.level === 'town' };
  })}`);
  const devMs = time(3, () => devSites.forEach(([, address]) => matchAddress(dictionary, address!)));
  row(`chizu-dojo matchAddress, ${devSites.length.toLocaleString()} national addresses`, devMs, time(3, () => devSites.forEach(([, address]) => naiveMatch(address!))));

  // 100k addresses as tables write them: towns from all over Japan with 番地 in several forms.
  const forms = [(t: string, i: number) => `${t}${1 + (i % 30)}-${1 + (i % 7)}`, (t: string, i: number) => `${t}${1 + (i % 30)}番地${1 + (i % 9)}`, (t: string, i: number) => `${t.normalize('NFKC').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}　${i % 100}`];
  const addresses = Array.from({ length: 100_000 }, (_, i) => {
    const r = rows[(i * 7919) % rows.length]!;
    return forms[i % forms.length]!(`${i % 4 === 0 ? '' : r[0]}${r[1]}${r[2]}`, i);
  });
  console.log('\nAddress matching: 100,000 addresses from all over Japan');
  const naiveMs = time(3, () => addresses.forEach(naiveMatch));
  row('baseline: naive prefix match (no normalisation)', naiveMs, naiveMs);
  let townLevel = 0;
  row('chizu-dojo matchAddress', time(3, () => (townLevel = addresses.filter((a) => matchAddress(dictionary, a).level === 'town').length)), naiveMs, 2000);
  console.log(`  matched at town level: ${townLevel.toLocaleString()} of 100,000 (naive: ${addresses.filter((a) => naiveMatch(a)).length.toLocaleString()})`);

  // The same 100k addresses kept in three columns (都道府県, 市区町村, 町字 + 番地), as police open data keeps them.
  const { matchTableAddresses } = await import('../src/lib/address/match-table');
  const { makeTable, textColumn } = await import('../src/lib/table/layer-table');
  const partsOf = (i: number) => {
    const r = rows[(i * 7919) % rows.length]!;
    return [r[0]!, r[1]!, `${r[2]}${1 + (i % 30)}-${1 + (i % 7)}`];
  };
  const parts = Array.from({ length: 100_000 }, (_, i) => partsOf(i));
  const threeColumns = makeTable(['都道府県', '市区町村', '町丁目'].map((name, c) => textColumn(name, parts.map((p) => p[c]!))), { layout: 'none' }, parts.length);
  const oneColumn = makeTable([textColumn('住所', parts.map((p) => p.join('')))], { layout: 'none' }, parts.length);
  console.log('\nAddress matching: 100,000 addresses in three columns (都道府県 + 市区町村 + 町丁目)');
  const oneMs = time(3, () => matchTableAddresses(dictionary, oneColumn, '住所'));
  row('baseline: the same addresses in one column', oneMs, oneMs);
  let multi = 0;
  row('chizu-dojo: three columns joined in order', time(3, () => (multi = matchTableAddresses(dictionary, threeColumns, ['都道府県', '市区町村', '町丁目']).report.town)), oneMs, 2000);
  console.log(`  matched at town level: ${multi.toLocaleString()} of 100,000`);

  // A 街区レベル位置参照情報 file the size of one prefecture's (MLIT: about 400,000 blocks for 東京都), in its
  // layout and encoding (Shift_JIS, every field quoted): the blocks are generated on 東京都's real towns.
  const { readAddressDictionary } = await import('../src/lib/address/dictionary');
  const iconv = (await import('iconv-lite')).default;
  const tokyo = rows.filter((r) => r[0] === '東京都' && r[4]);
  const gaikuLines = ['"都道府県名","市区町村名","大字・丁目名","小字・通称名","街区符号・地番","座標系番号","Ｘ座標","Ｙ座標","緯度","経度","住居表示フラグ","代表フラグ","更新前履歴フラグ","更新後履歴フラグ"'];
  for (let i = 0; gaikuLines.length <= 400_000; i++) {
    const t = tokyo[i % tokyo.length]!, block = 1 + Math.floor(i / tokyo.length);
    gaikuLines.push(`"${t[0]}","${t[1]}","${t[2]}","","${block}","9","0.0","0.0","${(Number(t[4]) + block * 1e-4).toFixed(6)}","${t[5]}","1","0","0","0"`);
  }
  const gaiku = new Uint8Array(iconv.encode(gaikuLines.join('\r\n'), 'cp932'));
  console.log(`\n街区 dictionary of one prefecture: ${(gaikuLines.length - 1).toLocaleString()} blocks, ${(gaiku.length / 1e6).toFixed(1)} MB Shift_JIS`);
  const gaikuText = iconv.decode(Buffer.from(gaiku), 'cp932');
  const gaikuParseMs = time(2, () => Papa.parse(gaikuText, { header: false }));
  row('baseline: papaparse, parse only (decoded text)', gaikuParseMs, gaikuParseMs);
  row('chizu-dojo: decode + read + group blocks', time(2, () => readAddressDictionary(gaiku, 'gaiku.csv', 'MLIT')), gaikuParseMs, 2000);

  console.log('\nExcel: 100,000 rows × 20 columns (.xlsx written by SheetJS) → table');
  const sheetRows = [Array.from({ length: 20 }, (_, c) => (c === 0 ? '緯度' : c === 1 ? '経度' : `列${c}`))];
  for (let r = 0; r < 100_000; r++) sheetRows.push(Array.from({ length: 20 }, (_, c) => (c === 0 ? 36 + (r % 1000) / 5000 : c === 1 ? 140 + (r % 777) / 5000 : c % 3 === 0 ? `項目${r % 50}` : r * c) as never));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheetRows), 'data');
  const xlsx = new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array', compression: true }));
  console.log(`  file: ${(xlsx.length / 1e6).toFixed(1)} MB`);
  const sheetJsMs = time(2, () => XLSX.read(xlsx, { type: 'array', dense: true }));
  row('baseline: SheetJS read only', sheetJsMs, sheetJsMs);
  let excelMs = Infinity;
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    await importExcel(xlsx, 'bench.xlsx');
    excelMs = Math.min(excelMs, performance.now() - start);
  }
  row('chizu-dojo importExcel: bytes → columnar table', excelMs, sheetJsMs, 3000);
}
