import type { DistributionSpec } from '../engine/index.js';
import type { ServiceId } from './services.js';
import { TECH_NAMES } from './technologies.js';

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
  /** Required when any settlement may get a mast, or when motorways are modelled. */
  mast?: MastInput;
  /** Required when a rule can assign household fibre (the last mile). */
  household?: HouseholdInput;
  /**
   * Services a settlement gets besides its technology's (several at once): a mast for mobile
   * coverage, household fibre after backbone fibre, a satellite terminal. Absent = none.
   */
  services?: ServicesInput;
  /** Optional second stream: masts along motorway corridors. */
  motorways?: MotorwayInput[];
  /** Uncertain national factors drawn once per replication and shared by every region. */
  factors?: FactorsInput;
  /**
   * Regional parts of the factors: one draw per region per replication (a contractor's
   * performance), multiplying the national factor of that region's work. Omitted = 1.
   */
  regionalFactors?: FactorsInput;
  /** Yearly parts of the factors: one draw per budget year per replication, multiplying the factor of that year's work. Omitted = 1. */
  yearlyFactors?: FactorsInput;
  /** Discrete risks with a probability and an impact. */
  risks?: RiskInput[];
  /** National crews that move to the regions with the largest backlog. */
  nationalCrews?: NationalCrewsInput;
  /**
   * Delivery capacity per technology: the crews contractors can field grow at a bounded
   * rate from the crews at work (regions[].crews) towards what is under contract, after
   * tender and mobilisation lead times.
   */
  capacity?: Partial<Record<Technology, CapacityInput>>;
  /**
   * Fallback policy: rules, in order, giving a settlement that is not connected by a date a
   * job of another technology (a satellite terminal, a mast), optionally cancelling its
   * fibre work not yet started.
   */
  fallback?: FallbackRule[];
  /** One budget line per technology (the simple form of `financing`; absent = unlimited). */
  budget: Partial<Record<Programme, BudgetInput>>;
  /**
   * Money as several programmes, each with its own calendar, eligibility and rules
   * (src/model/financing). When present it replaces `budget` (which is then empty).
   */
  financing?: FinancingProgrammeInput[];
  /** Yearly inflation rate, drawn once per replication: a cost asked for t days after the start is × (1 + i)^(t / 365.25). */
  inflation?: DistributionSpec;
  /** Crews added or withdrawn on dates. */
  crewChanges: CrewChange[];
  /** Step of the coverage-over-time series, in days (7 = weekly). */
  reportEveryDays: number;
  /** The delivery record and past plans, in settlements a year: shown beside the forecast, not simulated. */
  deliveryRecord?: DeliveryRecordEntry[];
  /**
   * What was seen (`rollout run --observed/--score FILE`), not part of a scenario file:
   * every replication reports its own value of each (ReplicationOutcome.observed).
   */
  observations?: import('./observe.js').ObservationInput[];
  /**
   * Where the programme stood when the run starts (`status: FILE`): the work in progress
   * continues from there. `start` is then the day after `status.date`.
   */
  status?: StatusInput;
}

/** Stage names a status can give: a stage of STAGES, or before / after every stage. */
export type StatusStage = string;

/**
 * The state of the programme at the end of a date (a state written by `--state-at`, or a
 * ministry's status list): per settlement, or only counts per region and stage.
 */
export interface StatusInput {
  /** The date at whose end the state holds; the run starts the next day. */
  date: string;
  /**
   * The scenario's own start (before the status replaced it): the date its regions' crews
   * hold at. A status holds no crews: the delivery capacity runs from this date, and what it
   * mobilises before the run's start is at work when it starts (CapacityGrowth).
   */
  scenarioStart?: string;
  /** One entry per listed settlement (`settlements`, same order): where its work stands. */
  settlements?: SettlementProgress[];
  /**
   * Only counts per region and stage: given to the jobs still to do in queue order, the most
   * advanced stage first. (A counts file's stock — its `done` rows — is not here: the loader
   * makes it the regions' `connected` and starting services.)
   */
  counts?: StageCount[];
  /**
   * With `counts`: per region and service, how many more settlements the status's stock (its
   * `done` rows) gives the service than the scenario's own start did. They were built since
   * the start, and paid for: each at the mean cost per settlement of the replication's jobs
   * of the service's technology in its region (their programmes' shares), committed on the
   * status's date; a satellite stock gained goes to settlements whose technology is
   * satellite first. Absent or 0: none.
   */
  gained?: { region: string; service: ServiceId; count: number }[];
  /**
   * With `settlements`: where the other jobs serving a settlement stand (a mast for mobile
   * coverage, a satellite terminal, household fibre; see ServicesInput), by settlement index
   * and technology. A job of a service rule with no entry starts afresh (or keeps waiting).
   */
  jobs?: { settlement: number; technology: Technology; progress: SettlementProgress }[];
  /**
   * With `settlements`: where the masts along the scenario's motorways stand, by motorway
   * id and mast number along it (0-based: mastsAlong). A mast with no entry starts afresh;
   * one 'done' was on air before the run.
   */
  motorways?: { motorway: string; mast: number; progress: SettlementProgress }[];
}

/** Where one settlement's work stands. */
export interface SettlementProgress {
  /** A stage name (STAGES), 'not started', or 'done' (then the settlement is listed as connected). */
  stage: StatusStage;
  /** Days since it entered the stage. */
  daysInStage: number;
  /** In an office stage: waiting for a desk, being processed, or rejected and coming back. */
  phase: 'queued' | 'active' | 'resubmitting';
  /** Days since the phase began (processing or resubmission so far). */
  daysInPhase: number;
  /** Office decisions so far. */
  attempts: number;
  /** Fibre: km of line laid so far. */
  kmLaid?: number;
  /** Full-rate crew-days of work done so far (masts, satellite; fibre when kmLaid is not given). */
  workDaysDone?: number;
  /** Money its programme has committed to it (paid at the budget stage; not paid again). */
  moneyCommitted: number;
  /** When that money was committed (default: the status date). */
  committedOn?: string;
  /** The programme that committed it (a `financing` id or a `budget` line; default: the first eligible one). */
  programme?: string;
  /** When it was connected ('done'); empty when before the state's own run. */
  connectedOn?: string;
  /**
   * A mast job's name: the settlements whose mast rows give the same name share one mast
   * (as many as it names, whatever settlementsPerMast says). Rows without one are grouped
   * in queue order.
   */
  mast?: string;
  /**
   * The job was a fallback's: the `after` date of the rule (of the row's technology) that
   * made it. A settlement with such a row has had its fallback: no later rule gives it
   * another. Absent: a settlement's own job, or a service rule's.
   */
  fallback?: string;
}

/** Settlements of a region in a stage, when only counts are known. */
export interface StageCount {
  region: string;
  stage: StatusStage;
  count: number;
  /** Days they have been in the stage (default 0). */
  daysInStage?: number;
  /** Only the jobs that build this service (default: any job whose technology goes through the stage). */
  service?: ServiceId;
}

/**
 * What a job builds: backbone fibre to a village ('fibre'), a mast ('mast'), a satellite
 * terminal ('satellite'), or household fibre inside a village already on backbone fibre
 * ('household', the last mile; never a settlement's own technology, only a service rule's).
 */
export type Technology = 'fibre' | 'mast' | 'satellite' | 'household';
/** Every technology, in code order (TECH_NAMES in technologies.ts). */
export const TECHNOLOGIES: readonly Technology[] = TECH_NAMES;

/** Budget programmes (one appropriation line each). */
export type Programme = Technology;

/**
 * fibre-share and coverage-share are the original names of two `share` readings (their
 * services: [backbone-fibre], and the services of `coverageTechnologies`).
 */
export type Metric = 'fibre-share' | 'coverage-share' | 'motorway-share' | 'share' | 'count';

/** What a target (or one of its readings) measures, and what reaching it means. */
export interface TargetDefinition {
  /**
   * fibre-share: settlements on backbone fibre / all settlements; coverage-share:
   * settlements served by a coverage technology / all; share: settlements with any of
   * `services` / all (or / `denominator`); count: settlements with any of `services`;
   * motorway-share: motorway km covered / all motorway km.
   */
  metric: Metric;
  /** share and count: the services that count (any of them). */
  services?: ServiceId[];
  /** A share in [0, 1] to reach; for `count`, the number of settlements. */
  threshold: number;
  /** Date by which it must be reached (inclusive). */
  deadline: string;
  /** Restrict to these region ids (default: the whole country). */
  regions?: string[];
  /**
   * Share metrics over settlements: the number the share is taken over, instead of the
   * settlements in the regions (a published count that differs from the modelled one):
   * the settlements counted are still all modelled ones, the share is capped at 1.
   */
  denominator?: number;
}

export interface TargetInput extends TargetDefinition {
  id: string;
  label: string;
  /**
   * Other readings of the same target (another metric or services, threshold, denominator,
   * deadline or regions), each fully resolved: evaluated in the same replications.
   */
  alternatives?: TargetReadingInput[];
}

/** One reading of a target: its own id and label and its whole definition. */
export interface TargetReadingInput extends TargetDefinition {
  id: string;
  label: string;
}

/** Which settlements get a service besides their technology's. */
export interface ServicesInput {
  /** A 4G/5G mast (the mast section's pipeline), neighbouring settlements grouped `mast.settlementsPerMast` to a mast. */
  mobile?: { rules: ServiceRule[] };
  /** Household fibre (the household section's pipeline), started once the settlement is on backbone fibre. */
  householdFibre?: { rules: ServiceRule[] };
  /** A satellite terminal (the satellite section's pipeline), besides its own technology's job. */
  satellite?: { rules: ServiceRule[] };
}

/**
 * A settlement that does not have the service at the start gets it when it matches any
 * rule; every condition of a rule must hold. `max` takes the first settlements that match
 * the rule in queue order (the scenario's `ordering`, across regions).
 */
export interface ServiceRule {
  populationAbove?: number;
  populationBelow?: number;
  backboneKmAbove?: number;
  backboneKmBelow?: number;
  regions?: string[];
  max?: number;
}

/** The last mile: household fibre inside a village, once it is on backbone fibre. */
export interface HouseholdInput {
  /** Days from backbone fibre (or the start, when already on it) to the works: design, grant, procurement. */
  design: DistributionSpec;
  /** Full-rate crew-days per village (a household crew, in the fibre method's season). */
  work: DistributionSpec;
  /** Cost per village, currency units. */
  cost: DistributionSpec;
}

export interface SeasonInput {
  /** Work factor per month for buried/ploughed fibre (0 = frozen ground, no work). */
  buried: number[];
  /** Work factor per month for aerial fibre on poles. */
  aerial: number[];
  /** Work factor per month for mast construction (foundations); default: as buried. */
  mast?: number[];
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
  /**
   * Settlements with other services at the start: household fibre (the largest of those on
   * backbone fibre), mobile coverage (the largest), satellite (the smallest of those not on
   * backbone fibre). Absent = none.
   */
  services?: Partial<Record<'householdFibre' | 'mobile' | 'satellite', number>>;
  /** Key into `seasons`. */
  season: string;
  /** Crews at the start, per technology (household crews only where a scenario gives them). */
  crews: Record<Exclude<Technology, 'household'>, number> & { household?: number };
  /** Multiplies laying productivity (terrain); 1 = as the national figure. */
  productivityFactor: number;
  /** This region's own capacity for an office (files at once; null = no limit); others use the office's. */
  offices?: Partial<Record<'approvalOffice' | 'siteOffice' | 'permitOffice' | 'designOffice', number | null>>;
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
  /** Services it has at the start besides its technology's (when connected). */
  services?: ServiceId[];
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
  /** The authority that grants right-of-way; absent = approval is a pure delay. */
  approvalOffice?: OfficeInput;
  /**
   * The design teams per region: `capacity` designs worked on at once (a queue, no
   * rejection); absent = every design starts at once.
   */
  designOffice?: OfficeInput;
}

/**
 * An approving authority (one per region) as a queue: it works on `capacity` files at a
 * time (the processing time is the stage's distribution), rejects a file with probability
 * `rejection`, and a rejected file comes back after `resubmission` days, queues again and
 * is re-reviewed (`rereview`), at most `maxRounds` times.
 */
export interface OfficeInput {
  /** Files processed at once per region; null = unlimited (no queue). */
  capacity: number | null;
  /** Probability that a decision is a rejection, 0..1 (< 1). */
  rejection: number;
  /** Days to fix and resubmit a rejected file. */
  resubmission: DistributionSpec;
  /** Days to re-review a resubmitted file, drawn afresh at each attempt (default: the stage's own distribution). */
  rereview?: DistributionSpec;
  /** Rejections a file can have in one stage; the decision after the last is an approval (escalated). Default: no bound. */
  maxRounds?: number;
}

export interface MastInput {
  /** Settlements one mast serves (neighbouring settlements of a region are grouped in plan order). */
  settlementsPerMast: number;
  /** Site allocation by the akimat, days. */
  siteAllocation: DistributionSpec;
  siteOffice?: OfficeInput;
  /**
   * Akimats pre-allocate sites (a reform lever): true = the site stage is skipped; a date
   * 'YYYY-MM-DD' = skipped by masts that reach it on or after that date (a law in force
   * from then; files already at the akimat finish there).
   */
  preAllocatedSites: boolean | string;
  /** Antenna-mast permit (planning assignment, design estimate, state expertise), days. */
  permit: DistributionSpec;
  permitOffice?: OfficeInput;
  /** Construction by one mast crew at full rate, days (paused by the season's mast factor). */
  construction: DistributionSpec;
  /** Power line and backhaul to on-air, days. */
  powerAndBackhaul: DistributionSpec;
  /** Cost per mast, currency units. */
  cost: DistributionSpec;
}

export interface MotorwayInput {
  id: string;
  label: string;
  /** Region whose mast crews, offices and budget build it. */
  region: string;
  /** Road length to cover, km. */
  km: number;
  /** One mast every this many km. */
  mastEveryKm: number;
  /** Cost per mast along this road (absent: `mast.cost`, the village masts'). */
  mastCost?: DistributionSpec;
}

/**
 * How many masts a motorway gets: ceil(km / mastEveryKm), at least one; they share its km
 * equally (a mast's number along it, 1 to this, is its id in a status).
 *
 * @example mastsAlong({ km: 25, mastEveryKm: 10 })   // 3
 */
export function mastsAlong(mw: Pick<MotorwayInput, 'km' | 'mastEveryKm'>): number {
  return Math.max(1, Math.ceil(mw.km / mw.mastEveryKm));
}

/**
 * National factors drawn once per replication (common to all regions), so regions move
 * together as they do in reality. Each multiplies the quantity it names; omitted = 1.
 */
export interface FactorsInput {
  /** Multiplies laying and construction productivity. */
  productivity?: DistributionSpec;
  /** Multiplies every cost (cost overrun). */
  costOverrun?: DistributionSpec;
  /** Multiplies every approval and permit processing time. */
  permitDelay?: DistributionSpec;
  /**
   * Multiplies the km of every fibre line: how far the km laid are from the distances to the
   * backbone the scenario gives, which the technology rules and orderings go by (a
   * programme's km per village can be off as a whole: the 2019-20 PPP laid ~17 % fewer km
   * than its contract's km per village). No yearly part.
   */
  distance?: DistributionSpec;
}

export type RiskImpact =
  /** The frozen season lasts `extraDays` longer in spring (buried fibre and mast work). */
  | { type: 'harsh-winter'; extraDays: number; regions?: string[] }
  /** Cable supply shortage: no fibre laying starts or progresses for `days` from a random day of the year. */
  | { type: 'cable-shortage'; days: DistributionSpec }
  /**
   * A contractor default removes a region's crews of a technology for `days` (region drawn at
   * random if omitted): no job takes one of them. With `halts`, the work those crews have in
   * hand stops too for the default's days, and resumes when they end (the crews stay with
   * their jobs); without, the jobs in hand are finished.
   */
  | { type: 'contractor-default'; technology: Technology; days: DistributionSpec; region?: string; halts?: true }
  /**
   * A budget sequestration cuts a programme's appropriation for the year by `share`: a
   * `budget` line (fibre, mast, satellite) or a `financing` programme's id.
   */
  | { type: 'budget-cut'; programme: string; share: number };

export interface RiskInput {
  id: string;
  label: string;
  /** Probability of occurring in each budget year (per: year) or once in the run (per: run). */
  probability: number;
  per: 'year' | 'run';
  impact: RiskImpact;
}

export interface NationalCrewsInput {
  /** Crews in the national pool, per technology. */
  crews: Partial<Record<Technology, number>>;
  /** Days to move a crew to another region. */
  travelDays: DistributionSpec;
  /** How often the pool is re-balanced towards the largest backlogs, days. */
  rebalanceEveryDays: number;
  /**
   * What a region's backlog is when the pool is shared out again: 'waiting', the jobs
   * waiting for a crew there (a small region's few can wait behind a large one's many for as
   * long as the large one has more); 'waitingDays', the days those jobs have waited so far,
   * summed (a backlog grows with its age, so no region's waits are put off for good).
   * Default 'waiting'.
   */
  shareBy?: 'waiting' | 'waitingDays';
}

/**
 * How one technology's crews grow: after the tender (from `from`, default the start) and
 * the mobilisation, on each month start each region's crews rise towards its contracted
 * number, at most `growthPerMonth` crews a month nationally, shared out in proportion to the
 * regions' missing crews (largest remainders).
 */
export interface CapacityInput {
  /**
   * Crews under contract (including those at work at the start): per region id (whole
   * numbers; regions left out get none beyond their own), or a national total — a
   * distribution drawn once per replication and rounded — split among the regions in
   * proportion to their jobs of this technology (largest remainders).
   */
  contracted: Record<string, number> | DistributionSpec;
  /** When the tender starts (default: the run's start). */
  from?: string;
  /** Days from `from` until the contracts are signed. */
  tender: DistributionSpec;
  /** Days from the signature until the first new crews can start. */
  mobilisation: DistributionSpec;
  /** Crews added per month at most, nationally: drawn once per replication (a fraction carries to the next month). */
  growthPerMonth: DistributionSpec;
  /** Crews are added in frozen months too (false: none in a month where the region's work for this technology cannot progress). */
  winterMobilisation: boolean;
  /**
   * Where the contract's crews work: 'regions' (default), each region's share of it for
   * good; 'national', in the national pool (nationalCrews), which sends them where jobs
   * wait for a crew and moves them as the backlog moves. 'national' needs a national total.
   */
  deploy?: 'regions' | 'national';
}

/** One fallback rule: `use` for the settlements not connected by the end of `after`. */
export interface FallbackRule {
  /** A settlement whose own job is not done by the end of this date gets the fallback. */
  after: string;
  /** The technology of the fallback job (its usual stages follow the lead time). */
  use: 'satellite' | 'mast';
  /** Days from the date until the job starts its technology's stages (the decision and the order). */
  lead: DistributionSpec;
  /** Cancel the settlement's fibre job if its work has not started (else both go on). */
  cancelFibre: boolean;
}

export interface BudgetInput {
  /** No limit on money (the budget stage is skipped). */
  unlimited: boolean;
  /** Share of each job's cost paid by operators (co-funding), 0..1; the programme pays the rest. */
  operatorShare?: number;
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

// ---- Financing programmes (issue 11 item 2) -------------------------------------------

/**
 * One financing programme: who pays for which jobs, from what money, on what terms. A job
 * is paid by the first programme (in the scenario's order) that pays its technology and
 * for which its settlement is eligible; a job no programme pays for waits in the stage
 * 'unfunded' for ever.
 */
export interface FinancingProgrammeInput {
  id: string;
  label: string;
  /** Technologies whose jobs it pays for. */
  pays: Technology[];
  /** Which of those jobs it pays for (every condition must hold); absent = all of them. */
  eligible?: EligibilityInput;
  /** No limit on its money (appropriations are then the planned amounts, not a limit). */
  unlimited: boolean;
  /** Money appropriated per budget year, available on 1 January (the start year's at the start). */
  appropriations: Record<string, number>;
  /** Unspent money carries over to the next year (false: it lapses on 31 December). */
  carryOver: boolean;
  /** Share of each job's cost it pays, 0..1; the rest is co-funding paid outside it (the operator's). */
  costShare: number;
  /** What happens when its money runs out with work waiting (absent: the work waits for the next appropriation). */
  topUp?: TopUpInput;
}

/** Which jobs a programme pays for. A mast job is judged by the first settlement it serves; a motorway mast by its region (and `share`) only. */
export interface EligibilityInput {
  /** Region ids. */
  regions?: string[];
  /** Settlements of at least this many people. */
  populationAtLeast?: number;
  /** Settlements of fewer people than this. */
  populationBelow?: number;
  /** Listed settlements (ids of the settlements list) it pays for. */
  settlements?: string[];
  /**
   * Share of the jobs that meet the other conditions, 0..1: each is in with this
   * probability, drawn for each replication from its settlement's own stream (which
   * villages a programme will fund is not known in advance).
   */
  share?: number;
}

/**
 * A top-up when a programme's money runs out with work waiting. Whether the government
 * tops the programme up at all is drawn once per replication (`probability`); if it does,
 * each time the money runs out (`when`) `share` × the programme's total appropriations
 * arrive after `delay` days (drawn for each top-up), at most `times` times.
 */
export interface TopUpInput {
  probability: number;
  share: number;
  delay: DistributionSpec;
  /** overrun: only once no later appropriation is due within the horizon; shortfall: whenever the money runs out. */
  when: 'overrun' | 'shortfall';
  /** Most top-ups per replication (absent: no limit). */
  times?: number;
}

/**
 * One fact of the delivery record (the reference class a forecast is judged against): a pace
 * achieved or a pace promised, in settlements a year, with its source.
 */
export interface DeliveryRecordEntry {
  id: string;
  label: string;
  /** delivered: a pace actually achieved; plan: a pace a plan promised. */
  kind: 'delivered' | 'plan';
  /**
   * What it counts: villages connected to fibre (the default) or villages gaining mobile
   * coverage (4G from a mast); a forecast year is set beside the record of its own series.
   */
  series?: 'fibre' | 'mobile';
  /** Settlements a year (a range when the record gives one). */
  perYear?: { min: number; max: number };
  /** For a plan: the calendar year it is about. */
  year?: number;
  /** For a finished plan: settlements promised in all, and delivered against it. */
  planned?: number;
  delivered?: number;
  source: string;
}

/**
 * A programme as people know it: a financing programme's label ("World Bank DARE last-mile
 * grants (IBRD loan)"), else its id (a budget line's: its technology, "fibre").
 *
 * @example programmeName({ financing: [{ id: 'dare', label: 'DARE grants', ... }] }, 'dare')   // 'DARE grants'
 */
export function programmeName(input: Pick<ModelInput, 'financing'>, id: string): string {
  return input.financing?.find((p) => p.id === id)?.label ?? id;
}
