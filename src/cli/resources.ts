import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { estimateMemory, type MemoryEstimate } from '../montecarlo/index.js';
import type { CompiledModel } from '../model/index.js';
import { UsageError } from './errors.js';

/**
 * Refuses, before it starts, a run the machine cannot hold: the memory estimate
 * (../montecarlo/memory.ts) against a limit of 80 % of the machine's memory or of the
 * container's (cgroup `memory.max`), whichever is smaller. The message says the estimate,
 * the limit, what makes it big and how to make it smaller.
 *
 * @example
 *   checkResources(compileModel(input), { workers: 2, runs: 1000 });  // throws UsageError when too big
 */

/** Share of the memory a run may plan to use (the rest: Node itself, the report, the system). */
export const MEMORY_SHARE = 0.8;

/** Bytes this process may use: the machine's memory, or a smaller cgroup limit. */
export function memoryAvailable(): number {
  let limit = totalmem();
  for (const f of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const v = Number(readFileSync(f, 'utf8').trim());
      if (Number.isFinite(v) && v > 0) limit = Math.min(limit, v);
      break;
    } catch {
      // No such cgroup file: try the next, else the machine's memory.
    }
  }
  return limit;
}

const gb = (b: number) => `${(b / 2 ** 30).toFixed(b < 2 ** 30 ? 2 : 1)} GB`;

export function checkResources(m: CompiledModel, o: { workers: number; runs: number }, limit = memoryAvailable() * MEMORY_SHARE): MemoryEstimate {
  const e = estimateMemory(m, o);
  if (e.totalBytes <= limit) return e;
  const { main, worker, total } = memoryParts(e, o.workers);
  const w = o.workers;
  throw new UsageError([
    `this run would need about ${total} of memory, more than the ${gb(limit)} it may use (${Math.round(MEMORY_SHARE * 100)} % of this machine's or container's memory).`,
    `  Its count histograms of ${e.settlements.toLocaleString('en-US')} settlements x ${e.series} series x ${e.reportDates.toLocaleString('en-US')} report dates (${e.horizonDays.toLocaleString('en-US')} days of horizon) take ${gb(e.aggregateBytes)} a copy; a replication in flight takes ${gb(e.replicationBytes)}.`,
    w === 0
      ? `  The main thread runs every replication itself and holds ${e.mainCopies} copies (the running total and one to summarise), the replication, the scenario and the drivers' sample: ${main}.`
      : `  The main thread holds ${e.mainCopies} copies (the running total, one to summarise and one arriving from each worker), the scenario and the drivers' sample: ${main}; each worker holds 1 copy, the replication it is running and the scenario: ${worker}. In all ${main} + ${w} worker${w === 1 ? '' : 's'} x ${worker} = ${total}.`,
    '  To make it smaller: fewer --workers (0 runs on this thread alone), a larger reportEveryDays, a shorter horizon, or fewer settlements or regions.',
  ].join('\n'));
}

/**
 * The main thread's and each worker's memory in GB, and their total, rounded as printed and
 * the total summed from the printed parts, so that the message adds up: to 0.01 GB when a
 * part is under 1 GB, else to 0.1.
 *
 * @example memoryParts({ mainBytes: 3.04 * 2 ** 30, workerBytes: 1.02 * 2 ** 30 } as MemoryEstimate, 2)  // { main: '3.0 GB', worker: '1.0 GB', total: '5.0 GB' }
 */
export function memoryParts(e: MemoryEstimate, workers: number): { main: string; worker: string; total: string } {
  const places = [e.mainBytes, ...(workers > 0 ? [e.workerBytes] : [])].some((b) => b < 2 ** 30) ? 2 : 1;
  const round = (b: number) => Math.round((b / 2 ** 30) * 10 ** places);
  const text = (units: number) => `${(units / 10 ** places).toFixed(places)} GB`;
  const main = round(e.mainBytes), worker = workers > 0 ? round(e.workerBytes) : 0;
  return { main: text(main), worker: text(worker), total: text(main + workers * worker) };
}
