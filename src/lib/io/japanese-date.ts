/** Start year (minus one) of each era, for 和暦 → 西暦: 令和1 = 2019. */
const ERAS: Record<string, number> = {
  令和: 2018, R: 2018,
  平成: 1988, H: 1988,
  昭和: 1925, S: 1925,
  大正: 1911, T: 1911,
  明治: 1867, M: 1867,
};

/**
 * Reads a Japanese-era date (令和5年4月1日, 令和元年5月1日, R5.4.1, H31/4/30, Ｒ５．４．１) as ISO
 * "YYYY-MM-DD". Returns null for anything else, including impossible dates (平成31年2月30日).
 */
export function parseJapaneseEraDate(text: string): string | null {
  // Fast rejection (this runs on every value of every text column): an era date starts with an era
  // name or letter, in half or full width, possibly after spaces.
  const first = text.trimStart().charCodeAt(0);
  if (!ERA_STARTS.has(first)) return null;
  const s = text.normalize('NFKC').trim().toUpperCase();
  const match = /^(令和|平成|昭和|大正|明治|[RHSTM])\s*(元|\d{1,2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!match) return null;
  const year = ERAS[match[1]!]! + (match[2] === '元' ? 1 : Number(match[2]));
  return isoDate(year, Number(match[3]), Number(match[4]));
}

const ERA_STARTS = new Set([...'令平昭大明RHSTMrhstmＲＨＳＴＭｒｈｓｔｍ'].map((c) => c.charCodeAt(0)));

/** Reads 2023/4/1, 2023-04-01 or 2023年4月1日 as ISO; null otherwise. */
export function parseWesternDate(text: string): string | null {
  const match = /^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC').trim());
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
