import { describe, it, expect } from 'vitest';
import { EntryRecords, RECORD_SPAN, type EntryId } from '../../src/engine/entry-records.js';
import { EventQueue } from '../../src/engine/event-queue.js';
import { TimeQueue } from '../../src/engine/time-queue.js';

/** The smallest queue on the store: last in, first out (the class's @example). */
class Stack extends EntryRecords {
  private top: number[] = [];
  push(kind: number, arg: number): EntryId {
    const e = this.allocate(kind, arg);
    this.top.push(e);
    return this.idOf(e);
  }
  pop(): [number, number] | undefined {
    for (let e = this.top.pop(); e !== undefined; e = this.top.pop()) {
      const pending = this.state[e] === 1;
      const out: [number, number] = [this.kind[e], this.arg[e]];
      this.release(e);
      if (pending) return out;
    }
    return undefined;
  }
  cancel(id: EntryId): boolean {
    const e = this.pendingRecord(id);
    if (e < 0) return false;
    this.state[e] = 2;
    return true;
  }
  get records(): number {
    return this.recordCapacity;
  }
}

describe('EntryRecords', () => {
  it('grows by doubling and keeps every entry', () => {
    const s = new Stack();
    for (let i = 0; i < 40; i++) s.push(i % 3, i);
    expect(s.records).toBe(64); // 16, 32, 64
    const out: number[] = [];
    for (let x = s.pop(); x !== undefined; x = s.pop()) out.push(x[1]);
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => 39 - i));
  });

  it('knows an id whose record was freed and reused as stale', () => {
    const s = new Stack();
    const a = s.push(0, 1);
    expect(s.pop()).toEqual([0, 1]);
    const b = s.push(0, 2); // the same record, its next generation
    expect(b % RECORD_SPAN).toBe(a % RECORD_SPAN);
    expect(b).not.toBe(a);
    expect(s.cancel(a)).toBe(false);
    expect(s.cancel(b)).toBe(true);
    expect(s.cancel(b)).toBe(false);
    expect(s.pop()).toBeUndefined();
  });

  it('is the store of both event lists: a stale id cancels nothing in either', () => {
    for (const q of [new EventQueue(2), new TimeQueue(2)]) {
      const first = q.push(1, 0, 1);
      q.pop();
      const second = q.push(2, 0, 2); // reuses the first's record
      expect(q.cancel(first)).toBe(false);
      expect(q.size).toBe(1);
      expect(q.cancel(second)).toBe(true);
      expect(q.size).toBe(0);
    }
  });
});
