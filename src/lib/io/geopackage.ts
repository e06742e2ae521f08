import type { Database } from 'sql.js';
import type { Feature, Geometry } from 'geojson';
import { UserInputError, noFeaturesError } from '../util/errors';
import { baseName } from './file-names';
import { JGD2011_WKT } from './crs';
import { importGeoJson } from './geojson';
import { readGpkgGeometry, writeGpkgGeometry } from './gpkg-geometry';
import { geometryAt, valueAt, type LayerTable } from '../table/layer-table';
import { loadSqlite } from './sqlite';
import type { ImportOptions, ImportResult } from './types';

/**
 * GeoPackage (.gpkg, QGIS's default format): every vector table (gpkg_contents, data_type 'features') is a
 * layer; with several, the choice is asked as for archives. Each table's CRS (gpkg_spatial_ref_sys) is
 * honoured through the GeoJSON importer, which converts plane rectangular zones and checks every shape.
 * INTEGER/REAL columns stay numbers, TEXT text; BLOB columns other than the geometry are left out, and said.
 */
export async function importGeoPackage(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  if (bytes.length < 100 || new TextDecoder().decode(bytes.subarray(0, 15)) !== 'SQLite format 3') {
    throw new UserInputError({ code: 'invalid-gpkg', fileName, ja: `${fileName} は GeoPackage（SQLite）ではありません。`, en: `${fileName} is not a GeoPackage (SQLite) file.` });
  }
  const SQL = await loadSqlite();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw new UserInputError({ code: 'invalid-gpkg', fileName, ja: `${fileName} は GeoPackage として開けません（${(error as Error).message}）。`, en: `${fileName} cannot be opened as a GeoPackage (${(error as Error).message}).` });
  }
  try {
    return readTables(db, fileName, options);
  } finally {
    db.close();
  }
}

const rowsOf = (db: Database, sql: string, params: (string | number)[] = []) => {
  const statement = db.prepare(sql);
  statement.bind(params);
  const rows: Record<string, unknown>[] = [];
  while (statement.step()) rows.push(statement.getAsObject());
  statement.free();
  return rows;
};
/** A table or column name as an SQL identifier (names come from the file: quoted, never spliced raw). */
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function readTables(db: Database, fileName: string, options: ImportOptions): ImportResult {
  let tables: { table: string; column: string; srsId: number }[];
  try {
    tables = rowsOf(db, `SELECT c.table_name AS t, g.column_name AS g, g.srs_id AS s FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.table_name`).map((r) => ({ table: String(r.t), column: String(r.g), srsId: Number(r.s) }));
  } catch {
    throw new UserInputError({ code: 'invalid-gpkg', fileName, ja: `${fileName} は SQLite ですが GeoPackage の表（gpkg_contents）がありません。`, en: `${fileName} is SQLite but has no GeoPackage tables (gpkg_contents).` });
  }
  if (tables.length === 0) throw noFeaturesError(fileName);
  const result: ImportResult = { sourceName: fileName, fileNames: [fileName], layers: [], warnings: [], questions: [], preview: null };
  if (tables.length > 1) result.questions.push({ kind: 'choose-layers', required: false, names: tables.map((t) => t.table) });
  const wanted = new Set(options.layerNames ?? tables.map((t) => t.table));
  for (const { table, column, srsId } of tables.filter((t) => wanted.has(t.table))) {
    const srs = rowsOf(db, 'SELECT organization AS o, organization_coordsys_id AS id FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId])[0];
    const epsg = srs && String(srs.o).toUpperCase() === 'EPSG' ? Number(srs.id) : srsId;
    const columns = rowsOf(db, `PRAGMA table_info(${quoted(table)})`).map((c) => ({ name: String(c.name), type: String(c.type).toUpperCase(), pk: Number(c.pk) === 1 }));
    const blobs = columns.filter((c) => c.name !== column && c.type === 'BLOB').map((c) => c.name);
    const kept = columns.filter((c) => c.name !== column && c.type !== 'BLOB' && !(c.pk && /^(fid|ogc_fid|id)$/i.test(c.name) && c.type === 'INTEGER'));
    const features: Feature<Geometry | null>[] = [];
    let damaged = 0;
    const statement = db.prepare(`SELECT ${[column, ...kept.map((c) => c.name)].map(quoted).join(', ')} FROM ${quoted(table)}`);
    while (statement.step()) {
      const values = statement.get();
      let geometry: Geometry | null = null;
      const blob = values[0];
      if (blob instanceof Uint8Array) {
        try {
          geometry = readGpkgGeometry(blob);
        } catch {
          damaged++;
        }
      }
      const properties: Record<string, unknown> = {};
      kept.forEach((c, i) => (properties[c.name] = values[i + 1] instanceof Uint8Array ? null : values[i + 1]));
      features.push({ type: 'Feature', properties, geometry });
    }
    statement.free();
    // Through the GeoJSON importer: the table's CRS as a `crs` member, so plane zones are converted and checked.
    const collection = { type: 'FeatureCollection', ...(epsg && epsg !== 4326 && epsg > 0 ? { crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${epsg}` } } } : {}), features };
    let inner: ImportResult;
    try {
      inner = importGeoJson(new TextEncoder().encode(JSON.stringify(collection)), fileName, { ...options, encoding: 'utf-8' });
    } catch (error) {
      if (error instanceof UserInputError && error.info.code === 'no-features') continue;
      throw error;
    }
    for (const layer of inner.layers) result.layers.push({ ...layer, name: tables.length > 1 ? table : baseName(fileName), encoding: undefined });
    for (const warning of inner.warnings) result.warnings.push({ ...warning, ja: `${table}: ${warning.ja}`, en: `${table}: ${warning.en}` });
    for (const question of inner.questions) if (!result.questions.some((q) => q.kind === question.kind)) result.questions.push(question);
    if (damaged > 0) result.warnings.push({ code: 'features-without-geometry', ja: `${fileName}（${table}）: ${damaged} 件の図形が壊れていて読めません（表には残しています）。`, en: `${fileName} (${table}): ${damaged} geometries are damaged and cannot be read (kept in the table).` });
    if (blobs.length > 0) result.warnings.push({ code: 'columns-skipped', ja: `${fileName}（${table}）: バイナリの列 ${blobs.join('、')} は読み込みません。`, en: `${fileName} (${table}): binary columns ${blobs.join(', ')} are not read.` });
  }
  if (result.layers.length === 0 && result.questions.every((q) => q.kind !== 'crs')) throw noFeaturesError(fileName);
  return result;
}

/** JGD2011 longitude/latitude, the system every layer of the app is in. */
const JGD2011 = {
  id: 6668,
  name: 'JGD2011',
  wkt: JGD2011_WKT,
};

/** A layer to write: its table, and a name and 出典 for gpkg_contents. */
export interface GeoPackageLayer {
  name: string;
  description: string;
  data: LayerTable;
}

/**
 * Writes layers as one GeoPackage 1.3 (application_id GPKG): each a table (fid, geom, its columns: numbers
 * REAL, the rest TEXT) in EPSG:6668, or an attributes table when it has no geometry; gpkg_contents holds
 * each layer's extent and its 出典 as the description. Table and column names are kept, made unique the
 * way SQLite compares them (case-insensitively).
 */
export async function writeGeoPackage(layers: readonly GeoPackageLayer[]): Promise<{ bytes: Uint8Array; tables: string[] }> {
  const SQL = await loadSqlite();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;
      CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    for (const row of [
      ['Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'],
      ['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'],
      [JGD2011.name, JGD2011.id, 'EPSG', JGD2011.id, JGD2011.wkt, 'JGD2011 longitude/latitude'],
    ]) srs.run(row);
    srs.free();
    const used = new Set<string>();
    const unique = (name: string, taken: Set<string>) => {
      let candidate = name.trim() || 'layer', n = 2;
      while (taken.has(candidate.toLowerCase())) candidate = `${name}_${n++}`;
      taken.add(candidate.toLowerCase());
      return candidate;
    };
    const tables: string[] = [];
    db.run('BEGIN');
    for (const layer of layers) {
      const table = unique(layer.name, used);
      tables.push(table);
      const hasGeometry = layer.data.kind !== 'none';
      const columnNames = new Set<string>(['fid', ...(hasGeometry ? ['geom'] : [])]);
      const columns = layer.data.columns.map((c) => ({ column: c, name: unique(c.name, columnNames) }));
      db.run(`CREATE TABLE ${quoted(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT${hasGeometry ? ', geom GEOMETRY' : ''}${columns.map((c) => `, ${quoted(c.name)} ${c.column.type === 'number' ? 'REAL' : 'TEXT'}`).join('')})`);
      const insert = db.prepare(`INSERT INTO ${quoted(table)} (${[...(hasGeometry ? ['geom'] : []), ...columns.map((c) => c.name)].map(quoted).join(', ')}) VALUES (${[...(hasGeometry ? [0] : []), ...columns].map(() => '?').join(', ')})`);
      const types = new Set<string>();
      for (let row = 0; row < layer.data.rowCount; row++) {
        const geometry = hasGeometry ? geometryAt(layer.data, row) : null;
        if (geometry) types.add(geometry.type.toUpperCase());
        const cells = columns.map(({ column }) => {
          const value = valueAt(column, row);
          return value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? null : typeof value === 'number' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
        });
        insert.run([...(hasGeometry ? [geometry ? writeGpkgGeometry(geometry, JGD2011.id) : null] : []), ...cells]);
      }
      insert.free();
      const bbox = layer.data.bbox;
      db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        table,
        hasGeometry ? 'features' : 'attributes',
        table,
        layer.description,
        ...(bbox && hasGeometry ? bbox : [null, null, null, null]),
        hasGeometry ? JGD2011.id : null,
      ]);
      if (hasGeometry) db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [table, 'geom', types.size === 1 ? [...types][0]! : 'GEOMETRY', JGD2011.id]);
    }
    db.run('COMMIT');
    return { bytes: db.export(), tables };
  } finally {
    db.close();
  }
}
