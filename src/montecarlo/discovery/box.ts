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
 *
 * @example
 *   const X = [Float64Array.of(1, 2, 3, 4)], y = Uint8Array.of(0, 0, 1, 1);
 *   boxStats(X, y, { lo: [2.5], hi: [Infinity] });   // { n: 2, cases: 2, support: 0.5, coverage: 1, density: 1 }
 */
export function boxStats(X: readonly Float64Array[], y: Uint8Array, box: Box): BoxStats {
  let n = 0, cases = 0, all = 0;
  for (let i = 0; i < y.length; i++) {
    all += y[i];
    if (inBox(X, i, box)) { n++; cases += y[i]; }
  }
  return { n, cases, support: y.length ? n / y.length : 0, coverage: all ? cases / all : 0, density: n ? cases / n : 0 };
}
