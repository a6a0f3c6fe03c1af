import type { Estimate } from './analysis-result.js';
import { effectiveSampleSize } from './effective-sample-size.js';
import { r6 } from './round.js';

const Z = 1.959963984540054;

/**
 * pairedDifference when each option's futures are weighted by its own conditioning on
 * observations (importance weights wa, wb ≥ 0, any scale): the difference of the two
 * self-normalised weighted means, μa − μb with μa = Σ wa_i a_i / Σ wa, and a normal 95 %
 * interval from the delta method, where future i contributes
 *   d_i = wa_i / Σwa · (a_i − μa) − wb_i / Σwb · (b_i − μb)
 * and Var = Σ d_i² · n/(n − 1), n the Kish effective size of the pairs' mean weight
 * ((va + vb) / 2, v the normalised weights). The pairs stay paired (future i is the same
 * future in both options), so where both options weigh the futures alike this is the
 * weighted paired difference — and with equal weights exactly pairedDifference's interval.
 * Futures of weight 0 in both count for nothing.
 *
 * When either option's weights rest on fewer than two effective futures (Kish), the
 * delta method has nothing to estimate a spread from (one future carries the weight: its
 * terms are 0, and the interval would shrink to a point). The interval is then what the
 * futures carrying weight allow: for options that weigh them alike, the smallest to the
 * largest of their paired differences a_i − b_i (identical options: exactly 0); otherwise
 * the smallest a_i minus the largest b_i to the largest a_i minus the smallest b_i.
 *
 * @example
 *   weightedPairedDifference([1, 1, 0, 1], [1, 0, 0, 1], [1, 1, 1, 1], [1, 1, 1, 1])   // as pairedDifference: { value: 0.25, ci95: [-0.24, 0.74] }
 *   weightedPairedDifference([5, 9], [5, 9], [1, 0], [0, 1])                          // { value: -4, ci95: [-4, 4] }: a weighs only the first future, b only the second
 */
export function weightedPairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, wa: ArrayLike<number>, wb: ArrayLike<number>): Estimate {
  const n = a.length;
  if (b.length !== n || wa.length !== n || wb.length !== n) throw new RangeError(`weightedPairedDifference: series of ${n}, ${b.length} and weights of ${wa.length}, ${wb.length}`);
  let sa = 0, sb = 0, ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    if (!(wa[i] >= 0) || !(wb[i] >= 0)) throw new RangeError(`weightedPairedDifference: weight ${i} is ${wa[i]}, ${wb[i]}; expected >= 0`);
    sa += wa[i]; sb += wb[i]; ma += wa[i] * a[i]; mb += wb[i] * b[i];
  }
  if (!(sa > 0) || !(sb > 0)) throw new RangeError('weightedPairedDifference: every weight of an option is 0');
  ma /= sa; mb /= sb;
  let v = 0, pairSq = 0;
  for (let i = 0; i < n; i++) {
    const va = wa[i] / sa, vb = wb[i] / sb;
    const d = va * (a[i] - ma) - vb * (b[i] - mb);
    v += d * d;
    const mean = (va + vb) / 2;
    pairSq += mean * mean;
  }
  if (effectiveSampleSize(wa) < 2 || effectiveSampleSize(wb) < 2) return { value: r6(ma - mb), ci95: supportOf(a, b, wa, wb, sa, sb) };
  const eff = 1 / pairSq;
  const variance = eff > 1 ? (v * eff) / (eff - 1) : 0;
  const mean = ma - mb, half = Z * Math.sqrt(variance);
  return { value: r6(mean), ci95: [r6(mean - half), r6(mean + half)] };
}

/** The differences the futures carrying weight allow (see weightedPairedDifference). */
function supportOf(a: ArrayLike<number>, b: ArrayLike<number>, wa: ArrayLike<number>, wb: ArrayLike<number>, sa: number, sb: number): [number, number] {
  let alike = true;
  for (let i = 0; i < a.length && alike; i++) alike = Math.abs(wa[i] / sa - wb[i] / sb) <= 1e-12;
  let dLo = Infinity, dHi = -Infinity, aLo = Infinity, aHi = -Infinity, bLo = Infinity, bHi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (wa[i] === 0 && wb[i] === 0) continue;
    const d = a[i] - b[i];
    dLo = Math.min(dLo, d); dHi = Math.max(dHi, d);
    aLo = Math.min(aLo, a[i]); aHi = Math.max(aHi, a[i]);
    bLo = Math.min(bLo, b[i]); bHi = Math.max(bHi, b[i]);
  }
  return alike ? [r6(dLo), r6(dHi)] : [r6(aLo - bHi), r6(aHi - bLo)];
}
