import { crewPoolOf } from '../jobs.js';
import { PHASE } from '../job-state.js';
import type { StageHandler } from './types.js';

/**
 * A crew: the job queues (by priority) for a crew of its technology in its region. The
 * crew, once assigned, stays with the job through the work stage, which releases it.
 */
export const crewStage: StageHandler = (w) => {
  const { sim, state, jobs } = w;
  const assigned = w.onJob((j) => w.advance(j), 'crew assigned');
  const start = (j: number) => {
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    w.crews[crewPoolOf(jobs, j)].request(assigned, j, jobs.priority[j]);
  };
  // Waiting for a crew before the run: it waits on.
  return { start, resume: start };
};
