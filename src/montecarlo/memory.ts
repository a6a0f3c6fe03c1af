import { N_WAIT, type CompiledModel } from '../model/index.js';
import { layoutOf } from './aggregate.js';
import { DRIVER_SAMPLE } from './drivers.js';
import { rowWidth } from './rows.js';

/**
 * What a run will hold in memory, estimated from the scenario before it starts, so that
 * a run too big for the machine stops at once with a reason instead of after an hour (or
 * an out-of-memory kill). The big item is the aggregate: one count histogram per series
 * (national and per region, fibre and coverage), per report date, with one bin per
 * settlement count — settlements × series × report dates — held once per worker and a
 * few times on the main thread (the workers' copies arrive there to be merged). Each
 * worker also holds one replication's settlements and jobs.
 *
 * @example
 *   const e = estimateMemory(compileModel(input), { workers: 2, runs: 1000 });
 *   e.totalBytes  // ≈ 4 × aggregate + 2 × replication + 2 × scenario + driver sample
 */
export interface MemoryEstimate {
  /** Bytes of one aggregate (all histograms). */
  aggregateBytes: number;
  /** Bytes one replication in flight needs (settlements, jobs, events, outcome). */
  replicationBytes: number;
  /** Bytes of the resolved scenario on one thread (the listed settlements dominate). */
  scenarioBytes: number;
  /** Bytes on the main thread: `mainCopies` aggregates, the scenario, the drivers' sample (and, with no workers, the replication). */
  mainBytes: number;
  /** Aggregates the main thread holds: the running one, one to summarise, and one arriving from each worker. */
  mainCopies: number;
  /** Bytes on each worker: its aggregate, the replication it is running, the scenario (0 with no workers). */
  workerBytes: number;
  /** Everything: mainBytes + workers × workerBytes. */
  totalBytes: number;
  /** The figures behind the aggregate, for the message. */
  settlements: number;
  series: number;
  reportDates: number;
  horizonDays: number;
}

/** Bytes per settlement of one replication: settlement table, job arrays, waits, outcome, queue. */
const PER_SETTLEMENT = 120 + 16 * N_WAIT + 160;
/** Bytes per listed settlement of the resolved scenario (an object with an id, on every thread). */
const PER_LISTED = 200;

export function estimateMemory(m: CompiledModel, o: { workers: number; runs: number }): MemoryEstimate {
  const L = layoutOf(m);
  const bins = L.seriesSizes.reduce((s, n) => s + (n + 1) * L.nGrid, 0)
    + L.nTargets * (L.horizonDays + 1)
    + L.targetSizes.reduce((s, n) => s + n + 1, 0)
    + L.seriesSizes.length * L.nGrid
    + L.regionSizes.reduce((s, n) => s + n + 1, 0) // each region's fibre ceiling
    + L.deliverySizes.reduce((s, n) => s + (n + 1) * L.years, 0); // each year's deliveries
  const aggregateBytes = 8 * bins;
  const settlements = L.seriesSizes[0] ?? 0;
  const jobs = settlements + m.motorwayMasts.length;
  const replicationBytes = PER_SETTLEMENT * jobs + 8 * L.horizonDays * (L.nTargets + 1);
  const scenarioBytes = PER_LISTED * (m.input.settlements?.length ?? 0);
  const drivers = 8 * Math.min(o.runs, DRIVER_SAMPLE) * rowWidth(m);
  // Main thread: the running aggregate, one incoming copy per worker, and summarising.
  const mainCopies = o.workers + 2;
  const mainBytes = mainCopies * aggregateBytes + scenarioBytes + drivers + (o.workers === 0 ? replicationBytes : 0);
  const workerBytes = o.workers === 0 ? 0 : aggregateBytes + replicationBytes + scenarioBytes;
  return {
    aggregateBytes, replicationBytes, scenarioBytes, mainBytes, mainCopies, workerBytes,
    totalBytes: mainBytes + o.workers * workerBytes,
    settlements, series: L.seriesSizes.length, reportDates: L.nGrid, horizonDays: L.horizonDays,
  };
}
