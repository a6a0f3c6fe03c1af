import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summaryJson, timeseriesCsv, writeReport } from '../../src/report/index.js';
import { makeRunResult } from '../fixtures/run-result.js';

describe('writeReport', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('writes charts, report, CSV and summary into the directory and returns their paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-test-'));
    dirs.push(dir);
    const result = makeRunResult({ runs: 200 });
    const paths = await writeReport(result, dir, { png: true });
    const rel = paths.map((p) => relative(dir, p));
    for (const name of ['coverage-fan', 'target-probability', 'date-reached', 'region-fans', 'waits', 'convergence']) {
      expect(rel).toContain(`charts/${name}.vl.json`);
      expect(rel).toContain(`charts/${name}.svg`);
      expect(rel).toContain(`charts/${name}.png`);
    }
    expect(rel).toEqual(expect.arrayContaining(['report.html', 'timeseries.csv', 'summary.json']));
    expect(rel).not.toContain('runs.csv');
    // Nothing written that was not reported.
    const onDisk = [...(await readdir(dir)).filter((f) => f !== 'charts'), ...(await readdir(join(dir, 'charts'))).map((f) => `charts/${f}`)];
    expect(onDisk.sort()).toEqual([...rel].sort());

    expect(await readFile(join(dir, 'summary.json'), 'utf8')).toBe(summaryJson(result.summary));
    expect(await readFile(join(dir, 'timeseries.csv'), 'utf8')).toBe(timeseriesCsv(result.timeseries));
    const spec = JSON.parse(await readFile(join(dir, 'charts', 'coverage-fan.vl.json'), 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite/);
    const svg = await readFile(join(dir, 'charts', 'waits.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
  }, 60_000);

  it('puts the run date in the charts and the report, never in summary.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-test-'));
    dirs.push(dir);
    const result = makeRunResult({ runs: 100 });
    await writeReport(result, dir, { runDate: '2026-03-01T10:22:33.120Z' });
    expect(await readFile(join(dir, 'summary.json'), 'utf8')).toBe(summaryJson(result.summary));
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('2026-03-01 10:22 UTC');
    expect(await readFile(join(dir, 'charts', 'waits.svg'), 'utf8')).toContain('run 2026-03-01 10:22 UTC');
    expect(await readFile(join(dir, 'charts', 'convergence.svg'), 'utf8')).toContain('run 2026-03-01 10:22 UTC');
  }, 60_000);

  it('writes no PNGs unless asked, and the same bytes twice', async () => {
    const a = await mkdtemp(join(tmpdir(), 'report-test-'));
    const b = await mkdtemp(join(tmpdir(), 'report-test-'));
    dirs.push(a, b);
    const result = makeRunResult({ runs: 100 });
    const pa = await writeReport(result, a);
    await writeReport(result, b);
    expect(pa.some((p) => p.endsWith('.png'))).toBe(false);
    for (const p of pa) {
      const r = relative(a, p);
      expect(await readFile(join(b, r), 'utf8'), r).toBe(await readFile(p, 'utf8'));
    }
  }, 60_000);
});
