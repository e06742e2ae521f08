import type { MeshSize } from '../geo/mesh';
import { aggregationColumnName, columnValues, HOT_SPOT_LABELS, labelsOf, numericValues, thematicShowing, type Layer } from '../model/exercise';
import { empiricalBayesRates } from '../geo/rates';
import { DENSITY_FIELD } from '../geo/density';
import { MAX_PANELS, type ComparisonPanel, type PointGroup } from '../model/comparison';
import { classifyZ } from '../geo/hot-spots';
import type { Aggregation, PointFilter } from '../geo/aggregate';
import { normalizeValues, type Normalization } from '../geo/normalize';
import { columnFromValues, findColumn, knowValuesHash, withColumn as tableWithColumn } from '../table/layer-table';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import { newId } from '../util/ids';
import type { ExerciseEditor } from './exercise-editor';

/** The count column grid squares and comparisons write, and the count per km² that compares across units. */
const COUNT = '件数';
const PER_KM2 = '件数（1km²あたり）';
const MESH_CODE = 'メッシュコード';

/** Below this many areas a hot-spot map is a hint only (the statistic leans on the normal approximation). */
const FEW_AREAS = 50;

/**
 * Geoprocessing on the exercise's layers (IMC: 処理): aggregate points into polygons, normalise, join,
 * buffer, coverage, nearest distance. The worker computes; each result becomes a column or a layer.
 */
export class Analyses {
  #editor: ExerciseEditor;
  #worker: GeoWorkerClient;

  constructor(editor: ExerciseEditor, worker: GeoWorkerClient) {
    this.#editor = editor;
    this.#worker = worker;
  }

  /**
   * Aggregates points into polygons in the worker (count, sum, mean, max; with filters). The result
   * becomes a column of the polygon layer, and the map shows it.
   */
  async aggregate(pointLayerId: string, polygonLayerId: string, aggregation: Aggregation, filters: PointFilter[], columnName?: string): Promise<void> {
    const points = this.#layer(pointLayerId), polygons = this.#layer(polygonLayerId);
    if (!points || !polygons) return;
    const field = columnName?.trim() || aggregationColumnName(aggregation, filters.length > 0);
    await this.#editor.withBusy('counting', async () => {
      const started = performance.now();
      const result = await this.#aggregated(points, polygons, aggregation, filters);
      this.#editor.update({
        layers: this.#layersWithColumn(polygons, field, result.values),
        analysis: {
          pointLayerId,
          polygonLayerId,
          field,
          aggregation,
          filters,
          counted: result.used,
          outside: result.outside,
          withoutGeometry: result.withoutGeometry,
          onSharedBoundary: result.onSharedBoundary,
          filteredOut: result.filteredOut,
        },
        thematic: thematicShowing(this.#editor.exercise, polygonLayerId, field),
      });
      // A User Timing entry (click to result in the exercise), which the end-to-end benchmark reads.
      performance.measure('chizu-dojo:count', { start: started });
    });
  }

  /** Adds a column value ÷ area (per km²) or ÷ another column (per 1,000) and maps it (as `named`, when given). */
  normalize(layerId: string, field: string, by: Normalization, named?: string): void {
    const layer = this.#layer(layerId);
    if (!layer) return;
    const name =
      named ?? (by.kind === 'area-km2' ? `${field}（1km²あたり）` : by.per === 1000 ? `${field}（${by.field}千あたり）` : by.per === 100 ? `${field}／${by.field}（%）` : `${field}／${by.field}`);
    const values = normalizeValues(layer.data, field, by);
    this.#editor.update({
      layers: this.#layersWithColumn(layer, name, values),
      thematic: thematicShowing(this.#editor.exercise, layerId, name),
    });
  }

  /**
   * Rates on small numbers: adds the global Empirical Bayes rate of `eventsField` per `per` of
   * `populationField` and the excess risk, maps the smoothed rate, and hatches the areas with fewer than
   * `below` events (named in a notice), whose raw rates are unstable.
   */
  smoothRates(layerId: string, eventsField: string, populationField: string, per: number, below: number): void {
    const layer = this.#layer(layerId);
    if (!layer) return;
    const events = numericValues(layer, eventsField), populations = numericValues(layer, populationField);
    const { smoothed, excessRisk } = empiricalBayesRates(events, populations);
    const rateName = `${eventsField}（経験ベイズ、${populationField}${per === 1000 ? '千' : per === 100 ? '百' : ''}あたり）`;
    const riskName = `${eventsField}（超過リスク）`;
    const scaled = smoothed.map((v) => (Number.isFinite(v) ? v * per : null));
    const layers = this.#layersWithColumns(layer, { [rateName]: scaled, [riskName]: excessRisk.map((v) => (Number.isFinite(v) ? v : null)) });
    this.#editor.update({ layers, thematic: { ...thematicShowing({ ...this.#editor.exercise, layers }, layerId, rateName), flagBelow: { field: eventsField, count: below, population: populationField } } });
    const names = labelsOf(layer).filter((_, row) => events[row]! < below);
    if (names.length > 0) {
      this.#editor.notify({
        kind: 'info',
        info: {
          code: 'small-numbers',
          ja: `${layer.name}: ${names.length} 地区は「${eventsField}」が ${below} 未満で、率が偶然に大きく左右されます（${names.slice(0, 5).join('、')}${names.length > 5 ? 'など' : ''}）。地図では斜線で示しています。`,
          en: `${layer.name}: ${names.length} areas have fewer than ${below} "${eventsField}", so their rates owe much to chance (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}). They are hatched on the map.`,
        },
      });
    }
  }

  /**
   * Hot spots (Getis-Ord Gi*) of a polygon layer's column: adds the z-score and its class (90/95/99 %,
   * hot or cold) and maps the classes. Few areas make any hot spot a weak finding: said under 50 (33 school districts are few).
   */
  async hotSpots(layerId: string, field: string): Promise<void> {
    const layer = this.#layer(layerId);
    if (!layer) return;
    await this.#editor.withBusy('counting', async () => {
      const { z, withoutNeighbours } = await this.#worker.hotSpots(layer.data, field);
      const zName = `${field}_Gi*（z）`, className = `${field}_ホットスポット`;
      const layers = this.#layersWithColumns(layer, {
        [zName]: z.map((v) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null)),
        [className]: z.map((v) => HOT_SPOT_LABELS[classifyZ(v)].label),
      });
      this.#editor.update({ layers, thematic: { ...thematicShowing({ ...this.#editor.exercise, layers }, layerId, className), kind: 'categories' } });
      const areas = layer.data.rowCount;
      if (areas < FEW_AREAS || withoutNeighbours > 0) {
        this.#editor.notify({
          kind: 'info',
          info: {
            code: 'few-areas',
            ja: `${layer.name}: ${areas < FEW_AREAS ? `面が ${areas} しかないため、ホットスポットは傾向の目安にとどまります（少なくとも 30、できれば ${FEW_AREAS} 以上の面が要ります。地域メッシュで数えると面が増えます）。` : ''}${withoutNeighbours > 0 ? `隣り合う面のない面が ${withoutNeighbours} あり、それらは評価していません。` : ''}`,
            en: `${layer.name}: ${areas < FEW_AREAS ? `only ${areas} areas, so hot spots are a hint, not a finding (at least 30, better ${FEW_AREAS} or more; counting per grid square gives more areas). ` : ''}${withoutNeighbours > 0 ? `${withoutNeighbours} areas touch no other and are not assessed.` : ''}`,
          },
        });
      }
    });
  }

  /** Joins a table layer to a polygon layer by key columns; reports unmatched keys on both sides. */
  async join(targetId: string, targetKey: string, tableId: string, tableKey: string): Promise<void> {
    const target = this.#layer(targetId), table = this.#layer(tableId);
    if (!target || !table) return;
    await this.#editor.withBusy('counting', async () => {
      const { data, report } = await this.#worker.joinTable(target.data, targetKey, table.data, tableKey);
      this.#editor.patchLayer(targetId, { data });
      const list = (keys: string[]) => (keys.length === 0 ? '—' : keys.slice(0, 20).join(', ') + (keys.length > 20 ? ` …(${keys.length})` : ''));
      this.#editor.notify({
        kind: 'info',
        info: {
          code: 'join-report',
          ja: `結合：${target.name} ${target.data.rowCount} 件のうち ${report.matched} 件が一致。表になかったキー：${list(report.unmatchedTargetKeys)}。使われなかった表のキー：${list(report.unmatchedTableKeys)}${report.duplicateTableKeys.length ? `。表で重複したキー（先の行を使用）：${list(report.duplicateTableKeys)}` : ''}${report.repeatedTargetKeys.length ? `。${target.name} で複数の地物に同じキーがあります（飛び地など）：${list(report.repeatedTargetKeys)}。表の値はその各地物に付くため、合計すると重ねて数えます` : ''}`,
          en: `Join: ${report.matched} of ${target.data.rowCount} features of ${target.name} matched. Keys missing from the table: ${list(report.unmatchedTargetKeys)}. Table keys not used: ${list(report.unmatchedTableKeys)}${report.duplicateTableKeys.length ? `. Duplicate table keys (first row used): ${list(report.duplicateTableKeys)}` : ''}${report.repeatedTargetKeys.length ? `. Several features of ${target.name} share a key (pieces of one area): ${list(report.repeatedTargetKeys)}. Each gets the table's value, so a sum counts it once per piece` : ''}`,
        },
      });
    });
  }

  /** A new polygon layer: everything within `distanceM` metres of a layer's features. */
  async buffer(layerId: string, distanceM: number): Promise<void> {
    const layer = this.#layer(layerId);
    if (!layer || !(distanceM > 0)) return;
    await this.#editor.withBusy('counting', async () => {
      const data = await this.#worker.bufferFeatures(layer.data, distanceM);
      const buffered: Layer = { id: newId('layer'), name: `${layer.name}（${distanceM}m圏）`, kind: 'polygon', sourceFileName: layer.sourceFileName, attribution: layer.attribution, data };
      this.#editor.update({ layers: [...this.#editor.exercise.layers, buffered] });
    });
  }

  /**
   * A new polygon layer of the standard grid squares (地域メッシュ) holding the points, with their code
   * (メッシュコード, to join e-Stat mesh statistics) and count, mapped. Points outside the grid are said;
   * squares with none are 0 only where they reach the areas on the map.
   */
  async countByMesh(layerId: string, size: MeshSize): Promise<void> {
    const layer = this.#layer(layerId);
    if (!layer) return;
    await this.#editor.withBusy('counting', async () => {
      // Empty squares only within the areas on the map (school districts…), when there are any.
      const areas = this.#unitLayers();
      const mesh = await this.#meshLayer(layer, size, {}, areas.length > 0 ? areas : undefined);
      const layers = [...this.#editor.exercise.layers, mesh];
      this.#editor.update({ layers, thematic: thematicShowing({ ...this.#editor.exercise, layers }, mesh.id, COUNT) });
    });
  }

  /**
   * The points counted per grid square as a new layer (not yet in the exercise). Points outside the grid
   * are named in a warning, whichever analysis asked.
   */
  async #meshLayer(points: Layer, size: MeshSize, extra: Partial<Layer> = {}, area?: readonly Layer[]): Promise<Layer> {
    const { data, outside } = await this.#worker.countByMesh(points.data, size, area?.map((l) => l.data));
    if (outside > 0) {
      this.#editor.notify({
        kind: 'warning',
        info: {
          code: 'mesh-outside',
          ja: `${points.name}: ${outside} 件の点は地域メッシュの範囲（日本）の外にあるため数えていません。`,
          en: `${points.name}: ${outside} points lie outside the grid squares' extent (Japan) and were not counted.`,
        },
      });
    }
    return { id: newId('layer'), name: `${points.name}（${size}メッシュ）`, kind: 'polygon', sourceFileName: points.sourceFileName, attribution: points.attribution, data, ...extra };
  }

  /**
   * Points aggregated per polygon in the worker: only the tables' ids cross, since it holds the tables (and
   * their index) already. The values' hash comes with them, so their column is not hashed here.
   */
  async #aggregated(points: Layer, polygons: Layer, aggregation: Aggregation, filters: PointFilter[]) {
    const result = await this.#worker.request('aggregatePointsInPolygons', { points: this.#worker.ref(points.data), polygons: this.#worker.ref(polygons.data), aggregation, filters });
    knowValuesHash(result.values, result.valuesHash);
    return result;
  }

  /** The points counted per polygon, filtered if asked. */
  async #counts(points: Layer, polygons: Layer, filters: PointFilter[] = []): Promise<Float64Array> {
    return (await this.#aggregated(points, polygons, { op: 'count' }, filters)).values;
  }

  /**
   * A density surface of a point layer (kernel density, quartic kernel, `bandwidthM` metres): grid cells
   * with points per km², mapped in classes. Made again with another bandwidth, it replaces the layer it
   * made before (same place in the list, same visibility).
   */
  async density(pointLayerId: string, bandwidthM: number): Promise<void> {
    const layer = this.#layer(pointLayerId);
    if (!layer || !(bandwidthM > 0)) return;
    await this.#editor.withBusy('counting', async () => {
      const { data, cellM } = await this.#worker.kernelDensity(layer.data, bandwidthM);
      const previous = this.#editor.exercise.layers.find((l) => l.density?.pointLayerId === pointLayerId);
      const surface: Layer = {
        id: previous?.id ?? newId('layer'),
        name: `${layer.name}（密度・半径${bandwidthM}m）`,
        kind: 'polygon',
        sourceFileName: layer.sourceFileName,
        attribution: layer.attribution,
        data,
        // Cells are drawn without outlines: a surface, not a grid of areas.
        size: 0,
        ...(previous?.visible === false ? { visible: false } : {}),
        density: { pointLayerId, bandwidthM, cellM: Math.round(cellM) },
      };
      const layers = previous ? this.#editor.exercise.layers.map((l) => (l.id === previous.id ? surface : l)) : [...this.#editor.exercise.layers, surface];
      // A surface reads in equal steps of density, as QGIS draws one (quantiles of many near-empty cells
      // would spend most classes near 0), and they are cheap to work out for tens of thousands of cells.
      const thematic = thematicShowing({ ...this.#editor.exercise, layers }, surface.id, DENSITY_FIELD);
      this.#editor.update({ layers, thematic: previous && this.#editor.exercise.thematic?.layerId === previous.id ? thematic : { ...thematic, method: 'equal-interval' } });
    });
  }

  /**
   * Small multiples: the points counted per group (a period or a kind, see pointGroups) into one polygon
   * layer, a column per group, shown side by side in shared classes.
   */
  async compareGroups(pointLayerId: string, polygonLayerId: string, groups: readonly PointGroup[]): Promise<void> {
    const points = this.#layer(pointLayerId), polygons = this.#layer(polygonLayerId);
    if (!points || !polygons || groups.length < 2) return;
    await this.#editor.withBusy('counting', async () => {
      const columns: Record<string, Float64Array> = {};
      for (const group of groups.slice(0, MAX_PANELS)) columns[`${COUNT}（${group.title}）`] = await this.#counts(points, polygons, [group.filter]);
      const layers = this.#layersWithColumns(polygons, columns);
      const panels = Object.keys(columns).map((field, i) => ({ layerId: polygonLayerId, field, title: groups[i]!.title }));
      this.#editor.update({ layers, comparison: { kind: 'groups', pointLayerId, panels } });
    });
  }

  /**
   * The modifiable areal unit problem in one click: the same points counted per each polygon layer
   * (school districts, 町丁目…) and per 500 m grid square, as points per km² so units of different
   * sizes compare, side by side in shared classes. The grid layer is made again, not added to.
   */
  async compareUnits(pointLayerId: string): Promise<void> {
    const points = this.#layer(pointLayerId);
    if (!points) return;
    const units = this.#unitLayers().slice(0, MAX_PANELS - 1);
    await this.#editor.withBusy('counting', async () => {
      let layers = this.#editor.exercise.layers;
      const panels: ComparisonPanel[] = [];
      for (const unit of units) {
        const counted = this.#withColumns(unit, { [COUNT]: await this.#counts(points, unit) });
        const perKm2 = this.#withColumns(counted, { [PER_KM2]: normalizeValues(counted.data, COUNT, { kind: 'area-km2' }) });
        layers = layers.map((l) => (l.id === unit.id ? perKm2 : l));
        panels.push({ layerId: unit.id, field: PER_KM2, title: unit.name });
      }
      // Thin outlines: hundreds of squares drawn with district-weight lines would hide their colours. Empty
      // squares only within the units' area: beyond it there is no data, not a count of 0.
      const mesh = await this.#meshLayer(points, '500m', { size: 0.2 }, units);
      const previous = layers.find((l) => l.name === mesh.name && findColumn(l.data, MESH_CODE));
      const meshPerKm2 = withColumn({ ...mesh, id: previous?.id ?? mesh.id }, PER_KM2, normalizeValues(mesh.data, COUNT, { kind: 'area-km2' }));
      layers = previous ? layers.map((l) => (l.id === previous.id ? meshPerKm2 : l)) : [...layers, meshPerKm2];
      panels.push({ layerId: meshPerKm2.id, field: PER_KM2, title: mesh.name });
      this.#editor.update({ layers, comparison: { kind: 'units', pointLayerId, panels } });
    });
  }

  /** A difference map: column B − A of a layer, mapped in classes centred on 0 (decrease blue, increase red). */
  difference(layerId: string, fieldA: string, fieldB: string): void {
    const layer = this.#layer(layerId);
    if (!layer || fieldA === fieldB) return;
    const a = numericValues(layer, fieldA), b = numericValues(layer, fieldB);
    const field = `${fieldB}−${fieldA}`;
    const layers = this.#layersWithColumns(layer, { [field]: b.map((v, i) => (Number.isFinite(v) && Number.isFinite(a[i]!) ? v - a[i]! : null)) });
    const thematic = thematicShowing({ ...this.#editor.exercise, layers }, layerId, field);
    this.#editor.update({ layers, thematic: { ...thematic, kind: 'choropleth', method: 'diverging', classCount: 5, palette: 'BuRd', suppress: undefined } });
  }

  /** Adds the share (%) of each polygon's area covered by another polygon layer, and maps it. */
  async coverage(targetId: string, coverageId: string): Promise<void> {
    const target = this.#layer(targetId), cover = this.#layer(coverageId);
    if (!target || !cover) return;
    await this.#editor.withBusy('counting', async () => {
      const shares = await this.#worker.request('coveredShare', { target: this.#worker.ref(target.data), coverage: this.#worker.ref(cover.data) });
      const field = `${cover.name}_被覆率(%)`;
      this.#editor.update({
        layers: this.#layersWithColumn(target, field, shares.map((s) => (s === null ? null : Math.round(s * 1000) / 10))),
        thematic: thematicShowing(this.#editor.exercise, targetId, field),
      });
    });
  }

  /** Adds each feature's distance (m) to the nearest feature of another layer; mapped if polygons. */
  async nearestDistance(fromId: string, toId: string): Promise<void> {
    const from = this.#layer(fromId), to = this.#layer(toId);
    if (!from || !to) return;
    await this.#editor.withBusy('counting', async () => {
      const distances = await this.#worker.request('nearestDistancesM', { from: this.#worker.ref(from.data), to: this.#worker.ref(to.data) });
      const field = `${to.name}までの距離(m)`;
      const rounded = distances.map((d) => (d === null ? null : Math.round(d)));
      this.#editor.update({
        layers: this.#layersWithColumn(from, field, rounded),
        ...(from.kind === 'polygon' ? { thematic: thematicShowing(this.#editor.exercise, fromId, field) } : {}),
      });
    });
  }

  /** Areas drawn by people (school districts, 町丁目…), not surfaces or grids this app made from points. */
  #unitLayers(): Layer[] {
    return this.#editor.exercise.layers.filter((l) => l.kind === 'polygon' && !l.density && !findColumn(l.data, MESH_CODE));
  }

  #layer(id: string): Layer | undefined {
    return this.#editor.exercise.layers.find((l) => l.id === id);
  }

  /** The exercise's layers with one column set on `layer` (a result of analysis). */
  #layersWithColumn(layer: Layer, field: string, values: ColumnValues): Layer[] {
    return this.#layersWithColumns(layer, { [field]: values });
  }

  /** The exercise's layers with these columns set on one of them (see #withColumns). */
  #layersWithColumns(layer: Layer, columns: Record<string, ColumnValues>): Layer[] {
    const changed = this.#withColumns(layer, columns);
    return this.#editor.exercise.layers.map((l) => (l.id === layer.id ? changed : l));
  }

  /**
   * A copy of the layer with these columns added, or replaced where the layer has them already: a column
   * whose values change (the file's own 件数, or a count made with other points) is named in a notice,
   * with the way back, so no value disappears unsaid.
   */
  #withColumns(layer: Layer, columns: Record<string, ColumnValues>): Layer {
    const replaced = Object.entries(columns)
      .filter(([field, values]) => findColumn(layer.data, field) && columnValues(layer, field).some((old, row) => (old ?? null) !== valueOrNull(values[row])))
      .map(([field]) => field);
    if (replaced.length > 0) {
      this.#editor.notify({
        kind: 'info',
        info: {
          code: 'column-replaced',
          ja: `${layer.name}: 列${replaced.map((f) => `「${f}」`).join('')}を新しい結果で置き換えました。前の値は「元に戻す」で戻せます。`,
          en: `${layer.name}: column${replaced.length > 1 ? 's' : ''} ${replaced.map((f) => `"${f}"`).join(', ')} replaced by the new result. Undo brings the old values back.`,
        },
      });
    }
    return Object.entries(columns).reduce((l, [field, values]) => withColumn(l, field, values), layer);
  }
}

/** A result's values per row: a worker's numbers (NaN: none) or values made here (null: none). */
type ColumnValues = Float64Array | readonly (number | string | null)[];

const valueOrNull = (value: number | string | null | undefined) => (value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? null : value);

/** A copy of the layer with one column set from per-row values (added, or replaced if it exists); the other columns are shared. */
function withColumn(layer: Layer, field: string, values: ColumnValues): Layer {
  return { ...layer, data: tableWithColumn(layer.data, columnFromValues(field, values)) };
}
