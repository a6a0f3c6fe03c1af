/** Identifies one pushed entry, for cancel(); stale once the entry has been popped or cancelled. */
export type EntryId = number & { readonly __entry: unique symbol };

/** Records are indexed below this in an EntryId (the rest is the record's generation). */
const RECORD_SPAN = 16_777_216; // 2^24 pending entries at most

/**
 * EventQueue — a binary min-heap of pending entries ordered by (key, insertion order), with
 * O(log n) cancellation. The simulation keys its events by time; resources and containers
 * reuse it as their waiting line, keyed by priority.
 *
 * Each entry is a record: its key, a sequence number (insertion order: two entries with
 * the same key come out in the order they went in, so runs are deterministic), a handler
 * id, an integer argument and a number carried along (e.g. an amount requested). Records
 * live in parallel typed arrays and are recycled through a free list; the heap itself
 * moves only (key, record index) pairs. Nothing is allocated once the arrays have grown
 * to the largest number of entries pending at once.
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
  /** Where the record sits in the heap, or -1 when free. */
  private where: Int32Array;
  private free: Int32Array;
  private nFree = 0;
  private nRecords = 0;
  // The heap: record index and a copy of its key (compared without an indirection).
  private heap: Int32Array;
  private keys: Float64Array;
  private n = 0;
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
    this.kind = this.arg = this.gen = this.where = this.free = this.heap = EMPTY_I32;
  }

  private readonly capacity0: number;

  /** Entries pending. */
  get size(): number {
    return this.n;
  }

  /** Key of the earliest pending entry, or Infinity when empty. */
  peekKey(): number {
    return this.n > 0 ? this.keys[0] : Infinity;
  }

  /** Carried number of the earliest pending entry (undefined when empty). */
  peekVal(): number {
    return this.val[this.heap[0]];
  }

  /** Empties the queue (ids handed out before become stale). */
  clear(): void {
    for (let i = 0; i < this.n; i++) this.release(this.heap[i]);
    this.n = 0;
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
    this.siftUp(this.n++, e, key);
    return (this.gen[e] * RECORD_SPAN + e) as EntryId;
  }

  /** Removes the earliest entry into topKey/topKind/topArg/topVal; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const e = this.heap[0];
    this.topKey = this.keys[0]; this.topKind = this.kind[e]; this.topArg = this.arg[e]; this.topVal = this.val[e];
    this.removeAt(0);
    return true;
  }

  /** Removes a pending entry; false if it already came out or was cancelled. */
  cancel(id: EntryId): boolean {
    const e = id % RECORD_SPAN, g = Math.floor(id / RECORD_SPAN);
    if (!(e >= 0 && e < this.nRecords) || this.gen[e] !== g || this.where[e] < 0) return false;
    this.removeAt(this.where[e]);
    return true;
  }

  /** Takes the entry at heap position i out and restores the heap. */
  private removeAt(i: number): void {
    const e = this.heap[i];
    const last = --this.n;
    this.release(e);
    if (i === last) return;
    const le = this.heap[last], lk = this.keys[last];
    // The last entry fills the hole: it may belong above or below it.
    if (i > 0 && this.before(lk, le, this.keys[(i - 1) >> 1], this.heap[(i - 1) >> 1])) this.siftUp(i, le, lk);
    else this.siftDown(i, le, lk);
  }

  private release(e: number): void {
    this.where[e] = -1;
    this.gen[e] = (this.gen[e] + 1) & 0x1fffffff;
    this.free[this.nFree++] = e;
  }

  /** Entry (ka, ea) comes out before (kb, eb). */
  private before(ka: number, ea: number, kb: number, eb: number): boolean {
    return ka < kb || (ka === kb && this.seq[ea] < this.seq[eb]);
  }

  private siftUp(i: number, e: number, key: number): void {
    const heap = this.heap, keys = this.keys, where = this.where, seq = this.seq;
    const s = seq[e];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p];
      if (pk < key || (pk === key && seq[heap[p]] < s)) break;
      const pe = heap[p];
      heap[i] = pe; keys[i] = pk; where[pe] = i;
      i = p;
    }
    heap[i] = e; keys[i] = key; where[e] = i;
  }

  private siftDown(i: number, e: number, key: number): void {
    const heap = this.heap, keys = this.keys, where = this.where, seq = this.seq;
    const n = this.n, s = seq[e];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ck = keys[c];
      const r = c + 1;
      if (r < n) {
        const rk = keys[r];
        if (rk < ck || (rk === ck && seq[heap[r]] < seq[heap[c]])) { c = r; ck = rk; }
      }
      if (key < ck || (key === ck && s < seq[heap[c]])) break;
      const ce = heap[c];
      heap[i] = ce; keys[i] = ck; where[ce] = i;
      i = c;
    }
    heap[i] = e; keys[i] = key; where[e] = i;
  }

  private grow(): void {
    const c = this.heap.length === 0 ? this.capacity0 : this.heap.length * 2;
    if (c > RECORD_SPAN) throw new RangeError(`more than ${RECORD_SPAN} entries pending at once`);
    const f64 = (a: Float64Array) => { const b = new Float64Array(c); b.set(a); return b; };
    const i32 = (a: Int32Array) => { const b = new Int32Array(c); b.set(a); return b; };
    this.seq = f64(this.seq); this.val = f64(this.val); this.keys = f64(this.keys);
    this.kind = i32(this.kind); this.arg = i32(this.arg); this.gen = i32(this.gen);
    this.where = i32(this.where); this.free = i32(this.free); this.heap = i32(this.heap);
  }
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);
