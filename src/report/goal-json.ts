import type { GoalResult } from '../montecarlo/analysis-result.js';
import { conditioningJson } from './conditioning-json.js';
import { sig } from './format.js';

const interval = (ci: readonly [number, number]): [number, number] => [sig(ci[0]), sig(ci[1])];

/**
 * goal.json text: the contract's keys first — target, probability, lever, value, achieved
 * { probability, ci95 }, below { value, probability } — then what else helps read it: found,
 * (value and setting are null when no value in the range meets the goal: achieved then gives
 * the best value reached, with its setting and chance),
 * the setting in words, the replications, every candidate the search decided on, the
 * scenario and the sentence. Fixed key order, 6 significant digits, 2-space indent, trailing
 * newline, no timestamps: the same question gives the same bytes.
 */
export function goalJson(g: GoalResult): string {
  const ordered = {
    target: g.target.id,
    probability: sig(g.probability),
    lever: g.lever.id,
    // The contract's value is the answer: the least value that meets the goal, so null when none in the range does.
    value: g.found ? sig(g.value) : null,
    // Where the chance below was reached: the answer, or (none found) the best value in the range.
    achieved: { value: sig(g.value), setting: g.setting, probability: sig(g.achieved.probability), ci95: interval(g.achieved.ci95), meanReached: g.achieved.meanReached === null ? null : sig(g.achieved.meanReached) },
    below: g.below ? { value: sig(g.below.value), probability: sig(g.below.probability), ci95: interval(g.below.ci95), setting: g.below.setting } : null,
    found: g.found,
    setting: g.found ? g.setting : null,
    sentence: g.sentence,
    targetLabel: g.target.label,
    deadline: g.target.deadline,
    leverDetail: { label: g.lever.label, kind: g.lever.kind, base: sig(g.lever.base), range: [sig(g.lever.range[0]), sig(g.lever.range[1])], step: g.lever.step === null ? null : sig(g.lever.step), candidates: g.lever.candidates },
    runs: g.runs,
    runsPerCandidate: g.runsPerCandidate,
    simulated: g.simulated,
    crossings: g.crossings,
    search: g.search.map((c) => ({ value: sig(c.value), setting: c.setting, runs: c.runs, probability: sig(c.probability), ci95: interval(c.ci95), meets: c.meets, ...(c.effectiveRuns !== undefined ? { effectiveRuns: sig(c.effectiveRuns) } : {}) })),
    scenario: { name: g.scenario.name, file: g.scenario.file, sha256: g.scenario.sha256 },
    seed: g.seed,
    version: g.version,
    // With --observed: the file and what weighting did at the answer, as summary.json's "conditioning".
    ...(g.conditioning ? { conditioning: { file: g.conditioning.file, ...conditioningJson(g.conditioning.summary) } } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
