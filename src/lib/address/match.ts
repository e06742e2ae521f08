import type { AddressDictionary, City, Town } from './dictionary';
import { addressKey, townCandidates } from './normalize';

export type MatchLevel = 'town' | 'city' | 'none';
/** Why an address did not match at town level. */
export type MatchReason = 'empty' | 'no-city' | 'ambiguous-city' | 'no-town';

export interface AddressMatch {
  level: MatchLevel;
  lat: number;
  lon: number;
  /** The dictionary's address that was matched (茨城県つくば市研究学園一丁目), '' when none. */
  matched: string;
  reason?: MatchReason;
}

export interface MatchOptions {
  /** For addresses that leave out the prefecture and city (「研究学園1-1-1」): the city they are in. */
  defaultCity?: { prefecture: string; city: string };
}

const NONE = (reason: MatchReason): AddressMatch => ({ level: 'none', lat: NaN, lon: NaN, matched: '', reason });

/** The longest key of `map` that `text` starts with, up to `longest` characters. */
function longestPrefix<T>(map: Map<string, T>, text: string, longest: number): { key: string; value: T } | null {
  for (let length = Math.min(longest, text.length); length > 0; length--) {
    const key = text.slice(0, length);
    const value = map.get(key);
    if (value !== undefined) return { key, value };
  }
  return null;
}

/** The longest town of the city at the start of `rest`, trying the ways the 丁目 may be written. */
function findTown(city: City, rest: string): Town | null {
  let best: { key: string; value: Town } | null = null;
  for (const candidate of townCandidates(rest)) {
    const found = longestPrefix(city.towns, candidate, city.longestTown);
    if (found && (!best || found.key.length > best.key.length)) best = found;
  }
  return best?.value ?? null;
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
  for (let length = Math.min(dictionary.longestCity, text.length); length > 0 && candidates.length === 0; length--) {
    const cities = dictionary.cities.get(text.slice(0, length));
    if (!cities) continue;
    const inPrefecture = prefecture ? cities.filter((c) => addressKey(c.prefecture) === prefecture) : cities;
    candidates = inPrefecture.map((city) => ({ city, rest: text.slice(length) }));
  }
  if (candidates.length === 0 && options.defaultCity) {
    const { prefecture: p, city: name } = options.defaultCity;
    const city = dictionary.cities.get(addressKey(name))?.find((c) => c.prefecture === p);
    if (city && (!prefecture || addressKey(p) === prefecture)) candidates = [{ city, rest: text }];
  }
  if (candidates.length === 0) return NONE('no-city');

  const withTown = candidates.map(({ city, rest }) => ({ city, town: findTown(city, rest) })).filter((c) => c.town !== null);
  if (withTown.length === 1) {
    const { city, town } = withTown[0]!;
    return { level: 'town', lat: town!.lat, lon: town!.lon, matched: `${city.prefecture}${city.name}${town!.name}` };
  }
  if (candidates.length > 1) return NONE('ambiguous-city');
  const { city } = candidates[0]!;
  return { level: 'city', lat: city.lat, lon: city.lon, matched: `${city.prefecture}${city.name}`, reason: 'no-town' };
}
