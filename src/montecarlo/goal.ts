import { compileModel, type CompiledModel, type ModelInput } from '../model/index.js';
import { AnalysisInputError } from './analysis-input-error.js';
import { ReplicationError } from './chunk.js';
import type { GoalCandidate, GoalResult } from './analysis-result.js';
import { goalSearch } from './goal-search.js';
import { goalTarget } from './goal-target.js';
import { buildLever, type Lever, type LeverOptions } from './levers.js';
import type { WorkerPool } from './pool.js';
import type { ScenarioIdentity } from './result.js';
import { r6 } from './round.js';
import { usingPool } from './run.js';
import { forTargetsOnly, runVariant } from './variant-runs.js';
import { VERSION } from './version.js';
import { wilson } from './wilson.js';

export interface GoalOptions extends LeverOptions {
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
  seed: number;
  workers?: number;
  pool?: WorkerPool;
  signal?: AbortSignal;
  /** Check the model's invariants while running (slower). */
  check?: boolean;
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
  const maxRuns = Math.max(o.runs, o.maxRuns ?? 4 * o.runs);

  // Every candidate's scenario, compiled once (and checked: a lever value the model refuses is the user's range).
  const compiled = new Map<number, { input: ModelInput; model: CompiledModel }>();
  const variant = (k: number) => {
    let v = compiled.get(k);
    if (!v) {
      const input = forTargetsOnly(lever.apply(base.input, grid[k]));
      try {
        v = { input, model: compileModel(input) };
      } catch (e) {
        throw new AnalysisInputError(`with ${lever.id} at ${grid[k]} the scenario is not valid: ${(e as Error).message}`);
      }
      compiled.set(k, v);
    }
    return v;
  };
  variant(0);
  variant(grid.length - 1);

  const candidate = (k: number, runs: number, met: number, meets: boolean): GoalCandidate => {
    const [lo, hi] = wilson(met, runs);
    return { value: grid[k], setting: lever.describe(grid[k]), runs, probability: r6(met / runs), ci95: [r6(lo), r6(hi)], meets };
  };
  const expected = Math.ceil(Math.log2(Math.max(2, grid.length))) + 2;
  let decisions = 0;

  /** Per candidate: the share reached at the deadline by each replication run so far (replications 0..n-1, in order). */
  const reachedBy = new Map<number, Float64Array>();
  /** Candidate k's mean share reached over its first `runs` replications (null: it ran fewer). */
  const meanReached = (k: number, runs: number) => {
    const r = reachedBy.get(k);
    if (!r || r.length < runs || runs <= 0) return null;
    let sum = 0;
    for (let i = 0; i < runs; i++) sum += r[i];
    return r6(sum / runs);
  };

  return usingPool(o, async (pool) => {
    const found = await goalSearch({
      size: grid.length, probability: o.probability, runs: o.runs, maxRuns,
      evaluate: async (k, from, to) => {
        const v = variant(k);
        let out: Awaited<ReturnType<typeof runVariant>>;
        try {
          out = await runVariant(v.input, v.model, target.id, from, to, { seed: o.seed, pool, signal: o.signal, check: o.check });
        } catch (e) {
          // A value the scenario cannot run with (a negative amount, say) is the range asked
          // for, not the scenario: say which value, not how to replay a run of the scenario.
          if (e instanceof ReplicationError && grid[k] !== (lever.kind === 'multiplier' ? 1 : lever.base)) {
            throw new AnalysisInputError(`with ${lever.id} at ${grid[k]} (${lever.describe(grid[k])}) the scenario cannot run: ${e.reason}; search a range the scenario allows`);
          }
          throw e;
        }
        // The search asks for replications from..to-1 of a candidate after its 0..from-1.
        const had = reachedBy.get(k) ?? new Float64Array(0);
        const r = new Float64Array(to);
        r.set(had.subarray(0, Math.min(had.length, from)));
        r.set(out.reached, from);
        reachedBy.set(k, r);
        return out.met;
      },
      onStep: (s) => o.onStep?.(candidate(s.index, s.runs, s.met, s.meets), ++decisions, Math.max(expected, decisions)),
    });
    const search = found.steps.map((s) => candidate(s.index, s.runs, s.met, s.meets));
    const achieved = candidate(found.index, found.runs, found.met, found.found);
    const below = found.below === null ? null : candidate(found.below, found.runs, found.metBelow!, false);
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
      sentence,
    };
  });
}
