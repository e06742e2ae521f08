// The package's main file is a UMD bundle that breaks under ESM in Node; its ES build is the same data.
import brewer from 'colorbrewer/index.es.js';
import { extent } from '../util/extent';

type Scheme = Record<string, string[]>;
/**
 * ColorBrewer's schemes, plus BuRd: RdBu the other way round, so a decrease is blue and an increase red
 * (as a map of differences in reports reads: more is worse).
 */
const colorbrewer: Record<string, Scheme> = {
  ...(brewer as unknown as Record<string, Scheme>),
  BuRd: Object.fromEntries(Object.entries((brewer as unknown as Record<string, Scheme>).RdBu!).map(([size, colors]) => [size, Array.isArray(colors) ? [...colors].reverse() : colors])),
};

/** ColorBrewer schemes (Cynthia Brewer, colorbrewer2.org) offered for choropleths. */
export const SEQUENTIAL_PALETTES = ['YlOrRd', 'OrRd', 'Reds', 'YlGnBu', 'Blues', 'Greens', 'PuBuGn', 'Purples', 'Greys'] as const;
export const DIVERGING_PALETTES = ['BuRd', 'RdBu', 'PuOr', 'BrBG', 'PiYG', 'PRGn', 'RdYlBu', 'Spectral'] as const;
export const QUALITATIVE_PALETTES = ['Set2', 'Dark2', 'Paired', 'Set3', 'Set1'] as const;
export type PaletteName = (typeof SEQUENTIAL_PALETTES)[number] | (typeof DIVERGING_PALETTES)[number] | (typeof QUALITATIVE_PALETTES)[number];
export const DEFAULT_PALETTE: PaletteName = 'YlOrRd';

/**
 * Schemes readable with the common forms of colour blindness, after colorbrewer2.org's "colorblind
 * safe" marks: all sequential ones, five diverging ones, and (for their first few colours) three
 * qualitative ones.
 */
const COLOR_BLIND_SAFE = new Set<string>([...SEQUENTIAL_PALETTES, 'BuRd', 'RdBu', 'PuOr', 'BrBG', 'PiYG', 'PRGn', 'Dark2', 'Set2', 'Paired']);

export function isColorBlindSafe(palette: PaletteName): boolean {
  return COLOR_BLIND_SAFE.has(palette);
}

/** How many distinct colours the palette has at most (Set2: 8, Paired: 12, sequential: 9). */
export function paletteSize(palette: PaletteName): number {
  return extent(Object.keys(colorbrewer[palette] ?? {}).map(Number))[1];
}

/** The palette's colours for this many classes; ColorBrewer starts at 3, so 1–2 classes take from the 3. */
export function paletteColors(palette: PaletteName, classCount: number): string[] {
  const schemes = colorbrewer;
  const scheme = schemes[palette] ?? schemes.YlOrRd!;
  if (classCount >= 3) {
    const sizes = Object.keys(scheme).map(Number).filter(Number.isFinite);
    return scheme[Math.min(extent(sizes)[1], classCount)]!;
  }
  const three = scheme[3]!;
  return classCount === 2 ? [three[0]!, three[2]!] : [three[1]!];
}
