import type { Pipeline } from './compile.js';
import type { SettlementProgress } from './input.js';
import type { MastNames } from './jobs.js';
import type { FallbackPolicy } from './outside/fallback.js';
import { STAGE, STAGES } from './stages.js';
import { queueOrder } from './queue-order.js';
import { jobProgress, otherJobsOf, paidBefore, progressFromCounts, progressFromSettlements, stepOf } from './status.js';
import { TECH_CODE, TECH_NAMES } from './technologies.js';
import type { World } from './world.js';

/**
 * Continuation — how a replication starts from a status (`status:` in a scenario): where
 * each job stood at the end of the status's date becomes its progress, fallback rules
 * dated before the status apply again, and every job continues its stage from there. The
 * interpreter (replication.ts) calls the three steps in this order, once per replication:
 *
 * @example
 *   progressOfJobs(r);                                   // the status, job by job
 *   if (fallback) continuePastFallbacks(r, fallback, mastNames);
 *   // ... outside events scheduled ...
 *   startFromStatus(r);                                  // every job resumes its stage
 */

/** What the continuation needs of the interpreter, besides what every stage handler has (World). */
export interface ContinuationHost extends World {
  /** Each job's progress (filled by progressOfJobs; null: starts from scratch). */
  readonly progress: (SettlementProgress | null)[];
  /** Share of each job's work done before the run. */
  readonly workBefore: Float64Array;
  /** When each job started (0 for those the status starts). */
  readonly startedAt: Float64Array;
  /** The pipeline step at which each job continued its status (-1: none). */
  readonly stepAtStart: Int32Array;
  pipelineOf(j: number): Pipeline;
  /** Full-rate crew-days of job j's work for `km` of line. */
  workDays(j: number, km: number): number;
  /** Job j enters a stage now and the stage's handler starts it. */
  enter(j: number, stage: number): void;
  /** Job j is connected now. */
  complete(j: number): void;
  /** Job j, already placed in its stage, continues it from its progress (the stage handler's resume). */
  resume(j: number, p: SettlementProgress): void;
  /** Job j goes through these stages instead of its technology's (a fallback's job). */
  setPipeline(j: number, pipeline: Pipeline): void;
}

/**
 * Each job's progress in a run that starts from a status (the host's `progress`), and the
 * programme a status names for a settlement (it wins over eligibility: the money is, or
 * will be, that programme's).
 */
export function progressOfJobs(r: ContinuationHost): void {
  const { m, jobs } = r;
  const status = m.input.status!;
  const progress = r.progress;
  if (status.counts) {
    progressFromCounts(m, jobs, status.counts, progress);
    // A job counted past its budget stage has been paid for: its programme's share of its
    // cost (at the start's prices) was committed on the status's date, and is not there again.
    for (let j = 0; j < jobs.n; j++) {
      const p = progress[j], k = jobs.programme[j];
      if (p && k >= 0 && paidBefore(jobs.tech[j], p.stage)) p.moneyCommitted = r.state.cost[j] * m.financing.programmes[k].costShare;
    }
  } else progressFromSettlements(m, jobs, status, progress);
  for (let j = 0; j < jobs.n; j++) {
    const named = progress[j]?.programme;
    if (named !== undefined) jobs.programme[j] = m.financing.index.get(named)!;
  }
}

/**
 * A run from a status, with fallback rules dated before it: they apply again now, before
 * any job starts (FallbackPolicy.applyPast), to the settlements whose own job the status
 * does not put past its last stage and to those connected since whose fallback job it
 * lists (a further row not a service rule's); each job they make continues where the status has its
 * settlement's job of the rule's technology (a further row of a per-settlement status),
 * in its lead time ('fallback lead') with the rest of it, else afresh with its lead time (a
 * status of counts says nothing of them).
 */
export function continuePastFallbacks(r: ContinuationHost, fallback: FallbackPolicy, mastNames: MastNames | null): void {
  const { m, jobs, progress } = r;
  const first = jobs.n;
  const other = otherJobsOf(m.input.status!);
  // A settlement whose fibre the rule cancelled and whose fallback was still in its lead
  // time: its own job (the rule's technology) goes through the rule's stages, from the rest of that lead time.
  for (let j = 0; j < first; j++) {
    const p = progress[j];
    if (p?.stage !== 'fallback lead') continue;
    const lead = fallback.leadOfOwn(jobs.members[jobs.memberStart[j]], jobs.tech[j], p.daysInStage);
    if (lead === null) throw new RangeError(`a status row in 'fallback lead' for a ${TECH_NAMES[jobs.tech[j]]} job, but no fallback rule to ${TECH_NAMES[jobs.tech[j]]} dated before it`);
    r.setPipeline(j, lead.pipeline);
    r.carried[j] = lead.left;
  }
  // A fallback's mast the status has serving a village whose fibre the rule cancelled (its own
  // row) and one whose fibre it did not (a further row) is one job (buildJobs): the second
  // village's fallback, not a reason for another mast.
  for (let j = 0; j < first; j++) {
    if (jobs.tech[j] !== TECH_CODE.mast || progress[j]?.fallback === undefined) continue;
    for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) {
      const i = jobs.members[x];
      if (!jobs.own[x] && other.get(`${i}:${TECH_CODE.mast}`)?.fallback !== undefined) fallback.servedBy(i, j);
    }
  }
  // A row of the rule's technology that one of the scenario's own further jobs (a service
  // rule's) continues is not a fallback's: the policy never reaches such a settlement.
  fallback.applyPast(
    (j) => {
      const p = progress[j];
      return p !== null && p !== undefined && stepOf(m, jobs.tech[j], p.stage) >= m.pipelines[jobs.tech[j]].length;
    },
    (i, tech) => other.has(`${i}:${tech}`),
    // A fallback's masts as the status names them (its further rows of technology mast).
    mastNames ? (i) => mastNames!(i, false) : undefined,
  );
  for (let f = first; f < jobs.n; f++) {
    progress[f] = jobProgress(jobs, f, m.input.status!, other);
    // Still in its lead time: what is left of it (the job was made with all of it).
    if (progress[f]?.stage === 'fallback lead') r.carried[f] = fallback.leadLeft(f, progress[f]!.daysInStage);
  }
}

/**
 * Starts every job from the status: each continues its stage (handlers' resume) with the
 * days, decisions, work and money it had. Crews at work and files being processed are
 * taken up first — they hold their crews and desks — then every other job, each pass in
 * queue order (priority, then job).
 * A job that waits for another (household fibre for backbone fibre) with no progress of
 * its own keeps waiting; with progress it continues where it stood.
 */
export function startFromStatus(r: ContinuationHost): void {
  const { m, jobs, state } = r;
  const progress = r.progress;
  const steps = new Int32Array(jobs.n);
  // Jobs that start now: every one with progress, and those that wait for nothing (the
  // others start when the job before them finishes, which may be now).
  const now = new Uint8Array(jobs.n);
  for (let j = 0; j < jobs.n; j++) {
    const p = progress[j];
    steps[j] = p ? stepOf(m, jobs.tech[j], p.stage, r.pipelineOf(j)) : -1;
    if (steps[j] >= 0 || jobs.after[j] < 0) { now[j] = 1; r.startedAt[j] = 0; }
  }
  const firstPass = (j: number) => {
    const p = progress[j], s = steps[j];
    const pipe = r.pipelineOf(j);
    if (!p || s < 0 || s >= pipe.length) return false;
    const code = pipe[s];
    return code === STAGE.work || (STAGES[code].handler === 'office' && p.phase === 'active');
  };
  const begin = (j: number) => {
    const p = progress[j], s = steps[j], pipe = r.pipelineOf(j);
    if (!p || s < 0) return r.enter(j, pipe[0]);
    state.attempts[j] = p.attempts;
    if (p.moneyCommitted > 0) {
      state.committed[j] = p.moneyCommitted;
      state.committedAt[j] = p.committedOn !== undefined ? m.calendar.dayOf(p.committedOn) : -1;
    }
    if (pipe[s] === STAGE.work) {
      // A line is at least as long as what the status says is laid on it (this replication's
      // distance factor may make it shorter than that).
      if (jobs.tech[j] === TECH_CODE.fibre && p.kmLaid !== undefined && jobs.km[j] < p.kmLaid) jobs.km[j] = p.kmLaid;
      const km = jobs.km[j], total = r.workDays(j, km);
      r.workBefore[j] = Math.min(1, jobs.tech[j] === TECH_CODE.fibre && p.kmLaid !== undefined ? (km > 0 ? p.kmLaid / km : 1) : total > 0 ? (p.workDaysDone ?? 0) / total : 1);
    }
    if (s >= pipe.length) return r.complete(j);
    state.step[j] = s;
    state.stage[j] = pipe[s];
    r.stepAtStart[j] = s;
    r.resume(j, p);
  };
  // In queue order (priority, then job): what each asks for at once — money, a crew, a
  // desk — goes to them in the order the queues would serve them, as in the run that did
  // not stop (in job order, a cheap job behind a dear one was paid first at the start).
  const order = queueOrder(jobs.priority, jobs.n, new Int32Array(jobs.n));
  for (const j of order) if (now[j] && firstPass(j)) begin(j);
  for (const j of order) if (now[j] && !firstPass(j)) begin(j);
}

