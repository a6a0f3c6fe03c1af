import { CANCELLED, EntryRecords, FREE, grownF64, grownI32, type EntryId } from './entry-records.js';
import { EventQueue } from './event-queue.js';

/** Days with a bucket each (a bucket a day: finer buckets measured no faster on the baseline). */
const BUCKETS = 4096;

/**
 * TimeQueue — the simulation's event list: entries keyed by a time that never goes back,
 * out in (time, insertion order), as EventQueue gives them, with O(1) cancellation.
 *
 * A calendar queue: an entry due on day d (⌊time⌋, 0 ≤ d < 4,096) waits in day d's list
 * until the queue reaches that day; the days reached so far keep their entries in a small
 * binary heap ordered by (time, insertion order). A pop takes the heap's first entry, and
 * when the heap is empty moves the next day with entries into it. Every entry of a later
 * day is later than every entry of an earlier one, so the order is exactly a single heap's:
 * only the heap's few entries (a day's) are ever compared, instead of every pending event.
 * Times from 4,096 days on (or not finite) wait in an EventQueue of their own.
 *
 * @example
 *   const q = new TimeQueue();
 *   q.push(5.5, 0, 1); const id = q.push(2.25, 0, 2); q.push(2.25, 0, 3);
 *   q.cancel(id);
 *   q.pop();   // true; q.topKey === 2.25, q.topArg === 3
 */
export class TimeQueue extends EntryRecords {
  /** Each record's time (EntryRecords holds the rest of it). */
  private key: Float64Array = new Float64Array(0);
  /** Next record in the same day's list (-1: none). */
  private next: Int32Array = new Int32Array(0);
  /** First and last record of each day's list (-1: empty). */
  private readonly head = new Int32Array(BUCKETS).fill(-1);
  private readonly tail = new Int32Array(BUCKETS).fill(-1);
  /** The days reached: a binary heap of records. */
  private heap: Int32Array = new Int32Array(0);
  private nHeap = 0;
  /** Days before this one have been moved into the heap. */
  private day = 0;
  /** Pending entries (not cancelled) in the lists and the heap. */
  private pending = 0;
  /** Entries due from day BUCKETS on. */
  private readonly far = new EventQueue(16);
  /** Fields of the entry removed by the last successful pop(). */
  topKey = 0;
  topKind = 0;
  topArg = 0;

  constructor(initialCapacity = 1024) {
    super();
    this.grow(Math.max(16, initialCapacity));
  }

  /** Entries pending (not cancelled). */
  get size(): number {
    return this.pending + this.far.size;
  }

  /** Empties the queue (ids handed out before become stale). */
  clear(): void {
    for (let e = 0; e < this.nRecords; e++) if (this.state[e] !== FREE) this.release(e);
    this.head.fill(-1);
    this.tail.fill(-1);
    this.nHeap = 0;
    this.day = 0;
    this.pending = 0;
    this.nextSeq = 0;
    this.far.clear();
  }

  /** Adds an entry due at `key` (not before the last entry popped) and returns its id. */
  push(key: number, kind: number, arg: number): EntryId {
    const d = Math.floor(key);
    if (!(d < BUCKETS)) {
      // Far ids are negative: -2 - the far queue's id (never -1, which is GRANTED, a request's id).
      return (-2 - this.far.push(key, kind, arg)) as EntryId;
    }
    const e = this.allocate(kind, arg); // grows the arrays (grow, below) when every record is used
    this.key[e] = key;
    this.pending++;
    if (d < this.day) this.heapPush(e);
    else {
      this.next[e] = -1;
      if (this.tail[d] < 0) this.head[d] = e; else this.next[this.tail[d]] = e;
      this.tail[d] = e;
    }
    return this.idOf(e);
  }

  /** Time of the earliest pending entry, or Infinity. */
  peekKey(): number {
    return this.fill() ? this.key[this.heap[0]] : this.far.peekKey();
  }

  /** Removes the earliest entry into topKey/topKind/topArg; false when empty. */
  pop(): boolean {
    if (!this.fill()) {
      if (!this.far.pop()) return false;
      this.topKey = this.far.topKey; this.topKind = this.far.topKind; this.topArg = this.far.topArg;
      return true;
    }
    const e = this.heap[0];
    this.topKey = this.key[e]; this.topKind = this.kind[e]; this.topArg = this.arg[e];
    this.heapRemoveTop();
    this.pending--;
    this.release(e);
    return true;
  }

  /**
   * pop(), only if the earliest entry is due at or before `until`: false when the queue is
   * empty or its earliest entry is later (left in). The simulation's step, one look at
   * the queue where size, peekKey() and pop() took three.
   */
  popUntil(until: number): boolean {
    if (!this.fill()) {
      if (this.far.size === 0 || this.far.peekKey() > until) return false;
      this.far.pop();
      this.topKey = this.far.topKey; this.topKind = this.far.topKind; this.topArg = this.far.topArg;
      return true;
    }
    const e = this.heap[0];
    const key = this.key[e];
    if (key > until) return false;
    this.topKey = key; this.topKind = this.kind[e]; this.topArg = this.arg[e];
    this.heapRemoveTop();
    this.pending--;
    this.release(e);
    return true;
  }

  /** Takes a pending entry out; false if it already came out or was cancelled. */
  cancel(id: EntryId): boolean {
    if (id < 0) return id < -1 && this.far.cancel((-2 - id) as EntryId);
    const e = this.pendingRecord(id);
    if (e < 0) return false;
    this.state[e] = CANCELLED;
    this.pending--;
    return true;
  }

  /**
   * Makes the heap's first entry the earliest pending one of the days (dropping cancelled
   * entries), moving days into the heap as needed; false when no day holds any.
   */
  private fill(): boolean {
    for (;;) {
      while (this.nHeap > 0 && this.state[this.heap[0]] === CANCELLED) {
        const e = this.heap[0];
        this.heapRemoveTop();
        this.release(e);
      }
      if (this.nHeap > 0) return true;
      if (this.pending === 0) return false;
      // The next day with entries (every pending entry not in the heap is in a later day's list).
      let d = this.day;
      while (this.head[d] < 0) d++;
      for (let e = this.head[d]; e >= 0;) {
        const n = this.next[e];
        if (this.state[e] === CANCELLED) this.release(e); else this.heapPush(e);
        e = n;
      }
      this.head[d] = this.tail[d] = -1;
      this.day = d + 1;
    }
  }

  /** (key, seq) of a before (key, seq) of b. */
  private before(a: number, b: number): boolean {
    const ka = this.key[a], kb = this.key[b];
    return ka < kb || (ka === kb && this.seq[a] < this.seq[b]);
  }

  private heapPush(e: number): void {
    const heap = this.heap;
    let i = this.nHeap++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(e, heap[p])) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = e;
  }

  private heapRemoveTop(): void {
    const heap = this.heap;
    const n = --this.nHeap;
    if (n === 0) return;
    const e = heap[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(heap[c + 1], heap[c])) c++;
      if (!this.before(heap[c], e)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = e;
  }

  protected override grow(c: number): void {
    super.grow(c);
    this.key = grownF64(this.key, c); this.next = grownI32(this.next, c); this.heap = grownI32(this.heap, c);
  }
}
