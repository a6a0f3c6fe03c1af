import { EventQueue, type EntryId, type HandlerId, type RequestId } from '../../engine/index.js';
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
 * ground, a cable shortage): it waits at the pool's gate, and that time is 'winter', not
 * 'waiting for a crew'. At the start of each frozen spell the jobs still waiting for a
 * crew of the pool leave its queue for the gate; at the thaw every job at the gate asks
 * for a crew again, in priority order. Jobs already holding a crew (at work when the
 * ground froze) keep it. Two events per pool and frozen spell (scheduled when the
 * replication starts, so they come before anything else that happens at the same moment),
 * none per job.
 */
export const crewStage: StageHandler = (w, stage) => {
  const { sim, state, jobs } = w;
  const nPools = w.crews.length;
  /** Jobs at each pool's gate, by priority (then arrival). */
  const gates = Array.from({ length: nPools }, () => new EventQueue(16));
  const hasJobs = new Uint8Array(nPools);

  const assigned = w.onJob((j) => {
    if (w.checking && (w.calendarOf(j)?.factorAt(sim.now) ?? 1) === 0) throw new InvariantError(`job ${j} took a crew on a day its work cannot progress`);
    w.advance(j);
  }, 'crew assigned');
  /** Whether each job waits at its pool's gate (else, when queued, in the pool's own queue). */
  const gated = new Uint8Array(state.capacity);
  const request = (j: number) => {
    gated[j] = 0;
    const id = w.crews[crewPoolOf(jobs, j)].request(assigned, j, jobs.priority[j]);
    if (state.stage[j] === stage) state.pending[j] = id; // still waiting (a granted job has moved on)
  };
  /** Job j waits at its pool's gate from now (frozen days in the crew stage are booked to winter: Books.close). */
  const toGate = (j: number, priority: number) => {
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    gated[j] = 1;
    state.pending[j] = gates[crewPoolOf(jobs, j)].push(priority, 0, j);
  };
  /** Requests of other stages withdrawn with this stage's (a crew kept at work in a run started from a status): asked again at once. */
  const others: number[] = [];
  const withdrawn = (kind: HandlerId, j: number, priority: number) => {
    if (kind === assigned) toGate(j, priority);
    else others.push(kind, j, priority);
  };

  const thaw: HandlerId = sim.on((i) => {
    const g = gates[i];
    while (g.pop()) {
      const j = g.topArg;
      state.enterPhase(j, PHASE.queued, sim.now, NaN);
      request(j);
    }
  }, 'thaw: jobs ask for crews');
  const freeze: HandlerId = sim.on((i) => {
    w.crews[i].withdrawAll(withdrawn);
    for (let k = 0; k < others.length; k += 3) w.crews[i].request(others[k] as HandlerId, others[k + 1], others[k + 2]);
    others.length = 0;
  }, 'frozen: no crews taken');

  const start = (j: number) => {
    const cal = w.calendarOf(j);
    const g = gates[crewPoolOf(jobs, j)];
    // Frozen now, or thawing at this very moment with jobs still at the gate (they go first, by priority).
    if (cal !== null && (g.size > 0 || cal.factorAt(sim.now) === 0)) return toGate(j, jobs.priority[j]);
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    request(j);
  };
  return {
    start,
    // Waiting for a crew before the run: it waits on.
    resume: start,
    withdraw: (j) => {
      const pool = crewPoolOf(jobs, j), id = state.pending[j];
      return gated[j] ? gates[pool].cancel(id as EntryId) : w.crews[pool].cancel(id as RequestId);
    },
    reset: () => {
      for (const g of gates) g.clear();
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
