/** Weights are scaled so the best replication weighs at most this (2^20)... */
export const MAX_WEIGHT = 2 ** 20;
/** ...and all of them together at most this (2^22), so weighted sums in an aggregate stay exact doubles. */
export const MAX_TOTAL_WEIGHT = 2 ** 22;

/**
 * Whole-number importance weights from log-likelihoods: w_i = round(S · L_i / max_j L_j),
 * S = max(1, min(2^20, floor(2^22 / Σ_j L_j / max L))). Whole numbers let a conditioned
 * run add replication i w_i times into integer histograms, which merge exactly in any
 * order (byte-identical results whatever the number of workers); the cap on the total
 * keeps every weighted sum of the aggregate below 2^53, where doubles stop being exact.
 * A replication less likely than 1 / (2S) of the best gets weight 0. `scale` is S.
 *
 * @example
 *   integerWeights(Float64Array.of(0, Math.log(0.5), -1000)).weights   // [2^20, 2^19, 0]
 */
export function integerWeights(logLikelihood: ArrayLike<number>): { weights: Float64Array; scale: number } {
  const n = logLikelihood.length;
  let best = -Infinity;
  for (let i = 0; i < n; i++) {
    const l = logLikelihood[i];
    if (Number.isNaN(l)) throw new RangeError(`integerWeights: log-likelihood ${i} is NaN`);
    if (l > best) best = l;
  }
  const ratio = new Float64Array(n);
  let sum = 0;
  if (best === -Infinity) ratio.fill(1); // nothing is possible: no information to weight by
  else for (let i = 0; i < n; i++) sum += ratio[i] = Math.exp(logLikelihood[i] - best);
  if (best === -Infinity) sum = n;
  const scale = Math.max(1, Math.min(MAX_WEIGHT, Math.floor(MAX_TOTAL_WEIGHT / sum)));
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = Math.round(scale * ratio[i]);
  return { weights, scale };
}
