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
  const perWorker = e.aggregateBytes + e.replicationBytes;
  throw new UsageError([
    `this run would need about ${gb(e.totalBytes)} of memory, more than the ${gb(limit)} it may use (${Math.round(MEMORY_SHARE * 100)} % of this machine's or container's memory).`,
    `  Each thread keeps count histograms of ${e.settlements.toLocaleString('en-US')} settlements x ${e.series} series x ${e.reportDates.toLocaleString('en-US')} report dates (${e.horizonDays.toLocaleString('en-US')} days of horizon): ${gb(e.aggregateBytes)}, plus ${gb(e.replicationBytes)} for the replication it is running; ${o.workers} worker${o.workers === 1 ? '' : 's'}${o.workers > 0 ? ` at ${gb(perWorker)} each` : ''} and the main thread.`,
    '  To make it smaller: fewer --workers (0 runs on this thread alone), a larger reportEveryDays, a shorter horizon, or fewer settlements or regions.',
  ].join('\n'));
}
