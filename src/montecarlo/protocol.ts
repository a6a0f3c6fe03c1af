import type { ModelInput } from '../model/index.js';
import type { AggregateState } from './aggregate.js';

/** Messages from the main thread to a worker. */
export type ToWorker =
  | { type: 'task'; taskId: number; input: ModelInput; seed: number; check: boolean; multiplicity?: Float64Array }
  | { type: 'chunk'; taskId: number; from: number; to: number }
  | { type: 'end'; taskId: number };

/** Messages from a worker to the main thread. */
export type FromWorker =
  | { type: 'rows'; taskId: number; from: number; to: number; rows: Float64Array }
  | { type: 'aggregate'; taskId: number; state: AggregateState }
  | { type: 'error'; taskId: number; rep: number; message: string; stack?: string };
