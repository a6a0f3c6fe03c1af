import type { Container, HandlerId, Resource, Simulation, WorkCalendar } from '../engine/index.js';
import type { Books } from './books.js';
import type { FactorParts } from './factor-parts.js';
import { FACTOR_KINDS, type FactorKind } from './factor-kinds.js';
import type { CompiledModel } from './compile.js';
import type { JobState } from './job-state.js';
import type { RegionTech } from './indices.js';
import type { JobTable } from './jobs.js';
import type { TopUps } from './outside/top-ups.js';
import type { RiskDraws } from './risks.js';
import type { SettlementTable } from './settlements.js';
import type { SettlementProgress } from './input.js';

/** The national factors drawn for one replication, by kind (each multiplies what FACTOR_DECLS says). */
export type NationalFactors = Record<FactorKind, number>;

/**
 * World — what the stage handlers and outside events of one replication share: the clock,
 * the jobs and their state, the resources they compete for, the replication's draws and
 * the books. Built once per scenario and worker (src/model/replication.ts) and refilled for
 * every replication, so its arrays and resources are allocated once.
 */
export interface World {
  readonly m: CompiledModel;
  readonly sim: Simulation;
  readonly st: SettlementTable;
  readonly jobs: JobTable;
  readonly state: JobState;
  readonly books: Books;
  /** Crew pools, by regionTech(). */
  readonly crews: Resource[];
  /**
   * Jobs waiting for a crew of pool i that could take one now: none while the pool is paused
   * (its ground frozen: they wait for the thaw, handlers/crew.ts) or stopped by a contractor
   * default (no crew works there until it ends). What national crews and a contract's new
   * crews go by.
   */
  waitingForCrew(i: RegionTech): number;
  /** The days the jobs waitingForCrew counts have waited for a crew so far (since they entered the crew stage), summed; 0 when it counts none. */
  waitingDaysForCrew(i: RegionTech): number;
  /** A crew of pool i held beyond the pool's crews (a cut, a recall, a default) has finished its job and left it: a national crew recalled from there sets off now. */
  crewLeft(i: RegionTech): void;
  /** Offices, by regionOffice(); null where the scenario has none (a pure delay). */
  readonly offices: (Resource | null)[];
  /** Money per financing programme (m.financing order); null = unlimited. */
  readonly budgets: (Container | null)[];
  /** Top-ups of programmes whose money runs out (null: no programme has a top-up policy). */
  readonly topUps: TopUps | null;
  /** Each region's productivity factor (terrain), by region. */
  readonly regionProductivity: Float64Array;
  /** Price level at time t relative to the start (1 without inflation): (1 + i)^(t / 365.25). */
  priceAt(t: number): number;
  /** This replication's work calendars (risks applied), by regionWork(). */
  calendars: WorkCalendar[];
  factors: NationalFactors;
  /**
   * A factor (FACTOR.productivity, .costOverrun, .permitDelay) for region r's work at time t:
   * national × regional × yearly (the year t falls in); the national factor when the
   * scenario gives no parts.
   */
  factorAt(kind: number, region: number, t: number): number;
  /** The regional and yearly parts drawn for this replication. */
  readonly parts: FactorParts;
  risks: RiskDraws;
  /** The work calendar job j's crew follows (null: not seasonal): its season's, which decides when it may take a crew. */
  calendarOf(j: number): WorkCalendar | null;
  /**
   * The calendar job j's work progresses by: calendarOf(j), except for a pool whose work a
   * contractor default halts in this replication (then stopped on the default's days too).
   */
  workCalendarOf(j: number): WorkCalendar | null;
  /** The work calendar a crew pool's jobs follow (null: not seasonal). */
  calendarOfPool(i: RegionTech): WorkCalendar | null;
  /** Invariants are checked as the run goes (--check). */
  readonly checking: boolean;
  /** Each job's progress in a run from a status, set before the outside events start (null: from scratch; empty without a status). */
  readonly progress: readonly (SettlementProgress | null)[];
  /** Job j's uniform for an input slot (see DRAWS). */
  uOf(j: number, slot: number): number;
  /**
   * Per job, days a stage is given rather than draws: what a run started from a status
   * carries over into a stage (days of processing or work left, set by a handler's resume
   * and read by its handler), or a lead time decided by whoever made the job (a fallback).
   */
  readonly carried: Float64Array;
  /** Job j is in the last stage of its pipeline. */
  isLastStage(j: number): boolean;
  /** Moves job j to its next stage (or completes it) now. */
  advance(j: number): void;
  /** Handler that advances job j: what a stage schedules when its time is up. */
  readonly next: HandlerId;
  /** Registers a handler whose argument is a job (so a trace can describe the job). */
  onJob(handler: (j: number) => void, name: string): HandlerId;
}

/** Every national factor at 1 (none drawn). */
export function unitFactors(): NationalFactors {
  return Object.fromEntries(FACTOR_KINDS.map((k) => [k, 1])) as NationalFactors;
}
