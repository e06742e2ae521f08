import { readFileSync } from 'node:fs';
import { catalogue } from '../../src/lib/model/setup-catalogue';
import { catalogueOf, parseSetupManifest } from '../../src/lib/setup/package';

/** Puts the shipped sample setup (public/sample-data/setup.json) in use, as the app does at start. */
export function useSampleSetup(): void {
  const parsed = parseSetupManifest(new Uint8Array(readFileSync(new URL('../../public/sample-data/setup.json', import.meta.url))));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  catalogue.current = { ...catalogueOf(parsed.manifest), outline: null };
}
