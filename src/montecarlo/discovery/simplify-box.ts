import { boxStats, restricted, unitWeights, type Box } from './box.js';
import type { TrajectoryBox } from './prim-peel.js';

export interface SimplifyOptions {
  /** Drop a range when the box's density falls by at most this much without it (default 0.01). */
  tolerance?: number;
  /** Keep at most this many restricted inputs, dropping the least useful first (default 3). */
  maxInputs?: number;
  /** Each point's weight (default 1 each): point i counts weights[i] times (as primPeel). */
  weights?: Float64Array;
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
  const w = o.weights ?? unitWeights(y.length);
  let stats = boxStats(X, y, box, w);
  const d = X.length;
  const gainN = new Float64Array(2 * d), gainCases = new Float64Array(2 * d);
  let allCases = 0, n = 0;
  for (let i = 0; i < y.length; i++) { allCases += w[i] * y[i]; n += w[i]; }
  for (;;) {
    const inputs = restricted(box);
    if (inputs.length === 0) break;
    // Dropping one end (condition c = 2j for lo, 2j + 1 for hi) lets in exactly the points
    // that break that condition and no other: count them all in one pass.
    gainN.fill(0); gainCases.fill(0);
    for (let i = 0; i < y.length; i++) {
      let c = -1;
      for (let j = 0; j < d; j++) {
        const v = X[j][i];
        const broken = v < box.lo[j] ? 2 * j : v > box.hi[j] ? 2 * j + 1 : -1;
        if (broken < 0) continue;
        if (c >= 0) { c = -2; break; }
        c = broken;
      }
      if (c >= 0) { gainN[c] += w[i]; gainCases[c] += w[i] * y[i]; }
    }
    let best = -1, bestDensity = -1;
    for (const j of inputs) {
      for (const c of [2 * j, 2 * j + 1]) {
        if (c % 2 === 0 ? box.lo[j] === -Infinity : box.hi[j] === Infinity) continue;
        const density = (stats.cases + gainCases[c]) / (stats.n + gainN[c]);
        if (density > bestDensity) { best = c; bestDensity = density; }
      }
    }
    if (best < 0) break;
    if (stats.density - bestDensity > tolerance && inputs.length <= maxInputs) break;
    const j = best >> 1;
    box = { lo: box.lo.slice(), hi: box.hi.slice() };
    if (best % 2 === 0) box.lo[j] = -Infinity; else box.hi[j] = Infinity;
    const added = gainN[best], addedCases = gainCases[best];
    const nIn = stats.n + added, cases = stats.cases + addedCases;
    stats = { n: nIn, cases, support: n ? nIn / n : 0, coverage: allCases ? cases / allCases : 0, density: nIn ? cases / nIn : 0 };
  }
  return { box, ...stats };
}
