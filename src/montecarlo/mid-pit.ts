/**
 * The probability integral transform of an observation under an ensemble forecast, in its
 * "mid" form for discrete values (counts of settlements): P(X < y) + ½ P(X = y) over the
 * samples (each with its weight; equal weights when none are given). For a forecast with
 * no ties it is the ordinary PIT, the forecast's percentile of what happened; the mid
 * form needs no random numbers, so a back-test scores the same every time. Over many
 * observations a calibrated forecast's values spread evenly over [0, 1]; piling up near
 * 0 or 1 means the observations keep falling in the forecast's tails.
 *
 * @example
 *   midPit([1, 2, 2, 4], 2)   // 0.5 = 1/4 + ½ · 2/4
 *   midPit([1, 2, 3], 10)     // 1
 */
export function midPit(samples: ArrayLike<number>, y: number, weights?: ArrayLike<number>): number {
  const n = samples.length;
  if (n === 0) throw new RangeError('midPit: no samples');
  let below = 0, equal = 0, total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    if (samples[i] < y) below += w;
    else if (samples[i] === y) equal += w;
  }
  if (!(total > 0)) throw new RangeError('midPit: the weights sum to zero');
  return (below + equal / 2) / total;
}
