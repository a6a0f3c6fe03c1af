import { distribution, epochDayToIso, isoToEpochDay, stream, type Distribution, type DistributionSpec, type HandlerId } from '../../engine/index.js';
import type { CompiledModel } from '../compile.js';
import { InvariantError } from '../errors.js';
import { regionTech } from '../indices.js';
import type { CapacityInput, ModelInput } from '../input.js';
import { TECHNOLOGY_DECLS } from '../pipelines.js';
import { TECH_CODE, TECH_NAMES } from '../technologies.js';
import type { NationalPool } from '../national-crews.js';
import type { World } from '../world.js';
import type { CrewCapacity } from './crew-capacity.js';

/** One technology's capacity, compiled. */
interface Growth {
  tech: number;
  spec: CapacityInput;
  /** The national total under contract (null: per region, in `perRegion`). */
  national: Distribution | null;
  perRegion: Int32Array | null;
  /** The contract's crews join the national pool and move where the work is (`deploy: national`), instead of each region's own. */
  pooled: boolean;
  from: number;
  /** Per region, its season's work factor for the technology in each month (Jan..Dec); null: all year. */
  monthly: (readonly number[])[] | null;
  tender: Distribution;
  mobilisation: Distribution;
  growth: Distribution;
}

/**
 * Delivery capacity: the crews contractors field are not a number the plan picks but what
 * they have mobilised, growing at a bounded rate from what is under contract. For each
 * technology with a `capacity` entry: the tender runs from `from` (default the start) for
 * its drawn time, then mobilisation for its drawn time; from the first month start after
 * that, on every month start up to `growthPerMonth` crews (drawn once per replication; a
 * fraction carries to the next month, crews nobody could take do not) are added nationally,
 * to the regions still missing crews — contracted minus those at work at the start minus
 * those added so far — in proportion to their jobs waiting for a crew then (work ready: a
 * contractor mobilises where sites are approved and paid), each at most what it misses, the
 * rest (or all, when no job waits anywhere) in proportion to the crews they miss; largest
 * remainders, ties to the lower region. Without `winterMobilisation`, a region whose work
 * for the technology cannot progress that day (season factor 0) gets none that month. One
 * event per month start while some region still misses crews.
 *
 * With `deploy: national` the contract is national in fact, not only in its count: no
 * region has a share of it. Each month's crews (up to the rate, until the contract less the
 * crews at work at the start is reached) join the national pool (NationalPool), which places
 * them where jobs wait for a crew and moves them with its own every `rebalanceEveryDays`,
 * paying `travelDays` — a contract of fewer crews than there are regions reaches every
 * region in turn. Without `winterMobilisation`, no crews are added on a month start when
 * every region with jobs of the technology is frozen.
 *
 * A run from a status (`status`) starts after the programme did, and a status holds no
 * crews: the regions' crews are those at the scenario's own start (status.scenarioStart),
 * the capacity runs from there (unless `from` says otherwise), and the crews this
 * replication's draws mobilise between then and the run's start are at work when it starts
 * (months replayed as above, a region's frozen months from its season; a harsh winter's
 * extra frozen days before the start are not; shared by the jobs the status has waiting
 * for a crew or at work in each region — where the crews went, as far as a status can say —
 * and, without any, by the crews each region misses).
 *
 * @example capacity: { fibre: { contracted: 10, tender: 0, mobilisation: 45, growthPerMonth: 2 } }
 *          // from 1 Jan: 0 crews, then 2 on 1 March, 4 on 1 April ... 10 on 1 July
 */
export class CapacityGrowth {
  private readonly growths: Growth[];
  /** Simulated days of the month starts within the run. */
  private readonly monthStarts: Int32Array;
  /** Per growth k and region r, [k * regions + r]: crews under contract, at work at the start, added so far. */
  private readonly target: Int32Array;
  private readonly initial: Int32Array;
  readonly added: Int32Array;
  /** Per growth: the first day new crews can start, when the first were added, crews a month, the carried fraction. */
  private readonly firstDay: Float64Array;
  private readonly firstAdded: Float64Array;
  private readonly rate: Float64Array;
  private readonly carried: Float64Array;
  /**
   * Per growth k and region r, [k * regions + r]: in a run from a status, the jobs of the
   * technology the status has waiting for a crew or at work there — where the crews
   * mobilised before its date went, as far as the status can say.
   */
  private readonly statusReady: Float64Array;
  /** Scratch for sharing out one month's crews: what each region may still take, and its weight. */
  private readonly missing: Float64Array;
  private readonly weight: Float64Array;
  private readonly share: Int32Array;
  /** One round of shareOut's crews per region. */
  private readonly round: Int32Array;
  private readonly order: Int32Array;
  private readonly month: HandlerId;

  /** The day the regions' crews were counted: the run's start, or (a run from a status) the scenario's own start, before it. */
  private readonly countedOn: number;
  /** Per growth: tender and mobilisation's end as drawn (before the run's start, in a run from a status). */
  private readonly rawFirst: Float64Array;
  /** Per growth: the tender's and the mobilisation's days as drawn (the input summary records each, besides their end). */
  private readonly tenderDays: Float64Array;
  private readonly mobilisationDays: Float64Array;

  /** Per growth: a pooled contract's crews under contract and added so far, nationally. */
  private readonly pooledTarget: Float64Array;
  private readonly pooledAdded: Float64Array;
  /** Crews at work at the start, per technology (TECH_CODE), summed over the regions. */
  private readonly initialTotal: Float64Array;
  /** Per growth k and region r, [k * regions + r]: 1 when the region has jobs of the technology this replication (a pooled contract's only: the frozen-months rule). */
  private readonly hasJobs: Uint8Array;

  constructor(private readonly w: World, private readonly capacity: CrewCapacity, private readonly pool: NationalPool | null) {
    const { m } = w;
    const nR = m.regionIds.length;
    const counted = m.input.status?.scenarioStart;
    this.countedOn = counted !== undefined ? Math.min(0, m.calendar.dayOf(counted)) : 0;
    this.growths = TECH_NAMES.flatMap((t): Growth[] => {
      const spec = m.input.capacity?.[t];
      if (!spec) return [];
      const c = spec.contracted;
      const national = 'dist' in c && typeof c.dist === 'string' ? distribution(c as never) : null;
      const perRegion = national ? null : Int32Array.from(m.regionIds, (id) => (c as Record<string, number>)[id] ?? 0);
      const pooled = spec.deploy === 'national';
      // The scenario's checks say so at the file's field; this is for a ModelInput built by hand.
      if (pooled && (national === null || pool === null)) throw new InvariantError(`capacity.${t}.deploy: national needs a national total under contract and a nationalCrews section`);
      return [{
        tech: TECH_CODE[t], spec, national, perRegion, pooled,
        from: spec.from !== undefined ? m.calendar.dayOf(spec.from) : this.countedOn,
        monthly: seasonMonths(m, t),
        tender: distribution(spec.tender), mobilisation: distribution(spec.mobilisation), growth: distribution(spec.growthPerMonth),
      }];
    });
    this.monthStarts = monthStarts(m);
    const n = this.growths.length;
    this.target = new Int32Array(n * nR);
    this.initial = new Int32Array(n * nR);
    this.added = new Int32Array(n * nR);
    this.statusReady = new Float64Array(n * nR);
    this.firstDay = new Float64Array(n);
    this.firstAdded = new Float64Array(n);
    this.rawFirst = new Float64Array(n);
    this.tenderDays = new Float64Array(n);
    this.mobilisationDays = new Float64Array(n);
    this.rate = new Float64Array(n);
    this.carried = new Float64Array(n);
    this.pooledTarget = new Float64Array(n);
    this.pooledAdded = new Float64Array(n);
    this.initialTotal = new Float64Array(n);
    this.hasJobs = new Uint8Array(n * nR);
    this.missing = new Float64Array(nR);
    this.weight = new Float64Array(nR);
    this.share = new Int32Array(nR);
    this.round = new Int32Array(nR);
    this.order = new Int32Array(nR);
    this.month = w.sim.on((k) => this.onMonth(k), 'crews mobilised');
  }

  get active(): boolean {
    return this.growths.length > 0;
  }

  /** Draws this replication's lead times, rate and contracts; schedules the first month start after mobilisation. */
  start(seed: number, rep: number): void {
    const { m, jobs } = this.w;
    const nR = m.regionIds.length;
    this.added.fill(0);
    this.pooledAdded.fill(0);
    this.hasJobs.fill(0);
    this.carried.fill(0);
    this.firstAdded.fill(Infinity);
    let first = Infinity;
    this.growths.forEach((g, k) => {
      const u = stream(seed, rep, 'capacity', TECH_NAMES[g.tech]);
      const uTender = u(), uMob = u(), uGrowth = u(), uContracted = u();
      this.tenderDays[k] = Math.max(0, g.tender.quantile(uTender));
      this.mobilisationDays[k] = Math.max(0, g.mobilisation.quantile(uMob));
      this.rawFirst[k] = g.from + this.tenderDays[k] + this.mobilisationDays[k];
      this.firstDay[k] = Math.max(0, this.rawFirst[k]);
      this.rate[k] = Math.max(0, g.growth.quantile(uGrowth));
      this.initialTotal[k] = 0;
      for (let r = 0; r < nR; r++) {
        this.initial[k * nR + r] = m.input.regions[r].crews[TECH_NAMES[g.tech] as keyof typeof TECH_CODE] ?? 0;
        this.initialTotal[k] += this.initial[k * nR + r];
      }
      if (g.pooled) {
        // Nothing shared out: the pool places the crews as they come.
        this.pooledTarget[k] = contractTotal(g.national!, uContracted);
        this.target.fill(0, k * nR, (k + 1) * nR);
        for (let j = 0; j < jobs.n; j++) if (jobs.tech[j] === g.tech) this.hasJobs[k * nR + jobs.region[j]] = 1;
      } else if (g.perRegion) this.target.set(g.perRegion, k * nR);
      else {
        // A national total, split by each region's jobs of the technology (largest remainders).
        const total = contractTotal(g.national!, uContracted);
        this.missing.fill(0);
        for (let j = 0; j < jobs.n; j++) if (jobs.tech[j] === g.tech) this.missing[jobs.region[j]]++;
        this.shareOut(total, nR, false);
        this.atLeastOne(nR);
        for (let r = 0; r < nR; r++) this.target[k * nR + r] = this.share[r];
      }
      first = Math.min(first, this.firstDay[k]);
      if (this.countedOn < 0) {
        this.statusReady.fill(0, k * nR, (k + 1) * nR);
        const progress = this.w.progress;
        for (let j = 0; j < jobs.n; j++) {
          const stage = progress[j]?.stage;
          if (jobs.tech[j] === g.tech && (stage === 'crew' || stage === 'work')) this.statusReady[k * nR + jobs.region[j]]++;
        }
        this.replay(k, g, nR);
      }
    });
    const at = this.monthFrom(first);
    if (at < this.monthStarts.length) this.w.sim.at(this.monthStarts[at], this.month, at);
  }

  /**
   * Every region with jobs gets at least one crew of a national contract while the total
   * allows (a contractor in every region): each region left with none takes one from the
   * region with the most (ties: the lower region), so a small region is not left without
   * crews for ever by rounding.
   */
  private atLeastOne(nR: number): void {
    for (let r = 0; r < nR; r++) {
      if (this.missing[r] <= 0 || this.share[r] > 0) continue;
      let from = -1;
      for (let x = 0; x < nR; x++) if (this.share[x] > 1 && (from < 0 || this.share[x] > this.share[from])) from = x;
      if (from < 0) return; // fewer crews than regions with work
      this.share[from]--;
      this.share[r] = 1;
    }
  }

  /**
   * A run from a status: the month starts between the crews' count (the scenario's own start)
   * and the run's start, after mobilisation, each adding its crews as onMonth does (frozen
   * months from the regions' seasons); the crews are at work when the run starts.
   */
  private replay(k: number, g: Growth, nR: number): void {
    const { m } = this.w;
    for (const day of monthStartsBetween(m, Math.max(this.countedOn, this.rawFirst[k]), 0)) {
      const month = Number(epochDayToIso(m.calendar.startEpochDay + day).slice(5, 7)) - 1;
      this.addMonth(k, g, nR, (r) => g.monthly !== null && g.monthly[r][month] === 0, false);
    }
  }

  /** One month start's crews for growth k: up to its rate, shared among the regions missing crews and not frozen. Whether some region still misses crews. */
  private addMonth(k: number, g: Growth, nR: number, frozenIn: (r: number) => boolean, inRun: boolean): boolean {
    this.carried[k] += this.rate[k];
    const available = Math.floor(this.carried[k] + 1e-9);
    this.carried[k] = Math.max(0, this.carried[k] - available); // only a fraction carries over
    if (g.pooled) return this.addPooled(k, g, nR, available, frozenIn, inRun);
    let total = 0, left = 0;
    for (let r = 0; r < nR; r++) {
      const i = k * nR + r;
      const miss = Math.max(0, this.target[i] - this.initial[i] - this.added[i]);
      left += miss;
      this.missing[r] = !g.spec.winterMobilisation && frozenIn(r) ? 0 : miss;
      total += this.missing[r];
    }
    const give = Math.min(available, total);
    if (give > 0) {
      // Where work is ready: a region's jobs waiting for a crew of the technology now. New
      // crews go there first (a contractor mobilises where sites are approved and paid),
      // each region at most its missing crews; with none waiting anywhere, shareOut gives
      // them in proportion to the crews missing. Otherwise a larger contract — whose crews
      // arrive at the same monthly rate — spread them over regions without work ready and
      // connected fewer villages than a smaller one. Replayed before a status's date: the
      // jobs the status has waiting or at work (where the crews went, as far as it can say).
      for (let r = 0; r < nR; r++) {
        this.weight[r] = this.missing[r] <= 0 ? 0 : inRun ? this.w.waitingForCrew(regionTech(r, g.tech)) : this.statusReady[k * nR + r];
      }
      this.shareOut(give, nR, true);
      if (inRun && this.firstAdded[k] === Infinity) this.firstAdded[k] = this.w.sim.now;
      for (let r = 0; r < nR; r++) {
        if (this.share[r] === 0) continue;
        const i = k * nR + r;
        this.added[i] += this.share[r];
        const pool = regionTech(r, g.tech);
        this.capacity.nominal[pool] += this.share[r];
        this.capacity.apply(pool);
      }
    }
    return left - give > 0;
  }

  /** A pooled contract's month start: `available` crews join the national pool, within the contract, unless every region with its jobs is frozen. Whether crews are still missing. */
  private addPooled(k: number, g: Growth, nR: number, available: number, frozenIn: (r: number) => boolean, inRun: boolean): boolean {
    const missing = Math.max(0, this.pooledTarget[k] - this.initialTotal[k] - this.pooledAdded[k]);
    let open = g.spec.winterMobilisation;
    for (let r = 0; r < nR && !open; r++) open = this.hasJobs[k * nR + r] === 1 && !frozenIn(r);
    const give = open ? Math.min(available, missing) : 0;
    if (give > 0) {
      if (inRun && this.firstAdded[k] === Infinity) this.firstAdded[k] = this.w.sim.now;
      this.pooledAdded[k] += give;
      this.pool!.grow(g.tech, give, inRun);
    }
    return missing - give > 0;
  }

  /** Index of the first month start at or after day t (monthStarts.length when none). */
  private monthFrom(t: number): number {
    let i = 0;
    while (i < this.monthStarts.length && this.monthStarts[i] < t) i++;
    return i;
  }

  private onMonth(at: number): void {
    const { m, sim } = this.w;
    const nR = m.regionIds.length;
    let more = false;
    this.growths.forEach((g, k) => {
      if (sim.now < this.firstDay[k]) { more = true; return; }
      if (this.addMonth(k, g, nR, (r) => (this.w.calendarOfPool(regionTech(r, g.tech))?.factorAt(sim.now) ?? 1) === 0, true)) more = true;
    });
    if (more && at + 1 < this.monthStarts.length) sim.at(this.monthStarts[at + 1], this.month, at + 1);
  }

  /**
   * `amount` shared out into `share` by largest remainders (ties to the lower region): in
   * proportion to `weight`, or (`cap`) to `weight` with each region at most its `missing`,
   * what the capped regions cannot take going round again to the others by their weights
   * (and, when none of those is left, to any region still missing crews).
   */
  private shareOut(amount: number, nR: number, cap: boolean): void {
    this.share.fill(0);
    if (!cap) this.weight.set(this.missing);
    let left = amount;
    while (left > 0) {
      let weight = 0;
      for (let r = 0; r < nR; r++) if (!cap || this.share[r] < this.missing[r]) weight += this.weight[r];
      if (weight <= 0) {
        if (!cap) return;
        // No weight left among the regions that can still take crews: by what they miss.
        let anyMissing = false;
        for (let r = 0; r < nR; r++) { this.weight[r] = Math.max(0, this.missing[r] - this.share[r]); anyMissing ||= this.weight[r] > 0; }
        if (!anyMissing) return;
        continue;
      }
      const given = this.shareRound(left, nR, weight, cap);
      if (given === 0) return;
      left -= given;
    }
  }

  /** One round of shareOut: `amount` by weight among the regions that can take more; returns the crews given. */
  private shareRound(amount: number, nR: number, weight: number, cap: boolean): number {
    const open = (r: number) => !cap || this.share[r] < this.missing[r];
    const room = (r: number) => (cap ? this.missing[r] - this.share[r] : Infinity);
    const quota = (r: number) => (open(r) ? (amount * this.weight[r]) / weight : 0);
    let given = 0;
    const whole = this.round;
    for (let r = 0; r < nR; r++) {
      whole[r] = Math.min(room(r), Math.floor(quota(r)));
      given += whole[r];
      this.order[r] = r;
    }
    // Regions by remainder, largest first (insertion sort: a few dozen regions, no allocation).
    const rem = (r: number) => quota(r) - Math.floor(quota(r));
    for (let a = 1; a < nR; a++) {
      const r = this.order[a];
      let b = a - 1;
      while (b >= 0 && rem(this.order[b]) < rem(r)) { this.order[b + 1] = this.order[b]; b--; }
      this.order[b + 1] = r;
    }
    for (let x = 0; given < amount && x < nR; x++) {
      const r = this.order[x];
      if (open(r) && whole[r] < room(r) && this.weight[r] > 0) { whole[r]++; given++; }
    }
    for (let r = 0; r < nR; r++) this.share[r] += whole[r];
    return given;
  }

  /**
   * This replication's draws in one number each, from `at` (see capacityKeys): per
   * technology, the day the first new crews could start, then — each where drawn from a
   * distribution — the tender's and the mobilisation's days, the crews a month and a
   * national contract's crews under contract.
   */
  summarise(out: Float64Array, at: number): void {
    const nR = this.w.m.regionIds.length;
    let k = at;
    this.growths.forEach((g, i) => {
      out[k++] = this.firstDay[i];
      if (drawn(g.spec.tender)) out[k++] = this.tenderDays[i];
      if (drawn(g.spec.mobilisation)) out[k++] = this.mobilisationDays[i];
      if (drawn(g.spec.growthPerMonth)) out[k++] = this.rate[i];
      if (!drawnContract(g.spec)) return;
      if (g.pooled) out[k++] = this.pooledTarget[i];
      else {
        let total = 0;
        for (let r = 0; r < nR; r++) total += this.target[i * nR + r];
        out[k++] = total;
      }
    });
  }

  /** --check at the horizon: no region has more crews added than it missed, none before mobilisation. */
  check(): void {
    const nR = this.w.m.regionIds.length;
    this.growths.forEach((g, k) => {
      if (g.pooled && this.pooledAdded[k] > Math.max(0, this.pooledTarget[k] - this.initialTotal[k])) {
        throw new InvariantError(`${this.pooledAdded[k]} ${TECH_NAMES[g.tech]} crews added to the national pool, more than the ${this.pooledTarget[k] - this.initialTotal[k]} missing from the contract`);
      }
      for (let r = 0; r < nR; r++) {
        const i = k * nR + r;
        if (this.added[i] > Math.max(0, this.target[i] - this.initial[i])) {
          throw new InvariantError(`${this.w.m.regionIds[r]}: ${this.added[i]} ${TECH_NAMES[g.tech]} crews added, more than the ${this.target[i] - this.initial[i]} missing from its contract`);
        }
      }
      if (this.firstAdded[k] < this.firstDay[k]) throw new InvariantError(`${TECH_NAMES[g.tech]} crews added on day ${this.firstAdded[k]}, before mobilisation ends on day ${this.firstDay[k]}`);
    });
  }
}

/** This replication's national total under contract: the draw rounded to whole crews (at most a billion: the counts are 32-bit integers; no contract is near that). */
function contractTotal(national: Distribution, u: number): number {
  return Math.min(1e9, Math.max(0, Math.round(national.quantile(u))));
}

/** Simulated days of the first of each month in [from, to) (negative: before the run's start). */
function monthStartsBetween(m: CompiledModel, from: number, to: number): number[] {
  const days: number[] = [];
  const first = epochDayToIso(m.calendar.startEpochDay + Math.ceil(from));
  let [y, mo] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  if (!first.endsWith('-01')) [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  for (;;) {
    const day = isoToEpochDay(`${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-01`) - m.calendar.startEpochDay;
    if (day >= to) return days;
    days.push(day);
    [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  }
}

/** Per region, the season's monthly work factors for a technology's work (null: it works all year). */
function seasonMonths(m: CompiledModel, t: (typeof TECH_NAMES)[number]): (readonly number[])[] | null {
  const kind = TECHNOLOGY_DECLS[t].work.calendar(m.input);
  if (kind === null) return null;
  return m.input.regions.map((r) => {
    const season = m.input.seasons[r.season];
    return kind === 'mast' ? (season.mast ?? season.buried) : season[kind];
  });
}

/** Simulated days of the first of each month within the run (day 0 when the run starts on a first). */
function monthStarts(m: CompiledModel): Int32Array {
  return Int32Array.from(monthStartsBetween(m, 0, m.horizonDays));
}

/**
 * Names of CapacityGrowth.summarise's numbers for a scenario: [scenario path, label].
 *
 * @example capacityKeys(input)   // [['capacity.fibre.firstCrews', 'Fibre capacity: days to the first new crews (tender + mobilisation)'], ...]
 */
export function capacityKeys(input: ModelInput): [string, string][] {
  const keys: [string, string][] = [];
  for (const t of TECH_NAMES) {
    const c = input.capacity?.[t];
    if (!c) continue;
    const name = `${t[0].toUpperCase()}${t.slice(1)} capacity`;
    keys.push([`capacity.${t}.firstCrews`, `${name}: days to the first new crews (tender + mobilisation)`]);
    // Each lead time on its own too, so that what the observations say of each can be read (sensitivity --observed) and named (discovery).
    if (drawn(c.tender)) keys.push([`capacity.${t}.tender`, `${name}: tender (days)`]);
    if (drawn(c.mobilisation)) keys.push([`capacity.${t}.mobilisation`, `${name}: mobilisation (days)`]);
    if (drawn(c.growthPerMonth)) keys.push([`capacity.${t}.growthPerMonth`, `${name}: crews added a month at most`]);
    if (drawnContract(c)) keys.push([`capacity.${t}.contracted`, `${name}: crews under contract`]);
  }
  return keys;
}

/** A capacity input drawn from a distribution (a fixed one is the same in every future: nothing to record). */
function drawn(spec: DistributionSpec): boolean {
  return spec.dist !== 'fixed';
}

/** A national total under contract drawn from a distribution (not whole numbers per region, nor a fixed total). */
function drawnContract(c: CapacityInput): boolean {
  return 'dist' in c.contracted && typeof c.contracted.dist === 'string' && drawn(c.contracted as DistributionSpec);
}
