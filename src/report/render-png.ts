import { Resvg } from '@resvg/resvg-js';

/** Rasterises an SVG at twice its size on white, with DejaVu Sans standing in for sans-serif. */
export function renderPng(svg: string, zoom = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}
