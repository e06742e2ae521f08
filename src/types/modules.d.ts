// Packages that ship no types (or none for the entry used); only the parts the app uses are declared.
declare module 'shpjs' {
  /** Parses the records of a .shp; null for null shapes. A second argument would reproject (unused). */
  export function parseShp(shp: DataView | ArrayBuffer | Uint8Array): unknown[];
}

declare module 'colorbrewer/index.es.js' {
  /** Scheme name → number of classes → colours; plus schemeGroups. */
  const colorbrewer: Record<string, Record<number, string[]>>;
  export default colorbrewer;
}

declare module 'sql.js/dist/sql-wasm-browser.js' {
  import type { SqlJsConfig, SqlJsStatic } from 'sql.js';
  export default function initSqlJs(config?: SqlJsConfig): Promise<SqlJsStatic>;
}
