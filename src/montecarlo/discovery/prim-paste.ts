import { boxStats, unitWeights, type Box } from './box.js';
import type { TrajectoryBox } from './prim-peel.js';

/**
 * PRIM's bottom-up pasting (Friedman & Fisher 1999): peeling is greedy and can cut too
 * deep, so the box's ranges are widened again, one at a time — by the alpha share of its
 * points, taking the nearest outside points that meet every other range — as long as a
 * widening raises the density of cases. Returns the pasted box with what it holds (the box
 * itself when no widening helps). With `weights`, point i counts weights[i] times (as primPeel).
 *
 * @example
 *   const pasted = primPaste([x0, x1], y, peeled.box, { alpha: 0.05 });
 *   pasted.density >= peeled.density;   // true
 */
export function primPaste(X: readonly Float64Array[], y: Uint8Array, start: Box, o: { alpha?: number; weights?: Float64Array } = {}): TrajectoryBox {
  const alpha = o.alpha ?? 0.05;
  const w = o.weights ?? unitWeights(y.length);
  const box: Box = { lo: start.lo.slice(), hi: start.hi.slice() };
  let stats = boxStats(X, y, box, w);
  for (;;) {
    const want = Math.max(1, Math.ceil(alpha * stats.n));
    let best: { box: Box; density: number } | null = null;
    // Which range each point breaks: -1 none (inside), j when it breaks only range j, -2 more than one.
    const breaks = new Int32Array(y.length);
    for (let i = 0; i < y.length; i++) {
      let b = -1;
      for (let j = 0; j < X.length; j++) {
        const v = X[j][i];
        if (v < box.lo[j] || v > box.hi[j]) { b = b === -1 ? j : -2; if (b === -2) break; }
      }
      breaks[i] = b;
    }
    for (let j = 0; j < X.length; j++) {
      for (const side of ['lo', 'hi'] as const) {
        if ((side === 'lo' ? box.lo[j] : box.hi[j]) === (side === 'lo' ? -Infinity : Infinity)) continue;
        // Points just outside this range that meet every other range, nearest first.
        const outside: { v: number; c: number; w: number }[] = [];
        for (let i = 0; i < y.length; i++) {
          if (breaks[i] !== j || w[i] === 0) continue;
          const v = X[j][i];
          if (side === 'lo' ? v < box.lo[j] : v > box.hi[j]) outside.push({ v, c: w[i] * y[i], w: w[i] });
        }
        if (outside.length === 0) continue;
        outside.sort((a, b) => (side === 'lo' ? b.v - a.v : a.v - b.v));
        // Take `want` of them (in weight), and any tied with the last one taken.
        let k = 0, taken = 0, added = 0;
        while (k < outside.length && (taken < want || outside[k].v === outside[k - 1].v)) { taken += outside[k].w; added += outside[k].c; k++; }
        const density = (stats.cases + added) / (stats.n + taken);
        if (density > stats.density + 1e-12 && (!best || density > best.density)) {
          const wider: Box = { lo: box.lo.slice(), hi: box.hi.slice() };
          const edge = k === outside.length ? (side === 'lo' ? -Infinity : Infinity) : outside[k - 1].v;
          if (side === 'lo') wider.lo[j] = edge; else wider.hi[j] = edge;
          best = { box: wider, density };
        }
      }
    }
    if (!best) break;
    box.lo = best.box.lo; box.hi = best.box.hi;
    stats = boxStats(X, y, box, w);
  }
  return { box, ...stats };
}
