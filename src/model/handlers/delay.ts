import type { EventId, RequestId } from '../../engine/index.js';
import { SLOT } from '../draws.js';
import { regionOffice } from '../indices.js';
import { PHASE } from '../job-state.js';
import { OFFICE_CODE } from '../offices.js';
import { STAGES } from '../stages.js';
import { remainingAfter, type StageHandler } from './types.js';

/**
 * A stage that takes time and nothing else (design, commissioning, procurement...): a
 * duration drawn for the job from the stage's input, then the next stage. When it is the
 * job's last stage nothing can happen to the job before it ends, so it schedules no event:
 * the job is connected at `due` (the interpreter books it when the run ends).
 *
 * A stage that names an office (design: `fibre.designOffice`) is limited to that office's
 * capacity per region when the scenario has one: the job queues (by priority) for one of
 * the region's desks, holds it for its drawn time and frees it — the office mechanism
 * without decisions or rejections. Without the office it is the plain delay.
 *
 * @example  { name: 'design', handler: 'delay', draw: 'fibre.design', office: 'designOffice' } in STAGES
 */
export const delayStage: StageHandler = (w, stage) => {
  const decl = STAGES[stage];
  const slot = SLOT[decl.draw!];
  const dist = w.m.draws[slot]; // null only in scenarios with no job of its technology
  const { sim, state, jobs } = w;
  const o = decl.office !== undefined && w.m.offices[OFFICE_CODE[decl.office]] ? OFFICE_CODE[decl.office] : -1;
  const wait = (j: number, d: number) => {
    state.enterPhase(j, PHASE.active, sim.now, sim.now + d);
    if (!w.isLastStage(j)) state.pending[j] = sim.schedule(d, w.next, j);
  };
  const duration = (p: number) => Math.max(0, dist!.quantile(p));
  if (o < 0) {
    return {
      start: (j) => wait(j, duration(w.uOf(j, slot))),
      resume: (j, p) => wait(j, remainingAfter(duration, w.uOf(j, slot), p.daysInStage)),
      // A last stage has no event to withdraw: the job is as good as done.
      withdraw: (j) => sim.cancel(state.pending[j] as EventId),
    };
  }

  const desks = (j: number) => w.offices[regionOffice(jobs.region[j], o)]!;
  const done = w.onJob((j) => { desks(j).release(); w.advance(j); }, 'desk freed');
  const hold = (j: number, d: number) => {
    state.enterPhase(j, PHASE.active, sim.now, sim.now + d);
    state.pending[j] = sim.schedule(d, done, j);
  };
  const taken = w.onJob((j) => hold(j, duration(w.uOf(j, slot))), 'desk taken');
  // A job already at work on a desk when the run starts keeps it and does only the rest.
  const kept = w.onJob((j) => hold(j, w.carried[j]), 'desk kept');
  const queue = (j: number) => {
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    const id = desks(j).request(taken, j, jobs.priority[j]);
    if (state.phase[j] === PHASE.queued) state.pending[j] = id;
  };
  return {
    start: queue,
    resume: (j, p) => {
      if (p.phase !== 'active') return queue(j);
      w.carried[j] = remainingAfter(duration, w.uOf(j, slot), p.daysInPhase);
      desks(j).hold(kept, j); // work in hand keeps its desk
    },
    withdraw: (j) => {
      const id = state.pending[j];
      if (state.phase[j] === PHASE.queued) return desks(j).cancel(id as RequestId);
      if (!sim.cancel(id as EventId)) return false;
      desks(j).release(); // the desk it held
      return true;
    },
  };
};
