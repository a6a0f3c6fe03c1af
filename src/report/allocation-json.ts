import type { AllocationResult, AllocationSplit } from '../montecarlo/analysis-result.js';
import { conditioningJson } from './conditioning-json.js';
import { sig } from './format.js';

const interval = (ci: readonly [number, number]): [number, number] => [sig(ci[0]), sig(ci[1])];

/**
 * allocation.json text: the question (target, what is handed out), the answer (each place's
 * share and the chance with it, on the fresh replications), the greedy path unit by unit (on
 * the replications used to choose, from `searchBase`), the even and proportional splits with
 * their paired differences (fresh), whether the chance told the splits apart (`chanceTies`:
 * when it did not, the answer compares them by the share reached), then the scenario. Fixed key order, 6 significant
 * digits, 2-space indent, trailing newline, no timestamps.
 */
export function allocationJson(a: AllocationResult): string {
  const split = (s: AllocationSplit) => ({
    name: s.name,
    probability: sig(s.probability),
    ci95: interval(s.ci95),
    meanReached: sig(s.meanReached),
    added: Object.fromEntries(a.slots.map((slot, i) => [slot.id, sig(s.added[i])])),
    ...(s.effectiveRuns !== undefined ? { effectiveRuns: sig(s.effectiveRuns) } : {}),
  });
  const ordered = {
    target: a.target.id,
    targetLabel: a.target.label,
    deadline: a.target.deadline,
    resource: a.resource.kind === 'crews'
      ? { kind: 'crews', technology: a.resource.technology, total: a.resource.total, step: a.resource.step }
      : { kind: 'money', programme: a.resource.programme, total: sig(a.resource.total), units: a.resource.units },
    search: a.search,
    runs: a.runs,
    validation: a.validation,
    base: { probability: sig(a.base.probability), ci95: interval(a.base.ci95), meanReached: sig(a.base.meanReached) },
    allocation: a.slots.map((s, i) => ({ id: s.id, label: s.label, before: sig(s.base), added: sig(a.chosen.added[i]), after: sig(s.base + a.chosen.added[i]) })),
    probability: sig(a.chosen.probability),
    ci95: interval(a.chosen.ci95),
    ...(a.chosen.effectiveRuns !== undefined ? { effectiveRuns: sig(a.chosen.effectiveRuns) } : {}),
    searchBase: sig(a.searchBase),
    searchBaseReached: sig(a.searchBaseReached),
    steps: a.steps.map((s) => ({ unit: s.unit, added: sig(s.unit * a.perUnit), to: s.slot, probability: sig(s.probability), ci95: interval(s.ci95), gain: sig(s.gain), meanReached: sig(s.meanReached), ...(s.effectiveRuns !== undefined ? { effectiveRuns: sig(s.effectiveRuns) } : {}) })),
    compared: a.alternatives.map((x) => ({ ...split(x), foundMinusThis: {
      probability: sig(x.versusChosen.value), ci95: interval(x.versusChosen.ci95),
      meanReached: sig(x.versusChosenReached.value), meanReachedCi95: interval(x.versusChosenReached.ci95),
    } })),
    // True: no split told apart by the chance on the fresh futures; the answer judges them by meanReached.
    chanceTies: a.chanceTies,
    // True: what was handed out changed no fresh future at all (the split is the first of equals).
    changesNothing: a.changesNothing,
    sentence: a.sentence,
    simulated: a.simulated,
    evaluated: a.evaluated,
    scenario: { name: a.scenario.name, file: a.scenario.file, sha256: a.scenario.sha256 },
    seed: a.seed,
    version: a.version,
    // With --observed: the file and what weighting did at the split found (fresh futures), as summary.json's "conditioning".
    ...(a.conditioning ? { conditioning: { file: a.conditioning.file, ...conditioningJson(a.conditioning.summary) } } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
