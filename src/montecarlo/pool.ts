import { Worker } from 'node:worker_threads';
import { compileModel, type CompiledModel, type ModelInput } from '../model/index.js';
import { Aggregate, layoutOf, type AggregateState, type SparseAggregateState } from './aggregate.js';
import { ReplicationError, runChunk } from './chunk.js';
import type { FromWorker, ToWorker } from './protocol.js';

export { ReplicationError };

/** A block of replications to run for one scenario. */
export interface TaskSpec {
  input: ModelInput;
  seed: number;
  /** Replications [from, to). */
  from: number;
  to: number;
  check?: boolean;
  /** Replications per chunk handed to a worker (does not change results). */
  chunkSize?: number;
  /** The scenario already compiled by the caller (saves compiling it again on this thread). */
  compiled?: CompiledModel;
  /** Times each replication counts, by replication number (see runChunk); default 1. */
  multiplicity?: Float64Array;
}

export interface TaskCallbacks {
  /** Packed runs.csv rows, called in replication order. */
  onRows?(from: number, to: number, rows: Float64Array): void;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export class AbortedError extends Error {
  constructor() {
    super('run interrupted');
  }
}

/** Reorders chunks arriving out of order so rows are delivered in replication order. */
class InOrder {
  private next: number;
  private readonly pending = new Map<number, { to: number; rows: Float64Array }>();
  constructor(from: number, private readonly deliver: (from: number, to: number, rows: Float64Array) => void) {
    this.next = from;
  }
  push(from: number, to: number, rows: Float64Array): void {
    this.pending.set(from, { to, rows });
    for (let p = this.pending.get(this.next); p; p = this.pending.get(this.next)) {
      this.pending.delete(this.next);
      this.deliver(this.next, p.to, p.rows);
      this.next = p.to;
    }
  }
}

function chunkSizeFor(spec: TaskSpec, workers: number): number {
  if (spec.chunkSize) return spec.chunkSize;
  const n = spec.to - spec.from;
  return Math.max(1, Math.min(64, Math.ceil(n / (Math.max(1, workers) * 8))));
}

/** Longest stretch of replications on the calling thread between two looks at the event loop. */
const SLICE_MS = 50;

/**
 * Runs a task on the calling thread (workers = 0, small library calls), in slices of at
 * most ~SLICE_MS between which it yields to the event loop, so that Ctrl-C, SIGTERM and
 * timers are honoured within a fraction of a second however long the run. Rows are still
 * delivered in replication order and the aggregate does not depend on the slicing.
 */
export async function runInProcess(spec: TaskSpec, cb: TaskCallbacks = {}): Promise<Aggregate> {
  const model = spec.compiled ?? compileModel(spec.input);
  const agg = new Aggregate(layoutOf(model));
  const total = spec.to - spec.from;
  const size = chunkSizeFor(spec, 1);
  let slice = 1;
  for (let from = spec.from; from < spec.to;) {
    await new Promise(setImmediate);
    if (cb.signal?.aborted) throw new AbortedError();
    // Grow or shrink the slice so that each takes about SLICE_MS (never more than a chunk).
    const to = Math.min(spec.to, from + slice);
    const t0 = performance.now();
    const rows = runChunk(model, spec.seed, from, to, agg, { check: spec.check, multiplicity: spec.multiplicity });
    const ms = performance.now() - t0;
    slice = Math.max(1, Math.min(size, ms < SLICE_MS / 2 ? slice * 2 : ms > SLICE_MS ? Math.floor(slice / 2) : slice));
    cb.onRows?.(from, to, rows);
    cb.onProgress?.(to - spec.from, total);
    from = to;
  }
  return agg;
}

/**
 * WorkerPool — a fixed set of worker threads, started once and reused for every task
 * (every option of a comparison, every batch of a precision-driven run). Replications
 * are handed out in chunks as workers become free; each worker aggregates its own
 * replications and the pool merges the partial aggregates at the end. All aggregate
 * counts are integers, so the merged result does not depend on which worker ran what.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private taskCounter = 0;
  private closed = false;

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new RangeError(`a pool needs at least 1 worker, got ${size}`);
    const here = import.meta.url;
    const fromSource = here.endsWith('.ts');
    for (let i = 0; i < size; i++) {
      const w = fromSource
        ? new Worker(new URL('./worker-bootstrap.mjs', here), { workerData: { entry: new URL('./worker.ts', here).href } })
        // A process whose stack traces go through source maps (`rollout --debug`) gives its
        // workers the same, so a failure inside a replication names the TypeScript too.
        : new Worker(new URL('./worker.js', here), process.sourceMapsEnabled ? { execArgv: [...process.execArgv, '--enable-source-maps'] } : {});
      w.unref();
      this.workers.push(w);
    }
  }

  run(spec: TaskSpec, cb: TaskCallbacks = {}): Promise<Aggregate> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    const taskId = ++this.taskCounter;
    const total = spec.to - spec.from;
    const size = chunkSizeFor(spec, this.workers.length);
    // The first worker hands over its aggregate's arrays, taken over as they are; the others
    // only their non-zero entries (sparseState), added into it. Merging a national scenario's
    // ~60 MB arrays whole touched every page of two such sets for the first time: ~0.25 s at
    // the end of every task on 2 workers, against 0.06-0.08 s now. Every count is a whole
    // number, so the sum does not depend on the order.
    let dense: AggregateState | null = null;
    const sparse: SparseAggregateState[] = [];
    const order = new InOrder(spec.from, (f, t, rows) => cb.onRows?.(f, t, rows));

    return new Promise<Aggregate>((resolve, reject) => {
      let nextFrom = spec.from;
      let done = 0;
      let awaitingAggregates = 0;
      let finished = false;
      const busy = new Map<Worker, [number, number]>();
      const listeners: (() => void)[] = [];

      const cleanup = () => {
        for (const off of listeners) off();
        listeners.length = 0;
      };
      const fail = (err: Error) => {
        if (finished) return;
        finished = true;
        cleanup();
        // A failed task leaves workers mid-chunk: replace the pool's threads.
        void this.close();
        reject(err);
      };
      const send = (w: Worker, msg: ToWorker) => w.postMessage(msg);
      const feed = (w: Worker) => {
        if (nextFrom < spec.to) {
          // Guided self-scheduling: chunks shrink as the end nears, so workers finish together.
          const guided = spec.chunkSize ?? Math.max(1, Math.min(size, Math.ceil((spec.to - nextFrom) / (2 * this.workers.length))));
          const from = nextFrom, to = Math.min(spec.to, from + guided);
          nextFrom = to;
          busy.set(w, [from, to]);
          send(w, { type: 'chunk', taskId, from, to });
        } else {
          busy.delete(w);
          if (busy.size === 0 && awaitingAggregates === 0) {
            awaitingAggregates = this.workers.length;
            this.workers.forEach((x, k) => send(x, { type: 'end', taskId, dense: k === 0 }));
          }
        }
      };

      if (cb.signal) {
        const onAbort = () => fail(new AbortedError());
        if (cb.signal.aborted) return onAbort();
        cb.signal.addEventListener('abort', onAbort, { once: true });
        listeners.push(() => cb.signal!.removeEventListener('abort', onAbort));
      }

      for (const w of this.workers) {
        const onMessage = (msg: FromWorker) => {
          if (msg.taskId !== taskId || finished) return;
          if (msg.type === 'rows') {
            done += msg.to - msg.from;
            order.push(msg.from, msg.to, msg.rows);
            cb.onProgress?.(done, total);
            feed(w);
          } else if (msg.type === 'error') {
            fail(new ReplicationError(msg.rep, spec.seed, msg.message, msg.stack));
          } else if (msg.type === 'aggregate') {
            if (msg.dense) dense = msg.state; else sparse.push(msg.state);
            if (--awaitingAggregates === 0) {
              finished = true;
              cleanup();
              const agg = Aggregate.adopt(dense!);
              for (const s of sparse) agg.mergeSparse(s);
              resolve(agg);
            }
          }
        };
        const onError = (e: Error) => {
          const range = busy.get(w);
          fail(new ReplicationError(range ? range[0] : -1, spec.seed, `worker thread crashed${range ? ` while running replications ${range[0]}-${range[1] - 1}` : ''}: ${e.message}`, e.stack));
        };
        const onExit = (code: number) => {
          const range = busy.get(w);
          fail(new ReplicationError(range ? range[0] : -1, spec.seed, `worker thread exited with code ${code}${range ? ` while running replications ${range[0]}-${range[1] - 1}` : ''}`));
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        listeners.push(() => { w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); });
        send(w, { type: 'task', taskId, input: spec.input, seed: spec.seed, check: spec.check === true, multiplicity: spec.multiplicity });
      }
      for (const w of this.workers) feed(w);
    });
  }

  /** Stops every worker thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
