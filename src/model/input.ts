import type { DistributionSpec } from '../engine/index.js';

/**
 * The model's input: a scenario after files are read, `extends` resolved, defaults filled
 * in and every value checked (src/scenario does that). Dates are 'YYYY-MM-DD'; durations
 * are days; money is in the scenario's `currency` unit; distances in km.
 *
 * Every mechanism can be switched off or set to zero (no budget limit, no winter,
 * zero-length stages), so simple cases with known answers are ordinary scenarios.
 */
export interface ModelInput {
  name: string;
  description?: string;
  /** Day 0 of the simulation. */
  start: string;
  /** Last simulated date; work not finished by then is reported as unfinished. */
  horizon: string;
  /** Label of the money unit, e.g. 'M KZT' (millions of tenge). */
  currency: string;
  targets: TargetInput[];
  /** Technologies that count towards `coverage-share` targets (e.g. fibre, mast, satellite). */
  coverageTechnologies: Technology[];
  /** Named seasons: a work factor 0..1 per month (Jan..Dec) for each construction method. */
  seasons: Record<string, SeasonInput>;
  regions: RegionInput[];
  /** Defaults for settlements generated from distributions (a region may override). */
  settlementDefaults: SettlementDistributions;
  /** Settlements listed one by one (from a CSV); when present it replaces generation. */
  settlements?: SettlementRecord[];
  /** Which technology each settlement not yet on fibre gets. */
  technology: TechnologyRule;
  /** Which settlements go first when they compete for budget and crews. */
  ordering: Ordering;
  fibre: FibreInput;
  /** Required when any settlement may get satellite. */
  satellite?: SatelliteInput;
  budget: Partial<Record<Programme, BudgetInput>>;
  /** Crews added or withdrawn on dates. */
  crewChanges: CrewChange[];
  /** Step of the coverage-over-time series, in days (7 = weekly). */
  reportEveryDays: number;
}

export type Technology = 'fibre' | 'mast' | 'satellite';
export const TECHNOLOGIES: readonly Technology[] = ['fibre', 'mast', 'satellite'];

/** Budget programmes (one appropriation line each). */
export type Programme = 'fibre' | 'mast' | 'satellite';

export type Metric = 'fibre-share' | 'coverage-share';

export interface TargetInput {
  id: string;
  label: string;
  /** fibre-share: settlements on fibre / all settlements; coverage-share: settlements covered by a coverage technology / all. */
  metric: Metric;
  /** Share in [0, 1] to reach. */
  threshold: number;
  /** Date by which it must be reached (inclusive). */
  deadline: string;
  /** Restrict to these region ids (default: the whole country). */
  regions?: string[];
}

export interface SeasonInput {
  /** Work factor per month for buried/ploughed fibre (0 = frozen ground, no work). */
  buried: number[];
  /** Work factor per month for aerial fibre on poles. */
  aerial: number[];
}

export interface SettlementDistributions {
  /** People per settlement. */
  population: DistributionSpec;
  /** Distance from the settlement to the backbone network, km (the fibre to lay). */
  backboneKm: DistributionSpec;
}

export interface RegionInput {
  id: string;
  name: string;
  /** Number of settlements (ignored when settlements are listed). */
  settlements: number;
  /** Of which already on fibre at the start (the largest ones first). */
  connected: number;
  /** Key into `seasons`. */
  season: string;
  /** Crews at the start, per technology. */
  crews: Record<Technology, number>;
  /** Multiplies laying productivity (terrain); 1 = as the national figure. */
  productivityFactor: number;
  /** Overrides of the national settlement distributions. */
  population?: DistributionSpec;
  backboneKm?: DistributionSpec;
}

/** One settlement from a planner's list; known values override the distributions. */
export interface SettlementRecord {
  id: string;
  region: string;
  population: number;
  /** Already on fibre at the start. */
  connected: boolean;
  backboneKm?: number;
  /** Forces a technology (otherwise the rule decides). */
  technology?: Technology;
  /** Known approval/permit time in days (overrides the distribution). */
  approvalDays?: number;
  /** Position in the plan (for ordering 'plan'); lower goes first. */
  planOrder?: number;
}

export interface TechnologyRule {
  /** First matching rule wins. */
  rules: { populationBelow?: number; backboneKmAbove?: number; use: Technology }[];
  default: Technology;
}

export type Ordering = 'population-desc' | 'nearest-first' | 'cheapest-per-person' | 'plan';

export type FibreMethod = 'buried' | 'aerial';

export interface FibreInput {
  /** Survey and design, days. */
  design: DistributionSpec;
  /** Land/right-of-way approval, days. */
  approval: DistributionSpec;
  /** Construction method used for the line. */
  method: FibreMethod;
  /** Laying productivity of one crew at full rate, km/day, per method. */
  kmPerDay: Record<FibreMethod, DistributionSpec>;
  /** Cost per km of line, currency units, per method. */
  costPerKm: Record<FibreMethod, DistributionSpec>;
  /** Fixed cost per settlement (node, equipment), currency units. */
  nodeCost: DistributionSpec;
  /** Splicing, testing and commissioning after laying, days. */
  commissioning: DistributionSpec;
}

export interface BudgetInput {
  /** No limit on money (the budget stage is skipped). */
  unlimited: boolean;
  /** Money appropriated per budget year, made available on 1 January (the start year's at the start). */
  appropriations: Record<string, number>;
  /** Unspent money carries over to the next year (false: it lapses on 31 December). */
  carryOver: boolean;
}

export interface CrewChange {
  date: string;
  technology: Technology;
  /** Region id, or omitted for every region. */
  region?: string;
  /** Exactly one: add (may be negative), or multiply the current number (rounded). */
  add?: number;
  multiply?: number;
}

export interface SatelliteInput {
  /** Terminal procurement lead time, days (from the start of the run). */
  procurement: DistributionSpec;
  /** Installation work by one crew, days (not seasonal). */
  install: DistributionSpec;
  /** Cost per settlement (terminals, installation), currency units. */
  cost: DistributionSpec;
}
