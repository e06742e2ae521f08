import { GALLERY, type GalleryMap } from '../model/gallery';
import { newExercise, type Exercise } from '../model/exercise';
import { memoryStore } from '../persistence/memory-store';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import { Workspace, type Notice } from './workspace.svelte';
import type { ExerciseStore } from '../persistence/exercise-store';

/**
 * Pictures of the example maps, made in this browser the first time the gallery is seen (offline). Named
 * by how they are drawn: pictures kept under an earlier name (fitted beside a legend the picture did not
 * show) are made again, and the old ones emptied.
 */
const THUMBNAILS_KEY = 'galleryThumbnails-2';
const OLD_THUMBNAILS_KEY = 'galleryThumbnails';

/**
 * The managers' gallery of example maps. Each map is made from its IMC row by a workspace of its own
 * that saves nothing, so opening an example never touches the user's work; made maps are kept for
 * the session.
 */
export class Gallery {
  shown = $state.raw<{ map: GalleryMap; exercise: Exercise } | null>(null);
  making = $state<string | null>(null);
  errors = $state.raw<Notice[]>([]);
  /** Map id → PNG data URL of its picture; undefined until read from this browser's store. */
  thumbnails = $state.raw<Record<string, string> | undefined>(undefined);

  #worker: GeoWorkerClient;
  #baseUrl: string;
  #store: ExerciseStore;
  #made = new Map<string, Exercise>();

  constructor(worker: GeoWorkerClient, baseUrl: string, store: ExerciseStore) {
    this.#worker = worker;
    this.#baseUrl = baseUrl;
    this.#store = store;
  }

  /** Reads the pictures kept from earlier visits (when the gallery is first shown, not at start-up). */
  async init(): Promise<void> {
    if (this.thumbnails) return;
    this.thumbnails = (await this.#store.getSetting<Record<string, string>>(THUMBNAILS_KEY)) ?? {};
    if (await this.#store.getSetting(OLD_THUMBNAILS_KEY)) await this.#store.putSetting(OLD_THUMBNAILS_KEY, null).catch(() => {});
  }

  /** The example's exercise, made from its IMC row the first time it is asked for. */
  async build(id: string): Promise<Exercise | undefined> {
    const map = GALLERY.find((g) => g.id === id);
    if (!map) return undefined;
    let exercise = this.#made.get(id);
    if (!exercise) {
      const builder = new Workspace(memoryStore(), this.#worker);
      builder.exercise = { ...newExercise(`gallery-${id}`, new Date()), imc: [map.row] };
      await builder.imc.makeMapFromRow(map.row.id, this.#baseUrl);
      this.errors = builder.notices.filter((n) => n.kind === 'error');
      exercise = builder.exercise;
      this.#made.set(id, exercise);
    }
    return exercise;
  }

  async show(id: string): Promise<void> {
    const map = GALLERY.find((g) => g.id === id);
    if (!map) return;
    this.making = id;
    try {
      const exercise = await this.build(id);
      if (exercise) this.shown = { map, exercise };
    } finally {
      this.making = null;
    }
  }

  async setThumbnail(id: string, dataUrl: string): Promise<void> {
    this.thumbnails = { ...this.thumbnails, [id]: dataUrl };
    await this.#store.putSetting(THUMBNAILS_KEY, this.thumbnails).catch(() => {});
  }

  close(): void {
    this.shown = null;
  }
}
