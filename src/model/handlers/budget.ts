import { PHASE } from '../job-state.js';
import type { StageHandler } from './types.js';

/**
 * Money: the job's programme pays its share of the job's cost, in queue priority order;
 * when the year's money is spent the job waits for the next appropriation. An unlimited
 * programme pays at once. The payment is booked to the budget year it happens in.
 */
export const budgetStage: StageHandler = (w) => {
  const { sim, state, jobs } = w;
  const funded = w.onJob((j) => {
    const t = jobs.tech[j];
    const amount = state.cost[j] * w.programmeShare[t];
    w.books.commit(t, amount);
    state.committed[j] = amount;
    state.committedAt[j] = sim.now;
    w.advance(j);
  }, 'funded');
  const start = (j: number) => {
    const t = jobs.tech[j];
    const b = w.budgets[t];
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    if (b === null) sim.call(funded, j);
    else b.get(state.cost[j] * w.programmeShare[t], funded, j, jobs.priority[j]);
  };
  // Waiting for money before the run: it waits on.
  return { start, resume: start };
};
