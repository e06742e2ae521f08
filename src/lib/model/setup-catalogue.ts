import { createSubscriber } from 'svelte/reactivity';
import { planeRectangularEpsg, planeZoneOf } from '../io/crs';
import { prefectureOfCode, PREFECTURES } from '../address/prefectures';
import type { ImcGeometry, ImcRow } from './imc';

/**
 * What the rest of the app knows of the city setup in use (市の設定): its name, the layers it offers
 * beside the user's own files (in the layer pickers, the IMC chart and the one-click worked example),
 * the default city of address matching, the start view, the IMC examples and the managers' example maps.
 * The setup itself (files, base map, dictionaries) is read and kept by state/city-setup.svelte.ts, which
 * sets `catalogue.current`; nothing here names a city: the shipped sample is one setup like any other.
 */
export interface Text {
  ja: string;
  en?: string;
}

/** A layer of the setup (e.g. the city's 小学校区), found by its file name like a file the user loads. */
export interface SetupLayer {
  /** Path of the file inside the setup. */
  file: string;
  /** Its base name: layers made from it remember this name, IMC rows name it. */
  fileName: string;
  name: Text;
  attribution: string;
  geometry: ImcGeometry;
  /** Loaded by the one-click button of the workshop (the worked example of the IMC chart). */
  workedExample: boolean;
}

/** An example map of the managers' gallery (事例地図): made from an IMC row, or a saved exercise. */
export interface GalleryMap {
  id: string;
  title: Text;
  question: Text;
  decision: Text;
  /** How to read it: what the map can and cannot say. */
  caution: Text;
  /** A recipe on the setup's layers, made into the map when opened… */
  row?: ImcRow;
  /** …or a saved map (a work file in the setup, e.g. a trainee's hand-in made an example). */
  exercise?: string;
}

export interface SetupCatalogue {
  id: string;
  name: Text;
  /** 全国地方公共団体コード (6 digits with the check digit, or 5). */
  code?: string;
  /** The city of addresses that name none (「茨城県つくば市」), preset in address matching. */
  addressCity: string;
  view?: { center: [number, number]; zoom: number };
  layers: SetupLayer[];
  imcExamples: ImcRow[];
  gallery: GalleryMap[];
  /** The 出典 of the offline base map (the city outline). */
  outlineAttribution: string;
  /** The outline itself: a URL of the app's origin, or the GeoJSON kept in this browser. */
  outline: string | GeoJSON.FeatureCollection | null;
}

/** Before any setup is read (and in unit tests that set none): no layers, a view of all Japan. */
export const EMPTY_CATALOGUE: SetupCatalogue = {
  id: 'none',
  name: { ja: '（市の設定なし）', en: '(no city setup)' },
  addressCity: '',
  layers: [],
  imcExamples: [],
  gallery: [],
  outlineAttribution: '',
  outline: null,
};

// Replaced as a whole, never mutated. Plain TypeScript (the Node scripts and the worker import the model
// too), made reactive for the components that read it with Svelte's createSubscriber.
let current: SetupCatalogue = EMPTY_CATALOGUE;
let changed: (() => void) | undefined;
const subscribe = createSubscriber((update) => {
  changed = update;
  return () => (changed = undefined);
});
export const catalogue = {
  get current(): SetupCatalogue {
    subscribe();
    return current;
  },
  set current(value: SetupCatalogue) {
    current = value;
    changed?.();
  },
};

/** The setup layer a file name stands for, if the setup has one. */
export function setupLayerOf(fileName: string): SetupLayer | undefined {
  return catalogue.current.layers.find((l) => l.fileName === fileName);
}

/** Text in the UI's language, Japanese when the author gave no English. */
export const localized = (text: Text, locale: 'ja' | 'en') => (locale === 'en' && text.en ? text.en : text.ja);

/**
 * The plane rectangular zone (JGD2011 EPSG) of the city setup's prefecture, offered first when a file in
 * metres does not say its zone; undefined when the setup names no prefecture.
 */
export function cityPlaneEpsg(): number | undefined {
  const setup = catalogue.current;
  const prefecture = (setup.code && prefectureOfCode(setup.code)) || PREFECTURES.find((p) => setup.addressCity.startsWith(p));
  const zone = prefecture ? planeZoneOf(prefecture, setup.view?.center[0]) : undefined;
  return zone === undefined ? undefined : planeRectangularEpsg('JGD2011', zone);
}
