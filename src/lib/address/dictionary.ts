import { gunzipSync } from 'fflate';
import { extent } from '../util/extent';
import { UserInputError } from '../util/errors';
import { detectDelimiter, scanCsvColumns } from '../io/csv-scanner';
import { decodeText } from '../io/text-encoding';
import { addressKey, townKey } from './normalize';

/** A 大字・町丁目 (or 小字) with its representative point. */
export interface Town {
  /** As the dictionary writes it (研究学園一丁目). */
  name: string;
  lat: number;
  lon: number;
  /** 街区 (blocks, by their 街区符号・地番 number) with their points, from MLIT 街区レベル位置参照情報. */
  blocks?: Map<string, { lat: number; lon: number }>;
}

export interface City {
  prefecture: string;
  /** addressKey of the prefecture, compared with the address's (kept: every match compares it). */
  prefectureKey?: string;
  name: string;
  /** Towns as read, in file order (the first of a name wins). */
  list: Town[];
  /** The mean of its towns' points: where a match at city level is placed. */
  lat: number;
  lon: number;
}

export interface TownIndex {
  /** Towns by their key (see addressKey). */
  towns: Map<string, Town>;
  /** The lengths town keys have, longest first: a prefix search tries only these. */
  lengths: number[];
  /** Whether any town is a 丁目 or a 番町: only then is a leading number read as one (fewer lookups). */
  chome: boolean;
  bancho: boolean;
}

// A city's towns are keyed when an address first names the city: loading all of Japan then only reads
// and groups (measured: keying all 277k names took most of a 1.2 s load), and a table of one city keys
// only that city's towns.
const townIndexes = new WeakMap<City, TownIndex>();

export function townIndexOf(city: City): TownIndex {
  let index = townIndexes.get(city);
  if (!index) {
    const towns = new Map<string, Town>();
    const keyed = city.list.map((town) => [townKey(town.name), town] as const);
    for (const [key, town] of keyed) if (!towns.has(key)) towns.set(key, town);
    // Addresses often leave out the 町 of a town name (晴海台町 written 晴海台): that name is a key too,
    // unless it is a town of its own or too short to be one (本町 is not 本).
    for (const [key, town] of keyed) {
      const short = key.slice(0, -1);
      if (key.endsWith('町') && key.length >= 3 && !/\d/.test(key) && !towns.has(short)) towns.set(short, town);
    }
    const keys = [...towns.keys()];
    const lengths = [...new Set(keys.map((k) => k.length))].sort((a, b) => b - a);
    townIndexes.set(city, (index = { towns, lengths, chome: keys.some((k) => k.includes('丁目')), bancho: keys.some((k) => k.includes('番町')) }));
  }
  return index;
}

/** A town-level address dictionary: the shipped one, or one the user loaded. */
export interface AddressDictionary {
  /** 出典 of the data, added to every layer matched with it. */
  attribution: string;
  /** Prefecture keys, longest first. */
  prefectures: string[];
  /** Cities by key (with and without its 郡: 「那珂郡東海村」 and 「東海村」). */
  cities: Map<string, City[]>;
  longestCity: number;
  /** The lengths city keys have, longest first (a prefix search tries only these). */
  cityLengths: number[];
  townCount: number;
}

export const GEOLONIA_ATTRIBUTION = 'Geolonia 住所データ（CC BY 4.0）、国土交通省 位置参照情報を加工';
/** The dictionary shipped with the app: all of Japan, town level (public/address-dictionary). */
export const SHIPPED_DICTIONARY_PATH = 'address-dictionary/japan-towns-geolonia.csv.gz';

/**
 * Reads the shipped dictionary (gzipped Geolonia CSV). A server may have sent it with
 * Content-Encoding: gzip, so the browser already unpacked it: the gzip magic number decides.
 */
export function readShippedDictionary(bytes: Uint8Array): AddressDictionary {
  const csv = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return readAddressDictionary(csv, SHIPPED_DICTIONARY_PATH, GEOLONIA_ATTRIBUTION).dictionary;
}

/** The columns of the accepted formats: Geolonia's CSV, and MLIT 位置参照情報 大字・町丁目 as distributed. */
const COLUMN_NAMES = {
  prefecture: ['都道府県名'],
  city: ['市区町村名'],
  town: ['大字町丁目名', '大字・町丁目名', '大字・丁目名', '町字名'],
  koaza: ['小字', '小字名', '小字・通称名'],
  block: ['街区符号・地番'],
  lat: ['緯度'],
  lon: ['経度'],
};

/**
 * Reads a town dictionary from CSV bytes (UTF-8 or Shift_JIS, as MLIT distributes it). Towns without a
 * point are kept without one (counted in `skipped`); a file without the needed columns is refused by name.
 */
export function readAddressDictionary(bytes: Uint8Array, fileName: string, attribution: string): { dictionary: AddressDictionary; skipped: number } {
  const { text } = decodeText(bytes);
  const scanned = scanCsvColumns(text, detectDelimiter(text));
  const header = scanned.rowCount > 0 ? scanned.row(0).map((h) => h.trim()) : [];
  const column = (names: string[]) => header.findIndex((h) => names.includes(h));
  const c = Object.fromEntries(Object.entries(COLUMN_NAMES).map(([k, names]) => [k, column(names)])) as Record<keyof typeof COLUMN_NAMES, number>;
  if (c.prefecture < 0 || c.city < 0 || c.town < 0 || c.lat < 0 || c.lon < 0) {
    throw new UserInputError({
      code: 'address-dictionary-invalid',
      fileName,
      ja: `${fileName} は住所辞書として読めません。「都道府県名」「市区町村名」「大字町丁目名」「緯度」「経度」の列が必要です（国土交通省 位置参照情報 大字・町丁目レベルの CSV など）。見つかった列: ${header.join(', ')}`,
      en: `${fileName} cannot be read as an address dictionary: it needs columns 都道府県名, 市区町村名, 大字町丁目名, 緯度, 経度 (e.g. MLIT 位置参照情報, town level). Columns found: ${header.join(', ')}`,
    });
  }
  const cities = new Map<string, City>();
  // 街区レベル: many rows per town, one per block; the town's point is the mean of its blocks.
  const blockTowns = new Map<string, Town>();
  let skipped = 0;
  // Rows come grouped by city and town: the last ones looked up are reused before the maps are asked.
  let lastCityKey = '', lastTownKey = '';
  let lastCity: City | undefined, lastTown: Town | undefined;
  for (let row = 1; row < scanned.rowCount; row++) {
    const latText = scanned.value(c.lat, row);
    const lat = Number(latText), lon = Number(scanned.value(c.lon, row));
    const prefecture = scanned.value(c.prefecture, row).trim(), cityName = scanned.value(c.city, row).trim();
    const townName = scanned.value(c.town, row).trim() + (c.koaza >= 0 ? scanned.value(c.koaza, row).trim() : '');
    if (!prefecture || !cityName || !townName) continue;
    // A town without a point (a new town) is kept: addresses in it are split and placed at the city.
    const located = Number.isFinite(lat) && Number.isFinite(lon) && latText.trim() !== '';
    if (!located) skipped++;
    const cityKey = `${prefecture}\u0000${cityName}`;
    let city = lastCityKey === cityKey ? lastCity : cities.get(cityKey);
    if (!city) cities.set(cityKey, (city = { prefecture, name: cityName, list: [], lat: 0, lon: 0 }));
    (lastCityKey = cityKey), (lastCity = city);
    const blockText = c.block >= 0 ? scanned.value(c.block, row) : '';
    // 街区符号 are ASCII digits as MLIT writes them; full-width ones are folded.
    const block = /^[\x20-\x7e]*$/.test(blockText) ? blockText.trim() : blockText.normalize('NFKC').trim();
    if (block) {
      const key = `${cityKey}\u0000${townName}`;
      let town = lastTownKey === key ? lastTown : blockTowns.get(key);
      if (!town) {
        city.list.push((town = { name: townName, lat: NaN, lon: NaN, blocks: new Map() }));
        blockTowns.set(key, town);
      }
      (lastTownKey = key), (lastTown = town);
      if (located && !town.blocks!.has(block)) town.blocks!.set(block, { lat, lon });
      continue;
    }
    // The first point of a town wins (MLIT lists some towns once per 原典資料).
    city.list.push({ name: townName, lat: located ? lat : NaN, lon: located ? lon : NaN });
  }
  for (const town of blockTowns.values()) {
    const points = [...town.blocks!.values()];
    if (points.length > 0) (town.lat = points.reduce((s, p) => s + p.lat, 0) / points.length), (town.lon = points.reduce((s, p) => s + p.lon, 0) / points.length);
  }
  return { dictionary: buildDictionary([...cities.values()], attribution), skipped };
}

/** Indexes cities by key, with their mean points. */
function buildDictionary(cityList: City[], attribution: string): AddressDictionary {
  const cities = new Map<string, City[]>();
  const prefectures = new Set<string>();
  let townCount = 0;
  for (const city of cityList) {
    let lat = 0, lon = 0, located = 0;
    for (const town of city.list) if (town.lat === town.lat) (lat += town.lat), (lon += town.lon), located++;
    city.lat = located > 0 ? lat / located : NaN;
    city.lon = located > 0 ? lon / located : NaN;
    townCount += city.list.length;
    city.prefectureKey = addressKey(city.prefecture);
    prefectures.add(city.prefectureKey);
    const key = addressKey(city.name);
    const keys = [key];
    // 「那珂郡東海村」 is often written 「東海村」.
    const withoutGun = key.replace(/^.+?郡/, '');
    if (withoutGun !== key) keys.push(withoutGun);
    for (const k of keys) {
      const list = cities.get(k) ?? [];
      list.push(city);
      cities.set(k, list);
    }
  }
  return {
    attribution,
    prefectures: [...prefectures].sort((a, b) => b.length - a.length),
    cities,
    longestCity: Math.max(0, extent([...cities.keys()].map((k) => k.length))[1]),
    cityLengths: [...new Set([...cities.keys()].map((k) => k.length))].sort((a, b) => b - a),
    townCount,
  };
}

/** Two dictionaries as one: the later one's towns added to (or replacing) the earlier one's. */
export function mergeDictionaries(base: AddressDictionary, added: AddressDictionary): AddressDictionary {
  const byCity = new Map<string, City>();
  for (const dictionary of [base, added]) {
    for (const list of dictionary.cities.values()) {
      for (const city of list) {
        const key = `${city.prefecture}\u0000${city.name}`;
        const existing = byCity.get(key);
        // The added dictionary's towns come first, so its point wins for a town both have.
        if (!existing) byCity.set(key, { ...city, list: [...city.list] });
        else {
          const merged = dictionary === added ? [...city.list, ...existing.list] : [...existing.list, ...city.list];
          const seen = new Set<string>();
          existing.list = merged.filter((town) => !seen.has(town.name) && Boolean(seen.add(town.name)));
        }
      }
    }
  }
  return buildDictionary([...byCity.values()], base.attribution === added.attribution ? base.attribution : `${base.attribution}; ${added.attribution}`);
}
