import type { WorkerPool } from './pool.js';

/**
 * How a command's replications are run, the same for every analysis (compare, sensitivity,
 * goal, allocate): the run seed (replication i uses (seed, i)), where they run, how to stop
 * them and whether to check the model's invariants. None of it changes an answer but the
 * seed: the same seed gives the same result on any number of workers.
 *
 * @example
 *   const settings: RunSettings = { seed: 7, workers: 2 };
 *   await compareScenarios(options, { ...settings, runs: 2000 });
 */
export interface RunSettings {
  seed: number;
  /** Worker threads; 0 runs on the calling thread. Ignored when `pool` is given. */
  workers?: number;
  /** Reuse an existing pool of worker threads (the options of a comparison, the runs of a sensitivity). */
  pool?: WorkerPool;
  /** Stops the run: what was started ends with an AbortedError. */
  signal?: AbortSignal;
  /** Check the model's invariants while running (slower). */
  check?: boolean;
}
