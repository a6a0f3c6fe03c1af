import { hashUniform, stream, type HandlerId } from '../engine/index.js';
import { InvariantError } from './errors.js';
import { regionTech, techOf, type RegionTech } from './indices.js';
import type { CrewCapacity } from './outside/crew-capacity.js';
import { TECH_NAMES } from './technologies.js';
import type { World } from './world.js';

/**
 * The hash counter of a crew's travel time to region r for technology t: (r, t)'s position
 * among regions × the three technologies there were when national crews came in, and for
 * technologies added since, positions after all of those — so adding a technology moves no
 * existing draw.
 */
function travelCounter(r: number, t: number, nRegions: number): number {
  const LEGACY_TECHS = 3;
  return t < LEGACY_TECHS ? r * LEGACY_TECHS + t : nRegions * LEGACY_TECHS + (t - LEGACY_TECHS) * nRegions + r;
}

/** Round numbers of the placements of crews added by the delivery capacity (their travel draws), apart from the periodic rounds'. */
const GROWTH_ROUND = 1_000_000;

/**
 * NationalPool — crews held nationally and sent where the backlog is. At the start the
 * pool's crews of each technology are shared out across regions in proportion to the jobs
 * each region has to do; then every `rebalanceEveryDays` in proportion to the jobs waiting
 * for a crew there — or, with `shareBy: waitingDays`, to the days they have waited so far,
 * summed, so that an old backlog gains weight until it draws a crew (largest remainders;
 * nobody waiting = nobody moves). A crew is in one
 * place at a time: one recalled from a region stops counting there at once and takes no
 * new job there, but a crew at work finishes its job in hand first (a resource never
 * pre-empts) and only then sets off; a crew arriving counts only after its travel time,
 * from when it set off. A crew recalled while still on its way there turns back before it
 * arrives (the latest sent first), free at once: it never counted there, so nothing is
 * taken from the crews that did arrive; one not yet on its way is simply not sent; one
 * still at work where it was recalled from, when a later rebalance wants crews there again,
 * stays.
 *
 * The pool also takes the crews a national contract mobilises (`capacity.<tech>.deploy:
 * national`, CapacityGrowth): each month's new crews join it and are placed at once by the
 * same rule (jobs waiting for a crew; nobody waiting: they wait unplaced for the next
 * rebalance), and move with the others after that.
 *
 * @example nationalCrews: { crews: { fibre: 6 }, travelDays: 10, rebalanceEveryDays: 60 }
 *          // 6 crews shared by the regions' jobs at the start, then every 60 days by the
 *          // jobs waiting for a crew, 10 days on the road for each crew that moves
 */
export class NationalPool {
  /** National crews assigned per pool (by regionTech), including crews in transit. */
  private readonly assigned: Int32Array;
  /** Jobs per pool, for the first deployment (before any queue forms). */
  private readonly initialWork: Float64Array;
  /** What each rebalance sends to a pool: the crews still owed (not yet on their way: none free yet) and the travel time drawn for them. */
  private readonly sendings: { i: RegionTech; t: number; owed: number; travel: number }[] = [];
  /** Crews on their way, per departure: where, how many still coming (recalls on the way lower it), and whether they have arrived. */
  private readonly arrivals: { i: RegionTech; count: number; arrived: boolean }[] = [];
  /** Crews of the pool in no region and on no road, per technology: what a sending can take. */
  private readonly free = new Float64Array(TECH_NAMES.length);
  /** Per pool (regionTech): crews recalled from it while at work there, leaving as they finish their jobs (crewLeft). */
  private readonly leaving: Float64Array;
  /** Crews the delivery capacity added to the pool this replication, per technology (TECH_CODE). */
  private readonly grown = new Float64Array(TECH_NAMES.length);
  private base = 0;
  private rounds = 0;
  private growthRounds = 0;
  private readonly arrive: HandlerId;
  private readonly rebalanceNow: HandlerId;
  /** Backlogs by the days jobs have waited (shareBy: 'waitingDays'), not by how many wait. */
  private readonly byDays: boolean;

  constructor(private readonly w: World, private readonly capacity: CrewCapacity) {
    this.assigned = new Int32Array(w.crews.length);
    this.initialWork = new Float64Array(w.crews.length);
    this.leaving = new Float64Array(w.crews.length);
    const every = Math.max(1, w.m.input.nationalCrews!.rebalanceEveryDays);
    this.byDays = w.m.input.nationalCrews!.shareBy === 'waitingDays';
    this.arrive = w.sim.on((k) => {
      const a = this.arrivals[k];
      a.arrived = true;
      if (a.count === 0) return; // all recalled on the way
      capacity.national[a.i] += a.count;
      capacity.apply(a.i);
    }, 'national crews arrive');
    this.rebalanceNow = w.sim.on(() => {
      this.rebalance();
      if (w.sim.now + every < w.m.horizonDays) w.sim.schedule(every, this.rebalanceNow, 0);
    }, 'national crews rebalance');
  }

  /** Starts a replication: nothing assigned yet, a first deployment now. */
  start(seed: number, rep: number): void {
    const { jobs } = this.w;
    this.assigned.fill(0);
    this.initialWork.fill(0);
    for (let j = 0; j < jobs.n; j++) this.initialWork[jobs.crewPool[j]]++;
    this.arrivals.length = 0;
    this.sendings.length = 0;
    this.leaving.fill(0);
    for (let t = 0; t < TECH_NAMES.length; t++) this.free[t] = this.w.m.input.nationalCrews!.crews[TECH_NAMES[t]] ?? 0;
    this.grown.fill(0);
    this.rounds = 0;
    this.growthRounds = 0;
    this.base = stream(seed, rep, 'national-crews')();
    this.w.sim.schedule(0, this.rebalanceNow, 0);
  }

  /**
   * Takes `count` national crews from pool i: those owed and not yet sent first, then those
   * on their way (the latest sent), free at once, then those there: the idle ones free at
   * once, the ones at work when they finish their jobs (crewLeft).
   */
  private recall(i: RegionTech, count: number): void {
    const t = techOf(i);
    for (let k = this.sendings.length - 1; k >= 0 && count > 0; k--) {
      const s = this.sendings[k];
      if (s.i !== i || s.owed === 0) continue;
      const back = Math.min(s.owed, count);
      s.owed -= back; // never left: still free
      count -= back;
    }
    for (let k = this.arrivals.length - 1; k >= 0 && count > 0; k--) {
      const a = this.arrivals[k];
      if (a.i !== i || a.arrived || a.count === 0) continue;
      const back = Math.min(a.count, count);
      a.count -= back;
      count -= back;
      this.free[t] += back;
    }
    if (count > 0) {
      const idle = Math.min(count, this.capacity.idle(i));
      this.capacity.national[i] -= count;
      this.capacity.apply(i);
      this.free[t] += idle;
      this.leaving[i] += count - idle;
    }
  }

  /** A crew of pool i held beyond its crews has finished its job: if one recalled from there, it sets off now. */
  crewLeft(i: RegionTech): void {
    if (this.leaving[i] <= 0) return;
    this.leaving[i]--;
    this.free[techOf(i)]++;
    this.dispatch(techOf(i));
  }

  /** Free crews of technology t set off for the crews owed, in the order they were sent for. */
  private dispatch(t: number): void {
    for (let k = 0; k < this.sendings.length && this.free[t] > 0; k++) {
      const s = this.sendings[k];
      if (s.t !== t || s.owed === 0) continue;
      const go = Math.min(s.owed, this.free[t]);
      s.owed -= go;
      this.free[t] -= go;
      this.arrivals.push({ i: s.i, count: go, arrived: false });
      this.w.sim.schedule(s.travel, this.arrive, this.arrivals.length - 1);
    }
  }

  /** --check, at every rebalance and at the horizon: no crew counted twice (free, leaving and placed add up to the pool's crews; no more owed than free or leaving). */
  check(): void {
    for (let t = 0; t < TECH_NAMES.length; t++) {
      let owed = 0, leaving = 0, placed = 0, assigned = 0;
      for (const s of this.sendings) if (s.t === t) owed += s.owed;
      for (let i = 0; i < this.leaving.length; i++) {
        if (techOf(i as RegionTech) !== t) continue;
        leaving += this.leaving[i];
        placed += this.capacity.national[i];
        assigned += this.assigned[i];
      }
      for (const a of this.arrivals) if (!a.arrived && techOf(a.i) === t) placed += a.count;
      const size = this.size(t);
      if (this.free[t] < 0 || leaving < 0 || this.free[t] + leaving + placed !== size) {
        throw new InvariantError(`${TECH_NAMES[t]} national crews: ${this.free[t]} free, ${leaving} leaving, ${placed} placed or on their way, not the pool's ${size}`);
      }
      if (owed > this.free[t] + leaving || assigned > size) throw new InvariantError(`${TECH_NAMES[t]} national crews: ${owed} owed, more than the ${this.free[t] + leaving} free or leaving`);
    }
  }

  /**
   * `count` more crews of technology t in the pool (a national contract's new crews): placed
   * now by the jobs waiting for a crew when `place`, else by the next rebalance (a run from
   * a status: crews mobilised before its date are placed with the others at the start).
   */
  grow(t: number, count: number, place: boolean): void {
    this.grown[t] += count;
    this.free[t] += count;
    if (place) this.rebalanceTech(t, GROWTH_ROUND + this.growthRounds++);
  }

  /** Crews of technology t in the pool: the scenario's and those a contract added. */
  private size(t: number): number {
    return (this.w.m.input.nationalCrews!.crews[TECH_NAMES[t]] ?? 0) + this.grown[t];
  }

  private rebalance(): void {
    const round = this.rounds++;
    for (let t = 0; t < TECH_NAMES.length; t++) this.rebalanceTech(t, round);
  }

  /** Technology t's crews shared out again (round 0: by the jobs each region has; otherwise by those waiting for a crew). */
  private rebalanceTech(t: number, round: number): void {
    const { m } = this.w;
    const nR = m.regionIds.length;
    const size = this.size(t);
    if (size <= 0) return;
    const backlog = new Float64Array(nR);
    let total = 0;
    for (let r = 0; r < nR; r++) {
      backlog[r] = round === 0 ? this.initialWork[regionTech(r, t)] : this.byDays ? this.w.waitingDaysForCrew(regionTech(r, t)) : this.w.waitingForCrew(regionTech(r, t));
      total += backlog[r];
    }
    if (total === 0) return; // nothing waiting: crews stay where they are (new ones unplaced)
    // Largest remainders, ties to the lower region index.
    const target = new Int32Array(nR);
    const rem: [number, number][] = [];
    let given = 0;
    for (let r = 0; r < nR; r++) {
      const exact = (size * backlog[r]) / total;
      target[r] = Math.floor(exact);
      given += target[r];
      rem.push([exact - target[r], r]);
    }
    rem.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let k = 0; given < size; k++, given++) target[rem[k][1]]++;
    for (let r = 0; r < nR; r++) {
      const i = regionTech(r, t);
      let diff = target[r] - this.assigned[i];
      if (diff > 0 && this.leaving[i] > 0) {
        // Crews recalled from here and still at work here stay: no other one need travel.
        const stay = Math.min(diff, this.leaving[i]);
        this.leaving[i] -= stay;
        this.capacity.national[i] += stay;
        this.capacity.apply(i);
        diff -= stay;
      }
      if (diff < 0) this.recall(i, -diff);
      else if (diff > 0) {
        const travel = Math.max(0, m.dist.nationalTravel!.quantile(hashUniform(this.base, round, travelCounter(r, t, nR))));
        this.sendings.push({ i, t, owed: diff, travel });
      }
      this.assigned[i] = target[r];
    }
    // Recalls first, then sendings: a crew freed by this round goes where this round sends it.
    this.dispatch(t);
    if (this.w.checking) this.check();
  }
}
