/**
 * Splits futures into two halves for an honest search: the even-numbered ones (0, 2, 4, …)
 * to find a box with, the odd-numbered ones to check it on. Each half is given as weights
 * over all the futures — a future's own weight in its half, 0 in the other — so every PRIM
 * step runs on one half unchanged (a weight of 0 is a future that is not there at all).
 *
 * Why: PRIM searches dozens of inputs for the slice that raises the share of misses most,
 * so the box it ends with looks denser on the futures it was found among than it is; on
 * futures where the outcome has nothing to do with the inputs it "finds" a box most of the
 * time. Counted on futures that played no part in finding it, a box's density is what it
 * is, and its interval means what it says. Replications are independent and alike, so
 * alternate ones are as good a random split as any, and the same whatever the worker count.
 *
 * @example
 *   splitHalves(Float64Array.of(1, 2, 3, 4, 5))
 *   // { find: [1, 0, 3, 0, 5], check: [0, 2, 0, 4, 0] }
 */
export function splitHalves(w: Float64Array): { find: Float64Array; check: Float64Array } {
  const find = new Float64Array(w.length), check = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) (i % 2 === 0 ? find : check)[i] = w[i];
  return { find, check };
}
