import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AllocationResult, ComparisonResult, GoalResult, SensitivityResult } from '../montecarlo/analysis-result.js';
import type { RunResult } from '../montecarlo/result.js';
import { buildComparisonCharts, buildSensitivityCharts } from './analysis-charts.js';
import { buildCharts, renderCharts, type ChartFile, type ChartOptions } from './build-charts.js';
import { comparisonJson } from './comparison-json.js';
import { scoresJson, weightsCsv } from './conditioning-json.js';
import { revisionJson } from './revision-json.js';
import { timeseriesCsv } from './csv.js';
import { comparisonHtml } from './html-comparison.js';
import { sensitivityHtml } from './html-sensitivity.js';
import { reportHtml } from './html.js';
import { sensitivityJson } from './sensitivity-json.js';
import { summaryJson } from './summary-json.js';
import { ALLOCATION_PATH_TITLE, ALLOCATION_SPLIT_TITLE, allocationPathSpec, allocationSplitSpec } from './charts/allocation.js';
import { allocationJson } from './allocation-json.js';
import { allocationHtml } from './html-allocation.js';
import { GOAL_SEARCH_TITLE, goalSearchSpec } from './charts/goal-search.js';
import { goalJson } from './goal-json.js';
import { discoveryJson } from './discovery-json.js';
import { goalHtml } from './html-goal.js';

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

/** What writeReport needs besides the result: the charts' options, and where the report will finally be. */
export interface ReportOptions extends ChartOptions {
  /**
   * The directory the report ends up in, when `dir` is a temporary one moved into place
   * afterwards: the report links to the scenario's SOURCES.md by a path relative to it.
   */
  outDir?: string;
}

/**
 * Writes the report into `dir` (a temporary directory the caller moves into place):
 * charts/<name>.vl.json, charts/<name>.svg (+ .png), report.html, timeseries.csv, summary.json,
 * discovery.json (what goes wrong together) when the run kept replications to analyse
 * (and scores.json for a scored run, weights.csv for a conditioned one, revision.json with --previous).
 * `runDate` (ISO date-time) goes into the charts' footers and the report's provenance, never
 * into summary.json. Returns the written paths in a stable order.
 */
export async function writeReport(result: RunResult, dir: string, opts: ReportOptions = {}): Promise<string[]> {
  const charts = await buildCharts(result, opts);
  const out = new FileWriter(dir);
  await out.charts(charts);
  await out.put(join(dir, 'report.html'), reportHtml(result, charts, opts.runDate, { outDir: opts.outDir ?? dir }));
  await out.put(join(dir, 'timeseries.csv'), timeseriesCsv(result.timeseries));
  await out.put(join(dir, 'summary.json'), summaryJson(result.summary));
  if (result.drivers?.discovery) await out.put(join(dir, 'discovery.json'), discoveryJson(result));
  if (result.scores) await out.put(join(dir, 'scores.json'), scoresJson(result.summary, result.scores));
  if (result.conditioning) await out.put(join(dir, 'weights.csv'), weightsCsv(result.conditioning));
  if (result.revision) await out.put(join(dir, 'revision.json'), revisionJson(result.revision));
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

/**
 * Writes `rollout goal`'s output into `dir`: goal.json, charts/goal-search.vl.json and .svg
 * (+ .png) and goal.html. `runDate` goes into the chart and the page, never into the JSON.
 */
export async function writeGoal(g: GoalResult, dir: string, opts: ChartOptions = {}): Promise<string[]> {
  const charts = await renderCharts([{
    name: 'goal-search', title: GOAL_SEARCH_TITLE, spec: goalSearchSpec(g, opts.runDate),
    howToRead: 'Read along the dashed goal line: the dots below it are values that fall short, those above it meet the goal; the answer is the leftmost dot above the line, and its whisker shows how sure the simulation is.',
  }], opts);
  const out = new FileWriter(dir);
  await out.charts(charts);
  await out.put(join(dir, 'goal.html'), goalHtml(g, charts, opts.runDate));
  await out.put(join(dir, 'goal.json'), goalJson(g));
  return out.written;
}

/**
 * Writes `rollout allocate`'s output into `dir`: allocation.json, charts allocation-path and
 * allocation-split (.vl.json, .svg, + .png) and allocation.html. `runDate` goes into the
 * charts and the page, never into the JSON.
 */
export async function writeAllocation(a: AllocationResult, dir: string, opts: ChartOptions = {}): Promise<string[]> {
  const charts = await renderCharts([
    {
      name: 'allocation-path', title: ALLOCATION_PATH_TITLE, spec: allocationPathSpec(a, opts.runDate),
      howToRead: 'Follow the points left to right: each is the chance after one more unit, coloured by where it went; a steep step is a unit well placed, and the diamonds on the right show what the same total buys when split evenly or in proportion.',
    },
    {
      name: 'allocation-split', title: ALLOCATION_SPLIT_TITLE, spec: allocationSplitSpec(a, opts.runDate),
      howToRead: 'Each group of bars is a place; compare the allocation found (green) with the even and proportional splits: the places where green is longest are where the extra units do most good.',
    },
  ], opts);
  const out = new FileWriter(dir);
  await out.charts(charts);
  await out.put(join(dir, 'allocation.html'), allocationHtml(a, charts, opts.runDate));
  await out.put(join(dir, 'allocation.json'), allocationJson(a));
  return out.written;
}
