/**
 * The continuous ranked probability score of an ensemble forecast against what happened,
 * CRPS = E|X − y| − ½ E|X − X'|, computed exactly for the empirical distribution of the
 * samples (each with its weight; equal weights when none are given) from the sorted
 * samples: E|X − X'| = 2 Σ_i w_i x_(i) (W_<i − W_>i), with w normalised and W_<i, W_>i
 * the weight below and above the i-th smallest sample. It is in the unit of the forecast
 * (settlements for a count); 0 is a perfect, certain forecast; lower is better.
 *
 * @example
 *   crps([1, 2, 4], 3)   // 2/3: E|X − 3| = 4/3, E|X − X'| = 4/3
 *   crps([5, 5, 5], 5)   // 0
 */
export function crps(samples: ArrayLike<number>, y: number, weights?: ArrayLike<number>): number {
  const n = samples.length;
  if (n === 0) throw new RangeError('crps: no samples');
  if (weights && weights.length !== n) throw new RangeError(`crps: ${n} samples but ${weights.length} weights`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => samples[a] - samples[b] || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights ? weights[i] : 1;
  if (!(total > 0)) throw new RangeError('crps: the weights sum to zero');
  let absError = 0, spread = 0, below = 0;
  for (const i of order) {
    const w = (weights ? weights[i] : 1) / total;
    // Measured from y (the score does not depend on the origin): no cancellation of large counts.
    const x = samples[i] - y;
    absError += w * Math.abs(x);
    // Above = 1 - below - w.
    spread += 2 * w * x * (below - (1 - below - w));
    below += w;
  }
  return Math.max(0, absError - spread / 2);
}
