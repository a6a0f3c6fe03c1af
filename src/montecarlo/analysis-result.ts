import type { ServiceId } from '../model/services.js';
import type { Metric } from '../model/index.js';
import type { RunResult, ScenarioIdentity } from './result.js';

/** A probability with its 95 % interval. */
export interface Estimate {
  value: number;
  ci95: [number, number];
}

/**
 * `rollout compare`: options run with common random numbers (replication i of every option
 * draws the same numbers for the inputs they share), and each option's paired difference
 * against the first one.
 */
export interface ComparisonResult {
  seed: number;
  runs: number;
  version: string;
  /** The first option is the reference the differences are taken against. */
  options: { identity: ScenarioIdentity; description?: string; result: RunResult }[];
  /** Targets present (same id) in every option. */
  targets: ComparedTarget[];
  /** All targets met in the same replication. */
  joint: { perOption: { option: string; probability: Estimate }[]; differences: PairedDifference[] };
}

export interface ComparedTarget {
  id: string;
  label: string;
  metric: Metric;
  threshold: number;
  deadline: string;
  /** share and count: the services that count; a share's own denominator. */
  services?: ServiceId[];
  denominator?: number;
  perOption: { option: string; probability: Estimate; valueAtDeadline: { p10: number; p50: number; p90: number }; dateReachedP50: string | null }[];
  /** One per option after the first. */
  differences: PairedDifference[];
  /** Its other readings (those every option has), each compared the same way, paired by replication. */
  alternatives?: ComparedReading[];
}

/** One reading of a target across the options. */
export interface ComparedReading {
  id: string;
  label: string;
  perOption: { option: string; probability: Estimate; valueAtDeadline: { p10: number; p50: number; p90: number } }[];
  differences: PairedDifference[];
}

export interface PairedDifference {
  /** Option name; the difference is option minus the first option. */
  option: string;
  /** Difference in the probability of meeting the target, paired by replication. */
  probability: Estimate;
  /** What the 95 % interval would be with two independent runs of the same size (for contrast). */
  independentCi95: [number, number];
  /** Replications where the option met the target and the reference did not, and the reverse. */
  gained: number;
  lost: number;
  /** Difference in the metric at the deadline (share of settlements / km), paired. */
  valueAtDeadline: Estimate;
}

/** `rollout sensitivity`: which inputs move each target most. */
export interface SensitivityResult {
  scenario: ScenarioIdentity;
  seed: number;
  /** Replications per variant (and for the base). */
  runs: number;
  version: string;
  base: { id: string; label: string; probability: number; dateReachedP50: string | null; valueAtDeadlineMean: number }[];
  /** One-at-a-time swings: the input at its low and high value, everything else as in the scenario. */
  swings: Swing[];
  /**
   * Spearman rank correlation, over the base run's replications, of each sampled input the
   * scenario uses with each target's outcome, and its approximate 95 % interval (an interval
   * containing 0: not distinguishable from noise at this number of replications).
   */
  correlations: { input: string; label: string; targets: { id: string; spearman: number; ci95: [number, number] }[] }[];
}

export interface Swing {
  /** Where the input lives in the scenario, e.g. 'fibre.kmPerDay.buried'. */
  input: string;
  label: string;
  /** How low/high were chosen: the distribution's P10/P90, or a declared ±share for levers. */
  how: string;
  low: number;
  high: number;
  targets: {
    id: string;
    low: { probability: number; dateReachedP50: string | null; valueAtDeadlineMean: number };
    high: { probability: number; dateReachedP50: string | null; valueAtDeadlineMean: number };
    /** |high - low| of the probability: the bar length in the tornado. */
    swing: number;
  }[];
}

/** The estimate of each target's probability as replications accumulate. */
export interface ConvergencePoint {
  runs: number;
  target: string;
  probability: number;
  ci95: [number, number];
}
