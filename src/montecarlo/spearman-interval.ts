/**
 * Approximate 95 % confidence interval of a Spearman rank correlation r over n pairs:
 * Fisher's z-transform with the standard error sqrt(1.06 / (n - 3)) that Fieller, Hartley
 * and Pearson (1957) found for Spearman's rho (Pearson's r would have 1 / sqrt(n - 3)):
 * tanh(atanh(r) ± z · sqrt(1.06 / (n - 3))). An interval that contains 0 means the sample
 * cannot tell the association from noise. Returns [-1, 1] when n <= 3.
 *
 * @example
 *   spearmanInterval(0.3, 300)   // [0.190, 0.402] (3 d.p.): clearly positive
 *   spearmanInterval(0.08, 300)  // [-0.037, 0.195]: not distinguishable from 0
 */
export function spearmanInterval(r: number, n: number, z = 1.959963984540054): [number, number] {
  if (!(n > 3) || !Number.isFinite(r)) return [-1, 1];
  // atanh(±1) is infinite: a perfect rank correlation keeps its end of the interval.
  const c = Math.max(-1 + 1e-12, Math.min(1 - 1e-12, r));
  const centre = Math.atanh(c);
  const half = z * Math.sqrt(1.06 / (n - 3));
  return [Math.tanh(centre - half), Math.tanh(centre + half)];
}
