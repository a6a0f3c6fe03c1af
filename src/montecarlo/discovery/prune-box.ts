import { boxEffectiveSize, boxStats, restricted, type Box } from './box.js';
import { wilson } from '../wilson.js';

/**
 * Drops the conditions of a box that do not hold among other futures than those it was
 * found in: an input's range stays only when, among the futures weighted by `w` (the
 * checking half, splitHalves), the box is denser than the box without that range — the
 * lower (one-sided 95 %) bound of its density above the density without it. The range that
 * holds least goes first, and then the test is made again, until every range left holds.
 * A box may lose every range (then nothing it said held).
 *
 * Why: a box that holds as a whole can carry passengers. PRIM peels a little off inputs
 * that happen to line up with the outcome among the futures it searches, and the
 * simplification keeps such a range when dropping it would cost density there; among other
 * futures it adds nothing, and a sentence naming it ("the fibre design time is not high on
 * average") sends a reader after noise. This is the quasi-p-value test of Bryant & Lempert
 * (2010) — is the box denser than it would be without the range? — made on futures that
 * played no part in choosing the range.
 *
 * @example
 *   // x0 marks the cases; the range on x1 was noise in the futures it was found among
 *   pruneBox([x0, x1], y, { lo: [0.7, 0.2], hi: [Infinity, Infinity] }, check)
 *   // { lo: [0.7, -Infinity], hi: [Infinity, Infinity] }
 */
export function pruneBox(X: readonly Float64Array[], y: Uint8Array, start: Box, w: Float64Array): Box {
  let box: Box = { lo: start.lo.slice(), hi: start.hi.slice() };
  for (;;) {
    const inputs = restricted(box);
    if (inputs.length === 0) return box;
    const inside = boxEffectiveSize(X, box, w);
    const lower = wilson(boxStats(X, y, box, w).density * inside, inside, ONE_SIDED_95)[0];
    let weakest = -1, weakestMargin = Infinity;
    for (const j of inputs) {
      const without = dropInput(box, j);
      const margin = lower - boxStats(X, y, without, w).density;
      if (margin < weakestMargin) { weakest = j; weakestMargin = margin; }
    }
    if (weakestMargin > 0) return box;
    box = dropInput(box, weakest);
  }
}

/** z of a one-sided 95 % bound: the range is tested in one direction only (does it make the box denser?). */
const ONE_SIDED_95 = 1.6448536269514722;

/** The box without its range on input j. */
function dropInput(box: Box, j: number): Box {
  const out = { lo: box.lo.slice(), hi: box.hi.slice() };
  out.lo[j] = -Infinity;
  out.hi[j] = Infinity;
  return out;
}
