import { hashUniform, stream, type HandlerId } from '../engine/index.js';
import { regionTech, type RegionTech } from './indices.js';
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
 * for a crew there (largest remainders; nobody waiting = nobody moves); a
 * crew leaving a region is withdrawn at once (it finishes the job in hand, as a resource
 * never pre-empts), and a crew arriving counts only after its travel time. A crew recalled
 * while still on its way there turns back before it arrives (the latest sent first): it
 * never counted there, so nothing is taken from the crews that did arrive.
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
  /** Crews sent, per sending: where, how many still coming (recalls on the way lower it), and whether they have arrived. */
  private readonly arrivals: { i: RegionTech; count: number; arrived: boolean }[] = [];
  /** Crews the delivery capacity added to the pool this replication, per technology (TECH_CODE). */
  private readonly grown = new Float64Array(TECH_NAMES.length);
  private base = 0;
  private rounds = 0;
  private growthRounds = 0;
  private readonly arrive: HandlerId;
  private readonly rebalanceNow: HandlerId;

  constructor(private readonly w: World, private readonly capacity: CrewCapacity) {
    this.assigned = new Int32Array(w.crews.length);
    this.initialWork = new Float64Array(w.crews.length);
    const every = Math.max(1, w.m.input.nationalCrews!.rebalanceEveryDays);
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
    this.grown.fill(0);
    this.rounds = 0;
    this.growthRounds = 0;
    this.base = stream(seed, rep, 'national-crews')();
    this.w.sim.schedule(0, this.rebalanceNow, 0);
  }

  /** Takes `count` national crews from pool i: those still on their way first (the latest sent), then those there. */
  private recall(i: RegionTech, count: number): void {
    for (let k = this.arrivals.length - 1; k >= 0 && count > 0; k--) {
      const a = this.arrivals[k];
      if (a.i !== i || a.arrived || a.count === 0) continue;
      const back = Math.min(a.count, count);
      a.count -= back;
      count -= back;
    }
    if (count > 0) {
      this.capacity.national[i] -= count;
      this.capacity.apply(i);
    }
  }

  /**
   * `count` more crews of technology t in the pool (a national contract's new crews): placed
   * now by the jobs waiting for a crew when `place`, else by the next rebalance (a run from
   * a status: crews mobilised before its date are placed with the others at the start).
   */
  grow(t: number, count: number, place: boolean): void {
    this.grown[t] += count;
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
      backlog[r] = round === 0 ? this.initialWork[regionTech(r, t)] : this.w.waitingForCrew(regionTech(r, t));
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
      const diff = target[r] - this.assigned[i];
      if (diff < 0) this.recall(i, -diff);
      else if (diff > 0) {
        const travel = Math.max(0, m.dist.nationalTravel!.quantile(hashUniform(this.base, round, travelCounter(r, t, nR))));
        this.arrivals.push({ i, count: diff, arrived: false });
        this.w.sim.schedule(travel, this.arrive, this.arrivals.length - 1);
      }
      this.assigned[i] = target[r];
    }
  }
}
