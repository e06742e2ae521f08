// shpjs ships no types; only the part the app uses is declared.
declare module 'shpjs' {
  /** Parses the records of a .shp; null for null shapes. A second argument would reproject (unused). */
  export function parseShp(shp: DataView | ArrayBuffer | Uint8Array): unknown[];
}
