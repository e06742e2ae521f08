import { z } from 'zod';
import { CLASSIFICATION_METHODS, DIVERGING_PALETTES, MAX_CLASS_COUNT, MIN_CLASS_COUNT, QUALITATIVE_PALETTES, SEQUENTIAL_PALETTES } from '../model/exercise';
import { IMC_OPERATIONS } from '../model/imc';
import { READABILITY_RULES } from '../io/readability';

/**
 * The shape of an exercise as a work file holds it (current schema), checked field by field: a work file
 * comes from another person's browser (a trainee's hand-in), and a value the map or the panels cannot use
 * (a palette that does not exist, a class count of −0.5, a colour that is not one) must refuse the file
 * when it is read, not break the page when the exercise is opened. Older records are migrated first.
 * Layer data (GeoJSON) is checked feature by feature in work-file.ts.
 */
const id = z.string().min(1);
const text = z.string();
const count = z.number().int().min(0);
const featureCollection = z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

const cleaningStep = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('use-row-as-header'), row: count }),
  z.strictObject({ op: z.literal('delete-rows'), column: text, match: z.enum(['empty', 'equals', 'contains']), value: text.optional() }),
  z.strictObject({ op: z.literal('rename-column'), column: text, to: text }),
  z.strictObject({ op: z.enum(['split-address', 'half-width', 'era-to-western', 'to-number', 'fill-down', 'trim']), column: text }),
  z.strictObject({ op: z.literal('standard-names') }),
  z.strictObject({ op: z.literal('points-from-columns'), latitude: text, longitude: text }),
  z.strictObject({ op: z.literal('join-columns'), columns: z.array(text).min(1).max(10), to: text }),
]);

const layer = z.looseObject({
  id,
  name: text,
  kind: z.enum(['point', 'line', 'polygon', 'mixed', 'none']),
  sourceFileName: text,
  attribution: text,
  data: featureCollection,
  encoding: text.optional(),
  crsLabel: text.optional(),
  schema: text.optional(),
  visible: z.boolean().optional(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  size: z.number().positive().max(100).optional(),
  readability: z.strictObject({ issues: z.array(z.strictObject({ rule: z.enum(READABILITY_RULES), count, where: z.array(text) })), rowsChecked: count, rowCount: count }).optional(),
  importFixes: z.array(z.looseObject({ kind: z.enum(['header-row', 'notes', 'era-dates', 'numbers', 'merged-cells']) })).optional(),
  recipe: z
    .strictObject({
      base: featureCollection,
      steps: z.array(cleaningStep),
      results: z.array(z.strictObject({ changed: count, failed: z.array(z.strictObject({ row: count, value: text })), failedCount: count })),
    })
    .optional(),
  dataLevel: z.enum(['department', 'office', 'on-request', 'open']).optional(),
  density: z.strictObject({ pointLayerId: id, bandwidthM: z.number().positive(), cellM: z.number().positive() }).optional(),
});

const pointFilter = z.strictObject({ field: text, values: z.array(text).optional(), from: text.optional(), to: text.optional() });

const analysis = z.looseObject({
  pointLayerId: id,
  polygonLayerId: id,
  field: text,
  aggregation: z.union([z.strictObject({ op: z.literal('count') }), z.strictObject({ op: z.enum(['sum', 'mean', 'max']), field: text })]).optional(),
  filters: z.array(pointFilter).optional(),
  counted: count,
  outside: count,
  withoutGeometry: count,
  onSharedBoundary: count,
  filteredOut: count.optional(),
});

const thematic = z.strictObject({
  kind: z.enum(['choropleth', 'graduated-circles', 'categories']).optional(),
  layerId: id,
  field: text,
  method: z.enum(CLASSIFICATION_METHODS),
  classCount: z.number().int().min(MIN_CLASS_COUNT).max(MAX_CLASS_COUNT),
  palette: z.enum([...SEQUENTIAL_PALETTES, ...DIVERGING_PALETTES, ...QUALITATIVE_PALETTES]).optional(),
  manualBreaks: z.array(z.number()).optional(),
  flagBelow: z.strictObject({ field: text, count: z.number().min(0), population: text.optional() }).optional(),
  suppress: z.strictObject({ field: text, below: z.number().min(0) }).optional(),
});

const imcLayerRef = z
  .discriminatedUnion('source', [
    z.strictObject({ source: z.literal('sample'), fileName: text }),
    z.strictObject({ source: z.literal('layer'), layerId: text }),
    z.strictObject({ source: z.literal('wish'), name: text, geometry: z.enum(['point', 'line', 'polygon']) }),
  ])
  .nullable();

export const imcRow = z.strictObject({
  id,
  purpose: text,
  baseMap: text,
  layer1: imcLayerRef,
  layer2: imcLayerRef,
  other: imcLayerRef,
  otherNote: text,
  processing: z.looseObject({ op: z.enum(IMC_OPERATIONS), field: text.optional(), distanceM: z.number().positive().optional(), tableKey: text.optional(), targetKey: text.optional() }),
  processingNote: text,
  title: text,
});

export const exerciseSchema = z.strictObject({
  schemaVersion: z.number().int().min(1),
  id,
  title: text,
  createdAt: text,
  updatedAt: text,
  layers: z.array(layer),
  analysis: analysis.nullable(),
  thematic: thematic.nullable(),
  view: z.strictObject({ center: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]), zoom: z.number().min(0).max(24) }).nullable(),
  baseMap: z.enum(['city', 'plain', 'gsi', 'pmtiles']).optional(),
  imc: z.array(imcRow).optional(),
  author: text.optional(),
  madeOn: text.optional(),
  internalUse: z.boolean().optional(),
  snapshotOf: text.optional(),
  comparison: z.strictObject({ kind: z.enum(['groups', 'units']), pointLayerId: text, panels: z.array(z.strictObject({ layerId: id, field: text, title: text })).max(4) }).optional(),
});
