import { fullBox, unitWeights, type Box, type BoxStats } from './box.js';

export interface PeelOptions {
  /** Share of the box's points removed by one peel (default 0.05). */
  alpha?: number;
  /** Stop before a box would hold less than this share of all points (default 0.05). */
  minSupport?: number;
  /**
   * Each point's weight, a whole number >= 0 (default 1 each): PRIM over the points each
   * repeated that many times, without repeating them (a conditioned run's importance weights).
   */
  weights?: Float64Array;
}

/** One box of the peeling trajectory with what it holds. */
export interface TrajectoryBox extends BoxStats {
  box: Box;
}

/**
 * PRIM's top-down peeling (Friedman & Fisher 1999, "Bump hunting in high-dimensional
 * data"): from the box holding every point, repeatedly remove a thin slice — the alpha share
 * of the box's points with the lowest, or the highest, values of one input — choosing the
 * slice that raises the density of cases (y = 1) in what remains the most per point
 * removed (so a peel of a discrete input, which must take all tied values at once, competes
 * fairly with a thin continuous one). Stops when no peel raises the density or the box
 * would fall below the minimum support. Returns the trajectory: every box from the full one
 * to the last, each with its coverage and density.
 *
 * `X` holds one column per input (all of length n), `y` the cases. With `weights`, every
 * count is a sum of weights: the trajectory is exactly the one of the data with point i
 * repeated weights[i] times (n, cases and support are then in weight).
 *
 * @example
 *   // Cases are exactly the points with x0 > 0.8: peeling closes in on that box.
 *   const t = primPeel([x0, x1], y, { alpha: 0.05, minSupport: 0.05 });
 *   t[t.length - 1].box.lo[0];   // ≈ 0.8, and density 1
 */
export function primPeel(X: readonly Float64Array[], y: Uint8Array, o: PeelOptions = {}): TrajectoryBox[] {
  const alpha = o.alpha ?? 0.05, minSupport = o.minSupport ?? 0.05;
  const d = X.length;
  const w = o.weights ?? unitWeights(y.length);
  // Each input's points in increasing order, kept to the points still in the box (compacted
  // after each peel), so a peel only walks the box's own points. A point of weight 0 is not
  // in the repeated data at all: left out, so no bound falls on its value.
  const points = Int32Array.from({ length: y.length }, (_, i) => i).filter((i) => w[i] > 0);
  let order = X.map((col) => points.slice().sort((a, b) => col[a] - col[b] || a - b));
  const inside = new Uint8Array(y.length).fill(1);
  const box = fullBox(d);
  let n = 0, cases = 0;
  for (let i = 0; i < y.length; i++) { n += w[i]; cases += w[i] * y[i]; }
  let count = n;
  const total = cases;
  const snapshot = (): TrajectoryBox => ({
    box: { lo: box.lo.slice(), hi: box.hi.slice() }, n: count, cases,
    support: n ? count / n : 0, coverage: total ? cases / total : 0, density: count ? cases / count : 0,
  });
  const trajectory = [snapshot()];
  const least = Math.max(1, Math.ceil(minSupport * n));

  for (;;) {
    const want = Math.max(1, Math.ceil(alpha * count));
    let best: { j: number; side: 'lo' | 'hi'; bound: number; removed: number; removedCases: number; score: number } | null = null;
    for (let j = 0; j < d; j++) {
      const col = X[j], ord = order[j];
      for (const side of ['lo', 'hi'] as const) {
        // Walk from this end over the box's points until `want` are taken, then take the ties too.
        let removed = 0, removedCases = 0, last = NaN, next = NaN;
        const m = ord.length;
        for (let k = 0; k < m; k++) {
          const i = ord[side === 'lo' ? k : m - 1 - k];
          const v = col[i];
          if (removed >= want && v !== last) { next = v; break; }
          removed += w[i]; removedCases += w[i] * y[i]; last = v;
        }
        if (Number.isNaN(next) || count - removed < least) continue; // nothing would remain, or too little
        const density = (cases - removedCases) / (count - removed);
        const score = (density - cases / count) / (removed / count);
        if (!best || score > best.score) best = { j, side, bound: next, removed, removedCases, score };
      }
    }
    if (!best || !(best.score > 0)) break;
    const { j, side, bound } = best;
    if (side === 'lo') box.lo[j] = bound; else box.hi[j] = bound;
    for (let i = 0; i < y.length; i++) {
      if (!inside[i]) continue;
      const v = X[j][i];
      if (side === 'lo' ? v < bound : v > bound) { inside[i] = 0; count -= w[i]; cases -= w[i] * y[i]; }
    }
    order = order.map((ord) => ord.filter((i) => inside[i] === 1));
    trajectory.push(snapshot());
  }
  return trajectory;
}
