import { distribution, stream, type Distribution, type HandlerId } from '../../engine/index.js';
import type { CompiledModel } from '../compile.js';
import { InvariantError } from '../errors.js';
import { regionTech } from '../indices.js';
import type { CapacityInput, ModelInput } from '../input.js';
import { TECH_CODE, TECH_NAMES } from '../technologies.js';
import type { World } from '../world.js';
import type { CrewCapacity } from './crew-capacity.js';

/** One technology's capacity, compiled. */
interface Growth {
  tech: number;
  spec: CapacityInput;
  /** The national total under contract (null: per region, in `perRegion`). */
  national: Distribution | null;
  perRegion: Int32Array | null;
  from: number;
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
 * shared among the regions in proportion to their missing crews — contracted minus those
 * at work at the start minus those added so far — by largest remainders (ties to the lower
 * region). Without `winterMobilisation`, a region whose work for the technology cannot
 * progress that day (season factor 0) gets none that month. One event per month start
 * while some region still misses crews.
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
  /** Scratch for sharing out one month's crews. */
  private readonly missing: Float64Array;
  private readonly share: Int32Array;
  private readonly order: Int32Array;
  private readonly month: HandlerId;

  constructor(private readonly w: World, private readonly capacity: CrewCapacity) {
    const { m } = w;
    const nR = m.regionIds.length;
    this.growths = TECH_NAMES.flatMap((t): Growth[] => {
      const spec = m.input.capacity?.[t];
      if (!spec) return [];
      const c = spec.contracted;
      const national = 'dist' in c && typeof c.dist === 'string' ? distribution(c as never) : null;
      const perRegion = national ? null : Int32Array.from(m.regionIds, (id) => (c as Record<string, number>)[id] ?? 0);
      return [{
        tech: TECH_CODE[t], spec, national, perRegion,
        from: spec.from !== undefined ? m.calendar.dayOf(spec.from) : 0,
        tender: distribution(spec.tender), mobilisation: distribution(spec.mobilisation), growth: distribution(spec.growthPerMonth),
      }];
    });
    this.monthStarts = monthStarts(m);
    const n = this.growths.length;
    this.target = new Int32Array(n * nR);
    this.initial = new Int32Array(n * nR);
    this.added = new Int32Array(n * nR);
    this.firstDay = new Float64Array(n);
    this.firstAdded = new Float64Array(n);
    this.rate = new Float64Array(n);
    this.carried = new Float64Array(n);
    this.missing = new Float64Array(nR);
    this.share = new Int32Array(nR);
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
    this.carried.fill(0);
    this.firstAdded.fill(Infinity);
    let first = Infinity;
    this.growths.forEach((g, k) => {
      const u = stream(seed, rep, 'capacity', TECH_NAMES[g.tech]);
      const uTender = u(), uMob = u(), uGrowth = u(), uContracted = u();
      this.firstDay[k] = Math.max(0, g.from + Math.max(0, g.tender.quantile(uTender)) + Math.max(0, g.mobilisation.quantile(uMob)));
      this.rate[k] = Math.max(0, g.growth.quantile(uGrowth));
      for (let r = 0; r < nR; r++) this.initial[k * nR + r] = m.input.regions[r].crews[TECH_NAMES[g.tech] as keyof typeof TECH_CODE] ?? 0;
      if (g.perRegion) this.target.set(g.perRegion, k * nR);
      else {
        // A national total, split by each region's jobs of the technology (largest remainders).
        // (At most a billion crews: the counts are 32-bit integers; no contract is near that.)
        const total = Math.min(1e9, Math.max(0, Math.round(g.national!.quantile(uContracted))));
        this.missing.fill(0);
        for (let j = 0; j < jobs.n; j++) if (jobs.tech[j] === g.tech) this.missing[jobs.region[j]]++;
        this.shareOut(total, nR, false);
        for (let r = 0; r < nR; r++) this.target[k * nR + r] = this.share[r];
      }
      first = Math.min(first, this.firstDay[k]);
    });
    const at = this.monthFrom(first);
    if (at < this.monthStarts.length) this.w.sim.at(this.monthStarts[at], this.month, at);
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
      this.carried[k] += this.rate[k];
      const available = Math.floor(this.carried[k] + 1e-9);
      this.carried[k] = Math.max(0, this.carried[k] - available); // only a fraction carries over
      let total = 0, left = 0;
      for (let r = 0; r < nR; r++) {
        const i = k * nR + r;
        const miss = Math.max(0, this.target[i] - this.initial[i] - this.added[i]);
        left += miss;
        const frozen = !g.spec.winterMobilisation && (this.w.calendarOfPool(regionTech(r, g.tech))?.factorAt(sim.now) ?? 1) === 0;
        this.missing[r] = frozen ? 0 : miss;
        total += this.missing[r];
      }
      const give = Math.min(available, total);
      if (give > 0) {
        this.shareOut(give, nR, true);
        if (this.firstAdded[k] === Infinity) this.firstAdded[k] = sim.now;
        for (let r = 0; r < nR; r++) {
          if (this.share[r] === 0) continue;
          const i = k * nR + r;
          this.added[i] += this.share[r];
          const pool = regionTech(r, g.tech);
          this.capacity.nominal[pool] += this.share[r];
          this.capacity.apply(pool);
        }
      }
      if (left - give > 0) more = true;
    });
    if (more && at + 1 < this.monthStarts.length) sim.at(this.monthStarts[at + 1], this.month, at + 1);
  }

  /**
   * `amount` shared out in proportion to `missing` (with `cap`, at most each one's
   * missing), largest remainders, ties to the lower region, into `share`.
   */
  private shareOut(amount: number, nR: number, cap: boolean): void {
    let weight = 0;
    for (let r = 0; r < nR; r++) weight += this.missing[r];
    this.share.fill(0);
    if (weight <= 0 || amount <= 0) return;
    let given = 0;
    for (let r = 0; r < nR; r++) {
      this.share[r] = Math.floor((amount * this.missing[r]) / weight);
      given += this.share[r];
      this.order[r] = r;
    }
    // Regions by remainder, largest first (insertion sort: a few dozen regions, no allocation).
    const rem = (r: number) => (amount * this.missing[r]) / weight - this.share[r];
    for (let a = 1; a < nR; a++) {
      const r = this.order[a];
      let b = a - 1;
      while (b >= 0 && rem(this.order[b]) < rem(r)) { this.order[b + 1] = this.order[b]; b--; }
      this.order[b + 1] = r;
    }
    for (let x = 0; given < amount && x < nR; x++) {
      const r = this.order[x];
      if (!cap || this.share[r] < this.missing[r]) { this.share[r]++; given++; }
    }
  }

  /**
   * This replication's draws in one number each, from `at` (see capacityKeys): per
   * technology, the day the first new crews could start, the crews a month and, for a
   * national contract, the crews under contract.
   */
  summarise(out: Float64Array, at: number): void {
    const nR = this.w.m.regionIds.length;
    let k = at;
    this.growths.forEach((g, i) => {
      out[k++] = this.firstDay[i];
      out[k++] = this.rate[i];
      if (g.national) {
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

/** Simulated days of the first of each month within the run (day 0 when the run starts on a first). */
function monthStarts(m: CompiledModel): Int32Array {
  const days: number[] = [];
  if (m.calendar.toIso(0).endsWith('-01')) days.push(0);
  for (let d = 1; d < m.horizonDays; d++) if (m.calendar.month(d) !== m.calendar.month(d - 1)) days.push(d);
  return Int32Array.from(days);
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
    keys.push([`capacity.${t}.growthPerMonth`, `${name}: crews added a month at most`]);
    if ('dist' in c.contracted && typeof c.contracted.dist === 'string') keys.push([`capacity.${t}.contracted`, `${name}: crews under contract`]);
  }
  return keys;
}
