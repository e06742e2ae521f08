// Builds public/sample-data from the real files in ../shared/data/tsukuba and a seeded generator.
//   node scripts/make-sample-data.mjs [path/to/shared/data/tsukuba]
// Deterministic: the same inputs give byte-identical outputs, so the files can be committed and checked.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, bbox, featureCollection, intersect, point, union, voronoi } from '@turf/turf';
import Papa from 'papaparse';

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.resolve(process.argv[2] ?? path.join(here, '../../shared/data/tsukuba'));
const outDir = path.join(here, '../public/sample-data');
const readJson = (name) => JSON.parse(fs.readFileSync(path.join(sourceDir, name), 'utf8'));

/** mulberry32: a tiny seeded PRNG, so the fictional data is reproducible. */
function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = makeRandom(20240401);
const pickWeighted = (entries) => {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
};
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const round = (n, digits) => Number(n.toFixed(digits));
const roundCoords = (c) => (typeof c[0] === 'number' ? [round(c[0], 6), round(c[1], 6)] : c.map(roundCoords));

// --- School districts: give each a stable id and a name -------------------------------------------
// A27 has no school names, so a district is named after the one current school (evacuation-site data)
// inside it. Where several schools or none stand inside, the name stays neutral (学区NN) and the
// candidates are listed, because placing a name by guess would teach trainees a wrong map.
const evacuation = readJson('evacuation-sites-gsi.geojson');
const schools = evacuation.features.filter((f) => {
  const name = f.properties['施設・場所名'];
  return /(小学校|義務教育学校)$/.test(name) && !name.startsWith('（旧）');
});
const a27 = readJson('school-districts-a27-2021.geojson');
const districts = {
  type: 'FeatureCollection',
  features: a27.features.map((f, i) => {
    const id = `D${String(i + 1).padStart(2, '0')}`;
    const inside = schools.filter((s) => booleanPointInPolygon(s, f)).map((s) => s.properties['施設・場所名']);
    const name = inside.length === 1 ? `${inside[0]}区` : `学区${String(i + 1).padStart(2, '0')}`;
    return {
      type: 'Feature',
      properties: { 学区ID: id, 学区名: name, 区域内の学校: inside.join('・'), 行政区域コード: f.properties.A27_001 },
      geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) },
    };
  }),
};

// --- Fictional suspicious-person reports (架空データ) ----------------------------------------------
// Density follows population: pick a census 町丁目 point weighted by residents, then scatter ~350 m
// around it; keep the point only if it falls inside a district.
const census = Papa.parse(fs.readFileSync(path.join(sourceDir, 'census-2015-chome-population.csv'), 'utf8').replace(/^\uFEFF/, ''), {
  header: true,
  skipEmptyLines: true,
}).data;
const weightedPlaces = census
  .map((r) => [[Number(r.X_CODE), Number(r.Y_CODE)], Number(r.JINKO)])
  .filter(([, w]) => w > 0);
const metresPerDegLat = 111_320;
const metresPerDegLon = metresPerDegLat * Math.cos((36.08 * Math.PI) / 180);
const inSomeDistrict = (lonLat) => districts.features.some((d) => booleanPointInPolygon(lonLat, d));

const types = [['声かけ', 45], ['つきまとい', 25], ['露出', 10], ['その他', 20]];
const targets = [['小学生', 55], ['中学生', 22], ['高校生', 10], ['一般', 13]];
const hours = [[7, 10], [8, 6], [12, 2], [13, 3], [14, 8], [15, 16], [16, 18], [17, 14], [18, 10], [19, 6], [20, 4], [21, 3]];

/** `count` fictional reports over the fiscal year starting on `start` (UTC ms). */
function makeReports(count, start) {
const rows = [];
while (rows.length < count) {
  const [lon0, lat0] = pickWeighted(weightedPlaces);
  const lon = lon0 + (gaussian() * 350) / metresPerDegLon;
  const lat = lat0 + (gaussian() * 350) / metresPerDegLat;
  if (!inSomeDistrict([lon, lat])) continue;
  // A day of the fiscal year (April to March). A year without 29 February has 365: the last draw is
  // folded onto 31 March (a report dated 1 April of the next year was outside the year its file names).
  const days = Math.round((Date.UTC(new Date(start).getUTCFullYear() + 1, 3, 1) - start) / 86_400_000);
  const day = new Date(start + Math.min(days - 1, Math.floor(random() * 366)) * 86_400_000);
  const hour = pickWeighted(hours);
  const minute = Math.floor(random() * 12) * 5;
  rows.push({
    番号: `R${String(rows.length + 1).padStart(4, '0')}`,
    発生日: day.toISOString().slice(0, 10),
    時刻: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    種別: pickWeighted(types),
    対象: pickWeighted(targets),
    緯度: lat.toFixed(6),
    経度: lon.toFixed(6),
    備考: '架空データ',
  });
}
rows.sort((a, b) => (a.発生日 + a.時刻).localeCompare(b.発生日 + b.時刻));
rows.forEach((r, i) => (r.番号 = `R${String(i + 1).padStart(4, '0')}`));
return rows;
}
const rows = makeReports(420, Date.UTC(2023, 3, 1));

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'tsukuba-school-districts.geojson'), JSON.stringify(districts) + '\n');
// CRLF like a CSV saved from Excel; UTF-8 without BOM (the Shift_JIS case is covered by test fixtures).
fs.writeFileSync(path.join(outDir, 'fictional-suspicious-person-reports.csv'), Papa.unparse(rows, { newline: '\r\n' }) + '\r\n');
// Real files are copied unchanged (writeFileSync, not copyFileSync, so the read-only mode is not copied).
fs.writeFileSync(path.join(outDir, 'tsukuba-evacuation-sites.geojson'), fs.readFileSync(path.join(sourceDir, 'evacuation-sites-gsi.geojson')));
fs.writeFileSync(path.join(outDir, 'tsukuba-census-2015-population.csv'), fs.readFileSync(path.join(sourceDir, 'census-2015-chome-population.csv')));
// The offline base map: the city's outline, dissolved from the districts (no outside tiles on LGWAN).
const city = union(districts);
const cityFeature = { type: 'Feature', properties: { 名称: 'つくば市' }, geometry: { type: city.geometry.type, coordinates: roundCoords(city.geometry.coordinates) } };
fs.writeFileSync(path.join(outDir, 'city-outline.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [cityFeature] }) + '\n');
const [w, s, e, n] = bbox(districts);
// 町丁目 as areas, approximated: the census gives each 町丁目 a representative point only, so each area is
// the part of the city nearer its point than any other (Voronoi), clipped to the city. Real 町丁目
// boundaries (e-Stat 境界データ) are not in ../shared/data; the file says it is an approximation.
const chomePoints = census.filter((r) => Number.isFinite(Number(r.X_CODE)) && Number.isFinite(Number(r.Y_CODE)));
const cells = voronoi(featureCollection(chomePoints.map((r) => point([Number(r.X_CODE), Number(r.Y_CODE)]))), { bbox: [w - 0.05, s - 0.05, e + 0.05, n + 0.05] });
const chome = {
  type: 'FeatureCollection',
  features: chomePoints.flatMap((r, i) => {
    const clipped = cells.features[i] && intersect(featureCollection([cells.features[i], cityFeature]));
    if (!clipped) return [];
    return [{ type: 'Feature', properties: { KEY_CODE: r.KEY_CODE, 名称: r.MOJI, 人口: Number(r.JINKO), 区域: '近似（代表点のボロノイ分割）' }, geometry: { type: clipped.geometry.type, coordinates: roundCoords(clipped.geometry.coordinates) } }];
  }),
};
fs.writeFileSync(path.join(outDir, 'tsukuba-chome-approx.geojson'), JSON.stringify(chome) + '\n');
console.log(`町丁目 (approximate areas): ${chome.features.length} of ${census.length}`);
console.log(`city outline: ${city.geometry.type}, ${JSON.stringify(city.geometry.coordinates).length} chars`);
console.log(`districts: ${districts.features.length}, named: ${districts.features.filter((f) => !f.properties.学区名.startsWith('学区')).length}, bbox ${[w, s, e, n].map((v) => v.toFixed(3)).join(',')}`);
console.log(`reports: ${rows.length} (架空データ)`);

// --- Curriculum data (curricula/*/data) ----------------------------------------------------------
// Each curriculum package carries its own files, so it can be zipped and handed over alone.
const curriculaDir = path.join(here, '../curricula');
const writeData = (level, name, content) => {
  const dir = path.join(curriculaDir, level, 'data');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
};
/** Answer key of a map task: points per district, counted with turf (not the app's own counting code). */
const answerKey = (reports) => {
  const lines = ['key,value'];
  for (const d of districts.features) {
    const n = reports.filter((r) => booleanPointInPolygon([Number(r.経度), Number(r.緯度)], d)).length;
    lines.push(`${d.properties['学区ID']},${n}`);
  }
  return lines.join('\n') + '\n';
};
const districtsText = JSON.stringify(districts) + '\n';
const reportsText = Papa.unparse(rows, { newline: '\r\n' }) + '\r\n';
writeData('level-1', 'tsukuba-school-districts.geojson', districtsText);
writeData('level-1', 'fictional-suspicious-person-reports.csv', reportsText);
writeData('level-1', 'answer-reports-per-district.csv', answerKey(rows));
// The MAUP step counts the same reports per 町丁目 as well (the approximate areas above).
writeData('level-1', 'tsukuba-chome-approx.geojson', JSON.stringify(chome) + '\n');

// Level Ⅱ, ワーク③: another (fictional) year, so the worked example's answer does not pass the task.
const rows2024 = makeReports(300, Date.UTC(2024, 3, 1));
writeData('level-2', 'tsukuba-school-districts.geojson', districtsText);
writeData('level-2', 'fictional-reports-fy2024.csv', Papa.unparse(rows2024, { newline: '\r\n' }) + '\r\n');
writeData('level-2', 'answer-reports-fy2024-per-district.csv', answerKey(rows2024));
// ワーク③'s rates on small numbers need the population per district: the census as shipped.
writeData('level-2', 'tsukuba-census-2015-population.csv', fs.readFileSync(path.join(sourceDir, 'census-2015-chome-population.csv')));

// Level Ⅱ, ワーク②: a table as departments often keep it in Excel, saved as Shift_JIS. Names, addresses
// and locations are the real evacuation sites; 開設日, 収容人数 and 施設コード are fictional (架空).
const fullWidth = (text) => String(text).replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const eras = [['平成', 1988], ['令和', 2018]];
const messy = [['No.', '施設名', '住所', '開設日', '収容人数', '施設コード', '緯度', '経度', '備考']];
const openedOn = new Map();
evacuation.features.slice(0, 20).forEach((f, i) => {
  const year = 1995 + Math.floor(random() * 28);
  const [era, base] = year >= 2019 ? eras[1] : eras[0];
  const capacity = (1 + Math.floor(random() * 30)) * 50;
  const month = 1 + Math.floor(random() * 12);
  const [lon, lat] = f.geometry.coordinates;
  openedOn.set(f.properties['施設・場所名'], `${year}-${String(month).padStart(2, '0')}-01`);
  messy.push([
    fullWidth(i + 1),
    f.properties['施設・場所名'],
    f.properties['住所'],
    `${era}${year - base}年${month}月1日`,
    fullWidth(capacity.toLocaleString('en-US')),
    String(1 + Math.floor(random() * 900)).padStart(5, '0'),
    lat.toFixed(6),
    lon.toFixed(6),
    i === 0 ? '開設日・収容人数・施設コードは架空データ' : '',
  ]);
});
// The same 20 sites as an Excel workbook the way a section keeps it (ワーク②): a title merged over the
// columns, a date line, a blank row, capacities typed as 「４５０人」, notes under the table, and no
// coordinates: the trainee reads the machine-readability check, converts the capacities in the
// workbench and places the sites by their addresses. Answer keys: each site's surveyed point.
const XLSX = await import('@e965/xlsx');
const header = ['No.', '施設名', '住所', '開設日', '収容人数', '施設コード'];
const workbookRows = messy.slice(1).map((row) => [row[0], row[1], row[2], row[3], `${String(row[4]).replace(/，/g, '')}人`, row[5]]);
const sheet = XLSX.utils.aoa_to_sheet([
  ['指定緊急避難場所一覧（令和6年4月1日現在）'],
  ['つくば市 防災課'],
  [],
  header,
  ...workbookRows,
  [],
  ['※開設日・収容人数・施設コードは架空データ'],
  ['※出典：国土地理院 指定緊急避難場所データ（施設名・住所）'],
]);
sheet['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: header.length - 1 } }];
// Codes are text in the sheet, as Excel keeps them when typed with a leading apostrophe.
workbookRows.forEach((_, i) => (sheet[XLSX.utils.encode_cell({ r: 4 + i, c: 5 })] = { t: 's', v: workbookRows[i][5] }));
const book = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(book, sheet, '避難場所');
const fixedDate = new Date(Date.UTC(2026, 0, 1));
book.Props = { Title: '指定緊急避難場所一覧', CreatedDate: fixedDate, ModifiedDate: fixedDate };
writeData('level-2', 'evacuation-sites-as-kept.xlsx', XLSX.write(book, { bookType: 'xlsx', type: 'buffer', compression: true }));
const siteKey = (index) => `key,value\r\n` + evacuation.features.slice(0, 20).map((f) => `${f.properties['施設・場所名']},${f.geometry.coordinates[index]}`).join('\r\n') + '\r\n';
// What the cleaned columns must hold (ワーク② 表を整える): each site's capacity as a number and its opening
// day as a Western date, so the check can tell a cleaned column from another column renamed or rows deleted.
const cleanKey = (value) => 'key,value\r\n' + messy.slice(1).map((row) => `${row[1]},${value(row)}`).join('\r\n') + '\r\n';
writeData('level-2', 'answer-site-capacity.csv', cleanKey((row) => Number(String(row[4]).normalize('NFKC').replace(/,/g, ''))));
writeData('level-2', 'answer-site-opened.csv', cleanKey((row) => openedOn.get(row[1])));
writeData('level-2', 'answer-site-latitude.csv', siteKey(1));
writeData('level-2', 'answer-site-longitude.csv', siteKey(0));
