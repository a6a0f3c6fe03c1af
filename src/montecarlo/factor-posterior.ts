import { FACTOR_DECLS, inputSummaryKeys, summaryFactorKinds, type CompiledModel } from '../model/index.js';
import type { FactorPosterior, InputPosterior } from './observed-result.js';
import { weightedQuantiles } from './weighted-quantiles.js';

/** Bins of the prior vs posterior histograms: about √n / 1.5, from 5 to 20. */
export const factorBins = (n: number): number => Math.min(20, Math.max(5, Math.round(Math.sqrt(n) / 1.5)));

/**
 * What the observations say about the national factors: for each factor the scenario
 * draws, its quantiles and a histogram (equal-width bins over the prior draws) before
 * and after weighting the replications. `drawn` holds replication i's national factors
 * (summaryFactorKinds: productivity, cost overrun, permit delay, and distance when the
 * scenario has it) at [F i .. F i + F - 1], F of them; factors the scenario leaves out
 * (always 1) are skipped.
 *
 * @example
 *   factorPosteriors(m, drawn, weights)[0].posterior.p50   // the productivity the observations favour
 */
export function factorPosteriors(m: CompiledModel, drawn: Float64Array, weights: ArrayLike<number>): FactorPosterior[] {
  const n = weights.length;
  const kinds = summaryFactorKinds(m.input), F = kinds.length;
  return kinds.flatMap((key, f) => {
    if (m.dist.factors[key] === null) return [];
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = drawn[F * i + f];
    return [{ ...inputPosterior(key, FACTOR_DECLS[key].posterior, x, weights), key }];
  });
}

/**
 * The input summary's delivery-capacity draws a conditioned run weighs (capacityKeys: the
 * crews under contract, the crews a month, the tender's and the mobilisation's days, each
 * recorded where the scenario draws it; not the days to the first crews, their sum):
 * [path, label, its place in the input summary].
 *
 * @example capacityPosteriorKeys(m)   // [['capacity.fibre.tender', 'Fibre capacity: tender (days)', 12], ...]
 */
export function capacityPosteriorKeys(m: CompiledModel): [string, string, number][] {
  const out: [string, string, number][] = [];
  inputSummaryKeys(m).forEach(([path, label], at) => {
    if (/^capacity\.[a-z]+\.(contracted|growthPerMonth|tender|mobilisation)$/.test(path)) out.push([path, label, at]);
  });
  return out;
}

/**
 * What the observations say about the delivery capacity: for each of capacityPosteriorKeys,
 * its quantiles and histogram before and after weighting. `drawn` holds replication i's
 * values of those keys at [C i .. C i + C - 1], C of them.
 *
 * @example capacityPosteriors(m, drawn, weights).find((p) => p.key === 'capacity.fibre.contracted')!.posterior.p50
 */
export function capacityPosteriors(m: CompiledModel, drawn: Float64Array, weights: ArrayLike<number>): InputPosterior[] {
  const n = weights.length, keys = capacityPosteriorKeys(m), C = keys.length;
  return keys.map(([key, label], c) => {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = drawn[C * i + c];
    return inputPosterior(key, label, x, weights);
  });
}

/**
 * One input's values `x` (replication i at [i]) before and after weighting: quantiles,
 * means and equal-width bins over the prior draws.
 *
 * @example inputPosterior('factors.productivity', 'Productivity', x, weights).posterior.p50
 */
export function inputPosterior(key: string, label: string, x: Float64Array, weights: ArrayLike<number>): InputPosterior {
  const n = x.length;
  let lo = Infinity, hi = -Infinity, total = 0, sumX = 0, sumWX = 0;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]);
    total += weights[i]; sumX += x[i]; sumWX += weights[i] * x[i];
  }
  const nBins = hi > lo ? factorBins(n) : 1;
  const width = hi > lo ? (hi - lo) / nBins : 1;
  const bins = Array.from({ length: nBins }, (_, b) => ({ x0: lo + b * width, x1: lo + (b + 1) * width, prior: 0, posterior: 0 }));
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins.length - 1, Math.floor((x[i] - lo) / width));
    bins[b].prior += 1 / n;
    bins[b].posterior += total > 0 ? weights[i] / total : 0;
  }
  const q = (w: ArrayLike<number> | undefined) => {
    const [p10, p50, p90] = weightedQuantiles(x, w, [0.1, 0.5, 0.9]);
    return { p10, p50, p90 };
  };
  return {
    key, label,
    prior: { ...q(undefined), mean: n > 0 ? sumX / n : 0 },
    posterior: { ...q(weights), mean: total > 0 ? sumWX / total : 0 },
    bins,
  };
}
