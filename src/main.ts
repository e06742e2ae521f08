import { mount } from 'svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import App from './App.svelte';
import { openExerciseStore, type ExerciseStore } from './lib/persistence/exercise-store';
import { memoryStore } from './lib/persistence/memory-store';
import { GeoWorkerClient } from './lib/worker/geo-worker-client';
import { Workspace } from './lib/state/workspace.svelte';
import { Training } from './lib/state/training.svelte';
import { Instructor } from './lib/state/instructor.svelte';
import { Gallery } from './lib/state/gallery.svelte';
import { CitySetup } from './lib/state/city-setup.svelte';
import { CurriculumAuthoring } from './lib/state/curriculum-authoring.svelte';
import { readCurriculumZip } from './lib/curriculum/package';
import { Library } from './lib/state/library.svelte';
import { StorageStatus } from './lib/state/storage.svelte';
import { i18n } from './lib/i18n/i18n.svelte';
import { pageFontLoaded, registerPageFont } from './lib/map/font-faces';
import { installTableTiles } from './lib/map/install-table-tiles';
import { installAnchorTables } from './lib/map/anchor-tables.svelte';
import { registerServiceWorker } from './lib/offline/register-service-worker';

registerPageFont();
document.documentElement.lang = i18n.locale;
const target = document.getElementById('app')!;

let workspace: Workspace | undefined;
let store: ExerciseStore;
let storageAvailable = true;
const worker = new GeoWorkerClient();
void installTableTiles(({ table, z, x, y, fields }) => worker.tableTile(table, z, x, y, fields));
installAnchorTables((polygons) => worker.anchorTable(polygons));
try {
  store = await openExerciseStore(
    {
      onVersionChange: () => workspace?.storeClosed(),
      // An older tab keeps the old database open: say so instead of hanging on a blank page.
      onBlocked: () => {
        target.textContent = i18n.t('storage.blocked');
      },
    },
    // The worker holds the tables: it writes and reads them, off the main thread.
    { write: (tables) => worker.storeTables(tables), read: (ids) => worker.loadTables(ids) },
  );
} catch (error) {
  // Private windows or locked-down browsers may refuse IndexedDB: work in memory, export only.
  console.warn('IndexedDB unavailable', error);
  store = memoryStore();
  storageAvailable = false;
}
const storage = new StorageStatus(storageAvailable);
// The city setup in use (installed here, the server's city/ folder, or the shipped sample) comes first:
// the map's start view, the base map and the layer pickers are the setup's.
const setup = new CitySetup(store, import.meta.env.BASE_URL, {
  onDictionary: (file) => workspace!.preparation.loadAddressDictionary(file, { quiet: true }),
  onCurriculum: async (fileName, bytes) => {
    const result = readCurriculumZip(fileName, bytes);
    if (result.ok) await training.addPackage(fileName, bytes, result.pkg.curriculum);
  },
});
await setup.init();
workspace = new Workspace(store, worker);
await workspace.open();
const training = new Training(store, workspace);
await training.init();
const library = new Library(store, workspace, () => training.init());
await library.refresh();
const instructor = new Instructor(training, store);
const gallery = new Gallery(worker, store, setup);
const authoring = new CurriculumAuthoring(store, workspace, training);
void storage.requestPersistence();
// An edit made just before a reload or closing the tab is written as the page goes away.
addEventListener('pagehide', () => workspace.saveOnExit());

target.textContent = '';
// Shown once the fonts its text needs have loaded: laid out before, every line would first be shaped with
// fallback fonts while ~120 font subsets start loading (the page's longest task on reload), then again.
target.hidden = true;
mount(App, { target, props: { workspace, training, instructor, gallery, library, storage, setup, authoring } });
// Matching every character on the page against the font's subsets takes tens of milliseconds: a task of
// its own, not more of the mount's.
await new Promise((resolve) => setTimeout(resolve));
await pageFontLoaded(target.textContent ?? '');
target.hidden = false;
registerServiceWorker(() => (storage.updateReady = true));
void setup.loadDictionaries().catch((error) => workspace.reportError(error));
