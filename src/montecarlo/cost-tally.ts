import { CostHistogram, type CostHistogramState } from './cost-histogram.js';

/** What a cost tally needs to know about the scenario (part of the aggregate's layout). */
export interface CostLayout {
  /** Budget years of the run. */
  years: number;
  /** The programme's money (see programmeMoney); null when no programme states appropriations. */
  budget: number | null;
  /** Programmes (their index in m.financing.programmes) whose spending is compared with `budget`. */
  counted: number[];
}

/**
 * The money side of a run, accumulated replication by replication in exact integer counts:
 *  - per budget year, a histogram of the money committed from the start to the end of that
 *    year, every programme together (the last year's is the total cost to the horizon) —
 *    the cost quantiles;
 *  - the same for the counted programmes alone (those compared with the money) — the
 *    S-curve's fan, beside their appropriations — and, in a run from a status, a histogram of
 *    the money they carry in from before its start (each future's own);
 *  - the joint cost–schedule count: replications in which every target was met AND the
 *    counted programmes committed no more than the programme's money (the JCL's numerator).
 *
 * @example
 *   const t = new CostTally({ years: 1, budget: 120, counted: [0] });
 *   t.add(Float64Array.of(100, 0, 0), true);   // met, within the money
 *   t.add(Float64Array.of(130, 0, 0), true);   // met, over it
 *   t.withinMoneyAndMet; // 1
 */
export class CostTally {
  withinMoneyAndMet = 0;
  readonly cumulative: CostHistogram[];
  /** Per budget year: the counted programmes' commitments from the start to the year's end. */
  readonly counted: CostHistogram[];
  /**
   * The counted programmes' money carried in from before a status's start (empty without a
   * status), signed: a programme that had committed more of the first year's money than it
   * carried in brings a negative amount. Amounts of 0 or more here...
   */
  readonly carriedIn: CostHistogram;
  /** ...and the size of the negative ones here (a histogram holds amounts of 0 or more). */
  readonly carriedShort: CostHistogram;

  constructor(readonly layout: CostLayout) {
    this.cumulative = Array.from({ length: layout.years }, () => new CostHistogram());
    this.counted = Array.from({ length: layout.years }, () => new CostHistogram());
    this.carriedIn = new CostHistogram();
    this.carriedShort = new CostHistogram();
  }

  /** The p-quantile of the money carried in, over the futures (negative: committed beyond it); NaN without a status. */
  carriedQuantile(p: number): number {
    const neg = this.carriedShort.total, n = neg + this.carriedIn.total;
    if (n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p * n - 1e-9));
    // The negative amounts come first, the largest shortfall first: rank r among them is the (neg - r + 1)-th smallest shortfall.
    if (rank <= neg) return -this.carriedShort.quantile((neg - rank + 0.5) / neg);
    return this.carriedIn.quantile((rank - neg - 0.5) / this.carriedIn.total);
  }

  /**
   * One replication: its spend per programme and year ([p * years + y]) and whether it met
   * every target, counted `multiplicity` times (a whole number: a conditioned run's weight).
   * `moneyBefore` (a run from a status): per programme, the money carried in from before the
   * start (see ReplicationOutcome.moneyBefore); the counted programmes' share of it is money
   * the run's commitments are compared with besides the run's own appropriations.
   */
  add(spend: Float64Array, allMet: boolean, multiplicity = 1, moneyBefore?: Float64Array): void {
    const Y = this.layout.years, P = spend.length / Y;
    let acc = 0, mine = 0;
    for (let y = 0; y < Y; y++) {
      for (let p = 0; p < P; p++) acc += spend[p * Y + y];
      for (const p of this.layout.counted) mine += spend[p * Y + y];
      this.cumulative[y].add(acc, multiplicity);
      this.counted[y].add(mine, multiplicity);
    }
    if (moneyBefore && moneyBefore.length > 0) {
      let carried = 0;
      for (const p of this.layout.counted) carried += moneyBefore[p];
      if (carried < 0) this.carriedShort.add(-carried, multiplicity);
      else this.carriedIn.add(carried, multiplicity);
    }
    if (allMet && this.layout.budget !== null) {
      let counted = 0, budget = this.layout.budget;
      for (const p of this.layout.counted) for (let y = 0; y < Y; y++) counted += spend[p * Y + y];
      if (moneyBefore && moneyBefore.length > 0) for (const p of this.layout.counted) budget += moneyBefore[p];
      // Commitments are sums of floating-point amounts: allow their rounding, nothing more.
      if (counted <= budget * (1 + 1e-9) + 1e-9) this.withinMoneyAndMet += multiplicity;
    }
  }

  merge(other: CostTally | CostTallyState): void {
    const s = other instanceof CostTally ? other.state() : other;
    if (s.cumulative.length !== this.cumulative.length) throw new RangeError(`cannot merge cost tallies of different scenarios (${s.cumulative.length} vs ${this.cumulative.length} years)`);
    this.withinMoneyAndMet += s.withinMoneyAndMet;
    s.cumulative.forEach((h, y) => this.cumulative[y].merge(h));
    s.counted.forEach((h, y) => this.counted[y].merge(h));
    this.carriedIn.merge(s.carriedIn);
    this.carriedShort.merge(s.carriedShort);
  }

  state(): CostTallyState {
    return { withinMoneyAndMet: this.withinMoneyAndMet, cumulative: this.cumulative.map((h) => h.state()), counted: this.counted.map((h) => h.state()), carriedIn: this.carriedIn.state(), carriedShort: this.carriedShort.state() };
  }
}

export interface CostTallyState {
  withinMoneyAndMet: number;
  cumulative: CostHistogramState[];
  counted: CostHistogramState[];
  carriedIn: CostHistogramState;
  carriedShort: CostHistogramState;
}

/** JSON for partial results (shards): the histograms' arrays as base64 of their bytes. */
export function costTallyToJson(s: CostTallyState): unknown {
  const b64 = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  const hist = (h: CostHistogramState) => ({ keys: b64(h.keys), counts: b64(h.counts), positions: b64(h.positions) });
  return { withinMoneyAndMet: s.withinMoneyAndMet, cumulative: s.cumulative.map(hist), counted: s.counted.map(hist), carriedIn: hist(s.carriedIn), carriedShort: hist(s.carriedShort) };
}

export function costTallyFromJson(j: unknown): CostTallyState {
  type Hist = { keys: string; counts: string; positions: string };
  const o = j as { withinMoneyAndMet: number; cumulative: Hist[]; counted: Hist[]; carriedIn: Hist; carriedShort: Hist };
  if (!o || typeof o !== 'object' || !Array.isArray(o.cumulative) || !Array.isArray(o.counted) || !o.carriedIn || typeof o.carriedIn !== 'object' || !o.carriedShort || typeof o.carriedShort !== 'object') throw new TypeError('not a cost tally');
  const bytes = (text: string) => {
    const b = Buffer.from(String(text), 'base64');
    if (b.byteLength % 8 !== 0 && b.byteLength % 4 !== 0) throw new TypeError('not whole numbers');
    const c = new Uint8Array(b.byteLength); c.set(b); return c.buffer;
  };
  const hist = (h: Hist) => ({ keys: new Int32Array(bytes(h.keys)), counts: new Float64Array(bytes(h.counts)), positions: new Float64Array(bytes(h.positions)) });
  return { withinMoneyAndMet: Number(o.withinMoneyAndMet), cumulative: o.cumulative.map(hist), counted: o.counted.map(hist), carriedIn: hist(o.carriedIn), carriedShort: hist(o.carriedShort) };
}
