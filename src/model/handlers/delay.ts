import { SLOT } from '../draws.js';
import { PHASE } from '../job-state.js';
import { STAGES } from '../stages.js';
import { remainingAfter, type StageHandler } from './types.js';

/**
 * A stage that takes time and nothing else (design, commissioning, procurement...): a
 * duration drawn for the job from the stage's input, then the next stage. When it is the
 * job's last stage nothing can happen to the job before it ends, so it schedules no event:
 * the job is connected at `due` (the interpreter books it when the run ends).
 *
 * @example  { name: 'design', handler: 'delay', draw: 'fibre.design', ... } in STAGES
 */
export const delayStage: StageHandler = (w, stage) => {
  const slot = SLOT[STAGES[stage].draw!];
  const dist = w.m.draws[slot]; // null only in scenarios with no job of its technology
  const { sim, state } = w;
  const wait = (j: number, d: number) => {
    state.enterPhase(j, PHASE.active, sim.now, sim.now + d);
    if (!w.isLastStage(j)) sim.schedule(d, w.next, j);
  };
  const duration = (p: number) => Math.max(0, dist!.quantile(p));
  return {
    start: (j) => wait(j, duration(w.uOf(j, slot))),
    resume: (j, p) => wait(j, remainingAfter(duration, w.uOf(j, slot), p.daysInStage)),
  };
};
