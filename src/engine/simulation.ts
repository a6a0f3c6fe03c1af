import type { EntryId } from './event-queue.js';
import { TimeQueue } from './time-queue.js';

/** A callback run when an event fires; `arg` is the integer given when it was scheduled. */
export type Handler = (arg: number) => void;

/** A registered handler (from Simulation.on): what schedule(), at() and the resources' requests run. */
export type HandlerId = number & { readonly __handler: unique symbol };

/** A scheduled event's id (for Simulation.cancel). Branded apart from RequestId (see there). */
export type EventId = EntryId & { readonly __event: unique symbol };

/**
 * Raised when something would make simulated time go back: a negative or NaN delay, an
 * event at a time before now, run(until) with until before now (or NaN).
 *
 * @example
 *   const sim = new Simulation(); const h = sim.on(() => {});
 *   sim.schedule(-1, h);   // throws TimeTravelError: cannot schedule ... with delay -1
 */
export class TimeTravelError extends Error {}

/**
 * Simulation — the clock and the event loop.
 *
 * Handlers are registered once (`on`) and get an id; events are then scheduled as (time,
 * handler id, integer argument), typically the index of the entity concerned. This keeps
 * the hot loop free of closures and allocation: processes are written as state machines
 * whose state lives in typed arrays owned by the model.
 *
 * Time never goes back: the clock is read-only, schedule() and at() refuse a time before
 * now, and run(until) refuses an `until` before now (or NaN). These checks are always on (they cost
 * a comparison per call), so a model cannot move time backwards by mistake.
 *
 * A scheduled event can be cancelled (an interrupt, a timeout that no longer matters):
 * cancel(id) takes it out of the queue in O(1) (marked, and dropped when its day comes).
 *
 * @example
 *   const sim = new Simulation();
 *   const done: number[] = [];
 *   const finish = sim.on((job) => done.push(job));
 *   sim.schedule(3, finish, 1);
 *   const late = sim.schedule(5, finish, 3);
 *   sim.schedule(1, finish, 2);
 *   sim.cancel(late);
 *   sim.run();          // done = [2, 1], sim.now = 3
 */
export class Simulation {
  private clock = 0;
  /** Events executed so far (for the benchmark). */
  eventsProcessed = 0;
  /** Optional trace hook, called before each event (and each synchronous call) runs. */
  tracer: ((time: number, kind: HandlerId, arg: number) => void) | null = null;

  /** The events, in (time, scheduling order): a calendar queue, since time never goes back. */
  private readonly queue: TimeQueue;
  private readonly handlers: Handler[] = [];
  private readonly names: string[] = [];
  private stopped = false;

  constructor(initialQueueCapacity = 1024) {
    this.queue = new TimeQueue(initialQueueCapacity);
  }

  /** Current simulated time (days, by this project's convention). */
  get now(): number {
    return this.clock;
  }

  /** Registers a handler and returns its id for schedule(), at() and resource requests. */
  on(handler: Handler, name = `handler${this.handlers.length}`): HandlerId {
    this.handlers.push(handler);
    this.names.push(name);
    return (this.handlers.length - 1) as HandlerId;
  }

  handlerName(kind: HandlerId): string {
    return this.names[kind] ?? `handler${kind}`;
  }

  /** Schedules handler `kind` to run `delay` time units from now. */
  schedule(delay: number, kind: HandlerId, arg = 0): EventId {
    if (!(delay >= 0)) throw new TimeTravelError(`cannot schedule ${this.handlerName(kind)} with delay ${delay}`);
    return this.queue.push(this.clock + delay, kind, arg) as EventId;
  }

  /** Schedules handler `kind` at absolute time `time` (not before now). */
  at(time: number, kind: HandlerId, arg = 0): EventId {
    if (!(time >= this.clock)) throw new TimeTravelError(`cannot schedule ${this.handlerName(kind)} at ${time}, before now (${this.clock})`);
    return this.queue.push(time, kind, arg) as EventId;
  }

  /** Takes a scheduled event out; false if it has already run or been cancelled. */
  cancel(id: EventId): boolean {
    return this.queue.cancel(id);
  }

  /** Events scheduled and not yet run. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Runs handler `kind` now, synchronously, without going through the queue (how a
   * resource hands over a unit that is free at once). Traced like an event.
   */
  call(kind: HandlerId, arg: number): void {
    if (this.tracer !== null) this.tracer(this.clock, kind, arg);
    this.handlers[kind](arg);
  }

  /** Time of the next event, or Infinity. */
  peek(): number {
    return this.queue.peekKey();
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
    // Negated so that NaN (an `until` computed from a missing input) is refused too, not run to the end.
    if (!(until >= this.clock)) throw new TimeTravelError(`cannot run until ${until}, before now (${this.clock})`);
    this.stopped = false;
    this.loop(until);
    if (!this.stopped && until !== Infinity && this.clock < until) this.clock = until;
  }

  /**
   * The event loop, a function of its own: V8 compiles a loop that runs long in its first
   * call "on stack" (OSR) before the code after it has run, and with run()'s last line in
   * the same function that code was thrown away at the loop's end in every replication of
   * the baseline (`node --trace-deopt`).
   */
  private loop(until: number): void {
    const q = this.queue;
    const handlers = this.handlers;
    while (!this.stopped && q.popUntil(until)) {
      this.clock = q.topKey;
      this.eventsProcessed++;
      if (this.tracer !== null) this.tracer(this.clock, q.topKind as HandlerId, q.topArg);
      handlers[q.topKind](q.topArg);
    }
  }

  /**
   * Clears pending events and sets the clock to `start` (default 0), keeping registered
   * handlers: a simulation reused for the next replication, or one that continues from a
   * saved state at `start`.
   */
  reset(start = 0): void {
    this.queue.clear();
    this.clock = start;
    this.eventsProcessed = 0;
    this.stopped = false;
  }
}
