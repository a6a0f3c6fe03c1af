/**
 * Quantiles of integer-valued outcomes kept as count histograms (bin v = how many
 * replications had value v). Counts add exactly, so histograms from any number of
 * workers or machines merge into the same result in any order — the basis of
 * byte-identical summaries — and memory does not grow with the number of replications.
 */

/**
 * The p-quantile of the values in `hist[offset .. offset+length)`: the smallest value v
 * whose cumulative count reaches ceil(p * total) (the inverse empirical CDF). Returns -1
 * when the histogram is empty.
 */
export function histogramQuantile(hist: ArrayLike<number>, p: number, offset = 0, length = hist.length - offset): number {
  let total = 0;
  for (let i = 0; i < length; i++) total += hist[offset + i];
  if (total === 0) return -1;
  const rank = Math.max(1, Math.ceil(p * total - 1e-9));
  let acc = 0;
  for (let i = 0; i < length; i++) {
    acc += hist[offset + i];
    if (acc >= rank) return i;
  }
  return length - 1;
}

/** Several quantiles in one pass (ps ascending). */
export function histogramQuantiles(hist: ArrayLike<number>, ps: readonly number[], offset = 0, length = hist.length - offset): number[] {
  let total = 0;
  for (let i = 0; i < length; i++) total += hist[offset + i];
  if (total === 0) return ps.map(() => -1);
  const out: number[] = [];
  let acc = 0, i = -1;
  for (const p of ps) {
    const rank = Math.max(1, Math.ceil(p * total - 1e-9));
    while (acc < rank && i < length - 1) acc += hist[offset + ++i];
    out.push(i);
  }
  return out;
}
