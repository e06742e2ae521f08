import type { FontFacesSpecification } from 'maplibre-gl';
import notoSansJpCss from '@fontsource/noto-sans-jp/400.css?raw';

/** The font every map label is drawn with; bundled so labels render with no font server (LGWAN). */
export const MAP_FONT = 'Noto Sans JP';

// Vite emits each woff2 subset as an asset of our own origin; MapLibre downloads a subset only when a
// label needs one of its characters (the unicode ranges come from fontsource's CSS).
const subsetUrls = import.meta.glob('/node_modules/@fontsource/noto-sans-jp/files/noto-sans-jp-*-400-normal.woff2', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Builds the style's `font-faces` from fontsource's @font-face rules and the emitted woff2 URLs. */
export function buildFontFaces(css: string = notoSansJpCss, urls: Record<string, string> = subsetUrls): FontFacesSpecification {
  const urlBySubset = new Map(Object.entries(urls).map(([path, url]) => [path.split('/').pop()!, url]));
  const faces: { url: string; 'unicode-range': string[] }[] = [];
  for (const rule of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = rule[1]!;
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    const url = file && urlBySubset.get(file);
    if (url && ranges) faces.push({ url: new URL(url, document.baseURI).href, 'unicode-range': ranges.split(',').map((r) => r.trim()) });
  }
  return { [MAP_FONT]: faces };
}
