import { townIndexOf, type AddressDictionary, type City, type Town } from './dictionary';
import { addressKey, townCandidates, townKey } from './normalize';

/** 'block': a 街区 of the town (from a 街区レベル dictionary); 'town': its 大字・町丁目; 'city': only the city. */
export type MatchLevel = 'block' | 'town' | 'city' | 'none';
/** Why an address did not match at town level. */
export type MatchReason = 'empty' | 'no-city' | 'ambiguous-city' | 'no-town' | 'town-without-point';

export interface AddressMatch {
  level: MatchLevel;
  lat: number;
  lon: number;
  /** The dictionary's address that was matched (石川県金沢市広坂一丁目), '' when none. */
  matched: string;
  reason?: MatchReason;
  /** The address in parts, as the dictionary names them; `rest` is what follows the town (番地・号), normalised. */
  parts?: { prefecture: string; city: string; town: string; rest: string };
  /**
   * The address names a ward the dictionary does not know (a ward made or renamed after it, e.g. 浜松市中央区,
   * 2024) or none: the town was found in one of the city's wards, and the result names that ward.
   */
  wardGuessed?: boolean;
}

export interface MatchOptions {
  /** For addresses that leave out the prefecture and city (「研究学園1-1-1」): the city they are in. */
  defaultCity?: { prefecture: string; city: string };
}

const NONE = (reason: MatchReason): AddressMatch => ({ level: 'none', lat: NaN, lon: NaN, matched: '', reason });

/** The longest key of `map` that `text` starts with, trying the key lengths the map has (longest first). */
function longestPrefix<T>(map: Map<string, T>, text: string, lengths: readonly number[]): { key: string; value: T } | null {
  for (const length of lengths) {
    if (length > text.length) continue;
    const key = text.slice(0, length);
    const value = map.get(key);
    if (value !== undefined) return { key, value };
  }
  return null;
}

/** The longest town of the city at the start of `rest`, trying the ways the 丁目 may be written, and what follows it. */
function findTown(city: City, rest: string): { town: Town; after: string } | null {
  let best: { key: string; value: Town; candidate: string } | null = null;
  const index = townIndexOf(city);
  for (const candidate of townCandidates(rest, index)) {
    const { towns, lengths } = index;
    const found = longestPrefix(towns, candidate, lengths);
    // At equal length the later, plainer reading wins, so 「32」 stays 「32」 and does not become 「32丁目」.
    if (found && (!best || found.key.length >= best.key.length)) best = { ...found, candidate };
  }
  return best ? { town: best.value, after: best.candidate.slice(best.key.length).replace(/^[-の]/, '') } : null;
}

/**
 * The wards of a 政令指定都市 for an address that names the city and a ward the dictionary does not know (or
 * no ward): 「浜松市中央区…」 → every 浜松市〇区, each with the address after the ward (or after the city).
 */
function wardsOf(dictionary: AddressDictionary, text: string, prefecture: string | undefined): { city: City; rest: string }[] {
  const cityEnd = text.indexOf('市');
  if (cityEnd < 1 || cityEnd > dictionary.longestCity) return [];
  const cityName = text.slice(0, cityEnd + 1);
  const wards = [...dictionary.cities.entries()].flatMap(([key, cities]) => (key.startsWith(cityName) && key.endsWith('区') && key.length > cityName.length ? cities : []));
  const inPrefecture = prefecture ? wards.filter((c) => c.prefectureKey === prefecture) : wards;
  // The unknown ward's name ends at its 区 within a few characters of the city.
  const ward = /^.{1,4}?区/.exec(text.slice(cityName.length));
  const rest = text.slice(cityName.length + (ward?.[0].length ?? 0));
  return [...new Set(inPrefecture)].map((city) => ({ city, rest }));
}

/** The matches of the longest town name (the town that says the most of the address). */
function longestTowns<T extends { town: Town }>(matches: T[]): T[] {
  let longest = 0;
  for (const m of matches) longest = Math.max(longest, townKey(m.town.name).length);
  return matches.filter((m) => townKey(m.town.name).length === longest);
}

/**
 * Places a Japanese address at the representative point of its 大字・町丁目 (town level), else of its
 * city, from a dictionary held in memory: nothing leaves the computer. The prefecture may be left out;
 * the city too when a default city is given. Where a city name exists in several prefectures and the
 * address does not say which, the town decides; if it cannot, the address is not matched.
 */
export function matchAddress(dictionary: AddressDictionary, address: string, options: MatchOptions = {}): AddressMatch {
  let text = addressKey(address);
  if (text === '') return NONE('empty');
  const prefecture = dictionary.prefectures.find((p) => text.startsWith(p));
  if (prefecture) text = text.slice(prefecture.length);

  let candidates: { city: City; rest: string }[] = [];
  for (const length of dictionary.cityLengths) {
    if (length > text.length) continue;
    if (candidates.length > 0) break;
    const cities = dictionary.cities.get(text.slice(0, length));
    if (!cities) continue;
    const inPrefecture = prefecture ? cities.filter((c) => c.prefectureKey === prefecture) : cities;
    candidates = inPrefecture.map((city) => ({ city, rest: text.slice(length) }));
  }
  if (candidates.length === 0 && options.defaultCity) {
    const { prefecture: p, city: name } = options.defaultCity;
    const city = dictionary.cities.get(addressKey(name))?.find((c) => c.prefecture === p);
    if (city && (!prefecture || addressKey(p) === prefecture)) candidates = [{ city, rest: text }];
  }
  let wardGuessed = false;
  if (candidates.length === 0) {
    candidates = wardsOf(dictionary, text, prefecture);
    wardGuessed = candidates.length > 0;
  }
  if (candidates.length === 0) return NONE('no-city');

  const withTown = candidates.flatMap(({ city, rest }) => {
    const found = findTown(city, rest);
    return found ? [{ city, rest, ...found }] : [];
  });
  // Among the wards of a city, the one whose town matches most of the address (a longer town name).
  const best = wardGuessed ? longestTowns(withTown) : withTown;
  if (best.length === 1) {
    const { city, town, after } = best[0]!;
    const parts = { prefecture: city.prefecture, city: city.name, town: town.name, rest: after };
    const guessed = wardGuessed ? { wardGuessed } : {};
    // The 番地 after the town names its 街区 (「1-2」「1番地2」「1番2号」: block 1) when the dictionary has blocks.
    const block = /^(\d+)(?=$|[-番号の])/.exec(after)?.[1];
    const point = block !== undefined ? town.blocks?.get(block) : undefined;
    if (point) return { level: 'block', lat: point.lat, lon: point.lon, matched: `${city.prefecture}${city.name}${town.name}${block}番`, parts, ...guessed };
    if (town.lat === town.lat) return { level: 'town', lat: town.lat, lon: town.lon, matched: `${city.prefecture}${city.name}${town.name}`, parts, ...guessed };
    // A known town without a point (a new town): placed at its city, and said so.
    return { level: 'city', lat: city.lat, lon: city.lon, matched: `${city.prefecture}${city.name}`, reason: 'town-without-point', parts };
  }
  if (wardGuessed) return NONE(best.length > 1 ? 'ambiguous-city' : 'no-town');
  if (candidates.length > 1) return NONE('ambiguous-city');
  const { city, rest } = candidates[0]!;
  const parts = { prefecture: city.prefecture, city: city.name, town: '', rest };
  return { level: 'city', lat: city.lat, lon: city.lon, matched: `${city.prefecture}${city.name}`, reason: 'no-town', parts };
}
