import { Resvg } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pngFontOptions, renderPng, shippedFontFiles } from '../../src/report/render-png.js';

type FontOptions = NonNullable<ConstructorParameters<typeof Resvg>[1]>['font'];

/** Dark pixels of an SVG rendered on white with these font options: the ink its text leaves. */
function ink(svg: string, font: FontOptions): number {
  const pixels = new Resvg(svg, { background: 'white', font }).render().pixels;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) dark++;
  return dark;
}

const text = (words: string, style = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="40"><text x="4" y="28" font-family="sans-serif" font-size="20" ${style}>${words}</text></svg>`;

describe('PNG charts draw their text in the fonts rollout ships', () => {
  it('finds the four DejaVu Sans faces in the dejavu-fonts-ttf package', () => {
    const files = shippedFontFiles();
    expect(files.map((f) => f.split(/[\\/]/).pop())).toEqual(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf']);
    for (const f of files) expect(existsSync(f), f).toBe(true);
  });

  it('draws Latin and Kazakh text without any of the machine\'s fonts (a server with none drew no text at all)', () => {
    for (const words of ['Where does the time go?', 'Қостанай облысы', 'Түркістан, Ақмола, Өскемен, Ұлытау, Һ, І']) {
      // Without fonts resvg leaves text out: this is what a font-less machine produced.
      expect(ink(text(words), { loadSystemFonts: false })).toBe(0);
      expect(ink(text(words), pngFontOptions()), words).toBeGreaterThan(200);
    }
  });

  it('draws bold and italic in their own faces (titles, the ceiling notes)', () => {
    const plain = ink(text('Where does the time go?'), pngFontOptions());
    const bold = ink(text('Where does the time go?', 'font-weight="bold"'), pngFontOptions());
    expect(bold).toBeGreaterThan(plain * 1.2);
    expect(ink(text('ceiling 100 %', 'font-style="italic"'), pngFontOptions())).toBeGreaterThan(100);
  });

  it('renderPng returns a PNG', async () => {
    const png = await renderPng(text('Қостанай'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
