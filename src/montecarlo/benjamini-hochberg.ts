/**
 * How many of a family of tests the Benjamini-Hochberg procedure declares discoveries at
 * false discovery rate q: R = the largest k with p_(k) <= k q / m (0 when none), where
 * p_(1) <= ... <= p_(m) are the p-values sorted; the discoveries are the R smallest. Among
 * the discoveries, the expected share that are in fact null is at most q (for independent
 * or positively dependent tests; Benjamini and Hochberg 1995, Benjamini and Yekutieli 2001).
 *
 * Screening many inputs for association with an outcome, testing each at 5 % flags about
 * one in twenty of those that have none; this bounds the share of such flags instead,
 * while keeping far more power than requiring each test to pass at 5 % / m (Bonferroni).
 *
 * @example
 *   benjaminiHochberg([0.001, 0.012, 0.03, 0.2])   // 3: 0.03 <= 3 × 0.05 / 4
 *   benjaminiHochberg([0.02, 0.2, 0.5, 0.9])       // 0: 0.02 > 0.05 / 4
 */
export function benjaminiHochberg(pValues: ArrayLike<number>, q = 0.05): number {
  const m = pValues.length;
  const sorted = Float64Array.from(pValues).sort();
  let r = 0;
  for (let k = 1; k <= m; k++) if (sorted[k - 1] <= (k * q) / m) r = k;
  return r;
}
