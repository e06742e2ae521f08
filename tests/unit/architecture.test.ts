import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = new URL('../../scripts/check-architecture.ts', import.meta.url).pathname;
const run = (src: string) => {
  try {
    return { code: 0, output: execFileSync(process.execPath, ['--import', 'tsx', script, src], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, output: e.stderr };
  }
};

/** A small source tree: files by path. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'arch-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the architecture check', () => {
  it('passes the app as it is', () => {
    expect(run(new URL('../../src', import.meta.url).pathname)).toMatchObject({ code: 0 });
  });

  it('fails a component that imports an importer, a store or a package, and a geo module that imports state', () => {
    const { code, output } = run(
      tree({
        'lib/components/Bad.svelte': "<script lang=\"ts\">\n  import { importCsv } from '../io/csv';\n  import { openDB } from 'idb';\n  import type { Layer } from '../model/exercise';\n</script>\n",
        'lib/geo/bad.ts': "import { Workspace } from '../state/workspace.svelte';\n",
        'lib/state/workspace.svelte.ts': "import { importCsv } from '../io/csv';\n",
        'lib/io/csv.ts': 'export const importCsv = 1;\n',
        'lib/model/exercise.ts': 'export type Layer = {};\n',
      }),
    );
    expect(code).toBe(1);
    expect(output).toContain('lib/components/Bad.svelte (components) imports ../io/csv (io)');
    expect(output).toContain('lib/components/Bad.svelte: a component imports the package idb');
    expect(output).toContain('lib/geo/bad.ts (geo) imports ../state/workspace.svelte (state)');
    expect(output).not.toContain('model/exercise'); // a type-only import is free
    expect(output).not.toContain('lib/state/workspace.svelte.ts');
  });
});
