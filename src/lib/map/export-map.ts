import type { Map as MapLibreMap } from 'maplibre-gl';
import { MAP_FONT } from './font-faces';
import { applyWaiting } from './style-queue';

/** Everything drawn around the map in an exported image: the parts of a finished thematic map. */
export interface MapLayout {
  title: string;
  legendHeading: string;
  legend: { color: string; label: string; note: string; shape: 'rect' | 'circle'; radius?: number }[];
  /** 出典 lines. */
  sources: string[];
  /** 作成者・作成日 line; empty when not given. */
  credits: string;
  northLabel: string;
  /** Written in red under the title when the map is for internal use only; empty otherwise. */
  stamp: string;
}

const FONT = `"${MAP_FONT}", sans-serif`;

/**
 * Renders the map with its title, legend, scale bar, north arrow, sources and credits into a PNG.
 * `pixelRatio` above the screen's gives a high-resolution image: the map is redrawn at that ratio
 * (sharp lines and labels, not an upscaled screenshot) and restored afterwards.
 */
export async function exportMapPng(map: MapLibreMap, layout: MapLayout, pixelRatio: number): Promise<Blob> {
  // A change still waiting for the next frame (points just hidden for publication) is drawn first.
  if (applyWaiting(map)) await redraw(map, () => {});
  const previous = map.getPixelRatio();
  if (pixelRatio !== previous) await redraw(map, () => map.setPixelRatio(pixelRatio));
  try {
    const source = map.getCanvas();
    const cssWidth = source.clientWidth || source.width / pixelRatio;
    const cssHeight = source.clientHeight || source.height / pixelRatio;
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(source, 0, 0);
    ctx.scale(source.width / cssWidth, source.height / cssHeight);
    await document.fonts.load(`16px ${FONT}`, [layout.title, layout.legendHeading, ...layout.sources, layout.credits, layout.stamp].join(''));
    drawTitle(ctx, layout.title, cssWidth);
    drawStamp(ctx, layout.stamp, cssWidth);
    drawNorthArrow(ctx, layout.northLabel, cssWidth);
    drawLegend(ctx, layout, cssHeight);
    drawScaleBar(ctx, map, cssWidth, cssHeight);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'));
  } finally {
    if (pixelRatio !== previous) await redraw(map, () => map.setPixelRatio(previous));
  }
}

/** 「庁内限定（内部利用）」 in a red frame under the title, so the image says where it may go. */
function drawStamp(ctx: CanvasRenderingContext2D, stamp: string, width: number) {
  if (!stamp) return;
  ctx.font = `bold 14px ${FONT}`;
  const w = ctx.measureText(stamp).width + 20;
  const x = (width - w) / 2, y = 52;
  ctx.fillStyle = 'rgba(255,255,255,0.95)';
  ctx.fillRect(x, y, w, 24);
  ctx.strokeStyle = '#b42318';
  ctx.lineWidth = 2;
  ctx.strokeRect(x + 1, y + 1, w - 2, 22);
  ctx.fillStyle = '#b42318';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(stamp, width / 2, y + 12);
}

function redraw(map: MapLibreMap, change: () => void): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    change();
    map.triggerRepaint();
  });
}

function box(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
  ctx.fillStyle = 'rgba(255,255,255,0.93)';
  ctx.strokeStyle = '#b8bfc6';
  ctx.lineWidth = 1;
  ctx.fillRect(x, y, w, h);
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
}

function drawTitle(ctx: CanvasRenderingContext2D, title: string, width: number) {
  if (!title) return;
  ctx.font = `bold 22px ${FONT}`;
  const w = Math.min(width - 120, ctx.measureText(title).width + 32);
  box(ctx, (width - w) / 2, 10, w, 40);
  ctx.fillStyle = '#1f2328';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(title, width / 2, 31, w - 16);
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, label: string, width: number) {
  const x = width - 30, y = 14;
  ctx.fillStyle = '#1f2328';
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + 9, y + 28);
  ctx.lineTo(x, y + 21);
  ctx.lineTo(x - 9, y + 28);
  ctx.closePath();
  ctx.fill();
  ctx.font = `bold 12px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(label, x, y + 31);
}

/** Splits text into lines no wider than `width`, character by character (Japanese has no spaces). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (ctx.measureText(line + char).width > width && line) {
      lines.push(line);
      line = char;
    } else line += char;
  }
  if (line) lines.push(line);
  return lines;
}

function drawLegend(ctx: CanvasRenderingContext2D, layout: MapLayout, height: number) {
  const width = 300, pad = 10, row = 19;
  ctx.font = `11px ${FONT}`;
  const sourceLines = layout.sources.flatMap((s) => wrap(ctx, s, width - 2 * pad));
  const creditLines = layout.credits ? wrap(ctx, layout.credits, width - 2 * pad) : [];
  const rowsHeight = layout.legend.reduce((sum, item) => sum + (item.shape === 'circle' ? Math.max(row, 2 * (item.radius ?? 6) + 4) : row), 0);
  const classHeight = layout.legend.length ? 22 + rowsHeight + 6 : 0;
  const h = pad * 2 + classHeight + (sourceLines.length + creditLines.length) * 15;
  const x = 10, y = height - h - 10;
  box(ctx, x, y, width, h);
  let cy = y + pad;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  if (layout.legend.length) {
    ctx.font = `bold 13px ${FONT}`;
    ctx.fillStyle = '#1f2328';
    ctx.fillText(layout.legendHeading, x + pad, cy, width - 2 * pad);
    cy += 22;
    for (const item of layout.legend) {
      const rowHeight = item.shape === 'circle' ? Math.max(row, 2 * (item.radius ?? 6) + 4) : row;
      ctx.fillStyle = item.color;
      ctx.strokeStyle = '#777';
      if (item.shape === 'circle') {
        const r = item.radius ?? 6;
        ctx.globalAlpha = 0.6;
        ctx.beginPath();
        ctx.arc(x + pad + 30, cy + rowHeight / 2, r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.stroke();
      } else {
        ctx.fillRect(x + pad, cy + 2, 26, 13);
        ctx.strokeRect(x + pad + 0.5, cy + 2.5, 25, 12);
      }
      const textX = x + pad + (item.shape === 'circle' ? 66 : 34);
      const textY = item.shape === 'circle' ? cy + rowHeight / 2 - 7 : cy + 2;
      ctx.fillStyle = '#1f2328';
      ctx.font = `12px ${FONT}`;
      ctx.fillText(item.label, textX, textY);
      ctx.fillStyle = '#57606a';
      ctx.fillText(item.note, x + pad + 150, textY);
      cy += rowHeight;
    }
    cy += 6;
  }
  ctx.font = `11px ${FONT}`;
  ctx.fillStyle = '#57606a';
  for (const line of [...sourceLines, ...creditLines]) {
    ctx.fillText(line, x + pad, cy);
    cy += 15;
  }
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ m) at most 120 px long, measured at the map's centre. */
function drawScaleBar(ctx: CanvasRenderingContext2D, map: MapLibreMap, width: number, height: number) {
  const lat = map.getCenter().lat;
  const metresPerPixel = (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
  const maxMetres = metresPerPixel * 120;
  const magnitude = 10 ** Math.floor(Math.log10(maxMetres));
  const metres = [5, 2, 1].map((m) => m * magnitude).find((m) => m <= maxMetres) ?? magnitude;
  const length = metres / metresPerPixel;
  const x = width - length - 20, y = height - 24;
  box(ctx, x - 8, y - 20, length + 16, 32);
  ctx.strokeStyle = '#1f2328';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x, y - 5);
  ctx.lineTo(x, y);
  ctx.lineTo(x + length, y);
  ctx.lineTo(x + length, y - 5);
  ctx.stroke();
  ctx.font = `11px ${FONT}`;
  ctx.fillStyle = '#1f2328';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(metres >= 1000 ? `${metres / 1000} km` : `${metres} m`, x + length / 2, y - 6);
}
