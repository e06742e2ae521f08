/**
 * Japanese addresses as comparable keys. The same normalisation is applied to the dictionary's names and
 * to the addresses being matched, so 「研究学園一丁目」, 「研究学園１丁目」 and 「研究学園 1丁目」 meet, as do
 * 霞ヶ関 / 霞ケ関 / 霞が関 and 二の宮 / 二ノ宮.
 */

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二十三 → 23, 百五 → 105, 一〇一 → 101; null when the text is not a kanji number. */
export function kanjiNumber(text: string): number | null {
  if (text === '' || ![...text].every((c) => c in KANJI_DIGITS || c in KANJI_UNITS)) return null;
  // Written digit by digit (一〇一), without units.
  if (![...text].some((c) => c in KANJI_UNITS)) return Number([...text].map((c) => KANJI_DIGITS[c]).join(''));
  let total = 0, digit = 0;
  for (const c of text) {
    if (c in KANJI_DIGITS) digit = KANJI_DIGITS[c]!;
    else {
      total += (digit || 1) * KANJI_UNITS[c]!;
      digit = 0;
    }
  }
  return total + digit;
}

/** Old and variant forms that appear in registers beside their common form. */
const VARIANTS: Record<string, string> = { 﨑: '崎', 嵜: '崎', 髙: '高', 邉: '辺', 邊: '辺', 澤: '沢', 濱: '浜', 冨: '富', 德: '徳', 槇: '槙' };
const VARIANT_PATTERN = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');
const KANJI = '[\\u3400-\\u9fff々〆]';
// A small ケ/ヶ/ヵ/が between kanji (霞ヶ関, 霞が関) is one sound written four ways; so are の/ノ/之 (二の宮).
const KE_BETWEEN_KANJI = new RegExp(`(?<=${KANJI})[ヶヵケが](?=${KANJI})`, 'g');
const NO_BETWEEN_KANJI = new RegExp(`(?<=${KANJI})[のノ之](?=${KANJI})`, 'g');
const KANJI_NUMBER_BEFORE_UNIT = /([〇一二三四五六七八九十百千]+)(丁目|丁|番町|番地|番|号|地割|線|条)/g;
const DASHES = /(?<=\d)[‐‑‒–—―−ー－ｰ─━](?=\d)/g;

/** The comparable form of an address or a place name (see the module comment). */
export function addressKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(VARIANT_PATTERN, (c) => VARIANTS[c]!)
    .replace(KE_BETWEEN_KANJI, 'ケ')
    .replace(NO_BETWEEN_KANJI, 'ノ')
    .replace(KANJI_NUMBER_BEFORE_UNIT, (_, number: string, unit: string) => `${kanjiNumber(number) ?? number}${unit}`)
    .replace(DASHES, '-');
}

/**
 * The comparable form of a town name (大字・町丁目, with its 小字): 「大字」 and 「字」 before it are left out, as
 * addresses and dictionaries write them or not (「大字笠幡」 and 「笠幡」 are one town).
 */
export function townKey(name: string): string {
  // 「大字」 anywhere (佐賀市 「川副町大字鹿江」 is written 「川副町鹿江」), a 「字」 first or after a 町・村 name.
  return addressKey(name).replace(/大字/g, '').replace(/^字|(?<=[町村])字/g, '');
}

/**
 * The ways the part after the city may name its town: as written, and with the number before the first
 * 「-」 or 「番」 read as its 丁目 (研究学園1-1-1 is 研究学園一丁目1番1号; 西1条1-1 is 西一条一丁目1番). A 「字」 between
 * the 大字 and the 小字 (「三内字丸山」) may be there or not. The longest town that matches wins.
 */
export function townCandidates(rest: string, city: { chome: boolean; bancho: boolean } = { chome: true, bancho: true }): string[] {
  const stripped = rest.replace(/^大?字/, '');
  const candidates = [stripped];
  const chome = city.chome || city.bancho ? /^(.*?\D)(\d+)(?:-|番地?|$)/.exec(stripped) : null;
  // …or its 番町 (徳島市 「南佐古6-1-5」 is 南佐古六番町1番5号), for a city that has such towns.
  if (chome && city.bancho) candidates.unshift(`${chome[1]}${chome[2]}番町${stripped.slice(chome[0].length)}`);
  if (chome && city.chome) candidates.unshift(`${chome[1]}${chome[2]}丁目${stripped.slice(chome[0].length)}`);
  if (stripped.includes('字')) candidates.push(stripped.replace(/大?字/g, ''));
  return candidates;
}
