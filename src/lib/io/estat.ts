import type { CellGrid } from './table-layout';
import type { ImportWarning } from './types';

/**
 * e-Stat 小地域 statistics tables (国勢調査 `tblT000…` CSV/TXT, Shift_JIS): a header row of codes
 * (KEY_CODE, HYOSYO, CITYNAME, NAME, HTKSYORI, HTKSAKI, GASSAN, T001082001 …) and a second header row of
 * the Japanese names of the statistics (人口総数, 男, 女 …) that a plain reader takes for data row 1 —
 * making every count column text. Values are numbers or marks: X (秘匿: hidden to protect respondents),
 * - (該当数値なし), … (not available).
 */

/** The columns that identify an area, not statistics (their marks are not "missing numbers"). */
const AREA_COLUMNS = new Set(['KEY_CODE', 'HYOSYO', 'CITYNAME', 'NAME', 'HTKSYORI', 'HTKSAKI', 'GASSAN']);
/** Marks e-Stat writes instead of a number, with what each means. */
const MARKS: Record<string, { ja: string; en: string }> = {
  X: { ja: '秘匿', en: 'hidden (秘匿)' },
  '-': { ja: '該当数値なし', en: 'none (該当なし)' },
  '…': { ja: '不詳・集計なし', en: 'not available' },
  '***': { ja: '秘匿', en: 'hidden (秘匿)' },
};
const markOf = (cell: string) => {
  const text = cell.normalize('NFKC').trim().toUpperCase();
  return text === '...' ? '…' : text === '−' || text === '―' ? '-' : text in MARKS ? text : null;
};
/** e-Stat's 表章単位 (HYOSYO): the level of each row's area. */
const LEVELS: Record<string, { ja: string; en: string }> = {
  '1': { ja: '市区町村', en: 'municipality' },
  '2': { ja: '大字・町', en: 'ōaza / town' },
  '3': { ja: '丁目・字', en: 'chōme / aza' },
  '4': { ja: '小字等', en: 'koaza' },
};

export interface EStatLayout {
  /** The column names to use: the second header row's names (the code where it has none). */
  headers: string[];
  /** The codes of the columns renamed, code → name, for the note. */
  renamed: [code: string, name: string][];
  /** Statistics columns (their marks are read as missing). */
  statistics: boolean[];
}

/**
 * The e-Stat layout, when the header row names KEY_CODE and HYOSYO and the row under it is a row of names
 * (its KEY_CODE empty, names under the statistics codes).
 */
export function eStatLayout(headerCells: readonly string[], grid: CellGrid, labelRow: number): EStatLayout | null {
  const codes = headerCells.map((c) => c.normalize('NFKC').trim().toUpperCase());
  const key = codes.indexOf('KEY_CODE');
  if (key < 0 || !codes.includes('HYOSYO') || labelRow >= grid.rowCount) return null;
  const labels = codes.map((_, c) => grid.cell(labelRow, c).trim());
  if (labels[key] !== '' || !labels.some((label, c) => label !== '' && !AREA_COLUMNS.has(codes[c]!))) return null;
  const seen = new Set<string>();
  const renamed: [string, string][] = [];
  const headers = headerCells.map((cell, c) => {
    const label = labels[c]!;
    // A name given twice (男 under two tables) keeps its code, so no column hides another.
    const name = label === '' ? cell.trim() : seen.has(label) ? `${label}（${cell.trim()}）` : label;
    seen.add(name);
    if (label !== '') renamed.push([cell.trim(), name]);
    return name;
  });
  return { headers, renamed, statistics: codes.map((c) => !AREA_COLUMNS.has(c)) };
}

/** A cell with its mark read as missing ('') in a statistics column. */
export const withoutMark = (layout: EStatLayout, cell: string, column: number): string => (layout.statistics[column] && markOf(cell) !== null ? '' : cell);

/** The marks of the statistics columns and the rows of each HYOSYO level, counted once for the note. */
export function countMarksAndLevels(layout: EStatLayout, rowCount: number, cell: (row: number, column: number) => string): { marks: Map<string, number>; levels: Map<string, number> } {
  const marks = new Map<string, number>(), levels = new Map<string, number>();
  const level = layout.headers.findIndex((h) => h.trim().toUpperCase() === 'HYOSYO');
  for (let r = 0; r < rowCount; r++) {
    if (level >= 0) {
      const value = cell(r, level).trim();
      if (value) levels.set(value, (levels.get(value) ?? 0) + 1);
    }
    for (let c = 0; c < layout.statistics.length; c++) {
      if (!layout.statistics[c]) continue;
      const mark = markOf(cell(r, c));
      if (mark) marks.set(mark, (marks.get(mark) ?? 0) + 1);
    }
  }
  return { marks, levels };
}

/** What was done, in one note: the names taken, the marks read as missing, the levels of the rows. */
export function eStatNote(fileName: string, layout: EStatLayout, marks: ReadonlyMap<string, number>, levels: ReadonlyMap<string, number>): ImportWarning {
  const names = layout.renamed.slice(0, 4);
  const more = layout.renamed.length > names.length ? { ja: ' など', en: ', …' } : { ja: '', en: '' };
  const markList = (lang: 'ja' | 'en') => [...marks].map(([m, n]) => (lang === 'ja' ? `「${m}」（${MARKS[m]!.ja}）${n} 件` : `"${m}" (${MARKS[m]!.en}) ${n}`)).join(lang === 'ja' ? '・' : ', ');
  const levelList = (lang: 'ja' | 'en') => [...levels].sort(([a], [b]) => a.localeCompare(b)).map(([l, n]) => `${l}=${LEVELS[l]?.[lang] ?? '?'} ${n}${lang === 'ja' ? ' 行' : ' rows'}`).join(lang === 'ja' ? '、' : ', ');
  return {
    code: 'estat-table',
    ja:
      `${fileName}: e-Stat の小地域集計の表として読みました。2 行目の見出しを列名にしています（${names.map(([c, n]) => `${c}→${n}`).join('、')}${more.ja}）。` +
      (marks.size > 0 ? `${markList('ja')}は値のない欄（空欄）として読みました。` : '') +
      (levels.size > 0 ? `HYOSYO（表章単位）: ${levelList('ja')}。上の単位の行は下の単位の行の合計なので、合計や地図には一つの単位の行だけを使ってください（KEY_CODE で境界データと結合できます）。` : ''),
    en:
      `${fileName}: read as an e-Stat small-area table. The second header row names the columns (${names.map(([c, n]) => `${c}→${n}`).join(', ')}${more.en}). ` +
      (marks.size > 0 ? `${markList('en')} are read as missing values. ` : '') +
      (levels.size > 0 ? `HYOSYO (level): ${levelList('en')}. A higher level's row is the sum of the rows below it: sum or map the rows of one level only (join to boundaries by KEY_CODE).` : ''),
  };
}
