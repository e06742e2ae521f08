import type { FontFacesSpecification } from 'maplibre-gl';
import notoSansJpCss from '@fontsource/noto-sans-jp/400.css?raw';

/** The font of the whole app and of every map label; bundled so nothing is fetched from a font server. */
export const MAP_FONT = 'Noto Sans JP';

// Vite emits each woff2 subset as an asset of our own origin. The subsets' unicode ranges come from
// fontsource's CSS, read as text (importing that CSS would also emit a .woff copy of every subset, and the
// full 'japanese' file duplicates the numbered subsets).
const subsetUrls = import.meta.glob(
  ['/node_modules/@fontsource/noto-sans-jp/files/noto-sans-jp-*-400-normal.woff2', '!/node_modules/@fontsource/noto-sans-jp/files/noto-sans-jp-japanese-400-normal.woff2'],
  { query: '?url', import: 'default', eager: true },
) as Record<string, string>;

export interface FontSubset {
  url: string;
  unicodeRange: string[];
}

/** Each woff2 subset with the characters it covers, from fontsource's @font-face rules. */
export function fontSubsets(css: string = notoSansJpCss, urls: Record<string, string> = subsetUrls): FontSubset[] {
  const urlBySubset = new Map(Object.entries(urls).map(([path, url]) => [path.split('/').pop()!, url]));
  const subsets: FontSubset[] = [];
  for (const rule of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = rule[1]!;
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    const url = file && urlBySubset.get(file);
    if (url && ranges) subsets.push({ url: new URL(url, document.baseURI).href, unicodeRange: ranges.split(',').map((r) => r.trim()) });
  }
  return subsets;
}

/** The style's `font-faces`: MapLibre downloads a subset only when a label needs one of its characters. */
export function buildFontFaces(subsets: readonly FontSubset[] = fontSubsets()): FontFacesSpecification {
  return { [MAP_FONT]: subsets.map((s) => ({ url: s.url, 'unicode-range': s.unicodeRange })) };
}

/**
 * Registers the same subsets for the page itself; the browser loads a subset when text on screen needs it.
 * As one style sheet: 125 `FontFace` objects made from script took 25–30 ms of the page's first task.
 */
export function registerPageFont(subsets: readonly FontSubset[] = fontSubsets()): void {
  const sheet = document.createElement('style');
  sheet.textContent = subsets
    .map((s) => `@font-face{font-family:"${MAP_FONT}";src:url("${s.url}") format("woff2");unicode-range:${s.unicodeRange.join(',')};font-weight:400;font-style:normal;font-display:swap}`)
    .join('\n');
  document.head.append(sheet);
}

/**
 * Resolves once the page font's subsets for these characters have loaded, or after `maxMs` (a font that
 * fails or is slow must not keep the page from showing).
 */
export async function pageFontLoaded(text: string, maxMs = 500): Promise<void> {
  const characters = [...new Set(text)].join('');
  const loaded = document.fonts.load(`14px "${MAP_FONT}"`, characters).catch(() => {});
  await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, maxMs))]);
}
