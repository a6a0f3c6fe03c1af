import { Replicator, type CompiledModel } from '../model/index.js';
import type { Aggregate } from './aggregate.js';
import { injectFault } from './faults.js';
import { packRow, RowLayout } from './rows.js';

/** A replication threw: names it and its seed so it can be replayed alone. */
export class ReplicationError extends Error {
  constructor(readonly rep: number, readonly seed: number, readonly reason: string, readonly detail?: string) {
    super(`replication ${rep} (seed ${seed}) failed: ${reason}`);
  }
}

export interface ChunkOptions {
  check?: boolean;
  /**
   * Times each replication is added to the aggregate, by replication number (a
   * conditioned run's integer weights); 0 skips it (its row stays zero). Default 1.
   */
  multiplicity?: Float64Array;
}

/** One Replicator per compiled scenario and thread: its arrays are reused by every replication. */
const replicators = new WeakMap<CompiledModel, Replicator>();

/**
 * Runs replications [from, to) of a compiled scenario into `agg` and returns their packed
 * runs.csv rows — the one loop both a worker thread and the calling thread use. Any
 * failure becomes a ReplicationError naming the replication.
 */
export function runChunk(model: CompiledModel, seed: number, from: number, to: number, agg: Aggregate, o: ChunkOptions = {}): Float64Array {
  const L = RowLayout.of(model);
  const rows = new Float64Array((to - from) * L.width);
  let replicator = replicators.get(model);
  for (let rep = from; rep < to; rep++) {
    const times = o.multiplicity ? o.multiplicity[rep] : 1;
    if (times === 0) continue;
    try {
      injectFault(rep);
      if (!replicator) replicators.set(model, (replicator = new Replicator(model)));
      const out = replicator.run(seed, rep, { check: o.check });
      agg.add(out, times);
      packRow(L, out, rows, (rep - from) * L.width);
    } catch (e) {
      throw new ReplicationError(rep, seed, (e as Error).message, (e as Error).stack);
    }
  }
  return rows;
}
