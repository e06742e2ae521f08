// Every checked step of the built-in curricula against answers that look done but mean nothing: key words
// without a sentence, an emptied table, the wrong column renamed, the wrong denominator, a classification
// of another column, a placeholder 出典. Each must be refused with a line that says what to do, and the
// right answer must still pass. (Seen in a trial: 4 of 19 such attempts passed the earlier checks.)
import { describe, expect, it } from 'vitest';
import { checkImcTask, checkMapTask, triageFeedback, triagePassed, type CheckResult } from '../../src/lib/curriculum/checks';
import type { CurriculumPackage } from '../../src/lib/curriculum/package';
import type { MapTaskStep } from '../../src/lib/curriculum/schema';
import { newExercise, type Exercise, type Layer } from '../../src/lib/model/exercise';
import { exampleRows, type ImcRow } from '../../src/lib/model/imc';
import { readShippedDictionary } from '../../src/lib/address/dictionary';
import { matchTableAddresses } from '../../src/lib/address/match-table';
import { readFileSync } from 'node:fs';
import { builtInPackage, cleaned, countedInto, exerciseWith, replaceLayer, smoothed, stepOf, summedInto } from './lesson-tasks';
import { useSampleSetup } from './sample-setup';

useSampleSetup();

type Attempt = [name: string, make: () => Exercise | Promise<Exercise>];

/** A refusal names what to do (an instruction, not only "wrong"), in both languages. */
const SAYS_WHAT_TO_DO = /ください|ましょう/;

function expectRefused(results: CheckResult[]) {
  const failed = results.filter((r) => !r.passed);
  expect(failed.length, `passed: ${results.map((r) => r.ja).join(' / ')}`).toBeGreaterThan(0);
  for (const f of failed) {
    expect(f.ja).toMatch(SAYS_WHAT_TO_DO);
    expect(f.en.length).toBeGreaterThan(10);
  }
}

/** The attempts at a map task are refused; the right answer passes. */
function mapTaskCases(pkg: () => CurriculumPackage, stepId: string, right: () => Promise<Exercise>, attempts: Attempt[]) {
  const step = () => stepOf(pkg(), stepId, 'map-task') as MapTaskStep;
  it('the right answer passes', async () => {
    expect(checkMapTask(step(), await right(), pkg()).filter((r) => !r.passed)).toEqual([]);
  });
  it.each(attempts)('refuses: %s', async (_, make) => expectRefused(checkMapTask(step(), await make(), pkg())));
  it('has at least five nonsense attempts', () => expect(attempts.length).toBeGreaterThanOrEqual(5));
}

const renamed = (layer: Layer, from: string, to: string): Layer => ({ ...layer, data: { ...layer.data, columns: layer.data.columns.map((c) => (c.name === from ? { ...c, name: to } : c)) } });
/** The layer with every row gone (as if deleted), its columns kept. */
const emptied = (layer: Layer): Layer => ({ ...layer, data: { ...layer.data, rowCount: 0 } });

// ——— Level Ⅰ ———
const level1 = () => builtInPackage(1);
const DISTRICTS = 'data/tsukuba-school-districts.geojson';

async function level1Counted(title = '小学校区別不審者出没件数図', method: 'quantile' | 'equal-interval' = 'quantile') {
  const exercise = await exerciseWith(level1(), [DISTRICTS, 'data/fictional-suspicious-person-reports.csv', 'data/tsukuba-chome-approx.geojson']);
  return { ...countedInto(exercise, exercise.layers[1]!, exercise.layers[0]!, method), title };
}

describe('Ⅰ map-count: count the reports per school district and title the map', () => {
  mapTaskCases(level1, 'map-count', () => level1Counted(), [
    ['a title of the key word only (「校区」)', () => level1Counted('校区')],
    ['a title of key words side by side (「不審者 校区」)', () => level1Counted('不審者 校区')],
    ['a title of key words run together (「不審者校区」)', () => level1Counted('不審者校区')],
    ['a title of the unit alone (「校区別」)', () => level1Counted('校区別')],
    ['the district id column renamed, so no district can be compared', async () => {
      const e = await level1Counted();
      return replaceLayer(e, renamed(e.layers[0]!, '学区ID', 'ID'));
    }],
  ]);
});

describe('Ⅰ map-equal-interval: the counts in equal-interval classes', () => {
  mapTaskCases(level1, 'map-equal-interval', () => level1Counted(undefined, 'equal-interval'), [
    ['equal intervals of another column (the area code)', async () => {
      const e = await level1Counted(undefined, 'equal-interval');
      return { ...e, thematic: { ...e.thematic!, field: '行政区域コード' } };
    }],
    ['equal intervals on another layer (the 町丁目 polygons)', async () => {
      const e = await level1Counted(undefined, 'equal-interval');
      return { ...e, thematic: { ...e.thematic!, layerId: e.layers[2]!.id } };
    }],
    ['the counts as circles, not classes', async () => {
      const e = await level1Counted(undefined, 'equal-interval');
      return { ...e, thematic: { ...e.thematic!, kind: 'graduated-circles' } };
    }],
    ['the districts emptied (no area left to be wrong)', async () => {
      const e = await level1Counted(undefined, 'equal-interval');
      return replaceLayer(e, emptied(e.layers[0]!));
    }],
    ['the district id column renamed', async () => {
      const e = await level1Counted(undefined, 'equal-interval');
      return replaceLayer(e, renamed(e.layers[0]!, '学区ID', 'ID'));
    }],
  ]);
});

describe('Ⅰ map-units: the same points counted by districts, 町丁目 and the grid', () => {
  async function compared(points?: (p: Layer, e: Exercise) => Exercise) {
    let e = await exerciseWith(level1(), [DISTRICTS, 'data/fictional-suspicious-person-reports.csv', 'data/tsukuba-chome-approx.geojson']);
    if (points) e = points(e.layers[1]!, e);
    const mesh: Layer = { ...e.layers[2]!, id: 'mesh', name: '500mメッシュ', sourceFileName: '', data: { ...e.layers[2]!.data, columns: [...e.layers[2]!.data.columns, { name: 'メッシュコード', type: 'text', values: [] } as never] } };
    return {
      ...e,
      layers: [...e.layers, mesh],
      comparison: { kind: 'units' as const, pointLayerId: 'l1', panels: [{ layerId: 'l0', field: 'n', title: '学区' }, { layerId: 'l2', field: 'n', title: '町丁目' }, { layerId: 'mesh', field: 'n', title: '500m' }] },
    };
  }
  mapTaskCases(level1, 'map-units', () => compared(), [
    ['every report deleted in 表を整える before comparing', () => compared((p, e) => cleaned(e, p, [{ op: 'delete-rows', column: '番号', match: 'contains', value: 'R' }]))],
    ['the reports cut to those of one kind', () => compared((p, e) => cleaned(e, p, [{ op: 'delete-rows', column: '種別', match: 'equals', value: 'つきまとい' }]))],
    ['the reports emptied', () => compared((p, e) => replaceLayer(e, emptied(p)))],
    ['the reports of junior-high pupils deleted', () => compared((p, e) => cleaned(e, p, [{ op: 'delete-rows', column: '対象', match: 'equals', value: '中学生' }]))],
    ['the reports of the spring (April) deleted', () => compared((p, e) => cleaned(e, p, [{ op: 'delete-rows', column: '発生日', match: 'contains', value: '-04-' }]))],
    ['the 町丁目 left out of the comparison', async () => {
      const e = await compared();
      return { ...e, comparison: { ...e.comparison, panels: e.comparison.panels.filter((p) => p.layerId !== 'l2') } };
    }],
    ['another point layer compared', async () => {
      const e = await compared();
      return { ...e, comparison: { ...e.comparison, pointLayerId: 'l0' } };
    }],
  ]);
});

// ——— Level Ⅱ ———
const level2 = () => builtInPackage(2);

describe('Ⅱ imc-row: the IMC row of the worked example', () => {
  const step = () => stepOf(level2(), 'imc-row', 'imc-task');
  const row = (): ImcRow => exampleRows(() => 'r1')[0]!;
  const judge = (change: Partial<ImcRow>) => checkImcTask(step(), { ...newExercise('ex', new Date()), imc: [{ ...row(), ...change }] });
  it('the worked example and sentences of one\'s own pass', () => {
    expect(judge({}).filter((r) => !r.passed)).toEqual([]);
    expect(judge({ purpose: '学区ごとの不審者の出没件数を見て、見守り活動を重点的に行う学区を決める', title: '不審者出没件数（小学校区別）' }).filter((r) => !r.passed)).toEqual([]);
    expect(judge({ purpose: 'Decide which school districts need patrol support from suspicious-person reports', title: 'Suspicious-person reports by school district' }).filter((r) => !r.passed)).toEqual([]);
  });
  const attempts: [string, Partial<ImcRow>][] = [
    ['a purpose of key words (「不審者 学区 安全」)', { purpose: '不審者 学区 安全' }],
    ['a purpose of more key words with commas', { purpose: '不審者、学区、見守り、防犯、対策。' }],
    ['a purpose of English key words', { purpose: 'suspicious district patrol safety' }],
    ['a title of key words (「不審者 学区」)', { title: '不審者 学区' }],
    ['a title of key words run together', { title: '不審者学区地図' }],
    ['no processing chosen', { processing: { op: 'none' } }],
  ];
  it.each(attempts)('refuses: %s', (_, change) => expectRefused(judge(change)));
});

describe('Ⅱ clean-messy: 収容人数 as numbers and 開設日 as dates, every site kept', () => {
  const XLSX_FILE = 'data/evacuation-sites-as-kept.xlsx';
  const table = async () => {
    const e = await exerciseWith(level2(), [XLSX_FILE]);
    return { e, t: e.layers[0]! };
  };
  const right = async () => {
    const { e, t } = await table();
    return cleaned(e, t, [{ op: 'to-number', column: '収容人数' }]);
  };
  mapTaskCases(level2, 'clean-messy', right, [
    ['every row deleted (no 「人」 left)', async () => {
      const { e, t } = await table();
      return cleaned(e, t, [{ op: 'delete-rows', column: '収容人数', match: 'contains', value: '人' }]);
    }],
    ['施設コード renamed to 収容人数 and made numeric', async () => {
      const { e, t } = await table();
      return cleaned(e, t, [{ op: 'rename-column', column: '収容人数', to: '収容人数（元）' }, { op: 'rename-column', column: '施設コード', to: '収容人数' }, { op: 'to-number', column: '収容人数' }]);
    }],
    ['every row deleted by the address', async () => {
      const { e, t } = await table();
      return cleaned(e, t, [{ op: 'delete-rows', column: '住所', match: 'contains', value: 'つくば' }]);
    }],
    ['the rows with a ５ in 収容人数 deleted, the rest converted', async () => {
      const { e, t } = await table();
      return cleaned(e, t, [{ op: 'delete-rows', column: '収容人数', match: 'contains', value: '５' }, { op: 'to-number', column: '収容人数' }]);
    }],
    ['No. renamed to 収容人数 (the row numbers as capacities)', async () => {
      const { e, t } = await table();
      return cleaned(e, t, [{ op: 'rename-column', column: '収容人数', to: '人数' }, { op: 'rename-column', column: 'No.', to: '収容人数' }, { op: 'to-number', column: '収容人数' }]);
    }],
  ]);
});

describe('Ⅱ match-addresses: the sites placed by their addresses', () => {
  const dictionary = readShippedDictionary(new Uint8Array(readFileSync(new URL('../../public/address-dictionary/japan-towns-geolonia.csv.gz', import.meta.url))));
  const matched = async (steps: Parameters<typeof cleaned>[2] = [], column = '住所') => {
    let e = await exerciseWith(level2(), ['data/evacuation-sites-as-kept.xlsx']);
    if (steps.length > 0) e = cleaned(e, e.layers[0]!, steps);
    const t = e.layers[0]!;
    const { data } = matchTableAddresses(dictionary, t.data, column);
    return { ...e, layers: [...e.layers, { ...t, id: 'matched', kind: data.kind, data, recipe: undefined }] };
  };
  mapTaskCases(level2, 'match-addresses', () => matched(), [
    ['the site whose town the dictionary lacks (さくらの森) deleted before matching', () => matched([{ op: 'delete-rows', column: '住所', match: 'contains', value: 'さくらの森' }])],
    ['the sites numbered with 1 or 2 deleted', () => matched([{ op: 'delete-rows', column: 'No.', match: 'contains', value: '１' }, { op: 'delete-rows', column: 'No.', match: 'contains', value: '２' }])],
    ['the names matched as addresses', () => matched([], '施設名')],
    ['the rows that matched only a city deleted after matching', async () => {
      const e = await matched([], '施設名');
      const layer = e.layers[1]!;
      return cleaned(e, layer, [{ op: 'delete-rows', column: '一致レベル', match: 'equals', value: '市区町村' }]);
    }],
    ['the key column (施設名) dropped by a rename', () => matched([{ op: 'rename-column', column: '施設名', to: '名前' }])],
    ['matched by 住所, then the row placed only at the city deleted from the result', async () => {
      const e = await matched();
      return cleaned(e, e.layers[1]!, [{ op: 'delete-rows', column: '一致レベル', match: 'equals', value: '市区町村' }]);
    }],
    ['matched by 住所, then the sites of みどりの deleted from the result', async () => {
      const e = await matched();
      return cleaned(e, e.layers[1]!, [{ op: 'delete-rows', column: '住所', match: 'contains', value: 'みどりの' }]);
    }],
    ['the sites of 吉沼 and 館野 deleted before matching', () => matched([{ op: 'delete-rows', column: '住所', match: 'contains', value: '吉沼' }, { op: 'delete-rows', column: '住所', match: 'contains', value: '館野' }])],
  ]);
});

describe('Ⅱ map-from-imc: the finished map of the IMC row', () => {
  const right = async (title = '小学校区別不審者出没状況図') => {
    const e = await exerciseWith(level2(), [DISTRICTS, 'data/fictional-reports-fy2024.csv']);
    const counted = countedInto(e, e.layers[1]!, e.layers[0]!, 'natural-breaks');
    return { ...counted, title, layers: counted.layers.map((l) => ({ ...l, attribution: l.attribution || '架空データ（地図道場）' })) };
  };
  mapTaskCases(level2, 'map-from-imc', () => right(), [
    ['a title of key words (「校区 不審者」)', () => right('校区 不審者')],
    ['a title of key words run together', () => right('不審者校区')],
    ['a 出典 of 「-」', async () => {
      const e = await right();
      return { ...e, layers: e.layers.map((l, i) => (i === 1 ? { ...l, attribution: '-' } : l)) };
    }],
    ['a 出典 of 「なし」', async () => {
      const e = await right();
      return { ...e, layers: e.layers.map((l, i) => (i === 1 ? { ...l, attribution: 'なし' } : l)) };
    }],
    ['natural breaks of another column', async () => {
      const e = await right();
      return { ...e, thematic: { ...e.thematic!, field: '行政区域コード' } };
    }],
    ['the district id column renamed', async () => {
      const e = await right();
      return replaceLayer(e, renamed(e.layers[0]!, '学区ID', 'ID'));
    }],
  ]);
});

describe('Ⅱ map-small-numbers: reports per 1,000 residents, smoothed', () => {
  const base = async () => {
    const e = await exerciseWith(level2(), [DISTRICTS, 'data/fictional-reports-fy2024.csv', 'data/tsukuba-census-2015-population.csv']);
    return countedInto(e, e.layers[1]!, e.layers[0]!);
  };
  const withPopulation = async (field: string) => summedInto(await base(), (await base()).layers[2]!, field, 'l0', '人口合計');
  const censusPointsCounted = async () => {
    const e = await base();
    const { counts } = (await import('../../src/lib/geo/count-points-in-polygons')).countPointsInPolygons(e.layers[2]!.data, e.layers[0]!.data);
    const { numberColumn, withColumn } = await import('../../src/lib/table/layer-table');
    return replaceLayer(e, { ...e.layers[0]!, data: withColumn(e.layers[0]!.data, numberColumn('人口合計', counts)) });
  };
  mapTaskCases(level2, 'map-small-numbers', async () => smoothed(await withPopulation('JINKO'), 'l0', '件数', '人口合計'), [
    ['census points counted (not their population) as 人口合計', async () => smoothed(await censusPointsCounted(), 'l0', '件数', '人口合計')],
    ['households (SETAI) summed as 人口合計', async () => smoothed(await withPopulation('SETAI'), 'l0', '件数', '人口合計')],
    ['reports and population swapped', async () => smoothed(await withPopulation('JINKO'), 'l0', '人口合計', '件数')],
    ['the reports as their own denominator', async () => smoothed(await withPopulation('JINKO'), 'l0', '件数', '件数')],
    ['the population as its own numerator', async () => smoothed(await withPopulation('JINKO'), 'l0', '人口合計', '人口合計')],
  ]);
});

describe('Ⅱ triage-ten: ten datasets on the data spectrum, with the restrictions', () => {
  const step = () => stepOf(level2(), 'triage-ten', 'triage');
  const model = () => Object.fromEntries(step().datasets.map((d) => [d.id, d.answer]));
  const memos = (memo: string) => Object.fromEntries(step().datasets.filter((d) => d.restrictions).map((d) => [d.id, memo]));
  it('the model answer with memos naming users and purpose passes', () => {
    expect(triagePassed(triageFeedback(step(), model(), memos('利用者：担当課の職員、目的：所管事務に限る')))).toBe(true);
  });
  const attempts: [string, () => [Record<string, string>, Record<string, string>]][] = [
    ['right levels, memos of 「ああああ」', () => [model(), memos('ああああ')]],
    ['right levels, memos of 「....」', () => [model(), memos('....')]],
    ['right levels, memos of 「xxxx」', () => [model(), memos('xxxx')]],
    ['right levels, memos of 「なし なし」', () => [model(), memos('なし なし')]],
    ['right levels, memos of 「よろしく」', () => [model(), memos('よろしく')]],
    ['everything open', () => [Object.fromEntries(step().datasets.map((d) => [d.id, 'open'])), {}]],
    ['everything closed, memos of 「特になし」', () => [Object.fromEntries(step().datasets.map((d) => [d.id, 'department'])), Object.fromEntries(step().datasets.map((d) => [d.id, '特になし']))]],
  ];
  it.each(attempts)('refuses: %s', (_, make) => {
    const [answers, notes] = make();
    expect(triagePassed(triageFeedback(step(), answers as never, notes))).toBe(false);
  });
});

describe('Ⅱ publish-safely: the counts may leave the office, the points may not', () => {
  const right = async () => {
    const e = await exerciseWith(level2(), [DISTRICTS, 'data/fictional-reports-fy2024.csv']);
    const c = countedInto(e, e.layers[1]!, e.layers[0]!);
    return { ...replaceLayer(c, { ...c.layers[1]!, dataLevel: 'office' as const, visible: false }), thematic: { ...c.thematic!, suppress: { field: '件数', below: 3 } } };
  };
  mapTaskCases(level2, 'publish-safely', right, [
    ['the points loaded again, marked open and shown', async () => {
      const e = await right();
      return { ...e, layers: [...e.layers, { ...e.layers[1]!, id: 'copy', dataLevel: 'open' as const, visible: true }] };
    }],
    ['the points loaded again, unmarked and shown', async () => {
      const e = await right();
      return { ...e, layers: [...e.layers, { ...e.layers[1]!, id: 'copy', dataLevel: undefined, visible: true }] };
    }],
    ['small numbers suppressed on another column', async () => {
      const e = await right();
      const districts = e.layers[0]!;
      const { numberColumn, withColumn } = await import('../../src/lib/table/layer-table');
      const e2 = replaceLayer(e, { ...districts, data: withColumn(districts.data, numberColumn('ゼロ', new Array(districts.data.rowCount).fill(0))) });
      return { ...e2, thematic: { ...e2.thematic!, suppress: { field: 'ゼロ', below: 3 } } };
    }],
    ['suppression with k = 2 (a single report shows)', async () => {
      const e = await right();
      return { ...e, thematic: { ...e.thematic!, suppress: { field: '件数', below: 2 } } };
    }],
    ['the counts suppressed, but the map showing the points layer', async () => {
      const e = await right();
      return { ...e, thematic: { ...e.thematic!, layerId: e.layers[1]!.id } };
    }],
    ['a second copy of the points hidden but unmarked', async () => {
      const e = await right();
      return { ...e, layers: [...e.layers, { ...e.layers[1]!, id: 'copy', dataLevel: undefined, visible: false }] };
    }],
    ['the points marked open and hidden', async () => {
      const e = await right();
      return replaceLayer(e, { ...e.layers[1]!, dataLevel: 'open' });
    }],
  ]);
});
