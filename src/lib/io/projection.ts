import proj4 from 'proj4';
import type { Geometry } from 'geojson';
import { LON_LAT, PLANE_RECTANGULAR_ZONES, planeRectangularCrs, tokyoGeographic, transformGeometry, type Crs, type JapaneseDatum } from './crs';

// The parts of coordinate systems that need proj4 (with its WKT and MGRS parsers, 240 kB unminified), apart
// from crs.ts: the page reads the zones and codes; only the importers, in the worker, read .prj files and
// convert coordinates.

const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/**
 * Reads a .prj (WKT 1, ESRI or OGC flavour). Japanese systems are recognised by their datum and the
 * zone's origin, whatever the name says; anything else is handed to proj4's WKT parser.
 * Returns null for text that is not a usable WKT (e.g. an HTML page saved as .prj).
 */
export function crsFromPrj(wkt: string): Crs | null {
  const text = wkt.trim();
  if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[/i.test(text)) return null;
  const upper = text.toUpperCase();
  const datum: JapaneseDatum | null = /JGD_?2011|JAPANESE_GEODETIC_DATUM_2011/.test(upper)
    ? 'JGD2011'
    : /JGD_?2000|JAPANESE_GEODETIC_DATUM_2000/.test(upper)
      ? 'JGD2000'
      : /TOKYO/.test(upper)
        ? 'Tokyo'
        : null;
  const parameter = (name: string) => {
    const match = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*(-?[\\d.]+)`, 'i').exec(text);
    return match ? Number(match[1]) : null;
  };
  const isProjected = /^PROJ/i.test(text);
  if (datum && !isProjected) return datum === 'Tokyo' ? tokyoGeographic() : { ...LON_LAT, epsg: datum === 'JGD2011' ? 6668 : 4612, label: `${datum} 経緯度` };
  if (datum && /TRANSVERSE_MERCATOR/.test(upper)) {
    const lat0 = parameter('latitude_of_origin');
    const lon0 = parameter('central_meridian');
    const zone = PLANE_RECTANGULAR_ZONES.find((z) => lat0 !== null && lon0 !== null && near(z.lat0, lat0) && near(z.lon0, lon0));
    if (zone && (parameter('false_easting') ?? 0) === 0 && (parameter('false_northing') ?? 0) === 0) return planeRectangularCrs(datum, zone.zone);
  }
  if (!isProjected && /WGS_?84|WGS 84/.test(upper)) return LON_LAT;
  try {
    proj4(text, 'EPSG:4326'); // throws when proj4 cannot use the WKT
    const name = /^\w+\[\s*"([^"]+)"/.exec(text)?.[1] ?? 'WKT';
    return { epsg: null, label: name, proj4: text, isTokyoDatum: datum === 'Tokyo' };
  } catch {
    return null;
  }
}

/** Brings every coordinate of a geometry to lon/lat (EPSG:4326); returns the same object when no change. */
export function toLonLat(geometry: Geometry, crs: Crs): Geometry {
  if (!crs.proj4) return geometry;
  const converter = proj4(crs.proj4, 'EPSG:4326');
  return transformGeometry(geometry, (p) => {
    const [lon, lat] = converter.forward([p[0]!, p[1]!]);
    return [lon!, lat!];
  });
}

