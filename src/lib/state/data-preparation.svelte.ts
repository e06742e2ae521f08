import type { Layer, LayerRecipe } from '../model/exercise';
import type { CleaningStep } from '../cleaning/steps';
import { cellName, checkTableReadability, type ReadabilityReport } from '../io/readability';
import { SHIPPED_DICTIONARY_PATH } from '../address/dictionary';
import { LEVEL_LABELS, type AddressMatchReport } from '../address/match-table';
import type { MatchReason } from '../address/match';
import { findAddressColumn } from '../io/table-layout';
import { columnNamesOf } from '../table/layer-table';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import { newId } from '../util/ids';
import { toErrorInfo } from '../util/errors';
import type { ExerciseEditor } from './exercise-editor';

const REASONS: Record<MatchReason, { ja: string; en: string }> = {
  empty: { ja: '住所が空', en: 'no address' },
  'no-city': { ja: '市区町村が見つからない', en: 'city not found' },
  'ambiguous-city': { ja: '同名の市区町村が複数（都道府県を書いてください）', en: 'several cities of that name (add the prefecture)' },
  'no-town': { ja: '町字が辞書にない（市区町村の位置に置きました）', en: 'town not in the dictionary (placed at the city)' },
  'town-without-point': { ja: '町字に位置がない（新しい町など。市区町村の位置に置きました）', en: 'the town has no point (a new town; placed at the city)' },
};

/** Where the worker fetches the shipped town dictionary from (the app's own origin and path). */
const dictionaryUrl = () => new URL(SHIPPED_DICTIONARY_PATH, document.baseURI).href;

/** 「石川県金沢市」 → its prefecture and city; undefined when blank or without a prefecture. */
export function parseCityName(text: string): { prefecture: string; city: string } | undefined {
  const match = /^\s*(.+?[都道府県])\s*(.+?)\s*$/.exec(text.normalize('NFKC'));
  return match ? { prefecture: match[1]!, city: match[2]! } : undefined;
}

/**
 * The address columns a table's rows are matched by: the prefecture, city and town columns in that order
 * when the address is kept in parts (police open data: 都道府県（発生地）, 市区町村（発生地）, 町丁目（発生地）);
 * else the one its header names; else the first column.
 */
export function suggestedAddressColumns(layer: Layer): string[] {
  const names = columnNamesOf(layer.data);
  // Parts first: a table that keeps 市区町村 and 町丁目 apart may also have a 発生場所 (道路上, 駐車場).
  const parts = [/都道府県/, /^(?!.*コード).*市区町村/, /町丁目|町字|大字|町名/].map((pattern) => names.find((n) => pattern.test(n)));
  const found = parts.filter((p): p is string => p !== undefined);
  if (found.length >= 2 && parts[2]) return found;
  const single = findAddressColumn(names);
  return single >= 0 ? [names[single]!] : names.slice(0, 1);
}

/**
 * Making a table usable (ワーク②): address matching in the worker against the town dictionary that
 * ships with the app (the addresses never leave the computer), and dictionaries of other cities loaded
 * from a file.
 */
export class DataPreparation {
  #editor: ExerciseEditor;
  #worker: GeoWorkerClient;
  /** Towns of dictionaries loaded from files this session (the worker forgets them when restarted). */
  loadedDictionaries = $state<{ name: string; towns: number }[]>([]);

  constructor(editor: ExerciseEditor, worker: GeoWorkerClient) {
    this.#editor = editor;
    this.#worker = worker;
  }

  /**
   * Places a layer's rows by their addresses: a point layer 「…（住所照合）」 with 緯度, 経度, 一致レベル and
   * 照合住所, the dictionary's 出典 added (replacing the result of an earlier match of the same table); rows not
   * matched are named in a warning.
   */
  async matchAddresses(layerId: string, column: string | string[], defaultCity?: { prefecture: string; city: string }): Promise<void> {
    const layer = this.#editor.exercise.layers.find((l) => l.id === layerId);
    const columns = (typeof column === 'string' ? [column] : column).filter(Boolean);
    if (!layer || columns.length === 0) return;
    await this.#editor.withBusy('counting', async () => {
      const { data, report } = await this.#worker.matchAddresses(layer.data, columns, dictionaryUrl(), defaultCity);
      const attribution = [layer.attribution, `住所照合: ${report.attribution}`].filter(Boolean).join('／');
      const name = `${layer.name}（住所照合）`;
      // Matching the same table again (another column, the city given) replaces the earlier result, in its
      // place and with its style: two layers of one name would leave the trainee guessing which is which.
      const earlier = this.#editor.exercise.layers.find((l) => l.name === name && l.sourceFileName === layer.sourceFileName && l.kind === 'point');
      const matched: Layer = { ...earlier, id: earlier?.id ?? newId('layer'), name, kind: 'point', sourceFileName: layer.sourceFileName, attribution, data };
      const layers = this.#editor.exercise.layers;
      this.#editor.update({ layers: earlier ? layers.map((l) => (l === earlier ? matched : l)) : [...layers, matched] });
      this.#report(layer.name, report);
    });
  }

  #report(name: string, report: AddressMatchReport): void {
    const total = report.block + report.town + report.city + report.none;
    const blocks = { ja: report.block > 0 ? `${LEVEL_LABELS.block} ${report.block} 件・` : '', en: report.block > 0 ? `${report.block} matched a block (街区), ` : '' };
    this.#editor.notify({
      kind: 'info',
      info: {
        code: 'address-match-report',
        ja: `住所照合（${name}）: ${total} 件のうち ${blocks.ja}${LEVEL_LABELS.town} ${report.town} 件・${LEVEL_LABELS.city} ${report.city} 件・${LEVEL_LABELS.none} ${report.none} 件。${report.block > 0 ? '街区の代表点、それ以外は町字の代表点に置きます（建物の位置ではありません）。' : '町字の代表点に置くため、番地までの位置ではありません。'}${report.wardGuessed > 0 ? `辞書にない区（新しい区や名前の変わった区）の ${report.wardGuessed} 件は、同じ市のほかの区で町字を見つけました（「照合住所」の区を確かめてください）。` : ''}`,
        en: `Address matching (${name}): of ${total} rows, ${blocks.en}${report.town} matched a town, ${report.city} only a city, ${report.none} nothing. Points are the towns' representative points, not the exact buildings.${report.wardGuessed > 0 ? ` ${report.wardGuessed} rows name a ward the dictionary does not know (new or renamed): their town was found in another ward of the city (check the ward in 照合住所).` : ''}`,
      },
    });
    if (report.unmatched.length === 0) return;
    const list = (lang: 'ja' | 'en') =>
      report.unmatched
        .slice(0, 10)
        .map((u) => (lang === 'ja' ? `${u.row}行目「${u.address}」（${REASONS[u.reason].ja}）` : `row ${u.row} "${u.address}" (${REASONS[u.reason].en})`))
        .join(lang === 'ja' ? '、' : ', ');
    const more = report.city + report.none - Math.min(10, report.unmatched.length);
    this.#editor.notify({
      kind: 'warning',
      info: {
        code: 'address-unmatched',
        ja: `住所照合（${name}）で町字まで一致しなかった行: ${list('ja')}${more > 0 ? ` ほか ${more} 行（「一致レベル」列で絞り込めます）` : ''}`,
        en: `Rows of ${name} not matched to a town: ${list('en')}${more > 0 ? ` and ${more} more (filter by the 一致レベル column)` : ''}`,
      },
    });
  }

  /** The check of each cleaned layer as it is now (by layer id), for the workbench. */
  currentChecks = $state<Record<string, ReadabilityReport>>({});

  /**
   * The check of a layer's table as it is now. Before any step that is the table as imported: what the
   * importer already fixed (title rows, merged cells, 和暦 read as dates) is not listed again; the file's
   * own check stays with the layer (readability) for the record.
   */
  currentCheck(layer: Layer): ReadabilityReport {
    return this.currentChecks[layer.id] ?? checkTableReadability(layer.data);
  }

  /** Adds a cleaning step to a layer's recipe and applies it (in the worker). */
  addStep(layerId: string, step: CleaningStep): Promise<void> {
    return this.#setSteps(layerId, (steps) => [...steps, step]);
  }

  /** Takes the recipe's last step back (the earlier ones are applied again from the imported table). */
  undoStep(layerId: string): Promise<void> {
    return this.#setSteps(layerId, (steps) => steps.slice(0, -1));
  }

  /**
   * Applies the recipe of one layer to another (a new version of the same file): steps that name a
   * column the new table lacks are reported, not guessed.
   */
  replayRecipe(fromLayerId: string, toLayerId: string): Promise<void> {
    const steps = this.#layer(fromLayerId)?.recipe?.steps ?? [];
    return this.#setSteps(toLayerId, (own) => [...own, ...steps]);
  }

  /** Applies a layer's recipe again (after its base table was read anew). */
  reapply(layerId: string): Promise<void> {
    return this.#setSteps(layerId, (steps) => steps);
  }

  #layer(layerId: string): Layer | undefined {
    return this.#editor.exercise.layers.find((l) => l.id === layerId);
  }

  async #setSteps(layerId: string, change: (steps: CleaningStep[]) => CleaningStep[]): Promise<void> {
    const layer = this.#layer(layerId);
    if (!layer) return;
    const base = layer.recipe?.base ?? layer.data;
    const steps = change(layer.recipe?.steps ?? []);
    await this.#editor.withBusy('counting', async () => {
      const { data, results, readability } = await this.#worker.applyRecipe(base, steps, dictionaryUrl());
      const recipe: LayerRecipe | undefined = steps.length > 0 ? { base, steps, results } : undefined;
      this.currentChecks = { ...this.currentChecks, [layerId]: readability };
      this.#editor.patchLayer(layerId, { data, kind: data.kind, recipe });
      const last = results.at(-1);
      if (last && steps.length > 0 && (last.failedCount > 0 || last.missingColumn)) this.#reportStep(layerId, layer.name, steps.at(-1)!, last);
    });
  }

  #reportStep(layerId: string, name: string, step: CleaningStep, result: LayerRecipe['results'][number]): void {
    // Cells named as the workbench shows them (E5): the step's column after the step, the data row + 1.
    const data = this.#layer(layerId)?.data;
    const index = 'column' in step && data ? columnNamesOf(data).indexOf(step.column) : 0;
    const rows = result.failed.slice(0, 8).map((f) => `${cellName(index, f.row - 1)}「${f.value}」`);
    const rowsEn = result.failed.slice(0, 8).map((f) => `${cellName(index, f.row - 1)} "${f.value}"`);
    this.#editor.notify({
      kind: 'warning',
      info: result.missingColumn
        ? { code: 'cleaning-step', ja: `${name}: 列「${result.missingColumn}」がないため、手順「${step.op}」は何もしませんでした。`, en: `${name}: there is no column "${result.missingColumn}", so the step "${step.op}" did nothing.` }
        : {
            code: 'cleaning-step',
            ja: `${name}: ${result.failedCount} 個のセルは変換できず、元の値のままです（${rows.join('、')}${result.failedCount > rows.length ? ' など' : ''}）。`,
            en: `${name}: ${result.failedCount} cells could not be converted and keep their value (${rowsEn.join(', ')}${result.failedCount > rowsEn.length ? ', …' : ''}).`,
          },
    });
  }

  /** Adds another city's town dictionary (MLIT 位置参照情報 大字・町丁目 CSV, Shift_JIS, or Geolonia's CSV). */
  async loadAddressDictionary(file: File, { quiet = false } = {}): Promise<void> {
    const load = async () => {
      try {
        const bytes = await file.arrayBuffer();
        const { towns, skipped } = await this.#worker.request('loadAddressDictionary', { name: file.name, bytes, attribution: file.name }, [bytes]);
        this.loadedDictionaries = [...this.loadedDictionaries.filter((d) => d.name !== file.name), { name: file.name, towns }];
        if (quiet) return;
        this.#editor.notify({
          kind: 'info',
          info: {
            code: 'address-dictionary-loaded',
            ja: `住所辞書 ${file.name} を読み込みました（町字 ${towns} 件${skipped ? `、位置のない ${skipped} 行は除外` : ''}）。`,
            en: `Loaded the address dictionary ${file.name} (${towns} towns${skipped ? `; ${skipped} rows without a point left out` : ''}).`,
          },
        });
      } catch (error) {
        this.#editor.notify({ kind: 'error', info: toErrorInfo(error, file.name) });
      }
    };
    // The city setup's dictionaries load at every start, in the background: listed in the panel, not
    // announced, and the workshop's buttons stay usable meanwhile.
    await (quiet ? load() : this.#editor.withBusy('loading', load));
  }
}
