import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCharts, buildComparisonCharts, buildSensitivityCharts, comparisonHtml, reportHtml, sensitivityHtml } from '../../src/report/index.js';
import { makeComparison } from '../fixtures/comparison-result.js';
import { makeRunResult } from '../fixtures/run-result.js';
import { makeSensitivity } from '../fixtures/sensitivity-result.js';
import { browser, measureInBrowser } from '../helpers/in-browser.js';

/**
 * Every pair of neighbouring tick labels on one axis of a page's charts drawn less than
 * 3 px apart, as the browser draws them (its own fonts: the headless SVG's wider DejaVu
 * metrics hide every other label, the browser shows them all).
 */
const CROWDED = `const out = [];
  document.querySelectorAll('.chart[data-rendered] .vega-embed svg .role-axis-label').forEach((g) => {
    const boxes = [...g.querySelectorAll('text')].filter((t) => t.getAttribute('opacity') !== '0' && t.textContent)
      .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
    const chart = g.closest('.chart').getAttribute('data-chart');
    boxes.sort((a, b) => a.r.left - b.r.left);
    for (let i = 1; i < boxes.length; i++) {
      const a = boxes[i - 1], b = boxes[i];
      if (Math.abs(a.r.top - b.r.top) > 2) continue;
      const gap = b.r.left - a.r.right;
      if (gap < 3) out.push(chart + ': ' + a.text + ' | ' + b.text + ' (' + gap.toFixed(1) + ' px)');
    }
  });
  return out;`;

describe.skipIf(!browser)('chart axes in the browser', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('comparison.html: no two tick labels run into each other ("90%100%")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-axes-'));
    dirs.push(dir);
    const c = makeComparison({ runs: 200 });
    const html = comparisonHtml(c, await buildComparisonCharts(c), '2026-03-01T10:22:33Z');
    expect(measureInBrowser<string[]>(html, dir, CROWDED)).toEqual([]);
  }, 180_000);

  it('report.html and sensitivity.html: the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-axes-'));
    dirs.push(dir);
    const r = makeRunResult({ runs: 300 });
    // The baseline's record: plans of 3,000 and 1,900 a year beside a best pace of 750, so the axis runs to 3,400 in steps of 200.
    r.input.deliveryRecord = [
      { id: 'ppp', label: 'PPP peak pace, 2019–20', kind: 'delivered', perYear: { min: 600, max: 750 }, source: 'test record' },
      { id: 'plan-2026', label: 'Plan for 2026 (press release)', kind: 'plan', year: 2026, perYear: { min: 3000, max: 3000 }, source: 'test plan' },
      { id: 'restated', label: 'Plan for 2026 (restated)', kind: 'plan', year: 2026, perYear: { min: 1900, max: 1900 }, source: 'test plan' },
    ];
    r.summary.deliveries = [
      { kind: 'fibre', year: 2026, from: '2026-01-01', to: '2026-12-31', p10: 226, p50: 394, p90: 684, mean: 428.9, aboveRecord: 0.07 },
      { kind: 'fibre', year: 2027, from: '2027-01-01', to: '2027-12-31', p10: 600, p50: 986, p90: 1579, mean: 1020, aboveRecord: 0.78 },
    ];
    const s = makeSensitivity();
    expect(measureInBrowser<string[]>(reportHtml(r, await buildCharts(r)), dir, CROWDED)).toEqual([]);
    expect(measureInBrowser<string[]>(sensitivityHtml(s, await buildSensitivityCharts(s)), dir, CROWDED)).toEqual([]);
  }, 180_000);
});
