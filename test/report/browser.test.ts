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

// CHROMIUM, when set, names the only browser to use (a missing one counts as none).
const candidates = process.env.CHROMIUM !== undefined ? [process.env.CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const browser = candidates.find((p) => p && existsSync(p));
/** In CI (the CI variable set, as .ci/run does) this check is required: no Chromium is a failure, not a skip. */
const required = Boolean(process.env.CI);

/** End to end in headless Chromium: every chart renders, no errors, no network. Skipped only outside CI where no Chromium is installed. */
describe.skipIf(!browser && !required)('report.html in a browser', () => {
  it('has a Chromium to run in', () => {
    expect(browser, 'CI is set but no Chromium was found: apt-get install -y chromium, or set CHROMIUM=/path/to/browser').toBeDefined();
  });

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
    const r = spawnSync(process.execPath, ['scripts/check-report.mjs', file], { encoding: 'utf8', timeout: 150_000, env: { ...process.env, CHROMIUM: browser ?? '' } });
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
      { file: join(dir, 'sensitivity.html'), html: sensitivityHtml(s, await buildSensitivityCharts(s), '2026-03-01T10:22:33Z'), n: 5 },
    ];
    for (const p of pages) {
      await writeFile(p.file, p.html);
      const r = spawnSync(process.execPath, ['scripts/check-report.mjs', p.file], { encoding: 'utf8', timeout: 150_000, env: { ...process.env, CHROMIUM: browser ?? '' } });
      expect(r.stderr, p.file).toBe('');
      expect(r.stdout).toContain(`${p.n}/${p.n} charts rendered by vega-embed (${p.n} <svg>)`);
      expect(r.status).toBe(0);
    }
  }, 300_000);
});
