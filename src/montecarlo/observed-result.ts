import type { FactorKind, ObservationMetric } from '../model/index.js';

/** A simulated value's spread across replications. */
export interface Spread { p5: number; p50: number; p95: number }

/** One observation as the conditioning used it (summary.json "conditioning.observations[]"). */
export interface ObservationSummary {
  date: string;
  /** Region id, or null for the whole country. */
  region: string | null;
  metric: ObservationMetric;
  /** What was observed. */
  value: number;
  /** Standard deviation of the observation error, in the value's unit. */
  sd: number;
  /** Whether sd came from the file's `sd` column or the documented default. */
  sdFrom: 'file' | 'default';
  /** The simulated value before conditioning: quantiles and the range over all replications. */
  prior: Spread & { min: number; max: number };
  /** The simulated value after conditioning. */
  conditioned: Spread;
  /** Two-sided tail probability of the value under the prior predictive (simulated value + error). */
  tailProbability: number;
  /** True when the value is outside every replication's or its tail probability is below 0.001. */
  conflict: boolean;
}

/** Something the user must not overlook: the conditioned numbers should not be trusted as they are. */
export interface ConditioningWarning {
  kind: 'ess-collapse' | 'prior-data-conflict' | 'coarse-weights';
  message: string;
  /** Index into observations, for a conflict. */
  observation?: number;
}

/** summary.json "conditioning": how the run was conditioned on what was observed. */
export interface ConditioningSummary {
  /** 'importance-weighting': replications weighted by the likelihood of the observations. */
  method: 'importance-weighting';
  /** 'gaussian': each observation = simulated value + independent N(0, sd²) error. */
  errorModel: 'gaussian';
  /** The method in words: weights, error model, intervals. */
  description: string;
  observations: ObservationSummary[];
  /** Kish's effective sample size of the weights, (Σw)² / Σw², to 6 significant digits as summary.json gives it. */
  effectiveSampleSize: number;
  /** Replications with a weight above zero (the ones the conditioned aggregate re-ran). */
  replicationsWeighted: number;
  warnings: ConditioningWarning[];
  /**
   * Observations of the file left out because they are dated before the run's start (a run
   * from a status, which already holds them); absent when there are none. With none left,
   * `observations` is empty and the answer is the prior.
   */
  setAside?: SetAsideObservation[];
}

/**
 * Whether a run's answer is weighted by observations: it was run with `--observed` and at
 * least one observation fell within it (with every one set aside, each future weighs the
 * same and the answer is the prior).
 *
 * @example isWeighted(result.summary)   // false for a plain run, or one whose observations all predate its start
 */
export function isWeighted(s: { conditioning?: ConditioningSummary }): boolean {
  return (s.conditioning?.observations.length ?? 0) > 0;
}

/** An observation left out of a run that starts from a status: it is dated before the start. */
export interface SetAsideObservation {
  date: string;
  region: string | null;
  metric: ObservationMetric;
  value: number;
  /** file:line of its row. */
  origin?: string;
}

/** An input drawn once per replication, before and after conditioning (the report's prior vs posterior charts). */
export interface InputPosterior {
  /** The input: a factor kind, or the scenario path of a delivery capacity's draw ('capacity.fibre.tender'). */
  key: string;
  label: string;
  prior: { p10: number; p50: number; p90: number; mean: number };
  posterior: { p10: number; p50: number; p90: number; mean: number };
  /** Equal-width bins over the prior draws: the share of prior and of posterior weight in each. */
  bins: { x0: number; x1: number; prior: number; posterior: number }[];
}

/** A national factor before and after conditioning (the conditioning-factors chart). */
export interface FactorPosterior extends InputPosterior {
  key: FactorKind;
}

/** What a conditioned run adds to its result, beyond summary.json. */
export interface ConditioningResult {
  summary: ConditioningSummary;
  factors: FactorPosterior[];
  /**
   * The delivery capacity's draws (crews under contract, crews a month, the tender's and the
   * mobilisation's days: those drawn from a distribution) before and after conditioning —
   * what the counts say of the contractor's pace (the conditioning-capacity chart).
   */
  capacity: InputPosterior[];
  /**
   * Each region's part of each factor that has one, before and after conditioning, the
   * regions whose median moved most first (regionPartPosteriors): what regional counts say
   * of a region's contractors or akimats.
   */
  regions: RegionPartPosterior[];
  /** Each replication's whole-number weight (replication i at [i]; 0 = ruled out by the observations). */
  weights: Float64Array;
  /** Each replication's log-likelihood of the observations (constants dropped). */
  logLikelihood: Float64Array;
  /** Each replication's simulated value of each observation: replication i, observation k at [i * K + k]. */
  simulated: Float64Array;
}

/** One scored observation (scores.json "observations[]"). */
export interface ScoreEntry {
  date: string;
  region: string | null;
  metric: ObservationMetric;
  value: number;
  /** The forecast's percentile of the observed value: the mid-PIT, P(X < y) + ½ P(X = y). */
  pit: number;
  /** Continuous ranked probability score, in the value's unit (lower is better). */
  crps: number;
  /** The forecast's P5, P50 and P95 of the value. */
  forecast: Spread;
  /** 'below' P5, 'above' P95, or null inside the band. */
  outside: 'below' | 'above' | null;
}

/** scores.json: a back-test of the run's forecast against what was observed. */
export interface ScoresResult {
  /** 'prior' (a plain run) or 'conditioned' (with --observed: the weighted forecast). */
  forecast: 'prior' | 'conditioned';
  observations: ScoreEntry[];
  summary: {
    observations: number;
    /** Observations outside the forecast's P5–P95 band (a calibrated forecast: about 10 %). */
    outsideP5P95: number;
    belowP5: number;
    aboveP95: number;
    /**
     * The mean mid-PIT; null when nothing was scored (every observation of the file set aside,
     * dated before a status's run): a mean over none is no percentile, and 0 would read as
     * every observation below every future.
     */
    meanPit: number | null;
    /** Mean CRPS per metric (CRPS is in the metric's unit, so metrics are not mixed). */
    meanCrps: { metric: ObservationMetric; observations: number; meanCrps: number }[];
  };
  /** Scored observations that are also in the conditioning file (a score of a forecast that has seen them). */
  alsoConditionedOn: number;
  /** Observations of the --score file left out: dated before the run's start (a run from a status); absent when none. */
  setAside?: SetAsideObservation[];
}

/** One region's part of one factor before and after conditioning (report.html, the run's text). */
export interface RegionPartPosterior {
  kind: FactorKind;
  /** The region's id, and its name. */
  region: string;
  name: string;
  /** 'Akmola: productivity (its regional part)'. */
  label: string;
  prior: { p10: number; p50: number; p90: number };
  posterior: { p10: number; p50: number; p90: number };
  /**
   * How far chance alone moves the median of a part the observations say nothing about:
   * three standard errors of a median from the run's effective sample size,
   * 3 × 1.2533 × sd / √ESS (sd: the part's spread before); Infinity when the weighting has
   * collapsed (essCollapsed: then no region's part says anything). A move within it is noise.
   */
  noise: number;
}

/** Whether a region's part moved beyond what chance alone moves it (RegionPartPosterior.noise). */
export function movedBeyondNoise(r: RegionPartPosterior): boolean {
  return Math.abs(r.posterior.p50 - r.prior.p50) > r.noise;
}
