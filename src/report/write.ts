import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../montecarlo/result.js';
import { buildCharts } from './build-charts.js';
import { timeseriesCsv } from './csv.js';
import { reportHtml } from './html.js';
import { summaryJson } from './summary-json.js';

/**
 * Writes the report into `dir` (a temporary directory the caller moves into place):
 * charts/<name>.vl.json, charts/<name>.svg (+ .png), report.html, timeseries.csv, summary.json.
 * Returns the written paths in a stable order.
 */
export async function writeReport(result: RunResult, dir: string, opts: { png?: boolean } = {}): Promise<string[]> {
  const charts = await buildCharts(result, opts);
  const chartDir = join(dir, 'charts');
  await mkdir(chartDir, { recursive: true });
  const written: string[] = [];
  const put = async (path: string, data: string | Uint8Array) => {
    await writeFile(path, data);
    written.push(path);
  };
  for (const c of charts) {
    await put(join(chartDir, `${c.name}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
    await put(join(chartDir, `${c.name}.svg`), c.svg.endsWith('\n') ? c.svg : `${c.svg}\n`);
    if (c.png) await put(join(chartDir, `${c.name}.png`), c.png);
  }
  await put(join(dir, 'report.html'), reportHtml(result, charts));
  await put(join(dir, 'timeseries.csv'), timeseriesCsv(result.timeseries));
  await put(join(dir, 'summary.json'), summaryJson(result.summary));
  return written;
}
