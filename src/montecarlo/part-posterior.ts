import { FACTOR_DECLS, FACTOR_KINDS, FactorParts, partSpec, type CompiledModel, type FactorKind, type FactorPart } from '../model/index.js';
import { essCollapsed } from './condition.js';
import { effectiveSampleSize } from './effective-sample-size.js';
import { histogramQuantiles } from './histogram.js';
import type { RegionPartPosterior } from './observed-result.js';
import { weightedQuantiles } from './weighted-quantiles.js';

/** The parts a scenario draws, each kind's values of every replication: [i * count + x] (x a region or a year). */
interface DrawnPart { part: FactorPart; kind: FactorKind; count: number; values: Float64Array }

/** The parts a scenario draws, of the given sorts: each with its kind and the kind's code. */
function partsGiven(m: CompiledModel, sorts: readonly FactorPart[]) {
  return sorts.flatMap((part) => FACTOR_KINDS.flatMap((kind, k) => (partSpec(m.input, part, kind) ? [{ part, kind, k }] : [])));
}

/** Every regional and yearly part of replications 0..n-1, drawn again: replication i's depend only on (seed, i). */
function drawParts(m: CompiledModel, seed: number, n: number): DrawnPart[] {
  const given = partsGiven(m, ['regional', 'yearly']);
  if (given.length === 0 || n === 0) return [];
  const parts = new FactorParts(m);
  const drawn = given.map(({ part, kind }) => {
    const count = part === 'regional' ? m.regionIds.length : m.years;
    return { part, kind, count, values: new Float64Array(n * count) };
  });
  for (let i = 0; i < n; i++) {
    parts.draw(seed, i);
    given.forEach(({ part, k }, g) => {
      const { count, values } = drawn[g];
      for (let x = 0; x < count; x++) values[i * count + x] = part === 'regional' ? parts.regionalOf(k, x) : parts.yearlyOf(k, x);
    });
  }
  return drawn;
}

/**
 * What a conditioned run's observations say about the regional and yearly parts of the
 * factors: per part the scenario draws, the P10 and P90 of a region's (a year's) part
 * given the observations — the weighted quantiles of every region's (year's) part in every
 * replication, each with its replication's weight w_i. A run records the parts only as
 * their mean and worst (a part per region, or year, and kind would widen every run's
 * rows); they are drawn again here, since replication i's depend only on (seed, i). Pooled
 * over regions: a sensitivity swing pins every region's part to one value, so the value a
 * region's part takes given what was seen is the one to swing between, even where the
 * observations favour some regions more than others. Keyed by the scenario path the swing
 * names: `regionalFactors.<kind>`, `yearlyFactors.<kind>`.
 *
 * @example
 *   const seen = observedInput(input, obs);
 *   const { conditioning } = await runObserved(seen, identity, { runs: 1000, seed: 1 }, obs);
 *   partPosteriors(compileModel(seen), 1, conditioning!.weights).get('regionalFactors.permitDelay')   // { p10, p90 }
 */
export function partPosteriors(m: CompiledModel, seed: number, weights: ArrayLike<number>): Map<string, { p10: number; p90: number }> {
  const out = new Map<string, { p10: number; p90: number }>();
  const n = weights.length;
  // Every region's (year's) value of replication i weighs w_i: one such array per count, shared by the kinds.
  const spread = new Map<number, Float64Array>();
  const spreadOf = (count: number) => {
    let w = spread.get(count);
    if (!w) {
      w = new Float64Array(n * count);
      for (let i = 0; i < n; i++) w.fill(weights[i], i * count, (i + 1) * count);
      spread.set(count, w);
    }
    return w;
  };
  for (const { part, kind, count, values } of drawParts(m, seed, n)) {
    const [p10, p90] = weightedQuantiles(values, spreadOf(count), [0.1, 0.9]);
    out.set(`${part === 'regional' ? 'regionalFactors' : 'yearlyFactors'}.${kind}`, { p10, p90 });
  }
  return out;
}

/** Bins of each region's part between its least and greatest value: quantiles to 1/4096 of that range. */
const BINS = 4096;

/**
 * What the observations say of each region: for every regional part the scenario draws,
 * each region's part before (every replication alike) and after conditioning (each with
 * its weight w_i), as P10, P50 and P90 — where regional counts were observed, the regions
 * that built faster or slower than the plan's pace move away from 1. Ordered by how far the
 * median moved against `noise` (what chance alone moves it by with the run's effective
 * sample size), the largest first (ties: the scenario's order of kinds and regions): with
 * few effective futures every region's median wanders, and those wanderings come last.
 *
 * The parts are drawn again (replication i's depend only on (seed, i)), twice: once for
 * each region's range, then into 4,096 bins over it, so memory does not grow with the
 * runs (a run of ten million replications would otherwise hold 2.7 GB of parts); a
 * quantile is the middle of the bin it falls in, to 1/8,192 of the range.
 *
 * @example regionPartPosteriors(m, 1, conditioning.weights)[0]   // { region: 'pavlodar', kind: 'productivity', prior: { p50: 1.00, ... }, posterior: { p50: 0.91, ... } }
 */
export function regionPartPosteriors(m: CompiledModel, seed: number, weights: ArrayLike<number>): RegionPartPosterior[] {
  const n = weights.length, regions = m.input.regions;
  const kinds = partsGiven(m, ['regional']);
  if (kinds.length === 0 || n === 0 || regions.length === 0) return [];
  const parts = new FactorParts(m);
  const R = regions.length, cells = kinds.length * R; // cell g * R + x: kind g, region x
  const each = (visit: (cell: number, value: number, i: number) => void) => {
    for (let i = 0; i < n; i++) {
      parts.draw(seed, i);
      kinds.forEach(({ k }, g) => { for (let x = 0; x < R; x++) visit(g * R + x, parts.regionalOf(k, x), i); });
    }
  };
  const lo = new Float64Array(cells).fill(Infinity), hi = new Float64Array(cells).fill(-Infinity);
  const sum = new Float64Array(cells), squares = new Float64Array(cells);
  each((c, v) => {
    if (v < lo[c]) lo[c] = v;
    if (v > hi[c]) hi[c] = v;
    sum[c] += v;
    squares[c] += v * v;
  });
  const ess = effectiveSampleSize(weights);
  // Three standard errors: of 34 parts (17 regions, 2 kinds) about one in ten runs would
  // show one beyond two by chance alone. A collapsed weighting says nothing of any region.
  const collapsed = essCollapsed(ess, n);
  const noiseOf = (c: number) => {
    const mean = sum[c] / n, sd = Math.sqrt(Math.max(0, squares[c] / n - mean * mean));
    return collapsed || !(ess > 0) ? Infinity : (3 * 1.2533 * sd) / Math.sqrt(ess);
  };
  const before = new Float64Array(cells * BINS), after = new Float64Array(cells * BINS);
  each((c, v, i) => {
    const b = hi[c] > lo[c] ? Math.min(BINS - 1, Math.floor(((v - lo[c]) / (hi[c] - lo[c])) * BINS)) : 0;
    before[c * BINS + b] += 1;
    after[c * BINS + b] += weights[i];
  });
  // The bin each quantile falls in (histogramQuantiles), read at the bin's middle.
  const spread = (h: Float64Array, c: number) => {
    const [p10, p50, p90] = histogramQuantiles(h, [0.1, 0.5, 0.9], c * BINS, BINS).map((b) => lo[c] + ((b + 0.5) / BINS) * (hi[c] - lo[c]));
    return { p10, p50, p90 };
  };
  const out = kinds.flatMap(({ kind }, g) => regions.map((region, x) => ({
    kind, region: region.id, name: region.name, label: `${region.name}: ${FACTOR_DECLS[kind].noun} (its regional part)`,
    prior: spread(before, g * R + x), posterior: spread(after, g * R + x), noise: noiseOf(g * R + x), order: g * R + x,
  })));
  const moved = (r: RegionPartPosterior) => (r.noise > 0 ? Math.abs(r.posterior.p50 - r.prior.p50) / r.noise : 0);
  return out.sort((a, b) => moved(b) - moved(a) || a.order - b.order).map(({ order: _, ...r }) => r);
}
