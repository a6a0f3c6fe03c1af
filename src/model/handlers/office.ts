import { distribution, hashUniform, type EventId, type RequestId } from '../../engine/index.js';
import { REJECTION_SLOT, SLOT } from '../draws.js';
import { FACTOR } from '../factor-parts.js';
import { regionOffice } from '../indices.js';
import { PHASE } from '../job-state.js';
import { OFFICE_CODE } from '../offices.js';
import { STAGES, type StageDecl } from '../stages.js';
import { remainingAfter, type StageHandler } from './types.js';

/** Re-review times are drawn with hashUniform(job's decision uniform, REREVIEW + stage, attempt): apart from the decisions' (stage, 2a) and (stage, 2a + 1). */
const REREVIEW = 1000;

/**
 * An approval at a region's office (right-of-way, mast site, mast permit). The file queues
 * for one of the office's desks, is processed for the stage's drawn time (times the
 * national permit-delay factor; a settlement's known approval time replaces the draw),
 * and is decided: rejected with the office's probability — the file comes back after a
 * drawn resubmission delay and queues again — or approved. A file that comes back is
 * re-reviewed for a time drawn afresh at each attempt (from the office's `rereview`, by
 * default the stage's own distribution; a settlement's known approval time is its first
 * review's); after `maxRounds` rejections in the stage the next decision approves it
 * (escalated). Each decision's draws depend on the job, the stage and the attempt number
 * only. Without an office in the scenario the stage is a pure delay of the processing time.
 */
export const officeStage: StageHandler = (w, stage) => {
  const decl: StageDecl = STAGES[stage];
  const o = OFFICE_CODE[decl.office!];
  const slot = SLOT[decl.draw!];
  const { sim, state, jobs, m } = w;
  const known = decl.known === 'approvalDays' ? w.st.approvalDays : null;
  const dist = m.draws[slot], resubmission = m.dist.resubmission[o], rejection = m.offices[o]?.rejection ?? 0;
  const spec = m.offices[o]?.rereview;
  const rereview = spec !== undefined ? distribution(spec) : dist;
  /** Rejections a file can have in this stage before it is escalated (Infinity: no bound). */
  const maxRounds = m.offices[o]?.maxRounds ?? Infinity;
  /** Office decisions each job had before it entered this stage (its decisions here are the rest). */
  const before = new Uint16Array(state.capacity);

  /** Processing time of job j's first review for the draw p (its known time, if the settlement has one). */
  const processingAt = (j: number, p: number) => {
    let d = NaN;
    if (known !== null) d = known[jobs.members[jobs.memberStart[j]]];
    if (d !== d) d = dist!.quantile(p);
    return Math.max(0, d * w.factorAt(FACTOR.permitDelay, jobs.region[j], sim.now));
  };
  /** Processing time of job j's file at its current attempt: the first review, or a re-review drawn afresh. */
  const reviewOf = (j: number) => {
    const a = state.attempts[j];
    if (a === before[j]) return processingAt(j, w.uOf(j, slot));
    return Math.max(0, rereview!.quantile(hashUniform(w.uOf(j, REJECTION_SLOT), REREVIEW + stage, a)) * w.factorAt(FACTOR.permitDelay, jobs.region[j], sim.now));
  };
  const resubmissionAt = (p: number) => Math.max(0, resubmission!.quantile(p));
  const officeOf = (j: number) => w.offices[regionOffice(jobs.region[j], o)];
  /** Queues job j's file for a desk (its request id kept while it waits, to withdraw it). */
  const request = (j: number, h: typeof decided, priority: number) => {
    state.enterPhase(j, PHASE.queued, sim.now, NaN);
    const id = officeOf(j)!.request(h, j, priority);
    if (state.phase[j] === PHASE.queued) state.pending[j] = id;
  };
  const queue = (j: number, priority = jobs.priority[j]) => request(j, taken, priority);
  const wait = (j: number, phase: number, days: number, h: typeof decided) => {
    state.enterPhase(j, phase as 0 | 1 | 2, sim.now, sim.now + days);
    state.pending[j] = sim.schedule(days, h, j);
  };

  const taken = w.onJob((j) => wait(j, PHASE.active, reviewOf(j), decided), 'file taken up');
  // A file already being processed when the run starts: it keeps its desk and only the rest of its processing remains.
  const retaken = w.onJob((j) => wait(j, PHASE.active, w.carried[j], decided), 'file taken up again');
  const decided = w.onJob((j) => {
    officeOf(j)!.release();
    const a = state.attempts[j]++;
    const u = w.uOf(j, REJECTION_SLOT);
    if (rejection > 0 && a - before[j] < maxRounds && hashUniform(u, stage, 2 * a) < rejection) {
      wait(j, PHASE.resubmitting, resubmissionAt(hashUniform(u, stage, 2 * a + 1)), resubmitted);
    } else w.advance(j);
  }, 'decision');
  const resubmitted = w.onJob((j) => queue(j), 'resubmitted');

  /**
   * Withdraws job j from the office now — its request for a desk, or its scheduled event
   * (a review, a resubmission) and the desk it held — without moving it on. False when its
   * event cannot be withdrawn.
   */
  const withdraw = (j: number): boolean => {
    const office = officeOf(j), id = state.pending[j];
    if (state.phase[j] === PHASE.queued) return office !== null && office.cancel(id as RequestId);
    if (!sim.cancel(id as EventId)) return false;
    if (state.phase[j] === PHASE.active && office !== null) office.release(); // the desk it held
    return true;
  };
  return {
    start: (j) => {
      before[j] = state.attempts[j];
      if (officeOf(j) !== null) return queue(j);
      wait(j, PHASE.active, processingAt(j, w.uOf(j, slot)), w.next);
    },
    resume: (j, p) => {
      // The status's decisions are taken to be this stage's (exact for a technology with one office stage).
      before[j] = 0;
      const first = state.attempts[j] === 0 || p.phase !== 'active';
      // What is left of the processing under way (worked out only where it is used: a file queued for a desk has none under way).
      const left = () => (first
        ? remainingAfter((q) => processingAt(j, q), w.uOf(j, slot), p.phase === 'active' ? p.daysInPhase : p.daysInStage)
        : remainingAfter((q) => Math.max(0, rereview!.quantile(q) * w.factorAt(FACTOR.permitDelay, jobs.region[j], sim.now)), hashUniform(w.uOf(j, REJECTION_SLOT), REREVIEW + stage, state.attempts[j]), p.daysInPhase));
      if (officeOf(j) === null) return wait(j, PHASE.active, left(), w.next);
      if (p.phase === 'queued') return queue(j);
      if (p.phase === 'resubmitting') {
        // The draw of this attempt's resubmission delay, conditioned on the days already gone.
        const u = hashUniform(w.uOf(j, REJECTION_SLOT), stage, 2 * Math.max(0, state.attempts[j] - 1) + 1);
        return wait(j, PHASE.resubmitting, remainingAfter(resubmissionAt, u, p.daysInPhase), resubmitted);
      }
      w.carried[j] = left();
      officeOf(j)!.hold(retaken, j); // a file in process keeps its desk
    },
    withdraw,
    leave: (j) => {
      withdraw(j);
      state.pending[j] = NaN;
      w.advance(j);
    },
  };
};
