import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openExerciseStore } from '../../src/lib/persistence/exercise-store';
import { newExercise } from '../../src/lib/model/exercise';
import { importGeoJson } from '../../src/lib/io/geojson';

describe('exercise store (IndexedDB)', () => {
  it('stores an exercise with its layers and gives back an equal one', async () => {
    const store = await openExerciseStore();
    const bytes = new Uint8Array(readFileSync(new URL('../../public/sample-data/tsukuba-school-districts.geojson', import.meta.url)));
    const exercise = {
      ...newExercise('ex-1', new Date('2026-11-22T00:00:00Z')),
      title: '小学校区別不審者出没状況図',
      layers: [{ id: 'l1', name: '小学校区', kind: 'polygon' as const, sourceFileName: 'd.geojson', attribution: '国土数値情報', data: importGeoJson(bytes, 'd.geojson').layers[0]!.data }],
      view: { center: [140.1, 36.1] as [number, number], zoom: 11 },
    };
    await store.putExercise(exercise);
    await store.putSetting('currentExerciseId', 'ex-1');
    const reopened = await openExerciseStore();
    expect(await reopened.getExercise('ex-1')).toEqual(exercise);
    expect(await reopened.getSetting('currentExerciseId')).toBe('ex-1');
    expect((await reopened.listExercises()).map((e) => e.id)).toEqual(['ex-1']);
  });
});
