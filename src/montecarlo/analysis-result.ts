import type { ServiceId } from '../model/services.js';
import type { Metric } from '../model/index.js';
import type { RunResult, ScenarioIdentity } from './result.js';
import type { ConditioningSummary } from './observed-result.js';

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
  /** Targets only some options have (not compared, and not in `joint`), with those options. */
  notCompared: { id: string; options: string[] }[];
  /** All the compared targets met in the same replication. */
  joint: { perOption: { option: string; probability: Estimate; prior?: Estimate }[]; differences: PairedDifference[] };
  /**
   * Present when the options were conditioned on observations (`compare --observed`): each
   * option's futures are weighted by how likely they make what was observed (its
   * `result.summary.conditioning` says how), every figure is the weighted one, and the
   * paired differences compare the two weightings over the same futures.
   */
  conditioned?: {
    file: string;
    /**
     * `weighsLikeReference`: the option weighs every future as the reference does — it
     * differs from it only after the observations, so the differences are cleanly paired
     * (a difference = (gained − lost) / effectiveRuns). False when the option changes what
     * the observations saw: its difference then also carries what the observations say
     * about that change (e.g. more crews from the start, with the same counts seen, means
     * slower crews).
     * `setAside`: the observations of the file this option left out, dated before its start
     * (it starts from a status, which already says where the programme stood then). An option
     * that sets aside another number than the reference is conditioned on other observations:
     * it weighs the futures differently for that reason, not because it changes the past.
     * `weightMoved`: how much it weighs them differently — the share of the weight on other
     * futures than under the reference's weighting (total variation distance, 0 to 1).
     */
    perOption: { option: string; observations: number; setAside: number; effectiveSampleSize: number; warnings: number; weighsLikeReference: boolean; weightMoved: number }[];
  };
  /**
   * The money: each option's total cost to the horizon and joint cost–schedule confidence
   * level (as in its summary.json: over its own targets, those in `notCompared` included),
   * and each option's paired difference in mean total cost
   * against the first (same futures, so the difference is the option's, not noise).
   */
  cost: {
    currency: string;
    perOption: { option: string; cost: NonNullable<import('./result.js').Summary['cost']>; jointCostSchedule: NonNullable<import('./result.js').Summary['jointCostSchedule']> }[];
    differences: { option: string; meanCost: Estimate }[];
  };
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
  /** `prior`: in a conditioned comparison, the option's chance before the observations weighed its futures. */
  perOption: { option: string; probability: Estimate; valueAtDeadline: { p10: number; p50: number; p90: number }; dateReachedP50: string | null; prior?: Estimate }[];
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
  /** Difference in the probability of meeting the target, paired by replication (Newcombe's hybrid score interval for paired data). */
  probability: Estimate;
  /** What the 95 % interval would be with two independent runs of the same size, for contrast (Newcombe's hybrid score interval). */
  independentCi95: [number, number];
  /**
   * Replications where the option met the target and the reference did not, and the reverse.
   * In a conditioned comparison (`conditioned`), effective futures: weighted by the pair's
   * mean weight and scaled to `effectiveRuns`.
   */
  gained: number;
  lost: number;
  /** Difference in the metric at the deadline (share of settlements / km), paired. */
  valueAtDeadline: Estimate;
  /** In a conditioned comparison only: the effective number of futures the pairs stand for (Kish, of the two options' mean weight). */
  effectiveRuns?: number;
}

/** `rollout sensitivity`: which inputs move each target most. */
export interface SensitivityResult {
  scenario: ScenarioIdentity;
  seed: number;
  /** Replications per variant (and for the base). */
  runs: number;
  version: string;
  /** Per target: its answer on the base run; `valueAtDeadlineMean` is a share, or a number of settlements for a `count` metric. */
  base: { id: string; label: string; metric: Metric; probability: number; dateReachedP50: string | null; valueAtDeadlineMean: number }[];
  /** One-at-a-time swings: the input at its low and high value, everything else as in the scenario. */
  swings: Swing[];
  /**
   * Spearman rank correlation, over the base run's replications, of each sampled input the
   * scenario uses with each target's outcome, and its approximate 95 % interval (an interval
   * containing 0: not distinguishable from noise at this number of replications).
   */
  correlations: {
    input: string; label: string;
    /**
     * Per target: the rank correlation, its 95 % interval on its own, and its interval
     * adjusted for all the correlations shown (the drivers' familyAdjustment: it excludes 0
     * only for a Benjamini-Hochberg discovery at a 5 % false discovery rate; absent in
     * results written before it).
     */
    targets: { id: string; spearman: number; ci95: [number, number]; ci95Adjusted?: [number, number] }[];
  }[];
  /** With --observed: the file, and what conditioning did to the base run (as summary.json's "conditioning"). */
  conditioning?: { file: string; summary: ConditioningSummary };
}

export interface Swing {
  /** Where the input lives in the scenario, e.g. 'fibre.kmPerDay.buried'. */
  input: string;
  label: string;
  /** How low/high were chosen: the distribution's P10/P90, or a declared ±share for levers. */
  how: string;
  low: number;
  high: number;
  /** Conditioned on observations (--observed): the effective sample size of the run at the low and at the high setting. */
  effectiveRuns?: { low: number; high: number };
  targets: {
    id: string;
    low: { probability: number; dateReachedP50: string | null; valueAtDeadlineMean: number };
    high: { probability: number; dateReachedP50: string | null; valueAtDeadlineMean: number };
    /** |high - low| of the probability: the bar length in the chance tornado. */
    swing: number;
    /**
     * |high - low| of the mean share reached by the deadline: the bar length in the share
     * tornado, and what ranks the inputs where the chance does not move (every setting leaves
     * it below 1 % or above 99 %: see the report's `pinned`).
     */
    shareSwing: number;
  }[];
}

/** The estimate of each target's probability as replications accumulate. */
export interface ConvergencePoint {
  runs: number;
  target: string;
  probability: number;
  ci95: [number, number];
}

/** The target a goal or an allocation is about: one of the scenario's targets, or all of them together. */
export interface GoalTarget {
  /** A target id, or 'all' for every target met in the same future. */
  id: string;
  label: string;
  /** The deadline, or null for 'all'. */
  deadline: string | null;
}

/** One candidate value of the lever as goal seek evaluated it. */
export interface GoalCandidate {
  value: number;
  /** What the value means in the scenario ('129 fibre crews in all; the scenario has 103'). */
  setting: string;
  runs: number;
  probability: number;
  ci95: [number, number];
  /** Judged to meet the goal (at these replications). */
  meets: boolean;
  /** Conditioned on observations (--observed): the effective sample size of its weights over these replications. */
  effectiveRuns?: number;
}

/**
 * `rollout goal`: the least value of a lever that meets a target with at least a given
 * probability, found with common random numbers (goal.json; contract names: target,
 * probability, lever, value, achieved, below).
 */
export interface GoalResult {
  scenario: ScenarioIdentity;
  seed: number;
  version: string;
  target: GoalTarget;
  /** The probability asked for. */
  probability: number;
  /** step: the grid step of a budget or path lever (null for a lever rounded to whole crews or files): with the range it decides the candidates. */
  lever: { id: string; label: string; kind: 'multiplier' | 'value'; base: number; range: [number, number]; step: number | null; candidates: number };
  /** Whether a value in the range meets the goal. */
  found: boolean;
  /** The least value that meets the goal; when none does, the value with the best chance reached. */
  value: number;
  setting: string;
  /** The chance at `value`, on `runs` replications; meanReached: the share reached by the deadline there, averaged over the replications (summed over targets for 'all'; null if none were run). */
  achieved: { probability: number; ci95: [number, number]; meanReached: number | null };
  /**
   * When nothing meets the goal: the share reached at the range's low end (`value`), over
   * the same futures as `achieved.meanReached` (the search runs the low end on as many
   * before naming the best) — how far the whole range moves it. Null when the best is the
   * low end, for 'all', or when something meets the goal. Not in goal.json (its sentence says it).
   */
  lowEnd?: { value: number; meanReached: number } | null;
  /** The candidate just below `value` (which does not meet the goal), on the same replications; null when `value` is the range's first candidate or nothing was found. */
  below: { value: number; setting: string; probability: number; ci95: [number, number] } | null;
  /** Replications `achieved` and `below` are estimated on (the same ones, 0..runs-1). */
  runs: number;
  /** Replications per candidate at first, and the most spent on one candidate where the decision was close. */
  runsPerCandidate: { first: number; max: number };
  /** Replications simulated in all, over every candidate. */
  simulated: number;
  /** Replications that met the target at `below` but not at `value` (0 wherever the model is monotone in the lever). */
  crossings: number;
  /** Every candidate evaluated, in the order the search made its decisions. */
  search: GoalCandidate[];
  /** The answer in one sentence. */
  sentence: string;
  /** With --observed: the file, and what conditioning did at the answer (as summary.json's "conditioning"). */
  conditioning?: { file: string; summary: ConditioningSummary };
}

/** One way of splitting the extra crews or money, measured on the allocation's common replications. */
export interface AllocationSplit {
  name: string;
  /** Units per place (slot order). */
  units: number[];
  /** Crews or money added per place. */
  added: number[];
  probability: number;
  ci95: [number, number];
  /** Mean share reached by the deadline (summed over targets for 'all'). */
  meanReached: number;
  /** Conditioned on observations (--observed): the effective sample size of its weights. */
  effectiveRuns?: number;
}

/**
 * `rollout allocate`: where to put extra crews (or money) to raise a target's chance most
 * (allocation.json). Every split is measured on the same replications.
 */
export interface AllocationResult {
  scenario: ScenarioIdentity;
  seed: number;
  version: string;
  /** Replications per allocation tried while choosing (the same ones for all: 0..runs-1). */
  runs: number;
  /** Fresh replications (runs..runs+validation-1) the answer and the splits compared are measured on. */
  validation: number;
  target: GoalTarget;
  resource: import('./allocation-slots.js').AllocationResource;
  /**
   * With money: the programme as people know it — a financing programme's label ("World Bank
   * DARE last-mile grants (IBRD loan)"), a budget line's technology — for the page, which named
   * it by its scenario id as no other page does. allocation.json keeps the id (resource).
   */
  programmeName?: string;
  /** Units handed out, and crews or money per unit. */
  units: number;
  perUnit: number;
  /** 'fibre crews' or the currency. */
  noun: string;
  search: 'greedy' | 'exhaustive';
  /** The places: regions (crews) or budget years (money). */
  slots: import('./allocation-slots.js').AllocationSlot[];
  /** The scenario as it is (nothing added), on the fresh replications. */
  base: { probability: number; ci95: [number, number]; meanReached: number };
  /** The scenario as it is on the replications used to choose (where `steps` start from). */
  searchBase: number;
  /** Its mean share reached by the deadline there (summed over targets for 'all'). */
  searchBaseReached: number;
  /** The allocation found, measured on the fresh replications. */
  chosen: AllocationSplit;
  /** Greedy search, on the replications used to choose: where each unit went, the chance after it and how many places were measured for it (empty for exhaustive). */
  steps: { unit: number; slot: string; probability: number; ci95: [number, number]; gain: number; measured: number; meanReached: number; effectiveRuns?: number }[];
  /**
   * An even split and a split in proportion to what each place has, on the fresh
   * replications, each with its paired differences from the allocation found (found minus
   * it): in the chance, and in the share reached by the deadline (which tells splits apart
   * when every future meets or misses the target alike with both).
   */
  alternatives: (AllocationSplit & { versusChosen: Estimate; versusChosenReached: Estimate })[];
  /**
   * No split told apart by the chance on the fresh futures: every one meets (or misses) the
   * target alike with the split found, the even and the proportional split, and the chance
   * is what it is with nothing added. The answer, the report and the split chart then judge
   * the splits by the share reached by the deadline. (The path chart is drawn on the futures
   * used to choose, where a unit may still move the chance: see allocationPathTies.)
   */
  chanceTies: boolean;
  /**
   * What is handed out changes nothing on the fresh futures: with the split found every one
   * meets or misses the target and reaches the same share as with nothing added. The split
   * is then the first of equals, and the sentence says so instead of advising it.
   */
  changesNothing: boolean;
  /** Replications simulated in all, and distinct allocations run. */
  simulated: number;
  evaluated: number;
  sentence: string;
  /** With --observed: the file, and what conditioning did at the split found on the fresh futures (as summary.json's "conditioning"). */
  conditioning?: { file: string; summary: ConditioningSummary };
}

/** One condition of a discovered box, on one drawn input. */
export interface DiscoveryRule {
  /** The input's path in the scenario ('factors.costOverrun', 'risks.harsh-winter', 'fibre.approval' for a mean draw). */
  input: string;
  label: string;
  /** The inclusive range the input is in (null: unbounded on that side). */
  lo: number | null;
  hi: number | null;
  /** In words: 'the national cost overrun factor is above 1.15'. */
  text: string;
}

/**
 * What goes wrong together: for one target, the combination of drawn inputs (a PRIM box)
 * that characterises the futures that miss it — or, when most futures miss it, the few that
 * meet it; when every future misses it (or every one meets it), the quarter that reach
 * least by its deadline — with its coverage (share of those futures inside the box) and
 * density (share of futures inside the box that are such futures).
 */
export interface DiscoveryBox {
  target: string;
  label: string;
  /** Which futures the box describes: those that miss, those that meet, or the quarter that reach least (`lowest`: every future has the same outcome). */
  outcome: 'missed' | 'met' | 'lowest';
  /** With `lowest`: the share reached by the deadline at or below which a future is among them (its first quartile). */
  threshold?: number;
  /**
   * Replications analysed (the run's first, up to 20,000; in a conditioned run those with a
   * weight), and how many had the outcome (conditioned: effectively, cases' share of the weight × effectiveRuns, rounded).
   */
  runs: number;
  /** A conditioned run: the effective sample size (Kish) of the weights of the replications analysed. */
  effectiveRuns?: number;
  cases: number;
  /** The share of the futures (of the weight) with the outcome: the density to beat. */
  baseRate: number;
  /**
   * Whether a combination stands out: found among half the futures (the even-numbered), its
   * density beats the base rate by 5 points with its 95 % interval above it among the other
   * half too (`check`), where its coverage, density and support are counted.
   */
  found: boolean;
  coverage: number;
  density: number;
  /** Share of the checking half's replications inside the box. */
  support: number;
  rules: DiscoveryRule[];
  /** The finding in one sentence. */
  sentence: string;
  /** How the box found among half the futures fared among the other half; absent when none stood out among the first. */
  check?: DiscoveryCheck;
}

/** A box counted among the futures that played no part in finding it (the odd-numbered replications). */
export interface DiscoveryCheck {
  /** Futures of the checking half (with a weight, in a conditioned run). */
  futures: number;
  /** A conditioned run: their effective number (Kish). */
  effectiveRuns?: number;
  /** The share of that half with the outcome: the density the box has to beat. */
  baseRate: number;
  /** The box's density there, 95 % interval (Wilson, on the effective number of futures inside the box). */
  densityCi95: [number, number];
  /** Whether it held: density at least 5 points above the base rate, and the interval's lower end above it. */
  held: boolean;
}
