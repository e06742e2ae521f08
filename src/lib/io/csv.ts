import Papa from 'papaparse';
import type { Feature, Geometry } from 'geojson';
import { UserInputError } from '../util/errors';
import type { Properties } from '../geo/types';
import { decodeText } from './text-encoding';
import type { ImportResult, ImportWarning } from './types';

const LATITUDE_HEADERS = ['緯度', '北緯', 'lat', 'latitude', 'y'];
const LONGITUDE_HEADERS = ['経度', '東経', 'lon', 'lng', 'long', 'longitude', 'x'];

/** NFKC folds full-width letters and digits (ＬＡＴ, １２３) to ASCII, as staff type them in Excel. */
const normalizeHeader = (header: string) => header.normalize('NFKC').trim().toLowerCase();

export function findCoordinateColumns(headers: readonly string[]): { latitude: number; longitude: number } | null {
  const normalized = headers.map(normalizeHeader);
  const find = (candidates: string[]) => {
    for (const candidate of candidates) {
      const i = normalized.indexOf(candidate);
      if (i !== -1) return i;
    }
    return -1;
  };
  const latitude = find(LATITUDE_HEADERS);
  const longitude = find(LONGITUDE_HEADERS);
  return latitude === -1 || longitude === -1 ? null : { latitude, longitude };
}

/** Reads "３６．０８", "36.08" or " 1,234.5 " as a number; anything else is NaN. */
export function parseNumber(text: string | undefined): number {
  if (text === undefined) return NaN;
  const cleaned = text.normalize('NFKC').replace(/,/g, '').trim();
  return cleaned === '' ? NaN : Number(cleaned);
}

/** A CSV (or TSV) table with latitude/longitude columns becomes a point layer; every row is kept. */
export function importCsv(bytes: Uint8Array, fileName: string): ImportResult {
  const warnings: ImportWarning[] = [];
  const { text, guessed } = decodeText(bytes);
  if (text.trim() === '') {
    throw new UserInputError({ code: 'empty-file', fileName, ja: `${fileName} は空です。`, en: `${fileName} is empty.` });
  }
  if (guessed) {
    warnings.push({
      code: 'encoding-guessed',
      ja: `${fileName} は UTF-8 ではないため Shift_JIS として読みました。`,
      en: `${fileName} is not UTF-8, so it was read as Shift_JIS.`,
    });
  }
  // header:false keeps every column, even ones named __proto__; objects are built below with
  // Object.fromEntries, which defines own properties and so cannot reach a prototype.
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy' });
  const [headerRow, ...rows] = parsed.data;
  if (!headerRow || rows.length === 0) {
    throw new UserInputError({
      code: 'csv-no-header',
      fileName,
      ja: `${fileName} には見出し行とデータ行が必要です。`,
      en: `${fileName} needs a header row and at least one data row.`,
    });
  }
  const headers = headerRow.map((h, i) => h.trim() || `列${i + 1}`);
  const columns = findCoordinateColumns(headers);
  if (!columns) {
    throw new UserInputError({
      code: 'csv-no-coordinate-columns',
      fileName,
      ja: `${fileName} に緯度・経度の列が見つかりません。見出しを「緯度」「経度」（または lat / lon）にしてください。見つかった列: ${headers.join(', ')}`,
      en: `${fileName} has no latitude/longitude columns. Name them 緯度/経度 (or lat/lon). Columns found: ${headers.join(', ')}`,
    });
  }
  let withoutCoordinates = 0;
  const features: Feature<Geometry | null, Properties>[] = rows.map((row) => {
    const properties: Properties = Object.fromEntries(headers.map((h, i) => [h, row[i] ?? '']));
    const lat = parseNumber(row[columns.latitude]);
    const lon = parseNumber(row[columns.longitude]);
    const valid = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
    if (!valid) withoutCoordinates++;
    return { type: 'Feature', properties, geometry: valid ? { type: 'Point', coordinates: [lon, lat] } : null };
  });
  if (withoutCoordinates === rows.length) {
    throw new UserInputError({
      code: 'csv-no-valid-coordinates',
      fileName,
      ja: `${fileName} の「${headers[columns.latitude]}」「${headers[columns.longitude]}」列に有効な座標がありません（${rows.length} 行）。`,
      en: `${fileName}: no row has valid coordinates in columns "${headers[columns.latitude]}"/"${headers[columns.longitude]}" (${rows.length} rows).`,
    });
  }
  if (withoutCoordinates > 0) {
    warnings.push({
      code: 'rows-without-coordinates',
      ja: `${fileName}: ${withoutCoordinates} 行に有効な座標がありません。表には残しますが地図には表示しません。`,
      en: `${fileName}: ${withoutCoordinates} rows have no valid coordinates. They stay in the table but are not mapped.`,
    });
  }
  return { fileName, layers: [{ name: baseName(fileName), data: { type: 'FeatureCollection', features } }], warnings };
}

export function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
