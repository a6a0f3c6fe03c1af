/**
 * The library: the same engine the `rollout` command uses, for analysts who script in
 * TypeScript or JavaScript.
 *
 * @example
 *   import { runScenario } from 'rollout-sim';
 *   const r = await runScenario('scenarios/kazakhstan-baseline.yaml', { runs: 2000, seed: 1 });
 *   console.log(r.summary.targets.map((t) => [t.id, t.probability]));
 */
import { loadScenario } from './scenario/index.js';
import { annotateResult, availableCores, runMonteCarlo, type RunResult } from './montecarlo/index.js';
import { writeReport } from './report/index.js';
import { planOutput, writeStaged } from './cli/output-dir.js';

export * from './engine/index.js';
export * from './model/index.js';
export { loadScenario, loadObservations, ScenarioError, formatProblems, type LoadedScenario, type ScenarioProblem, type ScenarioSource } from './scenario/index.js';
export * from './montecarlo/index.js';
export {
  buildCharts, reportHtml, writeReport, summaryJson, timeseriesCsv, type ChartFile, type ChartOptions,
  comparisonJson, buildComparisonCharts, comparisonHtml, writeComparison,
  sensitivityJson, buildSensitivityCharts, sensitivityHtml, writeSensitivity, conditioningJson, scoresJson,
  goalJson, goalHtml, writeGoal, allocationJson, allocationHtml, writeAllocation, discoveryJson,
} from './report/index.js';

export interface RunScenarioOptions {
  runs?: number;
  seed?: number;
  /** Worker threads (default: the cores this process may use, CPU quotas included; 0 = the calling thread). */
  workers?: number;
  /**
   * When given, also writes summary.json, charts, timeseries.csv and report.html there, as
   * `rollout run --out` does: never into a folder rollout did not write (checked before the
   * run: an error names the folder and why), the old result replaced only when the new one
   * is complete.
   */
  out?: string;
  /** With `out`: write into a non-empty folder that rollout did not write (its files are kept beside). */
  force?: boolean;
  png?: boolean;
  check?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Loads a scenario file, runs it and returns the answer (optionally writing the report). */
export async function runScenario(file: string, o: RunScenarioOptions = {}): Promise<RunResult> {
  const loaded = loadScenario(file);
  const { input, identity } = loaded;
  const plan = o.out !== undefined ? planOutput({ out: o.out, force: o.force === true, inputs: [file, ...loaded.reads], command: 'runScenario', writes: ['charts/', 'report.html', 'timeseries.csv', 'summary.json'] }) : null;
  const result = await runMonteCarlo(input, identity, {
    runs: o.runs ?? 1000, seed: o.seed ?? 1, workers: o.workers ?? availableCores(),
    check: o.check, onProgress: o.onProgress, signal: o.signal,
  });
  annotateResult(result, loaded);
  if (plan) await writeStaged(plan, (tmp) => writeReport(result, tmp, { png: o.png, outDir: plan.dir }), o.signal);
  return result;
}
