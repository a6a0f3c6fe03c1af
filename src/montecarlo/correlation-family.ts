import { normalQuantile } from '../engine/index.js';
import { r6 } from './round.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { spearmanPValue } from './spearman-p-value.js';

/** False discovery rate and false coverage-statement rate of the correlations shown. */
const FAMILY_RATE = 0.05;

/**
 * The correlations shown as one family: the Benjamini-Hochberg discoveries among their
 * p-values (spearmanPValue) at a false discovery rate of 5 %, and the normal quantile of
 * the intervals that go with them — level 1 - R q / m for R discoveries among m (Benjamini
 * and Yekutieli 2005: selected intervals at that level miss their true value in at most
 * 5 % of the selected, on average). At that level an interval excludes 0 exactly when its
 * correlation is a discovery (none: the Bonferroni level 1 - q / m, where none does).
 * `n` is the sample size each correlation rests on (the effective one, when weighted).
 *
 * @example
 *   const { z, adjusted } = familyAdjustment([0.3, 0.01, -0.02, 0.25], 1000);
 *   // adjusted.discoveries === 2, adjusted.level === 0.975: spearmanInterval(r, 1000, z)
 */
export function familyAdjustment(rhos: readonly number[], n: number): { z: number; adjusted: DriversAdjustment } {
  const m = rhos.length;
  const discoveries = benjaminiHochberg(rhos.map((r) => spearmanPValue(r, n)), FAMILY_RATE);
  const level = m === 0 ? 0.95 : 1 - (Math.max(1, discoveries) * FAMILY_RATE) / m;
  return { z: normalQuantile(1 - (1 - level) / 2), adjusted: { correlations: m, discoveries, level: r6(level), falseDiscoveryRate: FAMILY_RATE } };
}

/** How the correlations' adjusted intervals (ci95Adjusted) were set: see familyAdjustment. */
export interface DriversAdjustment {
  /** Correlations shown (inputs × targets): the family. */
  correlations: number;
  /** Those whose adjusted interval excludes 0 (Benjamini-Hochberg discoveries). */
  discoveries: number;
  /** The adjusted intervals' level, 1 - max(1, discoveries) × 5 % / correlations. */
  level: number;
  /** The family's false discovery rate: 0.05. */
  falseDiscoveryRate: number;
}
