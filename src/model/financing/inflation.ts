import { stream } from '../../engine/index.js';
import type { CompiledModel } from '../compile.js';

/** The lowest inflation rate a draw may give: prices can fall, but not to nothing. */
export const LOWEST_INFLATION = -0.99;

/**
 * This replication's yearly inflation rate (0 without inflation), from its own stream
 * ('inflation'), so that adding inflation to a scenario changes no other draw.
 *
 * @example drawInflation(m, 1, 7)   // 0.083: replication 7's rate; a job paid on day t pays (1.083)^(t / 365.25) × its cost
 */
export function drawInflation(m: CompiledModel, seed: number, rep: number): number {
  const d = m.financing.inflation;
  if (d === null) return 0;
  return Math.max(LOWEST_INFLATION, d.quantile(stream(seed, rep, 'inflation')()));
}
