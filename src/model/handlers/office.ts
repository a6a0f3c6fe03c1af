import { hashUniform } from '../../engine/index.js';
import { REJECTION_SLOT, SLOT } from '../draws.js';
import { regionOffice } from '../indices.js';
import { PHASE } from '../job-state.js';
import { OFFICE_CODE } from '../offices.js';
import { STAGES, type StageDecl } from '../stages.js';
import type { StageHandler } from './types.js';

/**
 * An approval at a region's office (right-of-way, mast site, mast permit). The file queues
 * for one of the office's desks, is processed for the stage's drawn time (times the
 * national permit-delay factor; a settlement's known approval time replaces the draw),
 * and is decided: rejected with the office's probability — the file comes back after a
 * drawn resubmission delay and queues again — or approved. Each decision's draws depend on
 * the job, the stage and the attempt number only. Without an office in the scenario the
 * stage is a pure delay of the processing time.
 */
export const officeStage: StageHandler = (w, stage) => {
  const decl: StageDecl = STAGES[stage];
  const o = OFFICE_CODE[decl.office!];
  const slot = SLOT[decl.draw!];
  const { sim, state, jobs, m } = w;
  const known = decl.known === 'approvalDays' ? w.st.approvalDays : null;
  const dist = m.draws[slot], resubmission = m.dist.resubmission[o], rejection = m.offices[o]?.rejection ?? 0;

  /** Processing time of the file of job j. */
  const processing = (j: number) => {
    let d = NaN;
    if (known !== null) d = known[jobs.members[jobs.memberStart[j]]];
    if (d !== d) d = dist!.quantile(w.uOf(j, slot));
    return Math.max(0, d * w.factors.permitDelay);
  };
  const office = (j: number) => w.offices[regionOffice(jobs.region[j], o)]!;
  const queue = (j: number) => {
    state.phase[j] = PHASE.queued;
    state.due[j] = NaN;
    office(j).request(taken, j, jobs.priority[j]);
  };
  const wait = (j: number, days: number, h: typeof decided) => {
    state.due[j] = sim.now + days;
    sim.schedule(days, h, j);
  };

  const taken = w.onJob((j) => {
    state.phase[j] = PHASE.active;
    wait(j, processing(j), decided);
  }, 'file taken up');
  const decided = w.onJob((j) => {
    office(j).release();
    const a = state.attempts[j]++;
    const u = w.uOf(j, REJECTION_SLOT);
    if (rejection > 0 && hashUniform(u, stage, 2 * a) < rejection) {
      state.phase[j] = PHASE.resubmitting;
      wait(j, Math.max(0, resubmission!.quantile(hashUniform(u, stage, 2 * a + 1))), resubmitted);
    } else w.advance(j);
  }, 'decision');
  const resubmitted = w.onJob(queue, 'resubmitted');

  return (j) => {
    if (w.offices[regionOffice(jobs.region[j], o)] !== null) return queue(j);
    state.phase[j] = PHASE.active;
    wait(j, processing(j), w.next);
  };
};
