import { normalCdf } from '../engine/index.js';

/**
 * How surprising an observation is before conditioning: the two-sided tail probability
 * of `y` under the prior predictive distribution, i.e. a sample X of the simulated
 * values plus a Gaussian observation error of standard deviation `sd`:
 * 2 · min(P(Y ≤ y), P(Y ≥ y)) with P(Y ≤ y) = mean_i Φ((y − x_i) / sd). Near 1 when y
 * sits in the middle of what the model produces, below 0.001 when the model (as
 * calibrated) practically cannot produce it: a prior–data conflict.
 *
 * @example
 *   predictiveTail([100, 100], 100, 10)   // 1 (the middle)
 *   predictiveTail([100, 100], 140, 10)   // 2 · (1 − Φ(4)) ≈ 6.3e-5
 */
export function predictiveTail(samples: ArrayLike<number>, y: number, sd: number): number {
  const n = samples.length;
  if (n === 0) throw new RangeError('predictiveTail: no samples');
  if (!(sd > 0)) throw new RangeError(`predictiveTail: sd must be > 0, got ${sd}`);
  let below = 0;
  for (let i = 0; i < n; i++) below += normalCdf((y - samples[i]) / sd);
  below /= n;
  return Math.min(1, 2 * Math.min(below, 1 - below));
}
