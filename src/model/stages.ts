import type { DrawPath } from './draws.js';
import type { ModelInput } from './input.js';
import type { OfficeKey } from './offices.js';

/**
 * Where a settlement's time goes. Every day between the start of the run and the
 * settlement's connection (or the horizon) is counted in exactly one of these, so a
 * planner can see the bottleneck: paperwork, money, crews or winter. Each has the label
 * and colour the report shows.
 */
export const WAITS = [
  { id: 'design', label: 'Survey and design', colour: '#9d755d' },
  { id: 'approval', label: 'Approvals and permits', colour: '#e45756' },
  { id: 'budget', label: 'Waiting for money', colour: '#f58518' },
  /** Also the days a contractor default with `halts` stopped the work a job's crew had in hand (Books.close). */
  { id: 'crew', label: 'Waiting for a crew', colour: '#b279a2' },
  { id: 'work', label: 'Construction', colour: '#4c78a8' },
  /**
   * Frozen or reduced-rate days: a crew holding the job through them (the work stage), or a
   * job waiting for the thaw before it takes a crew (the crew stage). A cable shortage stops
   * fibre work the same way (its days are the calendar's 0s too), so its days are here as well:
   * the label says so.
   */
  { id: 'winter', label: 'Winter or cable shortage stop', colour: '#72b7b2' },
  { id: 'commissioning', label: 'Commissioning, power, backhaul', colour: '#54a24b' },
  { id: 'procurement', label: 'Satellite terminals on order', colour: '#bab0ac' },
] as const;
export type WaitStage = (typeof WAITS)[number]['id'];
export const WAIT_STAGES: readonly WaitStage[] = WAITS.map((w) => w.id);
export const N_WAIT = WAITS.length;
/** Index of a wait category in per-settlement wait arrays. */
export const WAIT: Readonly<Record<WaitStage, number>> = Object.fromEntries(WAITS.map((w, k) => [w.id, k])) as Record<WaitStage, number>;

/**
 * How a stage runs (src/model/handlers/<kind>.ts):
 *  - delay: a duration drawn for the job, then the next stage (holding one of the region's
 *    desks, when the stage names an office the scenario has: a limit on work at once);
 *  - office: a file queued at the region's office (or a pure delay when the scenario has
 *    none), processed for a drawn time, possibly rejected and resubmitted;
 *  - budget: the job's cost paid from its programme's money, waiting when it is spent;
 *  - crew: a crew of the job's technology from the region's pool (held through work);
 *  - work: the crew works the job's size at its rate, paused by the season, then releases the crew;
 *  - lead: a time decided for the job by whoever made it (a fallback's lead time), then the next stage.
 *  - held: in no pipeline; a handler puts a job there to stay (the budget stage, a job no programme pays for).
 */
export type HandlerKind = 'delay' | 'office' | 'budget' | 'crew' | 'work' | 'lead' | 'done' | 'held';

/** One stage of a job, declared once. */
export interface StageDecl {
  /** The stage's name in outputs (runs, the replay CSV, the report's unfinished table). */
  name: string;
  label: string;
  /** Its colour in charts (none for 'done', which is never drawn as a stage). */
  colour?: string;
  /** The wait category its days are booked to (the work stage splits them into work and winter). */
  wait: WaitStage | null;
  handler: HandlerKind;
  /** The per-job draw of its duration (delay and office stages). */
  draw?: DrawPath;
  /**
   * Office stages: the office it queues at. Delay stages: the office whose desks limit how
   * many jobs of a region are in the stage at once (when the scenario has it).
   */
  office?: OfficeKey;
  /** A settlement's known duration that replaces the draw (from the settlements list). */
  known?: 'approvalDays';
  /** Leaves the stage out of every pipeline in scenarios where this holds (a reform lever). */
  skip?: (input: ModelInput) => boolean;
  /**
   * From this date on ('YYYY-MM-DD', undefined: never) a job that reaches the stage passes
   * straight through it (a reform in force from a date); jobs already in it finish it.
   */
  skipFrom?: (input: ModelInput) => string | undefined;
}

/**
 * The stage registry. A stage's code is its position here: it is stored in typed arrays and
 * enters the draws of office decisions, so a new stage is appended at the end (after
 * 'done') and no code ever moves.
 * Which stages a technology goes through, in which order, is data too: see PIPELINES.
 */
const STAGE_LIST = [
  { name: 'design', label: 'Survey and design', colour: '#9d755d', wait: 'design', handler: 'delay', draw: 'fibre.design', office: 'designOffice' },
  { name: 'approval', label: 'Approvals and permits', colour: '#e45756', wait: 'approval', handler: 'office', draw: 'fibre.approval', office: 'approvalOffice', known: 'approvalDays' },
  {
    name: 'site allocation', label: 'Mast site allocation', colour: '#ff9da6', wait: 'approval', handler: 'office', draw: 'mast.siteAllocation', office: 'siteOffice',
    skip: (input) => input.mast?.preAllocatedSites === true,
    skipFrom: (input) => (typeof input.mast?.preAllocatedSites === 'string' ? input.mast.preAllocatedSites : undefined),
  },
  { name: 'mast permit', label: 'Mast permit', colour: '#d6616b', wait: 'approval', handler: 'office', draw: 'mast.permit', office: 'permitOffice' },
  { name: 'budget', label: 'Waiting for money', colour: '#f58518', wait: 'budget', handler: 'budget' },
  { name: 'crew', label: 'Waiting for a crew', colour: '#b279a2', wait: 'crew', handler: 'crew' },
  { name: 'work', label: 'Construction', colour: '#4c78a8', wait: 'work', handler: 'work' },
  { name: 'commissioning', label: 'Commissioning, power, backhaul', colour: '#54a24b', wait: 'commissioning', handler: 'delay', draw: 'fibre.commissioning' },
  { name: 'power and backhaul', label: 'Power and backhaul', colour: '#88d27a', wait: 'commissioning', handler: 'delay', draw: 'mast.powerAndBackhaul' },
  { name: 'procurement', label: 'Satellite terminals on order', colour: '#bab0ac', wait: 'procurement', handler: 'delay', draw: 'satellite.procurement' },
  { name: 'done', label: 'Connected', wait: null, handler: 'done' },
  // A job no financing programme pays for: it stays at the budget step, its days booked as waiting for money.
  { name: 'unfunded', label: 'No programme pays for it', wait: 'budget', handler: 'held' },
  // Appended after 'done' (codes never move): the last mile's own stage.
  { name: 'household design', label: 'Household fibre: design and grant', colour: '#c7a27c', wait: 'design', handler: 'delay', draw: 'household.design' },
  // Appended after 'done' (codes never move): where a job that was cancelled ends (a fallback took over).
  { name: 'cancelled', label: 'Cancelled', wait: null, handler: 'done' },
  // The lead time of a fallback's job (a satellite terminal for a village not on fibre by a date).
  { name: 'fallback lead', label: 'Fallback: decision and order', colour: '#e7ba52', wait: 'procurement', handler: 'lead' },
] as const satisfies readonly StageDecl[];
export const STAGES: readonly StageDecl[] = STAGE_LIST;

export type StageName = (typeof STAGE_LIST)[number]['name'];
/** A stage's code (its position in STAGES). */
export const STAGE: Readonly<Record<StageName, number>> = Object.fromEntries(STAGES.map((s, k) => [s.name, k])) as Record<StageName, number>;
export const STAGE_NAMES: readonly StageName[] = STAGE_LIST.map((s) => s.name);
export const DONE = STAGE.done;
export const CANCELLED = STAGE.cancelled;
