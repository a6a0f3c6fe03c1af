import type { Estimate } from './analysis-result.js';
import { r6 } from './round.js';
import { wilson } from './wilson.js';

/**
 * The difference of two proportions measured on the same futures (paired, common random
 * numbers: x_i and y_i are 1 when future i meets the target under each option) with
 * Newcombe's hybrid score interval for paired data (Newcombe 1998, "Improved confidence
 * intervals for the difference between binomial proportions based on paired data", method
 * 10): the Wilson intervals of the two proportions, combined with the correlation of the
 * pairs. Unlike a normal interval on the differences it stays inside [-1, 1] and does not
 * shrink to nothing when neither option ever meets the target (0 of n against 0 of n
 * leaves each proportion anywhere in its Wilson interval); identical series still give a
 * difference of 0 with an interval close to it (no future disagrees).
 *
 * @example
 *   pairedProportionDifference(new Uint8Array(100), new Uint8Array(100))   // { value: 0, ci95: [-0.036995, 0.036995] }
 */
export function pairedProportionDifference(x: ArrayLike<number>, y: ArrayLike<number>): Estimate {
  const n = x.length;
  let both = 0, onlyX = 0, onlyY = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] && y[i]) both++;
    else if (x[i]) onlyX++;
    else if (y[i]) onlyY++;
  }
  const neither = n - both - onlyX - onlyY;
  if (n === 0) return { value: 0, ci95: [-1, 1] };
  const p1 = (both + onlyX) / n, p2 = (both + onlyY) / n;
  const [l1, u1] = wilson(both + onlyX, n), [l2, u2] = wilson(both + onlyY, n);
  const margins = (both + onlyX) * (onlyY + neither) * (both + onlyY) * (onlyX + neither);
  const phi = margins > 0 ? (both * neither - onlyX * onlyY) / Math.sqrt(margins) : 0;
  const dl = p1 - l1, du = u1 - p1, el = p2 - l2, eu = u2 - p2;
  const below = Math.sqrt(Math.max(0, dl * dl - 2 * phi * dl * eu + eu * eu));
  const above = Math.sqrt(Math.max(0, du * du - 2 * phi * du * el + el * el));
  const d = p1 - p2;
  return { value: r6(d), ci95: [r6(Math.max(-1, d - below)), r6(Math.min(1, d + above))] };
}

/**
 * The same difference as if the two options had been run on independent futures: Newcombe's
 * hybrid score interval for independent proportions (Newcombe 1998, method 10) — what the
 * comparison would say without common random numbers (it is wider when the pairs agree).
 *
 * @example independentProportionInterval(0, 100, 0, 100)   // [-0.036995, 0.036995]
 */
export function independentProportionInterval(x1: number, n1: number, x2: number, n2: number): [number, number] {
  const p1 = n1 > 0 ? x1 / n1 : 0, p2 = n2 > 0 ? x2 / n2 : 0;
  const [l1, u1] = wilson(x1, n1), [l2, u2] = wilson(x2, n2);
  const d = p1 - p2;
  return [r6(Math.max(-1, d - Math.hypot(p1 - l1, u2 - p2))), r6(Math.min(1, d + Math.hypot(u1 - p1, p2 - l2)))];
}
