import type { ModelInput } from '../model/index.js';
import type { AggregateState, SparseAggregateState } from './aggregate.js';

/** Messages from the main thread to a worker. */
export type ToWorker =
  | { type: 'task'; taskId: number; input: ModelInput; seed: number; check: boolean; multiplicity?: Float64Array }
  | { type: 'chunk'; taskId: number; from: number; to: number }
  /** The task is over: send the aggregate, whole (`dense`: its arrays handed over, the worker makes new ones) or its non-zero entries (the worker keeps and empties its arrays). */
  | { type: 'end'; taskId: number; dense: boolean };

/** Messages from a worker to the main thread. */
export type FromWorker =
  | { type: 'rows'; taskId: number; from: number; to: number; rows: Float64Array }
  | { type: 'aggregate'; taskId: number; state: AggregateState; dense: true }
  | { type: 'aggregate'; taskId: number; state: SparseAggregateState; dense: false }
  | { type: 'error'; taskId: number; rep: number; message: string; stack?: string };
