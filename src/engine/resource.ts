import { EventQueue, type EntryId } from './event-queue.js';
import type { HandlerId, Simulation } from './simulation.js';

/**
 * A waiting request's id, for Resource.cancel / Container.cancel (reneging). Branded apart from EventId: a scheduled event's id given to
 * Resource.cancel (or a request's to Simulation.cancel) is a compile-time error, not the
 * withdrawal of whatever entry happens to carry that number.
 */
export type RequestId = EntryId & { readonly __request: unique symbol };

/** What request() returns when the unit was granted at once (there is nothing to cancel). */
export const GRANTED = -1 as RequestId;

/**
 * Resource — `capacity` identical units (crews, a permit office's desks) that processes
 * request, hold and release. Requests that cannot be served wait in a priority queue
 * (lower priority value first, then first come first served). Capacity can change at any
 * time (crews mobilised or withdrawn): a rise serves waiting requests at once; a fall
 * takes effect as units are released (work in progress is never pre-empted). A waiting
 * request can be withdrawn with cancel() (a customer who reneges, a job sent elsewhere).
 *
 * Grants are synchronous and re-entrant. A granted request runs its handler at once, at
 * the current time, inside the request(), release() or setCapacity() call that freed the
 * unit — handing over a free unit costs no event. That handler may itself request or
 * release units of this or any other resource: the grant loop re-reads the queue and the
 * units in use after every handler, so requests are still served in priority order and
 * never beyond capacity (test/engine/resources.test.ts checks nested grants).
 *
 * It keeps the time integral of units in use and of capacity, for utilisation.
 *
 * @example
 *   const crews = new Resource(sim, 2, 'crews');
 *   const start = sim.on((job) => { sim.schedule(10, finish, job); });
 *   const finish = sim.on(() => crews.release());
 *   for (let j = 0; j < 3; j++) crews.request(start, j);   // job 2 starts at t=10
 */
export class Resource {
  inUse = 0;
  /** Integral of units in use over time, up to the last change. */
  private busyArea = 0;
  private capacityArea = 0;
  private lastChange = 0;
  private readonly waiting = new EventQueue(64);
  /** While paused no unit is granted (see pause()). */
  private paused = false;

  constructor(
    private readonly sim: Simulation,
    private cap: number,
    readonly name = 'resource',
  ) {
    if (!(cap >= 0)) throw new RangeError(`${name}: capacity must be >= 0, got ${cap}`);
    this.lastChange = sim.now;
  }

  get capacity(): number {
    return this.cap;
  }

  get queueLength(): number {
    return this.waiting.size;
  }

  /**
   * Asks for one unit. When granted (now or later), handler `kind` runs with `arg`.
   * Returns GRANTED if the unit was granted at once, else the id of the waiting request.
   */
  request(kind: HandlerId, arg: number, priority = 0): RequestId {
    if (!this.paused && this.inUse < this.cap && this.waiting.size === 0) {
      this.account();
      this.inUse++;
      this.sim.call(kind, arg);
      return GRANTED;
    }
    return this.waiting.push(priority, kind, arg) as RequestId;
  }

  /**
   * Takes a unit at once, whatever the capacity and whoever waits, and runs handler `kind`
   * with `arg`: a unit that was already held when the simulation started (work in progress
   * carried into a run). Units in use may then exceed the capacity until enough of them are
   * released, as after a fall in capacity.
   *
   * @example crews.hold(resumeWork, job)   // a crew laying when the run starts keeps laying, even with the crews cut before it
   */
  hold(kind: HandlerId, arg: number): void {
    this.account();
    this.inUse++;
    this.sim.call(kind, arg);
  }

  /** Back to `capacity` units, none in use, nobody waiting, no history (a new replication, after Simulation.reset). */
  reset(capacity: number): void {
    if (!(capacity >= 0)) throw new RangeError(`${this.name}: capacity must be >= 0, got ${capacity}`);
    this.waiting.clear();
    this.paused = false;
    this.cap = capacity;
    this.inUse = 0;
    this.busyArea = 0;
    this.capacityArea = 0;
    this.lastChange = this.sim.now;
  }

  /** Withdraws a waiting request; false if it was already granted or withdrawn. */
  cancel(request: RequestId): boolean {
    return request !== GRANTED && this.waiting.cancel(request);
  }

  /**
   * Withdraws every waiting request, in the order they would have been served, handing each
   * to `to(kind, arg, priority)` (e.g. work that stops asking for crews while it cannot
   * progress, to ask again later). `to` must not request units of this resource.
   */
  withdrawAll(to: (kind: HandlerId, arg: number, priority: number) => void): void {
    const w = this.waiting;
    while (w.pop()) to(w.topKind as HandlerId, w.topArg, w.topKey);
  }

  /**
   * Grants nothing until resume(): requests wait in the queue (in their order), units
   * released or added stay free. Units held are kept. Waiting is what happens, not where:
   * the requests keep their places and their ids (cancel() still withdraws them), so
   * pausing a queue of thousands costs nothing (crews while the ground is frozen).
   *
   * @example crews.pause(); crews.request(start, 7);   // queued, though a crew is free
   */
  pause(): void {
    this.paused = true;
  }

  /** Grants again: the waiting requests are served, in order, as far as free units allow. */
  resume(): void {
    this.account(); // what it grants is in use from now
    this.paused = false;
    this.dispatch();
  }

  /** Whether the resource is paused (pause()). */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Calls fn(kind, arg) for every waiting request, in no particular order (fn must not request, release or cancel). */
  forEachWaiting(fn: (kind: HandlerId, arg: number) => void): void {
    this.waiting.forEachPending(fn as (kind: number, arg: number) => void);
  }

  /** Returns one unit and serves the next waiting request if capacity allows. */
  release(): void {
    if (this.inUse <= 0) throw new RangeError(`${this.name}: release() with no unit in use`);
    this.account();
    this.inUse--;
    this.dispatch();
  }

  /** Changes the number of units (e.g. crews mobilised on a date). */
  setCapacity(capacity: number): void {
    if (!(capacity >= 0)) throw new RangeError(`${this.name}: capacity must be >= 0, got ${capacity}`);
    this.account();
    this.cap = capacity;
    this.dispatch();
  }

  /** Mean units in use divided by mean capacity, from creation to now (0 once capacity has been Infinity for a while). */
  utilisation(): number {
    this.account();
    return this.capacityArea > 0 ? this.busyArea / this.capacityArea : 0;
  }

  /** Integral of capacity over time (unit-days available), counting units held past a cut; Infinity once capacity has been Infinity for a while. */
  capacityTime(): number {
    this.account();
    return this.capacityArea;
  }

  /** Integral of units in use over time (unit-days). */
  busyTime(): number {
    this.account();
    return this.busyArea;
  }

  private dispatch(): void {
    const w = this.waiting;
    while (!this.paused && this.inUse < this.cap && w.size > 0) {
      w.pop();
      const kind = w.topKind, arg = w.topArg; // the handler may use this queue again
      this.inUse++;
      this.sim.call(kind as HandlerId, arg);
    }
  }

  private account(): void {
    const now = this.sim.now;
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.busyArea += this.inUse * dt;
      // Units still held after a capacity cut count as available until released; a spell
      // of unlimited capacity makes the unit-days available infinite (utilisation 0).
      this.capacityArea += Math.max(this.cap, this.inUse) * dt;
      this.lastChange = now;
    }
  }
}
