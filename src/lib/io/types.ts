import type { LayerTable } from '../table/layer-table';
import type { DetectedEncoding, TextEncodingName } from './text-encoding';
import type { ReadabilityReport } from './readability';

/** A file as the importers see it: a name and its bytes (never a DOM File). */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

/** The user's answers to an import's questions. */
export interface ImportOptions {
  encoding?: TextEncodingName;
  /** EPSG code of the coordinates when the file does not say (e.g. 6677 = JGD2011 第9系). */
  crsEpsg?: number;
  /** Exchange the latitude and longitude columns of a CSV. */
  swapCoordinates?: boolean;
  /** Plane X/Y in a table: the column holding the northing (by default the one headed X, 南北). */
  planeNorthColumn?: string;
  /** Which shapefiles of an archive to import (base names); all when not given. */
  layerNames?: string[];
  /** Tables (CSV, Excel): the header row as an index into the grid's non-blank rows; detected when absent. */
  headerRow?: number;
  /** Tables: the latitude and longitude columns by header ('' = none: load as a table); detected when absent. */
  latitudeColumn?: string;
  longitudeColumn?: string;
  /** Excel: the sheet to read; the first with data when absent. */
  sheet?: string;
  /** Tables: columns kept as text as they are (no 和暦 or number conversion): undoes those fixes. */
  keepText?: string[];
  /** Tables: keep the note rows below the data in the table (undoes leaving them out). */
  keepNotes?: boolean;
}

/**
 * A fix the importer made on its own, shown as the first steps of the table's recipe so the trainee
 * sees it and can undo it (by reading the file again without it).
 */
export type ImportFix =
  | { kind: 'header-row'; row: number; skipped: number }
  | { kind: 'notes'; rows: number }
  | { kind: 'era-dates'; column: string }
  | { kind: 'numbers'; column: string }
  | { kind: 'merged-cells'; ranges: number };

/** The first rows of a table as they are in the file, so the user can point at the header row. */
export interface RawRows {
  /** Row numbers as the user sees them (file record / sheet row, from 1). */
  numbers: number[];
  cells: string[][];
}

/** What the importer could not decide alone; `required` ones block the import until answered. */
export type ImportQuestion =
  | { kind: 'encoding'; required: false; encoding: TextEncodingName; confidence: DetectedEncoding['confidence'] }
  | { kind: 'crs'; required: true; suggestedEpsg: number }
  | { kind: 'swap-coordinates'; required: true }
  | { kind: 'choose-layers'; required: false; names: string[] }
  /** Tables: the header row and coordinate columns found, for the user to confirm or change. */
  | { kind: 'table-layout'; required: false; confident: boolean; headerRow: number; raw: RawRows; columns: string[]; latitude: string | null; longitude: string | null; address: string | null }
  | { kind: 'choose-sheet'; required: false; names: string[]; sheet: string }
  /** Plane X/Y in a table: which of the two columns is the northing (公共測量 writes it as X). */
  | { kind: 'plane-axes'; required: false; columns: [string, string]; north: string };

export type WarningCode =
  | 'rows-without-coordinates'
  | 'features-without-geometry'
  | 'kml-styles'
  | 'estat-table'
  | 'columns-skipped'
  | 'encoding-guessed'
  | 'prj-missing'
  | 'prj-invalid'
  | 'cpg-invalid'
  | 'dbf-missing'
  | 'dbf-count-mismatch'
  | 'shp-truncated'
  | 'tokyo-datum'
  | 'coordinates-swapped'
  | 'plane-axes'
  | 'era-dates-converted'
  | 'file-skipped'
  | 'table-without-coordinates'
  | 'title-rows-skipped'
  | 'notes-skipped'
  | 'rows-extra-fields'
  | 'merged-cells-filled'
  | 'formulas-without-values'
  | 'address-unmatched'
  | 'decimal-comma'
  | 'zero-coordinates'
  | 'points-far-away'
  | 'geometry-repaired'
  | 'geometry-invalid'
  | 'mesh-outside'
  | 'small-numbers'
  | 'few-areas'
  | 'cleaning-step';

/** Something the user should know about an import that still succeeded. */
export interface ImportWarning {
  code: WarningCode;
  ja: string;
  en: string;
}

export interface ImportedLayer {
  /** Suggested layer name, from the file name. */
  name: string;
  /** The layer's data as a columnar table (see table/layer-table.ts). */
  data: LayerTable;
  /** How the attribute text was decoded, when the format has a choice. */
  encoding?: TextEncodingName;
  /** The coordinate system the file was in, before conversion to lon/lat. */
  crsLabel?: string;
  /** A recognised table layout, e.g. the 自治体標準オープンデータセット. */
  schema?: 'municipal-standard';
  /** Tables (CSV, Excel): how the file keeps the rules for machine-readable tables. */
  readability?: ReadabilityReport;
  /** Tables: what the importer fixed on its own. */
  fixes?: ImportFix[];
}

/** A few rows as decoded, so the user can judge the encoding and the columns before importing. */
export interface ImportPreview {
  columns: string[];
  rows: string[][];
}

export interface ImportResult {
  /** The file (or shapefile group, or archive) this result is about. */
  sourceName: string;
  /** The names of the files that make up the source, so a re-import can send just those. */
  fileNames: string[];
  layers: ImportedLayer[];
  warnings: ImportWarning[];
  questions: ImportQuestion[];
  preview: ImportPreview | null;
}
