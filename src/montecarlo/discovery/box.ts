import { effectiveSampleSize } from '../effective-sample-size.js';

/**
 * A box in input space: for each input (dimension) an inclusive range [lo, hi]; -Infinity
 * and Infinity where the input is not restricted. PRIM's boxes are sets of such ranges.
 */
export interface Box {
  lo: number[];
  hi: number[];
}

/** A box over `d` inputs that restricts nothing. */
export function fullBox(d: number): Box {
  return { lo: new Array(d).fill(-Infinity), hi: new Array(d).fill(Infinity) };
}

/** The inputs a box restricts. */
export function restricted(box: Box): number[] {
  const out: number[] = [];
  for (let j = 0; j < box.lo.length; j++) if (box.lo[j] > -Infinity || box.hi[j] < Infinity) out.push(j);
  return out;
}

/** A point's membership: every input within its range. `X` holds one column per input. */
export function inBox(X: readonly Float64Array[], i: number, box: Box): boolean {
  for (let j = 0; j < X.length; j++) {
    const v = X[j][i];
    if (v < box.lo[j] || v > box.hi[j]) return false;
  }
  return true;
}

/** n weights of 1: the unweighted case of every PRIM step. */
export function unitWeights(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}

/** What a box holds: its points, the cases (y = 1) among them, its support (share of all points), coverage (share of all cases) and density (share of its points that are cases). */
export interface BoxStats {
  n: number;
  cases: number;
  support: number;
  coverage: number;
  density: number;
}

/**
 * Coverage and density of a box (Bryant & Lempert 2010): coverage = cases in the box / all
 * cases; density = cases in the box / points in the box; support = points in the box / all.
 * With `w`, point i counts w[i] times (every count a sum of weights).
 *
 * @example
 *   const X = [Float64Array.of(1, 2, 3, 4)], y = Uint8Array.of(0, 0, 1, 1);
 *   boxStats(X, y, { lo: [2.5], hi: [Infinity] });   // { n: 2, cases: 2, support: 0.5, coverage: 1, density: 1 }
 */
export function boxStats(X: readonly Float64Array[], y: Uint8Array, box: Box, w: Float64Array = unitWeights(y.length)): BoxStats {
  let n = 0, cases = 0, all = 0, total = 0;
  for (let i = 0; i < y.length; i++) {
    total += w[i];
    all += w[i] * y[i];
    if (inBox(X, i, box)) { n += w[i]; cases += w[i] * y[i]; }
  }
  return { n, cases, support: total ? n / total : 0, coverage: all ? cases / all : 0, density: n ? cases / n : 0 };
}

/**
 * Kish's effective number of points in a box, (Σ w)² / Σ w² over the points inside: what
 * its density's interval can rest on when the points are weighted (the points themselves
 * when every weight is the same).
 *
 * @example
 *   boxEffectiveSize([Float64Array.of(1, 2, 3)], { lo: [2], hi: [Infinity] }, Float64Array.of(5, 1, 1))   // 4 / 2 = 2
 */
export function boxEffectiveSize(X: readonly Float64Array[], box: Box, w: Float64Array): number {
  return effectiveSampleSize(w.filter((_, i) => inBox(X, i, box)));
}
