import type { RunResult } from '../montecarlo/result.js';
import { sig } from './format.js';

/**
 * discovery.json text: for each target, the combination of drawn inputs (a PRIM box) that
 * marks the futures missing it — or meeting it, when most miss — with coverage, density,
 * support and the conditions, over the run's first replications (up to 20,000). Fixed key
 * order, 6 significant digits, no timestamps: the same run gives the same bytes whatever the
 * worker count (the replications analysed are taken in replication order). In a conditioned
 * run, `observationsApplied: true` and `effectiveRuns`: each future counts with its weight
 * from the observations, and each target's `cases` is effective (rounded).
 */
export function discoveryJson(result: RunResult): string {
  const s = result.summary;
  const ordered = {
    scenario: { name: s.scenario.name, file: s.scenario.file, sha256: s.scenario.sha256 },
    seed: s.seed,
    runs: result.drivers?.runs ?? 0,
    // A conditioned run: every future counts with its weight from the observations.
    ...(s.conditioning ? { observationsApplied: result.drivers?.effectiveRuns !== undefined, ...(result.drivers?.effectiveRuns !== undefined ? { effectiveRuns: sig(result.drivers.effectiveRuns) } : {}) } : {}),
    method: 'PRIM (Friedman & Fisher 1999) among the even-numbered futures: peeling alpha 0.05 down to 5 % support, pasting; the densest box covering at least 50 % (else 35 %, 20 %) of the futures described, simplified to at most 3 conditions, that beats the base rate there by 5 points with its 95 % interval above it. Checked among the odd-numbered futures, which played no part in finding it: each condition kept only where the box is denser than without it there (one-sided 95 %), then reported when it beats that half\'s base rate by 5 points with its 95 % interval above it; coverage, density and support are that half\'s (check)',
    targets: (result.drivers?.discovery ?? []).map((d) => ({
      id: d.target,
      label: d.label,
      outcome: d.outcome,
      ...(d.threshold !== undefined ? { threshold: sig(d.threshold) } : {}),
      found: d.found,
      sentence: d.sentence,
      cases: d.cases,
      baseRate: sig(d.baseRate),
      coverage: sig(d.coverage),
      density: sig(d.density),
      support: sig(d.support),
      rules: d.rules.map((r) => ({ input: r.input, label: r.label, lo: r.lo === null ? null : sig(r.lo), hi: r.hi === null ? null : sig(r.hi), text: r.text })),
      ...(d.check ? { check: { futures: d.check.futures, ...(d.check.effectiveRuns !== undefined ? { effectiveRuns: sig(d.check.effectiveRuns) } : {}), baseRate: sig(d.check.baseRate), densityCi95: d.check.densityCi95.map((x) => sig(x)), held: d.check.held } } : {}),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
