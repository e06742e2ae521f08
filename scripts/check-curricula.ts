// npm run curricula:check — validates every curriculum in curricula/ as the app will read it: the
// schema, safe Markdown, the files each step names, the pre/post surveys; then imports each map task's
// data with the app's importers and recounts its answer keys with the app's counting code.
//   node --import tsx scripts/check-curricula.ts [folder ...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageSourceFile, readCurriculumPackage, type CurriculumPackage } from '../src/lib/curriculum/package';
import { importFiles } from '../src/lib/io/import-files';
import { countPointsInPolygons } from '../src/lib/geo/count-points-in-polygons';
import { findColumn, valueAt, type LayerTable } from '../src/lib/table/layer-table';
import { parseSetupManifest } from '../src/lib/setup/package';
import { SETUP_FILE } from '../src/lib/setup/schema';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../curricula');
const folders = process.argv.length > 2 ? process.argv.slice(2) : fs.readdirSync(root).map((f) => path.join(root, f)).filter((f) => fs.statSync(f).isDirectory());

function filesUnder(dir: string, prefix = ''): { path: string; bytes: Uint8Array }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [{ path: `${prefix}${entry.name}`, bytes: new Uint8Array(fs.readFileSync(path.join(dir, entry.name))) }],
  );
}

async function loadLayer(pkg: CurriculumPackage, file: string): Promise<LayerTable> {
  const [outcome] = await importFiles([packageSourceFile(pkg, file)]);
  if (!outcome?.ok) throw new Error(`${file}: ${outcome?.error.en}`);
  return outcome.result.layers[0]!.data;
}

/** Problems with the answer keys: recounted from the task's own data. */
async function answerKeyProblems(pkg: CurriculumPackage): Promise<string[]> {
  const problems: string[] = [];
  for (const step of pkg.curriculum.lessons.flatMap((l) => l.steps)) {
    if (step.kind !== 'map-task') continue;
    for (const check of step.checks) {
      if (check.kind !== 'counts-match') continue;
      const polygons = await loadLayer(pkg, check.polygons);
      const pointFiles = step.datasets.filter((d) => d !== check.polygons);
      const expected = pkg.answerKeys.get(check.answerKey)!;
      const matches = [];
      for (const file of pointFiles) {
        const { counts } = countPointsInPolygons(await loadLayer(pkg, file), polygons);
        const keys = findColumn(polygons, check.keyField);
        const differing = counts.filter((count, row) => expected.get(String((keys && valueAt(keys, row)) ?? '')) !== count);
        matches.push({ file, differing: differing.length });
      }
      if (!matches.some((m) => m.differing === 0)) problems.push(`${step.id}: ${check.answerKey} does not match the counts of ${matches.map((m) => `${m.file} (${m.differing} areas differ)`).join(', ')}`);
      if (expected.size !== polygons.rowCount) problems.push(`${step.id}: ${check.answerKey} has ${expected.size} keys for ${polygons.rowCount} polygons`);
    }
  }
  return problems;
}

let failed = false;
// The shipped sample setup is checked as the app reads it (every file it names is there); its example
// maps are the ones the built-in curricula may name.
const sampleDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../public/sample-data');
const sample = parseSetupManifest(fs.readFileSync(path.join(sampleDir, SETUP_FILE)), (file) => fs.existsSync(path.join(sampleDir, file)));
if (!sample.ok) {
  failed = true;
  console.error('✗ public/sample-data/setup.json');
  for (const p of sample.problems) console.error(`    ${p.where}: ${p.en} / ${p.ja}`);
} else console.log(`✓ public/sample-data/setup.json: ${sample.manifest.name.ja} — ${sample.manifest.layers.length} layers, ${sample.manifest.gallery?.length ?? 0} example maps`);
const exampleMapIds = sample.ok ? (sample.manifest.gallery ?? []).map((g) => g.id) : [];

for (const folder of folders) {
  const name = path.relative(process.cwd(), folder);
  const result = readCurriculumPackage(filesUnder(folder), exampleMapIds);
  if (!result.ok) {
    failed = true;
    console.error(`✗ ${name}`);
    for (const p of result.problems) console.error(`    ${p.where}: ${p.en} / ${p.ja}`);
    continue;
  }
  const keyProblems = await answerKeyProblems(result.pkg);
  if (keyProblems.length > 0) {
    failed = true;
    console.error(`✗ ${name}`);
    keyProblems.forEach((p) => console.error(`    ${p}`));
    continue;
  }
  const { curriculum } = result.pkg;
  const steps = curriculum.lessons.flatMap((l) => l.steps);
  const kinds = [...new Set(steps.map((s) => s.kind))].join(', ');
  console.log(`✓ ${name}: ${curriculum.title.ja} (v${curriculum.version}) — ${curriculum.lessons.length} lessons, ${steps.length} steps (${kinds}), ${result.pkg.files.size} files`);
}
process.exit(failed ? 1 : 0);
