import { catalogue, type GalleryMap } from '../model/setup-catalogue';
import { newExercise, type Exercise } from '../model/exercise';
import { memoryStore } from '../persistence/memory-store';
import { parseWorkFile } from '../persistence/work-file';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import { Workspace, type Notice } from './workspace.svelte';
import type { ExerciseStore } from '../persistence/exercise-store';
import type { CitySetup } from './city-setup.svelte';
import { toErrorInfo } from '../util/errors';

/**
 * Pictures of the example maps, made in this browser the first time the gallery is seen (offline). Named
 * by how they are drawn: pictures kept under an earlier name (fitted beside a legend the picture did not
 * show; with labels that overlap at card size) are made again, and the old ones emptied.
 */
const THUMBNAILS_KEY = 'galleryThumbnails-3';
const OLD_THUMBNAILS_KEYS = ['galleryThumbnails', 'galleryThumbnails-2'];

/**
 * The managers' gallery of example maps: the maps of the city setup in use. A map given as an IMC row is
 * made by a workspace of its own that saves nothing, so opening an example never touches the user's work;
 * a map kept as an exercise (an instructor's or a trainee's) is read from the setup as it was saved. Made
 * maps are kept for the session.
 */
export class Gallery {
  shown = $state.raw<{ map: GalleryMap; exercise: Exercise } | null>(null);
  making = $state<string | null>(null);
  errors = $state.raw<Notice[]>([]);
  /** Picture key → PNG data URL; undefined until read from this browser's store. */
  thumbnails = $state.raw<Record<string, string> | undefined>(undefined);

  #worker: GeoWorkerClient;
  #store: ExerciseStore;
  #setup: CitySetup;
  #made = new Map<string, Exercise>();

  constructor(worker: GeoWorkerClient, store: ExerciseStore, setup: CitySetup) {
    this.#worker = worker;
    this.#store = store;
    this.#setup = setup;
  }

  /** The example maps of the city setup in use. */
  get maps(): GalleryMap[] {
    return catalogue.current.gallery;
  }

  /** A map's picture, kept per setup: two cities' maps may share an id. */
  thumbnailKey(id: string): string {
    return `${catalogue.current.id}/${id}`;
  }

  /** Reads the pictures kept from earlier visits (when the gallery is first shown, not at start-up). */
  async init(): Promise<void> {
    if (this.thumbnails) return;
    this.thumbnails = (await this.#store.getSetting<Record<string, string>>(THUMBNAILS_KEY)) ?? {};
    for (const key of OLD_THUMBNAILS_KEYS) if (await this.#store.getSetting(key)) await this.#store.putSetting(key, null).catch(() => {});
  }

  /** The example's exercise, made from its IMC row (or read from the setup) the first time it is asked for. */
  async build(id: string): Promise<Exercise | undefined> {
    const map = this.maps.find((g) => g.id === id);
    if (!map) return undefined;
    const key = this.thumbnailKey(id);
    let exercise = this.#made.get(key);
    if (!exercise) {
      if (map.exercise) {
        try {
          exercise = parseWorkFile(await this.#setup.readText(map.exercise), map.exercise).exercises[0];
        } catch (error) {
          this.errors = [{ kind: 'error', info: toErrorInfo(error, map.exercise) }];
          return undefined;
        }
      } else if (map.row) {
        const builder = new Workspace(memoryStore(), this.#worker);
        builder.exercise = { ...newExercise(`gallery-${id}`, new Date()), imc: [map.row] };
        await builder.imc.makeMapFromRow(map.row.id);
        this.errors = builder.notices.filter((n) => n.kind === 'error');
        exercise = builder.exercise;
      }
      if (exercise) this.#made.set(key, exercise);
    }
    return exercise;
  }

  async show(id: string): Promise<void> {
    const map = this.maps.find((g) => g.id === id);
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
    this.thumbnails = { ...this.thumbnails, [this.thumbnailKey(id)]: dataUrl };
    await this.#store.putSetting(THUMBNAILS_KEY, this.thumbnails).catch(() => {});
  }

  close(): void {
    this.shown = null;
  }
}
