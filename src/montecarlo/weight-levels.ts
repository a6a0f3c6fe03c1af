/** Levels a weight is rounded to for describing the futures (what drives the risk, what goes wrong together). */
export const WEIGHT_LEVELS = 1000;

/**
 * Whole-number weights rounded to `levels` steps of the heaviest: round(levels · w / max w).
 * Weights the observations tell apart by less than a step become equal, so observations
 * that hardly tell futures apart describe them as a run without observations does: PRIM is
 * greedy, and a weight of 4,193 beside 4,194 was enough to send a peel one future further
 * and the whole box elsewhere. A future less than half a step as likely as the heaviest
 * weighs 0. All zero weights stay zero.
 *
 * @example
 *   weightLevels(Float64Array.of(4194, 4193, 2097, 1), 1000)   // [1000, 1000, 500, 0]
 */
export function weightLevels(weights: ArrayLike<number>, levels = WEIGHT_LEVELS): Float64Array {
  let max = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0)) throw new RangeError(`weightLevels: weight ${i} is ${w}, expected >= 0`);
    if (w > max) max = w;
  }
  const out = new Float64Array(weights.length);
  if (max > 0) for (let i = 0; i < weights.length; i++) out[i] = Math.round((levels * weights[i]) / max);
  return out;
}
