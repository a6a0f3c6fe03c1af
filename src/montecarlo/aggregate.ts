import { DELIVERY_KINDS, deliverySeries, N_TECH, connectedAt, N_WAIT, STAGE_NAMES, TECH_CODE, readingNeed, type CompiledModel, type CompiledReading, type ReplicationOutcome } from '../model/index.js';
import { CostTally, costTallyFromJson, costTallyToJson, type CostLayout, type CostTallyState } from './cost-tally.js';
import { programmeMoney } from './money.js';

/** Shape of a run's aggregate: fixed by the scenario, so partial aggregates line up. */
export interface AggregateLayout {
  nTargets: number;
  /** Day bins 0..horizonDays-1, plus bin horizonDays for 'not reached'. */
  horizonDays: number;
  targetSizes: number[];
  /** Per alternative reading (CompiledModel.readings): how many settlements (or motorway steps) it is taken over. */
  readingSizes: number[];
  seriesSizes: number[];
  nGrid: number;
  nRegions: number;
  /** Settlements per region (the fibre ceilings' histograms have size + 1 bins each). */
  regionSizes: number[];
  years: number;
  /** Financing programmes (m.financing order): the money arrays are per programme. */
  programmes: number;
  /** The money side: budget years, the programme's money and the programmes it covers (cost-tally.ts). */
  cost: CostLayout;
  /** Settlements in the national fibre, coverage and mobile series (DELIVERY_KINDS order; 0 without that series): the largest possible delivery in a year. */
  deliverySizes: number[];
}

/** Settlements per region (fixed across replications). */
export function regionSizes(m: CompiledModel): number[] {
  const sizes = new Array(m.regionIds.length).fill(0);
  if (m.input.settlements) for (const s of m.input.settlements) sizes[m.regionIndex.get(s.region)!]++;
  else m.input.regions.forEach((r, i) => (sizes[i] = r.settlements));
  return sizes;
}

export function layoutOf(m: CompiledModel): AggregateLayout {
  const sizes = regionSizes(m);
  const within = (mask: Uint8Array) => sizes.reduce((s, n, r) => s + (mask[r] ? n : 0), 0);
  const size = (t: CompiledReading) => (t.metric === 'motorway-share' ? m.motorwaySize : readingNeed(t, within(t.inRegion)).size);
  return {
    nTargets: m.targets.length,
    horizonDays: m.horizonDays,
    targetSizes: m.targets.map(size),
    readingSizes: m.readings.map(size),
    seriesSizes: m.series.map((s) => (s.kind === 'motorway' ? m.motorwaySize : within(s.inRegion))),
    nGrid: m.gridDays.length,
    nRegions: m.regionIds.length,
    regionSizes: sizes,
    years: m.years,
    programmes: m.financing.programmes.length,
    cost: costLayoutOf(m),
    deliverySizes: deliverySeries(m).map((at) => (at < 0 ? 0 : within(m.series[at].inRegion))),
  };
}

function costLayoutOf(m: CompiledModel): CostLayout {
  const money = programmeMoney(m);
  return { years: m.years, budget: money.budget, counted: money.counted.map((id) => m.financing.index.get(id)!) };
}

const offsets = (sizes: number[], times = 1) => {
  const o: number[] = [];
  let acc = 0;
  for (const s of sizes) { o.push(acc); acc += (s + 1) * times; }
  return { o, total: acc };
};

/** Rounds to thousandths and keeps an integer, so that sums are exact and order-free. */
const milli = (x: number) => Math.round(x * 1000);

/**
 * Aggregate — everything a run reports, accumulated replication by replication in
 * integer counts (histograms and sums of values rounded to 1/1000), so that:
 *  - memory is fixed by the scenario, not by the number of replications;
 *  - aggregates from workers, chunks or shards merge exactly, in any order, into the
 *    same numbers (byte-identical summaries whatever the worker count).
 */
export class Aggregate {
  runs = 0;
  jointMet = 0;
  events = 0;
  unfinished = 0;
  readonly met: Float64Array;
  /** [t * (horizonDays + 1) + day]; day = horizonDays means not reached. */
  readonly reached: Float64Array;
  /** Per target, histogram of the count at the deadline (targetSizes[t] + 1 bins). */
  readonly atDeadline: Float64Array;
  readonly atDeadlineOffset: number[];
  /**
   * Per series and report date, how the histogram of the count changed since the previous
   * report date: at seriesOffset[s] + g * (size + 1) + count, +1 for each replication whose
   * count became `count` at date g, -1 where it left it (date 0 holds the histogram itself).
   * A replication adds only where its count moved, not at every date; seriesHistograms()
   * turns the changes into the histogram at every date.
   */
  readonly seriesChanges: Float64Array;
  readonly seriesOffset: number[];
  /** Change of the sum of counts per series since the previous report date (for the mean; running sums in seriesSums()). */
  readonly seriesSumChanges: Float64Array;
  /** Milli-days per region and wait stage. */
  readonly waitMilli: Float64Array;
  /** Milli-units of money committed per financing programme and year: [p * years + y]. */
  readonly spendMilli: Float64Array;
  /** Milli-units of co-funding beside it (the part of a job's cost its programme does not pay), [p * years + y]. */
  readonly coFundingMilli: Float64Array;
  /** Milli-units of top-up money each programme received, and replications in which it received any. */
  readonly topUpMilli: Float64Array;
  readonly toppedUp: Float64Array;
  /** Milli crew-days in use and available up to the first deadline, per crew pool (by regionTech). */
  readonly crewBusyToDeadlineMilli: Float64Array;
  readonly crewAvailableToDeadlineMilli: Float64Array;
  /** Settlements unfinished at the horizon, by stage. */
  readonly unfinishedByStage: Float64Array;
  /** Per alternative reading: replications that met it, and the histogram of its count at its deadline (readingSizes[k] + 1 bins). */
  readonly altMet: Float64Array;
  readonly altAtDeadline: Float64Array;
  readonly altAtDeadlineOffset: number[];
  /** Per region: settlements with a job of their own, summed over replications (the waits' denominators). */
  readonly todo: Float64Array;
  /** Total cost and cumulative spend per year (histograms), and the joint cost–schedule count (a new one at clear()). */
  cost: CostTally;
  /**
   * Per delivery kind and calendar year, histogram of the settlements delivered that year:
   * deliveryOffset(kind, y) + count (deliverySizes[kind] + 1 bins each).
   */
  readonly delivered: Float64Array;
  /**
   * Per region, histogram of its fibre ceiling: how many of its settlements the technology
   * rule gives fibre (those on fibre at the start included) — the most that can ever be on
   * fibre there. It varies by replication, populations and distances being drawn.
   */
  readonly fibreCeiling: Float64Array;
  readonly fibreCeilingOffset: number[];

  /** Fibre settlements per region of the replication being added. */
  private readonly ceilingScratch: Int32Array;

  constructor(readonly layout: AggregateLayout) {
    const L = layout;
    this.met = new Float64Array(L.nTargets);
    this.reached = new Float64Array(L.nTargets * (L.horizonDays + 1));
    const d = offsets(L.targetSizes);
    this.atDeadline = new Float64Array(d.total);
    this.atDeadlineOffset = d.o;
    const s = offsets(L.seriesSizes, L.nGrid);
    this.seriesChanges = new Float64Array(s.total);
    this.seriesOffset = s.o;
    this.seriesSumChanges = new Float64Array(L.seriesSizes.length * L.nGrid);
    this.waitMilli = new Float64Array(L.nRegions * N_WAIT);
    this.spendMilli = new Float64Array(L.programmes * L.years);
    this.coFundingMilli = new Float64Array(L.programmes * L.years);
    this.topUpMilli = new Float64Array(L.programmes);
    this.toppedUp = new Float64Array(L.programmes);
    this.crewBusyToDeadlineMilli = new Float64Array(L.nRegions * N_TECH);
    this.crewAvailableToDeadlineMilli = new Float64Array(L.nRegions * N_TECH);
    this.unfinishedByStage = new Float64Array(STAGE_NAMES.length);
    // Layouts from before alternative readings existed have none.
    const readingSizes = L.readingSizes ?? [];
    this.altMet = new Float64Array(readingSizes.length);
    const a = offsets(readingSizes);
    this.altAtDeadline = new Float64Array(a.total);
    this.altAtDeadlineOffset = a.o;
    this.todo = new Float64Array(L.nRegions);
    const c = offsets(L.regionSizes);
    this.fibreCeiling = new Float64Array(c.total);
    this.fibreCeilingOffset = c.o;
    this.ceilingScratch = new Int32Array(L.nRegions);
    this.cost = new CostTally(L.cost);
    this.delivered = new Float64Array(L.deliverySizes.reduce((t, n) => t + (n + 1) * L.years, 0));
  }

  /** Where the histogram of `kind`'s deliveries in budget year y starts in `delivered`. */
  deliveryOffset(kind: number, y: number): number {
    const L = this.layout;
    let at = 0;
    for (let k = 0; k < kind; k++) at += (L.deliverySizes[k] + 1) * L.years;
    return at + y * (L.deliverySizes[kind] + 1);
  }

  /**
   * Adds a replication `multiplicity` times (a whole number: the integer weight of a
   * conditioned run), so weighted aggregates stay integer-exact and order-free.
   */
  add(o: ReplicationOutcome, multiplicity = 1): void {
    const L = this.layout;
    this.runs += multiplicity;
    this.events += o.events * multiplicity;
    let all = 1;
    for (let t = 0; t < L.nTargets; t++) {
      this.met[t] += o.met[t] * multiplicity;
      all &= o.met[t];
      const day = o.reachedDay[t] < 0 ? L.horizonDays : Math.min(o.reachedDay[t], L.horizonDays - 1);
      this.reached[t * (L.horizonDays + 1) + day] += multiplicity;
      this.atDeadline[this.atDeadlineOffset[t] + o.countAtDeadline[t]] += multiplicity;
    }
    this.jointMet += all * multiplicity;
    for (let k = 0; k < this.altMet.length; k++) {
      this.altMet[k] += o.altMet[k] * multiplicity;
      this.altAtDeadline[this.altAtDeadlineOffset[k] + o.altCount[k]] += multiplicity;
    }
    for (let r = 0; r < o.regionTodo.length; r++) this.todo[r] += o.regionTodo[r] * multiplicity;
    this.cost.add(o.spend, all === 1, multiplicity, o.moneyBefore);
    for (let k = 0; k < DELIVERY_KINDS.length; k++) {
      for (let y = 0; y < L.years; y++) this.delivered[this.deliveryOffset(k, y) + o.deliveredByYear[k * L.years + y]] += multiplicity;
    }
    const nG = L.nGrid;
    const changes = this.seriesChanges, sums = this.seriesSumChanges, counts = o.seriesCounts;
    for (let s = 0; s < L.seriesSizes.length; s++) {
      const base = this.seriesOffset[s], w = L.seriesSizes[s] + 1;
      let prev = 0;
      for (let g = 0; g < nG; g++) {
        const c = counts[s * nG + g];
        if (g > 0 && c === prev) continue;
        if (g > 0) changes[base + g * w + prev] -= multiplicity;
        changes[base + g * w + c] += multiplicity;
        sums[s * nG + g] += (c - prev) * multiplicity;
        prev = c;
      }
    }
    const st = o.settlements;
    const fibre = this.ceilingScratch;
    fibre.fill(0);
    for (let j = 0; j < st.n; j++) {
      if (!st.connected[j] && connectedAt(o, j) === Infinity) { this.unfinished += multiplicity; this.unfinishedByStage[o.stage[j]] += multiplicity; }
      if (st.tech[j] === TECH_CODE.fibre) fibre[st.region[j]]++;
    }
    for (let r = 0; r < L.nRegions; r++) this.fibreCeiling[this.fibreCeilingOffset[r] + fibre[r]] += multiplicity;
    for (let i = 0; i < o.regionWaits.length; i++) this.waitMilli[i] += milli(o.regionWaits[i]) * multiplicity;
    for (let i = 0; i < o.spend.length; i++) this.spendMilli[i] += milli(o.spend[i]) * multiplicity;
    for (let i = 0; i < o.coFunding.length; i++) this.coFundingMilli[i] += milli(o.coFunding[i]) * multiplicity;
    for (let p = 0; p < o.topUps.length; p++) {
      if (!(o.topUps[p] > 0)) continue;
      this.topUpMilli[p] += milli(o.topUps[p]) * multiplicity;
      this.toppedUp[p] += multiplicity;
    }
    for (let i = 0; i < o.crewBusyToDeadline.length; i++) {
      this.crewBusyToDeadlineMilli[i] += milli(o.crewBusyToDeadline[i]) * multiplicity;
      this.crewAvailableToDeadlineMilli[i] += milli(o.crewAvailableToDeadline[i]) * multiplicity;
    }
  }

  /** The histogram of each series' count at every report date (seriesOffset[s] + g * (size + 1) + count), from the changes. */
  seriesHistograms(): Float64Array {
    const L = this.layout, nG = L.nGrid;
    const h = Float64Array.from(this.seriesChanges);
    for (let s = 0; s < L.seriesSizes.length; s++) {
      const base = this.seriesOffset[s], w = L.seriesSizes[s] + 1;
      for (let g = 1; g < nG; g++) {
        const row = base + g * w;
        for (let c = 0; c < w; c++) h[row + c] += h[row - w + c];
      }
    }
    return h;
  }

  /** Sum over replications of each series' count at every report date, [s * nGrid + g]. */
  seriesSums(): Float64Array {
    const L = this.layout, nG = L.nGrid;
    const sums = Float64Array.from(this.seriesSumChanges);
    for (let s = 0; s < L.seriesSizes.length; s++) for (let g = 1; g < nG; g++) sums[s * nG + g] += sums[s * nG + g - 1];
    return sums;
  }

  /** Adds another aggregate of the same layout into this one. */
  merge(other: Aggregate | AggregateState): void {
    this.runs += other.runs;
    this.jointMet += other.jointMet;
    this.events += other.events;
    this.unfinished += other.unfinished;
    for (const k of ARRAYS) {
      const a = this[k], b = other[k];
      if (a.length !== b.length) throw new RangeError(`cannot merge aggregates of different scenarios (${k}: ${a.length} vs ${b.length})`);
      for (let i = 0; i < a.length; i++) a[i] += b[i];
    }
    this.cost.merge(other.cost);
  }

  /**
   * The same as state(), with only the non-zero entries of each array: a national
   * scenario's arrays are ~60 MB, 2-3 % of them non-zero after a task of a few hundred
   * replications. What every worker but the first hands over at the end of a task, keeping
   * its arrays for the next (clear): merging the dense arrays on the main thread touched
   * every page of two 60 MB sets for the first time, ~0.25 s at the end of every task on 2
   * workers.
   */
  sparseState(): SparseAggregateState {
    const arrays = {} as Record<ArrayKey, SparseArray>;
    for (const k of ARRAYS) arrays[k] = nonZero(this[k]);
    return { layout: this.layout, runs: this.runs, jointMet: this.jointMet, events: this.events, unfinished: this.unfinished, cost: this.cost.state(), arrays };
  }

  /** Adds a sparse state (sparseState) of the same layout into this aggregate. */
  mergeSparse(s: SparseAggregateState): void {
    this.runs += s.runs;
    this.jointMet += s.jointMet;
    this.events += s.events;
    this.unfinished += s.unfinished;
    for (const k of ARRAYS) {
      const a = this[k], { index, value } = s.arrays[k];
      for (let i = 0; i < index.length; i++) {
        const at = index[i];
        if (!(at < a.length)) throw new RangeError(`cannot merge aggregates of different scenarios (${k}: entry ${at} of ${a.length})`);
        a[at] += value[i];
      }
    }
    this.cost.merge(s.cost);
  }

  /** Empties the aggregate for the next task, keeping its arrays (their memory stays mapped). */
  clear(): void {
    this.runs = 0;
    this.jointMet = 0;
    this.events = 0;
    this.unfinished = 0;
    for (const k of ARRAYS) this[k].fill(0);
    this.cost = new CostTally(this.layout.cost);
  }

  /** A plain, structured-clone- and JSON-friendly copy. */
  state(): AggregateState {
    const s: Partial<AggregateState> = { layout: this.layout, runs: this.runs, jointMet: this.jointMet, events: this.events, unfinished: this.unfinished };
    for (const k of ARRAYS) (s as Record<string, unknown>)[k] = this[k];
    s.cost = this.cost.state();
    return s as AggregateState;
  }

  static fromState(s: AggregateState): Aggregate {
    const a = new Aggregate(s.layout);
    a.merge(s);
    return a;
  }

  /**
   * An aggregate that takes over the arrays of `s` instead of adding them into new ones:
   * for a state nothing else holds (a worker's, transferred to this thread). Merging a
   * national scenario's ~60 MB into fresh arrays took ~80 ms at the end of every task on
   * a worker pool — the whole of a 1-worker task's fixed cost, paid again for each option
   * of a comparison and each swing of a sensitivity analysis.
   */
  static adopt(s: AggregateState): Aggregate {
    // The arrays made here are never written, so they cost no memory before they are dropped.
    const a = new Aggregate(s.layout);
    a.take(s);
    return a;
  }

  private take(s: AggregateState): void {
    const own = this as unknown as Record<ArrayKey, Float64Array>;
    for (const k of ARRAYS) {
      if (own[k].length !== s[k].length) throw new RangeError(`cannot adopt an aggregate of a different layout (${k}: ${own[k].length} vs ${s[k].length})`);
      own[k] = s[k];
    }
    this.runs = s.runs;
    this.jointMet = s.jointMet;
    this.events = s.events;
    this.unfinished = s.unfinished;
    this.cost.merge(s.cost);
  }
}

const ARRAYS = [
  'met', 'reached', 'atDeadline', 'seriesChanges', 'seriesSumChanges', 'waitMilli', 'spendMilli', 'coFundingMilli', 'topUpMilli', 'toppedUp', 'crewBusyToDeadlineMilli',
  'crewAvailableToDeadlineMilli', 'unfinishedByStage', 'fibreCeiling', 'delivered', 'altMet', 'altAtDeadline', 'todo',
] as const;
type ArrayKey = (typeof ARRAYS)[number];

export type AggregateState = { layout: AggregateLayout; runs: number; jointMet: number; events: number; unfinished: number; cost: CostTallyState } & Record<ArrayKey, Float64Array>;

/** The non-zero entries of an array: their indices (ascending) and values. */
export interface SparseArray {
  index: Int32Array;
  value: Float64Array;
}

/** An aggregate's state with only the non-zero entries of its arrays (Aggregate.sparseState). */
export type SparseAggregateState = Omit<AggregateState, ArrayKey> & { arrays: Record<ArrayKey, SparseArray> };

/** The non-zero entries of `a`, in index order. */
function nonZero(a: Float64Array): SparseArray {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) n++;
  const index = new Int32Array(n), value = new Float64Array(n);
  for (let i = 0, k = 0; k < n; i++) if (a[i] !== 0) { index[k] = i; value[k++] = a[i]; }
  return { index, value };
}

/** The buffers of a sparse state, to hand over to another thread without a copy. */
export function sparseBuffers(s: SparseAggregateState): ArrayBuffer[] {
  return Object.values(s.arrays).flatMap((x) => [x.index.buffer as ArrayBuffer, x.value.buffer as ArrayBuffer]);
}

/** JSON for partial results (shards): arrays as base64 of their bytes. */
export function stateToJson(s: AggregateState): unknown {
  const out: Record<string, unknown> = { layout: s.layout, runs: s.runs, jointMet: s.jointMet, events: s.events, unfinished: s.unfinished };
  for (const k of ARRAYS) out[k] = Buffer.from(s[k].buffer, s[k].byteOffset, s[k].byteLength).toString('base64');
  out.cost = costTallyToJson(s.cost);
  return out;
}

export function stateFromJson(j: Record<string, unknown>): AggregateState {
  const s: Record<string, unknown> = { layout: j.layout, runs: j.runs, jointMet: j.jointMet, events: j.events, unfinished: j.unfinished };
  for (const k of ARRAYS) {
    const b = Buffer.from(String(j[k]), 'base64');
    const copy = new Uint8Array(b.byteLength);
    copy.set(b);
    s[k] = new Float64Array(copy.buffer);
  }
  s.cost = costTallyFromJson(j.cost);
  return s as AggregateState;
}
