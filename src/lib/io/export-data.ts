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
