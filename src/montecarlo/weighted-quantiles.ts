/**
 * Quantiles of weighted values with the same rule as histogramQuantile (the inverse
 * empirical CDF): for each p, the smallest value whose cumulative weight reaches
 * max(1, ceil(p · W)) of the total weight W, with whole-number weights. So quantiles of
 * a conditioned run computed from its replications' values equal those of its weighted
 * histograms. Equal weights of 1 when none are given; -1 for each p when nothing weighs.
 *
 * @example
 *   weightedQuantiles([30, 10, 20], [1, 1, 2], [0.25, 0.5, 0.9])   // [10, 20, 30]
 */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, ps: readonly number[]): number[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights ? weights[i] : 1;
  if (!(total > 0)) return ps.map(() => -1);
  return ps.map((p) => {
    const rank = Math.max(1, Math.ceil(p * total - 1e-9));
    let acc = 0;
    for (const i of order) {
      acc += weights ? weights[i] : 1;
      if (acc >= rank) return values[i];
    }
    return values[order[n - 1]];
  });
}
