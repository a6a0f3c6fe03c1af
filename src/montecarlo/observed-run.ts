import { compileModel, summaryFactorKinds, type ModelInput, type ObservationInput } from '../model/index.js';
import { layoutOf } from './aggregate.js';
import { conditionOn, conditioningSummary } from './condition.js';
import { DriversTracker } from './drivers.js';
import { capacityPosteriorKeys, capacityPosteriors, factorPosteriors } from './factor-posterior.js';
import { regionPartPosteriors } from './part-posterior.js';
import { observationSds } from './observation-error.js';
import { runInProcess, type TaskSpec } from './pool.js';
import type { RunResult, ScenarioIdentity } from './result.js';
import type { SetAsideObservation } from './observed-result.js';
import { RowLayout } from './rows.js';
import { runMonteCarlo, usingPool, type MonteCarloOptions } from './run.js';
import { scoreForecast } from './score.js';
import { summarize } from './summarize.js';
import { VERSION } from './version.js';

/** What a run is told was seen: observations to condition on (--observed) and to score the forecast against (--score). */
export interface Observed {
  observed: readonly ObservationInput[];
  scored: readonly ObservationInput[];
  /**
   * Rows of those files dated before the run's start, in a run that starts from a status
   * (loadObservations' `setAside`): left out, and said so in summary.json
   * (`conditioning.setAside`) and scores.json (`setAside`).
   */
  setAside?: { observed: readonly ObservationInput[]; scored: readonly ObservationInput[] };
}

/** Observations as summary.json and scores.json list those set aside. */
const asSetAside = (list: readonly ObservationInput[]): SetAsideObservation[] => list.map((o) => ({
  date: o.date, region: o.region ?? null, metric: o.metric, value: o.value, ...(o.origin !== undefined ? { origin: o.origin } : {}),
}));

/**
 * The input every replication of an observed run evaluates: the scenario with the
 * conditioning observations and then the scored ones as `observations`, so each
 * replication's row carries its simulated value of each.
 *
 * @example
 *   const input = observedInput(loaded.input, { observed, scored: [] });
 *   const result = await runObserved(input, loaded.identity, { runs: 1000, seed: 1, workers: 2 }, { observed, scored: [] });
 */
export function observedInput(input: ModelInput, o: Observed): ModelInput {
  return { ...input, observations: [...o.observed, ...o.scored] };
}

/**
 * Runs a scenario and updates its forecast on what was observed (conditioning) and/or
 * scores it against observations (a back-test). `input` must be observedInput(...) of
 * the same observations (and `o.compiled`, when given, its compilation).
 *
 * Conditioning is importance weighting in two passes over the same replications:
 *  1. every replication runs as in a plain run (runs.csv, the prior answer) and reports
 *     its simulated value of each observation; from these, each replication's likelihood
 *     and whole-number weight (see conditionOn), the effective sample size, the conflict
 *     checks and the national factors' posterior;
 *  2. the replications with a weight above zero run again (replication i's random
 *     numbers depend only on (seed, i), so it is the same future) into an aggregate that
 *     adds each one w_i times: every figure of the result is the weighted one — and so are
 *     what drives the risk and what goes wrong together, from pass 1's draws and w_i.
 * The result is the conditioned answer, each target keeping its prior probability, with
 * `summary.conditioning` and `conditioning`; with scored observations, `scores` (of the
 * conditioned forecast when there is one). Byte-identical for any number of workers.
 */
export async function runObserved(input: ModelInput, identity: ScenarioIdentity, o: MonteCarloOptions, obs: Observed): Promise<RunResult> {
  const K = obs.observed.length, S = obs.scored.length;
  if ((input.observations?.length ?? 0) !== K + S) throw new RangeError('runObserved: input must be observedInput(input, observations)');
  if (o.precision) throw new RangeError('runObserved: conditioning needs a fixed number of replications (no precision target)');
  const m = o.compiled ?? compileModel(input);
  const runs = o.runs;
  const passes = K > 0 ? 2 : 1;

  // Pass 1: each replication's simulated values of the observations and its national factors.
  const F = summaryFactorKinds(m.input).length; // the national factors lead the input summary
  const capacityAt = capacityPosteriorKeys(m).map(([, , at]) => at), C = capacityAt.length; // and the delivery capacity's draws
  const values = new Float64Array(runs * K), scoredValues = new Float64Array(runs * S), factors = new Float64Array(runs * F), capacity = new Float64Array(runs * C);
  const L = RowLayout.of(m), width = L.width, at = L.observed(0), io = L.input(0);
  const onRows = (from: number, to: number, rows: Float64Array) => {
    for (let i = from; i < to; i++) {
      const r = (i - from) * width;
      for (let k = 0; k < K; k++) values[i * K + k] = rows[r + at + k];
      for (let k = 0; k < S; k++) scoredValues[i * S + k] = rows[r + at + K + k];
      for (let f = 0; f < F; f++) factors[i * F + f] = rows[r + io + f];
      for (let c = 0; c < C; c++) capacity[i * C + c] = rows[r + io + capacityAt[c]];
    }
    o.onRows?.(from, to, rows);
  };
  const progress = (offset: number) => (o.onProgress ? (done: number) => o.onProgress!(offset + done, passes * runs) : undefined);

  const setAside = { observed: asSetAside(obs.setAside?.observed ?? []), scored: asSetAside(obs.setAside?.scored ?? []) };
  const withScores = (r: RunResult, weights?: Float64Array) => {
    if (S > 0 || setAside.scored.length > 0) {
      r.scores = scoreForecast(obs.scored, scoredValues, runs, weights, weights ? obs.observed : undefined);
      if (setAside.scored.length > 0) r.scores.setAside = setAside.scored;
    }
    return r;
  };
  return usingPool(o, async (pool) => {
    // What drives the risk, kept to be weighted by the observations once the weights are known.
    const drivers = new DriversTracker(m, runs, layoutOf(m).targetSizes, o.driverSample);
    const prior = await runMonteCarlo(input, identity, { ...o, pool, compiled: m, onRows, onProgress: progress(0), drivers });
    if (K === 0 && setAside.observed.length === 0) return withScores({ ...prior, drivers: drivers.result() });

    const sds = observationSds(m, obs.observed);
    const weighting = conditionOn(values, runs, obs.observed.map((x, k) => ({ value: x.value, sd: sds[k].sd })));
    const conditioning = conditioningSummary(obs.observed, sds, values, runs, weighting);
    if (setAside.observed.length > 0) conditioning.setAside = setAside.observed;
    if (K === 0) {
      // Every observation was set aside: nothing to condition on. Every future weighs the
      // same, so the conditioned answer is the prior, said so, and not run again.
      conditioning.description += ' No observation falls within this run (every row was dated before its start and set aside): every future weighs the same, and the answer is the prior.';
      const s = prior.summary;
      s.targets.forEach((t) => {
        t.prior = { probability: t.probability, ci95: t.ci95, valueAtDeadline: t.valueAtDeadline };
        t.alternatives?.forEach((a) => { a.prior = { probability: a.probability, ci95: a.ci95, valueAtDeadline: a.valueAtDeadline }; });
      });
      s.joint.prior = { probability: s.joint.probability, ci95: s.joint.ci95 };
      s.conditioning = conditioning;
      prior.drivers = drivers.result(); // every future weighs the same
      // No region moved (every future weighs the same), and nothing shows them: not drawn again.
      prior.conditioning = {
        summary: conditioning, factors: factorPosteriors(m, factors, weighting.weights), capacity: capacityPosteriors(m, capacity, weighting.weights), regions: [],
        weights: weighting.weights, logLikelihood: weighting.logLikelihood, simulated: values,
      };
      return withScores(prior);
    }

    // Pass 2: the weighted futures again, each added w_i times.
    const spec: TaskSpec = { input, seed: o.seed, from: 0, to: runs, check: o.check, compiled: m, multiplicity: weighting.weights };
    const cb = { signal: o.signal, onProgress: progress(runs) };
    const weighted = pool ? await pool.run(spec, cb) : await runInProcess(spec, cb);
    // The weighted aggregate counts weight, not replications: every probability's interval
    // is at the effective sample size, and the run's size is restated.
    const result = summarize(m, weighted, { identity, seed: o.seed, version: VERSION, intervalRuns: weighting.effectiveSampleSize });
    const s = result.summary;
    s.runs = runs;
    s.targets.forEach((t, k) => {
      const p = prior.summary.targets[k];
      t.prior = { probability: p.probability, ci95: p.ci95, valueAtDeadline: p.valueAtDeadline };
      t.alternatives?.forEach((a, x) => {
        const q = p.alternatives![x];
        a.prior = { probability: q.probability, ci95: q.ci95, valueAtDeadline: q.valueAtDeadline };
      });
    });
    s.joint.prior = { probability: prior.summary.joint.probability, ci95: prior.summary.joint.ci95 };
    s.conditioning = conditioning;
    result.conditioning = {
      summary: conditioning, factors: factorPosteriors(m, factors, weighting.weights), capacity: capacityPosteriors(m, capacity, weighting.weights), regions: regionPartPosteriors(m, o.seed, weighting.weights),
      weights: weighting.weights, logLikelihood: weighting.logLikelihood, simulated: values,
    };
    // What drives the risk and what goes wrong together, over the futures as the observations
    // weigh them (as every other figure); convergence tracked the prior estimate.
    result.drivers = drivers.result(weighting.weights);
    result.convergence = [];
    return withScores(result, weighting.weights);
  });
}
