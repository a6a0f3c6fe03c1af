import { compileModel, type ModelInput } from '../model/index.js';
import type { Aggregate } from './aggregate.js';
import { runInProcess, WorkerPool, type TaskCallbacks } from './pool.js';
import type { RunResult, ScenarioIdentity } from './result.js';
import { summarize } from './summarize.js';
import { VERSION } from './version.js';

export interface MonteCarloOptions extends TaskCallbacks {
  runs: number;
  seed: number;
  /** Worker threads; 0 runs on the calling thread. Ignored when `pool` is given. */
  workers?: number;
  /** Reuse an existing pool (compare, precision runs). */
  pool?: WorkerPool;
  check?: boolean;
  /** Only replications [from, to) of the full run (shards). Defaults to [0, runs). */
  from?: number;
  to?: number;
  failAt?: number;
}

/** Runs replications of a model and aggregates them (no files). */
export async function runReplications(input: ModelInput, o: MonteCarloOptions): Promise<Aggregate> {
  const spec = { input, seed: o.seed, from: o.from ?? 0, to: o.to ?? o.runs, check: o.check, failAt: o.failAt };
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

/** Runs a Monte Carlo experiment and returns its answer and everything the report needs. */
export async function runMonteCarlo(input: ModelInput, identity: ScenarioIdentity, o: MonteCarloOptions): Promise<RunResult> {
  const agg = await runReplications(input, o);
  return summarize(compileModel(input), agg, { identity, seed: o.seed, version: VERSION });
}
