import { parentPort } from 'node:worker_threads';
import { compileModel, type CompiledModel } from '../model/index.js';
import { Aggregate, layoutOf, sparseBuffers } from './aggregate.js';
import { ReplicationError, runChunk } from './chunk.js';
import type { FromWorker, ToWorker } from './protocol.js';

/**
 * Worker entry: compiles the scenario once per task, runs the chunks of replications it
 * is handed, sends back each chunk's runs.csv rows, and keeps its own aggregate until the
 * task ends (so large histograms cross threads once per worker, not per chunk).
 */
if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;

let lastKey = '';
let lastModel: CompiledModel | null = null;
let current: { taskId: number; model: CompiledModel; seed: number; check: boolean; agg: Aggregate; multiplicity?: Float64Array } | null = null;
/** The last task's aggregate, emptied, for the next task of the same scenario: its ~60 MB stay mapped instead of being faulted in again. */
let spare: { model: CompiledModel; agg: Aggregate } | null = null;

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'task') {
    // The same scenario again (a precision run's next batch, a re-run): reuse its compilation.
    const key = JSON.stringify(msg.input);
    const model = key === lastKey && lastModel ? lastModel : compileModel(msg.input);
    lastKey = key;
    lastModel = model;
    const agg = spare !== null && spare.model === model ? spare.agg : new Aggregate(layoutOf(model));
    spare = null;
    current = { taskId: msg.taskId, model, seed: msg.seed, check: msg.check, agg, multiplicity: msg.multiplicity };
    return;
  }
  if (!current || current.taskId !== msg.taskId) return;
  if (msg.type === 'chunk') {
    const { model, seed, check, agg, multiplicity } = current;
    let rows: Float64Array;
    try {
      rows = runChunk(model, seed, msg.from, msg.to, agg, { check, multiplicity });
    } catch (e) {
      const err = e instanceof ReplicationError ? e : new ReplicationError(msg.from, seed, (e as Error).message, (e as Error).stack);
      const out: FromWorker = { type: 'error', taskId: msg.taskId, rep: err.rep, message: err.reason, stack: err.detail };
      port.postMessage(out);
      return;
    }
    const out: FromWorker = { type: 'rows', taskId: msg.taskId, from: msg.from, to: msg.to, rows };
    port.postMessage(out, [rows.buffer as ArrayBuffer]);
  } else if (msg.type === 'end') {
    if (msg.dense) {
      // The arrays themselves, handed over rather than copied (~60 MB for a national scenario).
      const state = current.agg.state();
      const out: FromWorker = { type: 'aggregate', taskId: msg.taskId, state, dense: true };
      port.postMessage(out, Object.values(state).filter((v): v is Float64Array => v instanceof Float64Array).map((a) => a.buffer as ArrayBuffer));
    } else {
      // Only the non-zero entries (a few MB), handed over; the arrays stay here, emptied for the next task.
      const state = current.agg.sparseState();
      const out: FromWorker = { type: 'aggregate', taskId: msg.taskId, state, dense: false };
      port.postMessage(out, sparseBuffers(state));
      current.agg.clear();
      spare = { model: current.model, agg: current.agg };
    }
    current = null;
  }
});
