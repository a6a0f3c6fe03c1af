import type { ObservationInput } from '../model/index.js';
import { effectiveSampleSize } from './effective-sample-size.js';
import { integerWeights } from './integer-weights.js';
import type { ConditioningSummary, ConditioningWarning, ObservationSummary } from './observed-result.js';
import { predictiveTail } from './predictive-tail.js';
import { sig } from './round.js';
import { weightedQuantiles } from './weighted-quantiles.js';

/** The effective sample size has collapsed below this many replications (when that is also less than half the runs)... */
export const ESS_MIN = 100;
/** ...or below this share of the replications run. */
export const ESS_MIN_SHARE = 0.02;
/** A prior predictive tail probability below this is a prior–data conflict. */
export const CONFLICT_TAIL = 0.001;
/** Whole-number weights that misplace more than this share of the likelihood are too coarse. */
export const COARSE_WEIGHTS = 0.01;

/** Importance weights of a run's replications given the observations. */
export interface Weighting {
  /** Per replication: log-likelihood of all observations (constants dropped). */
  logLikelihood: Float64Array;
  /** Per replication: the whole-number weight (integerWeights). */
  weights: Float64Array;
  /** The weights' scale S: the most likely replication weighs S. */
  scale: number;
  /** Kish's effective sample size of the weights. */
  effectiveSampleSize: number;
  /** Replications with a weight above zero. */
  weighted: number;
  /**
   * How far the whole numbers are from the exact weights: Σ |w_i / S − L_i / max L| over
   * Σ L_i / max L (the share of the likelihood that rounding moves or drops).
   */
  roundingError: number;
}

/** Observation k's simulated value in each of n replications, from values laid out [i * K + k]. */
export function column(values: Float64Array, n: number, k: number): Float64Array {
  const K = n > 0 ? values.length / n : 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i * K + k];
  return out;
}

/**
 * Each of n replications' log-likelihood of the observations (constants dropped): with
 * observation k = the replication's simulated value x_ik + an independent Gaussian error
 * N(0, sd_k²), log L_i = −½ Σ_k ((y_k − x_ik) / sd_k)². `values` holds x_ik at [i * K + k].
 * What conditionOn weighs by, and what a goal seek or an allocation conditioned on the same
 * observations weighs each candidate's replications by.
 *
 * @example logLikelihoods(Float64Array.of(10, 13), 2, [{ value: 10, sd: 1 }])   // [−0, −4.5]
 */
export function logLikelihoods(values: ArrayLike<number>, n: number, obs: readonly { value: number; sd: number }[]): Float64Array {
  const K = obs.length;
  if (values.length !== n * K) throw new RangeError(`conditionOn: ${values.length} values for ${n} replications × ${K} observations`);
  const logLikelihood = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let ll = 0;
    for (let k = 0; k < K; k++) {
      const z = (obs[k].value - values[i * K + k]) / obs[k].sd;
      ll -= 0.5 * z * z;
    }
    logLikelihood[i] = ll;
  }
  return logLikelihood;
}

/**
 * Weights n replications by how likely each makes what was observed: observation k =
 * the replication's simulated value x_ik + an independent Gaussian error N(0, sd_k²), so
 * log L_i = −½ Σ_k ((y_k − x_ik) / sd_k)²; the weights are whole numbers (integerWeights)
 * so the conditioned aggregate is exact. `values` holds x_ik at [i * K + k].
 *
 * @example
 *   // two replications, one observation y = 10 (sd 1): x = 10 gets the full weight, x = 13 exp(-4.5) of it
 *   conditionOn(Float64Array.of(10, 13), 2, [{ value: 10, sd: 1 }]).weights   // [1048576, 11649]
 */
export function conditionOn(values: Float64Array, n: number, obs: readonly { value: number; sd: number }[]): Weighting {
  const logLikelihood = logLikelihoods(values, n, obs);
  const { weights, scale } = integerWeights(logLikelihood);
  let weighted = 0, best = -Infinity, exact = 0, off = 0;
  for (let i = 0; i < n; i++) if (logLikelihood[i] > best) best = logLikelihood[i];
  for (let i = 0; i < n; i++) {
    if (weights[i] > 0) weighted++;
    const r = best === -Infinity ? 1 : Math.exp(logLikelihood[i] - best);
    exact += r;
    off += Math.abs(weights[i] / scale - r);
  }
  return { logLikelihood, weights, scale, effectiveSampleSize: effectiveSampleSize(weights), weighted, roundingError: exact > 0 ? off / exact : 0 };
}

/**
 * Whether the effective sample size has collapsed: below ESS_MIN (100) futures while the
 * weighting also lost more than half of them, or below ESS_MIN_SHARE (2 %) of the runs.
 * (A small run whose futures all weigh the same has not collapsed: it is as good as its prior.)
 *
 * @example
 *   essCollapsed(60, 1000)   // true
 *   essCollapsed(99, 100)    // false
 *   essCollapsed(150, 10000) // true (below 2 %)
 */
export const essCollapsed = (ess: number, runs: number): boolean => (ess < ESS_MIN && ess < runs / 2) || ess < ESS_MIN_SHARE * runs;

const fmt = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : String(+x.toPrecision(4)));

/** 'fibre-count in akmola on 2026-06-30' — an observation in words. */
export function observationName(o: { date: string; region?: string | null; metric: string }): string {
  return `${o.metric}${o.region ? ` in ${o.region}` : ' (national)'} on ${o.date}`;
}

/**
 * What the conditioning did, for summary.json: each observation against the prior and
 * conditioned simulated values, the effective sample size, and the warnings — an
 * effective sample size that collapsed, and every observation the model (as calibrated)
 * could not produce (its prior predictive tail, with the observation error, below
 * CONFLICT_TAIL; where it lies outside every simulated future, the warning says so) — each telling the user to re-calibrate rather than trust the
 * conditioned numbers.
 */
export function conditioningSummary(
  obs: readonly ObservationInput[], sds: readonly { sd: number; from: 'file' | 'default' }[],
  values: Float64Array, n: number, w: Weighting,
): ConditioningSummary {
  const warnings: ConditioningWarning[] = [];
  const observations: ObservationSummary[] = obs.map((o, k) => {
    const x = column(values, n, k);
    let min = Infinity, max = -Infinity;
    for (const v of x) { if (v < min) min = v; if (v > max) max = v; }
    const [p5, p50, p95] = weightedQuantiles(x, undefined, [0.05, 0.5, 0.95]);
    const [c5, c50, c95] = weightedQuantiles(x, w.weights, [0.05, 0.5, 0.95]);
    const tail = predictiveTail(x, o.value, sds[k].sd);
    const outside = o.value < min ? 'below' : o.value > max ? 'above' : null;
    // The tail counts the observation error: one just outside every future, within its error, fits (4 seen, 5 simulated, sd 10).
    const conflict = tail < CONFLICT_TAIL;
    if (conflict) {
      const odds = `tail probability ${tail < 0.01 ? tail.toExponential(1) : tail.toFixed(2)} with an observation error of ${fmt(+sds[k].sd.toPrecision(3))}`;
      const where = outside === 'below' ? `below every one of the ${fmt(n)} simulated futures (lowest ${fmt(min)}; ${odds})`
        : outside === 'above' ? `above every one of the ${fmt(n)} simulated futures (highest ${fmt(max)}; ${odds})`
          : `in the far tail of the simulated futures (P5–P95 ${fmt(p5)}–${fmt(p95)}; ${odds})`;
      warnings.push({
        kind: 'prior-data-conflict', observation: k,
        message: `Prior–data conflict: ${observationName(o)} was observed as ${fmt(o.value)}, ${where}. The scenario as calibrated does not produce what was seen: re-calibrate it (or check the observation's definition) rather than trust the conditioned numbers.`,
      });
    }
    return {
      date: o.date, region: o.region ?? null, metric: o.metric, value: o.value, sd: sds[k].sd, sdFrom: sds[k].from,
      prior: { min, p5, p50, p95, max }, conditioned: { p5: c5, p50: c50, p95: c95 }, tailProbability: tail, conflict,
    };
  });
  const ess = w.effectiveSampleSize;
  if (essCollapsed(ess, n)) {
    const few = ess < ESS_MIN_SHARE * n;
    warnings.unshift({
      kind: 'ess-collapse',
      message: `Effective sample size ${ess.toFixed(1)} of ${fmt(n)} replications (below ${ESS_MIN} and half the runs, or below ${ESS_MIN_SHARE * 100} % of them): the conditioned numbers rest on the equivalent of ${Math.max(1, Math.round(ess))} simulated future${Math.round(ess) === 1 ? '' : 's'}. `
        + (few ? 'Few of the simulated futures resemble what was observed: re-calibrate the scenario rather than trust the conditioned numbers.'
          : 'Do not trust the conditioned numbers yet: run more replications (--runs), and if the effective sample size stays small, re-calibrate the scenario.'),
    });
  }
  if (w.roundingError > COARSE_WEIGHTS) {
    warnings.push({
      kind: 'coarse-weights',
      message: `The whole-number weights are too coarse for ${fmt(n)} replications: the most likely future weighs ${fmt(w.scale)} (the weights of all of them together are kept below 2^22 so that every weighted sum stays exact), so futures less than 1/${fmt(2 * w.scale)} as likely weigh nothing and the others are rounded, which moves ${(100 * w.roundingError).toFixed(1)} % of the likelihood. `
        + `The conditioned numbers are approximate: run fewer replications with --observed (the error grows with their number: about ${fmt(Math.max(1000, Math.floor(COARSE_WEIGHTS * 2 ** 23 / 1000) * 1000))} keep it below ${COARSE_WEIGHTS * 100} % whatever the observations).`,
    });
  }
  return {
    method: 'importance-weighting',
    errorModel: 'gaussian',
    description: 'Importance weighting of the simulated futures (the prior replications) by the likelihood of the observations: '
      + 'each observation is the simulated value at the end of its date plus an independent Gaussian error N(0, sd²), sd from the file or max(2 % of the value, 10 settlements; 10 km for fibre-km); '
      + `replication i weighs w_i = round(S · L_i / max L) (S = ${w.scale}), a whole number, and the conditioned aggregate adds it w_i times, so every conditioned figure is the w-weighted one and is exact whatever the number of workers; `
      + 'the 95 % interval of a conditioned probability is the Wilson interval with n = the effective sample size (Kish).',
    observations,
    // As summary.json writes it (6 significant digits): the library's summary says what the
    // file says, not 19.999999967 beside its 20. The intervals use the exact one (weighting).
    effectiveSampleSize: sig(ess),
    replicationsWeighted: w.weighted,
    warnings,
  };
}
