import { distance } from '@turf/turf';
import { restrictedPointLayers, type Exercise, type Layer } from '../model/exercise';
import { countWithGeometry, findColumn, valueAt } from '../table/layer-table';
import { fileNameOf } from '../io/file-names';
import { geometryOf, refName } from '../model/imc';
import type { CurriculumPackage } from './package';
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
  return step.checks.map((check) => checkOne(check, exercise, pkg));
}

function checkOne(check: MapCheck, exercise: Exercise, pkg: CurriculumPackage): CheckResult {
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
      const wrong: string[] = [];
      const keyColumn = findColumn(polygons.data, check.keyField), resultColumn = findColumn(polygons.data, analysis.field);
      // Areas are named as the trainee sees them on the map (竹園東), not by their ids.
      const nameColumn = check.nameField ? findColumn(polygons.data, check.nameField) : undefined;
      for (let row = 0; row < polygons.data.rowCount; row++) {
        const key = String((keyColumn && valueAt(keyColumn, row)) ?? '');
        const want = expected.get(key);
        const got = resultColumn ? Number(valueAt(resultColumn, row) ?? NaN) : NaN;
        if (want !== undefined && got !== want) wrong.push(`${(nameColumn && valueAt(nameColumn, row)) || key}: ${want} → ${Number.isNaN(got) ? '—' : got}`);
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
      return ok(`タイトル「${title}」`, `Title "${title}"`);
    }
    case 'column-cleaned': {
      const name = fileNameOf(check.dataset);
      const layers = exercise.layers.filter((l) => l.sourceFileName === name);
      if (layers.length === 0) return fail(`「${name}」を読み込んでください（「課題のデータを読み込む」）。`, `Load "${name}" ("Load the task's data").`);
      const withColumn = layers.filter((l) => findColumn(l.data, check.column));
      if (withColumn.length === 0) return fail(`「${name}」の表に「${check.column}」列がありません。列名を変えた場合は「${check.column}」に戻してください。`, `The table of "${name}" has no column "${check.column}". If you renamed it, name it "${check.column}" again.`);
      const problems = withColumn.map((layer) => firstBadValue(layer, check.column, check.type));
      if (problems.some((p) => p === null)) {
        return ok(`「${check.column}」はすべて${check.type === 'number' ? '数値' : '西暦の日付'}です。`, `"${check.column}" is all ${check.type === 'number' ? 'numbers' : 'Western dates'}.`);
      }
      const { row, value } = problems[0]!;
      const step = check.type === 'number' ? { ja: '「文字→数値」', en: '"Text → number"' } : { ja: '「和暦→西暦」', en: '"Japanese era → Western"' };
      return fail(
        `「${check.column}」に${check.type === 'number' ? '数値' : '西暦の日付（2023-04-01）'}でない値があります（${row}行目「${value}」）。「表を整える」タブで、この列に${step.ja}の手順を加えてください。`,
        `"${check.column}" has a value that is not a ${check.type === 'number' ? 'number' : 'Western date (2023-04-01)'} (row ${row}: "${value}"). In the "Clean table" tab, add the step ${step.en} for this column.`,
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
      return ok(`「${style.field}」の地図で、件数が ${style.flagBelow.count} 未満の地区に斜線があります。`, `The map shows "${style.field}", with areas under ${style.flagBelow.count} events hatched.`);
    }
    case 'units-compared': {
      const points = layerFrom(exercise, check.points);
      const missing = [check.points, ...check.units].filter((path) => !layerFrom(exercise, path)).map(fileNameOf);
      if (!points || missing.length > 0) return fail(`「${missing.join('」「')}」が地図にありません。「課題のデータを読み込む」を押してください。`, `"${missing.join('", "')}" not on the map. Press "Load the task's data".`);
      const comparison = exercise.comparison;
      const press = { ja: `「集計：点の数を面ごとに数える」の「区切り方を変えて比べる」を押してください。`, en: `Press "Compare by units of area" under "Analysis: count points per polygon".` };
      if (!comparison || comparison.kind !== 'units' || comparison.pointLayerId !== points.id) return fail(`まだ「${points.name}」を区切り方を変えて数えていません。${press.ja}`, `"${points.name}" has not been counted by several units yet. ${press.en}`);
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
      if (points.dataLevel !== 'department' && points.dataLevel !== 'office') {
        return fail(`「${points.name}」の「公開の範囲」が${points.dataLevel ? 'そのままでは広すぎます' : '未設定です'}。一つ一つの点が人を指しうるデータなので、レイヤ一覧で「庁内限定」（または「部署内限定」）にしてください。`, `"${points.name}": set "Who may see it" in the layer list to office-only (or department-only): each point may point at a person.`);
      }
      if (restrictedPointLayers(exercise).length > 0) return fail(`「${points.name}」の点が地図に出ています。「PNG 保存」を押して「点を隠して集計だけにする」を選ぶか、レイヤのチェックを外してください。`, `The points of "${points.name}" are on the map. Press "Save PNG" and choose "Hide the points, keep the counts", or untick the layer.`);
      const below = exercise.thematic?.suppress?.below ?? 0;
      if (below < check.minSuppress) return fail(`少ない件数が秘匿されていません。「階級区分」の「少ない件数を秘匿」で k を ${check.minSuppress} 以上にしてください。`, `Small counts are not suppressed: set "Suppress small counts" under "Classes" to k = ${check.minSuppress} or more.`);
      return ok(`点は隠れ、件数が 1〜${below - 1} の地区は「秘匿」です。庁外に出せる形の地図です。`, `The points are hidden and counts of 1–${below - 1} are suppressed: the map can leave the office.`);
    }
    case 'sources-given': {
      const unsourced = exercise.layers.filter((l) => l.visible !== false && !l.attribution.trim());
      if (unsourced.length > 0) return fail(`出典のないレイヤがあります：${unsourced.map((l) => l.name).join('、')}。レイヤ一覧で出典を書いてください。`, `Layers without a source: ${unsourced.map((l) => l.name).join(', ')}. Fill in the source in the layer list.`);
      return ok('すべてのレイヤに出典があります。', 'Every layer has its source.');
    }
  }
}

/** The first value of a column that is not a number / an ISO date (row 1-based), or null when all are. */
function firstBadValue(layer: Layer, columnName: string, type: 'number' | 'date'): { row: number; value: string } | null {
  const column = findColumn(layer.data, columnName)!;
  if (type === 'number' && column.type === 'number') return null;
  for (let row = 0; row < layer.data.rowCount; row++) {
    const value = valueAt(column, row);
    if (value === null || value === undefined || String(value).trim() === '') continue;
    const good = type === 'number' ? typeof value === 'number' : /^\d{4}-\d{2}-\d{2}$/.test(String(value));
    if (!good) return { row: row + 1, value: String(value) };
  }
  return null;
}

/** An address-matched layer against the answer keys: share matched at town level, median distance. */
function judgeMatch(layer: Layer, check: Extract<MapCheck, { kind: 'addresses-matched' }>, pkg: CurriculumPackage): CheckResult {
  const levels = findColumn(layer.data, '一致レベル')!, keys = findColumn(layer.data, check.keyField);
  const lats = pkg.answerKeys.get(check.latitudeKey)!, lons = pkg.answerKeys.get(check.longitudeKey)!;
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
    judge(
      purpose.length >= 8 && purposeMissing.length === 0,
      [`課題・目的：「${purpose}」`, `Purpose: "${purpose}"`],
      purpose.length < 8
        ? ['課題・目的を具体的に書きましょう（何を・どの単位で見て・何に使うか）。', 'Write the purpose concretely (what, by which areas, what for).']
        : [`課題・目的に${groupsJa(purposeMissing)}にあたることが書かれていません。課題の文を読み、何を・どの単位で見て・何に使う地図かを書きましょう。`, `The purpose says nothing of ${groupsEn(purposeMissing)}. Read the task and write what is mapped, by which areas, and what for.`],
    );
    const title = row.title.trim();
    const titleMissing = missingGroups(title, expect.titleWords);
    judge(
      title !== '' && titleMissing.length === 0,
      [`地図のタイトル：「${title}」`, `Map title: "${title}"`],
      title === ''
        ? ['地図のタイトルを書きましょう（例：〇〇別〇〇状況図）。', 'Write the map title (e.g. "… by …").']
        : [`タイトルに${groupsJa(titleMissing)}が入っていません。何を・どの単位で表した地図かが分かるタイトルにしましょう。`, `The title lacks ${groupsEn(titleMissing)}: say what is mapped and by which areas.`],
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
    const memoMissing = verdict !== 'wrong' && d.restrictions !== undefined && chosen !== 'open' && (notes[d.id] ?? '').trim().length < MIN_MEMO;
    return { datasetId: d.id, chosen, verdict, ...(alternative ? { nuance: alternative.nuance } : {}), memoMissing, offBy };
  });
}

/** A triage passes when every dataset is placed at a defensible level, with its memo where one is due. */
export const triagePassed = (feedback: readonly TriageFeedback[]) => feedback.every((f) => f.verdict !== 'wrong' && !f.memoMissing);
