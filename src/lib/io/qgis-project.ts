import { zipSync } from 'fflate';
import { JGD2011_WKT } from './crs';

/**
 * A QGIS project (.qgs, QGIS 3 XML) that draws the layers of a GeoPackage written beside it as the app drew
 * them: the thematic layer with its classes (a graduated renderer with the same breaks and colours) or its
 * categories, the other layers in their colours, the title, and the 出典 as the project's rights. QGIS reads
 * the layers by relative path (`./map.gpkg|layername=…`), so the two files travel together in one zip.
 */

export type QgisRenderer =
  | { kind: 'single'; color: string }
  | { kind: 'graduated'; field: string; method: string; ranges: { lower: number; upper: number; color: string; label: string }[] }
  | { kind: 'categorized'; field: string; categories: { value: string; color: string; label: string }[]; otherColor?: string };

export interface QgisLayer {
  /** The GeoPackage table. */
  table: string;
  name: string;
  geometry: 'point' | 'line' | 'polygon' | 'none';
  visible: boolean;
  renderer: QgisRenderer;
}

export interface QgisProject {
  title: string;
  /** The GeoPackage's file name, beside the project. */
  gpkg: string;
  layers: QgisLayer[];
  /** 出典 lines, written as the project's rights (Project → Properties → Metadata). */
  sources: string[];
  author?: string;
  extent?: [number, number, number, number];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** #rrggbb → "r,g,b,255", QGIS's colour form. */
export function qgisColor(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  return m ? `${parseInt(m[1]!, 16)},${parseInt(m[2]!, 16)},${parseInt(m[3]!, 16)},255` : '128,128,128,255';
}
const JGD2011 = `<spatialrefsys><wkt>${escape(JGD2011_WKT)}</wkt><proj4>+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs</proj4><srsid>0</srsid><srid>6668</srid><authid>EPSG:6668</authid><description>JGD2011</description><projectionacronym>longlat</projectionacronym><ellipsoidacronym>EPSG:7019</ellipsoidacronym><geographicflag>true</geographicflag></spatialrefsys>`;

function symbol(geometry: QgisLayer['geometry'], color: string, name: string): string {
  const c = qgisColor(color);
  if (geometry === 'point') {
    return `<symbol type="marker" name="${name}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" pass="0" locked="0" enabled="1"><prop k="color" v="${c}"/><prop k="name" v="circle"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.4"/></layer></symbol>`;
  }
  if (geometry === 'line') {
    return `<symbol type="line" name="${name}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleLine" pass="0" locked="0" enabled="1"><prop k="line_color" v="${c}"/><prop k="line_width" v="0.6"/><prop k="line_style" v="solid"/></layer></symbol>`;
  }
  return `<symbol type="fill" name="${name}" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" pass="0" locked="0" enabled="1"><prop k="color" v="${c}"/><prop k="style" v="solid"/><prop k="outline_color" v="90,90,90,255"/><prop k="outline_width" v="0.26"/></layer></symbol>`;
}

function renderer(layer: QgisLayer): string {
  const r = layer.renderer;
  if (r.kind === 'graduated') {
    return (
      `<renderer-v2 type="graduatedSymbol" attr="${escape(r.field)}" graduatedMethod="GraduatedColor" forceraster="0" symbollevels="0" enableorderby="0">` +
      `<ranges>${r.ranges.map((range, i) => `<range lower="${range.lower}" upper="${range.upper}" symbol="${i}" label="${escape(range.label)}" render="true"/>`).join('')}</ranges>` +
      `<symbols>${r.ranges.map((range, i) => symbol(layer.geometry, range.color, String(i))).join('')}</symbols>` +
      `<mode name="${escape(r.method)}"/></renderer-v2>`
    );
  }
  if (r.kind === 'categorized') {
    const all = [...r.categories, ...(r.otherColor ? [{ value: '', color: r.otherColor, label: 'その他' }] : [])];
    return (
      `<renderer-v2 type="categorizedSymbol" attr="${escape(r.field)}" forceraster="0" symbollevels="0" enableorderby="0">` +
      `<categories>${all.map((c, i) => `<category value="${escape(c.value)}" symbol="${i}" label="${escape(c.label)}" render="true"/>`).join('')}</categories>` +
      `<symbols>${all.map((c, i) => symbol(layer.geometry, c.color, String(i))).join('')}</symbols></renderer-v2>`
    );
  }
  return `<renderer-v2 type="singleSymbol" forceraster="0" symbollevels="0" enableorderby="0"><symbols>${symbol(layer.geometry, r.color, '0')}</symbols></renderer-v2>`;
}

export function qgisProjectXml(project: QgisProject): string {
  const ids = project.layers.map((l, i) => `layer_${i}_${l.table.replace(/[^A-Za-z0-9_]/g, '_')}`);
  const source = (l: QgisLayer) => `./${project.gpkg}|layername=${l.table}`;
  // The layer tree lists the top layer first (as the app's list does: the last added is drawn on top).
  const order = project.layers.map((_, i) => i).reverse();
  const extent = project.extent ? `<extent><xmin>${project.extent[0]}</xmin><ymin>${project.extent[1]}</ymin><xmax>${project.extent[2]}</xmax><ymax>${project.extent[3]}</ymax></extent>` : '';
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis projectname="${escape(project.title)}" version="3.22.0">
  <homePath path=""/>
  <title>${escape(project.title)}</title>
  <projectCrs>${JGD2011}</projectCrs>
  <layer-tree-group>
${order.map((i) => `    <layer-tree-layer id="${ids[i]}" name="${escape(project.layers[i]!.name)}" source="${escape(source(project.layers[i]!))}" providerKey="ogr" checked="${project.layers[i]!.visible ? 'Qt::Checked' : 'Qt::Unchecked'}" expanded="1"/>`).join('\n')}
  </layer-tree-group>
  <mapcanvas name="theMapCanvas"><units>degrees</units>${extent}<destinationsrs>${JGD2011}</destinationsrs></mapcanvas>
  <projectlayers>
${project.layers
  .map(
    (l, i) => `    <maplayer type="vector"${l.geometry === 'none' ? '' : ` geometry="${l.geometry === 'point' ? 'Point' : l.geometry === 'line' ? 'Line' : 'Polygon'}"`}>
      <id>${ids[i]}</id>
      <datasource>${escape(source(l))}</datasource>
      <layername>${escape(l.name)}</layername>
      <srs>${JGD2011}</srs>
      <provider encoding="UTF-8">ogr</provider>
      ${l.geometry === 'none' ? '' : renderer(l)}
    </maplayer>`,
  )
  .join('\n')}
  </projectlayers>
  <projectMetadata>
    <identifier></identifier>
    <title>${escape(project.title)}</title>
    <abstract>${escape(project.sources.join('\n'))}</abstract>
    <author>${escape(project.author ?? '')}</author>
    <rights>${escape(project.sources.join(' / '))}</rights>
    <language>ja</language>
  </projectMetadata>
</qgis>
`;
}

/** The project and its GeoPackage in one zip (QGIS opens the .qgs from the unzipped folder). */
export function qgisPackage(project: QgisProject, gpkg: Uint8Array, projectFile: string): Uint8Array {
  return zipSync({ [projectFile]: new TextEncoder().encode(qgisProjectXml(project)), [project.gpkg]: gpkg }, { level: 6 });
}
