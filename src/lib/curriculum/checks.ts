import { distance } from '@turf/turf';
import { keptInside, numericValues, restrictedPointLayers, thematicLayer, type Exercise, type Layer, type ThematicStyle } from '../model/exercise';
import { countWithGeometry, findColumn, valueAt } from '../table/layer-table';
import { fileNameOf } from '../io/file-names';
import { cellName } from '../io/readability';
import { geometryOf, refName } from '../model/imc';
import { dayNumber, type CurriculumPackage } from './package';
import { isSentence, namesASource, namesUsersOrPurpose, titleByArea } from './meaning';
import { TRIAGE_LEVELS, type ImcTaskStep, type LocalText, type MapCheck, type MapTaskStep, type QuizStep, type TriageLevel, type TriageStep } from './schema';

/**
 * The automatic checks of lesson steps, as pure functions of the trainee's work. Each failed check says
 * what is wrong and what to do, in both languages: a check that only says "wrong" teaches nothing.
 */
export interface CheckResult {
  passed: boolean;
  ja: string;
  en: string;
}

/** The layer loaded from a package file (layers remember the file name they came from). */
const layerFrom = (exercise: Exercise, path: string): Layer | undefined => exercise.layers.find((l) => l.sourceFileName === fileNameOf(path));

const METHOD_NAMES: Record<string, { ja: string; en: string }> = {
  quantile: { ja: '分位数（各階級の数をそろえる）', en: 'Quantile (same number per class)' },
  'equal-interval': { ja: '等間隔', en: 'Equal interval' },
  'natural-breaks': { ja: '自然分類（ジェンクス）', en: 'Natural breaks (Jenks)' },
  diverging: { ja: '0 を中心に（差・増減）', en: 'Centred on 0 (differences)' },
  manual: { ja: '手動', en: 'Manual' },
};

export function checkMapTask(step: MapTaskStep, exercise: Exercise, pkg: CurriculumPackage): CheckResult[] {
  const counts = step.checks.find((c): c is Extract<MapCheck, { kind: 'counts-match' }> => c.kind === 'counts-match');
  return step.checks.map((check) => checkOne(check, exercise, pkg, counts));
}

/** Rows of `layer` keyed by the values of its column `keyField`. */
function rowsByKey(layer: Layer, keyField: string): Map<string, number> | null {
  const column = findColumn(layer.data, keyField);
  if (!column) return null;
  const rows = new Map<string, number>();
  for (let row = 0; row < layer.data.rowCount; row++) rows.set(String(valueAt(column, row) ?? ''), row);
  return rows;
}

/** The column of a layer that holds the keys of an answer key: `keyField`, or the one column holding most of them (after a rename). */
function keyColumnOf(layer: Layer, keyField: string, expected: ReadonlyMap<string, number>): { name: string; rows: Map<string, number> } | null {
  const named = rowsByKey(layer, keyField);
  if (named && [...expected.keys()].some((k) => named.has(k))) return { name: keyField, rows: named };
  for (const column of layer.data.columns) {
    const rows = rowsByKey(layer, column.name)!;
    if ([...expected.keys()].filter((k) => rows.has(k)).length >= expected.size / 2) return { name: column.name, rows };
  }
  return named ? { name: keyField, rows: named } : null;
}

const preview = (items: readonly string[]) => items.slice(0, 3).join('、') + (items.length > 3 ? '…' : '');

/**
 * The column `field` of `polygons` against the counts answer key: the areas whose value differs (named as
 * the map shows them), and the answer's areas not found by their key at all (renamed key, deleted rows).
 */
function compareCounts(polygons: Layer, field: string, check: Extract<MapCheck, { kind: 'counts-match' }>, expected: ReadonlyMap<string, number>) {
  const rows = rowsByKey(polygons, check.keyField) ?? new Map<string, number>();
  const resultColumn = findColumn(polygons.data, field);
  // Areas are named as the trainee sees them on the map (竹園東), not by their ids.
  const nameColumn = check.nameField ? findColumn(polygons.data, check.nameField) : undefined;
  const wrong: string[] = [], missing: string[] = [];
  for (const [key, want] of expected) {
    const row = rows.get(key);
    if (row === undefined) {
      missing.push(key);
      continue;
    }
    const got = resultColumn ? Number(valueAt(resultColumn, row) ?? NaN) : NaN;
    if (got !== want) wrong.push(`${(nameColumn && valueAt(nameColumn, row)) || key}: ${want} → ${Number.isNaN(got) ? '—' : got}`);
  }
  return { wrong, missing };
}

/** Located rows a layer lost to 「表を整える」 steps (deleted rows): a task that uses all the data is not done with part of it. */
function locatedRowsDeleted(layer: Layer): number {
  return layer.recipe ? Math.max(0, countWithGeometry(layer.recipe.base) - countWithGeometry(layer.data)) : 0;
}

function checkOne(check: MapCheck, exercise: Exercise, pkg: CurriculumPackage, counts?: Extract<MapCheck, { kind: 'counts-match' }>): CheckResult {
  const ok = (ja: string, en: string): CheckResult => ({ passed: true, ja, en });
  const fail = (ja: string, en: string): CheckResult => ({ passed: false, ja, en });
  switch (check.kind) {
    case 'layer-loaded': {
      const name = fileNameOf(check.dataset);
      const layer = layerFrom(exercise, check.dataset);
      if (!layer) return fail(`「${name}」が地図にありません。「課題のデータを読み込む」を押してください。`, `"${name}" is not on the map. Press "Load the task's data".`);
      const count = countWithGeometry(layer.data);
      if (check.minFeatures !== undefined && count < check.minFeatures) {
        return fail(`「${name}」の位置のある行が ${count} 件しかありません（${check.minFeatures} 件あるはず）。読み込み時の警告を確かめてください。`, `"${name}" has only ${count} rows with a location (expected ${check.minFeatures}). Check the import warnings.`);
      }
      return ok(`「${layer.name}」を読み込みました（${count} 件）。`, `"${layer.name}" is loaded (${count} features).`);
    }
    case 'counts-match': {
      const name = fileNameOf(check.polygons);
      const polygons = layerFrom(exercise, check.polygons);
      const expected = pkg.answerKeys.get(check.answerKey)!;
      if (!polygons) return fail(`面のレイヤ「${name}」が地図にありません。`, `The polygon layer "${name}" is not on the map.`);
      const analysis = exercise.analysis;
      if (!analysis || analysis.polygonLayerId !== polygons.id) {
        return fail(`まだ「${polygons.name}」ごとに集計していません。「集計：点の数を面ごとに数える」で点レイヤを選び、面レイヤに「${polygons.name}」を選んで「面ごとに数える」を押してください。`, `Nothing is aggregated per "${polygons.name}" yet. Under "Analysis: count points per polygon", choose the point layer and "${polygons.name}" as polygons, then press "Count per polygon".`);
      }
      if (analysis.aggregation && analysis.aggregation.op !== 'count') {
        return fail(`「集計のしかた」が「件数を数える」ではありません。この課題は点の数（件数）を数えます。`, `"Aggregate by" is not "Count points"; this task counts the points.`);
      }
      if ((analysis.filters?.length ?? 0) > 0) {
        return fail(`集計に条件（絞り込み）が付いています。条件を外して、すべての点を数えてください。`, `The aggregation has a filter; remove it and count every point.`);
      }
      const { wrong, missing } = compareCounts(polygons, analysis.field, check, expected);
      if (missing.length > 0) {
        return fail(
          `「${polygons.name}」の「${check.keyField}」列に、答えの ${expected.size} 地区のうち ${missing.length} 地区が見つかりません（${preview(missing)}）。列の名前を変えたり行を消したりした場合は、「課題のデータを読み込む」で読み込み直して集計してください。`,
          `${missing.length} of the answer's ${expected.size} areas are not found in the "${check.keyField}" column of "${polygons.name}" (${preview(missing)}). If you renamed the column or deleted rows, load the task's data again and count again.`,
        );
      }
      if (wrong.length > 0) {
        const pointLayer = exercise.layers.find((l) => l.id === analysis.pointLayerId);
        return fail(
          `${expected.size} 地区のうち ${wrong.length} 地区で答えと合いません（正しい値 → あなたの値：${wrong.slice(0, 3).join('、')}）。数えた点レイヤ「${pointLayer?.name ?? '?'}」は課題のデータですか。`,
          `${wrong.length} of ${expected.size} areas differ from the answer (expected → yours: ${wrong.slice(0, 3).join(', ')}). Is the counted point layer "${pointLayer?.name ?? '?'}" the task's data?`,
        );
      }
      return ok(`${expected.size} 地区すべての件数が正しく集計されています。`, `All ${expected.size} areas have the right counts.`);
    }
    case 'classification': {
      const style = exercise.thematic;
      const want = METHOD_NAMES[check.method]!;
      if (!style) return fail('まだ主題図（階級区分図）になっていません。集計結果を地図に表してください。', 'There is no thematic map yet: map the aggregated column.');
      if ((style.kind ?? 'choropleth') !== 'choropleth') {
        return fail('地図が色の階級（階級区分図）ではありません。「階級区分」の「表し方」で「塗り分け（階級区分図）」を選んでください。', 'The map is not in coloured classes: choose "Colours by class (choropleth)" as "Show as" under "Classes".');
      }
      // The classes must be of what the task counted, not of any column that happens to be on the map.
      const countedOn = counts && layerFrom(exercise, counts.polygons);
      const countedField = exercise.analysis?.polygonLayerId === countedOn?.id ? exercise.analysis?.field : undefined;
      if (countedOn && countedField && (style.layerId !== countedOn.id || style.field !== countedField)) {
        const shown = exercise.layers.find((l) => l.id === style.layerId)?.name ?? '?';
        return fail(
          `地図が表しているのは「${shown}」の「${style.field}」です。「階級区分」で、レイヤ「${countedOn.name}」の集計した列「${countedField}」を選んでください。`,
          `The map shows "${style.field}" of "${shown}". Under "Classes" choose the counted column "${countedField}" of "${countedOn.name}".`,
        );
      }
      if (style.method !== check.method) {
        const have = METHOD_NAMES[style.method]!;
        return fail(`階級の分け方が「${have.ja}」です。「階級区分」の「区分の方法」で「${want.ja}」を選んでください。`, `The classes are "${have.en}"; choose "${want.en}" as "Method" under "Classes".`);
      }
      if (check.classCount !== undefined && style.classCount !== check.classCount) {
        return fail(`階級の数が ${style.classCount} です。${check.classCount} にしてください。`, `There are ${style.classCount} classes; use ${check.classCount}.`);
      }
      return ok(`階級の分け方は「${want.ja}」です。`, `Classes by "${want.en}".`);
    }
    case 'title-set': {
      const title = exercise.title.trim();
      if (!title) return fail('地図のタイトルがありません。何の地図かが一目で分かるタイトルを付けてください。', 'The map has no title: give it one that says what it shows.');
      const missing = (check.mustContain ?? []).filter((word) => !title.includes(word));
      if (missing.length > 0) return fail(`タイトルに「${missing.join('」「')}」が入っていません。何を・どの単位で表した地図かを書きましょう。`, `The title lacks "${missing.join('", "')}": say what is mapped and by which areas.`);
      // A map coloured by areas says per which unit: 「小学校区別不審者出没状況図」, not 「不審者 校区」.
      const byAreas = thematicLayer(exercise)?.layer.kind === 'polygon';
      if (byAreas && !titleByArea(title)) return fail(TITLE_SHAPE.ja(title), TITLE_SHAPE.en(title));
      return ok(`タイトル「${title}」`, `Title "${title}"`);
    }
    case 'column-cleaned': {
      const name = fileNameOf(check.dataset);
      const layers = exercise.layers.filter((l) => l.sourceFileName === name);
      if (layers.length === 0) return fail(`「${name}」を読み込んでください（「課題のデータを読み込む」）。`, `Load "${name}" ("Load the task's data").`);
      const withColumn = layers.filter((l) => findColumn(l.data, check.column));
      if (withColumn.length === 0) return fail(`「${name}」の表に「${check.column}」列がありません。列名を変えた場合は「${check.column}」に戻してください。`, `The table of "${name}" has no column "${check.column}". If you renamed it, name it "${check.column}" again.`);
      const problems = withColumn.map((layer) => firstBadValue(layer, check.column, check.type));
      const expected = check.answerKey ? pkg.answerKeys.get(check.answerKey) : undefined;
      if (expected && check.keyField && problems.some((p) => p === null)) {
        // Numbers or dates are not enough: the cleaned column holds each row's own value, every row kept.
        const judged = withColumn.filter((_, i) => problems[i] === null).map((layer) => compareCleaned(layer, check, expected));
        const best = judged.find((j) => j.passed) ?? judged[0]!;
        if (!best.passed) return best;
      }
      if (problems.some((p) => p === null)) {
        return ok(`「${check.column}」はすべて${check.type === 'number' ? '数値' : '西暦の日付'}です。`, `"${check.column}" is all ${check.type === 'number' ? 'numbers' : 'Western dates'}.`);
      }
      const { cell, value } = problems[0]!;
      const step = check.type === 'number' ? { ja: '「文字→数値」', en: '"Text → number"' } : { ja: '「和暦→西暦」', en: '"Japanese era → Western"' };
      return fail(
        `「${check.column}」に${check.type === 'number' ? '数値' : '西暦の日付（2023-04-01）'}でない値があります（${cell}「${value}」）。「表を整える」タブで、この列に${step.ja}の手順を加えてください。`,
        `"${check.column}" has a value that is not a ${check.type === 'number' ? 'number' : 'Western date (2023-04-01)'} (${cell}: "${value}"). In the "Clean table" tab, add the step ${step.en} for this column.`,
      );
    }
    case 'addresses-matched': {
      const name = fileNameOf(check.dataset);
      const matched = exercise.layers.filter((l) => l.sourceFileName === name && l.kind === 'point' && findColumn(l.data, '一致レベル'));
      if (matched.length === 0) {
        return fail(`「${name}」の住所をまだ照合していません。「データを整える」の「住所照合」で、住所の列を選んで「住所照合する」を押してください。`, `The addresses of "${name}" are not matched yet. In "Prepare data" → "Match addresses", pick the address column and press "Match addresses".`);
      }
      const judged = matched.map((layer) => judgeMatch(layer, check, pkg));
      const best = judged.sort((a, b) => Number(b.passed) - Number(a.passed))[0]!;
      return best;
    }
    case 'rates-smoothed': {
      const name = fileNameOf(check.polygons);
      const polygons = layerFrom(exercise, check.polygons);
      const style = exercise.thematic;
      if (!polygons) return fail(`面のレイヤ「${name}」が地図にありません。`, `The polygon layer "${name}" is not on the map.`);
      if (!style || style.layerId !== polygons.id || !style.field.includes('経験ベイズ')) {
        return fail(
          `まだ経験ベイズ率の地図ではありません。人口を「${polygons.name}」ごとに合計してから、「階級区分」の「小さな数の率（経験ベイズ）」で件数の列と人口の列を選び、「経験ベイズ率と超過リスクを加える」を押してください。`,
          `Not an Empirical Bayes rate map yet. Sum the population per "${polygons.name}", then under "Classes" → "Rates on small numbers (Empirical Bayes)" choose the count and population columns and press "Add the Empirical Bayes rate and excess risk".`,
        );
      }
      if (!style.flagBelow) return fail('件数の少ない地区の斜線がありません。もう一度「経験ベイズ率と超過リスクを加える」を押してください。', 'The areas with few events are not hatched: press "Add the Empirical Bayes rate and excess risk" again.');
      const wrongRate = check.population ? rateProblem(polygons, style.flagBelow, check.population, exercise) : null;
      if (wrongRate) return wrongRate;
      return ok(`「${style.field}」の地図で、件数が ${style.flagBelow.count} 未満の地区に斜線があります。`, `The map shows "${style.field}", with areas under ${style.flagBelow.count} events hatched.`);
    }
    case 'units-compared': {
      const points = layerFrom(exercise, check.points);
      const missing = [check.points, ...check.units].filter((path) => !layerFrom(exercise, path)).map(fileNameOf);
      if (!points || missing.length > 0) return fail(`「${missing.join('」「')}」が地図にありません。「課題のデータを読み込む」を押してください。`, `"${missing.join('", "')}" not on the map. Press "Load the task's data".`);
      const comparison = exercise.comparison;
      const press = { ja: `「集計：点の数を面ごとに数える」の「区切り方を変えて比べる」を押してください。`, en: `Press "Compare by units of area" under "Analysis: count points per polygon".` };
      if (!comparison || comparison.kind !== 'units' || comparison.pointLayerId !== points.id) return fail(`まだ「${points.name}」を区切り方を変えて数えていません。${press.ja}`, `"${points.name}" has not been counted by several units yet. ${press.en}`);
      const deleted = locatedRowsDeleted(points);
      if (countWithGeometry(points.data) === 0) return fail(`「${points.name}」に位置のある点がありません。「課題のデータを読み込む」で読み込み直してください。`, `"${points.name}" has no located points. Load the task's data again.`);
      if (deleted > 0) {
        return fail(
          `「${points.name}」の ${deleted} 件を「表を整える」で消しています。区切り方の比較はすべての点で行います。消した手順を取り消してから、もう一度「区切り方を変えて比べる」を押してください。`,
          `${deleted} points of "${points.name}" were deleted in "Clean table". The comparison uses every point: undo that step, then press "Compare by units of area" again.`,
        );
      }
      const shown = new Set(comparison.panels.map((p) => p.layerId));
      const notCounted = check.units.map((path) => layerFrom(exercise, path)!).filter((unit) => !shown.has(unit.id));
      const mesh = comparison.panels.some((p) => exercise.layers.find((l) => l.id === p.layerId && findColumn(l.data, 'メッシュコード')));
      if (notCounted.length > 0 || !mesh) {
        return fail(`並べた地図に「${notCounted.map((u) => u.name).join('」「') || '500mメッシュ'}」がありません。面のレイヤをすべて読み込んでから、もう一度「区切り方を変えて比べる」を押してください。`, `The maps side by side lack "${notCounted.map((u) => u.name).join('", "') || '500 m grid'}". Load every polygon layer, then press "Compare by units of area" again.`);
      }
      return ok(`「${points.name}」を ${comparison.panels.length} 通りの単位（${comparison.panels.map((p) => p.title).join('・')}）で数え、同じ色で並べました。`, `"${points.name}" counted by ${comparison.panels.length} units (${comparison.panels.map((p) => p.title).join(', ')}) side by side in the same colours.`);
    }
    case 'safe-to-publish': {
      const name = fileNameOf(check.points);
      const points = layerFrom(exercise, check.points);
      if (!points) return fail(`「${name}」が地図にありません。「課題のデータを読み込む」を押してください。`, `"${name}" is not on the map. Press "Load the task's data".`);
      if (!keptInside(points)) {
        return fail(`「${points.name}」の「公開の範囲」が${points.dataLevel ? 'そのままでは広すぎます' : '未設定です'}。一つ一つの点が人を指しうるデータなので、レイヤ一覧で「庁内限定」（または「部署内限定」）にしてください。`, `"${points.name}": set "Who may see it" in the layer list to office-only (or department-only): each point may point at a person.`);
      }
      // Every copy of the points counts: a second copy loaded and left open or unmarked shows the same people.
      const copies = exercise.layers.filter((l) => l.kind === 'point' && l.sourceFileName === points.sourceFileName);
      const loose = copies.find((l) => !keptInside(l));
      if (loose) {
        return fail(
          `「${points.name}」がもう一つ地図にあり（「${loose.name}」）、公開の範囲が${loose.dataLevel ? '広すぎます' : '未設定です'}。同じデータはすべて「庁内限定」にするか、要らないほうをレイヤ一覧から削除してください。`,
          `"${points.name}" is on the map twice ("${loose.name}"), the copy ${loose.dataLevel ? 'too open' : 'unmarked'}. Mark every copy office-only, or remove the one you do not need from the layer list.`,
        );
      }
      if (restrictedPointLayers(exercise).length > 0) return fail(`「${points.name}」の点が地図に出ています。「PNG 保存」を押して「点を隠して集計だけにする」を選ぶか、レイヤのチェックを外してください。`, `The points of "${points.name}" are on the map. Press "Save PNG" and choose "Hide the points, keep the counts", or untick the layer.`);
      const below = exercise.thematic?.suppress?.below ?? 0;
      const suppressedField = exercise.thematic?.suppress?.field;
      const countedOn = counts && layerFrom(exercise, counts.polygons);
      const countsKey = counts && pkg.answerKeys.get(counts.answerKey);
      // Suppressing small values of another column hides nothing: the counts themselves must be the ones suppressed.
      if (suppressedField && countedOn && countsKey && (exercise.thematic?.layerId !== countedOn.id || compareCounts(countedOn, suppressedField, counts, countsKey).wrong.length > 0)) {
        return fail(
          `秘匿しているのは「${suppressedField}」で、点の件数ではありません。「階級区分」で件数の列を地図に表し、「少ない件数を秘匿」を設定し直してください。`,
          `"${suppressedField}" is suppressed, not the counts of points. Map the count column under "Classes" and set "Suppress small counts" again.`,
        );
      }
      if (below < check.minSuppress) return fail(`少ない件数が秘匿されていません。「階級区分」の「少ない件数を秘匿」で k を ${check.minSuppress} 以上にしてください。`, `Small counts are not suppressed: set "Suppress small counts" under "Classes" to k = ${check.minSuppress} or more.`);
      return ok(`点は隠れ、件数が 1〜${below - 1} の地区は「秘匿」です。庁外に出せる形の地図です。`, `The points are hidden and counts of 1–${below - 1} are suppressed: the map can leave the office.`);
    }
    case 'sources-given': {
      // An empty map has no source to name: it is not "every layer sourced".
      if (!exercise.layers.some((l) => l.visible !== false)) return fail('地図にレイヤがありません。「課題のデータを読み込む」を押してください。', 'There are no layers on the map. Press "Load the task\'s data".');
      const unsourced = exercise.layers.filter((l) => l.visible !== false && !namesASource(l.attribution));
      if (unsourced.length > 0) {
        return fail(
          `出典のないレイヤがあります：${unsourced.map((l) => `${l.name}${l.attribution.trim() ? `（「${l.attribution.trim()}」は出典ではありません）` : ''}`).join('、')}。レイヤ一覧で、データを作った機関や調査の名前（例：国土数値情報、架空データ）を出典に書いてください。`,
          `Layers without a source: ${unsourced.map((l) => `${l.name}${l.attribution.trim() ? ` ("${l.attribution.trim()}" is not a source)` : ''}`).join(', ')}. In the layer list write who made the data or which survey (e.g. National Land Numerical Information, fictional data).`,
        );
      }
      return ok('すべてのレイヤに出典があります。', 'Every layer has its source.');
    }
  }
}

/**
 * An Empirical Bayes rate against the task's population data: the denominator sums to the population
 * column's total (1 % allowed for points outside every area), and the events are fewer than the people.
 */
function rateProblem(polygons: Layer, flag: NonNullable<ThematicStyle['flagBelow']>, population: { dataset: string; column: string }, exercise: Exercise): CheckResult | null {
  const census = layerFrom(exercise, population.dataset);
  const total = (layer: Layer | undefined, field: string | undefined) => (layer && field ? numericValues(layer, field).reduce((sum, v) => sum + (Number.isFinite(v) ? v : 0), 0) : NaN);
  const want = total(census, population.column), got = total(polygons, flag.population), events = total(polygons, flag.field);
  const name = fileNameOf(population.dataset);
  if (!census) return { passed: false, ja: `「${name}」が地図にありません。「課題のデータを読み込む」を押してください。`, en: `"${name}" is not on the map. Press "Load the task's data".` };
  if (!flag.population || !(Math.abs(got - want) <= want * 0.01)) {
    return {
      passed: false,
      ja: `率の分母「${flag.population ?? '?'}」の合計は ${Number.isFinite(got) ? Math.round(got).toLocaleString('ja-JP') : '—'} で、課題の人口（「${census.name}」の「${population.column}」の合計 ${Math.round(want).toLocaleString('ja-JP')}）と合いません。「集計のしかた」で「合計」と「${population.column}」を選んで人口を面ごとに合計し、その列を「人口の列（母数）」に選んでください（点の数や世帯数は人口ではありません）。`,
      en: `The rate's denominator "${flag.population ?? '?'}" sums to ${Number.isFinite(got) ? Math.round(got).toLocaleString('en-US') : '—'}, not the task's population (${Math.round(want).toLocaleString('en-US')}, the total of "${population.column}" in "${census.name}"). Sum "${population.column}" per area ("Aggregate by": Sum) and choose that column as "Population at risk" (a count of points or households is not the population).`,
    };
  }
  if (flag.field === flag.population || !(events < got)) {
    return {
      passed: false,
      ja: `率の分子「${flag.field}」が件数ではありません（合計 ${Math.round(events).toLocaleString('ja-JP')}）。「件数の列」には数えた件数、「人口の列（母数）」には人口を選んでください。`,
      en: `The rate's numerator "${flag.field}" is not the counted events (total ${Math.round(events).toLocaleString('en-US')}). Choose the counts as "Count column" and the population as "Population at risk".`,
    };
  }
  return null;
}

/** A cleaned column against its answer key: every keyed row still there, each with its own value. */
function compareCleaned(layer: Layer, check: Extract<MapCheck, { kind: 'column-cleaned' }>, expected: ReadonlyMap<string, number>): CheckResult {
  const keys = keyColumnOf(layer, check.keyField!, expected);
  const column = findColumn(layer.data, check.column)!;
  const missing: string[] = [], wrong: string[] = [];
  for (const [key, want] of expected) {
    const row = keys?.rows.get(key);
    if (row === undefined) {
      missing.push(key);
      continue;
    }
    const cell = valueAt(column, row);
    const got = check.type === 'date' ? dayNumber(String(cell ?? '')) : typeof cell === 'number' ? cell : NaN;
    if (!(Math.abs(got - want) < 1e-9)) wrong.push(`${key}（${cellOf(layer, check.column, row)}）`);
  }
  if (missing.length > 0) {
    return {
      passed: false,
      ja: `「${layer.name}」の表から ${expected.size} 行のうち ${missing.length} 行が消えています（${preview(missing)}）。この課題はすべての行を残して整えます。「表を整える」で行を消した手順を取り消してください。`,
      en: `${missing.length} of the ${expected.size} rows of "${layer.name}" are gone (${preview(missing)}). This task keeps every row: in "Clean table" undo the step that deleted them.`,
    };
  }
  if (wrong.length > 0) {
    return {
      passed: false,
      ja: `「${check.column}」の ${wrong.length} 行が元の表の値と違います（${preview(wrong)}）。別の列の名前を「${check.column}」に変えていませんか。その手順を取り消し、元の「${check.column}」列を整えてください。`,
      en: `${wrong.length} rows of "${check.column}" differ from the original table's values (${preview(wrong)}). Did you rename another column to "${check.column}"? Undo that step and clean the original "${check.column}" column.`,
    };
  }
  return { passed: true, ja: '', en: '' };
}

/** A cell of a layer's table named as the workbench shows it (E5). */
const cellOf = (layer: Layer, columnName: string, row: number) => cellName(layer.data.columns.findIndex((c) => c.name === columnName), row);

/** The first value of a column that is not a number / an ISO date (its cell, E5), or null when all are. */
function firstBadValue(layer: Layer, columnName: string, type: 'number' | 'date'): { cell: string; value: string } | null {
  const column = findColumn(layer.data, columnName)!;
  if (type === 'number' && column.type === 'number') return null;
  for (let row = 0; row < layer.data.rowCount; row++) {
    const value = valueAt(column, row);
    if (value === null || value === undefined || String(value).trim() === '') continue;
    const good = type === 'number' ? typeof value === 'number' : /^\d{4}-\d{2}-\d{2}$/.test(String(value));
    if (!good) return { cell: cellOf(layer, columnName, row), value: String(value) };
  }
  return null;
}

/** An address-matched layer against the answer keys: share matched at town level, median distance. */
function judgeMatch(layer: Layer, check: Extract<MapCheck, { kind: 'addresses-matched' }>, pkg: CurriculumPackage): CheckResult {
  const levels = findColumn(layer.data, '一致レベル')!, keys = findColumn(layer.data, check.keyField);
  const lats = pkg.answerKeys.get(check.latitudeKey)!, lons = pkg.answerKeys.get(check.longitudeKey)!;
  // Rows the answer has that the matched table lost (deleted before or after matching) count as unmatched.
  const present = new Set(keys ? Array.from({ length: layer.data.rowCount }, (_, row) => String(valueAt(keys, row) ?? '')) : []);
  const lost = [...lats.keys()].filter((key) => !present.has(key));
  if (keys && lost.length > 0) {
    return {
      passed: false,
      ja: `照合した「${layer.name}」に、元の表の ${lats.size} 件のうち ${lost.length} 件がありません（${preview(lost)}）。行を消さずに、すべての行の住所を照合してください（消した手順は「表を整える」で取り消せます）。`,
      en: `${lost.length} of the ${lats.size} rows of the original table are not in the matched "${layer.name}" (${preview(lost)}). Match the addresses of every row without deleting any (undo the deleting step in "Clean table").`,
    };
  }
  const rows = layer.data.rowCount;
  let town = 0;
  const distances: number[] = [];
  const xy = layer.data.geometry.layout === 'points' ? layer.data.geometry.xy : null;
  for (let row = 0; row < rows; row++) {
    // A 街区 is finer than a town: matched at least to the town.
    if (valueAt(levels, row) === '町字' || valueAt(levels, row) === '街区') town++;
    const key = keys ? String(valueAt(keys, row) ?? '') : '';
    const lat = lats.get(key), lon = lons.get(key);
    const x = xy?.[row * 2] ?? NaN, y = xy?.[row * 2 + 1] ?? NaN;
    if (lat !== undefined && lon !== undefined) distances.push(x === x ? distance([x, y], [lon, lat], { units: 'meters' }) : Infinity);
  }
  const share = rows === 0 ? 0 : town / rows;
  if (share < check.minTownShare) {
    return {
      passed: false,
      ja: `町字まで一致したのは ${rows} 件中 ${town} 件です（${Math.round(check.minTownShare * 100)}% 以上必要）。住所の列を選んでいるか、市区町村が書かれていない住所のために「市区町村が書かれていない住所の市区町村（任意）」を入れたかを確かめてください。`,
      en: `Only ${town} of ${rows} rows matched a town (at least ${Math.round(check.minTownShare * 100)}% needed). Check that the address column is chosen, and give the city for addresses without one.`,
    };
  }
  distances.sort((a, b) => a - b);
  const median = distances.length === 0 ? Infinity : distances[Math.floor(distances.length / 2)]!;
  if (!(median <= check.maxMedianM)) {
    return {
      passed: false,
      ja: `照合した位置が本当の位置から離れています（距離の中央値 ${Number.isFinite(median) ? Math.round(median) + ' m' : '—'}、${check.maxMedianM} m 以内のはず）。「${check.keyField}」列は残っていますか。住所の列を選び直してください。`,
      en: `The matched points are far from the true places (median ${Number.isFinite(median) ? Math.round(median) + ' m' : '—'}, should be within ${check.maxMedianM} m). Is the "${check.keyField}" column kept? Choose the address column again.`,
    };
  }
  return {
    passed: true,
    ja: `${rows} 件中 ${town} 件を町字で照合しました（本当の位置との距離の中央値 ${Math.round(median)} m）。`,
    en: `${town} of ${rows} rows matched a town (median ${Math.round(median)} m from the true places).`,
  };
}

/** The refusal of a title that does not say per which unit (rule: meaning.ts titleByArea). */
const TITLE_SHAPE = {
  ja: (title: string) => `タイトル「${title}」は言葉の並びで、何を・どの単位で表したかが分かりません。「小学校区別不審者出没状況図」「学区ごとの〇〇件数」のように、単位に「別」「ごとの」を付けて表すものとつなげましょう。`,
  en: (title: string) => `The title "${title}" is words side by side: it does not say what is mapped per which unit. Join them, as in "Suspicious-person reports by school district".`,
};

const WORD = { point: '点', line: '線', polygon: '面' } as const;
const WORD_EN = { point: 'point', line: 'line', polygon: 'polygon' } as const;

/** Text compared by meaning, not form: full-width letters, case. */
const folded = (text: string) => text.normalize('NFKC').toLowerCase();
/** The word groups of which `text` holds no word (each group is alternatives: 学区 / 校区). */
const missingGroups = (text: string, groups: readonly (readonly string[])[] = []) => groups.filter((group) => !group.some((word) => folded(text).includes(folded(word))));
const groupsJa = (groups: readonly (readonly string[])[]) => groups.map((g) => `「${g.join('／')}」`).join('');
const groupsEn = (groups: readonly (readonly string[])[]) => groups.map((g) => `"${g.join(' / ')}"`).join(', ');

/**
 * Checks that one IMC row of the exercise answers the task: a purpose and a title that speak of what the
 * task is about (the curriculum's key words), the data the task names for レイヤ１・レイヤ２ with the right
 * 点・線・面, and the processing. Passed lines state the fact; failed lines say what to do.
 */
export function checkImcTask(step: ImcTaskStep, exercise: Exercise): CheckResult[] {
  const rows = exercise.imc ?? [];
  if (rows.length === 0) return [{ passed: false, ja: '「空間的課題解決チャート（IMC）」タブで「行を追加」を押し、課題の行を書き込んでください。', en: 'In the "Problem-solving chart (IMC)" tab press "Add row" and fill in the row for the task.' }];
  const { expect } = step;
  // The row that fits best is judged: the trainee may keep other rows (e.g. the worked examples).
  const judged = rows.map((row) => {
    const results: CheckResult[] = [];
    const judge = (passed: boolean, fact: [string, string], todo: [string, string]) => results.push({ passed, ja: passed ? fact[0] : todo[0], en: passed ? fact[1] : todo[1] });
    const purpose = row.purpose.trim();
    const purposeMissing = missingGroups(purpose, expect.purposeWords);
    const sentence = isSentence(purpose, (expect.purposeWords ?? []).flat());
    judge(
      purpose.length >= 8 && purposeMissing.length === 0 && sentence,
      [`課題・目的：「${purpose}」`, `Purpose: "${purpose}"`],
      purpose.length < 8
        ? ['課題・目的を具体的に書きましょう（何を・どの単位で見て・何に使うか）。', 'Write the purpose concretely (what, by which areas, what for).']
        : purposeMissing.length > 0
          ? [`課題・目的に${groupsJa(purposeMissing)}にあたることが書かれていません。課題の文を読み、何を・どの単位で見て・何に使う地図かを書きましょう。`, `The purpose says nothing of ${groupsEn(purposeMissing)}. Read the task and write what is mapped, by which areas, and what for.`]
          : [`課題・目的が言葉の並びで、文になっていません。「〇〇を〇〇ごとに見て、〇〇を決める」のように、何を見て何を決める（する）のかを一文で書きましょう。`, `The purpose is a list of words, not a sentence. Write in one sentence what you will look at and what it will decide, e.g. "See … by …, to decide …".`],
    );
    const title = row.title.trim();
    const titleMissing = missingGroups(title, expect.titleWords);
    // A row that aggregates into areas makes a map by areas: its title says per which unit.
    const byAreas = expect.layer2 === 'polygon' || (expect.processing !== undefined && expect.processing !== 'none');
    judge(
      title !== '' && titleMissing.length === 0 && (!byAreas || titleByArea(title) !== null),
      [`地図のタイトル：「${title}」`, `Map title: "${title}"`],
      title === ''
        ? ['地図のタイトルを書きましょう（例：〇〇別〇〇状況図）。', 'Write the map title (e.g. "… by …").']
        : titleMissing.length > 0
          ? [`タイトルに${groupsJa(titleMissing)}が入っていません。何を・どの単位で表した地図かが分かるタイトルにしましょう。`, `The title lacks ${groupsEn(titleMissing)}: say what is mapped and by which areas.`]
          : [TITLE_SHAPE.ja(title), TITLE_SHAPE.en(title)],
    );
    for (const [key, label, en] of [['layer1', 'レイヤ１', 'Layer 1'], ['layer2', 'レイヤ２', 'Layer 2']] as const) {
      const wanted = expect[key];
      const words = expect[`${key}Data`];
      if (!wanted && !words) continue;
      const ref = row[key];
      const name = refName(ref, exercise, 'ja'), nameEn = refName(ref, exercise, 'en');
      const geometry = geometryOf(ref, exercise);
      const source = ref?.source === 'layer' ? (exercise.layers.find((l) => l.id === ref.layerId)?.sourceFileName ?? '') : ref?.source === 'sample' ? ref.fileName : '';
      const named = !words || missingGroups(`${name} ${nameEn} ${source}`, [words]).length === 0;
      const kind = wanted ? { ja: WORD[wanted], en: WORD_EN[wanted] } : { ja: '', en: '' };
      if (!ref) {
        judge(false, ['', ''], [`${label}が空です。${words ? `「${words[0]}」の` : ''}${kind.ja}のレイヤを選ぶか、「まだないデータ（欲しいデータ）」として書きましょう。`, `${en} is empty: choose the ${words ? `"${words[0]}" ` : ''}${kind.en} layer, or write it as "Data we would need".`]);
      } else if (wanted && geometry !== wanted) {
        judge(false, ['', ''], [`${label}「${name}」は${geometry ? `${WORD[geometry]}のデータ` : '点・線・面のどれか分からないデータ'}です。${kind.ja}のレイヤを選びましょう。`, `${en} "${nameEn}" is ${geometry ? `${WORD_EN[geometry]} data` : 'neither point, line nor polygon'}: choose a ${kind.en} layer.`]);
      } else {
        judge(
          named,
          [`${label}は${kind.ja}のデータ「${name}」です。`, `${en} is the ${kind.en} data "${nameEn}".`],
          [`${label}「${name}」は課題のデータではありません。課題が求める「${words!.join('／')}」のデータを選ぶか、「まだないデータ（欲しいデータ）」として書きましょう。`, `${en} "${nameEn}" is not the task's data: choose the "${words!.join(' / ')}" data, or write it as "Data we would need".`],
        );
      }
    }
    if (expect.processing) {
      const right = row.processing.op === expect.processing;
      judge(
        right,
        ['処理（組み合わせ方）は課題のとおりです。', 'The processing is what the task needs.'],
        [
          `処理（組み合わせ方）を見直しましょう。${expect.processing === 'count' ? '点を面ごとに数えるには「点の箇所数を面で集計」です。' : ''}`,
          `Review the processing.${expect.processing === 'count' ? ' To count points per area, choose "Count points per polygon".' : ''}`,
        ],
      );
    }
    return results;
  });
  return judged.sort((a, b) => a.filter((r) => !r.passed).length - b.filter((r) => !r.passed).length)[0]!;
}

export function isQuizCorrect(step: QuizStep, chosen: readonly number[]): boolean {
  return [...chosen].sort().join(',') === [...step.correct].sort().join(',');
}

export interface TriageFeedback {
  datasetId: string;
  chosen: TriageLevel | undefined;
  /** The model answer, a defensible alternative (with its nuance), or neither. */
  verdict: 'expected' | 'acceptable' | 'wrong';
  nuance?: LocalText;
  /** A restriction is expected at the chosen level and the memo says nothing. */
  memoMissing: boolean;
  /** How many steps along the spectrum the choice is from the answer (negative: more closed). */
  offBy: number;
}

/** The shortest memo that can name who may use the data and what for (利用者・目的). */
const MIN_MEMO = 4;

/** A placed dataset against the model: the model answer, a defensible alternative, or neither. */
export function triageVerdict(dataset: TriageStep['datasets'][number], chosen: TriageLevel | undefined): TriageFeedback['verdict'] {
  return chosen === dataset.answer ? 'expected' : dataset.acceptable?.some((a) => a.level === chosen) ? 'acceptable' : 'wrong';
}

export function triageFeedback(step: TriageStep, answers: Readonly<Record<string, TriageLevel>>, notes: Readonly<Record<string, string>> = {}): TriageFeedback[] {
  return step.datasets.map((d) => {
    const chosen = answers[d.id];
    const offBy = chosen ? TRIAGE_LEVELS.indexOf(chosen) - TRIAGE_LEVELS.indexOf(d.answer) : 0;
    const alternative = d.acceptable?.find((a) => a.level === chosen);
    const verdict = triageVerdict(d, chosen);
    const memo = (notes[d.id] ?? '').trim();
    const memoMissing = verdict !== 'wrong' && d.restrictions !== undefined && chosen !== 'open' && (memo.length < MIN_MEMO || !namesUsersOrPurpose(memo));
    return { datasetId: d.id, chosen, verdict, ...(alternative ? { nuance: alternative.nuance } : {}), memoMissing, offBy };
  });
}

/** A triage passes when every dataset is placed at a defensible level, with its memo where one is due. */
export const triagePassed = (feedback: readonly TriageFeedback[]) => feedback.every((f) => f.verdict !== 'wrong' && !f.memoMissing);
