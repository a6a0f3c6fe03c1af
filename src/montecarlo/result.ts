import type { ModelInput, TargetDefinition, Technology } from '../model/input.js';
import type { DeliveryKind } from '../model/deliveries.js';
import type { ConditioningResult, ConditioningSummary, ScoresResult } from './observed-result.js';
import type { ScenarioSource, SourceCatalogue, StartBasis } from '../scenario/index.js';

/** Where the scenario came from (contract: summary.json "scenario"). */
export interface ScenarioIdentity {
  name: string;
  /** The file as given, made portable: relative to the current directory inside it, its name alone outside it (no machine path in any output). */
  file: string;
  /** sha256 of the resolved scenario (after extends and overrides), hex. */
  sha256: string;
}

/**
 * What a target or one of its readings measures, as the model's definition says it (beyond
 * the contract's metric, threshold and deadline, only where it applies).
 */
export type ReadingDefinition = TargetDefinition;

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
  /** Per region: its start, its fibre ceiling, and its fibre and coverage shares at each target deadline. */
  regions?: RegionSummary[];
  /** Settlements delivered in each calendar year of the run, national fibre and coverage, and mobile where the scenario has masts for villages (the delivery record's unit). */
  deliveries?: DeliveriesSummary[];
}

/** What one calendar year delivered across the replications (summarize-deliveries.ts). */
export interface DeliveriesSummary {
  /** The national series it counts in: fibre, coverage, or mobile (villages gaining mobile coverage; a scenario with a `services` section). */
  kind: DeliveryKind;
  year: number;
  /** The part of the year the run simulated (ISO dates, inclusive). */
  from: string;
  to: string;
  p10: number;
  p50: number;
  p90: number;
  mean: number;
  /**
   * Fibre (mobile), in a scenario with a delivery record of fibre (mobile): the share of the
   * futures that connect more settlements in the year than the best year on record (the
   * largest `perYear.max` of the series' `delivered` entries) — a pace never delivered before.
   */
  aboveRecord?: number;
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
  /** Mean money committed per financing programme (its id; a `budget` line's is its technology) and budget year (scenario currency). */
  spend: { programme: string; year: number; mean: number }[];
  /** The financing programmes: what each paid and co-funded, its top-ups, and what "the programme's money" is. */
  financing?: FinancingResult;
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
    /** A conditioned run: both are weighted by the observations, and this is the effective sample size (Kish) of the weights of the replications analysed. */
    effectiveRuns?: number;
    correlations: import('./analysis-result.js').SensitivityResult['correlations'];
    /** What goes wrong together: per target, the combination of drawn inputs that marks the futures missing it (PRIM), over the same replications. */
    discovery?: import('./analysis-result.js').DiscoveryBox[];
  };
  /** When the run stopped at a precision: the half-width asked for and whether it was reached. */
  precision?: { halfWidth: number; reached: boolean; maxRuns: number };
  /** The scenario's annotated values (source notes), when it was loaded from files (annotateResult). */
  sources?: ScenarioSource[];
  /** The SOURCES.md its notes cite, when there is one beside the scenario (annotateResult). */
  catalogue?: SourceCatalogue;
  /** Mean events per replication (for the benchmark). */
  eventsPerRun: number;
  /** A conditioned run (--observed): the weights' effect on the national factors, and summary.conditioning. */
  conditioning?: ConditioningResult;
  /** A scored run (--score): scores.json. */
  scores?: ScoresResult;
  /** With `rollout run --previous`: what moved since the earlier forecast (revision.json, the report's "Since the previous forecast"). */
  revision?: import('./revision.js').Revision;
}

/** The money side of a run beyond summary.json: the S-curve and the definition of the programme's money. */
export interface CostResult {
  /**
   * Per budget year: quantiles of the money committed from the start to the end of that year
   * (every programme), the counted programmes' appropriations to then and the quantiles of
   * their own commitments (both null with no money stated) — what the S-curve compares.
   */
  byYear: {
    year: number; p10: number; p25: number; p50: number; p75: number; p90: number; appropriated: number | null;
    counted: { p10: number; p25: number; p50: number; p75: number; p90: number } | null;
  }[];
  money: import('./money.js').ProgrammeMoney;
  /** A run from a status: the money the counted programmes carry in from before its start, across the futures (null otherwise). */
  carriedIn: { p10: number; p50: number; p90: number } | null;
}


/**
 * One region's results (summary.json "regions"), each against the region's own ceiling:
 * the settlements its technology rule sends to satellite or masts can never be on fibre, so
 * a region whose rule sends 30 % elsewhere can reach 70 % on fibre at most, and its gap to
 * 90 % is the rule's, not its delivery's.
 */
export interface RegionSummary {
  id: string;
  name: string;
  settlements: number;
  /**
   * Settlements on fibre (or connected) when the run starts, and — once the scenario's
   * annotations are attached (annotateResult) — where that count comes from and the note.
   */
  start: { connected: number; basis?: StartBasis; note?: string };
  /**
   * The fibre ceiling: the share of the region's settlements the technology rule gives fibre
   * (those already on fibre included), across replications (populations and distances are drawn).
   */
  fibreCeiling: { p10: number; p50: number; p90: number; mean: number };
  /** Share of replications whose ceiling is at least 90 %: the chance the region can reach 90 % on fibre at all. */
  probabilityCeiling90: number;
  /**
   * At each target deadline: the fibre and coverage shares, the chance of >= 90 % on fibre,
   * the mean fibre share and the gap to the ceiling (mean ceiling - mean fibre share: the
   * share of settlements the rule allows on fibre that are not on it yet — what the
   * region's delivery, not its rule, leaves undone).
   */
  atDeadlines: {
    deadline: string;
    fibre: { p10: number; p50: number; p90: number };
    coverage: { p10: number; p50: number; p90: number };
    probabilityFibre90: number;
    fibreMean: number;
    gapToCeiling: number;
  }[];
}

/** The money side of a run per financing programme (src/montecarlo/summarize-financing.ts). */
export interface FinancingResult {
  programmes: {
    id: string;
    label: string;
    /** Technologies it pays for. */
    pays: string[];
    /** Its money is a limit (false: it pays whatever is asked). */
    limited: boolean;
    costShare: number;
    carryOver: boolean;
    /** Its appropriations for the run's budget years, in all and per year ("2026": ...; years with none left out). */
    appropriated: number;
    appropriations: Record<string, number>;
    /** Mean money it committed, and mean co-funding beside it (the rest of its jobs' cost), over the run. */
    committedMean: number;
    coFundingMean: number;
    /** With a top-up policy: the share of replications in which a top-up arrived, and the mean top-up money per replication. */
    topUp: { probability: number; meanAmount: number } | null;
  }[];
  /** What the joint cost–schedule confidence level compares commitments with. */
  money: import('./money.js').ProgrammeMoney;
  /** The programmes are the scenario's `budget` lines (one per technology). */
  legacy: boolean;
  /** The yearly inflation rate's distribution (null: none). */
  inflation: import('../engine/index.js').DistributionSpec | null;
}
