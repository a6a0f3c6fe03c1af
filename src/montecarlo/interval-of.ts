import { r6 } from './round.js';
import { wilson } from './wilson.js';

/**
 * A probability's 95 % interval as a summary states it (6 places): the Wilson interval of
 * `count` of `runs`, or — when the runs are not the futures the answer rests on, as in a
 * conditioned run whose aggregate counts weight — of the same exact fraction of
 * `intervalRuns` futures (the effective sample size). The fraction is taken before any
 * rounding, so equal weights give the unweighted run's interval to the last digit.
 *
 * @example
 *   intervalOf(4, 300)            // [0.005197, 0.033776]
 *   intervalOf(4e6, 3e8, 300)     // the same: 4 of 300 futures
 */
export function intervalOf(count: number, runs: number, intervalRuns?: number): [number, number] {
  const [lo, hi] = intervalRuns === undefined ? wilson(count, runs) : wilson(runs > 0 ? (count / runs) * intervalRuns : 0, intervalRuns);
  return [r6(lo), r6(hi)];
}
