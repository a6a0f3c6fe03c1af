import { crewPoolOf } from '../jobs.js';
import { PHASE } from '../job-state.js';
import type { StageHandler } from './types.js';

/**
 * A crew: the job queues (by priority) for a crew of its technology in its region. The
 * crew, once assigned, stays with the job through the work stage, which releases it.
 */
export const crewStage: StageHandler = (w) => {
  const { state, jobs } = w;
  const assigned = w.onJob((j) => w.advance(j), 'crew assigned');
  return (j) => {
    state.phase[j] = PHASE.queued;
    state.due[j] = NaN;
    w.crews[crewPoolOf(jobs, j)].request(assigned, j, jobs.priority[j]);
  };
};
