// npm run check: no array spread into the arguments of Math.max/Math.min/push/unshift/String.fromCharCode
// in src/. Each argument takes a stack slot: past ~100,000 values (a layer's column, a ring's positions)
// the call throws "RangeError: Maximum call stack size exceeded" — seen with 200,000 polygons, after which
// the save never finished. Use util/extent.ts or a loop; a spread of a few items known to stay few may
// stay when its line says why with `// bounded: …`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SPREAD_CALL = /(?:\bMath\.(?:max|min)|\.push|\.unshift|\bString\.fromCharCode|\bpolygonClipping\.\w+)\(\s*(?:[^(){}[\]]*,\s*)?\.\.\./;

/** The lines of a source text that spread into such a call without a `// bounded:` reason. */
export function unboundedSpreads(text: string): number[] {
  const lines = text.split('\n');
  return lines.flatMap((line, i) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
    if (!SPREAD_CALL.test(code)) return [];
    const reason = /\/\/ bounded: \S/.test(line) || /\/\/ bounded: \S/.test(lines[i - 1] ?? '');
    return reason ? [] : [i + 1];
  });
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const src = fileURLToPath(new URL('../src/', import.meta.url));
  const problems = sources(src).flatMap((file) => unboundedSpreads(readFileSync(file, 'utf8')).map((line) => `${relative(src, file)}:${line}`));
  if (problems.length > 0) {
    console.error(`Spread into Math.max/min or push with data-sized arrays throws past ~100k values (scripts/check-spreads.ts); use util/extent.ts or a loop, or say why it stays small with "// bounded: …":\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Spread check: no unbounded spread into Math.max/min or push.');
}
