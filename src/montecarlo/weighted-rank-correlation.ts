/**
 * Spearman's rank correlation of weighted pairs: the one of the data with pair i repeated
 * w[i] times (whole-number weights, as a conditioned run's importance weights are), computed
 * without repeating anything. Each value's rank is its midrank among the repeated values —
 * the weight of the values below it plus half the weight of its ties, less a half — and the
 * correlation is the weighted Pearson correlation of the ranks. Ties share their rank, so the
 * answer does not depend on the order of the pairs; pairs of weight 0 count for nothing.
 * NaN when either side has no rank variance (as simple-statistics' sampleRankCorrelation).
 *
 * @example
 *   weightedRankCorrelation([1, 2, 3], [1, 3, 2], [1, 1, 1])   // 0.5, as sampleRankCorrelation
 *   weightedRankCorrelation([1, 2, 3], [1, 3, 2], [1, 0, 1])   // 1: the middle pair is not there
 */
export function weightedRankCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n || w.length !== n) throw new RangeError(`weightedRankCorrelation: ${n} x, ${y.length} y and ${w.length} weights`);
  const rx = weightedMidranks(x, w), ry = weightedMidranks(y, w);
  let W = 0, mx = 0, my = 0;
  for (let i = 0; i < n; i++) { W += w[i]; mx += w[i] * rx[i]; my += w[i] * ry[i]; }
  if (!(W > 0)) return NaN;
  mx /= W; my /= W;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - mx, dy = ry[i] - my;
    sxy += w[i] * dx * dy; sxx += w[i] * dx * dx; syy += w[i] * dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Each value's midrank (from 0) among the values repeated by their weights: the weight of the
 * values below it plus (the weight of its ties - 1) / 2.
 *
 * @example weightedMidranks([5, 3, 5], [1, 2, 1])   // [2.5, 0.5, 2.5]: 3 3 5 5 ranked 0 1 2 3
 */
export function weightedMidranks(values: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let before = 0;
  for (let k = 0; k < n;) {
    let end = k, tied = 0;
    while (end < n && values[order[end]] === values[order[k]]) tied += w[order[end++]];
    const rank = before + (tied - 1) / 2;
    for (let t = k; t < end; t++) ranks[order[t]] = rank;
    before += tied;
    k = end;
  }
  return ranks;
}
