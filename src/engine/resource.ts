import { EventQueue } from './event-queue.js';
import type { Simulation } from './simulation.js';

/**
 * Resource — `capacity` identical units (crews, a permit office's desks) that processes
 * request, hold and release. Requests that cannot be served wait in a priority queue
 * (lower priority value first, then first come first served). A granted request runs its
 * handler at once (synchronously, at the current time, in grant order), so handing over a
 * free unit costs no event. Capacity can change at any time (crews mobilised or withdrawn):
 * a rise serves waiting requests at once; a fall takes effect as units are released
 * (work in progress is never pre-empted).
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
   * Returns true if granted at once.
   */
  request(kind: number, arg: number, priority = 0): boolean {
    if (this.inUse < this.cap && this.waiting.size === 0) {
      this.account();
      this.inUse++;
      this.sim.call(kind, arg);
      return true;
    }
    this.waiting.push(priority, kind, arg);
    return false;
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

  /** Mean units in use divided by mean capacity, from creation to now. */
  utilisation(): number {
    this.account();
    return this.capacityArea > 0 ? this.busyArea / this.capacityArea : 0;
  }

  /** Integral of capacity over time (unit-days available), counting units held past a cut. */
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
    while (this.inUse < this.cap && w.size > 0) {
      w.pop();
      const kind = w.topKind, arg = w.topArg; // the handler may use this queue again
      this.inUse++;
      this.sim.call(kind, arg);
    }
  }

  private account(): void {
    const now = this.sim.now;
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.busyArea += this.inUse * dt;
      // Units still held after a capacity cut count as available until released.
      if (this.cap !== Infinity) this.capacityArea += Math.max(this.cap, this.inUse) * dt;
      this.lastChange = now;
    }
  }
}
