import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComparisonResult, SensitivityResult } from '../montecarlo/analysis-result.js';
import type { RunResult } from '../montecarlo/result.js';
import { buildComparisonCharts, buildSensitivityCharts } from './analysis-charts.js';
import { buildCharts, type ChartFile, type ChartOptions } from './build-charts.js';
import { comparisonJson } from './comparison-json.js';
import { scoresJson, weightsCsv } from './conditioning-json.js';
import { timeseriesCsv } from './csv.js';
import { comparisonHtml } from './html-comparison.js';
import { sensitivityHtml } from './html-sensitivity.js';
import { reportHtml } from './html.js';
import { sensitivityJson } from './sensitivity-json.js';
import { summaryJson } from './summary-json.js';

/** Writes files into a directory, remembering their paths in the order written. */
export class FileWriter {
  readonly written: string[] = [];
  constructor(readonly dir: string) {}

  async put(path: string, data: string | Uint8Array): Promise<void> {
    await writeFile(path, data);
    this.written.push(path);
  }

  /** charts/<name>.vl.json and charts/<name>.svg (+ .png) for each chart. */
  async charts(charts: readonly ChartFile[]): Promise<void> {
    const chartDir = join(this.dir, 'charts');
    await mkdir(chartDir, { recursive: true });
    for (const c of charts) {
      await this.put(join(chartDir, `${c.name}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
      await this.put(join(chartDir, `${c.name}.svg`), c.svg.endsWith('\n') ? c.svg : `${c.svg}\n`);
      if (c.png) await this.put(join(chartDir, `${c.name}.png`), c.png);
    }
  }
}

/**
 * Writes the report into `dir` (a temporary directory the caller moves into place):
 * charts/<name>.vl.json, charts/<name>.svg (+ .png), report.html, timeseries.csv, summary.json
 * (and scores.json for a scored run, weights.csv for a conditioned one).
 * `runDate` (ISO date-time) goes into the charts' footers and the report's provenance, never
 * into summary.json. Returns the written paths in a stable order.
 */
export async function writeReport(result: RunResult, dir: string, opts: ChartOptions = {}): Promise<string[]> {
  const charts = await buildCharts(result, opts);
  const out = new FileWriter(dir);
  await out.charts(charts);
  await out.put(join(dir, 'report.html'), reportHtml(result, charts, opts.runDate));
  await out.put(join(dir, 'timeseries.csv'), timeseriesCsv(result.timeseries));
  await out.put(join(dir, 'summary.json'), summaryJson(result.summary));
  if (result.scores) await out.put(join(dir, 'scores.json'), scoresJson(result.summary, result.scores));
  if (result.conditioning) await out.put(join(dir, 'weights.csv'), weightsCsv(result.conditioning));
  return out.written;
}

/**
 * Writes `rollout compare`'s output into `dir`: comparison.json, charts/<name>.vl.json and
 * .svg (+ .png) of compare-probability, compare-differences and compare-fans, and
 * comparison.html. `runDate` goes into the charts and the page, never into the JSON.
 */
export async function writeComparison(c: ComparisonResult, dir: string, opts: ChartOptions = {}): Promise<string[]> {
  const charts = await buildComparisonCharts(c, opts);
  const out = new FileWriter(dir);
  await out.charts(charts);
  await out.put(join(dir, 'comparison.html'), comparisonHtml(c, charts, opts.runDate));
  await out.put(join(dir, 'comparison.json'), comparisonJson(c));
  return out.written;
}

/**
 * Writes `rollout sensitivity`'s output into `dir`: sensitivity.json, charts (a tornado per
 * target and spearman) and sensitivity.html. `runDate` goes into the charts and the page only.
 */
export async function writeSensitivity(s: SensitivityResult, dir: string, opts: ChartOptions = {}): Promise<string[]> {
  const charts = await buildSensitivityCharts(s, opts);
  const out = new FileWriter(dir);
  await out.charts(charts);
  await out.put(join(dir, 'sensitivity.html'), sensitivityHtml(s, charts, opts.runDate));
  await out.put(join(dir, 'sensitivity.json'), sensitivityJson(s));
  return out.written;
}
