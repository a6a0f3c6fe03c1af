/** Identifies one pushed entry, for cancel(); stale once the entry has come out or been cancelled. */
export type EntryId = number & { readonly __entry: unique symbol };

/** Records are indexed below this in an EntryId (the rest is the record's generation). */
const RECORD_SPAN = 16_777_216; // 2^24 entries pending at once at most

const FREE = 0, PENDING = 1, CANCELLED = 2;

/**
 * EventQueue — a priority queue of pending entries ordered by (key, insertion order), with
 * O(1) cancellation. The simulation keys its events by time; resources and containers
 * reuse it as their waiting line, keyed by priority.
 *
 * Each entry is a record: its key, a sequence number (insertion order: two entries with
 * the same key come out in the order they went in, so runs are deterministic), a handler
 * id, an integer argument and a number carried along (e.g. an amount requested). Records
 * live in parallel typed arrays and are recycled through a free list. The heap is 4-ary
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
export class EventQueue {
  // Records (indexed by record number).
  private seq: Float64Array;
  private kind: Int32Array;
  private arg: Int32Array;
  private val: Float64Array;
  private gen: Int32Array;
  private state: Uint8Array;
  private free: Int32Array;
  private nFree = 0;
  private nRecords = 0;
  // The heap: record index and a copy of its key (compared without an indirection).
  private heap: Int32Array;
  private keys: Float64Array;
  private n = 0;
  private nCancelled = 0;
  private nextSeq = 0;
  /** Fields of the entry removed by the last successful pop(). */
  topKey = 0;
  topKind = 0;
  topArg = 0;
  topVal = 0;

  constructor(initialCapacity = 1024) {
    // Arrays are made on the first push: many queues (an idle office's, say) never hold anything.
    this.capacity0 = Math.max(16, initialCapacity);
    this.seq = this.val = this.keys = EMPTY_F64;
    this.kind = this.arg = this.gen = this.free = this.heap = EMPTY_I32;
    this.state = EMPTY_U8;
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

  /** Carried number of the earliest pending entry (undefined when empty). */
  peekVal(): number {
    if (this.nCancelled > 0) this.purge();
    return this.val[this.heap[0]];
  }

  /** Empties the queue (ids handed out before become stale). */
  clear(): void {
    for (let i = 0; i < this.n; i++) this.release(this.heap[i]);
    this.n = 0;
    this.nCancelled = 0;
    this.nextSeq = 0;
  }

  /** Adds an entry and returns its id; `val` is an optional number carried along. */
  push(key: number, kind: number, arg: number, val = 0): EntryId {
    if (this.n === this.heap.length) this.grow();
    const e = this.nFree > 0 ? this.free[--this.nFree] : this.nRecords++;
    this.seq[e] = this.nextSeq++;
    this.kind[e] = kind;
    this.arg[e] = arg;
    this.val[e] = val;
    this.state[e] = PENDING;
    this.siftUp(this.n++, e, key);
    return (this.gen[e] * RECORD_SPAN + e) as EntryId;
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

  /** Takes a pending entry out; false if it already came out or was cancelled. */
  cancel(id: EntryId): boolean {
    const e = id % RECORD_SPAN, g = Math.floor(id / RECORD_SPAN);
    if (!(e >= 0 && e < this.nRecords) || this.gen[e] !== g || this.state[e] !== PENDING) return false;
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

  private release(e: number): void {
    this.state[e] = FREE;
    this.gen[e] = (this.gen[e] + 1) & 0x1fffffff;
    this.free[this.nFree++] = e;
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

  private grow(): void {
    const c = this.heap.length === 0 ? this.capacity0 : this.heap.length * 2;
    if (c > RECORD_SPAN) throw new RangeError(`more than ${RECORD_SPAN} entries pending at once`);
    const f64 = (a: Float64Array) => { const b = new Float64Array(c); b.set(a); return b; };
    const i32 = (a: Int32Array) => { const b = new Int32Array(c); b.set(a); return b; };
    this.seq = f64(this.seq); this.val = f64(this.val); this.keys = f64(this.keys);
    this.kind = i32(this.kind); this.arg = i32(this.arg); this.gen = i32(this.gen);
    this.free = i32(this.free); this.heap = i32(this.heap);
    const st = new Uint8Array(c); st.set(this.state); this.state = st;
  }
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);
