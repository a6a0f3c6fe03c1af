import { boxStats, restricted, type Box } from './box.js';
import type { TrajectoryBox } from './prim-peel.js';

export interface SimplifyOptions {
  /** Drop a range when the box's density falls by at most this much without it (default 0.01). */
  tolerance?: number;
  /** Keep at most this many restricted inputs, dropping the least useful first (default 3). */
  maxInputs?: number;
}

/**
 * Makes a box readable: PRIM's last peels often shave a little off inputs that hardly
 * matter, so each end of a range is dropped in turn — the one whose removal costs least
 * density first — while that costs at most `tolerance`, and then until at most `maxInputs`
 * inputs are restricted (a rule of three conditions is one a person can hold in mind). The
 * returned stats are the simplified box's own.
 *
 * @example
 *   simplifyBox(X, y, { lo: [0.8, 0.01], hi: [Infinity, Infinity] });
 *   // drops the x1 >= 0.01 range when it barely changes the density
 */
export function simplifyBox(X: readonly Float64Array[], y: Uint8Array, start: Box, o: SimplifyOptions = {}): TrajectoryBox {
  const tolerance = o.tolerance ?? 0.01, maxInputs = o.maxInputs ?? 3;
  let box: Box = { lo: start.lo.slice(), hi: start.hi.slice() };
  let stats = boxStats(X, y, box);
  for (;;) {
    const inputs = restricted(box);
    if (inputs.length === 0) break;
    let best: { box: Box; stats: ReturnType<typeof boxStats> } | null = null;
    for (const j of inputs) {
      for (const side of ['lo', 'hi'] as const) {
        if (side === 'lo' ? box.lo[j] === -Infinity : box.hi[j] === Infinity) continue;
        const without: Box = { lo: box.lo.slice(), hi: box.hi.slice() };
        if (side === 'lo') without.lo[j] = -Infinity; else without.hi[j] = Infinity;
        const s = boxStats(X, y, without);
        if (!best || s.density > best.stats.density) best = { box: without, stats: s };
      }
    }
    if (!best) break;
    if (stats.density - best.stats.density > tolerance && inputs.length <= maxInputs) break;
    box = best.box;
    stats = best.stats;
  }
  return { box, ...stats };
}
