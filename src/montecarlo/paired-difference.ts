import type { Estimate } from './analysis-result.js';
import { r6 } from './round.js';

const Z = 1.959963984540054;

/**
 * Paired difference of two per-replication series (a minus b, replication by replication):
 * the mean difference and a normal 95 % interval on the differences. With common random
 * numbers the pairs share their futures, so the interval is that of the effect, not of two
 * independent samples. Identical series give exactly 0 with a zero-width interval.
 *
 * @example pairedDifference([1, 1, 0, 1], [1, 0, 0, 1])  // { value: 0.25, ci95: [-0.24, 0.74] }
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): Estimate {
  const n = a.length;
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) { const d = a[i] - b[i]; s += d; s2 += d * d; }
  const mean = s / n;
  const variance = n > 1 ? Math.max(0, (s2 - n * mean * mean) / (n - 1)) : 0;
  const half = Z * Math.sqrt(variance / n);
  return { value: r6(mean), ci95: [r6(mean - half), r6(mean + half)] };
}
