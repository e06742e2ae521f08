import type { AnyFeatureCollection } from '../geo/types';

/** A layer as GeoJSON text (RFC 7946: lon/lat). */
export function toGeoJsonText(data: AnyFeatureCollection): string {
  return JSON.stringify(data);
}

/**
 * A layer's attribute table as CSV for Excel: UTF-8 with BOM (so Excel reads Japanese correctly), CRLF,
 * point coordinates as 緯度/経度 columns, and cells that Excel would run as a formula (=, +, -, @, tab,
 * CR at the start) prefixed with ' so they stay text (CSV injection).
 */
export function toCsvText(data: AnyFeatureCollection): string {
  const columns: string[] = [];
  for (const feature of data.features) for (const key of Object.keys(feature.properties ?? {})) if (!columns.includes(key)) columns.push(key);
  const hasPoints = data.features.some((f) => f.geometry?.type === 'Point');
  const addCoordinates = hasPoints && !columns.includes('緯度') && !columns.includes('経度');
  const header = addCoordinates ? [...columns, '緯度', '経度'] : columns;
  const rows = data.features.map((feature) => {
    const values = columns.map((c) => feature.properties?.[c]);
    if (addCoordinates) {
      const point = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
      values.push(point ? point[1] : '', point ? point[0] : '');
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
