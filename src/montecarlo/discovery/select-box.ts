import type { TrajectoryBox } from './prim-peel.js';

/**
 * Picks the box to report from a peeling trajectory: among the boxes that cover at least
 * `minCoverage` of the cases, the one covering most whose density is within `slack` of the
 * densest (peeling deeper for a sliver of density would trade away coverage for noise).
 * The full box (coverage 1) always qualifies, so there is always an answer.
 *
 * @example
 *   selectBox([{ coverage: 1, density: 0.1 }, { coverage: 0.8, density: 0.4 }, { coverage: 0.6, density: 0.41 }, { coverage: 0.3, density: 0.9 }] as TrajectoryBox[], 0.5)
 *   // the second: the fourth covers too few cases, the third is hardly denser and covers less
 */
export function selectBox(trajectory: readonly TrajectoryBox[], minCoverage = 0.5, slack = 0.02): TrajectoryBox {
  const ok = trajectory.filter((t) => t.coverage + 1e-12 >= minCoverage);
  if (ok.length === 0) return trajectory[0];
  const densest = Math.max(...ok.map((t) => t.density));
  let best = ok[0];
  for (const t of ok) {
    if (t.density < densest - slack - 1e-12) continue;
    if (best.density < densest - slack - 1e-12 || t.coverage > best.coverage) best = t;
  }
  return best;
}
