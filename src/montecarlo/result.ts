import type { ModelInput, Metric, Technology } from '../model/input.js';
import type { ServiceId } from '../model/services.js';
import type { ConditioningResult, ConditioningSummary, ScoresResult } from './observed-result.js';

/** Where the scenario came from (contract: summary.json "scenario"). */
export interface ScenarioIdentity {
  name: string;
  /** Path as given by the user (relative paths stay relative). */
  file: string;
  /** sha256 of the resolved scenario (after extends and overrides), hex. */
  sha256: string;
}

/** What a target or one of its readings measures (beyond the contract's metric, threshold and deadline, only where it applies). */
export interface ReadingDefinition {
  metric: Metric;
  /** share and count: the services that count (any of them). */
  services?: ServiceId[];
  threshold: number;
  deadline: string;
  /** The regions it is restricted to (absent: the whole country). */
  regions?: string[];
  /** The published count a share is taken over, when it is not the modelled settlements. */
  denominator?: number;
}

/**
 * Another reading of a target (contract: summary.json "targets[].alternatives[]"), from the
 * same replications as the target: its probability, interval and value at its deadline.
 */
export interface ReadingSummary extends ReadingDefinition {
  id: string;
  label: string;
  probability: number;
  ci95: [number, number];
  /** A share (0..1), or a number of settlements for a count. */
  valueAtDeadline: { p10: number; p50: number; p90: number };
  /** In a conditioned run: the answer before conditioning. */
  prior?: PriorAnswer;
}

/** One target's answer (contract: summary.json "targets[]"). */
export interface TargetSummary extends ReadingDefinition {
  id: string;
  label: string;
  metric: Metric;
  threshold: number;
  deadline: string;
  /** Share of replications that reached the threshold by the deadline. */
  probability: number;
  /** Wilson score 95 % interval of the probability. */
  ci95: [number, number];
  /** The metric's value at the deadline across replications: a share (0..1), or a number of settlements for a count. */
  valueAtDeadline: { p10: number; p50: number; p90: number };
  /** Date the threshold was reached across replications; null where it was not reached within the horizon. */
  dateReached: { p50: string | null; p80: string | null; p90: string | null };
  /** In a conditioned run (--observed): the answer before conditioning; probability and ci95 above are conditioned. */
  prior?: PriorAnswer;
  /** Its other readings, side by side (only when the target has some). */
  alternatives?: ReadingSummary[];
}

/** A target's answer before conditioning on observations. */
export interface PriorAnswer {
  probability: number;
  ci95: [number, number];
  valueAtDeadline?: { p10: number; p50: number; p90: number };
}

/** summary.json: the run's answer, with no timestamps or timings (byte-identical for any worker count). */
export interface Summary {
  scenario: ScenarioIdentity;
  seed: number;
  runs: number;
  version: string;
  targets: TargetSummary[];
  joint: { probability: number; ci95: [number, number]; prior?: PriorAnswer };
  /** How the run was conditioned on observations (--observed); absent in a plain run. */
  conditioning?: ConditioningSummary;
  /** Total money committed to the horizon, every programme together, across replications (contract: "cost"). */
  cost?: { currency: string; p10: number; p50: number; p80: number; p90: number; mean: number };
  /**
   * Joint cost–schedule confidence level: the chance that every target is met AND the
   * programmes that state appropriations commit no more than their sum (`budget`, the
   * programme's money). All null when no programme states appropriations.
   */
  jointCostSchedule?: { budget: number | null; probability: number | null; ci95: [number, number] | null };
  /** Per region: fibre and coverage shares at each target deadline, and P(fibre >= 90 %). */
  regions?: RegionSummary[];
}

/** One point of a quantile band over time (timeseries.csv, fan charts). */
export interface SeriesPoint {
  /** Series id: 'fibre', 'coverage', or 'fibre:<region id>' / 'coverage:<region id>'. */
  series: string;
  date: string;
  /** Shares 0..1 of the series' settlements. */
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  mean: number;
}

/** Everything the report layer needs; produced by the Monte Carlo runner. */
export interface RunResult {
  summary: Summary;
  input: ModelInput;
  /** Quantile bands of every series at every report date. */
  timeseries: SeriesPoint[];
  /** Per target: how many replications reached it on each date (dates with none omitted), and how many never did. */
  dateReached: { id: string; counts: { date: string; count: number }[]; never: number }[];
  /** Per region and target-like metric: share at each target's deadline (p10/p50/p90) and the probability of >= 90 %. */
  regions: RegionSummary[];
  /** Mean days per settlement spent in each stage, per region (where the time goes). */
  waits: { region: string; stage: string; meanDays: number }[];
  /** Mean money committed per programme and budget year (scenario currency). */
  spend: { programme: Technology; year: number; mean: number }[];
  /**
   * Crew utilisation per region and technology up to the first deadline (crew-days in use /
   * crew-days available, mean over runs); technologies with no crews are left out.
   */
  crews: { region: string; technology: Technology; until: string; utilisation: number; crewDaysUsed: number }[];
  /** Settlements not connected by the horizon: mean per replication, and the stage they were stuck in. */
  unfinished: { meanPerRun: number; byStage: { stage: string; meanPerRun: number }[] };
  /** The S-curve (cumulative commitments by the end of each budget year) and what "the programme's money" is. */
  cost?: CostResult;
  /** Each target's mean share at its deadline (same order as summary.targets). */
  valueAtDeadlineMean: number[];
  /** Each target's estimate as replications accumulated (for the convergence chart). */
  convergence: import('./analysis-result.js').ConvergencePoint[];
  /**
   * What drives the risk: Spearman rank correlations, over the first replications (at most
   * 20,000), of what each replication drew with each target's share at its deadline.
   */
  drivers?: {
    runs: number;
    correlations: import('./analysis-result.js').SensitivityResult['correlations'];
    /** What goes wrong together: per target, the combination of drawn inputs that marks the futures missing it (PRIM), over the same replications. */
    discovery?: import('./analysis-result.js').DiscoveryBox[];
  };
  /** When the run stopped at a precision: the half-width asked for and whether it was reached. */
  precision?: { halfWidth: number; reached: boolean; maxRuns: number };
  /** The scenario's annotated values (source notes), when it was loaded from files. */
  sources?: { path: string; value: string; note: string; file: string }[];
  /** Mean events per replication (for the benchmark). */
  eventsPerRun: number;
  /** A conditioned run (--observed): the weights' effect on the national factors, and summary.conditioning. */
  conditioning?: ConditioningResult;
  /** A scored run (--score): scores.json. */
  scores?: ScoresResult;
}

/** The money side of a run beyond summary.json: the S-curve and the definition of the programme's money. */
export interface CostResult {
  /** Per budget year: quantiles of the money committed from the start to the end of that year, and the counted programmes' appropriations to then (null with no money stated). */
  byYear: { year: number; p10: number; p25: number; p50: number; p75: number; p90: number; appropriated: number | null }[];
  money: import('./money.js').ProgrammeMoney;
}

export interface RegionSummary {
  id: string;
  name: string;
  settlements: number;
  /** Fibre share at each target deadline. */
  atDeadlines: { deadline: string; fibre: { p10: number; p50: number; p90: number }; coverage: { p10: number; p50: number; p90: number }; probabilityFibre90: number }[];
}
