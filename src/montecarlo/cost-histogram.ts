/**
 * CostHistogram — amounts of money (any positive scale: M KZT, tenge, dollars) counted in
 * fixed log-spaced bins, each 0.1 % wide, stored sparsely (only bins that were hit).
 *
 * Each bin keeps an integer count and an integer sum of where in the bin its amounts fell
 * (in 2^-30ths of the bin's width), so two histograms merge exactly, in any order, by
 * adding integers — the same totals whatever the worker count or shard split — and a
 * quantile is the mean of the amounts in its bin: exact (to 1e-12) for an amount that recurs (a fixed
 * cost), within 0.1 % otherwise.
 *
 * @example
 *   const h = new CostHistogram();
 *   for (const x of [100, 100, 130]) h.add(x);
 *   h.quantile(0.5); // 100 (to 1e-12 relative)
 *   h.quantile(0.9); // 130
 */
export class CostHistogram {
  /** bin key → [count, sum of positions in the bin (2^-30 of its width)]. Key ZERO holds amounts <= 0. */
  private readonly bins = new Map<number, [number, number]>();
  total = 0;

  /** Counts amount `x`, `times` times (a whole number). */
  add(x: number, times = 1): void {
    const k = binOf(x);
    const pos = k === ZERO ? 0 : Math.round(Math.min(1, Math.max(0, (x - lower(k)) / (lower(k + 1) - lower(k)))) * FRACTION) * times;
    const b = this.bins.get(k);
    if (b) { b[0] += times; b[1] += pos; } else this.bins.set(k, [times, pos]);
    this.total += times;
  }

  /** Adds another histogram (or its state) into this one. */
  merge(other: CostHistogram | CostHistogramState): void {
    const s = other instanceof CostHistogram ? other.state() : other;
    for (let i = 0; i < s.keys.length; i++) {
      const b = this.bins.get(s.keys[i]);
      if (b) { b[0] += s.counts[i]; b[1] += s.positions[i]; } else this.bins.set(s.keys[i], [s.counts[i], s.positions[i]]);
      this.total += s.counts[i];
    }
  }

  /**
   * The p-quantile: the mean amount in the first bin whose cumulative count reaches
   * ceil(p * total) (the inverse empirical CDF, as histogramQuantile). NaN when empty.
   */
  quantile(p: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p * this.total - 1e-9));
    let acc = 0;
    const keys = [...this.bins.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      const [count, pos] = this.bins.get(k)!;
      acc += count;
      if (acc >= rank) return k === ZERO ? 0 : lower(k) + (lower(k + 1) - lower(k)) * (pos / count / FRACTION);
    }
    return NaN;
  }

  /** Sorted keys with their counts and positions: a plain, mergeable, JSON-friendly copy. */
  state(): CostHistogramState {
    const keys = [...this.bins.keys()].sort((a, b) => a - b);
    return {
      keys: Int32Array.from(keys),
      counts: Float64Array.from(keys, (k) => this.bins.get(k)![0]),
      positions: Float64Array.from(keys, (k) => this.bins.get(k)![1]),
    };
  }

  static fromState(s: CostHistogramState): CostHistogram {
    const h = new CostHistogram();
    h.merge(s);
    return h;
  }
}

export interface CostHistogramState {
  keys: Int32Array;
  counts: Float64Array;
  positions: Float64Array;
}

/** Bin width as a ratio: each bin spans [r^k, r^(k+1)). */
const LOG_STEP = Math.log(1.001);
/** Positions within a bin are counted in 2^-30ths of its width: integer sums, exact up to ~8 million replications in a bin. */
const FRACTION = 2 ** 30;
/** The bin of amounts <= 0 (no money committed). */
const ZERO = -(2 ** 31);

function binOf(x: number): number {
  if (!(x > 0)) return ZERO;
  return Math.floor(Math.log(x) / LOG_STEP);
}

function lower(k: number): number {
  return Math.exp(k * LOG_STEP);
}
