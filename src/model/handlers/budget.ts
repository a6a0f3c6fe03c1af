import { GRANTED, type RequestId } from '../../engine/index.js';
import { FACTOR } from '../factor-parts.js';
import { PHASE } from '../job-state.js';
import { STAGE } from '../stages.js';
import type { StageHandler } from './types.js';

/**
 * Money: the job's financing programme (jobs.programme) pays its share of the job's cost —
 * at the prices of the day it is paid (inflation: a job that waits costs more) — in queue
 * priority order; when the programme's money is spent the job waits for the next
 * appropriation or a top-up. An unlimited programme pays at once. The payment, and the
 * co-funding paid beside it (the rest of the cost), are booked to the budget year it
 * happens in. A job no programme pays for moves to the stage 'unfunded' and waits there
 * for ever.
 */
export const budgetStage: StageHandler = (w) => {
  const { sim, state, jobs } = w;
  const programmes = w.m.financing.programmes;
  const inflation = w.m.financing.inflation !== null;
  /** What each job asks its programme for, and the co-funding beside it, in the start's prices. */
  const need = new Float64Array(state.capacity), beside = new Float64Array(state.capacity);
  if (inflation) for (const b of w.budgets) if (b !== null) b.priceLevel = () => w.priceAt(sim.now);
  const funded = w.onJob((j) => {
    // The money paid now: what the container took (the same product, at the same time).
    const paid = inflation ? need[j] * w.priceAt(sim.now) : need[j];
    w.books.commit(jobs.programme[j], paid, inflation ? beside[j] * w.priceAt(sim.now) : beside[j]);
    state.committed[j] = paid;
    state.committedAt[j] = sim.now;
    state.payments[j]++;
    w.advance(j);
  }, 'funded');
  const start = (j: number) => {
    const p = jobs.programme[j];
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    if (p < 0) {
      state.stage[j] = STAGE.unfunded;
      return;
    }
    // Prices of the year the money is committed (the yearly part of the cost factor; 1 without one).
    if (w.parts.any) state.cost[j] *= w.parts.yearlyOf(FACTOR.costOverrun, w.books.yearOf(sim.now));
    const cost = state.cost[j], share = programmes[p].costShare;
    need[j] = cost * share;
    beside[j] = share < 1 ? cost - need[j] : 0;
    const b = w.budgets[p];
    if (b === null) return sim.call(funded, j);
    const id = b.get(need[j], funded, j, jobs.priority[j]);
    if (id !== GRANTED) {
      state.pending[j] = id;
      w.topUps?.short(p);
    }
  };
  // Waiting for money before the run: it waits on. A job waiting for money can be withdrawn (the requests behind it may then be paid).
  return { start, resume: start, withdraw: (j) => {
    const p = jobs.programme[j];
    return p >= 0 && (w.budgets[p]?.cancel(state.pending[j] as RequestId) ?? false);
  } };
};
