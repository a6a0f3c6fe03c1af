import type { HandlerId, RequestId } from '../../engine/index.js';
import { InvariantError } from '../errors.js';
import { crewPoolOf } from '../jobs.js';
import { PHASE } from '../job-state.js';
import { regionTech, type RegionTech } from '../indices.js';
import { TECH_CODE } from '../technologies.js';
import type { StageHandler } from './types.js';

/**
 * A crew: the job queues (by priority) for a crew of its technology in its region. The
 * crew, once assigned, stays with the job through the work stage, which releases it.
 *
 * No job takes a crew while its work cannot progress (its season's factor is 0: frozen
 * ground, a cable shortage), and that time is 'winter', not 'waiting for a crew'
 * (Books.close). At the start of each frozen spell the pool is paused (Resource.pause):
 * the jobs waiting for a crew keep their places in its queue, and those that come to the
 * stage while it is frozen queue behind them by priority, none granted; at the thaw the
 * pool resumes and its free crews go to the first in the queue. Jobs already holding a
 * crew (at work when the ground froze) keep it. Two events per pool and frozen spell
 * (scheduled when the replication starts, so they come before anything else that happens
 * at the same moment), none per job, and no job moved: a queue of thousands is paused as
 * cheaply as one of ten.
 */
export const crewStage: StageHandler = (w, stage) => {
  const { sim, state, jobs } = w;
  const nPools = w.crews.length;
  const hasJobs = new Uint8Array(nPools);

  const assigned = w.onJob((j) => {
    // At the horizon itself (events there still run: a crew released, national crews
    // arriving) the calendar has no day (its factor is 0 outside it) and the pools are no
    // longer paused: a grant then is past the run's last day and does no work, not a grant
    // on a frozen day.
    if (w.checking && sim.now < w.m.horizonDays && (w.calendarOf(j)?.factorAt(sim.now) ?? 1) === 0) throw new InvariantError(`job ${j} took a crew on a day its work cannot progress`);
    w.advance(j);
  }, 'crew assigned');
  /** The waiting jobs of a pool enter their queued phase again now (at a freeze and at a thaw: `--state-at` reports the phase's days from then). */
  const requeued = (_: HandlerId, j: number) => state.enterPhase(j, PHASE.queued, sim.now, NaN);
  const thaw: HandlerId = sim.on((i) => {
    const pool = w.crews[i];
    pool.forEachWaiting(requeued);
    pool.resume();
  }, 'thaw: jobs ask for crews');
  const freeze: HandlerId = sim.on((i) => {
    const pool = w.crews[i];
    pool.pause();
    pool.forEachWaiting(requeued);
  }, 'frozen: no crews taken');

  const start = (j: number) => {
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    const pool = w.crews[crewPoolOf(jobs, j)];
    // Frozen already, though the freeze has not come yet: a job that reaches the stage at the
    // very moment the ground freezes (the run's first moment) before its event does.
    if (!pool.isPaused && (w.calendarOf(j)?.factorAt(sim.now) ?? 1) === 0) pool.pause();
    const id = pool.request(assigned, j, jobs.priority[j]);
    if (state.stage[j] === stage) state.pending[j] = id; // still waiting (a granted job has moved on)
  };
  return {
    start,
    // Waiting for a crew before the run: it waits on.
    resume: start,
    withdraw: (j) => w.crews[crewPoolOf(jobs, j)].cancel(state.pending[j] as RequestId),
    reset: () => {
      hasJobs.fill(0);
      for (let j = 0; j < jobs.n; j++) hasJobs[jobs.crewPool[j]] = 1;
      // Pools a fallback may give jobs to during the run.
      for (const f of w.m.input.fallback ?? []) for (let r = 0; r < w.m.regionIds.length; r++) hasJobs[regionTech(r, TECH_CODE[f.use])] = 1;
      // Every freeze and thaw of the replication's seasons, scheduled before anything else:
      // at the same moment they come first (a crew added on the day the ground freezes is
      // not taken).
      const H = w.m.horizonDays;
      for (let i = 0; i < nPools; i++) {
        const cal = hasJobs[i] ? w.calendarOfPool(i as RegionTech) : null;
        if (cal === null) continue;
        for (let t = cal.nextIdle(sim.now); t < H;) {
          sim.at(t, freeze, i);
          const thawAt = cal.nextWorking(t);
          if (!(thawAt < H)) break;
          sim.at(thawAt, thaw, i);
          t = cal.nextIdle(thawAt);
        }
      }
    },
  };
};
