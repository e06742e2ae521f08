import { readFileSync, readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/io/import-files';
import { parseWorkFile, toWorkFileText } from '../../src/lib/persistence/work-file';
import { newExercise } from '../../src/lib/model/exercise';
import { rawZip } from './raw-zip';

/** Three defects found with hostile files (issue «Addresses and coordinates as they really come»). */
describe('a zip made by Windows Explorer: CP932 entry names without the UTF-8 flag', () => {
  it('names the layers and the archive’s list of layers in Japanese', async () => {
    const dir = new URL('../fixtures/in/evacuation-zone9-cp932/', import.meta.url);
    const entries = ['公園', '学校'].flatMap((name) =>
      readdirSync(dir).map((file) => ({ name: new Uint8Array(iconv.encode(`データ/${file.replace(/^[^.]+/, name)}`, 'cp932')), bytes: new Uint8Array(readFileSync(new URL(file, dir))) })),
    );
    const [outcome] = await importFiles([{ name: 'shisetsu.zip', bytes: rawZip(entries) }], {});
    if (!outcome?.ok) throw new Error(outcome?.error.en);
    expect(outcome.result.layers.map((l) => l.name)).toEqual(['公園', '学校']);
    expect(outcome.result.questions.find((q) => q.kind === 'choose-layers')).toMatchObject({ names: ['公園', '学校'] });
  });
});

describe('a GeoJSON with good points in degrees and impossible ones', () => {
  const TOKYO_STATION = [139.7671, 35.6812];
  const file = new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [TOKYO_STATION, [139.77, 35.68], [540, 35], [139, 95], [1000, 2000], [-400, 10]].map((c, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: c } })),
    }),
  );
  const xy = (outcome: Awaited<ReturnType<typeof importFiles>>[number]) => (outcome.ok ? Array.from((outcome.result.layers[0]!.data.geometry as { xy: Float64Array }).xy) : []);

  it('asks no zone: the good points stay where they are, the impossible ones are left off and named', async () => {
    const [outcome] = await importFiles([{ name: 'mixed.geojson', bytes: file }], {});
    if (!outcome?.ok) throw new Error(outcome?.error.en);
    expect(outcome.result.questions.filter((q) => q.kind === 'crs')).toEqual([]);
    expect(xy(outcome).slice(0, 4)).toEqual([...TOKYO_STATION, 139.77, 35.68]);
    expect(xy(outcome).slice(4).every(Number.isNaN)).toBe(true);
    expect(outcome.result.warnings.map((w) => w.ja).join()).toMatch(/4 件/);
  });

  it('never moves a point in degrees by a zone chosen for the others', async () => {
    const [outcome] = await importFiles([{ name: 'mixed.geojson', bytes: file }], { 'mixed.geojson': { crsEpsg: 6677 } });
    expect(xy(outcome!).slice(0, 4)).toEqual([...TOKYO_STATION, 139.77, 35.68]);
  });
});

describe('a work file from a newer app with fields this one does not know', () => {
  const written = () => JSON.parse(toWorkFileText([{ ...newExercise('e1', new Date()), title: '小学校区別不審者出没状況図' }], [], new Date()));

  it('is read without them, naming them, and keeps everything it knows', () => {
    const file = written();
    file.exercises[0].futureField = { anything: 1 };
    file.savedBy = 'chizu-dojo 9';
    const work = parseWorkFile(JSON.stringify(file), 'newer.chizudojo.json');
    expect(work.exercises[0]!.title).toBe('小学校区別不審者出没状況図');
    expect(work.unknownFields).toEqual(['savedBy', 'exercises.0.futureField']);
    expect('futureField' in work.exercises[0]!).toBe(false);
  });

  it('is still refused when a known field is wrong', () => {
    const file = written();
    file.exercises[0].futureField = 1;
    file.exercises[0].thematic = { layerId: 'x', field: 'y', method: 'none-such', classCount: 5 };
    expect(() => parseWorkFile(JSON.stringify(file), 'bad.chizudojo.json')).toThrow(/exercises\.0\.thematic\.method/);
  });
});
