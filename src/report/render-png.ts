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

/** Loads the native PNG renderer once, or throws a PngRendererError saying what to do. */
export function loadPngRenderer(): Promise<typeof ResvgModule> {
  loading ??= import('@resvg/resvg-js').catch((e: unknown) => {
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

/** Rasterises an SVG at twice its size on white, with DejaVu Sans standing in for sans-serif. */
export async function renderPng(svg: string, zoom = 2): Promise<Uint8Array> {
  const { Resvg } = await loadPngRenderer();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}
