import type { Aggregation } from '../geo/aggregate';
import { buildRecipe, emptyImcRow, exampleRows, resolveLayer, type ImcLayerRef, type ImcRow } from '../model/imc';
import { newId } from '../util/ids';
import type { Analyses } from './analyses';
import type { ExerciseEditor } from './exercise-editor';
import type { Imports } from './imports.svelte';

/** The spatial problem-solving chart (IMC): its rows, and making the map a row describes. */
export class ImcRecipes {
  #editor: ExerciseEditor;
  #imports: Imports;
  #analyses: Analyses;

  constructor(editor: ExerciseEditor, imports: Imports, analyses: Analyses) {
    this.#editor = editor;
    this.#imports = imports;
    this.#analyses = analyses;
  }

  get imcRows(): ImcRow[] {
    return this.#editor.exercise.imc ?? [];
  }

  addImcRow(): void {
    this.#editor.update({ imc: [...this.imcRows, emptyImcRow(newId('imc'))] });
  }

  /** Adds the city setup's examples (the training's worked examples) as rows. */
  addWorkedExampleRows(): void {
    this.#editor.update({ imc: [...this.imcRows, ...exampleRows(() => newId('imc'))] });
  }

  updateImcRow(id: string, change: Partial<ImcRow>): void {
    this.#editor.update({ imc: this.imcRows.map((r) => (r.id === id ? { ...r, ...change } : r)) });
  }

  removeImcRow(id: string): void {
    this.#editor.update({ imc: this.imcRows.filter((r) => r.id !== id) });
  }

  /**
   * Makes the map a row describes: loads its layers, runs its processing, sets the title. A row that
   * cannot be made says why (notice), and changes nothing.
   */
  async makeMapFromRow(id: string): Promise<void> {
    const row = this.imcRows.find((r) => r.id === id);
    if (!row) return;
    const { steps, missing } = buildRecipe(row);
    if (missing.length > 0) {
      this.#editor.notify({ kind: 'info', info: { code: 'imc-incomplete', ja: missing.map((m) => m.ja).join(' '), en: missing.map((m) => m.en).join(' ') } });
      return;
    }
    const layerOf = (ref: ImcLayerRef) => resolveLayer(ref, this.#editor.exercise)?.id ?? '';
    for (const step of steps) {
      switch (step.kind) {
        case 'load':
          await this.#editor.withBusy('loading', () => this.#imports.loadSetupLayers([step.fileName]));
          break;
        case 'aggregate': {
          const aggregation: Aggregation = step.op === 'count' ? { op: 'count' } : { op: step.op, field: step.field! };
          await this.#analyses.aggregate(layerOf(step.points), layerOf(step.polygons), aggregation, [], step.column);
          break;
        }
        case 'per-km2':
          this.#analyses.normalize(layerOf(step.polygons), step.column, { kind: 'area-km2' });
          break;
        case 'ratio':
          this.#analyses.normalize(layerOf(step.polygons), step.numerator, { kind: 'field', field: step.denominator, per: 1 }, step.column);
          break;
        case 'nearest':
          await this.#analyses.nearestDistance(layerOf(step.from), layerOf(step.to));
          break;
        case 'buffer-count': {
          await this.#analyses.buffer(layerOf(step.around), step.distanceM);
          const buffered = this.#editor.exercise.layers.at(-1);
          if (buffered) await this.#analyses.aggregate(layerOf(step.points), buffered.id, { op: 'count' }, [], '件数');
          break;
        }
        case 'coverage':
          await this.#analyses.coverage(layerOf(step.target), layerOf(step.cover));
          break;
        case 'join':
          await this.#analyses.join(layerOf(step.target), step.targetKey, layerOf(step.table), step.tableKey);
          break;
        case 'title':
          this.#editor.update({ title: step.title });
          break;
        case 'guide':
          this.#editor.notify({ kind: 'info', info: { code: 'imc-guide', ja: step.ja, en: step.en } });
          break;
      }
    }
  }
}
