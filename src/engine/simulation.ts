import { EventQueue } from './event-queue.js';

/** A callback run when an event fires; `arg` is the integer given when it was scheduled. */
export type Handler = (arg: number) => void;

/** Raised when a handler tries to schedule an event in the past. */
export class TimeTravelError extends Error {}

/**
 * Simulation — the clock and the event loop.
 *
 * Handlers are registered once (`on`) and get a small integer id; events are then
 * scheduled as (time, handler id, integer argument), typically the index of the entity
 * concerned. This keeps the hot loop free of closures and allocation: processes are
 * written as state machines whose state lives in typed arrays owned by the model.
 *
 * @example
 *   const sim = new Simulation();
 *   const done: number[] = [];
 *   const finish = sim.on((job) => done.push(job));
 *   sim.schedule(3, finish, 1);
 *   sim.schedule(1, finish, 2);
 *   sim.run();          // done = [2, 1], sim.now = 3
 */
export class Simulation {
  /** Current simulated time (days, by this project's convention). */
  now = 0;
  /** Events executed so far (for the benchmark and invariants). */
  eventsProcessed = 0;
  /** When set, every event is checked not to go back in time. */
  checkInvariants = false;
  /** Optional trace hook, called before each event runs. */
  tracer: ((time: number, kind: number, arg: number) => void) | null = null;

  private readonly queue: EventQueue;
  private readonly handlers: Handler[] = [];
  private readonly names: string[] = [];
  private stopped = false;

  constructor(initialQueueCapacity = 1024) {
    this.queue = new EventQueue(initialQueueCapacity);
  }

  /** Registers a handler and returns its id for schedule()/at(). */
  on(handler: Handler, name = `handler${this.handlers.length}`): number {
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  handlerName(kind: number): string {
    return this.names[kind] ?? `handler${kind}`;
  }

  /** Schedules handler `kind` to run `delay` time units from now. */
  schedule(delay: number, kind: number, arg = 0): void {
    if (!(delay >= 0)) throw new TimeTravelError(`cannot schedule ${this.handlerName(kind)} with delay ${delay}`);
    this.queue.push(this.now + delay, kind, arg);
  }

  /** Schedules handler `kind` at absolute time `time` (not before now). */
  at(time: number, kind: number, arg = 0): void {
    if (!(time >= this.now)) throw new TimeTravelError(`cannot schedule ${this.handlerName(kind)} at ${time}, before now (${this.now})`);
    this.queue.push(time, kind, arg);
  }

  get pending(): number {
    return this.queue.size;
  }

  /**
   * Runs handler `kind` now, synchronously, without going through the queue (how a
   * resource hands over a unit that is free at once). Traced like an event.
   */
  call(kind: number, arg: number): void {
    if (this.tracer !== null) this.tracer(this.now, kind, arg);
    this.handlers[kind](arg);
  }

  /** Time of the next event, or Infinity. */
  peek(): number {
    return this.queue.peekTime();
  }

  /** Stops run() after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Runs events in time order until the queue is empty, stop() is called, or the next
   * event lies beyond `until` (the clock is then advanced to `until`).
   */
  run(until = Infinity): void {
    const q = this.queue;
    const handlers = this.handlers;
    this.stopped = false;
    while (!this.stopped && q.size > 0) {
      if (q.peekTime() > until) {
        this.now = until;
        return;
      }
      q.pop();
      const t = q.topTime;
      if (this.checkInvariants && t < this.now) {
        throw new TimeTravelError(`time went back from ${this.now} to ${t}`);
      }
      this.now = t;
      this.eventsProcessed++;
      if (this.tracer !== null) this.tracer(t, q.topKind, q.topArg);
      handlers[q.topKind](q.topArg);
    }
    if (!this.stopped && until !== Infinity && this.now < until) this.now = until;
  }

  /** Clears pending events and resets the clock, keeping registered handlers. */
  reset(): void {
    this.queue.clear();
    this.now = 0;
    this.eventsProcessed = 0;
    this.stopped = false;
  }
}
