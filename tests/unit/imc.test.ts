import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asTable } from './tables';
import { buildRecipe, checkRowAgainstMap, emptyImcRow, exampleRows, type ImcRow } from '../../src/lib/model/imc';
import { useSampleSetup } from './sample-setup';
import { newExercise, type Exercise, type Layer } from '../../src/lib/model/exercise';
import type { AnyFeatureCollection } from '../../src/lib/geo/types';

// IMC rows name the sample setup's layers (their geometry and names come from it).
useSampleSetup();

let n = 0;
const [row1, row2] = exampleRows(() => `r${++n}`) as [ImcRow, ImcRow];
const districts = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-school-districts.geojson', import.meta.url), 'utf8')) as AnyFeatureCollection;
const layer = (id: string, sourceFileName: string, kind: Layer['kind'], extra: Partial<Layer> = {}): Layer => ({ id, name: id, kind, sourceFileName, attribution: 'x', data: asTable(districts), ...extra });

describe('IMC recipes', () => {
  it('turns row 1 (小学校区別不審者出没状況図) into: load both layers, count per district, set the title', () => {
    expect(buildRecipe(row1)).toEqual({
      missing: [],
      steps: [
        { kind: 'load', fileName: 'fictional-suspicious-person-reports.csv' },
        { kind: 'load', fileName: 'tsukuba-school-districts.geojson' },
        { kind: 'aggregate', points: row1.layer1, polygons: row1.layer2, op: 'count', column: '件数' },
        { kind: 'title', title: '小学校区別不審者出没状況図' },
      ],
    });
  });

  it('turns row 2 into: population sum, facility count, their ratio', () => {
    const kinds = buildRecipe(row2).steps.map((s) => (s.kind === 'aggregate' ? `${s.kind}:${s.op}:${s.column}` : s.kind));
    expect(kinds).toEqual(['load', 'load', 'load', 'aggregate:sum:人口合計', 'aggregate:count:施設数', 'ratio', 'title']);
  });

  it('says what is missing instead of making a map: empty fields, wished-for data, missing other layer', () => {
    const empty = buildRecipe(emptyImcRow('x'));
    expect(empty.steps).toEqual([]);
    // A new row has no processing preset (a trainee chooses it: the answer is not given away).
    expect(empty.missing.map((m) => m.ja)).toEqual(['課題・目的が空です。', '地図のタイトルが空です。', '処理（組み合わせ方）が選ばれていません。', 'レイヤ１が選ばれていません。', 'レイヤ２が選ばれていません。']);
    const wish = buildRecipe({ ...row1, layer1: { source: 'wish', name: '防犯灯の位置', geometry: 'point' } });
    expect(wish.missing[0]!.ja).toContain('「防犯灯の位置」はまだないデータです');
    expect(buildRecipe({ ...row2, other: null }).missing[0]!.ja).toContain('「その他」のレイヤ');
  });

  it('has steps for buffer-and-count, coverage and join', () => {
    const last = (row: ImcRow) => buildRecipe(row).steps.at(-2);
    expect(last({ ...row1, layer2: row2.other, processing: { op: 'buffer-count', distanceM: 500 } })).toEqual({ kind: 'buffer-count', points: row1.layer1, around: row2.other, distanceM: 500 });
    expect(last({ ...row1, processing: { op: 'coverage' } })).toEqual({ kind: 'coverage', target: row1.layer2, cover: row1.layer1 });
    expect(last({ ...row1, processing: { op: 'join', tableKey: '学区ID', targetKey: '学区ID' } })).toEqual({ kind: 'join', table: row1.layer1, tableKey: '学区ID', target: row1.layer2, targetKey: '学区ID' });
  });

  it('guides a hand-written processing step instead of running it', () => {
    const steps = buildRecipe({ ...row1, processing: { op: 'free' }, processingNote: '上下水道の供給区域と重ねる' }).steps;
    expect(steps.find((s) => s.kind === 'guide')).toMatchObject({ ja: expect.stringContaining('上下水道の供給区域と重ねる') });
  });
});

describe('row ↔ map consistency', () => {
  const codes = (row: ImcRow, exercise: Exercise) => checkRowAgainstMap(row, exercise, 'ja').map((h) => h.code);
  const base = newExercise('e', new Date(0));
  const reports = layer('reports', 'fictional-suspicious-person-reports.csv', 'point');
  const schools = layer('districts', 'tsukuba-school-districts.geojson', 'polygon');

  it('notes missing layers, raw points without the count, and a different title', () => {
    expect(codes(row1, base)).toEqual(['layer-not-loaded', 'layer-not-loaded', 'title-differs']);
    expect(codes(row1, { ...base, layers: [reports, schools], title: '不審者' })).toEqual(['not-aggregated', 'title-differs']);
  });

  it('is satisfied by the finished map, and notes hidden layers and wrong 点・線・面', () => {
    const done: Exercise = {
      ...base,
      title: '小学校区別不審者出没状況図',
      layers: [reports, schools],
      analysis: { pointLayerId: 'reports', polygonLayerId: 'districts', field: '件数', counted: 1, outside: 0, withoutGeometry: 0, onSharedBoundary: 0 },
      thematic: { layerId: 'districts', field: '件数', method: 'quantile', classCount: 5 },
    };
    expect(codes(row1, done)).toEqual([]);
    expect(codes(row1, { ...done, layers: [{ ...reports, visible: false }, schools] })).toEqual(['layer-hidden']);
    const swapped = { ...row1, layer1: row1.layer2, layer2: row1.layer1 };
    expect(codes(swapped, done)).toContain('wrong-geometry');
    // Coverage needs polygons in both: points in レイヤ１ are flagged.
    expect(codes({ ...row1, processing: { op: 'coverage' } }, done)).toContain('wrong-geometry');
  });
});
