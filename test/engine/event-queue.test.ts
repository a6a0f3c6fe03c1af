import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventQueue, Simulation, TimeTravelError } from '../../src/engine/index.js';

describe('EventQueue', () => {
  it('pops in key order and breaks ties by insertion order', () => {
    const q = new EventQueue(2); // small, so it must grow
    const items: [number, number][] = [];
    for (let i = 0; i < 500; i++) items.push([Math.floor(((i * 7919) % 101) / 10), i]);
    for (const [t, i] of items) q.push(t, 0, i);
    const out: [number, number][] = [];
    while (q.pop()) out.push([q.topKey, q.topArg]);
    const expected = [...items].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(out).toEqual(expected);
  });

  it('carries a value with each entry', () => {
    const q = new EventQueue();
    q.push(2, 1, 10, 2.5);
    q.push(1, 3, 11, 7.25);
    expect(q.peekVal()).toBe(7.25);
    q.pop();
    expect([q.topKind, q.topArg, q.topVal]).toEqual([3, 11, 7.25]);
  });

  it('peekVal() of an empty queue is NaN, not the number of an entry that came out or was cancelled', () => {
    const q = new EventQueue();
    expect(q.peekVal()).toBeNaN();
    q.push(1, 0, 0, 7.5);
    expect(q.peekVal()).toBe(7.5);
    q.pop();
    expect(q.peekVal()).toBeNaN(); // was 7.5
    q.cancel(q.push(2, 0, 0, 9));
    expect(q.peekVal()).toBeNaN(); // was 9
  });

  it('cancels any pending entry, and only once; ids of entries gone are stale', () => {
    const q = new EventQueue(4);
    const ids = [5, 1, 4, 2, 3].map((k) => q.push(k, 0, k));
    expect(q.cancel(ids[2])).toBe(true); // key 4
    expect(q.cancel(ids[2])).toBe(false);
    expect(q.size).toBe(4);
    q.pop();
    expect(q.topKey).toBe(1);
    expect(q.cancel(ids[1])).toBe(false); // already popped
    // The popped entry's record is reused by the next push: its old id must not cancel it.
    const again = q.push(0, 0, 99);
    expect(q.cancel(ids[1])).toBe(false);
    expect(q.size).toBe(4);
    const out: number[] = [];
    while (q.pop()) out.push(q.topArg);
    expect(out).toEqual([99, 2, 3, 5]);
    expect(q.cancel(again)).toBe(false);
  });

  it('matches a sorted list under any mix of pushes, pops and cancellations (property)', () => {
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ pop: fc.constant(true) }),
      fc.record({ cancel: fc.nat(50) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const q = new EventQueue(1);
      const model: { key: number; seq: number; id: number }[] = [];
      const ids: number[] = [];
      let seq = 0;
      for (const o of ops) {
        if ('push' in o) {
          const id = q.push(o.push, 0, seq);
          ids.push(id);
          model.push({ key: o.push, seq: seq++, id });
        } else if ('pop' in o) {
          model.sort((a, b) => a.key - b.key || a.seq - b.seq);
          const want = model.shift();
          expect(q.pop()).toBe(want !== undefined);
          if (want) expect([q.topKey, q.topArg]).toEqual([want.key, want.seq]);
        } else if (ids.length > 0) {
          const id = ids[o.cancel % ids.length];
          const k = model.findIndex((e) => e.id === id);
          expect(q.cancel(id as never)).toBe(k >= 0);
          if (k >= 0) model.splice(k, 1);
        }
        expect(q.size).toBe(model.length);
      }
    }));
  });
});

describe('Simulation', () => {
  it('runs handlers at their times, in time order', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const h = sim.on((arg) => {
      seen.push(sim.now);
      if (arg < 5) sim.schedule(arg, h, arg + 1);
    });
    sim.schedule(1, h, 0);
    sim.run();
    expect(seen).toEqual([1, 1, 2, 4, 7, 11]);
  });

  it('time never goes back: scheduling in the past, a negative or NaN delay, or running back to an earlier time is refused', () => {
    const sim = new Simulation();
    const h = sim.on(() => sim.at(sim.now - 1, h, 0));
    sim.schedule(5, h, 0);
    expect(() => sim.run()).toThrow(TimeTravelError);
    const s2 = new Simulation();
    const nop = s2.on(() => {});
    expect(() => s2.schedule(-1, nop)).toThrow(TimeTravelError);
    expect(() => s2.schedule(NaN, nop)).toThrow(TimeTravelError);
    s2.run(10);
    expect(s2.now).toBe(10);
    expect(() => s2.run(3)).toThrow(/before now/);
    expect(s2.now).toBe(10);
  });

  it('run(NaN) is refused, not taken as "run everything" (an `until` computed from a missing input)', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const h = sim.on(() => seen.push(sim.now));
    sim.schedule(3, h);
    sim.schedule(10, h);
    expect(() => sim.run(NaN)).toThrow(TimeTravelError);
    expect(seen).toEqual([]); // nothing ran
    expect(sim.now).toBe(0);
    expect(sim.pending).toBe(2);
  });

  it('stops at `until`, leaving later events pending', () => {
    const sim = new Simulation();
    const h = sim.on(() => {});
    sim.schedule(3, h);
    sim.schedule(10, h);
    sim.run(5);
    expect(sim.now).toBe(5);
    expect(sim.pending).toBe(1);
    expect(sim.eventsProcessed).toBe(1);
  });

  it('cancels a scheduled event (an interrupt): it never runs', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    const h = sim.on((a) => ran.push(a));
    const timeout = sim.schedule(10, h, 1);
    const interrupt = sim.on(() => expect(sim.cancel(timeout)).toBe(true));
    sim.schedule(4, interrupt);
    sim.schedule(12, h, 2);
    sim.run();
    expect(ran).toEqual([2]);
    expect(sim.cancel(timeout)).toBe(false);
  });

  it('reset() starts again at a given time, keeping the handlers', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const h = sim.on(() => seen.push(sim.now));
    sim.schedule(1, h);
    sim.run();
    sim.reset(100);
    expect(sim.now).toBe(100);
    sim.schedule(2, h);
    sim.run();
    expect(seen).toEqual([1, 102]);
    expect(sim.eventsProcessed).toBe(1);
  });
});

describe('EventQueue refuses a NaN key', () => {
  it('throws instead of misplacing the entries around it', () => {
    const q = new EventQueue();
    q.push(2, 0, 2);
    expect(() => q.push(NaN, 0, 9)).toThrow(/a key \(priority or time\) is NaN/);
    q.push(1, 0, 1);
    const out: number[] = [];
    while (q.pop()) out.push(q.topArg);
    expect(out).toEqual([1, 2]);
  });
});
