import type { QgisLayer, QgisProject } from '../io/qgis-project';
import { extent } from '../util/extent';
import { formatNumber } from '../util/format';
import { thematicLayer, type CategoryClass, type Exercise, type Layer, type LegendClass } from './exercise';

/**
 * The map as a QGIS project describes it: each layer a table of the GeoPackage written beside it (`tables`,
 * in the layers' order), the thematic layer with the legend's classes (graduated: the same breaks and
 * colours) or categories, the others in the colour the app draws them (`colorOf`).
 */
export function qgisProjectOf(exercise: Exercise, legend: readonly LegendClass[], categories: readonly CategoryClass[], tables: readonly string[], gpkg: string, colorOf: (layer: Layer) => string): QgisProject {
  const thematic = thematicLayer(exercise);
  const layers = exercise.layers.map((layer, i): QgisLayer => {
    const geometry = layer.kind === 'point' || layer.kind === 'line' || layer.kind === 'polygon' ? layer.kind : 'none';
    const base = { table: tables[i]!, name: layer.name, geometry, visible: layer.visible !== false } as const;
    if (thematic?.layer.id !== layer.id) return { ...base, renderer: { kind: 'single', color: colorOf(layer) } };
    const { style } = thematic;
    if (style.kind === 'categories') {
      const named = categories.filter((c) => c.value !== '');
      const other = categories.find((c) => c.value === '');
      return { ...base, renderer: { kind: 'categorized', field: style.field, categories: named.map((c) => ({ value: c.value, color: c.color, label: c.value })), ...(other ? { otherColor: other.color } : {}) } };
    }
    if ((style.kind ?? 'choropleth') === 'choropleth' && legend.length > 0) {
      const [lowest] = extent(legend.map((c) => c.min));
      const ranges = legend.map((c, k) => {
        const lower = k === 0 ? Math.min(lowest, c.upperBound) : legend[k - 1]!.upperBound;
        return { lower, upper: c.upperBound, color: c.color, label: `${formatNumber(lower)} – ${formatNumber(c.upperBound)}` };
      });
      return { ...base, renderer: { kind: 'graduated', field: style.field, method: style.method, ranges } };
    }
    return { ...base, renderer: { kind: 'single', color: colorOf(layer) } };
  });
  const boxes = exercise.layers.flatMap((l) => (l.data.bbox ? [l.data.bbox] : []));
  return {
    title: exercise.title || 'Chizu Dojo',
    gpkg,
    layers,
    sources: [...new Set(exercise.layers.map((l) => l.attribution.trim()).filter(Boolean))],
    ...(exercise.author ? { author: exercise.author } : {}),
    ...(boxes.length > 0 ? { extent: [extent(boxes.map((b) => b[0]))[0], extent(boxes.map((b) => b[1]))[0], extent(boxes.map((b) => b[2]))[1], extent(boxes.map((b) => b[3]))[1]] as [number, number, number, number] } : {}),
  };
}
