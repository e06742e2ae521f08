import type { AnyFeatureCollection } from '../geo/types';

/** Something the user should know about an import that still succeeded. */
export interface ImportWarning {
  code: 'rows-without-coordinates' | 'features-without-geometry' | 'encoding-guessed';
  ja: string;
  en: string;
}

export interface ImportedLayer {
  /** Suggested layer name, from the file name. */
  name: string;
  data: AnyFeatureCollection;
}

export interface ImportResult {
  fileName: string;
  layers: ImportedLayer[];
  warnings: ImportWarning[];
}
