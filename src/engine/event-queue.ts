import { CANCELLED, EntryRecords, grownF64, grownI32, type EntryId } from './entry-records.js';

export type { EntryId } from './entry-records.js';

const EMPTY_F64: Float64Array = new Float64Array(0);
const EMPTY_I32: Int32Array = new Int32Array(0);

/**
 * EventQueue — a priority queue of pending entries ordered by (key, insertion order), with
 * O(1) cancellation. The simulation keys its events by time; resources and containers
 * reuse it as their waiting line, keyed by priority.
 *
 * Each entry is a record (EntryRecords: insertion order, handler id, integer argument,
 * recycled through a free list) with a number carried along (e.g. an amount requested)
 * and its key kept in the heap beside it. The heap is 4-ary
 * (half the depth of a binary heap, its children side by side in memory) and moves only
 * (key, record) pairs. A cancelled entry is marked and skipped when it reaches the top.
 * Nothing is allocated once the arrays have grown to the largest number of entries
 * pending at once.
 *
 * @example
 *   const q = new EventQueue();
 *   q.push(5, 0, 42);
 *   const id = q.push(3, 0, 9);
 *   q.push(1, 0, 7);
 *   q.cancel(id);      // true: the entry keyed 3 will not come out
 *   q.pop();           // true; q.topKey === 1, q.topArg === 7
 *   q.pop();           // true; q.topKey === 5, q.topArg === 42
 */
export class EventQueue extends EntryRecords {
  /** The number carried by each record's entry. */
  private val = EMPTY_F64;
  // The heap: record index and a copy of its key (compared without an indirection).
  private heap = EMPTY_I32;
  private keys = EMPTY_F64;
  private n = 0;
  private nCancelled = 0;
  /** Fields of the entry removed by the last successful pop(). */
  topKey = 0;
  topKind = 0;
  topArg = 0;
  topVal = 0;

  constructor(initialCapacity = 1024) {
    super();
    // Arrays are made on the first push: many queues (an idle office's, say) never hold anything.
    this.capacity0 = Math.max(16, initialCapacity);
  }

  private readonly capacity0: number;

  /** Entries pending (not cancelled). */
  get size(): number {
    return this.n - this.nCancelled;
  }

  /** Key of the earliest pending entry, or Infinity when empty. */
  peekKey(): number {
    if (this.nCancelled > 0) this.purge();
    return this.n > 0 ? this.keys[0] : Infinity;
  }

  /** Carried number of the earliest pending entry (NaN when empty). */
  peekVal(): number {
    if (this.nCancelled > 0) this.purge();
    return this.n > 0 ? this.val[this.heap[0]] : NaN;
  }

  /** Empties the queue (ids handed out before become stale). */
  clear(): void {
    for (let i = 0; i < this.n; i++) this.release(this.heap[i]);
    this.n = 0;
    this.nCancelled = 0;
    this.nextSeq = 0;
  }

  /**
   * Adds an entry and returns its id; `val` is an optional number carried along. A NaN key
   * is refused: it compares false with every key, so the heap would misplace the entries
   * after it too (a priority computed from a missing input, say).
   */
  push(key: number, kind: number, arg: number, val = 0): EntryId {
    if (key !== key) throw new RangeError('EventQueue: a key (priority or time) is NaN');
    // Every record in use is in the heap (a cancelled one until it reaches the top).
    if (this.n === this.heap.length) this.grow(this.heap.length === 0 ? this.capacity0 : this.heap.length * 2);
    const e = this.allocate(kind, arg);
    this.val[e] = val;
    this.siftUp(this.n++, e, key);
    return this.idOf(e);
  }

  /** Removes the earliest entry into topKey/topKind/topArg/topVal; false when empty. */
  pop(): boolean {
    if (this.nCancelled > 0) this.purge();
    if (this.n === 0) return false;
    const e = this.heap[0];
    this.topKey = this.keys[0]; this.topKind = this.kind[e]; this.topArg = this.arg[e]; this.topVal = this.val[e];
    this.removeTop();
    return true;
  }

  /**
   * Calls fn(kind, arg) for every pending entry, in no particular order, leaving the queue as
   * it is (fn must not push, pop or cancel).
   *
   * @example q.forEachPending((kind, arg) => seen.push(arg))
   */
  forEachPending(fn: (kind: number, arg: number) => void): void {
    const heap = this.heap, state = this.state, kind = this.kind, arg = this.arg;
    for (let i = 0; i < this.n; i++) {
      const e = heap[i];
      if (state[e] !== CANCELLED) fn(kind[e], arg[e]);
    }
  }

  /** Takes a pending entry out; false if it already came out or was cancelled. */
  cancel(id: EntryId): boolean {
    const e = this.pendingRecord(id);
    if (e < 0) return false;
    this.state[e] = CANCELLED;
    this.nCancelled++;
    return true;
  }

  /** Drops cancelled entries from the top. */
  private purge(): void {
    while (this.n > 0 && this.state[this.heap[0]] === CANCELLED) {
      this.nCancelled--;
      this.removeTop();
    }
  }

  private removeTop(): void {
    this.release(this.heap[0]);
    const last = --this.n;
    if (last > 0) this.siftDown(this.heap[last], this.keys[last]);
  }

  private siftUp(i: number, e: number, key: number): void {
    const heap = this.heap, keys = this.keys, seq = this.seq;
    const s = seq[e];
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pk = keys[p];
      if (pk < key || (pk === key && seq[heap[p]] < s)) break;
      heap[i] = heap[p]; keys[i] = pk;
      i = p;
    }
    heap[i] = e; keys[i] = key;
  }

  /** Places (e, key) from the root down (the root's slot is free). */
  private siftDown(e: number, key: number): void {
    const heap = this.heap, keys = this.keys, seq = this.seq;
    const n = this.n, s = seq[e];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children.
      let c = first, ck = keys[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let x = first + 1; x < end; x++) {
        const xk = keys[x];
        if (xk < ck || (xk === ck && seq[heap[x]] < seq[heap[c]])) { c = x; ck = xk; }
      }
      if (key < ck || (key === ck && s < seq[heap[c]])) break;
      heap[i] = heap[c]; keys[i] = ck;
      i = c;
    }
    heap[i] = e; keys[i] = key;
  }

  protected override grow(c: number): void {
    super.grow(c);
    this.val = grownF64(this.val, c); this.keys = grownF64(this.keys, c); this.heap = grownI32(this.heap, c);
  }
}
