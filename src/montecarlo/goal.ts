import { compileModel, type CompiledModel, type ModelInput } from '../model/index.js';
import { AnalysisInputError } from './analysis-input-error.js';
import { ReplicationError } from './chunk.js';
import type { GoalCandidate, GoalResult } from './analysis-result.js';
import { analysisConditioning, fewFuturesWarning, givenObserved, notConditioned, type AnalysisObserved } from './analysis-conditioning.js';
import { goalSearch, type GoalEstimate } from './goal-search.js';
import { integerWeights } from './integer-weights.js';
import { observationSds } from './observation-error.js';
import { observedInput } from './observed-run.js';
import { goalTarget } from './goal-target.js';
import { buildLever, type Lever, type LeverOptions } from './levers.js';
import type { ScenarioIdentity } from './result.js';
import { r6 } from './round.js';
import type { RunSettings } from './run-settings.js';
import { usingPool } from './run.js';
import { forTargetsOnly, runVariant } from './variant-runs.js';
import { VERSION } from './version.js';

export interface GoalOptions extends LeverOptions, RunSettings {
  /** A target id, or 'all' for every target together. */
  target: string;
  /** The probability to reach (0 < p < 1). */
  probability: number;
  /** A lever name ('fibre-crews', 'budget', 'offices', 'path:<path>') or a built lever. */
  lever: string | Lever;
  /** Replications per candidate at first (default 1,000). */
  runs: number;
  /** The most replications spent on one candidate where the decision is close (default 4 × runs). */
  maxRuns?: number;
  /**
   * What was observed (`--observed FILE`, read against the scenario): every candidate's
   * replications are weighted by how likely each makes it, as `run --observed` weighs a
   * run's, and every chance is the weighted one. `file` names it in goal.json.
   */
  observed?: AnalysisObserved;
  /** After each decision: the candidate, and how many decisions the search expects in all. */
  onStep?: (candidate: GoalCandidate, step: number, expected: number) => void;
}

/**
 * What a goal seek is asked, checked before any work: the probability, the target and the
 * lever with its range and step (an AnalysisInputError says what is wrong). goalSeek
 * starts with it; a command calls it first, so a question that cannot be asked is refused
 * before anything is written.
 *
 * @example
 *   goalSetup(input, { target: 'nope', probability: 0.5, lever: 'budget' })   // throws: no target 'nope'; the scenario's targets are ...
 */
export function goalSetup(input: ModelInput, o: Pick<GoalOptions, 'target' | 'probability' | 'lever' | 'range' | 'step'>, model: CompiledModel = compileModel(input)): { target: ReturnType<typeof goalTarget>; lever: Lever } {
  if (!(o.probability > 0 && o.probability < 1)) throw new AnalysisInputError(`the probability must be between 0 and 1 (e.g. 0.8), got ${o.probability}`);
  const target = goalTarget(model, o.target);
  const lever = typeof o.lever === 'string' ? buildLever(input, o.lever, o) : o.lever;
  return { target, lever };
}

const pctText = (p: number) => `${(Math.round(p * 1000) / 10).toFixed(1)} %`;

/**
 * Goal seek: the least value of a lever with which the target is met with at least the
 * given probability. Every candidate value is run on the same replications (common random
 * numbers: replication i draws the same numbers whatever the lever), so the candidates
 * differ only by the lever; the search (goalSearch) bisects over the lever's candidates and
 * spends more replications where the estimate is too close to the goal to call. Reports the
 * value found with its probability and 95 % interval, and the value just below with its
 * probability on the same replications — or, when no value in the range reaches the goal,
 * says so with the best value reached.
 *
 * @example
 *   const g = await goalSeek(loadScenario('scenarios/kazakhstan-baseline.yaml'),
 *     { target: 'coverage-2027', probability: 0.8, lever: 'fibre-crews', runs: 1000, seed: 1, workers: 2 });
 *   console.log(g.sentence);
 */
export async function goalSeek(base: { input: ModelInput; identity: ScenarioIdentity }, o: GoalOptions): Promise<GoalResult> {
  const { target, lever } = goalSetup(base.input, o);
  const grid = lever.grid;
  const observations = o.observed?.observations ?? [];
  const conditioned = observations.length > 0;
  const maxRuns = Math.max(o.runs, o.maxRuns ?? 4 * o.runs);

  // Every candidate's scenario, compiled once (and checked: a lever value the model refuses is the user's range).
  const compiled = new Map<number, { input: ModelInput; model: CompiledModel; sds: { sd: number; from: 'file' | 'default' }[] }>();
  const variant = (k: number) => {
    let v = compiled.get(k);
    if (!v) {
      const moved = lever.apply(base.input, grid[k]);
      const input = forTargetsOnly(conditioned ? observedInput(moved, { observed: observations, scored: [] }) : moved);
      try {
        const model = compileModel(input);
        v = { input, model, sds: observationSds(model, observations) };
      } catch (e) {
        throw new AnalysisInputError(`with ${lever.id} at ${grid[k]} the scenario is not valid: ${(e as Error).message}`);
      }
      compiled.set(k, v);
    }
    return v;
  };
  variant(0);
  variant(grid.length - 1);

  const candidate = (k: number, runs: number, e: GoalEstimate, meets: boolean): GoalCandidate => ({
    value: grid[k], setting: lever.describe(grid[k]), runs, probability: r6(e.probability), ci95: [r6(e.ci95[0]), r6(e.ci95[1])], meets,
    ...(e.effectiveRuns !== undefined ? { effectiveRuns: r6(e.effectiveRuns) } : {}),
  });
  const expected = Math.ceil(Math.log2(Math.max(2, grid.length))) + 2;
  let decisions = 0;

  /** Per candidate: the share reached at the deadline by each replication run so far (replications 0..n-1, in order). */
  const reachedBy = new Map<number, Float64Array>();
  /** Conditioned, per candidate: each replication's simulated value of each observation ([i * K + k]) and its log-likelihood, so far. */
  const observedBy = new Map<number, { values: Float64Array; logLikelihood: Float64Array }>();
  /** Candidate k's mean share reached over its first `runs` replications, weighted as its chance is (null: it ran fewer). */
  const meanReached = (k: number, runs: number) => {
    const r = reachedBy.get(k);
    if (!r || r.length < runs || runs <= 0) return null;
    const w = conditioned ? integerWeights(observedBy.get(k)!.logLikelihood.subarray(0, runs)).weights : null;
    let sum = 0, all = 0;
    for (let i = 0; i < runs; i++) { const x = w ? w[i] : 1; sum += x * r[i]; all += x; }
    return r6(all > 0 ? sum / all : 0);
  };
  /** Keeps replications from..to-1 of candidate k after its 0..from-1. */
  const extend = (had: Float64Array | undefined, from: number, add: Float64Array, width = 1): Float64Array => {
    const r = new Float64Array(from * width + add.length);
    if (had) r.set(had.subarray(0, Math.min(had.length, from * width)));
    r.set(add, from * width);
    return r;
  };

  return usingPool(o, async (pool) => {
    const found = await goalSearch({
      size: grid.length, probability: o.probability, runs: o.runs, maxRuns,
      evaluate: async (k, from, to) => {
        const v = variant(k);
        let out: Awaited<ReturnType<typeof runVariant>>;
        try {
          out = await runVariant(v.input, v.model, target.id, from, to, {
            seed: o.seed, pool, signal: o.signal, check: o.check,
            conditioning: conditioned ? observations.map((x, i) => ({ value: x.value, sd: v.sds[i].sd })) : undefined,
          });
        } catch (e) {
          // A value the scenario cannot run with (a negative amount, say) is the range asked
          // for, not the scenario: say which value, not how to replay a run of the scenario.
          if (e instanceof ReplicationError && grid[k] !== (lever.kind === 'multiplier' ? 1 : lever.base)) {
            throw new AnalysisInputError(`with ${lever.id} at ${grid[k]} (${lever.describe(grid[k])}) the scenario cannot run: ${e.reason}; search a range the scenario allows`);
          }
          throw e;
        }
        // The search asks for replications from..to-1 of a candidate after its 0..from-1.
        reachedBy.set(k, extend(reachedBy.get(k), from, out.reached));
        if (!out.observed) return out.met;
        const had = observedBy.get(k);
        const seen = { values: extend(had?.values, from, out.observed.values, observations.length), logLikelihood: extend(had?.logLikelihood, from, out.observed.logLikelihood) };
        observedBy.set(k, seen);
        return { met: out.met, logLikelihood: out.observed.logLikelihood };
      },
      onStep: (s) => o.onStep?.(candidate(s.index, s.runs, s, s.meets), ++decisions, Math.max(expected, decisions)),
    });
    const search = found.steps.map((s) => candidate(s.index, s.runs, s, s.meets));
    const achieved = candidate(found.index, found.runs, found.estimate, found.found);
    const below = found.below === null ? null : candidate(found.below, found.runs, found.estimateBelow!, false);
    const what = target.id === 'all' ? 'every target' : `“${target.label}”`;
    // When even the most replications allowed leave the goal inside the interval, say the call is close.
    const close = found.found && below && achieved.ci95[0] < o.probability
      ? ` Its 95 % interval still reaches below ${pctText(o.probability)}: with ${found.runs.toLocaleString('en-US')} replications the simulation cannot tell ${grid[found.index]} and ${below.value} apart for certain (more --max-runs would settle it).`
      : '';
    // Out of reach: how far the best value gets, beside the low end of the range (what a planner asks next).
    // Both over the same futures: when nothing meets the goal, the search puts the two ends on
    // the same replications before naming the best (goalSearch), so there are always as many.
    /** The share reached at the best value, and the low end's beside it over the same futures (null: no contrast to make). */
    const bestReached = meanReached(found.index, found.runs);
    const lowEnd: GoalResult['lowEnd'] = (() => {
      if (found.found || found.index === 0 || target.id === 'all') return null;
      const low = meanReached(0, found.runs);
      return low === null || bestReached === null ? null : { value: grid[0], meanReached: low };
    })();
    function howClose(): string {
      if (bestReached === null || target.id === 'all') return '';
      if (!lowEnd) return ` There ${target.reachedName} is ${pctText(bestReached)} on average.`;
      return ` There ${target.reachedName} is ${pctText(bestReached)} on average, against ${pctText(lowEnd.meanReached)} at ${grid[0]}.`;
    }
    const sentence = found.found
      ? below
        ? `The least ${lever.id} that meets ${what} with at least ${pctText(o.probability)} probability is ${grid[found.index]} (${achieved.setting}): ${pctText(achieved.probability)}, 95 % interval ${pctText(achieved.ci95[0])}–${pctText(achieved.ci95[1])}; just below, at ${below.value}, ${pctText(below.probability)}.${close}`
        : `Already at the low end of the range, ${lever.id} ${grid[found.index]} (${achieved.setting}), ${what} is met with ${pctText(achieved.probability)} probability (95 % interval ${pctText(achieved.ci95[0])}–${pctText(achieved.ci95[1])}), at least the ${pctText(o.probability)} asked for: try a lower range.`
      : `No value of ${lever.id} in ${lever.range[0]}–${lever.range[1]} meets ${what} with ${pctText(o.probability)} probability; the best reached is ${pctText(achieved.probability)} (95 % interval ${pctText(achieved.ci95[0])}–${pctText(achieved.ci95[1])}) at ${grid[found.index]} (${achieved.setting}).${howClose()}`;
    const conditioning = o.observed ? analysisConditioning(o.observed, found.runs, conditioned ? { ...observedBy.get(found.index)!, sds: variant(found.index).sds } : null, GOAL_WEIGHING) : undefined;
    if (conditioning && conditioned) {
      const distinct = [...new Map(search.map((c) => [c.value, c])).values()].sort((a, b) => a.value - b.value);
      const thin = fewFuturesWarning(distinct.map((c) => ({ label: String(c.value), effectiveRuns: c.effectiveRuns!, runs: c.runs, answer: c.value === grid[found.index] })), {
        what: `of ${lever.id}`, kind: 'value', decisions: 'the search\'s decisions there rest on them',
        cause: 'the lever acts from the scenario\'s start, before the observations\' dates, and at some values the model would have built something else by then than what was seen',
        remedy: 'To ask what it takes from now on, move a lever that acts after the last observation (a path: lever on a crew change or appropriation dated after it), or start the scenario from a status.',
      });
      if (thin) conditioning.summary.warnings.push(thin);
    }
    const given = !conditioning ? ''
      : conditioned
        ? ` ${givenObserved(observations.length, o.observed!.file)}, the answer's on the equivalent of ${Math.round(conditioning.summary.effectiveSampleSize).toLocaleString('en-US')} of its ${found.runs.toLocaleString('en-US')} futures.`
        : ` ${notConditioned(o.observed!.file)}`;
    return {
      scenario: base.identity, seed: o.seed, version: VERSION,
      target: { id: target.id, label: target.label, deadline: target.deadline },
      probability: o.probability,
      lever: { id: lever.id, label: lever.label, kind: lever.kind, base: lever.base, range: lever.range, step: lever.step ?? null, candidates: grid.length },
      found: found.found,
      value: grid[found.index],
      setting: achieved.setting,
      achieved: { probability: achieved.probability, ci95: achieved.ci95, meanReached: bestReached },
      lowEnd,
      below: below ? { value: below.value, setting: below.setting, probability: below.probability, ci95: below.ci95 } : null,
      runs: found.runs,
      runsPerCandidate: { first: o.runs, max: maxRuns },
      simulated: found.simulated,
      crossings: found.crossings,
      search,
      sentence: sentence + given,
      ...(conditioning ? { conditioning } : {}),
    };
  });
}

/** How goal weighs its candidates, for goal.json's "conditioning". */
const GOAL_WEIGHING = 'at every candidate value of the lever, replication i weighs w_i = round(S · L_i / max L) over the replications run there so far, every chance is the w-weighted share of the futures that meet the target and its 95 % interval the Wilson interval at the effective sample size (Σw)² / Σw². '
  + 'The lever may change what the model would have shown by an observation\'s date, so each value is weighted by its own futures; the observations below are those at the answer.';
