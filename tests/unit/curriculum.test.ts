import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asTable } from './tables';
import { featuresOf } from '../../src/lib/table/geojson-table';
import { numberColumn, withColumn } from '../../src/lib/table/layer-table';
import { zipSync, strToU8 } from 'fflate';
import { packageSourceFile, readCurriculumPackage, readCurriculumZip, type CurriculumPackage } from '../../src/lib/curriculum/package';
import { inspectMarkdown, renderMarkdown } from '../../src/lib/curriculum/markdown';
import type { ImcRow } from '../../src/lib/model/imc';
import { checkImcTask, checkMapTask, isQuizCorrect, triageFeedback, triagePassed, type TriageFeedback } from '../../src/lib/curriculum/checks';
import { newProgress, summarize, summaryCsv } from '../../src/lib/curriculum/progress';
import { classReport } from '../../src/lib/curriculum/class-report';
import type { MapTaskStep, TriageStep, ImcTaskStep, QuizStep } from '../../src/lib/curriculum/schema';
import { newExercise, type Exercise, type Layer } from '../../src/lib/model/exercise';
import { importFiles } from '../../src/lib/io/import-files';
import { countPointsInPolygons } from '../../src/lib/geo/count-points-in-polygons';
import { exampleRows } from '../../src/lib/model/imc';
import { useSampleSetup } from './sample-setup';
import { exerciseWith, smoothed, summedInto } from './lesson-tasks';
import type { PointFilter } from '../../src/lib/geo/aggregate';
import { applyRecipe } from '../../src/lib/cleaning/steps';
import { readShippedDictionary } from '../../src/lib/address/dictionary';
import { matchTableAddresses } from '../../src/lib/address/match-table';

// IMC rows name the sample setup's layers (their geometry and names come from it).
useSampleSetup();

const root = new URL('../../curricula/', import.meta.url).pathname;

function filesOf(dir: string, prefix = ''): { path: string; bytes: Uint8Array }[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(path.join(dir, name)).isDirectory() ? filesOf(path.join(dir, name), `${prefix}${name}/`) : [{ path: `${prefix}${name}`, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }],
  );
}

const level2Files = () => filesOf(path.join(root, 'level-2'));
const level2Json = () => JSON.parse(new TextDecoder().decode(level2Files().find((f) => f.path === 'curriculum.json')!.bytes));
/** Level Ⅱ with curriculum.json changed by `edit`. */
function withEdit(edit: (c: any) => void) {
  const json = level2Json();
  edit(json);
  return readCurriculumPackage([...level2Files().filter((f) => f.path !== 'curriculum.json'), { path: 'curriculum.json', bytes: strToU8(JSON.stringify(json)) }]);
}
const problemsOf = (result: ReturnType<typeof readCurriculumPackage>) => (result.ok ? [] : result.problems.map((p) => `${p.where}: ${p.en}`));

describe('curriculum packages', () => {
  it('reads every curriculum in curricula/ (levels Ⅰ–Ⅲ, each with pre and post surveys)', () => {
    const levels = ['level-1', 'level-2', 'level-3'].map((dir) => readCurriculumPackage(filesOf(path.join(root, dir))));
    expect(levels.map((r) => (r.ok ? r.pkg.curriculum.level : problemsOf(r)))).toEqual(['1', '2', '3']);
  });

  it('reads a zip of the package folder', () => {
    const zip = zipSync(Object.fromEntries(level2Files().map((f) => [`level-2/${f.path}`, f.bytes])));
    const result = readCurriculumZip('level-2.zip', zip);
    expect(result.ok && result.pkg.curriculum.id).toBe('tsukuba-data-2');
    expect(result.ok && result.pkg.answerKeys.get('data/answer-reports-fy2024-per-district.csv')?.size).toBe(33);
  });

  it('refuses unknown fields, naming where they are', () => {
    expect(problemsOf(withEdit((c) => (c.lessons[1].steps[0].colour = 'red')))).toEqual(['lessons[1].steps[0]: unknown field(s): colour']);
  });

  it('refuses missing fields and unknown step kinds', () => {
    expect(problemsOf(withEdit((c) => delete c.lessons[0].title))).toEqual(['lessons[0].title: required field is missing']);
    expect(problemsOf(withEdit((c) => (c.lessons[0].steps[1].kind = 'video')))[0]).toMatch(/^lessons\[0\]\.steps\[1\]\.kind: /);
  });

  it('refuses script, HTML and remote URLs in Markdown', () => {
    const body = (ja: string) => withEdit((c) => (c.lessons[0].steps[1].body.ja = ja));
    expect(problemsOf(body('読む <script>alert(1)</script>'))).toEqual([expect.stringMatching(/^lessons\[0\]\.steps\[1\]\.body\.ja: HTML is not allowed/)]);
    expect(problemsOf(body('[市のページ](https://www.city.example.jp/)'))).toEqual(['lessons[0].steps[1].body.ja: links outside the package are not allowed (https://www.city.example.jp/)']);
    expect(problemsOf(body('![](//evil.example/x.png)'))[0]).toMatch(/links outside the package/);
    expect(problemsOf(body('[押す](javascript:alert(1))'))[0]).toMatch(/links outside the package/);
  });

  it('refuses paths that leave the package or name missing files', () => {
    expect(problemsOf(withEdit((c) => (c.lessons[3].steps[0].datasets[0] = '../../etc/passwd')))).toContain('lessons[3].steps[0].datasets[0]: the path leaves the package (../../etc/passwd)');
    expect(problemsOf(withEdit((c) => (c.lessons[2].steps[2].datasets[0] = 'data/nothing.csv')))).toContain('lessons[2].steps[2].datasets[0]: file data/nothing.csv is not in the package');
    const zip = zipSync({ 'curriculum.json': strToU8('{}'), '../evil.txt': strToU8('x') });
    expect(problemsOf(readCurriculumZip('evil.zip', zip))[0]).toBe('../evil.txt: the file name points outside the package');
  });

  it('refuses a package without curriculum.json, bad JSON, a newer format, and missing surveys', () => {
    expect(problemsOf(readCurriculumPackage([]))).toEqual(['curriculum.json: curriculum.json is missing']);
    expect(problemsOf(readCurriculumPackage([{ path: 'curriculum.json', bytes: strToU8('{"format": 1,') }]))[0]).toMatch(/^curriculum\.json: not valid JSON/);
    expect(problemsOf(withEdit((c) => (c.format = 2)))[0]).toMatch(/^format: format 2 is newer/);
    expect(problemsOf(withEdit((c) => c.lessons.pop()))).toContain('lessons: a pre-training and a post-training survey are required');
  });

  it('reads sources.json (layer names and 出典 of the data files) and refuses one naming a missing file or without 出典', () => {
    const result = readCurriculumPackage(level2Files());
    expect(result.ok && result.pkg.sources.get('data/tsukuba-school-districts.geojson')?.attribution).toBe('国土数値情報（小学校区データ）（国土交通省）を加工して作成');
    const withSources = (json: unknown) => readCurriculumPackage([...level2Files().filter((f) => f.path !== 'sources.json'), { path: 'sources.json', bytes: strToU8(JSON.stringify(json)) }]);
    expect(problemsOf(withSources({ 'data/nowhere.csv': { name: { ja: 'x' }, attribution: 'y' } }))).toEqual(['sources.json: data/nowhere.csv: file data/nowhere.csv is not in the package']);
    expect(problemsOf(withSources({ 'data/tsukuba-school-districts.geojson': { name: { ja: '学区' }, attribution: ' ' } }))[0]).toMatch(/^sources.json: data\/tsukuba-school-districts.geojson.attribution: too small/);
  });

  it('refuses duplicate step ids and an unknown example map', () => {
    expect(problemsOf(withEdit((c) => (c.lessons[1].steps[1].id = 'intro')))).toContain('lessons[1].steps[1].id: duplicate id "intro"');
    const json = level2Json();
    json.lessons[0].steps[1].exampleMap = 'nowhere';
    const files = [...level2Files().filter((f) => f.path !== 'curriculum.json'), { path: 'curriculum.json', bytes: strToU8(JSON.stringify(json)) }];
    // Example maps are the city setup's: checked against its maps when it is known.
    expect(problemsOf(readCurriculumPackage(files))).toEqual([]);
    expect(problemsOf(readCurriculumPackage(files, ['reports-by-district']))[0]).toMatch(/^lessons\[0\]\.steps\[1\]\.exampleMap: no example map "nowhere"/);
  });
});

describe('safe Markdown', () => {
  it('renders tables and emphasis, escapes HTML, and drops links that leave the package', () => {
    const html = renderMarkdown('**太字** <img src=x onerror=alert(1)> [外](https://example.com) [表](data/a.csv)\n\n|a|b|\n|-|-|\n|1|2|', (p) => (p === 'data/a.csv' ? 'blob:local/1' : undefined));
    expect(html).toContain('<strong>太字</strong>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('https://example.com"');
    expect(html).toContain('href="blob:local/1"');
    expect(html).toContain('<table>');
  });

  it('lists the package files a text links to', () => {
    expect(inspectMarkdown('[表](data/a.csv) と [節](#x)')).toEqual({ problems: [], paths: ['data/a.csv'] });
  });
});

/** Level Ⅱ's ワーク③ map task and an exercise with its data loaded, as the runner loads it. */
async function level2MapTask(): Promise<{ pkg: CurriculumPackage; step: MapTaskStep; exercise: Exercise }> {
  const result = readCurriculumPackage(level2Files());
  if (!result.ok) throw new Error('level 2 invalid');
  const step = result.pkg.curriculum.lessons.flatMap((l) => l.steps).find((s) => s.id === 'map-from-imc') as MapTaskStep;
  const outcomes = await importFiles(step.datasets.map((d) => packageSourceFile(result.pkg, d)));
  const layers: Layer[] = outcomes.map((o, i) => {
    if (!o.ok) throw new Error(o.error.en);
    const data = o.result.layers[0]!.data;
    return { id: `l${i}`, name: o.result.sourceName, kind: i === 0 ? 'polygon' : 'point', sourceFileName: o.result.sourceName, attribution: i === 0 ? '国土数値情報' : '', data };
  });
  return { pkg: result.pkg, step, exercise: { ...newExercise('ex', new Date()), layers } };
}

/** The exercise after counting `points` into the districts and showing the result as the task asks. */
function counted(exercise: Exercise, pointLayer: Layer, filters: PointFilter[] = []): Exercise {
  const districts = exercise.layers[0]!;
  const { counts } = countPointsInPolygons(pointLayer.data, districts.data);
  const withCounts = { ...districts, data: withColumn(districts.data, numberColumn('件数', counts)) };
  return {
    ...exercise,
    layers: [withCounts, ...exercise.layers.slice(1)],
    analysis: { pointLayerId: pointLayer.id, polygonLayerId: districts.id, field: '件数', aggregation: { op: 'count' }, filters, counted: 0, outside: 0, withoutGeometry: 0, onSharedBoundary: 0 },
    thematic: { layerId: districts.id, field: '件数', method: 'quantile', classCount: 5 },
  };
}

describe('map task checks', () => {
  it('passes only with the right counts, method, title and sources, with a specific hint for each miss', async () => {
    const { pkg, step, exercise } = await level2MapTask();
    const fresh = checkMapTask(step, exercise, pkg);
    expect(fresh.map((r) => r.passed)).toEqual([true, true, false, false, false, false]);
    expect(fresh[2]!.ja).toContain('まだ「tsukuba-school-districts.geojson」ごとに集計していません');

    let work = counted(exercise, exercise.layers[1]!);
    expect(checkMapTask(step, work, pkg).map((r) => r.passed)).toEqual([true, true, true, false, false, false]);
    work = { ...work, thematic: { ...work.thematic!, method: 'natural-breaks' }, title: '小学校区別不審者出没状況図', layers: work.layers.map((l) => ({ ...l, attribution: l.attribution || '架空データ（地図道場）' })) };
    expect(checkMapTask(step, work, pkg).filter((r) => !r.passed)).toEqual([]);

    // Counting only some points (a filter) or other points gives a wrong result, and says how.
    const filtered = checkMapTask(step, { ...work, analysis: { ...work.analysis!, filters: [{ field: '種別', values: ['声かけ'] }] } }, pkg)[2]!;
    expect(filtered).toMatchObject({ passed: false, en: 'The aggregation has a filter; remove it and count every point.' });
    const fewer = { ...exercise.layers[1]!, id: 'half', data: asTable({ type: 'FeatureCollection', features: featuresOf(exercise.layers[1]!.data).features.slice(0, 150) }) };
    const wrong = checkMapTask(step, counted({ ...exercise, layers: [...exercise.layers, fewer] }, fewer), pkg)[2]!;
    expect(wrong.passed).toBe(false);
    // Districts by the names the map shows, not by their ids.
    expect(wrong.en).toMatch(/^\d+ of 33 areas differ from the answer \(expected → yours: [^\x00-\x7f]+: \d+ → \d+/);
    expect(wrong.ja).not.toMatch(/D\d\d/);
  });
});

describe('checks of a map that tells the truth (rates on small numbers, safe publication)', () => {
  it('judges the Empirical Bayes map and the publishable map, failing each way with what to do', async () => {
    const { pkg, exercise } = await level2MapTask();
    const steps = pkg.curriculum.lessons.flatMap((l) => l.steps);
    const rates = steps.find((s) => s.id === 'map-small-numbers') as MapTaskStep;
    const publish = steps.find((s) => s.id === 'publish-safely') as MapTaskStep;
    const work = counted(exercise, exercise.layers[1]!);
    const judge = (step: MapTaskStep, e: Exercise) => checkMapTask(step, e, pkg).at(-1)!;

    // Rates: a count map is not yet a smoothed rate; the EB column with its hatching passes.
    expect(judge(rates, work)).toMatchObject({ passed: false });
    expect(judge(rates, work).ja).toContain('「小さな数の率（経験ベイズ）」');
    const census = (await exerciseWith(pkg, ['data/tsukuba-census-2015-population.csv'])).layers[0]!;
    const withCensus = summedInto({ ...work, layers: [...work.layers, { ...census, id: 'census' }] }, census, 'JINKO', work.layers[0]!.id, '人口合計');
    const rated = smoothed(withCensus, work.layers[0]!.id, '件数', '人口合計');
    expect(judge(rates, rated)).toMatchObject({ passed: true });
    expect(judge(rates, { ...rated, thematic: { ...rated.thematic!, flagBelow: undefined } }).passed).toBe(false);

    // Publishing: unmarked points, marked but shown, hidden but not suppressed — each fails, saying what to do.
    const points = work.layers[1]!;
    const withPoints = (change: Partial<Layer>, thematic = work.thematic) => ({ ...work, thematic, layers: [work.layers[0]!, { ...points, ...change }] });
    expect(judge(publish, withPoints({})).ja).toContain('「公開の範囲」が未設定です');
    expect(judge(publish, withPoints({ dataLevel: 'open' })).ja).toContain('そのままでは広すぎます');
    expect(judge(publish, withPoints({ dataLevel: 'office' })).ja).toContain('点を隠して集計だけにする');
    expect(judge(publish, withPoints({ dataLevel: 'office', visible: false })).ja).toContain('少ない件数を秘匿');
    expect(judge(publish, withPoints({ dataLevel: 'office', visible: false }, { ...work.thematic!, suppress: { field: '件数', below: 2 } })).passed).toBe(false);
    expect(judge(publish, withPoints({ dataLevel: 'department', visible: false }, { ...work.thematic!, suppress: { field: '件数', below: 5 } }))).toMatchObject({ passed: true });
  });
});

describe('other step checks', () => {
  const level2 = () => {
    const r = readCurriculumPackage(level2Files());
    if (!r.ok) throw new Error();
    return r.pkg.curriculum.lessons.flatMap((l) => l.steps);
  };

  it('judges quizzes, including choose-all-that-apply', () => {
    const quiz = level2().find((s) => s.id === 'quiz-messy-columns') as QuizStep;
    expect(isQuizCorrect(quiz, [3, 2, 1, 0])).toBe(true);
    expect(isQuizCorrect(quiz, [0, 1, 2])).toBe(false);
  });

  it('checks an IMC row by content: key words in purpose and title, the task\'s data as 点 and 面, the processing', () => {
    const task = level2().find((s) => s.id === 'imc-row') as ImcTaskStep;
    const exercise = newExercise('ex', new Date());
    const judge = (row: ImcRow) => checkImcTask(task, { ...exercise, imc: [row] });
    const failures = (row: ImcRow) => judge(row).filter((r) => !r.passed).map((r) => r.ja);
    expect(checkImcTask(task, exercise)[0]!.passed).toBe(false);
    const [row] = exampleRows(() => 'r1');
    // The worked example passes, and what passed is stated as a fact, not as an instruction.
    const passed = judge(row!);
    expect(passed.every((r) => r.passed)).toBe(true);
    expect(passed.map((r) => r.ja)).toContain('レイヤ１は点のデータ「不審者情報（架空データ）」です。');
    expect(passed.some((r) => /しましょう|ください/.test(r.ja))).toBe(false);
    // Nonsense purpose and title (false passes seen in a trial) fail, saying what to write.
    const nonsense = failures({ ...row!, purpose: 'あいうえおかきくけこ', title: 'い' });
    expect(nonsense).toHaveLength(2);
    expect(nonsense[0]).toContain('課題・目的に「不審者／suspicious」「学区／校区／district」');
    expect(nonsense[1]).toContain('タイトルに「不審者／suspicious」「学区／校区／district」が入っていません');
    // Evacuation sites are points too, but not the task's data.
    const wrongData = failures({ ...row!, layer1: { source: 'sample', fileName: 'tsukuba-evacuation-sites.geojson' } });
    expect(wrongData).toEqual(['レイヤ１「指定緊急避難場所（つくば市）」は課題のデータではありません。課題が求める「不審者／suspicious／report」のデータを選ぶか、「まだないデータ（欲しいデータ）」として書きましょう。']);
    // Wished-for data named for the task passes; swapped layers fail with the geometry each has.
    expect(failures({ ...row!, layer1: { source: 'wish', name: '2024年度 不審者情報', geometry: 'point' } })).toEqual([]);
    const swapped = failures({ ...row!, layer1: row!.layer2, layer2: row!.layer1 });
    expect(swapped).toEqual(['レイヤ１「小学校区（つくば市）」は面のデータです。点のレイヤを選びましょう。', 'レイヤ２「不審者情報（架空データ）」は点のデータです。面のレイヤを選びましょう。']);
    // Full-width or English words count: the check reads meaning, not form.
    expect(failures({ ...row!, purpose: 'Decide which school districts need patrol support from suspicious-person reports', title: 'Suspicious-person reports by school district' })).toEqual([]);
  });

  it('judges triage: the model answer, defensible alternatives with their nuance, and the memo where restrictions are due', () => {
    const triage = level2().find((s) => s.kind === 'triage') as TriageStep;
    expect(triage.datasets).toHaveLength(10);
    const model = Object.fromEntries(triage.datasets.map((d) => [d.id, d.answer]));
    const memos = Object.fromEntries(triage.datasets.filter((d) => d.restrictions).map((d) => [d.id, '利用者：担当課、目的：所管事務']));
    const of = (feedback: TriageFeedback[], id: string) => feedback.find((f) => f.datasetId === id)!;
    // The model answers with their memos pass.
    expect(triagePassed(triageFeedback(triage, model, memos))).toBe(true);
    // The same without memos: placed right, but the restrictions are asked for (office- and department-level data).
    const noMemos = triageFeedback(triage, model);
    expect(triagePassed(noMemos)).toBe(false);
    expect(of(noMemos, 'water-pipes')).toMatchObject({ verdict: 'expected', memoMissing: true });
    expect(of(noMemos, 'evacuation-sites')).toMatchObject({ verdict: 'expected', memoMissing: false });
    // 道路台帳図 as open data is defensible (the reason itself suggests it), with its nuance; not a failure.
    const roadOpen = triageFeedback(triage, { ...model, 'road-ledger': 'open' }, memos);
    expect(of(roadOpen, 'road-ledger')).toMatchObject({ verdict: 'acceptable', offBy: 1 });
    expect(of(roadOpen, 'road-ledger').nuance!.ja).toContain('オープンデータとして公開している自治体もあります');
    expect(triagePassed(roadOpen)).toBe(true);
    // The resident register in the office is wrong, one step too open.
    const register = triageFeedback(triage, { ...model, 'resident-register': 'office' }, memos);
    expect(of(register, 'resident-register')).toMatchObject({ verdict: 'wrong', offBy: 1 });
    expect(triagePassed(register)).toBe(false);
  });

  it('summarises progress and exports a CSV with the pre/post survey', () => {
    const r = readCurriculumPackage(level2Files());
    if (!r.ok) throw new Error();
    const curriculum = r.pkg.curriculum;
    const progress = newProgress('p1', ' 山田 花子 ', curriculum, new Date('2026-11-22T00:00:00Z'));
    progress.steps['survey-pre'] = { done: true, attempts: 1, answer: { kind: 'survey', answers: { 'q-gis': 2, 'q-comment': '地図を作りたい, "急いで"' } } };
    progress.steps['survey-post'] = { done: true, attempts: 1, answer: { kind: 'survey', answers: { 'q-gis': 4 } } };
    progress.steps['quiz-geometry'] = { done: true, passed: true, attempts: 1, answer: { kind: 'quiz', chosen: [1] } };
    expect(summarize(progress, curriculum)).toMatchObject({ done: 3, total: 18, quizzesRight: 1, quizzes: 3, complete: false });
    progress.steps['reflect-triage'] = { done: true, attempts: 2, answer: { kind: 'text', text: '住民基本台帳の集計表は町丁目別に公開できる' } };
    const csv = summaryCsv([{ progress, curriculum }]);
    const [header, row] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    // Questions by their text (not ids), per curriculum; times in Japan's local time, as Excel reads them.
    const gis = 'GIS で点の数を区域ごとに集計し、主題図にできる';
    expect(header).toContain(`Ⅱ ${gis}（前）,Ⅱ ${gis}（後）`);
    expect(header).not.toContain('q-gis');
    expect(header).toContain('開始（日本時間）');
    expect(header).toContain('トリアージ想定どおり,トリアージ妥当な別解');
    expect(header).toContain('Ⅱ 確認クイズ：点・線・面（回数）');
    expect(row).toMatch(/^山田 花子,データ利活用研修Ⅱ.*,2026\.1,2026-11-22 09:00,/);
    expect(row).toContain('"地図を作りたい, ""急いで"""');
    expect(row).toContain(',2,4,');
    expect(row).toContain('住民基本台帳の集計表は町丁目別に公開できる');
    // The free question is worded differently before and after: each answer under its own wording.
    const columns = header!.split(',');
    expect(columns).toContain('Ⅱ 自分の業務で使いたいデータ・困っていること（自由記述）（前）');
    expect(columns).toContain('Ⅱ 研修で気づいたこと・職場で試したいこと（自由記述）（後）');
  });
});

describe('the summary CSV of Level Ⅲ', () => {
  it('has each decision\'s chosen options by their labels and the reasons, under the decision\'s title', () => {
    const r = readCurriculumPackage(filesOf(path.join(root, 'level-3')));
    if (!r.ok) throw new Error();
    const curriculum = r.pkg.curriculum;
    const progress = newProgress('p3', '佐藤 課長', curriculum, new Date('2026-11-22T00:00:00Z'));
    progress.steps['decide-street-lights'] = { done: true, attempts: 1, answer: { kind: 'decision', chosen: ['shuho', 'matsushiro', 'yanagibashi'], text: '件数・密度・人口あたりの最上位を一つずつ選んだ' } };
    const [header, row] = summaryCsv([{ progress, curriculum }]).replace(/^\uFEFF/, '').trim().split('\r\n');
    const columns = header!.split(',');
    const cells = row!.split(',');
    const at = (name: string) => cells[columns.indexOf(name)];
    expect(at('Ⅲ 判断：防犯灯の予算を 3 学区に（選択）')).toBe('秀峰筑波義務教育学校区（件数 最多）／松代小学校区（密度 最高）／柳橋小学校区（人口あたり 最高）');
    expect(at('Ⅲ 判断：防犯灯の予算を 3 学区に（理由）')).toBe('件数・密度・人口あたりの最上位を一つずつ選んだ');
    // Not answered yet: empty cells, not a missing column.
    expect(at('Ⅲ 判断：部下の公開の提案（選択）')).toBe('');
  });
});

describe('ワーク② checks: the cleaned table and the matched addresses', () => {
  const setup = async () => {
    const result = readCurriculumPackage(level2Files());
    if (!result.ok) throw new Error('level 2 invalid');
    const steps = result.pkg.curriculum.lessons.flatMap((l) => l.steps);
    const clean = steps.find((s) => s.id === 'clean-messy') as MapTaskStep;
    const match = steps.find((s) => s.id === 'match-addresses') as MapTaskStep;
    const [outcome] = await importFiles([packageSourceFile(result.pkg, clean.datasets[0]!)]);
    if (!outcome?.ok) throw new Error('cannot import');
    const data = outcome.result.layers[0]!.data;
    const table: Layer = { id: 't', name: 'evacuation-sites-as-kept', kind: data.kind, sourceFileName: outcome.result.sourceName, attribution: '', data };
    return { pkg: result.pkg, clean, match, table, exercise: { ...newExercise('ex', new Date()), layers: [table] } };
  };

  it('the table as loaded fails (capacities like 「１２００人」) with the step to add; converted, it passes', async () => {
    const { pkg, clean, table, exercise } = await setup();
    const fresh = checkMapTask(clean, exercise, pkg);
    expect(fresh.map((r) => r.passed)).toEqual([false, true]); // 開設日: the importer read the 和暦 (shown in the recipe)
    expect(fresh[0]!.ja).toContain('E2「４５０人」'); // the cell as the workbench names it
    expect(fresh[0]!.ja).toContain('「文字→数値」');
    const { table: cleaned } = applyRecipe(table.data, [{ op: 'to-number', column: '収容人数' }]);
    expect(checkMapTask(clean, { ...exercise, layers: [{ ...table, data: cleaned }] }, pkg).every((r) => r.passed)).toBe(true);
    // Nothing loaded: says to load it.
    expect(checkMapTask(clean, { ...exercise, layers: [] }, pkg)[0]!.ja).toContain('読み込んでください');
  });

  it('addresses: not matched, matched by the wrong column, and matched by 住所', async () => {
    const { pkg, match, table, exercise } = await setup();
    const dictionary = readShippedDictionary(new Uint8Array(readFileSync(new URL('../../public/address-dictionary/japan-towns-geolonia.csv.gz', import.meta.url))));
    expect(checkMapTask(match, exercise, pkg)[0]).toMatchObject({ passed: false });
    const layerFrom = (column: string): Layer => {
      const { data } = matchTableAddresses(dictionary, table.data, column);
      return { ...table, id: `m-${column}`, kind: data.kind, data };
    };
    const wrong = checkMapTask(match, { ...exercise, layers: [table, layerFrom('施設名')] }, pkg)[0]!;
    expect(wrong.passed).toBe(false);
    expect(wrong.ja).toContain('住所の列を選んでいるか');
    const right = checkMapTask(match, { ...exercise, layers: [table, layerFrom('住所')] }, pkg)[0]!;
    expect(right.passed).toBe(true);
    expect(right.ja).toMatch(/20 件中 (19|20) 件を町字で照合しました（本当の位置との距離の中央値 \d+ m）/);
  });
});

describe('the class report for the instructor', () => {
  it('counts progress per step, quiz answers, triage placements with memos, and the survey before against after', () => {
    const r = readCurriculumPackage(level2Files());
    if (!r.ok) throw new Error();
    const curriculum = r.pkg.curriculum;
    const trainee = (name: string, pre: number, post: number | undefined, chosen: number[], road: 'open' | 'on-request', note = '') => {
      const p = newProgress(`p-${name}`, name, curriculum, new Date('2026-11-22T00:00:00Z'));
      p.steps['survey-pre'] = { done: true, attempts: 1, answer: { kind: 'survey', answers: { 'q-gis': pre } } };
      if (post !== undefined) p.steps['survey-post'] = { done: true, attempts: 1, answer: { kind: 'survey', answers: { 'q-gis': post } } };
      p.steps['quiz-geometry'] = { done: true, passed: chosen.join() === '1', attempts: 2, answer: { kind: 'quiz', chosen } };
      p.steps['triage-ten'] = { done: true, passed: false, attempts: 1, answer: { kind: 'triage', choices: { 'road-ledger': road, 'water-pipes': 'office' }, notes: { 'water-pipes': note } } };
      return p;
    };
    const other = { ...newProgress('x', '別の研修', curriculum, new Date()), curriculumId: 'another' };
    const report = classReport(curriculum, [trainee('青木', 2, 4, [1], 'open', '工事業者にも'), trainee('伊藤', 3, 5, [0], 'on-request'), trainee('上田', 1, undefined, [1], 'on-request'), other]);
    expect(report.trainees).toBe(3);
    expect(report.steps.find((s) => s.step.id === 'quiz-geometry')).toMatchObject({ done: 3, passed: 2, attempts: 6 });
    const quiz = report.quizzes.find((q) => q.step.id === 'quiz-geometry')!;
    expect(quiz.choices.map((c) => [c.text.ja, c.count, c.correct])).toEqual([['点', 1, false], ['線', 2, true], ['面', 0, false]]);
    const road = report.triage[0]!.datasets.find((d) => d.id === 'road-ledger')!;
    expect(road.counts).toEqual({ department: 0, office: 0, 'on-request': 2, open: 1 });
    expect(road.acceptable).toEqual(['open']);
    expect(report.triage[0]!.datasets.find((d) => d.id === 'water-pipes')!.memos).toEqual([{ trainee: '青木', level: 'office', note: '工事業者にも' }]);
    const gis = report.survey.find((q) => q.id === 'q-gis')!;
    expect(gis.pre).toMatchObject({ n: 3, mean: 2, histogram: [1, 1, 1, 0, 0] });
    expect(gis.post).toMatchObject({ n: 2, mean: 4.5 });
    // The change is over the two who answered both (2→4, 3→5), not the difference of the means.
    expect(gis).toMatchObject({ paired: 2, change: 2 });
  });
});
