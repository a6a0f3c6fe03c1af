/** Monte Carlo: workers, seeding, streaming aggregation. */
export * from './result.js';
export * from './analysis-result.js';
export { Aggregate, layoutOf, regionSizes, stateToJson, stateFromJson, type AggregateLayout, type AggregateState } from './aggregate.js';
export { histogramQuantile, histogramQuantiles } from './histogram.js';
export { wilson } from './wilson.js';
export { WorkerPool, runInProcess, ReplicationError, AbortedError, type TaskSpec, type TaskCallbacks } from './pool.js';
export { runReplications, runMonteCarlo, type MonteCarloOptions } from './run.js';
export { summarize } from './summarize.js';
export { runsCsvHeader, runsCsvLines, rowWidth } from './rows.js';
export { VERSION } from './version.js';
export { compareScenarios, comparableTargets, CompareError, type CompareOption, type CompareOptions } from './compare.js';
export { sensitivity, type SensitivityOptions } from './sensitivity.js';
export { ConvergenceTracker } from './convergence.js';
export { shardRange, parseShard, partialToJson, partialFromJson, checkPartial, checkRunsCsv, mergePartials, MergeError, type PartialResult } from './shard.js';
export { DriversTracker, DRIVER_SAMPLE } from './drivers.js';
export { availableCores, quotaCores } from './cores.js';
export { estimateMemory, type MemoryEstimate } from './memory.js';
export { spearmanInterval } from './spearman-interval.js';
