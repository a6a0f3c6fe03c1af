import type { DistributionSpec } from '../engine/index.js';
import type { FibreMethod, Metric, Ordering, Programme, Technology } from '../model/input.js';

/**
 * The scenario file as written (after schema validation, before defaults): what
 * scenarios/schema.json describes. Kept apart from ModelInput because the file is
 * friendlier than the model's input — plain numbers for fixed values, optional fields
 * with defaults, `when:` blocks in technology rules.
 */

/** A number (fixed) or a distribution object. */
export type DistributionField = number | DistributionSpec;

/** One value for both fibre methods, or one per method. */
export type PerMethodField = DistributionField | Record<FibreMethod, DistributionField>;

export interface ScenarioFile {
  $schema?: string;
  name: string;
  description?: string;
  extends?: string;
  start: string;
  horizon: string;
  currency?: string;
  reportEveryDays?: number;
  targets: TargetFile[];
  coverageTechnologies?: Technology[];
  seasons?: Record<string, { buried: number[]; aerial: number[] }>;
  regions: RegionFile[];
  settlementDefaults?: { population?: DistributionField; backboneKm?: DistributionField };
  settlementsFile?: string;
  technology?: { rules?: { when: { populationBelow?: number; backboneKmAbove?: number }; use: Technology }[]; default?: Technology };
  ordering?: Ordering;
  fibre: {
    design?: DistributionField;
    approval?: DistributionField;
    method?: FibreMethod;
    kmPerDay: PerMethodField;
    costPerKm?: PerMethodField;
    nodeCost?: DistributionField;
    commissioning?: DistributionField;
  };
  budget?: Partial<Record<Programme, { unlimited?: boolean; carryOver?: boolean; appropriations?: Record<string, number> }>>;
  crewChanges?: { date: string; technology: Technology; region?: string; add?: number; multiply?: number }[];
}

export interface TargetFile {
  id: string;
  label: string;
  metric: Metric;
  threshold: number;
  deadline: string;
  regions?: string[];
}

export interface RegionFile {
  id: string;
  name: string;
  settlements?: number;
  connected?: number;
  season?: string;
  crews?: Partial<Record<Technology, number>>;
  productivityFactor?: number;
  population?: DistributionField;
  backboneKm?: DistributionField;
}

/** The season every scenario has without declaring it: full work every month. */
export const ALL_YEAR_SEASON = 'all-year';
