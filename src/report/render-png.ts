import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as ResvgModule from '@resvg/resvg-js';

/**
 * The PNG renderer, @resvg/resvg-js, is a native module (a prebuilt binary per platform,
 * installed as an optional dependency). It is loaded only when PNGs are asked for
 * (`--png`), so a machine without the binary still runs everything else; when it is
 * missing, `--png` fails with this error instead of a module-resolution trace.
 *
 * @example
 *   await loadPngRenderer();            // before a long run: fail fast if --png cannot work
 *   const png = await renderPng(svg);
 */
export class PngRendererError extends Error {}

let loading: Promise<typeof ResvgModule> | undefined;

/** Loads the native PNG renderer once and finds its fonts, or throws a PngRendererError saying what to do. */
export function loadPngRenderer(): Promise<typeof ResvgModule> {
  loading ??= import('@resvg/resvg-js').then((resvg) => {
    try {
      const missing = shippedFontFiles().find((f) => !existsSync(f));
      if (missing) throw new Error(`${missing} is not there`);
    } catch (e) {
      loading = undefined;
      throw new PngRendererError(
        `PNG output (--png) draws its text in DejaVu Sans from the package dejavu-fonts-ttf, which could not be found (${(e as Error).message.split('\n')[0]}). ` +
        'Reinstall rollout\'s dependencies (npm ci), or leave out --png: the SVG charts and report.html do not need it.',
        { cause: e },
      );
    }
    return resvg;
  }, (e: unknown) => {
    loading = undefined;
    const why = (e as Error).message.split('\n')[0];
    throw new PngRendererError(
      `PNG output (--png) needs the native renderer @resvg/resvg-js for ${process.platform}-${process.arch}, which could not be loaded (${why}). ` +
      'Reinstall with optional dependencies (npm install --include=optional), or leave out --png: the SVG charts and report.html do not need it.',
      { cause: e },
    );
  });
  return loading;
}

/** The DejaVu Sans faces the charts use (regular, bold, italic, both), as the package dejavu-fonts-ttf ships them. */
const FACES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'];

let faces: string[] | undefined;
/** The font files PNGs are drawn with: DejaVu Sans from the dejavu-fonts-ttf package. */
export function shippedFontFiles(): string[] {
  faces ??= FACES.map((f) => join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf', f));
  return faces;
}

/**
 * resvg's font options: DejaVu Sans from the package, never the machine's fonts. A server
 * without fonts (a slim container) drew charts with no text at all, and a machine with
 * other fonts drew other glyphs, wider or narrower than the layout expected; the shipped
 * faces cover Cyrillic, Kazakh's letters included (Қ, Ә, Ө, Ұ, Ү, Һ, І).
 */
export function pngFontOptions() {
  return { loadSystemFonts: false, fontFiles: shippedFontFiles(), defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
}

/** Rasterises an SVG at twice its size on white, in DejaVu Sans (pngFontOptions). */
export async function renderPng(svg: string, zoom = 2): Promise<Uint8Array> {
  const { Resvg } = await loadPngRenderer();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    font: pngFontOptions(),
  });
  return new Uint8Array(resvg.render().asPng());
}
