import { describe, expect, it } from 'vitest';
import { convergenceSpec } from '../../src/report/charts/convergence.js';
import { fanChartSpec } from '../../src/report/charts/fan-chart.js';
import { regionFansSpec } from '../../src/report/charts/region-fans.js';
import { renderSvg } from '../../src/report/render-svg.js';
import { makeRunResult } from '../fixtures/run-result.js';

/** The screen-reader descriptions (aria-label) of a rendered SVG's marks. */
const arias = (svg: string) => [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);

describe('screen-reader descriptions of the charts', () => {
  it('give every value of a percent chart in percent, as its axis shows it (no raw share such as 0.4218)', async () => {
    const r = makeRunResult({ runs: 200 });
    for (const [name, spec] of [['coverage-fan', fanChartSpec(r)], ['convergence', convergenceSpec(r)], ['region-fans', regionFansSpec(r)]] as const) {
      const labels = arias(await renderSvg(spec));
      const bands = labels.filter((l) => /P90: |to: /.test(l));
      expect(bands.length, name).toBeGreaterThan(0);
      for (const l of labels) expect(l, `${name}: ${l}`).not.toMatch(/(?:^|[:;] )(?:p\d+|lo|hi|P\d+|to|95% interval from): -?\d*\.\d{2,}(?:;|$)/);
      for (const l of bands) expect(l, `${name}: ${l}`).toMatch(/(?:P90|to): \d+(?:\.\d)?%/);
    }
  });
});
