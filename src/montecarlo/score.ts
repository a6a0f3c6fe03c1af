import type { ObservationInput } from '../model/index.js';
import { column } from './condition.js';
import { crps } from './crps.js';
import { midPit } from './mid-pit.js';
import type { ScoreEntry, ScoresResult } from './observed-result.js';
import { weightedQuantiles } from './weighted-quantiles.js';

const sameObservation = (a: ObservationInput, b: ObservationInput) => a.date === b.date && a.region === b.region && a.metric === b.metric;

/**
 * A back-test: each observation against the run's forecast of it — the simulated values
 * of n replications, weighted when the run was conditioned — as the mid-PIT (the
 * forecast's percentile of the observed value), the CRPS and whether it fell outside
 * the forecast's P5–P95 band. The forecast is the simulated value itself (no observation
 * error is added), so an observation that differs only in definition still scores badly:
 * that is what a back-test should show. `values` holds replication i's value of scored
 * observation k at [i * K + k].
 *
 * @example
 *   scoreForecast(scored, values, 1000).summary.outsideP5P95   // how many fell outside P5–P95
 */
export function scoreForecast(scored: readonly ObservationInput[], values: Float64Array, n: number, weights?: ArrayLike<number>, conditionedOn: readonly ObservationInput[] = []): ScoresResult {
  const observations: ScoreEntry[] = scored.map((o, k) => {
    const x = column(values, n, k);
    const [p5, p50, p95] = weightedQuantiles(x, weights, [0.05, 0.5, 0.95]);
    return {
      date: o.date, region: o.region ?? null, metric: o.metric, value: o.value,
      pit: midPit(x, o.value, weights),
      crps: crps(x, o.value, weights),
      forecast: { p5, p50, p95 },
      outside: o.value < p5 ? 'below' : o.value > p95 ? 'above' : null,
    };
  });
  const byMetric = new Map<ScoreEntry['metric'], { n: number; sum: number }>();
  for (const e of observations) {
    const b = byMetric.get(e.metric) ?? { n: 0, sum: 0 };
    b.n++; b.sum += e.crps;
    byMetric.set(e.metric, b);
  }
  const below = observations.filter((e) => e.outside === 'below').length;
  const above = observations.filter((e) => e.outside === 'above').length;
  return {
    forecast: weights ? 'conditioned' : 'prior',
    observations,
    summary: {
      observations: observations.length,
      outsideP5P95: below + above, belowP5: below, aboveP95: above,
      meanPit: observations.length > 0 ? observations.reduce((s, e) => s + e.pit, 0) / observations.length : null,
      meanCrps: [...byMetric].map(([metric, b]) => ({ metric, observations: b.n, meanCrps: b.sum / b.n })),
    },
    alsoConditionedOn: scored.filter((o) => conditionedOn.some((c) => sameObservation(c, o))).length,
  };
}
