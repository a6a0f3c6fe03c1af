import { describe, it, expect } from 'vitest';
import { EventQueue, Simulation, TimeTravelError } from '../../src/engine/index.js';

describe('EventQueue', () => {
  it('pops in time order and breaks ties by insertion order', () => {
    const q = new EventQueue(2); // small, so it must grow
    const items: [number, number][] = [];
    for (let i = 0; i < 500; i++) items.push([Math.floor(((i * 7919) % 101) / 10), i]);
    for (const [t, i] of items) q.push(t, 0, i);
    const out: [number, number][] = [];
    while (q.pop()) out.push([q.topTime, q.topArg]);
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
});

describe('Simulation', () => {
  it('runs handlers at their times and never goes back in time', () => {
    const sim = new Simulation();
    sim.checkInvariants = true;
    const seen: number[] = [];
    const h = sim.on((arg) => {
      seen.push(sim.now);
      if (arg < 5) sim.schedule(arg, h, arg + 1);
    });
    sim.schedule(1, h, 0);
    sim.run();
    expect(seen).toEqual([1, 1, 2, 4, 7, 11]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulation();
    const h = sim.on(() => sim.at(sim.now - 1, h, 0));
    sim.schedule(5, h, 0);
    expect(() => sim.run()).toThrow(TimeTravelError);
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
});
