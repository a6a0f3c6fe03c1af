import type { EventId } from '../../engine/index.js';
import { PHASE } from '../job-state.js';
import type { StageHandler } from './types.js';

/**
 * A lead time decided for the job by whoever made it, not drawn by the stage: the job
 * waits `w.carried[j]` days, then goes on. A fallback policy makes a job (a satellite
 * terminal for a village not on fibre by a date) and draws its lead time — the decision
 * and the order — from its own rule.
 *
 * @example  { name: 'fallback lead', handler: 'lead', wait: 'procurement', ... } in STAGES
 */
export const leadStage: StageHandler = (w) => {
  const { sim, state } = w;
  const wait = (j: number) => {
    const d = Math.max(0, w.carried[j]);
    state.enterPhase(j, PHASE.active, sim.now, sim.now + d);
    state.pending[j] = sim.schedule(d, w.next, j);
  };
  return { start: wait, resume: wait, withdraw: (j) => sim.cancel(state.pending[j] as EventId) };
};
