import { FACTOR_KINDS, FactorParts, partSpec, type CompiledModel, type FactorPart } from '../model/index.js';
import { weightedQuantiles } from './weighted-quantiles.js';

/**
 * What a conditioned run's observations say about the regional and yearly parts of the
 * factors: per part the scenario draws, the P10 and P90 of a region's (a year's) part
 * given the observations — the weighted quantiles of every region's (year's) part in every
 * replication, each with its replication's weight w_i. A run records the parts only as
 * their mean and worst (a part per region, or year, and kind would widen every run's
 * rows); they are drawn again here, since replication i's depend only on (seed, i). Pooled
 * over regions: a sensitivity swing pins every region's part to one value, so the value a
 * region's part takes given what was seen is the one to swing between, even where the
 * observations favour some regions more than others. Keyed by the scenario path the swing
 * names: `regionalFactors.<kind>`, `yearlyFactors.<kind>`.
 *
 * @example
 *   const seen = observedInput(input, obs);
 *   const { conditioning } = await runObserved(seen, identity, { runs: 1000, seed: 1 }, obs);
 *   partPosteriors(compileModel(seen), 1, conditioning!.weights).get('regionalFactors.permitDelay')   // { p10, p90 }
 */
export function partPosteriors(m: CompiledModel, seed: number, weights: ArrayLike<number>): Map<string, { p10: number; p90: number }> {
  const out = new Map<string, { p10: number; p90: number }>();
  const n = weights.length;
  const given = (['regional', 'yearly'] as const).flatMap((part) => FACTOR_KINDS.flatMap((kind, k) => (partSpec(m.input, part, kind) ? [{ part, kind, k }] : [])));
  if (given.length === 0 || n === 0) return out;
  const parts = new FactorParts(m);
  const count = (part: FactorPart) => (part === 'regional' ? m.regionIds.length : m.years);
  const values = given.map(({ part }) => new Float64Array(n * count(part)));
  for (let i = 0; i < n; i++) {
    parts.draw(seed, i);
    given.forEach(({ part, k }, g) => {
      const c = count(part);
      for (let x = 0; x < c; x++) values[g][i * c + x] = part === 'regional' ? parts.regionalOf(k, x) : parts.yearlyOf(k, x);
    });
  }
  // Every region's (year's) value of replication i weighs w_i: one such array per part, shared by its kinds.
  const spread = (part: FactorPart) => {
    const c = count(part), out = new Float64Array(n * c);
    for (let i = 0; i < n; i++) out.fill(weights[i], i * c, (i + 1) * c);
    return out;
  };
  const w = { regional: spread('regional'), yearly: spread('yearly') };
  given.forEach(({ part, kind }, g) => {
    const [p10, p90] = weightedQuantiles(values[g], w[part], [0.1, 0.9]);
    out.set(`${part === 'regional' ? 'regionalFactors' : 'yearlyFactors'}.${kind}`, { p10, p90 });
  });
  return out;
}
