/** Identifies one pushed entry, for cancel(); stale once the entry has come out or been cancelled. */
export type EntryId = number & { readonly __entry: unique symbol };

/** Records are indexed below this in an EntryId (the rest is the record's generation). */
export const RECORD_SPAN = 16_777_216; // 2^24 entries pending at once at most

/** What a record holds: nothing, an entry waiting to come out, or one cancelled and not yet dropped. */
export const FREE = 0, PENDING = 1, CANCELLED = 2;

const EMPTY_F64: Float64Array = new Float64Array(0);
const EMPTY_I32: Int32Array = new Int32Array(0);
const EMPTY_U8 = new Uint8Array(0);

/** A copy of `a` in a new array of length c (c ≥ a.length). */
export function grownF64(a: Float64Array, c: number): Float64Array {
  const b = new Float64Array(c);
  b.set(a);
  return b;
}

/** A copy of `a` in a new array of length c (c ≥ a.length). */
export function grownI32(a: Int32Array, c: number): Int32Array {
  const b = new Int32Array(c);
  b.set(a);
  return b;
}

/**
 * EntryRecords — the store both event lists keep their entries in (EventQueue, TimeQueue
 * extend it, so its fields are their own and a hot loop reads them without an indirection).
 *
 * An entry is a record: a sequence number (insertion order: two entries with the same key
 * come out in the order they went in, so runs are deterministic), a handler id and an
 * integer argument, in parallel typed arrays, recycled through a free list. An entry's id is
 * its record and the record's generation, which moves on each time the record is freed, so
 * an id handed out before is recognised as stale: cancelling an entry that already came out
 * (its record perhaps reused since) is refused, not applied to another entry. The arrays grow
 * by doubling, and nothing is allocated once they hold the most entries pending at once.
 *
 * @example
 *   class Stack extends EntryRecords {            // the smallest queue: last in, first out
 *     private top: number[] = [];
 *     push(kind: number, arg: number) { const e = this.allocate(kind, arg); this.top.push(e); return this.idOf(e); }
 *   }
 */
export class EntryRecords {
  protected seq: Float64Array = EMPTY_F64;
  protected kind: Int32Array = EMPTY_I32;
  protected arg: Int32Array = EMPTY_I32;
  protected gen: Int32Array = EMPTY_I32;
  protected state: Uint8Array = EMPTY_U8;
  private free: Int32Array = EMPTY_I32;
  private nFree = 0;
  /** Records used so far (free or not): the rest of the arrays has never held an entry. */
  protected nRecords = 0;
  /** The next entry's sequence number. */
  protected nextSeq = 0;

  /** Records the arrays hold. */
  protected get recordCapacity(): number {
    return this.seq.length;
  }

  /**
   * Takes a free record (growing the arrays when every one is used) for a pending entry of
   * handler `kind` with `arg`, numbered in insertion order, and returns it.
   */
  protected allocate(kind: number, arg: number): number {
    if (this.nFree === 0 && this.nRecords === this.seq.length) this.grow(this.seq.length === 0 ? 16 : this.seq.length * 2);
    const e = this.nFree > 0 ? this.free[--this.nFree] : this.nRecords++;
    this.seq[e] = this.nextSeq++;
    this.kind[e] = kind;
    this.arg[e] = arg;
    this.state[e] = PENDING;
    return e;
  }

  /** The id of record e's current entry. */
  protected idOf(e: number): EntryId {
    return (this.gen[e] * RECORD_SPAN + e) as EntryId;
  }

  /** The record of a pending entry's id; -1 when the entry already came out or was cancelled. */
  protected pendingRecord(id: EntryId): number {
    const e = id % RECORD_SPAN, g = Math.floor(id / RECORD_SPAN);
    return e >= 0 && e < this.nRecords && this.gen[e] === g && this.state[e] === PENDING ? e : -1;
  }

  /** Frees record e (its id becomes stale). */
  protected release(e: number): void {
    this.state[e] = FREE;
    this.gen[e] = (this.gen[e] + 1) & 0x1fffffff;
    this.free[this.nFree++] = e;
  }

  /** Grows the records to c (a subclass grows its own per-record arrays too, and calls this). */
  protected grow(c: number): void {
    if (c > RECORD_SPAN) throw new RangeError(`more than ${RECORD_SPAN} entries pending at once`);
    this.seq = grownF64(this.seq, c);
    this.kind = grownI32(this.kind, c); this.arg = grownI32(this.arg, c); this.gen = grownI32(this.gen, c);
    this.free = grownI32(this.free, c);
    const st = new Uint8Array(c); st.set(this.state); this.state = st;
  }
}
