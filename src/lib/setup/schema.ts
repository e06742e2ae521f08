import { z } from 'zod';
import { imcRow } from '../persistence/exercise-schema';

/**
 * The city setup format (市の設定), version 1: one `setup.json` with the files it names beside it, in a
 * folder (public/sample-data/ for the shipped sample, `city/` beside the app on an office server) or a zip
 * (what an instructor exports and installs). Every object is strict, like curricula: a typo is an error.
 * Documented in README ("A city's own setup").
 */
export const SETUP_FORMAT = 1;
export const SETUP_FILE = 'setup.json';

z.config({ jitless: true });

const text = z.strictObject({ ja: z.string().trim().min(1), en: z.string().trim().min(1).optional() });
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id: a-z, 0-9 and -');
/** A file of the setup, relative to setup.json (escapes are refused by package.ts). */
const path = z.string().min(1);

const layer = z.strictObject({
  file: path,
  name: text,
  attribution: z.string().trim().min(1),
  geometry: z.enum(['point', 'line', 'polygon']),
  workedExample: z.boolean().optional(),
});

const galleryMap = z
  .strictObject({
    id,
    title: text,
    question: text,
    decision: text,
    caution: text,
    row: imcRow.optional(),
    exercise: path.optional(),
  })
  .refine((g) => (g.row === undefined) !== (g.exercise === undefined), { message: 'row or exercise: exactly one', path: ['row'] });

export const setupSchema = z.strictObject({
  format: z.literal(SETUP_FORMAT),
  id,
  name: text,
  code: z.string().regex(/^\d{5,6}$/, 'code: 全国地方公共団体コード (5 or 6 digits)').optional(),
  addressCity: z.string().optional(),
  view: z.strictObject({ center: z.tuple([z.number().min(122).max(154), z.number().min(20).max(46)]), zoom: z.number().min(3).max(18) }).optional(),
  /** The offline base map: the city's outline (GeoJSON polygons) and its 出典. */
  outline: z.strictObject({ file: path, attribution: z.string().trim().min(1) }).optional(),
  /** A PMTiles base map (raster or vector), offered as 背景図 on every map. */
  pmtiles: z.strictObject({ file: path }).optional(),
  layers: z.array(layer),
  /** Town dictionaries for address matching (MLIT 位置参照情報 or Geolonia CSV), loaded at start. */
  dictionaries: z.array(z.strictObject({ file: path })).optional(),
  /** Rows added by 「研修の例を追加」 in the IMC chart, on the setup's layers. */
  imcExamples: z.array(imcRow).optional(),
  gallery: z.array(galleryMap).optional(),
  /** Curriculum packages (zips) installed with the setup. */
  curricula: z.array(path).optional(),
});
export type SetupManifest = z.infer<typeof setupSchema>;
