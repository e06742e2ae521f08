import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification, FontFacesSpecification } from 'maplibre-gl';
import { extent } from '../util/extent';
import { pointOnFeature } from '@turf/turf';
import { MAX_CIRCLE_RADIUS, OTHER_CATEGORY_COLOR, SUPPRESSED_COLOR, classIndexOf, labelFieldOf, numbersOf, suppressedRows, type ThematicStyle, type CategoryClass, type Exercise, type Layer, type LegendClass } from '../model/exercise';
import { MAP_FONT } from './font-faces';
import type { PmtilesBase } from './pmtiles-base';
import { isPolygonal } from '../geo/types';
import { findColumn, geometryAt, mapSafeKey, numberAt, rowProperties, valueAt, withMapSafeKeys } from '../table/layer-table';
import { featuresOf } from '../table/geojson-table';
import { isTiled, TILE_LAYER, tiledSource } from './table-tiles';
import type { StatefulLayer } from './feature-states';

export const BASE_SOURCE_ID = 'base-city';
/** One object, so the map (synced by identity) does not reload it at every change. */
const NO_OUTLINE: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
export const GSI_SOURCE_ID = 'base-gsi';
export const PMTILES_SOURCE_ID = 'base-pmtiles';

/**
 * 背景図 choices. Offline by default: 'city' (the city outline shipped with the app) and 'plain'. 'gsi'
 * (地理院タイル) is the only one that leaves the app's origin, and is used only when the user has turned
 * on online maps.
 */
export type BaseMapKind = 'city' | 'plain' | 'gsi' | 'pmtiles';
export const GSI_TILES = 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png';
export const GSI_ATTRIBUTION = '地理院タイル（国土地理院）';
const NO_DATA_COLOR = '#d9d9d9';
/** Default colours by kind, for layers that are not the thematic one (the user may pick another). */
/**
 * Colours of layers the user has not coloured, by kind and by their order among the layers of that kind,
 * so two point layers never look alike (ColorBrewer Dark2 for points and lines, Pastel1 for areas).
 */
const LAYER_COLORS = {
  point: ['#1d4f91', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#a6761d'],
  line: ['#6a3d9a', '#d95f02', '#1b9e77', '#e7298a', '#666666'],
  polygon: ['#9ecae1', '#fdd0a2', '#c7e9c0', '#dadaeb', '#fcc5c0'],
} as const;

/** The colour a layer is drawn in: its own, or the next of its kind's palette. */
export function layerColor(layer: Layer, layers: readonly Layer[]): string {
  if (layer.color) return layer.color;
  const kind = layer.kind === 'point' || layer.kind === 'line' ? layer.kind : 'polygon';
  const palette = LAYER_COLORS[kind];
  const rank = layers.filter((l) => l.kind === layer.kind).indexOf(layer);
  return palette[Math.max(0, rank) % palette.length]!;
}

/** Whether a feature's count is suppressed (1 to below − 1) under the style. */
function isSuppressed(style: ThematicStyle): ExpressionSpecification {
  const count: ExpressionSpecification = ['to-number', ['get', mapSafeKey(style.suppress!.field)], 0];
  return ['all', ['>=', count, 1], ['<', count, style.suppress!.below]];
}

/** An expression that gives `instead` for suppressed features and `otherwise` for the rest. */
function withSuppressed(style: ThematicStyle, otherwise: ExpressionSpecification | string, instead: string): ExpressionSpecification | string {
  return style.suppress ? (['case', isSuppressed(style), instead, otherwise] as ExpressionSpecification) : otherwise;
}

/** The image name of the hatching drawn over areas whose rates rest on small numbers (made by MapView). */
export const HATCH_PATTERN = 'chizu-dojo-hatch';

/** MapLibre colour expression: the first class whose upper bound the value does not exceed. */
export function choroplethColorExpression(field: string, classes: readonly LegendClass[]): ExpressionSpecification | string {
  if (classes.length === 0) return NO_DATA_COLOR;
  const value: ExpressionSpecification = ['to-number', ['get', mapSafeKey(field)], -1];
  const cases: unknown[] = [];
  classes.forEach((c, i) => {
    if (i < classes.length - 1) cases.push(['<=', value, c.upperBound], c.color);
  });
  return ['case', ['!', ['has', mapSafeKey(field)]], NO_DATA_COLOR, ...cases, classes[classes.length - 1]!.color] as ExpressionSpecification;
}

/**
 * A label for a mapped value, a dash where there is no value (not a misleading 0). Values of hundreds
 * and more are whole (4,983 residents per site, not 4,982.67); smaller ones keep one or two decimals.
 */
function valueLabel(field: string, legend: readonly LegendClass[]): ExpressionSpecification {
  const largest = Math.max(0, extent(legend.map((c) => Math.abs(c.upperBound)))[1]);
  const digits = largest >= 100 ? 0 : largest >= 10 ? 1 : 2;
  const value: ExpressionSpecification = ['get', mapSafeKey(field)];
  // MapLibre reads 'max-fraction-digits': 0 as not given (3 digits): whole numbers are rounded instead.
  const formatted: ExpressionSpecification = digits === 0 ? ['number-format', ['round', value], {}] : ['number-format', value, { 'max-fraction-digits': digits }];
  return ['case', ['==', ['typeof', value], 'number'], formatted, '—'];
}

export interface StyleInputs {
  exercise: Exercise;
  /** Choropleth classes (empty for other kinds). */
  legend: readonly LegendClass[];
  /** Category colours (empty unless the thematic kind is 'categories'). */
  categories?: readonly CategoryClass[];
  /** The city outline: a URL, the GeoJSON itself, or null (a city setup without one). */
  baseMapUrl: string | GeoJSON.FeatureCollection | null;
  fontFaces: FontFacesSpecification;
  /** Whether the user allowed requests outside the app's origin (地理院タイル). */
  onlineAllowed?: boolean;
  /** The PMTiles file opened this session, if any (files are not stored, so none after a reload). */
  pmtiles?: PmtilesBase | null;
  /** The circles' point table of a large polygon table, once made (anchor-tables.svelte.ts); without it, large layers get no circles. */
  anchorTable?: (polygons: Layer['data']) => Layer['data'] | undefined;
}

/** Colour by category: the listed values get their colour, any other value the 'others' grey. */
export function categoryColorExpression(field: string, categories: readonly CategoryClass[]): ExpressionSpecification | string {
  const named = categories.filter((c) => c.value !== '');
  if (named.length === 0) return OTHER_CATEGORY_COLOR;
  return ['match', ['to-string', ['get', mapSafeKey(field)]], ...named.flatMap((c) => [c.value, c.color]), OTHER_CATEGORY_COLOR] as ExpressionSpecification;
}

/** Circle radius by area: √(value / max) × the largest radius; no circle for missing or negative values. */
export function circleRadiusExpression(field: string, max: number): ExpressionSpecification {
  const value: ExpressionSpecification = ['to-number', ['get', mapSafeKey(field)], 0];
  return ['case', ['>', value, 0], ['*', MAX_CIRCLE_RADIUS, ['sqrt', ['/', value, max]]], 0];
}

/** A point surely inside each polygon, for graduated circles; cached per data object (layers are immutable). */
const anchorCache = new WeakMap<object, GeoJSON.FeatureCollection>();
function anchorsOf(layer: Layer): GeoJSON.FeatureCollection {
  let anchors = anchorCache.get(layer.data);
  if (!anchors) {
    anchors = {
      type: 'FeatureCollection',
      features: Array.from({ length: layer.data.rowCount }, (_, row) => {
        const geometry = geometryAt(layer.data, row);
        return isPolygonal(geometry) ? [{ ...pointOnFeature(geometry), id: row, properties: rowProperties(withMapSafeKeys(layer.data), row) }] : [];
      }).flat(),
    };
    anchorCache.set(layer.data, anchors);
  }
  return anchors;
}

/**
 * The zoom at which an average area of the table spans about `pixels` across on a 512-pixel tile: the
 * table's extent shared equally between its rows (at least zoom 10, at most 16).
 */
function zoomWhereAreasSpan(table: Layer['data'], pixels: number): number {
  if (!table.bbox || table.rowCount === 0) return 14;
  const [west, south, east, north] = table.bbox;
  const side = Math.sqrt(Math.max(1e-12, (east - west) * (north - south)) / table.rowCount);
  return Math.min(16, Math.max(10, Math.round(Math.log2((pixels * 360) / (512 * side)))));
}

/** The columns a thematic style reads: the mapped one, and those of suppression and hatching. */
function styledColumns(thematic: ThematicStyle | null): string[] {
  const names = [thematic?.field, thematic?.suppress?.field, thematic?.flagBelow?.field];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))];
}

/**
 * Whether a table drawn from tiles is coloured through feature state: tables of areas and lines (a count
 * or new classes recolour them without new tiles); point tiles carry the mapped column themselves.
 */
export const usesFeatureState = (table: Layer['data']) => table.geometry.layout === 'nested';

/**
 * Feature-state keys of tiled areas: their fill colour, the mapped value (for what reads the map, such as
 * queryRenderedFeatures), and whether each hatching shows (1) or not (0).
 */
export const FILL_STATE = 'fill', VALUE_STATE = 'value';
const HATCH_STATE = { suppressed: 'hatch-suppressed', small: 'hatch-small' } as const;

/**
 * The feature state of every area of the thematic layer when it is drawn from tiles: the colour the
 * choropleth expressions would give it (same classes, suppression and no-data grey; a missing or
 * non-numeric value is no data), and its hatchings. Its signature changes only with the data or the
 * style, so a title keystroke sets nothing.
 */
export function statefulLayers(exercise: Exercise, legend: readonly LegendClass[], categories: readonly CategoryClass[]): StatefulLayer[] {
  const thematic = exercise.thematic;
  const layer = exercise.layers.find((l) => l.id === thematic?.layerId);
  if (!thematic || !layer || !isTiled(layer.data) || !usesFeatureState(layer.data)) return [];
  const kind = thematic.kind ?? 'choropleth';
  const table = layer.data;
  const column = findColumn(table, thematic.field);
  const suppressColumn = thematic.suppress ? findColumn(table, thematic.suppress.field) : undefined;
  const flagColumn = thematic.flagBelow ? findColumn(table, thematic.flagBelow.field) : undefined;
  const bounds = legend.map((c) => c.upperBound);
  const categoryColors = new Map(categories.filter((c) => c.value !== '').map((c) => [c.value, c.color]));
  // The model's own rule of suppression (suppressedRows), worked out when the first row is set, not at
  // every change of the exercise that builds these layers (a title keystroke).
  let suppressed: boolean[] | undefined;
  const suppressedAt = (row: number) => (suppressed ??= suppressedRows(layer, thematic))[row] === true;
  const fillOf = (row: number): string => {
    if (kind === 'graduated-circles') return '#f2f2ee';
    if (kind === 'categories') {
      const value = column ? valueAt(column, row) : null;
      return categoryColors.get(value === null ? '' : String(value)) ?? OTHER_CATEGORY_COLOR;
    }
    if (suppressedAt(row)) return SUPPRESSED_COLOR;
    const value = column ? numberAt(column, row) : NaN;
    return value !== value || legend.length === 0 ? NO_DATA_COLOR : legend[classIndexOf(value, bounds)]!.color;
  };
  return [
    {
      source: layer.id,
      rowCount: table.rowCount,
      signature: [column, suppressColumn, flagColumn, JSON.stringify([kind, legend, categories, thematic.suppress, thematic.flagBelow])],
      // (The hatchings only where the style has them: every key costs MapLibre work per area.)
      stateOf: (row) => {
        const state: Record<string, unknown> = { [FILL_STATE]: fillOf(row), [VALUE_STATE]: column ? valueAt(column, row) : null };
        if (thematic.suppress) state[HATCH_STATE.suppressed] = kind === 'choropleth' && suppressedAt(row) ? 1 : 0;
        if (thematic.flagBelow) state[HATCH_STATE.small] = flagColumn && numberAt(flagColumn, row) < thematic.flagBelow.count ? 1 : 0;
        return state;
      },
    },
  ];
}

/**
 * The whole map as a MapLibre style, from the exercise alone (pure; syncMap applies it). No `glyphs`:
 * labels are drawn from bundled fonts.
 */
export function buildStyle({ exercise, legend, categories = [], baseMapUrl, fontFaces, onlineAllowed = false, pmtiles = null, anchorTable }: StyleInputs): StyleSpecification {
  const baseKind = effectiveBaseMap(exercise.baseMap, onlineAllowed, pmtiles !== null);
  const sources: Record<string, SourceSpecification> = {
    [BASE_SOURCE_ID]: { type: 'geojson', data: baseMapUrl ?? NO_OUTLINE },
  };
  const baseLayers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': baseKind === 'plain' ? '#ffffff' : '#e8ecef' } }];
  if (baseKind === 'gsi') {
    sources[GSI_SOURCE_ID] = { type: 'raster', tiles: [GSI_TILES], tileSize: 256, maxzoom: 18, attribution: GSI_ATTRIBUTION };
    baseLayers.push({ id: 'base-gsi', type: 'raster', source: GSI_SOURCE_ID, paint: { 'raster-opacity': 0.8 } });
  }
  if (baseKind === 'pmtiles' && pmtiles) {
    if (pmtiles.kind === 'raster') {
      sources[PMTILES_SOURCE_ID] = { type: 'raster', url: pmtiles.url, tileSize: 256 };
      baseLayers.push({ id: 'base-pmtiles', type: 'raster', source: PMTILES_SOURCE_ID });
    } else {
      // Any vector schema: each layer of the file drawn in quiet greys by geometry type.
      sources[PMTILES_SOURCE_ID] = { type: 'vector', url: pmtiles.url };
      for (const layer of pmtiles.vectorLayers) {
        const base = { source: PMTILES_SOURCE_ID, 'source-layer': layer };
        baseLayers.push(
          { id: `base-pmtiles-${layer}-fill`, type: 'fill', ...base, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#ecebe6', 'fill-outline-color': '#c9c7c0' } },
          { id: `base-pmtiles-${layer}-line`, type: 'line', ...base, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#b9b9b9', 'line-width': 0.8 } },
          { id: `base-pmtiles-${layer}-point`, type: 'circle', ...base, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': '#9a9a9a', 'circle-radius': 1.5 } },
        );
      }
    }
  }
  if (baseKind === 'city' || baseKind === 'gsi') {
    if (baseKind === 'city') baseLayers.push({ id: 'base-city-fill', type: 'fill', source: BASE_SOURCE_ID, paint: { 'fill-color': '#fbfaf6' } });
    baseLayers.push({ id: 'base-city-outline', type: 'line', source: BASE_SOURCE_ID, paint: { 'line-color': '#7a7a7a', 'line-width': 1.6 } });
  }
  const fills: LayerSpecification[] = [];
  const lines: LayerSpecification[] = [];
  const points: LayerSpecification[] = [];
  const labels: LayerSpecification[] = [];

  for (const layer of exercise.layers) {
    const thematic = exercise.thematic?.layerId === layer.id ? exercise.thematic : null;
    // Large tables come as tiles made by the worker, with the columns the style reads; the rest as GeoJSON.
    // Tiled areas read their mapped values from feature state: their tiles carry only the names.
    const tiled = isTiled(layer.data);
    const stateful = tiled && usesFeatureState(layer.data);
    const nameField = layer.kind === 'polygon' || layer.kind === 'mixed' ? labelFieldOf(layer) : null;
    const labelZoom = tiled ? zoomWhereAreasSpan(layer.data, 100) : 0;
    sources[layer.id] = tiled
      ? stateful
        ? tiledSource(layer.data, nameField ? [nameField] : [], labelZoom)
        : tiledSource(layer.data, styledColumns(thematic))
      : // Each feature's id is its place in the array, its row (map/identify.ts).
        { type: 'geojson', data: featuresOf(withMapSafeKeys(layer.data)) as GeoJSON.FeatureCollection, generateId: true };
    const fromTiles = tiled ? { 'source-layer': TILE_LAYER } : {};
    if (layer.visible === false) continue;
    const kind = thematic ? (thematic.kind ?? 'choropleth') : null;
    const circleMax = thematic && kind === 'graduated-circles' ? Math.max(0, extent(numbersOf(layer, thematic.field))[1]) : 0;
    if (layer.kind === 'polygon' || layer.kind === 'mixed') {
      // Tiled areas: the colour each area is given in its feature state (statefulLayers), the same
      // expression whatever the map shows, because MapLibre lays out every tile again when a colour
      // expression that reads the features changes (new classes would cut and lay out 200,000 areas anew).
      const fillColor = stateful
        ? (['coalesce', ['feature-state', FILL_STATE], layerColor(layer, exercise.layers)] as ExpressionSpecification)
        : kind === 'choropleth'
          ? withSuppressed(thematic!, choroplethColorExpression(thematic!.field, legend), SUPPRESSED_COLOR)
          : kind === 'categories'
            ? categoryColorExpression(thematic!.field, categories)
            : kind === 'graduated-circles'
              ? '#f2f2ee'
              : layerColor(layer, exercise.layers);
      fills.push({
        id: `${layer.id}-fill`,
        type: 'fill',
        source: layer.id,
        ...fromTiles,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': fillColor, 'fill-opacity': kind === 'choropleth' || kind === 'categories' ? 0.85 : kind ? 0.6 : 0.35 },
      });
      // Hatching over the colours (the pattern: MapView): suppressed areas, and areas whose rate rests on a small count.
      // (Tiled areas: the pattern shows where their feature state says so; a filter cannot read it.)
      const hatched = (suffix: 'suppressed' | 'small', condition: ExpressionSpecification): LayerSpecification => ({
        id: `${layer.id}-${suffix}`,
        type: 'fill',
        source: layer.id,
        ...fromTiles,
        filter: stateful ? ['==', ['geometry-type'], 'Polygon'] : ['all', ['==', ['geometry-type'], 'Polygon'], condition],
        paint: { 'fill-pattern': HATCH_PATTERN, ...(stateful ? { 'fill-opacity': ['coalesce', ['feature-state', HATCH_STATE[suffix]], 0] as ExpressionSpecification } : {}) },
      });
      if (thematic?.suppress && kind === 'choropleth') fills.push(hatched('suppressed', isSuppressed(thematic)));
      if (thematic?.flagBelow) fills.push(hatched('small', ['<', ['to-number', ['get', mapSafeKey(thematic.flagBelow.field)], 1e12], thematic.flagBelow.count]));
      lines.push({
        id: `${layer.id}-outline`,
        type: 'line',
        // Many areas: outlines once an area spans a dozen pixels (below, they would be most of what is drawn).
        ...(tiled ? { minzoom: labelZoom - 3 } : {}),
        source: layer.id,
        ...fromTiles,
        filter: ['==', ['geometry-type'], 'Polygon'],
        // Thousands of small areas: thin outlines until they are large on screen, so the colours show.
        paint: { 'line-color': '#4a4a4a', 'line-width': layer.size ?? (tiled ? ['interpolate', ['linear'], ['zoom'], labelZoom - 3, 0.1, labelZoom, 0.8] : 0.8) },
      });
      // Circles of a large layer stand on anchors the worker finds, drawn from tiles (none until they come).
      const anchors = tiled && kind === 'graduated-circles' && circleMax > 0 ? anchorTable?.(layer.data) : undefined;
      if (kind === 'graduated-circles' && circleMax > 0 && (!tiled || anchors)) {
        sources[`${layer.id}-anchors`] = anchors ? tiledSource(anchors, [thematic!.field]) : { type: 'geojson', data: anchorsOf(layer) };
        points.push({
          id: `${layer.id}-graduated`,
          type: 'circle',
          source: `${layer.id}-anchors`,
          ...(anchors ? { 'source-layer': TILE_LAYER } : {}),
          paint: { 'circle-radius': circleRadiusExpression(thematic!.field, circleMax), 'circle-color': '#d7301f', 'circle-opacity': 0.6, 'circle-stroke-color': '#7f0000', 'circle-stroke-width': 1 },
        });
      }
      if (nameField) {
        // Labels cannot read feature state: areas drawn from tiles are labelled with their names (the
        // values are in the legend, the results and the attribute table).
        const text: ExpressionSpecification =
          !stateful && (kind === 'choropleth' || kind === 'graduated-circles') ? ['format', ['get', mapSafeKey(nameField)], {}, '\n', {}, withSuppressed(thematic!, valueLabel(thematic!.field, legend), '秘匿'), { 'font-scale': 1.15 }] : ['get', mapSafeKey(nameField)];
        labels.push({
          id: `${layer.id}-label`,
          type: 'symbol',
          // Many areas: named once they are large enough on screen to hold a name (MapLibre would
          // otherwise place thousands of labels over the colours).
          ...(tiled ? { minzoom: labelZoom } : {}),
          source: layer.id,
          ...fromTiles,
          filter: ['==', ['geometry-type'], 'Polygon'],
          layout: { 'text-field': text, 'text-font': [MAP_FONT], 'text-size': 11, 'text-max-width': 8 },
          paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
        });
      }
    }
    if (layer.kind === 'line' || layer.kind === 'mixed') {
      lines.push({
        id: `${layer.id}-line`,
        type: 'line',
        source: layer.id,
        ...fromTiles,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': layerColor(layer, exercise.layers), 'line-width': layer.size ?? 1.5 },
      });
    }
    if (layer.kind === 'point' || layer.kind === 'mixed') {
      // A point layer that is not the theme steps back when another layer is.
      const context = exercise.thematic !== null && !thematic;
      points.push({
        id: `${layer.id}-circle`,
        type: 'circle',
        source: layer.id,
        ...fromTiles,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius':
            kind === 'graduated-circles' && circleMax > 0
              ? circleRadiusExpression(thematic!.field, circleMax)
              : layer.size !== undefined
                ? layer.size
                : tiled
                  ? // Thousands of points: smaller dots, so the areas under them still show.
                    ['interpolate', ['linear'], ['zoom'], 9, 1, 14, 3]
                  : ['interpolate', ['linear'], ['zoom'], 9, kind === 'categories' ? 3 : 2, 14, 6],
          'circle-color':
            kind === 'categories' ? categoryColorExpression(thematic!.field, categories) : kind === 'graduated-circles' ? '#d7301f' : (layer.color ?? (context ? '#333333' : layerColor(layer, exercise.layers))),
          'circle-opacity': context ? 0.55 : kind === 'graduated-circles' ? 0.6 : 0.9,
          'circle-stroke-color': kind === 'graduated-circles' ? '#7f0000' : '#ffffff',
          'circle-stroke-width': kind === 'graduated-circles' ? 1 : tiled ? 0 : 0.6,
        },
      });
    }
  }

  return {
    version: 8,
    'font-faces': fontFaces,
    sources,
    layers: [
      ...baseLayers,
      ...fills,
      ...lines,
      ...points,
      ...labels,
    ],
  };
}

/**
 * The base map actually drawn: 地理院タイル fall back to the offline city outline while online maps are
 * off, and a PMTiles base while its file is not open (after a reload the user picks it again).
 */
export function effectiveBaseMap(chosen: BaseMapKind | undefined, onlineAllowed: boolean, pmtilesOpen = false): BaseMapKind {
  const kind = chosen ?? 'city';
  if (kind === 'gsi' && !onlineAllowed) return 'city';
  if (kind === 'pmtiles' && !pmtilesOpen) return 'city';
  return kind;
}
