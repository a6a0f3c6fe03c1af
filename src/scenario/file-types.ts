import type { DistributionSpec } from '../engine/index.js';
import type { FibreMethod, Metric, Ordering, Programme, Technology } from '../model/input.js';
import type { ServiceId } from '../model/services.js';
import type { FactorKind } from '../model/factor-parts.js';

/**
 * The scenario file as written (after schema validation, before defaults): what
 * scenarios/schema.json describes. Kept apart from ModelInput because the file is
 * friendlier than the model's input — plain numbers for fixed values, optional fields
 * with defaults, `when:` blocks in technology rules.
 */

/** A number (fixed) or a distribution object. */
export type DistributionField = number | DistributionSpec;

/**
 * A factor: a distribution (the national factor), or its parts — national (once per
 * replication), regional (once per region and replication), yearly (once per budget year
 * and replication) — which multiply.
 */
export type FactorField = DistributionField | { national?: DistributionField; regional?: DistributionField; yearly?: DistributionField };

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
  seasons?: Record<string, { buried: number[]; aerial: number[]; mast?: number[] }>;
  regions: RegionFile[];
  settlementDefaults?: { population?: DistributionField; backboneKm?: DistributionField };
  settlementsFile?: string;
  /** Where the programme stands at the end of a date (CSV; per settlement or counts per region and stage). */
  status?: string;
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
    approvalOffice?: OfficeFile;
    /** Design teams per region: designs worked on at once. */
    designOffice?: { capacity: number | null };
  };
  satellite?: { procurement?: DistributionField; install?: DistributionField; cost?: DistributionField };
  mast?: {
    settlementsPerMast?: number;
    siteAllocation?: DistributionField;
    siteOffice?: OfficeFile;
    preAllocatedSites?: boolean | string;
    permit?: DistributionField;
    permitOffice?: OfficeFile;
    construction?: DistributionField;
    powerAndBackhaul?: DistributionField;
    cost?: DistributionField;
  };
  household?: { design?: DistributionField; work?: DistributionField; cost?: DistributionField };
  services?: Partial<Record<'mobile' | 'householdFibre' | 'satellite', { rules?: ServiceRuleFile[] }>>;
  motorways?: MotorwayFile[];
  factors?: Partial<Record<FactorKind, FactorField>>;
  risks?: RiskFile[];
  nationalCrews?: { crews?: Partial<Record<Technology, number>>; travelDays?: DistributionField; rebalanceEveryDays: number; shareBy?: 'waiting' | 'waitingDays' };
  capacity?: Partial<Record<Technology, CapacityFile>>;
  fallback?: { after: string; use: 'satellite' | 'mast'; lead?: DistributionField; cancelFibre?: boolean }[];
  /** One budget line per technology; null (in a file that extends another) drops the parent's, e.g. for `financing`. */
  budget?: Partial<Record<Programme, { unlimited?: boolean; carryOver?: boolean; operatorShare?: number; appropriations?: Record<string, number> }>> | null;
  /** Money as several programmes (instead of `budget`). */
  financing?: FinancingFile[];
  /** Yearly inflation rate (a distribution), drawn once per replication. */
  inflation?: DistributionField;
  crewChanges?: { date: string; technology: Technology; region?: string; add?: number; multiply?: number }[];
  deliveryRecord?: { id: string; label: string; kind: 'delivered' | 'plan'; series?: 'fibre' | 'mobile'; perYear?: number | { min: number; max: number }; year?: number; planned?: number; delivered?: number; source: string }[];
}

/** Delivery capacity of one technology (see CapacityInput in the model). */
export interface CapacityFile {
  /** A national total (a number or a distribution) or whole numbers per region id. */
  contracted: DistributionField | Record<string, number>;
  from?: string;
  tender?: DistributionField;
  mobilisation?: DistributionField;
  growthPerMonth: DistributionField;
  winterMobilisation?: boolean;
  deploy?: 'regions' | 'national';
}

/** The offices a region may give its own capacity. */
export type OfficeKey = 'approvalOffice' | 'siteOffice' | 'permitOffice' | 'designOffice';

/** An approving authority (per region) as a queue. */
export interface OfficeFile {
  /** Files at once per region; null = no limit. */
  capacity: number | null;
  rejection?: number;
  resubmission?: DistributionField;
  rereview?: DistributionField;
  maxRounds?: number;
}

export interface MotorwayFile {
  id: string;
  label: string;
  region: string;
  km: number;
  mastEveryKm: number;
  mastCost?: DistributionField;
}

export type RiskImpactFile =
  | { type: 'harsh-winter'; extraDays: number; regions?: string[] }
  | { type: 'cable-shortage'; days: DistributionField }
  | { type: 'contractor-default'; technology: Technology; days: DistributionField; region?: string; halts?: boolean }
  | { type: 'budget-cut'; programme: string; share: number };

export interface RiskFile {
  id: string;
  label: string;
  probability: number;
  per: 'year' | 'run';
  impact: RiskImpactFile;
}

export interface TargetFile {
  id: string;
  label: string;
  metric: Metric;
  services?: ServiceId[];
  threshold: number;
  deadline: string;
  regions?: string[];
  denominator?: number;
  alternatives?: AlternativeFile[];
}

/** Another reading of a target: what it leaves out is the target's (`denominator: null` drops the target's). */
export interface AlternativeFile {
  id: string;
  label: string;
  metric?: Metric;
  services?: ServiceId[];
  threshold?: number;
  deadline?: string;
  regions?: string[];
  denominator?: number | null;
}

/** A service rule as written: conditions under `when`, and at most `max` settlements. */
export interface ServiceRuleFile {
  when?: { populationAbove?: number; populationBelow?: number; backboneKmAbove?: number; backboneKmBelow?: number; regions?: string[] };
  max?: number;
}

export interface RegionFile {
  id: string;
  name: string;
  settlements?: number;
  connected?: number;
  season?: string;
  crews?: Partial<Record<Technology, number>>;
  productivityFactor?: number;
  offices?: Partial<Record<OfficeKey, number | null>>;
  services?: Partial<Record<'householdFibre' | 'mobile' | 'satellite', number>>;
  population?: DistributionField;
  backboneKm?: DistributionField;
}

/** The season every scenario has without declaring it: full work every month. */
export const ALL_YEAR_SEASON = 'all-year';

/** A financing programme as written (src/scenario/financing.ts fills its defaults). */
export interface FinancingFile {
  id: string;
  label: string;
  pays: Technology[];
  eligible?: { regions?: string[]; populationAtLeast?: number; populationBelow?: number; settlements?: string[]; share?: number };
  unlimited?: boolean;
  appropriations?: Record<string, number>;
  carryOver?: boolean;
  costShare?: number;
  topUp?: { probability: number; share: number; delay: DistributionField; when?: 'overrun' | 'shortfall'; times?: number };
}
