import { featuresOf } from '../table/geojson-table';
import { rowReader, type LayerTable } from '../table/layer-table';

/** A layer as GeoJSON text (RFC 7946: lon/lat). */
export function toGeoJsonText(table: LayerTable): string {
  return JSON.stringify(featuresOf(table));
}

/**
 * A layer's attribute table as CSV for Excel: UTF-8 with BOM (so Excel reads Japanese correctly), CRLF,
 * point coordinates as 緯度/経度 columns, and cells that Excel would run as a formula (=, +, -, @, tab,
 * CR at the start) prefixed with ' so they stay text (CSV injection).
 */
export function toCsvText(table: LayerTable): string {
  const columns = table.columns.map((c) => c.name);
  const points = table.geometry.layout === 'points' ? table.geometry.xy : null;
  const addCoordinates = points !== null && !columns.includes('緯度') && !columns.includes('経度');
  const header = addCoordinates ? [...columns, '緯度', '経度'] : columns;
  const read = rowReader(table);
  const rows = Array.from({ length: table.rowCount }, (_, row) => {
    const properties = read(row);
    const values = columns.map((c) => properties[c]);
    if (addCoordinates) {
      const x = points[row * 2]!, y = points[row * 2 + 1]!;
      values.push(x === x ? y : '', x === x ? x : '');
    }
    return values;
  });
  return csvTable(header, rows);
}

/** A table as Excel-safe CSV text (see toCsvText). */
export function csvTable(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return '\ufeff' + [header, ...rows].map((values) => values.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Numbers are safe as they are (a negative number is not a formula).
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The column that names a place (名称, 施設名, name…), for a placemark's <name>. */
const NAME_COLUMN = /^(名称|施設名|施設・場所名|名前|name|title)$/i;

/**
 * A point layer as KML for Google マイマップ: one placemark per located row, named by its name column (名称,
 * 施設名, name…; else the row number), every column as ExtendedData (Google マイマップ shows them as fields).
 * Rows without a location are left out: the count is returned so the caller can say so.
 */
export function toKmlText(table: LayerTable, title: string): { text: string; skipped: number } {
  const xy = table.geometry.layout === 'points' ? table.geometry.xy : new Float64Array(0);
  const names = table.columns.map((c) => c.name);
  const nameColumn = names.find((n) => NAME_COLUMN.test(n));
  const read = rowReader(table);
  const placemarks: string[] = [];
  let skipped = 0;
  for (let row = 0; row < table.rowCount; row++) {
    const x = xy[row * 2], y = xy[row * 2 + 1];
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
      skipped++;
      continue;
    }
    const properties = read(row);
    const data = names.map((n) => {
      const value = properties[n];
      return `<Data name="${xmlText(n)}"><value>${value === null || value === undefined ? '' : xmlText(typeof value === 'object' ? JSON.stringify(value) : String(value))}</value></Data>`;
    });
    const name = nameColumn ? String(properties[nameColumn] ?? '') : String(row + 1);
    placemarks.push(`<Placemark><name>${xmlText(name)}</name><ExtendedData>${data.join('')}</ExtendedData><Point><coordinates>${x},${y},0</coordinates></Point></Placemark>`);
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${xmlText(title)}</name>\n${placemarks.join('\n')}\n</Document></kml>\n`;
  return { text, skipped };
}
