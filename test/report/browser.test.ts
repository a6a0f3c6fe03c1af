import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCharts, buildComparisonCharts, buildSensitivityCharts, comparisonHtml, reportHtml, sensitivityHtml } from '../../src/report/index.js';
import { makeComparison } from '../fixtures/comparison-result.js';
import { makeRunResult } from '../fixtures/run-result.js';
import { makeSensitivity } from '../fixtures/sensitivity-result.js';

const browser = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

/** End to end in headless Chromium (skipped where no Chromium is installed): every chart renders, no errors, no network. */
describe.skipIf(!browser)('report.html in a browser', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('renders every chart with vega-embed and logs no error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    dirs.push(dir);
    const result = makeRunResult({ label: '<script>alert(1)</script>', runs: 300 });
    const file = join(dir, 'report.html');
    await writeFile(file, reportHtml(result, await buildCharts(result)));
    const r = spawnSync(process.execPath, ['scripts/check-report.mjs', file], { encoding: 'utf8', timeout: 150_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('6/6 charts rendered by vega-embed (6 <svg>)');
    expect(r.status).toBe(0);
  }, 180_000);

  it('renders comparison.html and sensitivity.html the same way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    dirs.push(dir);
    const c = makeComparison({ runs: 200, label: '<script>alert(1)</script>', description: '<script>alert(1)</script>' });
    const s = makeSensitivity({ inputLabel: '<script>alert(1)</script>' });
    const pages = [
      { file: join(dir, 'comparison.html'), html: comparisonHtml(c, await buildComparisonCharts(c), '2026-03-01T10:22:33Z'), n: 3 },
      { file: join(dir, 'sensitivity.html'), html: sensitivityHtml(s, await buildSensitivityCharts(s), '2026-03-01T10:22:33Z'), n: 3 },
    ];
    for (const p of pages) {
      await writeFile(p.file, p.html);
      const r = spawnSync(process.execPath, ['scripts/check-report.mjs', p.file], { encoding: 'utf8', timeout: 150_000 });
      expect(r.stderr, p.file).toBe('');
      expect(r.stdout).toContain(`${p.n}/${p.n} charts rendered by vega-embed (${p.n} <svg>)`);
      expect(r.status).toBe(0);
    }
  }, 300_000);
});
