import { N_WAIT } from './stages.js';

/** What a job in a stage is doing (JobState.phase). */
export const PHASE = {
  /** Waiting in a queue for what the stage needs (an office desk, money, a crew). */
  queued: 0,
  /** Under way: holds what the stage needs; its stage ends at `due` (Infinity: beyond the horizon). */
  active: 1,
  /** Rejected by an office, its file coming back at `due`. */
  resubmitting: 2,
} as const;
export type Phase = (typeof PHASE)[keyof typeof PHASE];

/**
 * JobState — where every job of a replication is, as parallel typed arrays indexed by job:
 * everything needed to report a job's state at any date and to continue it from there
 * (the stage, when it entered it, what it is doing in it, decisions so far, the money it
 * needs, the days it has spent in each wait category, when it finished). Handlers keep it
 * current; nothing else about a job changes during a replication.
 *
 * Sized once for a scenario's largest number of jobs and reset between replications, so a
 * worker allocates it once.
 */
export class JobState {
  /** Position in its technology's pipeline. */
  readonly step: Uint8Array;
  /** Stage code (STAGES index; DONE when connected). */
  readonly stage: Uint8Array;
  readonly phase: Uint8Array;
  /** When it entered its stage. */
  readonly since: Float64Array;
  /** When its scheduled event is due (NaN when waiting in a queue). */
  readonly due: Float64Array;
  /** When its current phase began. */
  readonly phaseSince: Float64Array;
  /** Money its programme committed to it (at the budget stage, or before the run), and when. */
  readonly committed: Float64Array;
  readonly committedAt: Float64Array;
  /** Times its programme paid for it in this run (0 or 1; --check). */
  readonly payments: Uint8Array;
  /** Office decisions so far (over all its office stages: they enter the rejection draws). */
  readonly attempts: Uint16Array;
  /** What the job costs in the start's prices (its programme pays its cost share of it, at the day's prices, at the budget stage). */
  readonly cost: Float64Array;
  /** When it was connected (Infinity: not within the horizon). */
  readonly done: Float64Array;
  /**
   * The id of what it waits on in its stage — its request for a desk, money or a crew
   * (queued), or its scheduled event — so that it can be withdrawn (a job cancelled, or an
   * office stage left early by a reform from a date). NaN when there is none.
   */
  readonly pending: Float64Array;
  /** When it was cancelled (NaN: it was not). */
  readonly cancelledAt: Float64Array;
  /** Days per wait category: [j * N_WAIT + w]. */
  readonly waits: Float64Array;

  constructor(readonly capacity: number) {
    this.step = new Uint8Array(capacity);
    this.stage = new Uint8Array(capacity);
    this.phase = new Uint8Array(capacity);
    this.since = new Float64Array(capacity);
    this.due = new Float64Array(capacity);
    this.phaseSince = new Float64Array(capacity);
    this.committed = new Float64Array(capacity);
    this.committedAt = new Float64Array(capacity);
    this.payments = new Uint8Array(capacity);
    this.attempts = new Uint16Array(capacity);
    this.cost = new Float64Array(capacity);
    this.done = new Float64Array(capacity);
    this.pending = new Float64Array(capacity);
    this.cancelledAt = new Float64Array(capacity);
    this.waits = new Float64Array(capacity * N_WAIT);
  }

  /** Job j enters a phase now. */
  enterPhase(j: number, phase: Phase, now: number, due: number): void {
    this.phase[j] = phase;
    this.phaseSince[j] = now;
    this.due[j] = due;
  }

  /** Clears job j, made during a run at time `now` (a fallback's job). */
  init(j: number, now: number): void {
    this.step[j] = 0; this.stage[j] = 0; this.phase[j] = 0;
    this.since[j] = now; this.due[j] = NaN; this.phaseSince[j] = now;
    this.committed[j] = 0; this.committedAt[j] = NaN; this.payments[j] = 0; this.attempts[j] = 0; this.cost[j] = 0;
    this.done[j] = Infinity; this.pending[j] = NaN; this.cancelledAt[j] = NaN;
    this.waits.fill(0, j * N_WAIT, (j + 1) * N_WAIT);
  }

  /** Clears the first n jobs for a new replication (starting at time `start`). */
  reset(n: number, start = 0): void {
    this.step.fill(0, 0, n);
    this.stage.fill(0, 0, n);
    this.phase.fill(0, 0, n);
    this.since.fill(start, 0, n);
    this.due.fill(NaN, 0, n);
    this.phaseSince.fill(start, 0, n);
    this.committed.fill(0, 0, n);
    this.committedAt.fill(NaN, 0, n);
    this.payments.fill(0, 0, n);
    this.attempts.fill(0, 0, n);
    this.cost.fill(0, 0, n);
    this.done.fill(Infinity, 0, n);
    this.pending.fill(NaN, 0, n);
    this.cancelledAt.fill(NaN, 0, n);
    this.waits.fill(0, 0, n * N_WAIT);
  }
}
