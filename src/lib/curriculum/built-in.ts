import { readCurriculumPackage, CURRICULUM_FILE, type PackageResult } from './package';
import type { Curriculum } from './schema';

/**
 * The curricula shipped with the app (curricula/ in the repository). Their files are bundled as assets
 * of the app's own origin and fetched when a curriculum is opened; the service worker caches them.
 */
const fileUrls = import.meta.glob('/curricula/*/**/*', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const manifests = import.meta.glob('/curricula/*/curriculum.json', { import: 'default', eager: true }) as Record<string, Curriculum>;

export interface BuiltInCurriculum {
  folder: string;
  /** As written; validated only when opened (and by npm run curricula:check before every build). */
  curriculum: Curriculum;
}

export const BUILT_IN_CURRICULA: BuiltInCurriculum[] = Object.entries(manifests)
  .map(([path, curriculum]) => ({ folder: path.split('/')[2]!, curriculum }))
  .sort((a, b) => a.curriculum.level.localeCompare(b.curriculum.level));

/** Fetches a built-in curriculum's files and reads them as a package. */
export async function loadBuiltInPackage(folder: string): Promise<PackageResult> {
  const prefix = `/curricula/${folder}/`;
  const entries = await Promise.all(
    Object.entries(fileUrls)
      .filter(([path]) => path.startsWith(prefix) && !path.endsWith('.md'))
      .map(async ([path, url]) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        return { path: path.slice(prefix.length), bytes: new Uint8Array(await response.arrayBuffer()) };
      }),
  );
  if (!entries.some((e) => e.path === CURRICULUM_FILE)) throw new Error(`${prefix}${CURRICULUM_FILE} missing from the build`);
  return readCurriculumPackage(entries);
}
