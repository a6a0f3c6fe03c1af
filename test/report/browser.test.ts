import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCharts, reportHtml } from '../../src/report/index.js';
import { makeRunResult } from '../fixtures/run-result.js';

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
    expect(r.stdout).toContain('5/5 charts rendered by vega-embed (5 <svg>)');
    expect(r.status).toBe(0);
  }, 180_000);
});
