import type { SettlementProgress } from '../input.js';
import type { World } from '../world.js';

/** How a stage runs for a job (the job's state already says which stage). */
export interface StageRunner {
  /** Starts the stage for job j now. */
  start(j: number): void;
  /**
   * Continues the stage for job j at the start of a run that begins from a status (work
   * in progress): what was done before — days in the stage, decisions, work — counts.
   */
  resume(j: number, progress: SettlementProgress): void;
  /** Called once at the start of every replication, before any job starts (a stage with state of its own clears it). */
  reset?(): void;
  /**
   * Withdraws job j from the stage now — its request or its scheduled event withdrawn,
   * what it holds (a desk) given back — without moving it on (the job is cancelled).
   * False when it cannot be: its work has started. Stages without it cannot be cancelled.
   */
  withdraw?(j: number): boolean;
  /**
   * Takes job j out of the stage now, withdrawing what it waits on, and moves it on (a
   * reform that removes the stage from a date: see StageDecl.skipFrom). Only stages a
   * reform can remove have it.
   */
  leave?(j: number): void;
}

/**
 * A kind of stage: given the world and a stage code, registers what it needs (handlers)
 * once, and returns how to start (or continue) that stage for a job. When the stage is
 * over — now or from an event — it calls `w.advance(j)`.
 */
export type StageHandler = (w: World, stage: number) => StageRunner;

/**
 * Days left of a duration drawn by `quantile` that has already lasted `elapsed` days: a
 * draw from the distribution conditioned on lasting longer (the job's uniform u placed
 * above P(D <= elapsed)), minus what has passed. With nothing elapsed it is the plain draw.
 *
 * @example remainingAfter((p) => 10 * p, 0.5, 4)   // uniform 0..10, 4 days gone: 3 days left
 */
export function remainingAfter(quantile: (p: number) => number, u: number, elapsed: number): number {
  if (!(elapsed > 0)) return Math.max(0, quantile(u));
  let lo = 0, hi = 1; // P(D <= elapsed), by bisection on the monotone quantile function
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (lo + hi);
    if (quantile(mid) <= elapsed) lo = mid; else hi = mid;
  }
  if (lo >= 1 - 1e-12) return 0;
  return Math.max(0, quantile(lo + u * (1 - lo)) - elapsed);
}
