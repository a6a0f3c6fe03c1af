import type { Estimate } from './analysis-result.js';
import { effectiveSampleSize } from './effective-sample-size.js';
import { r6 } from './round.js';
import { wilson } from './wilson.js';

/** A weighted difference of proportions with what it rests on. */
export interface WeightedProportionDifference extends Estimate {
  /** Newcombe's interval as if the two had been run on independent futures of their effective sizes. */
  independentCi95: [number, number];
  /** Futures in which only x (gained) or only y (lost) meets, counted in effective futures (see below). */
  gained: number;
  lost: number;
  /** The effective number of futures the pairs stand for: Kish's size of their mean normalised weight. */
  effectiveRuns: number;
}

const clampCount = (p: number, n: number) => Math.min(n, Math.max(0, p * n));

/**
 * pairedProportionDifference when each option's futures carry its own importance weights
 * (wx, wy ≥ 0, any scale: a comparison conditioned on observations, where each option
 * weighs the futures by how likely they make what was seen). The proportions are the
 * weighted shares px = Σ wx_i x_i / Σ wx; the interval is Newcombe's hybrid score interval
 * for paired data (method 10) with each proportion's Wilson interval at its Kish effective
 * sample size and, for the pairs' correlation, the correlation of the two estimators'
 * influence terms wx_i (x_i − px) and wy_i (y_i − py) — which with equal weights is
 * exactly the phi coefficient Newcombe uses, so equal weights give pairedProportionDifference.
 * Gained and lost are weighted by the pairs' mean normalised weight and scaled to its Kish
 * effective size (`effectiveRuns`): with equal weights, the counts of futures.
 *
 * @example
 *   weightedPairedProportionDifference([1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1]).value   // 0.25
 *   weightedPairedProportionDifference([1, 0], [1, 0], [1, 3], [3, 1]).value                            // 0.25 - 0.75 = -0.5
 */
export function weightedPairedProportionDifference(x: ArrayLike<number>, y: ArrayLike<number>, wx: ArrayLike<number>, wy: ArrayLike<number>): WeightedProportionDifference {
  const n = x.length;
  if (y.length !== n || wx.length !== n || wy.length !== n) throw new RangeError(`weightedPairedProportionDifference: series of ${n}, ${y.length} and weights of ${wx.length}, ${wy.length}`);
  let sx = 0, sy = 0, px = 0, py = 0;
  for (let i = 0; i < n; i++) {
    if (!(wx[i] >= 0) || !(wy[i] >= 0)) throw new RangeError(`weightedPairedProportionDifference: weight ${i} is ${wx[i]}, ${wy[i]}; expected >= 0`);
    sx += wx[i]; sy += wy[i];
    if (x[i]) px += wx[i];
    if (y[i]) py += wy[i];
  }
  if (!(sx > 0) || !(sy > 0)) return { value: 0, ci95: [-1, 1], independentCi95: [-1, 1], gained: 0, lost: 0, effectiveRuns: 0 };
  px /= sx; py /= sy;
  let cov = 0, vx = 0, vy = 0, gained = 0, lost = 0, pairSq = 0;
  for (let i = 0; i < n; i++) {
    const a = (wx[i] / sx) * ((x[i] ? 1 : 0) - px), b = (wy[i] / sy) * ((y[i] ? 1 : 0) - py);
    cov += a * b; vx += a * a; vy += b * b;
    const mean = (wx[i] / sx + wy[i] / sy) / 2;
    pairSq += mean * mean;
    if (x[i] && !y[i]) gained += mean;
    else if (!x[i] && y[i]) lost += mean;
  }
  const effectiveRuns = 1 / pairSq;
  const nx = effectiveSampleSize(wx), ny = effectiveSampleSize(wy);
  const [l1, u1] = wilson(clampCount(px, nx), nx), [l2, u2] = wilson(clampCount(py, ny), ny);
  const phi = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
  const dl = px - l1, du = u1 - px, el = py - l2, eu = u2 - py;
  const below = Math.sqrt(Math.max(0, dl * dl - 2 * phi * dl * eu + eu * eu));
  const above = Math.sqrt(Math.max(0, du * du - 2 * phi * du * el + el * el));
  const d = px - py;
  return {
    value: r6(d),
    ci95: [r6(Math.max(-1, d - below)), r6(Math.min(1, d + above))],
    independentCi95: [r6(Math.max(-1, d - Math.hypot(dl, eu))), r6(Math.min(1, d + Math.hypot(du, el)))],
    gained: r6(gained * effectiveRuns), lost: r6(lost * effectiveRuns), effectiveRuns: r6(effectiveRuns),
  };
}
