import type { Geometry, Position } from 'geojson';

/** A coordinate reference system the app can bring to lon/lat. */
export interface Crs {
  /** EPSG code where there is one (e.g. 6677 = JGD2011 / Japan Plane Rectangular CS IX). */
  epsg: number | null;
  /** What the user reads, e.g. "JGD2011 平面直角座標系 第9系 (EPSG:6677)". */
  label: string;
  /** proj4 definition; null when the coordinates are already lon/lat on a modern datum. */
  proj4: string | null;
  /** The Tokyo datum (旧日本測地系) is converted with a 3-parameter shift accurate to a few metres. */
  isTokyoDatum: boolean;
}

/** Origins of the 19 zones of the Japan Plane Rectangular CS (平面直角座標系), in degrees. */
export const PLANE_RECTANGULAR_ZONES: readonly { zone: number; lat0: number; lon0: number; area: string }[] = [
  { zone: 1, lat0: 33, lon0: 129.5, area: '長崎・鹿児島(一部)' },
  { zone: 2, lat0: 33, lon0: 131, area: '福岡・佐賀・熊本・大分・宮崎・鹿児島' },
  { zone: 3, lat0: 36, lon0: 132 + 1 / 6, area: '山口・島根・広島' },
  { zone: 4, lat0: 33, lon0: 133.5, area: '香川・愛媛・徳島・高知' },
  { zone: 5, lat0: 36, lon0: 134 + 1 / 3, area: '兵庫・鳥取・岡山' },
  { zone: 6, lat0: 36, lon0: 136, area: '京都・大阪・福井・滋賀・三重・奈良・和歌山' },
  { zone: 7, lat0: 36, lon0: 137 + 1 / 6, area: '石川・富山・岐阜・愛知' },
  { zone: 8, lat0: 36, lon0: 138.5, area: '新潟・長野・山梨・静岡' },
  { zone: 9, lat0: 36, lon0: 139 + 5 / 6, area: '東京・福島・栃木・茨城・埼玉・千葉・群馬・神奈川' },
  { zone: 10, lat0: 40, lon0: 140 + 5 / 6, area: '青森・秋田・山形・岩手・宮城' },
  { zone: 11, lat0: 44, lon0: 140.25, area: '北海道(西部)' },
  { zone: 12, lat0: 44, lon0: 142.25, area: '北海道(中部)' },
  { zone: 13, lat0: 44, lon0: 144.25, area: '北海道(東部)' },
  { zone: 14, lat0: 26, lon0: 142, area: '東京都(小笠原)' },
  { zone: 15, lat0: 26, lon0: 127.5, area: '沖縄(本島)' },
  { zone: 16, lat0: 26, lon0: 124, area: '沖縄(先島)' },
  { zone: 17, lat0: 26, lon0: 131, area: '沖縄(大東)' },
  { zone: 18, lat0: 20, lon0: 136, area: '東京都(沖ノ鳥島)' },
  { zone: 19, lat0: 26, lon0: 154, area: '東京都(南鳥島)' },
];

/**
 * The zone a prefecture's data is usually in (国土交通省告示: each prefecture has one zone, but for 北海道, whose
 * west, centre and east each have theirs, chosen by longitude, and the islands of 東京都・鹿児島県・沖縄県,
 * where the main zone is given).
 */
export function planeZoneOf(prefecture: string, lon?: number): number | undefined {
  if (prefecture === '北海道') return lon === undefined ? 12 : lon < 141.25 ? 11 : lon < 143.25 ? 12 : 13;
  const short = prefecture.replace(/[都府県]$/, '');
  if (!short) return undefined;
  const zone = PLANE_RECTANGULAR_ZONES.find((z) => z.area.split(/[・(]/).includes(short) && !z.area.includes(`${short}(一部)`));
  return zone?.zone;
}

/**
 * Offered first when a file does not say its zone and the city setup gives no prefecture: JGD2011 zone IX,
 * the zone of the most people (東京・神奈川・埼玉・千葉…). The import dialog offers the city's own zone instead.
 */
export const DEFAULT_PLANE_EPSG = 6677;

export type JapaneseDatum = 'JGD2011' | 'JGD2000' | 'Tokyo';
const DATUM_PROJ4: Record<JapaneseDatum, string> = {
  JGD2011: '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0',
  JGD2000: '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0',
  // EPSG:1305 / 15484-style 3-parameter shift Tokyo → JGD2000 (≈ WGS84); a few metres off in places.
  Tokyo: '+ellps=bessel +towgs84=-146.414,507.337,680.507,0,0,0,0',
};
/** EPSG code of zone N is base + N (e.g. JGD2011 zone IX = 6668 + 9 = 6677). */
export const EPSG_BASE: Record<JapaneseDatum, number> = { JGD2000: 2442, JGD2011: 6668, Tokyo: 30160 };

/** The datum and zone (1–19) of a plane rectangular EPSG code; JGD2011 and the code's offset when unknown. */
export function planeRectangularChoice(epsg: number): { datum: JapaneseDatum; zone: number } {
  const datum = (Object.keys(EPSG_BASE) as JapaneseDatum[]).find((d) => epsg - EPSG_BASE[d] >= 1 && epsg - EPSG_BASE[d] <= 19) ?? 'JGD2011';
  return { datum, zone: epsg - EPSG_BASE[datum] };
}

/** The EPSG code of a datum's plane rectangular zone (e.g. JGD2011 zone IX = 6677). */
export const planeRectangularEpsg = (datum: JapaneseDatum, zone: number) => EPSG_BASE[datum] + zone;

export const LON_LAT: Crs = { epsg: 4326, label: '経緯度 (JGD2011/WGS84)', proj4: null, isTokyoDatum: false };

export function planeRectangularCrs(datum: JapaneseDatum, zone: number): Crs {
  const origin = PLANE_RECTANGULAR_ZONES[zone - 1];
  if (!origin) throw new RangeError(`no plane rectangular zone ${zone}`);
  const epsg = EPSG_BASE[datum] + zone;
  return {
    epsg,
    label: `${datum === 'Tokyo' ? '旧日本測地系' : datum} 平面直角座標系 第${zone}系 (EPSG:${epsg})`,
    proj4: `+proj=tmerc +lat_0=${origin.lat0} +lon_0=${origin.lon0} +k=0.9999 +x_0=0 +y_0=0 ${DATUM_PROJ4[datum]} +units=m +no_defs`,
    isTokyoDatum: datum === 'Tokyo',
  };
}

export function tokyoGeographic(): Crs {
  return { epsg: 4301, label: '旧日本測地系 経緯度 (EPSG:4301)', proj4: `+proj=longlat ${DATUM_PROJ4.Tokyo} +no_defs`, isTokyoDatum: true };
}

/** The CRS an EPSG code names, for the codes Japanese data uses; null for others. */
export function crsFromEpsg(epsg: number): Crs | null {
  if (epsg === 4326 || epsg === 4612 || epsg === 6668 || epsg === 4019 || epsg === 6667 || epsg === 4152 || epsg === 4269) return { ...LON_LAT, epsg };
  if (epsg === 4301) return tokyoGeographic();
  for (const datum of ['JGD2000', 'JGD2011', 'Tokyo'] as const) {
    const zone = epsg - EPSG_BASE[datum];
    if (zone >= 1 && zone <= 19) return planeRectangularCrs(datum, zone);
  }
  return null;
}

/** Reads "urn:ogc:def:crs:EPSG::6677", "EPSG:6677" or "urn:ogc:def:crs:OGC:1.3:CRS84". */
export function crsFromName(name: string): Crs | null {
  if (/CRS84$/i.test(name)) return LON_LAT;
  const code = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name.trim())?.[1];
  return code ? crsFromEpsg(Number(code)) : null;
}

export function transformGeometry(geometry: Geometry, f: (p: Position) => Position): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(f) } as Geometry;
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((r) => r.map(f)) } as Geometry;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => transformGeometry(g, f)) };
  }
}

/**
 * Whether coordinates look like metres rather than degrees: any |x| > 180 or |y| > 90 cannot be lon/lat.
 * Plane-rectangular coordinates near a zone origin can be small, but a whole layer within ±180 m of
 * the origin is unrealistic, so this is reliable for real data.
 */
export function looksProjected(geometries: readonly (Geometry | null)[]): boolean {
  // The first thousand features decide; a layer does not mix degrees and metres.
  for (const geometry of geometries.slice(0, 1000)) {
    if (!geometry) continue;
    let projected = false;
    transformGeometry(geometry, (p) => {
      if (Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90) projected = true;
      return p;
    });
    if (projected) return true;
  }
  return false;
}

/** Whether a lon/lat falls in Japan's extent (20–46°N, 122–154°E): where Japanese data should land. */
export const JAPAN = { minLon: 122, maxLon: 154, minLat: 20, maxLat: 46 } as const;
export const isInJapan = (lon: number, lat: number) => lon >= JAPAN.minLon && lon <= JAPAN.maxLon && lat >= JAPAN.minLat && lat <= JAPAN.maxLat;

/** JGD2011 longitude/latitude (EPSG:6668) as WKT 1, for the files the app writes (GeoPackage, QGIS project). */
export const JGD2011_WKT =
  'GEOGCS["JGD2011",DATUM["Japanese_Geodetic_Datum_2011",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","1128"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","6668"]]';
