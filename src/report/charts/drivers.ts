import type { RunResult } from '../../montecarlo/result.js';
import type { SensitivityResult } from '../../montecarlo/analysis-result.js';
import { provenanceParts, type ChartContext, type Spec } from './common.js';
import { spearmanSpec } from './sensitivity.js';

export const DRIVERS_TITLE = 'What drives the risk? The draws that go with reaching more by the deadline';

/**
 * `drivers`: the run's own rank correlations (national factors, risk occurrences, mean
 * per-settlement draws against each target's share at its deadline), drawn with the
 * sensitivity report's Spearman chart; in a conditioned run, weighted by the observations.
 */
export function driversSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const s = result.summary;
  const asSensitivity: SensitivityResult = {
    scenario: s.scenario, seed: s.seed, runs: result.drivers?.runs ?? 0, version: s.version,
    base: s.targets.map((t, k) => ({ id: t.id, label: t.label, metric: t.metric, probability: t.probability, dateReachedP50: t.dateReached.p50, valueAtDeadlineMean: result.valueAtDeadlineMean?.[k] ?? 0 })),
    swings: [],
    correlations: result.drivers?.correlations ?? [],
  };
  const n = asSensitivity.runs;
  const kept = n < s.runs ? `the first ${n.toLocaleString('en-US')} of the run's ${s.runs.toLocaleString('en-US')} replications` : `the run's ${n.toLocaleString('en-US')} replications`;
  // A conditioned run: each replication counts with its weight from the observations.
  const ess = result.drivers?.effectiveRuns;
  const sample = ess === undefined ? kept : `${kept}, each weighted by the observations (an effective ${Math.round(ess).toLocaleString('en-US')})`;
  return spearmanSpec(asSensitivity, ctx.runDate, { title: DRIVERS_TITLE, sample, footer: provenanceParts(result, ctx) });
}
