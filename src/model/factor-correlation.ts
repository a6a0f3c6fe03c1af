import { distribution, type DistributionSpec } from '../engine/index.js';
import { FACTOR_KINDS, partSpec, type FactorKind } from './factor-parts.js';
import type { ModelInput } from './input.js';

/** The implied correlations of one factor (see factorCorrelations). */
export interface FactorCorrelation {
  kind: FactorKind;
  /** Between two regions' factors in the same year. */
  betweenRegions: number;
  /** Between one region's factors in two different years. */
  betweenYears: number;
}

/** Mean and mean square of a distribution, by the midpoint rule over its quantiles (exact for a fixed value). */
function moments(spec: DistributionSpec | undefined): [mean: number, square: number] {
  if (spec === undefined) return [1, 1];
  if (spec.dist === 'fixed') return [spec.value, spec.value * spec.value];
  const d = distribution(spec), K = 20_000;
  let m1 = 0, m2 = 0;
  for (let i = 0; i < K; i++) {
    const x = d.quantile((i + 0.5) / K);
    m1 += x; m2 += x * x;
  }
  return [m1 / K, m2 / K];
}

/**
 * The correlation that a factor's parts imply: with F = N × R × Y (national, regional,
 * yearly, independent), two regions' factors in the same year share N and Y, so
 *
 *   corr(F_a, F_b) = (E[N²] E[Y²] E[R]² − (E[N] E[R] E[Y])²) / (E[N²] E[R²] E[Y²] − (E[N] E[R] E[Y])²)
 *
 * and one region's factors in two years share N and R (E[Y]² in the numerator instead).
 * A part the scenario leaves out is 1. Only the factors with a regional or yearly part are
 * listed (a national factor alone makes every region move as one: correlation 1).
 *
 * @example factorCorrelations(input)   // [{ kind: 'productivity', betweenRegions: 0.857, betweenYears: 0.99 }]
 */
export function factorCorrelations(input: ModelInput): FactorCorrelation[] {
  const out: FactorCorrelation[] = [];
  for (const kind of FACTOR_KINDS) {
    const regional = partSpec(input, 'regional', kind), yearly = partSpec(input, 'yearly', kind);
    if (!regional && !yearly) continue;
    const [n1, n2] = moments(input.factors?.[kind]), [r1, r2] = moments(regional), [y1, y2] = moments(yearly);
    const mean2 = (n1 * r1 * y1) ** 2;
    const variance = n2 * r2 * y2 - mean2;
    const corr = (shared: number) => (variance > 0 ? Math.round(((shared - mean2) / variance) * 1e4) / 1e4 : 1);
    out.push({ kind, betweenRegions: corr(n2 * y2 * r1 * r1), betweenYears: corr(n2 * r2 * y1 * y1) });
  }
  return out;
}
