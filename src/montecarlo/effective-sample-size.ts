/**
 * Kish's effective sample size of weighted replications, (Σ w)² / Σ w²: how many equally
 * weighted replications would estimate a mean as precisely. It equals the number of
 * replications when every weight is the same and falls towards 1 as a few weights
 * dominate — the sign that importance weighting has collapsed onto a handful of futures.
 *
 * @example
 *   effectiveSampleSize([1, 1, 1, 1])   // 4
 *   effectiveSampleSize([4, 0, 0, 0])   // 1
 *   effectiveSampleSize([2, 1, 1])      // 16 / 6 ≈ 2.67
 */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0, sumSq = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0)) throw new RangeError(`effectiveSampleSize: weight ${i} is ${w}, expected >= 0`);
    sum += w;
    sumSq += w * w;
  }
  return sumSq > 0 ? (sum * sum) / sumSq : 0;
}
