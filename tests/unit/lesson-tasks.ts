// The built-in curricula's tasks as a trainee meets them: the package read, the task's data imported as
// the runner loads it, and the moves a trainee makes (count, clean, classify) done the way the app does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageSourceFile, readCurriculumPackage, type CurriculumPackage } from '../../src/lib/curriculum/package';
import type { Step } from '../../src/lib/curriculum/schema';
import { importFiles } from '../../src/lib/io/import-files';
import { newExercise, numericValues, type Exercise, type Layer, type ThematicStyle } from '../../src/lib/model/exercise';
import { countPointsInPolygons } from '../../src/lib/geo/count-points-in-polygons';
import { aggregatePointsInPolygons } from '../../src/lib/geo/aggregate';
import { numberColumn, withColumn, withColumns, type LayerTable } from '../../src/lib/table/layer-table';
import { applyRecipe, type CleaningStep } from '../../src/lib/cleaning/steps';
import { empiricalBayesRates } from '../../src/lib/geo/rates';

const root = new URL('../../curricula/', import.meta.url).pathname;

function filesOf(dir: string, prefix = ''): { path: string; bytes: Uint8Array }[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(path.join(dir, name)).isDirectory() ? filesOf(path.join(dir, name), `${prefix}${name}/`) : [{ path: `${prefix}${name}`, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }],
  );
}

export function builtInPackage(level: 1 | 2 | 3): CurriculumPackage {
  const result = readCurriculumPackage(filesOf(path.join(root, `level-${level}`)));
  if (!result.ok) throw new Error(`level ${level}: ${result.problems.map((p) => `${p.where}: ${p.en}`).join('; ')}`);
  return result.pkg;
}

export function stepOf<K extends Step['kind']>(pkg: CurriculumPackage, id: string, kind: K): Extract<Step, { kind: K }> {
  const step = pkg.curriculum.lessons.flatMap((l) => l.steps).find((s) => s.id === id);
  if (step?.kind !== kind) throw new Error(`no ${kind} step ${id}`);
  return step as Extract<Step, { kind: K }>;
}

/** An exercise with package files loaded as layers (ids l0, l1, … in order), as 「課題のデータを読み込む」 does. */
export async function exerciseWith(pkg: CurriculumPackage, files: readonly string[]): Promise<Exercise> {
  const outcomes = await importFiles(files.map((f) => packageSourceFile(pkg, f)));
  const layers: Layer[] = outcomes.map((o, i) => {
    if (!o.ok) throw new Error(o.error.en);
    const data = o.result.layers[0]!.data;
    return { id: `l${i}`, name: o.result.sourceName, kind: data.kind, sourceFileName: o.result.sourceName, attribution: pkg.sources.get(files[i]!)?.attribution ?? '', data };
  });
  return { ...newExercise('ex', new Date()), layers };
}

export const replaceLayer = (exercise: Exercise, layer: Layer): Exercise => ({ ...exercise, layers: exercise.layers.map((l) => (l.id === layer.id ? layer : l)) });

/** 「面ごとに数える」: the points counted into the polygons as column 件数, mapped in `method` classes. */
export function countedInto(exercise: Exercise, points: Layer, polygons: Layer, method: ThematicStyle['method'] = 'quantile'): Exercise {
  const { counts } = countPointsInPolygons(points.data, polygons.data);
  const withCounts = { ...polygons, data: withColumn(polygons.data, numberColumn('件数', counts)) };
  return {
    ...replaceLayer(exercise, withCounts),
    analysis: { pointLayerId: points.id, polygonLayerId: polygons.id, field: '件数', aggregation: { op: 'count' }, counted: 0, outside: 0, withoutGeometry: 0, onSharedBoundary: 0 },
    thematic: { layerId: polygons.id, field: '件数', method, classCount: 5 },
  };
}

/** 「集計のしかた：合計」: a column of the points summed per polygon, as `name`. */
export function summedInto(exercise: Exercise, points: Layer, field: string, polygonId: string, name: string): Exercise {
  const polygons = exercise.layers.find((l) => l.id === polygonId)!;
  const { values } = aggregatePointsInPolygons(points.data, polygons.data, { op: 'sum', field });
  return replaceLayer(exercise, { ...polygons, data: withColumn(polygons.data, numberColumn(name, Array.from(values))) });
}

/** 「経験ベイズ率と超過リスクを加える」 with the events and population columns the trainee chose. */
export function smoothed(exercise: Exercise, polygonId: string, events: string, population: string): Exercise {
  const polygons = exercise.layers.find((l) => l.id === polygonId)!;
  const { smoothed: rates } = empiricalBayesRates(numericValues(polygons, events), numericValues(polygons, population));
  const rateName = `${events}（経験ベイズ、${population}千あたり）`;
  const data: LayerTable = withColumns(polygons.data, [numberColumn(rateName, rates.map((r) => r * 1000))]);
  return {
    ...replaceLayer(exercise, { ...polygons, data }),
    thematic: { layerId: polygonId, field: rateName, method: 'quantile', classCount: 5, flagBelow: { field: events, count: 5, population } },
  };
}

/** Cleaning steps of 「表を整える」 added to a layer (its recipe kept, as the workbench keeps it). */
export function cleaned(exercise: Exercise, layer: Layer, steps: CleaningStep[]): Exercise {
  const base = layer.recipe?.base ?? layer.data;
  const all = [...(layer.recipe?.steps ?? []), ...steps];
  const { table, results } = applyRecipe(base, all);
  return replaceLayer(exercise, { ...layer, data: table, kind: table.kind, recipe: { base, steps: all, results } });
}
