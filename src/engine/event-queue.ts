const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);

/**
 * EventQueue — a binary min-heap of pending events, ordered by (time, insertion order).
 * (Resources reuse it as their waiting line, with a priority in place of the time.)
 *
 * Each event is five numbers: its time, a sequence number (insertion order, which breaks
 * ties deterministically: two events at the same time run in the order they were
 * scheduled), a handler id, an integer argument and a number carried along. They are kept in parallel typed
 * arrays, so scheduling and popping allocate nothing once the arrays have grown to the
 * run's peak size.
 *
 * @example
 *   const q = new EventQueue();
 *   q.push(5, 0, 42); q.push(1, 0, 7);
 *   q.pop();  // true; q.topTime === 1, q.topKind === 0, q.topArg === 7
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private args: Int32Array;
  private vals: Float64Array;
  private n = 0;
  private nextSeq = 0;
  /** Fields of the event removed by the last successful pop(). */
  topTime = 0;
  topKind = 0;
  topArg = 0;
  topVal = 0;

  constructor(initialCapacity = 1024) {
    // Arrays are made on the first push: many queues (an idle office's, say) never hold anything.
    this.capacity0 = Math.max(16, initialCapacity);
    this.times = EMPTY_F64;
    this.seqs = EMPTY_F64;
    this.kinds = EMPTY_I32;
    this.args = EMPTY_I32;
    this.vals = EMPTY_F64;
  }

  private readonly capacity0: number;

  get size(): number {
    return this.n;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** Handler id / argument / value of the earliest pending event (undefined when empty). */
  peekKind(): number {
    return this.kinds[0];
  }
  peekArg(): number {
    return this.args[0];
  }
  peekVal(): number {
    return this.vals[0];
  }

  clear(): void {
    this.n = 0;
    this.nextSeq = 0;
  }

  /** Adds an event; `val` is an optional number carried along (e.g. an amount requested). */
  push(time: number, kind: number, arg: number, val = 0): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times, seqs = this.seqs, kinds = this.kinds, args = this.args, vals = this.vals;
    const seq = this.nextSeq++;
    // Sift up: move parents down until the slot for the new event is found.
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && seqs[p] < seq)) break;
      times[i] = pt; seqs[i] = seqs[p]; kinds[i] = kinds[p]; args[i] = args[p]; vals[i] = vals[p];
      i = p;
    }
    times[i] = time; seqs[i] = seq; kinds[i] = kind; args[i] = arg; vals[i] = val;
  }

  /** Removes the earliest event into topTime/topKind/topArg; false when empty. */
  pop(): boolean {
    const n = this.n;
    if (n === 0) return false;
    const times = this.times, seqs = this.seqs, kinds = this.kinds, args = this.args, vals = this.vals;
    this.topTime = times[0]; this.topKind = kinds[0]; this.topArg = args[0]; this.topVal = vals[0];
    const last = n - 1;
    this.n = last;
    if (last === 0) return true;
    const t = times[last], s = seqs[last], k = kinds[last], a = args[last], v = vals[last];
    // Sift down the last element from the root.
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last && (times[r] < times[c] || (times[r] === times[c] && seqs[r] < seqs[c]))) c = r;
      const ct = times[c];
      if (t < ct || (t === ct && s < seqs[c])) break;
      times[i] = ct; seqs[i] = seqs[c]; kinds[i] = kinds[c]; args[i] = args[c]; vals[i] = vals[c];
      i = c;
    }
    times[i] = t; seqs[i] = s; kinds[i] = k; args[i] = a; vals[i] = v;
    return true;
  }

  private grow(): void {
    const c = this.times.length === 0 ? this.capacity0 : this.times.length * 2;
    const t = new Float64Array(c); t.set(this.times); this.times = t;
    const s = new Float64Array(c); s.set(this.seqs); this.seqs = s;
    const k = new Int32Array(c); k.set(this.kinds); this.kinds = k;
    const a = new Int32Array(c); a.set(this.args); this.args = a;
    const v = new Float64Array(c); v.set(this.vals); this.vals = v;
  }
}
