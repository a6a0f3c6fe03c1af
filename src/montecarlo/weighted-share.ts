import { effectiveSampleSize } from './effective-sample-size.js';
import { wilson } from './wilson.js';

/** A weighted share of replications with its 95 % interval and the futures it rests on. */
export interface WeightedShare {
  share: number;
  ci95: [number, number];
  /** Kish's effective sample size of the weights (n when they are all equal). */
  effective: number;
}

/**
 * The share of the first `n` replications that met (met[i] 1 or 0), each weighing w[i]
 * (whole-number importance weights, conditionOn), with the Wilson interval of the same
 * fraction of the effective sample size — as a conditioned run states its probabilities
 * (intervalOf). Equal weights give met / n and the plain Wilson interval exactly.
 *
 * @example
 *   weightedShare(Uint8Array.of(1, 0, 0), Float64Array.of(2, 1, 1))   // share 0.5, effective 16/6 ≈ 2.67
 *   weightedShare(Uint8Array.of(1, 0), Float64Array.of(5, 5))         // share 0.5, effective 2, ci95 = wilson(1, 2)
 */
export function weightedShare(met: ArrayLike<number>, w: ArrayLike<number>, n = met.length): WeightedShare {
  let yes = 0, all = 0;
  for (let i = 0; i < n; i++) { all += w[i]; if (met[i]) yes += w[i]; }
  const share = all > 0 ? yes / all : 0;
  const effective = effectiveSampleSize(n === w.length ? w : Array.prototype.slice.call(w, 0, n) as number[]);
  return { share, ci95: wilson(Math.min(effective, share * effective), effective), effective };
}
