import type { SensitivityResult } from '../montecarlo/analysis-result.js';
import { conditioningJson } from './conditioning-json.js';
import { sig } from './format.js';

type Outcome = { probability: number; dateReachedP50: string | null; valueAtDeadlineMean: number };
const outcome = (o: Outcome) => ({ probability: sig(o.probability), dateReachedP50: o.dateReachedP50 ?? null, valueAtDeadlineMean: sig(o.valueAtDeadlineMean) });

/**
 * sensitivity.json text: the scenario, seed, runs per variant, version, each target's base
 * answer, the one-at-a-time swings (in the result's order: sensitivity() ranks them as the
 * terminal and the page do, rankedSwings) and the rank correlations. Keys in a fixed order,
 * non-integer numbers rounded to 6 significant digits, 2-space indent, trailing newline, no
 * timestamps.
 */
export function sensitivityJson(s: SensitivityResult): string {
  const ordered = {
    scenario: { name: s.scenario.name, file: s.scenario.file, sha256: s.scenario.sha256 },
    seed: s.seed,
    runs: s.runs,
    version: s.version,
    base: s.base.map((b) => ({ id: b.id, label: b.label, metric: b.metric, ...outcome(b) })),
    swings: s.swings.map((w) => ({
      input: w.input,
      label: w.label,
      how: w.how,
      low: sig(w.low),
      high: sig(w.high),
      ...(w.effectiveRuns ? { effectiveRuns: { low: sig(w.effectiveRuns.low), high: sig(w.effectiveRuns.high) } } : {}),
      targets: w.targets.map((t) => ({ id: t.id, low: outcome(t.low), high: outcome(t.high), swing: sig(t.swing), shareSwing: sig(t.shareSwing) })),
    })),
    correlations: s.correlations.map((c) => ({
      input: c.input,
      label: c.label,
      targets: c.targets.map((t) => ({ id: t.id, spearman: sig(t.spearman), ci95: t.ci95.map((v) => sig(v)), ...(t.ci95Adjusted ? { ci95Adjusted: t.ci95Adjusted.map((v) => sig(v)) } : {}) })),
    })),
    // With --observed: the file and what weighting did to the base run, as summary.json's "conditioning".
    ...(s.conditioning ? { conditioning: { file: s.conditioning.file, ...conditioningJson(s.conditioning.summary) } } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
