import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventQueue, GRANTED, Resource, Simulation, TimeQueue, type EntryId, type EventId } from '../../src/engine/index.js';

/** One operation on both queues: push at `last popped + delay`, pop, or cancel the k-th id handed out. */
type Op = { op: 'push'; delay: number; kind: number } | { op: 'pop' } | { op: 'popUntil'; ahead: number } | { op: 'peek' } | { op: 'cancel'; k: number } | { op: 'clear' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), delay: fc.oneof(fc.constantFrom(0, 0.5, 1, 3, 4095.5, 4096, 10_000, Infinity), fc.double({ min: 0, max: 5000, noNaN: true })), kind: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 4, arbitrary: fc.constant({ op: 'pop' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('popUntil' as const), ahead: fc.oneof(fc.constantFrom(0, 1, 4096, Infinity), fc.double({ min: 0, max: 5000, noNaN: true })) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'peek' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), k: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

describe('TimeQueue', () => {
  it('gives out exactly what an EventQueue gives, in the same order, for times that never go back (cancellations, clears and pops up to a time included)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const a = new EventQueue(4), b = new TimeQueue(4);
        const ids: [EntryId, EntryId][] = [];
        let now = 0, n = 0;
        for (const o of ops) {
          if (o.op === 'push') {
            const t = now + o.delay;
            ids.push([a.push(t, o.kind, n), b.push(t, o.kind, n)]);
            n++;
          } else if (o.op === 'pop') {
            const pa = a.pop(), pb = b.pop();
            expect(pb).toBe(pa);
            if (pa) {
              expect([b.topKey, b.topKind, b.topArg]).toEqual([a.topKey, a.topKind, a.topArg]);
              if (Number.isFinite(a.topKey)) now = a.topKey;
            }
          } else if (o.op === 'popUntil') {
            // As peekKey() then pop() when the earliest is due by `until`; else nothing comes out.
            const until = now + o.ahead;
            const due = a.size > 0 && a.peekKey() <= until;
            expect(b.popUntil(until)).toBe(due);
            if (due) {
              a.pop();
              expect([b.topKey, b.topKind, b.topArg]).toEqual([a.topKey, a.topKind, a.topArg]);
              if (Number.isFinite(a.topKey)) now = a.topKey;
            }
          } else if (o.op === 'peek') {
            expect(b.peekKey()).toBe(a.peekKey());
          } else if (o.op === 'cancel') {
            if (ids.length === 0) continue;
            const [ia, ib] = ids[o.k % ids.length];
            expect(b.cancel(ib)).toBe(a.cancel(ia));
          } else {
            a.clear(); b.clear(); now = 0; ids.length = 0;
          }
          expect(b.size).toBe(a.size);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps insertion order among entries of the same time, on the same day and across the far queue', () => {
    const q = new TimeQueue(2);
    for (const [t, arg] of [[3.5, 1], [3.25, 2], [3.5, 3], [9000, 4], [9000, 5], [3.25, 6], [0, 7]] as const) q.push(t, 0, arg);
    const out: number[] = [];
    while (q.pop()) out.push(q.topArg);
    expect(out).toEqual([7, 2, 6, 1, 3, 4, 5]);
  });

  it('takes entries for a day already reached (a run stopped before its next event, then something scheduled sooner)', () => {
    const q = new TimeQueue();
    q.push(50.5, 0, 1);
    expect(q.peekKey()).toBe(50.5); // day 50 is moved into the heap
    q.push(20.25, 0, 2); // earlier than day 50, scheduled later (the clock is at 20 after run(20))
    q.push(50.5, 0, 3);
    const out: number[] = [];
    while (q.pop()) out.push(q.topArg);
    expect(out).toEqual([2, 1, 3]);
  });
});

describe('Event ids and request ids', () => {
  it("GRANTED (a request granted at once, -1) is never an event's id: cancelling it takes no event out", () => {
    const sim = new Simulation();
    const ran: number[] = [];
    const h = sim.on((a) => ran.push(a));
    sim.at(5000, h, 1); // the first event beyond the days' buckets (it was given id -1)
    const r = new Resource(sim, 1, 'r');
    const req = r.request(h, 2);
    expect(req).toBe(GRANTED);
    expect(sim.cancel(req)).toBe(false); // was true, and event 1 never ran
    expect(sim.cancel(-1 as EventId)).toBe(false);
    const later = sim.at(6000, h, 3);
    expect(sim.cancel(later)).toBe(true); // far events are still cancelled by their own ids
    expect(sim.cancel(later)).toBe(false);
    sim.run();
    expect(ran).toEqual([2, 1]);
  });
});
