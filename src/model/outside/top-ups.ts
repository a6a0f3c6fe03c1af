import { hashUniform, stream, type HandlerId } from '../../engine/index.js';
import type { World } from '../world.js';

/**
 * Top-ups: when a programme's money runs out with work waiting, the government may add
 * money rather than let villages wait for ever. Whether it will (this replication's
 * policy) is drawn once per replication and programme, from a stream keyed by the
 * programme's id; if it will, each time the money is short (`when: shortfall`, or only
 * once no later appropriation is due: `when: overrun`) a top-up of `amount` arrives after
 * a drawn delay, one at a time, at most `times` times. The money goes into the programme's
 * purse: with carry-over off it lapses on 31 December like the rest.
 *
 * @example programmes: [{ id: 'kt', topUp: { probability: 1, share: 0.2, delay: 90, when: 'overrun' } }]
 *          // the first time kt's last year's money cannot pay the next job, 20 % of kt's total arrives 90 days later
 */
export class TopUps {
  /** This replication's policy per programme: 1 = it will be topped up. */
  readonly willing: Uint8Array;
  /** Top-ups called for so far (arrived or on the way). */
  readonly called: Int32Array;
  /** 1 while a top-up is on its way. */
  private readonly pending: Uint8Array;
  /** Per programme, the uniform its delays are drawn from (counter: the top-up's number). */
  private readonly base: Float64Array;
  private readonly arrive: HandlerId;

  constructor(private readonly w: World) {
    const n = w.m.financing.programmes.length;
    this.willing = new Uint8Array(n);
    this.called = new Int32Array(n);
    this.pending = new Uint8Array(n);
    this.base = new Float64Array(n);
    this.arrive = w.sim.on((k) => {
      const amount = w.m.financing.programmes[k].topUp!.amount;
      this.pending[k] = 0;
      w.books.topUps[k] += amount;
      w.books.moneyIn[k] += amount;
      w.budgets[k]!.put(amount);
      this.short(k);
    }, 'top-up arrives');
  }

  /**
   * Draws this replication's policy for every programme with a top-up. In a run from a
   * status, `beyond[k]` is what programme k had committed before the start beyond all the
   * money it had (BudgetYears.start): it can only have come as top-ups. So k was topped up
   * (whatever the draw), as many times as it takes to cover that (at most `times`), and
   * what those top-ups left is its money at the start; the later ones count on from there.
   */
  start(seed: number, rep: number, beyond?: Float64Array): void {
    const w = this.w;
    this.called.fill(0);
    this.pending.fill(0);
    this.willing.fill(0);
    w.m.financing.programmes.forEach((p, k) => {
      if (!p.topUp) return;
      const u = stream(seed, rep, 'top-up', p.id);
      this.willing[k] = u() < p.topUp.probability ? 1 : 0;
      this.base[k] = u();
      const short = beyond?.[k] ?? 0;
      if (!(short > 0) || !(p.topUp.amount > 0) || p.topUp.times < 1) return;
      const received = Math.min(p.topUp.times, Math.ceil(short / p.topUp.amount - 1e-9));
      this.willing[k] = 1;
      this.called[k] = received;
      const left = Math.max(0, received * p.topUp.amount - short);
      w.budgets[k]!.put(left);
      w.books.moneyIn[k] += left;
    });
  }

  /** Programme k may be short of money: calls for a top-up if work waits and the policy allows one now. */
  short(k: number): void {
    const w = this.w;
    const t = w.m.financing.programmes[k].topUp;
    // A top-up of nothing would be called again at once, for ever (the file checks refuse one; a library input may not be checked).
    if (t === null || !(t.amount > 0) || this.willing[k] === 0 || this.pending[k] === 1 || this.called[k] >= t.times) return;
    if (w.budgets[k]!.queueLength === 0) return;
    if (t.overrunOnly && w.books.yearOf(w.sim.now) < w.m.financing.programmes[k].lastYear) return;
    const n = this.called[k]++;
    this.pending[k] = 1;
    w.sim.schedule(Math.max(0, t.delay.quantile(hashUniform(this.base[k], n, 0))), this.arrive, k);
  }
}
