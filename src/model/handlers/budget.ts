import type { RequestId } from '../../engine/index.js';
import { FACTOR } from '../factor-parts.js';
import { PHASE } from '../job-state.js';
import type { StageHandler } from './types.js';

/**
 * Money: the job's programme pays its share of the job's cost, in queue priority order;
 * when the year's money is spent the job waits for the next appropriation. An unlimited
 * programme pays at once. The payment is booked to the budget year it happens in.
 */
export const budgetStage: StageHandler = (w, stage) => {
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
    // Prices of the year the money is committed (the yearly part of the cost factor; 1 without one).
    state.cost[j] *= w.parts.yearlyOf(FACTOR.costOverrun, w.books.yearOf(sim.now));
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    if (b === null) return sim.call(funded, j);
    const id = b.get(state.cost[j] * w.programmeShare[t], funded, j, jobs.priority[j]);
    if (state.phase[j] === PHASE.queued && state.stage[j] === stage) state.pending[j] = id;
  };
  // Waiting for money before the run: it waits on. A job waiting for money can be withdrawn (the requests behind it may then be paid).
  return { start, resume: start, withdraw: (j) => w.budgets[jobs.tech[j]]?.cancel(state.pending[j] as RequestId) ?? false };
};
