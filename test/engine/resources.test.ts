import { describe, it, expect } from 'vitest';
import { Container, GRANTED, Resource, Simulation } from '../../src/engine/index.js';

describe('Resource', () => {
  it('serves FIFO within a priority and lower priority values first', () => {
    const sim = new Simulation();
    const crews = new Resource(sim, 1, 'crews');
    const order: number[] = [];
    const done = sim.on(() => crews.release());
    const start = sim.on((job) => { order.push(job); sim.schedule(1, done, job); });
    crews.request(start, 0, 5);
    crews.request(start, 1, 5);
    crews.request(start, 2, 1);
    crews.request(start, 3, 5);
    sim.run();
    expect(order).toEqual([0, 2, 1, 3]);
    expect(sim.now).toBe(4);
  });

  it('serves waiting requests when capacity rises and never pre-empts when it falls', () => {
    const sim = new Simulation();
    const r = new Resource(sim, 1, 'r');
    const starts: [number, number][] = [];
    const done = sim.on(() => r.release());
    const start = sim.on((job) => { starts.push([job, sim.now]); sim.schedule(10, done, job); });
    for (let j = 0; j < 3; j++) r.request(start, j);
    const up = sim.on(() => r.setCapacity(3));
    sim.schedule(2, up);
    sim.run();
    expect(starts).toEqual([[0, 0], [1, 2], [2, 2]]);

    const sim2 = new Simulation();
    const r2 = new Resource(sim2, 2, 'r2');
    const done2 = sim2.on(() => r2.release());
    const ends: number[] = [];
    const start2 = sim2.on((job) => { ends.push(sim2.now); sim2.schedule(10, done2, job); });
    for (let j = 0; j < 3; j++) r2.request(start2, j);
    const down = sim2.on(() => r2.setCapacity(1));
    sim2.schedule(1, down);
    sim2.run();
    // Both running jobs finish at 10; the third starts then; capacity 1 from day 1.
    expect(ends).toEqual([0, 0, 10]);
    // Busy: 2 units for 10 days, then 1 for 10; available: the 2 held until day 10, then 1.
    expect(r2.utilisation()).toBeCloseTo(1, 9);
  });

  it('hold(): a unit held from the start is taken whatever the capacity and the queue; those waiting are served once in use falls below it', () => {
    const sim = new Simulation();
    const r = new Resource(sim, 1, 'r');
    const starts: [number, number][] = [];
    const done = sim.on(() => r.release());
    const start = sim.on((job) => { starts.push([job, sim.now]); sim.schedule(10, done, job); });
    r.request(start, 0); // takes the one unit
    r.request(start, 1); // waits
    r.hold(start, 2); // already held: runs at once, beside job 0
    expect(r.inUse).toBe(2);
    sim.run();
    // Job 0 and job 2 end at 10; in use falls to 1 (not below the capacity of 1) and then to 0: job 1 starts at 10, once.
    expect(starts).toEqual([[0, 0], [2, 0], [1, 10]]);
    expect(sim.now).toBe(20);
    const sim0 = new Simulation();
    const zero = new Resource(sim0, 0, 'none');
    zero.hold(sim0.on(() => {}), 0);
    expect(zero.inUse).toBe(1); // even with no capacity at all
  });
});

describe('Utilisation with a spell of unlimited capacity', () => {
  it('never exceeds 1: unit-days available are infinite once capacity was Infinity for a while', () => {
    const sim = new Simulation();
    const r = new Resource(sim, Infinity, 'r');
    const nop = sim.on(() => {});
    for (let j = 0; j < 5; j++) r.request(nop, j);
    sim.at(10, sim.on(() => r.setCapacity(5)));
    sim.run(20);
    expect(r.busyTime()).toBe(100); // 5 units for 20 days
    expect(r.capacityTime()).toBe(Infinity); // was 50: the unlimited spell was left out
    expect(r.utilisation()).toBe(0); // was 2
    // Finite all along: as before.
    const sim2 = new Simulation();
    const r2 = new Resource(sim2, 4, 'r2');
    for (let j = 0; j < 2; j++) r2.request(sim2.on(() => {}), j);
    sim2.run(10);
    expect([r2.busyTime(), r2.capacityTime(), r2.utilisation()]).toEqual([20, 40, 0.5]);
  });
});

describe('Pausing a resource (work that cannot progress takes no unit)', () => {
  it('grants nothing while paused, keeps the queue and its ids, and serves it in order on resume; the busy time counts from the grant', () => {
    const sim = new Simulation();
    const crews = new Resource(sim, 2, 'crews');
    const starts: [number, number][] = [];
    const done = sim.on(() => crews.release());
    const start = sim.on((job) => { starts.push([job, sim.now]); sim.schedule(10, done, job); });
    crews.request(start, 0, 1); // granted at 0, released at 10
    const pause = sim.on(() => {
      crews.pause();
      crews.request(start, 1, 5);
      crews.request(start, 2, 1); // ahead of 1 by priority
      crews.request(start, 3, 5);
    });
    const cancelled: boolean[] = [];
    const cancelLater = sim.on(() => cancelled.push(crews.cancel(crews.request(start, 4, 0)))); // waits, then leaves while paused
    const waiting: number[] = [];
    const look = sim.on(() => crews.forEachWaiting((_, job) => waiting.push(job)));
    const resume = sim.on(() => crews.resume());
    sim.at(2, pause);
    sim.at(3, cancelLater);
    sim.at(20, look); // the unit freed at 10 and the free one: neither granted
    sim.at(30, resume);
    sim.run();
    expect(cancelled).toEqual([true]);
    expect(waiting.sort()).toEqual([1, 2, 3]);
    expect(starts).toEqual([[0, 0], [2, 30], [1, 30], [3, 40]]);
    // Units in use: 1 on [0, 10), 0 on [10, 30) though two were free, 2 on [30, 40), 1 on [40, 50).
    expect(crews.busyTime()).toBe(10 + 2 * 10 + 10);
    expect(crews.isPaused).toBe(false);
  });

  it('reset() ends a pause', () => {
    const sim = new Simulation();
    const r = new Resource(sim, 1, 'r');
    r.pause();
    const granted: number[] = [];
    const h = sim.on((j) => granted.push(j));
    r.request(h, 7);
    expect(granted).toEqual([]);
    sim.reset();
    r.reset(1);
    expect(r.request(h, 8)).toBe(GRANTED);
    expect(granted).toEqual([8]);
  });
});

describe('Container', () => {
  it('pays in priority order, head of the line blocking, and never goes negative', () => {
    const sim = new Simulation();
    const budget = new Container(sim, 100, 'budget');
    const paid: [number, number][] = [];
    const pay = sim.on((j) => paid.push([j, sim.now]));
    budget.get(80, pay, 0);
    budget.get(50, pay, 1);
    budget.get(10, pay, 2); // fits, but waits behind job 1
    const refill = sim.on(() => budget.put(100));
    sim.schedule(365, refill);
    sim.run();
    expect(paid).toEqual([[0, 0], [1, 365], [2, 365]]);
    expect(budget.level).toBe(60);
    expect(budget.drawn).toBe(140);
    expect(() => budget.setLevel(-1)).toThrow(RangeError);
  });

  it('a request that goes to the head of the line (by priority) is paid at once when the money covers it; one behind the head waits', () => {
    const sim = new Simulation();
    const budget = new Container(sim, 40, 'budget');
    const paid: number[] = [];
    const pay = sim.on((j) => paid.push(j));
    budget.get(50, pay, 0, 5); // cannot be paid: the head, waiting
    expect(budget.get(20, pay, 1, 1)).toBe(GRANTED); // before it by priority, and 20 <= 40: paid now
    expect(budget.get(10, pay, 2, 5)).not.toBe(GRANTED); // same priority as the head: behind it, waits
    expect(budget.get(30, pay, 3, 0)).not.toBe(GRANTED); // first by priority, but 30 > 20 left: it is the head now, waiting
    expect(paid).toEqual([1]);
    expect(budget.level).toBe(20);
    budget.put(100); // 120: 3 (30), then 0 (50), then 2 (10)
    expect(paid).toEqual([1, 3, 0, 2]);
    expect(budget.level).toBe(30);
  });

  it('with a price level, pays a request what it costs on the day it is paid', () => {
    const sim = new Simulation();
    const budget = new Container(sim, 100, 'budget');
    budget.priceLevel = () => 1 + sim.now / 100; // prices up 1 % a day
    const paid: [number, number][] = [];
    const pay = sim.on((j) => paid.push([j, sim.now]));
    budget.get(60, pay, 0); // day 0: 60
    budget.get(50, pay, 1); // 50 would fit at day-0 prices, but waits for money
    sim.schedule(50, sim.on(() => budget.put(30))); // day 50: 40 + 30 = 70 < 50 × 1.5
    sim.schedule(100, sim.on(() => budget.put(30))); // day 100: 100 ≥ 50 × 2
    sim.run();
    expect(paid).toEqual([[0, 0], [1, 100]]);
    expect(budget.level).toBe(0);
    expect(budget.drawn).toBe(160);
  });
});

describe('Withdrawing a waiting request (reneging)', () => {
  it('a customer who gives up leaves the queue; the next one is served in their place', () => {
    const sim = new Simulation();
    const desk = new Resource(sim, 1, 'desk');
    const served: [number, number][] = [];
    const done = sim.on(() => desk.release());
    const start = sim.on((c) => { served.push([c, sim.now]); sim.schedule(5, done, c); });
    desk.request(start, 0);
    const patient = desk.request(start, 1);
    desk.request(start, 2);
    const giveUp = sim.on(() => expect(desk.cancel(patient)).toBe(true));
    sim.schedule(3, giveUp);
    sim.run();
    expect(served).toEqual([[0, 0], [2, 5]]);
    expect(desk.cancel(patient)).toBe(false);
  });

  it('withdraws every waiting request at once, in the order they would have been served', () => {
    const sim = new Simulation();
    const crews = new Resource(sim, 1, 'crews');
    const start = sim.on(() => undefined);
    crews.request(start, 0);
    crews.request(start, 1, 5);
    crews.request(start, 2, 1);
    crews.request(start, 3, 5);
    const out: [number, number][] = [];
    crews.withdrawAll((kind, arg, priority) => { expect(kind).toBe(start); out.push([arg, priority]); });
    expect(out).toEqual([[2, 1], [1, 5], [3, 5]]);
    expect(crews.queueLength).toBe(0);
    expect(crews.inUse).toBe(1);
  });

  it('a withdrawn payment lets the requests behind it be paid', () => {
    const sim = new Simulation();
    const budget = new Container(sim, 50, 'budget');
    const paid: number[] = [];
    const pay = sim.on((j) => paid.push(j));
    const big = budget.get(80, pay, 0);
    budget.get(30, pay, 1); // fits, but waits behind job 0
    expect(paid).toEqual([]);
    expect(budget.cancel(big)).toBe(true);
    expect(paid).toEqual([1]);
    expect(budget.level).toBe(20);
  });
});

describe('Grants are synchronous and re-entrant', () => {
  it('a granted handler that requests and releases again keeps priority order and never exceeds capacity', () => {
    const sim = new Simulation();
    const r = new Resource(sim, 2, 'r');
    const log: string[] = [];
    let maxInUse = 0;
    const finish = sim.on((j) => { log.push(`end ${j}`); r.release(); });
    // Job 0, when granted, hands its unit straight back and asks again (behind the queue);
    // every other job works for one day.
    let bounced = false;
    const start = sim.on((j) => {
      maxInUse = Math.max(maxInUse, r.inUse);
      log.push(`start ${j} at ${sim.now}`);
      if (j === 0 && !bounced) { bounced = true; r.release(); r.request(start, 0, 9); return; }
      sim.schedule(1, finish, j);
    });
    r.request(start, 1, 1);
    r.request(start, 2, 1);
    r.request(start, 0, 0); // waits: both units are busy
    r.request(start, 3, 5);
    sim.run();
    expect(maxInUse).toBeLessThanOrEqual(2);
    // At t=1 job 1 ends: job 0 (priority 0) is granted inside release(), bounces its unit,
    // which goes to job 3 (priority 5) ahead of job 0's new request (priority 9).
    expect(log).toEqual([
      'start 1 at 0', 'start 2 at 0',
      'end 1', 'start 0 at 1', 'start 3 at 1',
      'end 2', 'start 0 at 1',
      'end 3', 'end 0',
    ]);
    expect(r.inUse).toBe(0);
  });
});
