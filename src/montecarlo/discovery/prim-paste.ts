import { boxStats, inBox, type Box } from './box.js';
import type { TrajectoryBox } from './prim-peel.js';

/**
 * PRIM's bottom-up pasting (Friedman & Fisher 1999): peeling is greedy and can cut too
 * deep, so the box's ranges are widened again, one at a time — by the alpha share of its
 * points, taking the nearest outside points that meet every other range — as long as a
 * widening raises the density of cases. Returns the pasted box with what it holds (the box
 * itself when no widening helps).
 *
 * @example
 *   const pasted = primPaste([x0, x1], y, peeled.box, { alpha: 0.05 });
 *   pasted.density >= peeled.density;   // true
 */
export function primPaste(X: readonly Float64Array[], y: Uint8Array, start: Box, o: { alpha?: number } = {}): TrajectoryBox {
  const alpha = o.alpha ?? 0.05;
  const box: Box = { lo: start.lo.slice(), hi: start.hi.slice() };
  let stats = boxStats(X, y, box);
  for (;;) {
    const want = Math.max(1, Math.ceil(alpha * stats.n));
    let best: { box: Box; density: number } | null = null;
    for (let j = 0; j < X.length; j++) {
      for (const side of ['lo', 'hi'] as const) {
        if ((side === 'lo' ? box.lo[j] : box.hi[j]) === (side === 'lo' ? -Infinity : Infinity)) continue;
        // Points just outside this range that meet every other range, nearest first.
        const others: Box = { lo: box.lo.slice(), hi: box.hi.slice() };
        if (side === 'lo') others.lo[j] = -Infinity; else others.hi[j] = Infinity;
        const outside: number[] = [];
        for (let i = 0; i < y.length; i++) {
          if (!inBox(X, i, others)) continue;
          const v = X[j][i];
          if (side === 'lo' ? v < box.lo[j] : v > box.hi[j]) outside.push(v);
        }
        if (outside.length === 0) continue;
        outside.sort((a, b) => (side === 'lo' ? b - a : a - b));
        const edge = outside[Math.min(outside.length, want) - 1];
        const wider: Box = { lo: box.lo.slice(), hi: box.hi.slice() };
        if (side === 'lo') wider.lo[j] = outside.length <= want ? -Infinity : edge; else wider.hi[j] = outside.length <= want ? Infinity : edge;
        const s = boxStats(X, y, wider);
        if (s.density > stats.density + 1e-12 && (!best || s.density > best.density)) best = { box: wider, density: s.density };
      }
    }
    if (!best) break;
    box.lo = best.box.lo; box.hi = best.box.hi;
    stats = boxStats(X, y, box);
  }
  return { box, ...stats };
}
