import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { asPackaged, newCurriculum, newStep, proposedKeyField, recordAnswer, STEP_KINDS, titleWords, trialsHold, trialsOf, withPostSurveyLikePre } from '../../src/lib/curriculum/authoring';
import { readCurriculumPackage, parseAnswerKey, type CurriculumPackage } from '../../src/lib/curriculum/package';
import type { MapTaskStep } from '../../src/lib/curriculum/schema';
import { countPointsInPolygons } from '../../src/lib/geo/count-points-in-polygons';
import { importFiles } from '../../src/lib/io/import-files';
import { newExercise, type Exercise, type Layer } from '../../src/lib/model/exercise';
import { numberColumn, withColumn } from '../../src/lib/table/layer-table';
import { asTable } from './tables';
import { catalogueOf, filesNamed, parseSetupManifest, readSetupZip, writeSetupZip } from '../../src/lib/setup/package';
import { builtInPackage, cleaned, exerciseWith } from './lesson-tasks';
import { checkMapTask } from '../../src/lib/curriculum/checks';

const sampleDir = new URL('../../public/sample-data/', import.meta.url).pathname;
const read = (dir: string, name: string) => new Uint8Array(readFileSync(path.join(dir, name)));

/** The instructor's answer map of the worked example: the sample's reports counted per district, as the app does. */
async function instructorMap(pointsFile = 'fictional-suspicious-person-reports.csv'): Promise<Exercise> {
  const outcomes = await importFiles([
    { name: 'tsukuba-school-districts.geojson', bytes: read(sampleDir, 'tsukuba-school-districts.geojson') },
    { name: pointsFile, bytes: read(sampleDir, pointsFile) },
  ]);
  const [districts, points] = outcomes.map((o, i): Layer => {
    if (!o.ok) throw new Error(o.error.en);
    return { id: `l${i}`, name: o.result.sourceName, kind: o.result.layers[0]!.data.kind, sourceFileName: o.result.sourceName, attribution: '出典', data: o.result.layers[0]!.data };
  }) as [Layer, Layer];
  const { counts } = countPointsInPolygons(points.data, districts.data);
  return {
    ...newExercise('answer', new Date()),
    title: '小学校区別不審者出没状況図',
    layers: [{ ...districts, data: withColumn(districts.data, numberColumn('件数', counts)) }, points],
    analysis: { pointLayerId: points.id, polygonLayerId: districts.id, field: '件数', aggregation: { op: 'count' }, counted: 0, outside: 0, withoutGeometry: 0, onSharedBoundary: 0 },
    thematic: { layerId: districts.id, field: '件数', method: 'natural-breaks', classCount: 5 },
  };
}

/** A curriculum holding one map task recorded from `answer`, read back as the trainee's app reads it. */
function packageOf(answer: Exercise): { pkg: CurriculumPackage; step: MapTaskStep; packaged: Exercise } {
  const datasetOf = (layer: Layer) => `data/${layer.sourceFileName}`;
  const recorded = recordAnswer(answer, datasetOf, { stepId: 'map-1' });
  const curriculum = newCurriculum('test-city-2', '2');
  const step = { ...(newStep('map-task', 'map-1') as MapTaskStep), datasets: recorded.datasets.map((d) => d.path), checks: recorded.checks };
  curriculum.lessons[1]!.steps.push(step);
  const entries = [
    { path: 'curriculum.json', bytes: strToU8(JSON.stringify(curriculum)) },
    ...recorded.datasets.map((d) => ({ path: d.path, bytes: read(sampleDir, d.sourceFileName) })),
    ...[...recorded.answerKeys].map(([p, text]) => ({ path: p, bytes: strToU8(text) })),
  ];
  const result = readCurriculumPackage(entries);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { pkg: result.pkg, step, packaged: asPackaged(answer, datasetOf) };
}

describe('a map task made by doing it (この地図を正解にする)', () => {
  it('records the data, a count keyed by the district id, the classes, the title words and the sources; the answer key equals an independent turf count', async () => {
    const answer = await instructorMap();
    const recorded = recordAnswer(answer, (l) => `data/${l.sourceFileName}`, { stepId: 'map-1' });
    expect(recorded.checks.map((c) => c.kind)).toEqual(['layer-loaded', 'layer-loaded', 'counts-match', 'classification', 'title-set', 'sources-given']);
    expect(recorded.checks[0]).toEqual({ kind: 'layer-loaded', dataset: 'data/tsukuba-school-districts.geojson', minFeatures: 33 });
    expect(recorded.checks[2]).toEqual({ kind: 'counts-match', polygons: 'data/tsukuba-school-districts.geojson', keyField: '学区ID', nameField: '学区名', answerKey: 'data/answer-map-1.csv' });
    expect(recorded.checks[3]).toEqual({ kind: 'classification', method: 'natural-breaks', classCount: 5 });
    expect(recorded.checks[4]).toEqual({ kind: 'title-set', mustContain: ['小学校区', '不審者出没'] });
    // The reference: level 1's answer key, counted with turf's point-in-polygon by make-sample-data.mjs.
    const reference = parseAnswerKey(new Uint8Array(readFileSync(new URL('../../curricula/level-1/data/answer-reports-per-district.csv', import.meta.url))));
    const mine = parseAnswerKey(strToU8(recorded.answerKeys.get('data/answer-map-1.csv')!));
    expect('values' in mine && 'values' in reference && [...mine.values]).toEqual('values' in reference && [...reference.values]);
  });

  it('passes the answer map and fails an empty map, the data only loaded, and one count off', async () => {
    const { pkg, step, packaged } = packageOf(await instructorMap());
    const trials = trialsOf(step, pkg, packaged);
    expect(trials.map((t) => [t.map, t.passed])).toEqual([
      ['answer', true],
      ['empty', false],
      ['loaded-only', false],
      ['one-count-off', false],
    ]);
    expect(trialsHold(trials)).toBe(true);
    const off = trials.find((t) => t.map === 'one-count-off')!.results.find((r) => !r.passed)!;
    expect(off.ja).toMatch(/33 地区のうち 1 地区で答えと合いません/);
  });

  it('fails nonsense answers of a trainee, each saying what to do', async () => {
    const { pkg, step, packaged } = packageOf(await instructorMap());
    const failing = (exercise: Exercise) => trialsOf(step, pkg, exercise)[0]!.results.filter((r) => !r.passed);
    // The other point layer counted (evacuation sites instead of reports).
    const wrongPoints = asPackaged(await instructorMap('tsukuba-evacuation-sites.geojson'), (l) => (l.sourceFileName.startsWith('tsukuba-evac') ? 'data/fictional-suspicious-person-reports.csv' : `data/${l.sourceFileName}`));
    expect(failing(wrongPoints).map((r) => r.ja).join()).toMatch(/答えと合いません/);
    // A title that names neither the unit nor the data.
    expect(failing({ ...packaged, title: '地図' })[0]!.ja).toContain('タイトルに「小学校区」「不審者出没」が入っていません');
    // The classes changed to another method.
    expect(failing({ ...packaged, thematic: { ...packaged.thematic!, method: 'quantile' } })[0]!.ja).toContain('「自然分類（ジェンクス）」を選んでください');
    // A layer without its source.
    expect(failing({ ...packaged, layers: packaged.layers.map((l, i) => (i === 1 ? { ...l, attribution: '' } : l)) })[0]!.ja).toContain('出典のないレイヤがあります');
    // Counted with a filter.
    expect(failing({ ...packaged, analysis: { ...packaged.analysis!, filters: [{ field: '種別', values: ['声かけ'] }] } })[0]!.ja).toContain('条件を外して');
    // The proposed checks are as strict as the built-in ones: the title's words side by side, the classes of
    // another column, the id column renamed, a placeholder source.
    expect(failing({ ...packaged, title: '小学校区 不審者出没' })[0]!.ja).toContain('言葉の並び');
    expect(failing({ ...packaged, thematic: { ...packaged.thematic!, field: '行政区域コード' } })[0]!.ja).toContain('集計した列「件数」を選んでください');
    const renamedId = packaged.layers.map((l, i) => (i === 0 ? { ...l, data: { ...l.data, columns: l.data.columns.map((c) => (c.name === '学区ID' ? { ...c, name: 'ID' } : c)) } } : l));
    expect(failing({ ...packaged, layers: renamedId })[0]!.ja).toContain('33 地区が見つかりません');
    expect(failing({ ...packaged, layers: packaged.layers.map((l) => ({ ...l, attribution: 'なし' })) })[0]!.ja).toContain('「なし」は出典ではありません');
  });

  it('records a cleaned column with its values as the answer key, so a trainee who deletes rows or renames another column fails', async () => {
    const pkg2 = builtInPackage(2);
    let answer = await exerciseWith(pkg2, ['data/evacuation-sites-as-kept.xlsx']);
    answer = cleaned(answer, answer.layers[0]!, [{ op: 'to-number', column: '収容人数' }]);
    const datasetOf = () => 'data/evacuation-sites-as-kept.xlsx';
    const recorded = recordAnswer(answer, datasetOf, { stepId: 'clean' });
    const check = recorded.checks.find((c) => c.kind === 'column-cleaned')!;
    expect(check).toMatchObject({ column: '収容人数', type: 'number', keyField: '施設コード' });
    // The recorded key holds the same values as the built-in lesson's key, written by the data script.
    const values = (text: string) => text.trim().split(/\r?\n/).slice(1).map((line) => Number(line.split(',')[1])).sort((a, b) => a - b);
    const key = 'answerKey' in check ? recorded.answerKeys.get(check.answerKey!)! : '';
    expect(values(key)).toEqual(values(readFileSync(new URL('../../curricula/level-2/data/answer-site-capacity.csv', import.meta.url), 'utf8')));
    const curriculum = newCurriculum('test-city-2', '2');
    const step = { ...(newStep('map-task', 'clean') as MapTaskStep), datasets: recorded.datasets.map((d) => d.path), checks: recorded.checks };
    curriculum.lessons[1]!.steps.push(step);
    const read2 = readCurriculumPackage([
      { path: 'curriculum.json', bytes: strToU8(JSON.stringify(curriculum)) },
      { path: 'data/evacuation-sites-as-kept.xlsx', bytes: pkg2.files.get('data/evacuation-sites-as-kept.xlsx')! },
      ...[...recorded.answerKeys].map(([p, text]) => ({ path: p, bytes: strToU8(text) })),
    ]);
    if (!read2.ok) throw new Error(JSON.stringify(read2.problems));
    const trainee = await exerciseWith(pkg2, ['data/evacuation-sites-as-kept.xlsx']);
    const judged = (steps: Parameters<typeof cleaned>[2]) => checkMapTask(step, cleaned(trainee, trainee.layers[0]!, steps), read2.pkg).filter((r) => !r.passed).map((r) => r.ja);
    expect(judged([{ op: 'to-number', column: '収容人数' }])).toEqual([]);
    expect(judged([{ op: 'delete-rows', column: '収容人数', match: 'contains', value: '人' }])[0]).toContain('20 行のうち 20 行が消えています');
    expect(judged([{ op: 'rename-column', column: '収容人数', to: '元' }, { op: 'rename-column', column: 'No.', to: '収容人数' }, { op: 'to-number', column: '収容人数' }])[0]).toContain('元の表の値と違います');
  });

  it('records an address match: the matched points become the answer keys, and an unmatched table fails', () => {
    const sites = JSON.parse(readFileSync(path.join(sampleDir, 'tsukuba-evacuation-sites.geojson'), 'utf8')) as GeoJSON.FeatureCollection<GeoJSON.Point>;
    const table: Layer = { id: 't', name: '避難場所', kind: 'none', sourceFileName: 'sites.csv', attribution: '国土地理院', data: asTable({ type: 'FeatureCollection', features: sites.features.map((f) => ({ type: 'Feature', properties: { 施設名: f.properties!['施設・場所名'], 住所: f.properties!['住所'] }, geometry: null })) } as never) };
    const matched: Layer = { ...table, id: 'm', kind: 'point', data: asTable({ type: 'FeatureCollection', features: sites.features.map((f, i) => ({ ...f, properties: { 施設名: f.properties!['施設・場所名'], 一致レベル: i < 100 ? '町字' : '市区町村' } })) } as never) };
    const answer = { ...newExercise('a', new Date()), layers: [table, matched] };
    const recorded = recordAnswer(answer, () => 'data/sites.csv', { stepId: 'match' });
    const check = recorded.checks.find((c) => c.kind === 'addresses-matched');
    expect(check).toEqual({ kind: 'addresses-matched', dataset: 'data/sites.csv', keyField: '施設名', latitudeKey: 'data/answer-match-latitude.csv', longitudeKey: 'data/answer-match-longitude.csv', minTownShare: 0.85, maxMedianM: 1000 });
    expect(recorded.answerKeys.get('data/answer-match-latitude.csv')!.split('\n')[1]).toBe(`${sites.features[0]!.properties!['施設・場所名']},${sites.features[0]!.geometry.coordinates[1]}`);
  });

  it('keys the answer by an id or code column, never by a column with repeated values', async () => {
    const answer = await instructorMap();
    expect(proposedKeyField(answer.layers[0]!.data)).toBe('学区ID');
    expect(titleWords('小学校区別 不審者情報の密度（1km²あたり）')).toEqual(['小学校区', '不審者情報', '密度']);
    expect(titleWords('地区別 指定緊急避難場所の数')).toEqual(['地区', '指定緊急避難場所']);
  });

  it('makes every kind of step valid as it comes, and a new curriculum that passes the package check', () => {
    const curriculum = newCurriculum('new-city-1', '1');
    STEP_KINDS.filter((k) => k !== 'map-task' && k !== 'survey').forEach((kind, i) => curriculum.lessons[1]!.steps.push(newStep(kind, `${kind}-${i}`)));
    const result = readCurriculumPackage([{ path: 'curriculum.json', bytes: strToU8(JSON.stringify(curriculum)) }]);
    expect(result.ok ? [] : result.problems).toEqual([]);
    // The post-survey follows the pre-survey's questions.
    curriculum.lessons[0]!.steps[0] = { ...curriculum.lessons[0]!.steps[0]!, questions: [{ id: 'q9', text: { ja: '新しい質問' }, type: 'scale' }] } as never;
    const synced = withPostSurveyLikePre(curriculum).lessons.at(-1)!.steps[0]!;
    expect(synced.kind === 'survey' && synced.questions.map((q) => q.id)).toEqual(['q9']);
  });
});

describe('city setup packages (市の設定)', () => {
  it('reads the shipped sample like any setup: every named file is there, and the catalogue names no file the setup lacks', () => {
    const parsed = parseSetupManifest(read(sampleDir, 'setup.json'), (p) => readdirSync(sampleDir).includes(p));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    const catalogue = catalogueOf(parsed.manifest);
    expect(catalogue.layers.map((l) => l.fileName)).toContain('tsukuba-school-districts.geojson');
    expect(catalogue.gallery.map((g) => g.id)).toEqual(['reports-by-district', 'reports-per-km2', 'population-by-district', 'population-per-evacuation-site']);
    for (const row of catalogue.imcExamples) for (const ref of [row.layer1, row.layer2, row.other]) if (ref?.source === 'sample') expect(catalogue.layers.map((l) => l.fileName)).toContain(ref.fileName);
  });

  it('writes a setup zip and reads it back whole, a large stored file as a slice of the zip; a zip in one top folder reads too', async () => {
    const cityDir = new URL('../fixtures/second-city/', import.meta.url).pathname;
    const parsed = parseSetupManifest(read(cityDir, 'setup.json'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    // A base map of 20 MB the zip stores as it is.
    const pmtiles = new Uint8Array(20 << 20).map((_, i) => i % 251);
    const manifest = { ...parsed.manifest, pmtiles: { file: 'base/city.pmtiles' } };
    const files = new Map(filesNamed(parsed.manifest).map((p) => [p, new Blob([read(cityDir, p)])]));
    files.set('base/city.pmtiles', new Blob([pmtiles]));
    const zip = await writeSetupZip(manifest, files);
    const back = await readSetupZip(zip, 'city.zip');
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.manifest).toEqual(manifest);
    expect([...back.files.keys()].sort()).toEqual(['setup.json', ...files.keys()].sort());
    // Byte for byte (Buffer.compare: a deep equality over 20 MB would take the test runner's memory).
    for (const [p, blob] of files) expect(Buffer.compare(Buffer.from(await back.files.get(p)!.arrayBuffer()), Buffer.from(await blob.arrayBuffer())), p).toBe(0);
    const nested = zipSync({ 'kagoshima/setup.json': read(cityDir, 'setup.json'), ...Object.fromEntries(filesNamed(parsed.manifest).map((p) => [`kagoshima/${p}`, read(cityDir, p)])) });
    expect((await readSetupZip(new Blob([nested]), 'nested.zip')).ok).toBe(true);
  });

  it('refuses a setup naming a missing file, a path leaving it, a newer format, an unknown field, or two maps of one id, saying where', async () => {
    const base = JSON.parse(new TextDecoder().decode(read(sampleDir, 'setup.json')));
    const problems = (edit: (m: Record<string, unknown>) => void, has: (p: string) => boolean = () => true) => {
      const manifest = structuredClone(base);
      edit(manifest);
      const r = parseSetupManifest(strToU8(JSON.stringify(manifest)), has);
      return r.ok ? [] : r.problems.map((p) => `${p.where}: ${p.en}`);
    };
    expect(problems(() => {}, (p) => p !== 'city-outline.geojson')).toEqual(['city-outline.geojson: the file is not in the setup']);
    expect(problems((m) => ((m.layers as { file: string }[])[0]!.file = '../secret.geojson'))).toEqual(['../secret.geojson: the path leaves the setup']);
    expect(problems((m) => (m.format = 9))[0]).toMatch(/^format: format 9 is newer/);
    expect(problems((m) => (m.colour = 'red'))[0]).toBe('setup.json: unknown field(s): colour');
    expect(problems((m) => (m.gallery as { id: string }[]).push({ ...(m.gallery as object[])[0] } as { id: string }))).toEqual(['gallery.reports-by-district: duplicate example map id "reports-by-district"']);
    expect((await readSetupZip(new Blob([zipSync({ 'readme.txt': strToU8('no setup') })]), 'x.zip')).ok).toBe(false);
    const evil = await readSetupZip(new Blob([zipSync({ 'setup.json': read(sampleDir, 'setup.json'), '../evil.txt': strToU8('x') })]), 'evil.zip');
    expect(evil.ok ? [] : evil.problems.map((p) => p.where)).toEqual(['../evil.txt']);
    expect((await readSetupZip(new Blob([strToU8('not a zip')]), 'text.zip')).ok).toBe(false);
  });
});
