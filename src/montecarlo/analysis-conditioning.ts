import type { ObservationInput } from '../model/index.js';
import { conditionOn, conditioningSummary, essCollapsed } from './condition.js';
import type { ConditioningSummary, ConditioningWarning } from './observed-result.js';

/**
 * What an analysis (goal, allocate) is told was seen: `--observed FILE` read against the
 * scenario — the rows within the run, and those set aside because they are dated before a
 * status's date. `file` names it in the results.
 */
export interface AnalysisObserved {
  file: string;
  observations: readonly ObservationInput[];
  setAside?: readonly ObservationInput[];
}

/** The sentence's clause when it is conditioned: 'Given what was observed (3 observations in seen.csv): every chance is over the futures weighted by how likely they make it'. */
export const givenObserved = (n: number, file: string): string =>
  `Given what was observed (${n.toLocaleString('en-US')} observation${n === 1 ? '' : 's'} in ${file}): every chance is over the futures weighted by how likely they make it`;

/** The sentence when nothing of the file falls within the run. */
export const notConditioned = (file: string): string => `Not conditioned: no observation of ${file} falls within the run, so every future weighs the same.`;

/**
 * What conditioning did where an analysis gives its answer (the "conditioning" of goal.json
 * and allocation.json): each observation against the answer's futures before and after
 * weighting, the effective sample size and the warnings — as `run --observed` states them
 * for a run (conditioningSummary), over the answer's `runs` replications (their simulated
 * values at [i * K + k]). `seen` is null when every observation was set aside (dated before
 * a status's date): nothing weighs, and it says so. `weighing` says, after the error model,
 * how the analysis weighs its alternatives.
 *
 * @example
 *   analysisConditioning({ file: 'seen.csv', observations }, 300, { values, sds }, 'each split ...').summary.effectiveSampleSize
 */
export function analysisConditioning(
  observed: AnalysisObserved, runs: number,
  seen: { values: Float64Array; sds: readonly { sd: number; from: 'file' | 'default' }[] } | null,
  weighing: string,
): { file: string; summary: ConditioningSummary } {
  const setAside = (observed.setAside ?? []).map((x) => ({ date: x.date, region: x.region ?? null, metric: x.metric, value: x.value, ...(x.origin !== undefined ? { origin: x.origin } : {}) }));
  const aside = setAside.length > 0 ? { setAside } : {};
  if (!seen) {
    return {
      file: observed.file,
      summary: {
        method: 'importance-weighting', errorModel: 'gaussian',
        description: 'No observation falls within this run (every row was dated before its start and set aside): every future weighs the same, and every chance is the plain share.',
        observations: [], effectiveSampleSize: runs, replicationsWeighted: runs, warnings: [], ...aside,
      },
    };
  }
  const K = observed.observations.length;
  const values = seen.values.subarray(0, runs * K);
  const weighting = conditionOn(values, runs, observed.observations.map((x, k) => ({ value: x.value, sd: seen.sds[k].sd })));
  const summary = conditioningSummary(observed.observations, seen.sds, values, runs, weighting);
  summary.description = 'Importance weighting, as `rollout run --observed` weighs a run: each observation is the simulated value at the end of its date plus an independent Gaussian error N(0, sd²); ' + weighing;
  return { file: observed.file, summary: { ...summary, ...aside } };
}

/** One alternative an analysis weighed (a lever's value, a split): its name, its effective futures of its runs, and whether it is the answer. */
export interface WeighedAlternative { label: string; effectiveRuns: number; runs: number; answer: boolean }

/**
 * A warning when the observations leave alternatives other than the answer (whose own
 * effective sample size conditioningSummary judges) the equivalent of few futures
 * (essCollapsed): what was decided there rests on few futures. When the alternatives'
 * shares of effective futures differ more than twofold, what the analysis changes is what
 * moves the weights (`cause`, with its `remedy`); otherwise, more replications. Null when
 * every other alternative keeps enough.
 *
 * @example
 *   fewFuturesWarning([{ label: '3', effectiveRuns: 4, runs: 300, answer: false }, { label: '5', effectiveRuns: 134, runs: 300, answer: true }],
 *     { what: 'of fibre-crews', kind: 'value', decisions: '...', cause: '...', remedy: '...' })?.message   // 'At one value of fibre-crews besides the answer ...: 3 (4 of 300); ...'
 */
export function fewFuturesWarning(
  alternatives: readonly WeighedAlternative[],
  words: { what: string; kind: string; decisions: string; cause: string; remedy: string; besides?: string },
): ConditioningWarning | null {
  const thin = alternatives.filter((c) => !c.answer && essCollapsed(c.effectiveRuns, c.runs));
  if (thin.length === 0) return null;
  const shares = alternatives.map((c) => c.effectiveRuns / c.runs);
  const moved = Math.max(...shares) > 2 * Math.min(...shares);
  const list = thin.map((c) => `${c.label} (${Math.round(c.effectiveRuns).toLocaleString('en-US')} of ${c.runs.toLocaleString('en-US')})`).join(', ');
  return {
    kind: 'ess-collapse',
    message: `At ${thin.length === 1 ? `one ${words.kind}` : `${thin.length} ${words.kind}s`} ${words.what} ${words.besides ?? 'besides the answer'} the observations leave the equivalent of few futures: ${list}; ${words.decisions}. `
      + (moved
        ? `The ${words.kind}s keep very different shares of their futures: ${words.cause}. ${words.remedy}`
        : 'Run more replications (--runs), and if they stay few, re-calibrate the scenario.'),
  };
}
