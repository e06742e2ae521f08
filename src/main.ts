import { mount } from 'svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import App from './App.svelte';
import { openExerciseStore } from './lib/persistence/exercise-store';
import { GeoWorkerClient } from './lib/worker/geo-worker-client';
import { Workspace } from './lib/state/workspace.svelte';
import { Training } from './lib/state/training.svelte';
import { Instructor } from './lib/state/instructor.svelte';
import { Gallery } from './lib/state/gallery.svelte';
import { i18n } from './lib/i18n/i18n.svelte';
import { registerPageFont } from './lib/map/font-faces';

registerPageFont();

const store = await openExerciseStore();
const worker = new GeoWorkerClient();
const workspace = new Workspace(store, worker);
await workspace.open();
const training = new Training(store, workspace);
await training.init();
const instructor = new Instructor(training);
const gallery = new Gallery(worker, import.meta.env.BASE_URL);
document.documentElement.lang = i18n.locale;
// Pending edits are written before the page goes away (autosave waits SAVE_DELAY_MS otherwise).
addEventListener('pagehide', () => void workspace.flush());

mount(App, { target: document.getElementById('app')!, props: { workspace, training, instructor, gallery } });
