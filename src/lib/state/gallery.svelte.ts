import { GALLERY, type GalleryMap } from '../model/gallery';
import { newExercise, type Exercise } from '../model/exercise';
import { memoryStore } from '../persistence/memory-store';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import { Workspace, type Notice } from './workspace.svelte';

/**
 * The managers' gallery of example maps. Each map is made from its IMC row by a workspace of its own
 * that saves nothing, so opening an example never touches the user's work; made maps are kept for
 * the session.
 */
export class Gallery {
  shown = $state.raw<{ map: GalleryMap; exercise: Exercise } | null>(null);
  making = $state<string | null>(null);
  errors = $state.raw<Notice[]>([]);

  #worker: GeoWorkerClient;
  #baseUrl: string;
  #made = new Map<string, Exercise>();

  constructor(worker: GeoWorkerClient, baseUrl: string) {
    this.#worker = worker;
    this.#baseUrl = baseUrl;
  }

  async show(id: string): Promise<void> {
    const map = GALLERY.find((g) => g.id === id);
    if (!map) return;
    let exercise = this.#made.get(id);
    if (!exercise) {
      this.making = id;
      try {
        const builder = new Workspace(memoryStore(), this.#worker);
        builder.exercise = { ...newExercise(`gallery-${id}`, new Date()), imc: [map.row] };
        await builder.imc.makeMapFromRow(map.row.id, this.#baseUrl);
        this.errors = builder.notices.filter((n) => n.kind === 'error');
        exercise = builder.exercise;
        this.#made.set(id, exercise);
      } finally {
        this.making = null;
      }
    }
    this.shown = { map, exercise };
  }

  close(): void {
    this.shown = null;
  }
}
