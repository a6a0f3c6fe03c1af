import { EventQueue } from './event-queue.js';
import { GRANTED, type RequestId } from './resource.js';
import type { HandlerId, Simulation } from './simulation.js';

/**
 * Container — a level (money, cable drums) drawn down by requests and refilled by puts.
 *
 * A request for `amount` is served when the level covers it. Requests are served strictly
 * in priority order (lower value first, then first come first served): if the head of the
 * line cannot be paid, later requests wait behind it, as a programme that funds its plan
 * in order would; one that arrives with a higher priority than every waiting request is
 * the new head, and is paid at once if the level covers it. The level never goes negative. A waiting request can be withdrawn with
 * cancel().
 *
 * Like Resource, payment is synchronous and re-entrant: the handler of a paid request runs
 * at once inside the get(), put() or setLevel() call, and may itself get or put; the
 * payment loop re-reads the level and the queue after every handler.
 *
 * With a `priceLevel` (a function of nothing, read when a request is paid), requests are in
 * constant prices: a request for `amount` takes amount × priceLevel() from the level, so
 * one that waits costs what it costs on the day it is paid (inflation).
 *
 * @example
 *   const budget = new Container(sim, 100, 'fibre budget');
 *   budget.get(80, start, 0);   // served now, level 20
 *   budget.get(50, start, 1);   // waits
 *   budget.put(100);            // serves job 1, level 70
 */
export class Container {
  private readonly waiting = new EventQueue(64);
  /** Total amount handed out so far. */
  drawn = 0;
  /** Price level now, by which request amounts are multiplied when paid (null: amounts are paid as asked). */
  priceLevel: (() => number) | null = null;

  constructor(
    private readonly sim: Simulation,
    private lvl: number,
    readonly name = 'container',
  ) {
    if (!(lvl >= 0)) throw new RangeError(`${name}: initial level must be >= 0, got ${lvl}`);
  }

  get level(): number {
    return this.lvl;
  }

  get queueLength(): number {
    return this.waiting.size;
  }

  /**
   * Asks for `amount`; handler `kind` runs with `arg` when it is paid. Returns GRANTED if
   * paid at once, else the id of the waiting request.
   */
  get(amount: number, kind: HandlerId, arg: number, priority = 0): RequestId {
    if (!(amount >= 0)) throw new RangeError(`${this.name}: cannot get ${amount}`);
    const cost = this.priceLevel === null ? amount : amount * this.priceLevel();
    // Paid now when it goes to the head of the line — nobody waiting, or before everyone
    // waiting by priority (a head that cannot be paid blocks only those behind it) — and the level covers it.
    if ((this.waiting.size === 0 || priority < this.waiting.peekKey()) && cost <= this.lvl) {
      this.lvl -= cost;
      this.drawn += cost;
      this.sim.call(kind, arg);
      return GRANTED;
    }
    return this.waiting.push(priority, kind, arg, amount) as RequestId;
  }

  /** Back to `level`, nothing drawn, nobody waiting (a new replication). */
  reset(level: number): void {
    if (!(level >= 0)) throw new RangeError(`${this.name}: level must be >= 0, got ${level}`);
    this.waiting.clear();
    this.lvl = level;
    this.drawn = 0;
  }

  /** Withdraws a waiting request (the requests behind it may then be paid); false if already paid or withdrawn. */
  cancel(request: RequestId): boolean {
    if (request === GRANTED || !this.waiting.cancel(request)) return false;
    this.dispatch();
    return true;
  }

  /** Adds `amount` and pays waiting requests in order while the level covers them. */
  put(amount: number): void {
    if (!(amount >= 0)) throw new RangeError(`${this.name}: cannot put ${amount}`);
    this.lvl += amount;
    this.dispatch();
  }

  /** Sets the level (e.g. unspent money lapsing at the end of a budget year). */
  setLevel(level: number): void {
    if (!(level >= 0)) throw new RangeError(`${this.name}: level must be >= 0, got ${level}`);
    this.lvl = level;
    this.dispatch();
  }

  private dispatch(): void {
    const w = this.waiting;
    const price = this.priceLevel === null ? 1 : this.priceLevel(); // no time passes in the loop
    while (w.size > 0 && w.peekVal() * price <= this.lvl) {
      w.pop();
      const kind = w.topKind, arg = w.topArg, amount = w.topVal * price; // the handler may use this queue again
      this.lvl -= amount;
      this.drawn += amount;
      this.sim.call(kind as HandlerId, arg);
    }
  }
}
