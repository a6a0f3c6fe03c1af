import { normalCdf } from '../engine/index.js';

/**
 * Two-sided p-value of a Spearman rank correlation r over n pairs against no association,
 * from the same normal approximation as spearmanInterval: atanh(r) is roughly normal with
 * standard error sqrt(1.06 / (n - 3)) (Fieller, Hartley and Pearson 1957). So p < 0.05
 * exactly when spearmanInterval(r, n) excludes 0. Returns 1 when n <= 3 or r is not finite.
 *
 * @example
 *   spearmanPValue(0.3, 300)   // ≈ 2e-7
 *   spearmanPValue(0.08, 300)  // ≈ 0.17
 */
export function spearmanPValue(r: number, n: number): number {
  if (!(n > 3) || !Number.isFinite(r)) return 1;
  if (Math.abs(r) >= 1) return 0;
  const z = Math.abs(Math.atanh(r)) / Math.sqrt(1.06 / (n - 3));
  return Math.min(1, 2 * normalCdf(-z));
}
