import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/lib/i18n/messages';

/**
 * Lesson text and the screen must not drift apart: every label a curriculum (or a check's message)
 * quotes — 「面ごとに数える」 in Japanese, "Count per polygon" in English — must be a label the app shows.
 * Quotes that are not labels (column names, example values, map titles, sayings) are listed here.
 */
const NOT_LABELS = new Set([
  // Column names and values of the lesson data, and what a cell holds.
  '収容人数', '住所', '一致レベル', '照合住所', '人口合計', '件数',
  // What the map writes on suppressed areas (the legend's class is 秘匿（1〜k−1件）).
  '秘匿', '１２００人', '１，２００人', '平成21年4月1日', '茨城県／つくば市／みどりの中央／12-1', '人', '-',
  'evacuation-sites-as-kept（住所照合）',
  // Map titles, questions and sayings the lessons discuss.
  '小学校区別不審者出没状況図', '小学校区別 避難場所1か所あたり人口', 'どこで多いか', 'どの地区で多いのか', 'どこに・何が・誰のデータがあるか',
  'それを示すデータは？', '個人情報があるから出せない', '分からないツールは使われない', '何を・どの単位で・どう組み合わせて', 'データを可視化して現象をとらえる',
  '人が見るための表', '使えるデータ', '人が多いから件数も多い', 'いちばん', '見る', '使う', '集計値', '配水管網', 'オープン', 'クローズ', 'デジタルリーダー', '1km²あたり', '人口あたり',
  '機械判読可能なデータの表記方法の統一ルール',
  // How a title or a purpose is shaped (checks.ts refuses words side by side with these examples).
  '不審者 校区', '学区ごとの〇〇件数', '別', 'ごとの', '〇〇を〇〇ごとに見て、〇〇を決める',
  'digital leaders', 'personal data, so no', 'which data shows that?',
]);

const curricula = new URL('../../curricula/', import.meta.url);
const texts = (value: unknown, locale: 'ja' | 'en'): string[] =>
  Array.isArray(value) ? value.flatMap((v) => texts(v, locale))
  : typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([k, v]) => (k === locale && typeof v === 'string' ? [v] : texts(v, locale)))
  : [];
const quotes = (text: string, locale: 'ja' | 'en') => [...text.matchAll(locale === 'ja' ? /「([^「」$]+)」/g : /"([^"$]+)"/g)].map((m) => m[1]!);

const labels = { ja: new Set(Object.values(messages).map((m) => m.ja)), en: new Set(Object.values(messages).map((m) => m.en)) };
const unknown = (found: string[], locale: 'ja' | 'en') => [...new Set(found)].filter((q) => !labels[locale].has(q) && !NOT_LABELS.has(q));

describe('lesson text names the controls as the screen does', () => {
  for (const folder of readdirSync(curricula).filter((f) => f.startsWith('level-'))) {
    const curriculum = JSON.parse(readFileSync(new URL(`${folder}/curriculum.json`, curricula), 'utf8'));
    for (const locale of ['ja', 'en'] as const) {
      it(`${folder} (${locale}): every quoted label is in the message catalogue`, () => {
        expect(unknown(texts(curriculum, locale).flatMap((t) => quotes(t, locale)), locale)).toEqual([]);
      });
    }
  }

  it('the checks\' messages quote labels the screen shows', () => {
    const source = readFileSync(new URL('../../src/lib/curriculum/checks.ts', import.meta.url), 'utf8');
    // Quotes with a ${…} part are names of the trainee's own layers and columns.
    const ja = [...source.matchAll(/「([^「」]+)」/g)].map((m) => m[1]!).filter((q) => !/[$'{}]/.test(q));
    expect(unknown(ja, 'ja')).toEqual([]);
  });

  it('a label that is not on the screen is caught (the test can fail)', () => {
    expect(unknown(['表現', '面ごとに数える'], 'ja')).toEqual(['表現']);
    expect(unknown(['Style', 'Count per polygon'], 'en')).toEqual(['Style']);
  });
});
