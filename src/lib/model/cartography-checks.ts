import { areaSpanKm2 } from '../geo/normalize';
import { thematicLayer, type Exercise, type LegendClass } from './exercise';

/** A hint that teaches: what is wrong with the map and why it matters. */
export interface CartographyHint {
  code: 'raw-values-unequal-areas' | 'too-many-classes' | 'too-many-circles' | 'no-title' | 'no-source' | 'no-classes';
  ja: string;
  en: string;
}

/** Above this ratio of largest to smallest area, raw counts mostly show which areas are big. */
const AREA_RATIO_LIMIT = 4;
/** More classes than this are hard to tell apart by colour (a common cartographic rule of thumb). */
const READABLE_CLASSES = 7;
/** Above this many areas, circles sized by value cover one another over most of the map. */
const READABLE_CIRCLES = 500;

export function cartographyHints(exercise: Exercise, legend: readonly LegendClass[]): CartographyHint[] {
  const hints: CartographyHint[] = [];
  const { style, layer } = thematicLayer(exercise) ?? {};
  if (style && layer) {
    const analysis = exercise.analysis;
    const isRawTotal = analysis?.field === style.field && (analysis.aggregation?.op ?? 'count') !== 'mean' && analysis.aggregation?.op !== 'max';
    // Circles show totals honestly (their size does not depend on the area), so only colours are warned.
    if (isRawTotal && (style.kind ?? 'choropleth') === 'choropleth') {
      const [smallest, largest] = areaSpanKm2(layer.data);
      const ratio = largest / smallest;
      if (ratio > AREA_RATIO_LIMIT) {
        hints.push({
          code: 'raw-values-unequal-areas',
          ja: `区域の面積が最大 ${Math.round(ratio)} 倍違います。件数や合計をそのまま塗り分けると、広い区域ほど濃く見えがちです。「1km²あたり」や「人口あたり」にするか、表し方を「円の大きさ」にすることを検討しましょう。`,
          en: `Areas differ in size up to ${Math.round(ratio)}×. Colouring raw counts or totals makes large areas look high. Consider per km² or per population, or show them as circle sizes.`,
        });
      }
    }
    if (style.kind === 'graduated-circles' && layer.data.rowCount > READABLE_CIRCLES) {
      const areas = layer.data.rowCount.toLocaleString('ja-JP');
      hints.push({
        code: 'too-many-circles',
        ja: `${areas} の区域に円を描くと、円どうしが重なって読めません。「1km²あたり」や「人口あたり」の色分けにするか、区域を絞りましょう。`,
        en: `Circles over ${layer.data.rowCount.toLocaleString('en')} areas cover one another and cannot be read. Colour a rate (per km² or per population) instead, or map fewer areas.`,
      });
    }
    if ((style.kind ?? 'choropleth') === 'choropleth' && style.classCount > READABLE_CLASSES) {
      hints.push({
        code: 'too-many-classes',
        ja: `階級が ${style.classCount} あります。色の違いを見分けられるのは 5〜7 階級ほどまでです。`,
        en: `${style.classCount} classes: colours are hard to tell apart beyond about 5–7.`,
      });
    }
    if ((style.kind ?? 'choropleth') === 'choropleth' && legend.length === 0) {
      hints.push({ code: 'no-classes', ja: `列「${style.field}」に数値がないため凡例を作れません。`, en: `Column "${style.field}" has no numbers, so there is no legend.` });
    }
  }
  // Before any data there is no map to title yet: the hint would be the first thing a new trainee reads.
  if (exercise.title.trim() === '' && exercise.layers.length > 0) {
    hints.push({ code: 'no-title', ja: '地図のタイトルがありません。何の地図かを一言で書きましょう。', en: 'The map has no title: say in a few words what it shows.' });
  }
  const unsourced = exercise.layers.filter((l) => l.attribution.trim() === '');
  if (unsourced.length > 0) {
    hints.push({
      code: 'no-source',
      ja: `出典が書かれていないレイヤがあります（${unsourced.map((l) => l.name).join('、')}）。データの出所を書きましょう。`,
      en: `Some layers have no source (${unsourced.map((l) => l.name).join(', ')}). Say where the data comes from.`,
    });
  }
  return hints;
}
