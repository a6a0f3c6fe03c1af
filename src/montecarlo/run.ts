import { compileModel, type CompiledModel, type ModelInput } from '../model/index.js';
import { Aggregate, layoutOf } from './aggregate.js';
import { ConvergenceTracker } from './convergence.js';
import { DriversTracker } from './drivers.js';
import { runInProcess, WorkerPool, type TaskCallbacks } from './pool.js';
import type { RunResult, ScenarioIdentity } from './result.js';
import type { RunSettings } from './run-settings.js';
import { summarize } from './summarize.js';
import { VERSION } from './version.js';
import { wilson } from './wilson.js';

export interface MonteCarloOptions extends TaskCallbacks, RunSettings {
  runs: number;
  /** Only replications [from, to) of the full run (shards). Defaults to [0, runs). */
  from?: number;
  to?: number;
  /** The scenario already compiled by the caller (saves compiling it again on this thread). */
  compiled?: CompiledModel;
  /**
   * Run until every target's 95 % interval half-width is at most `halfWidth` (then `runs`
   * is the minimum and `maxRuns` the maximum number of replications).
   */
  precision?: { halfWidth: number; maxRuns: number };
  /** Replications kept for the rank correlations of `drivers` (default DRIVER_SAMPLE). */
  driverSample?: number;
  /**
   * The tracker of what drives the risk to feed (default: a new one). A caller that gives
   * its own asks it for the result itself (the run's `drivers` is left out): a conditioned
   * run weights it by the observations once the weights are known.
   */
  drivers?: DriversTracker;
}

/**
 * Runs `fn` with the caller's pool, or with a pool of `workers` threads made for the call
 * and closed after it (no pool at all for workers = 0: the calling thread).
 */
export async function usingPool<T>(o: { pool?: WorkerPool; workers?: number }, fn: (pool: WorkerPool | undefined) => Promise<T>): Promise<T> {
  if (o.pool || !((o.workers ?? 0) > 0)) return fn(o.pool);
  const pool = new WorkerPool(o.workers!);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

/** Runs replications of a model and aggregates them (no files). */
export async function runReplications(input: ModelInput, o: MonteCarloOptions): Promise<Aggregate> {
  const spec = { input, seed: o.seed, from: o.from ?? 0, to: o.to ?? o.runs, check: o.check, compiled: o.compiled };
  if (o.pool) return o.pool.run(spec, o);
  const workers = o.workers ?? 0;
  if (workers === 0) return runInProcess(spec, o);
  const pool = new WorkerPool(Math.min(workers, Math.max(1, spec.to - spec.from)));
  try {
    return await pool.run(spec, o);
  } finally {
    await pool.close();
  }
}

/** Largest Wilson half-width over the targets. */
function worstHalfWidth(agg: Aggregate): number {
  let worst = 0;
  for (let t = 0; t < agg.met.length; t++) {
    const [lo, hi] = wilson(agg.met[t], agg.runs);
    worst = Math.max(worst, (hi - lo) / 2);
  }
  return worst;
}

/** Replications needed for a half-width h at probability p (normal approximation, p kept away from 0 and 1). */
function needed(p: number, h: number): number {
  const q = Math.min(Math.max(p, 0.02), 0.98);
  return Math.ceil((1.959964 ** 2 * q * (1 - q)) / (h * h));
}

/**
 * Runs a Monte Carlo experiment and returns its answer and everything the report needs.
 * With `precision`, replications are added in batches (each batch continues the same
 * replication sequence, so the result equals a single run of the final size) until the
 * precision is reached or `maxRuns` is.
 */
export async function runMonteCarlo(input: ModelInput, identity: ScenarioIdentity, o: MonteCarloOptions): Promise<RunResult> {
  const m = o.compiled ?? compileModel(input);
  const tracker = new ConvergenceTracker(m);
  const drivers = o.drivers ?? new DriversTracker(m, o.precision ? o.precision.maxRuns : o.runs, layoutOf(m).targetSizes, o.driverSample);
  const onRows = (from: number, to: number, rows: Float64Array) => {
    tracker.feed(rows, to - from);
    drivers.feed(rows, to - from);
    o.onRows?.(from, to, rows);
  };
  if (!o.precision) {
    const agg = await runReplications(input, { ...o, compiled: m, onRows });
    const result = summarize(m, agg, { identity, seed: o.seed, version: VERSION });
    result.convergence = tracker.points();
    if (!o.drivers) result.drivers = drivers.result();
    return result;
  }

  const { halfWidth, maxRuns } = o.precision;
  return usingPool(o, async (pool) => {
    const agg = new Aggregate(layoutOf(m));
    let target = Math.min(o.runs, maxRuns);
    while (agg.runs < target) {
      const from = agg.runs;
      const part = await runReplications(input, {
        ...o, pool, from, to: target, compiled: m, onRows,
        onProgress: o.onProgress ? (done) => o.onProgress!(from + done, target) : undefined,
      });
      agg.merge(part);
      if (worstHalfWidth(agg) <= halfWidth || agg.runs >= maxRuns) break;
      let want = agg.runs;
      for (let t = 0; t < agg.met.length; t++) want = Math.max(want, needed(agg.met[t] / agg.runs, halfWidth));
      // Grow by at least a quarter, in round hundreds, never past the maximum.
      target = Math.min(maxRuns, Math.ceil(Math.max(want * 1.05, agg.runs * 1.25) / 100) * 100);
    }
    const result = summarize(m, agg, { identity, seed: o.seed, version: VERSION });
    result.convergence = tracker.points();
    if (!o.drivers) result.drivers = drivers.result();
    result.precision = { halfWidth, reached: worstHalfWidth(agg) <= halfWidth, maxRuns };
    return result;
  });
}
