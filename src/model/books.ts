import type { Simulation, WorkCalendar } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import type { JobState } from './job-state.js';
import { N_WAIT, STAGE, STAGES, WAIT } from './stages.js';

const WORK = STAGE.work, CREW = STAGE.crew;
/** The wait category of each stage code (-1: none). */
const WAIT_OF = Int8Array.from(STAGES, (s) => (s.wait === null ? -1 : WAIT[s.wait]));

/**
 * Books — what a replication accounts for as it goes: the days each job spends in each wait
 * category (every day in exactly one), and per financing programme (CompiledFinancing
 * order) the money it committed and the co-funding beside it per budget year, the top-ups
 * it received, and — for the --check conservation of money — what came in and lapsed.
 *
 * @example books.close(j)   // when job j leaves a stage: its days there go to the stage's category
 */
export class Books {
  /** Money committed per programme and budget year: [p * years + y]. */
  readonly spend: Float64Array;
  /** Co-funding beside it (the part of each job's cost its programme does not pay): [p * years + y]. */
  readonly coFunding: Float64Array;
  /** Top-up money each programme received. */
  readonly topUps: Float64Array;
  /** Money put into each limited programme (appropriations after cuts, top-ups, money carried in) and lapsed on 31 December. */
  readonly moneyIn: Float64Array;
  readonly lapsed: Float64Array;

  constructor(
    private readonly m: CompiledModel,
    private readonly sim: Simulation,
    private readonly state: JobState,
    /** The work calendar a job's crew follows (null: not seasonal). */
    private readonly calendarOf: (j: number) => WorkCalendar | null,
    /** The calendar a job's work progresses by: calendarOf, or its pool's while a contractor default halts it. */
    private readonly workCalendarOf: (j: number) => WorkCalendar | null,
  ) {
    const n = m.financing.programmes.length;
    this.spend = new Float64Array(n * m.years);
    this.coFunding = new Float64Array(n * m.years);
    this.topUps = new Float64Array(n);
    this.moneyIn = new Float64Array(n);
    this.lapsed = new Float64Array(n);
  }

  reset(): void {
    this.spend.fill(0);
    this.coFunding.fill(0);
    this.topUps.fill(0);
    this.moneyIn.fill(0);
    this.lapsed.fill(0);
  }

  /** Budget year (0 = the start's year) of time t, clamped to the run's years. */
  yearOf(t: number): number {
    const m = this.m;
    return Math.min(m.years - 1, Math.max(0, m.calendar.year(Math.min(Math.floor(t), m.horizonDays - 1)) - m.firstYear));
  }

  /** Books money committed now by programme p, and the co-funding paid beside it. */
  commit(p: number, amount: number, coFunding: number): void {
    const at = p * this.m.years + this.yearOf(this.sim.now);
    this.spend[at] += amount;
    if (coFunding > 0) this.coFunding[at] += coFunding;
  }

  /**
   * Books the time since job j entered its stage to the stage's wait category (work: the
   * full-rate working days to 'work', those a contractor default halted to 'crew' (its crews
   * were gone), the rest — frozen or reduced-rate days — to 'winter', by the job's season's
   * calendar; crew: days its work could not progress — a
   * season factor of 0 — to 'winter', the rest to 'crew') and restarts the stage clock; `now` is the
   * time it leaves (default: the simulation's clock).
   */
  close(j: number, now = this.sim.now): void {
    const s = this.state;
    const code = s.stage[j];
    if (code === WORK) {
      const calendar = this.calendarOf(j);
      const season = calendar ? calendar.capacityBefore(now) - calendar.capacityBefore(s.since[j]) : now - s.since[j];
      const worked = this.workCalendarOf(j);
      // Halted by a contractor default: the full-rate days the season allowed but the work did not get.
      const full = worked === calendar ? season : worked!.capacityBefore(now) - worked!.capacityBefore(s.since[j]);
      s.waits[j * N_WAIT + WAIT.work] += full;
      if (full !== season) s.waits[j * N_WAIT + WAIT.crew] += season - full;
      s.waits[j * N_WAIT + WAIT.winter] += now - s.since[j] - season;
    } else if (code === CREW) {
      // Days the work could not have progressed (the job waits at the season's gate) are winter.
      const calendar = this.calendarOf(j);
      const idle = calendar ? calendar.idleBefore(now) - calendar.idleBefore(s.since[j]) : 0;
      s.waits[j * N_WAIT + WAIT.crew] += now - s.since[j] - idle;
      s.waits[j * N_WAIT + WAIT.winter] += idle;
    } else {
      s.waits[j * N_WAIT + WAIT_OF[code]] += now - s.since[j];
    }
    s.since[j] = now;
  }
}
