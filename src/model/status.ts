import type { CompiledModel, Pipeline } from './compile.js';
import type { SettlementProgress, StageCount, StatusInput } from './input.js';
import type { JobState } from './job-state.js';
import { jobOfMotorwayMast, type JobTable, type MastNames } from './jobs.js';
import { TECHNOLOGY_DECLS } from './pipelines.js';
import type { SettlementTable } from './settlements.js';
import { CANCELLED, DONE, STAGE, STAGES, STAGE_NAMES, type StageName } from './stages.js';
import { SERVICE, SERVICES, SERVICE_OF_TECH, TECH_OF_SERVICE, type ServiceId } from './services.js';
import { TECH_CODE, TECH_NAMES } from './technologies.js';

/** One settlement's state at the end of a date: who it is and where its work stands (a row of state-DATE.csv). */
export interface SettlementState extends Omit<SettlementProgress, 'connectedOn'> {
  /** The settlement's id; on a motorway mast's row, the mast's number along its motorway (1, 2, ...). */
  id: string;
  region: string;
  /** Absent on a motorway mast's row (it serves no settlement). */
  population?: number;
  backboneKm?: number;
  technology: string;
  /** On a motorway mast's row (after every settlement's rows): the motorway's id. */
  motorway?: string;
  /** Date it was connected; empty when connected before the run, null when not connected. */
  connectedOn: string | null;
  /**
   * A settlement's row: the services it has at the end of the date (its technology's once
   * connected, and any other). Absent on the rows of its other jobs in progress (a mast, a
   * satellite terminal, household fibre), which follow every settlement's row.
   */
  services?: ServiceId[];
}

const PHASE_NAMES = ['queued', 'active', 'resubmitting'] as const;

/** The largest double below x > 0: running to it processes every event before x and none at x. */
export function justBefore(x: number): number {
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] -= 1n;
  return f[0];
}

/** What the snapshot needs from a replication in progress. */
export interface SnapshotSource {
  m: CompiledModel;
  st: SettlementTable;
  jobs: JobTable;
  state: JobState;
  isLastStage(j: number): boolean;
  /** Full-rate crew-days of job j's work for `km` of line, and those done by time t since its work stage began. */
  workDays(j: number, km: number): number;
  workDaysSince(j: number, t: number): number;
  /** Share of each job's work done before the run (started from a status). */
  workBefore: Float64Array;
  /** When each job started (Infinity: still waiting for the job before it). */
  startedAt: Float64Array;
  /** Settlement i's fallback job, -1 when it has none. */
  fallbackJobOf(i: number): number;
  /** The `after` date of the fallback rule that made job j (undefined: no fallback's). */
  fallbackRuleOf(j: number): string | undefined;
  /** Job j's stages (its technology's, or those a fallback made it with). */
  pipelineOf(j: number): ArrayLike<number> & { indexOf(code: number): number };
  /** Each job's progress from the status the run started from (null or absent: none), and the step it continued at (-1: none). */
  progress: readonly (SettlementProgress | null)[];
  stepAtStart: Int32Array;
}

/**
 * Every settlement's state at time t (the end of a date), as `--state-at` writes it, then
 * every motorway mast's: its technology, its stage — or 'done' with the date it was connected — how long it has been
 * there, what it is doing there, the decisions so far, the work done (km laid), the money
 * committed. A job in its last stage, a delay that needs no event, counts as done once its
 * due time has passed. A settlement's own job a fallback rule cancelled after it committed
 * money is a further row at 'cancelled' with that money (its row is its fallback's job).
 */
export function snapshot(s: SnapshotSource, t: number): SettlementState[] {
  const { m, st, jobs, state } = s;
  const jobOf = jobs.ownJob; // each settlement's own job (-1: none)
  // When each job finished by t (Infinity: not by then); a job in its last stage, a delay that needs no event, once its due time has passed.
  const finishedAt = (j: number) => {
    const stage = state.stage[j];
    return stage === DONE ? state.done[j] : s.isLastStage(j) && STAGES[stage].handler === 'delay' && state.due[j] <= t ? state.due[j] : Infinity;
  };
  // Services each settlement has at t: at the start, and from every job finished by then.
  const services = Uint8Array.from(st.has);
  for (let j = 0; j < jobs.n; j++) {
    if (jobs.motorway[j] >= 0 || finishedAt(j) === Infinity) continue;
    for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) services[jobs.members[x]] |= 1 << SERVICE_OF_TECH[jobs.tech[j]];
  }
  const serviceIds = (mask: number) => SERVICES.filter((_, k) => mask & (1 << k)).map((x) => x.id);
  const date = (time: number) => m.calendar.toIso(time);
  const idOf = (i: number) => (st.ids ? st.ids[i] : `${m.regionIds[st.region[i]]}-${i}`);
  const who = (i: number, tech: number) => ({
    id: idOf(i),
    region: m.regionIds[st.region[i]],
    population: st.population[i],
    backboneKm: st.backboneKm[i],
    technology: TECH_NAMES[tech],
  });
  const none = { daysInStage: 0, phase: 'queued' as const, daysInPhase: 0, attempts: 0, moneyCommitted: 0 };
  /** Where job j stands at t (not finished). */
  const inProgress = (j: number) => {
    const stage = state.stage[j];
    const pipe = s.pipelineOf(j);
    const past = (code: number) => pipe.indexOf(code) >= 0 && pipe.indexOf(code) < state.step[j];
    let workDaysDone = 0, kmLaid = 0;
    if (stage === STAGE.work || past(STAGE.work)) {
      // Work done before the run (a share) and since this work stage began (crew-days).
      const total = s.workDays(j, jobs.km[j]), before = s.workBefore[j];
      const share = stage !== STAGE.work ? 1 : before + (1 - before) * (total > 0 && before < 1 ? Math.min(1, s.workDaysSince(j, t) / (total * (1 - before))) : 1);
      kmLaid = share * jobs.km[j];
      // Crew-days done are a history: those before the run, then this run's, (share - before)
      // of the whole at this replication's rate. Before the run they are what the status says
      // (work_days_done), not its km laid at this replication's rate: a continuation draws its
      // own rate for the work left, and the crew-days done must not go down with it (laid at
      // 1.35 km a day, 3.71 km took 2.74 crew-days, whatever the next replication's rate). A
      // status that gives only km laid is converted at this rate, as the continuation does.
      const p = s.progress[j], start = s.stepAtStart[j];
      const fromStatus = p !== null && p !== undefined && start >= 0 && s.pipelineOf(j)[start] === STAGE.work;
      const doneBefore = fromStatus ? (p!.workDaysDone ?? before * total) : 0;
      workDaysDone = doneBefore + (share - before) * total;
    }
    // Still where the status had it: its days there before the run count too (so a state
    // written from a run that started from a status continues the same way again).
    const p = s.progress[j], carried = p !== null && p !== undefined && state.step[j] === s.stepAtStart[j];
    const samePhase = carried && state.phaseSince[j] <= 0 && PHASE_NAMES[state.phase[j]] === p!.phase;
    return {
      ...committedOf(j), ...mastOf(j), ...fallbackOf(j),
      stage: STAGE_NAMES[stage], daysInStage: t - state.since[j] + (carried ? p!.daysInStage : 0),
      phase: PHASE_NAMES[state.phase[j]], daysInPhase: t - state.phaseSince[j] + (samePhase ? p!.daysInPhase : 0),
      attempts: state.attempts[j], kmLaid, workDaysDone, connectedOn: null,
    };
  };
  // The rule that made job j, when a fallback's: made in this run, or continued from the status that said so.
  const fallbackOf = (j: number) => {
    const rule = s.fallbackRuleOf(j) ?? s.progress[j]?.fallback;
    return rule !== undefined ? { fallback: rule } : {};
  };
  // A village mast's name, shared by the rows of the settlements it serves: the one its status gave it, else its first settlement's id.
  const mastOf = (j: number) => (jobs.tech[j] === TECH_CODE.mast && jobs.motorway[j] < 0
    ? { mast: s.progress[j]?.mast ?? idOf(jobs.members[jobs.memberStart[j]]) } : {});
  // The money job j committed, and the programme that paid (or will pay) for it; none for a job no programme pays for.
  const committedOf = (j: number) => {
    const p = jobs.programme[j];
    return {
      moneyCommitted: state.committed[j], ...(state.committed[j] > 0 ? { committedOn: date(state.committedAt[j]) } : {}),
      ...(p >= 0 ? { programme: m.financing.programmes[p].id } : {}),
    };
  };
  const rows: SettlementState[] = [];
  for (let i = 0; i < st.n; i++) {
    let j = jobOf[i];
    const own = { ...who(i, st.tech[i]), services: serviceIds(services[i]) };
    // A settlement whose own job was cancelled is where its fallback job is: that job is its
    // row (its technology the fallback's), not a further row.
    const f = s.fallbackJobOf(i);
    if (j >= 0 && state.stage[j] === CANCELLED && f >= 0) {
      j = f;
      own.technology = TECH_NAMES[jobs.tech[f]];
    }
    if (j < 0) {
      // Connected before this run: as its status said, if it started from one.
      const before = m.input.status?.settlements?.[i];
      rows.push({ ...own, ...none, ...before, stage: 'done', connectedOn: before?.connectedOn ?? '' });
      continue;
    }
    const finished = finishedAt(j);
    if (finished !== Infinity) {
      rows.push({ ...own, ...none, ...committedOf(j), ...mastOf(j), ...fallbackOf(j), attempts: state.attempts[j], stage: 'done', kmLaid: jobs.km[j], connectedOn: date(finished) });
      continue;
    }
    rows.push({ ...own, ...inProgress(j) });
  }
  // The other jobs in progress, a row per settlement they serve (a job still waiting for the one before it has none).
  // Finished ones too ('done', with the money they committed: a continuation must not spend it again).
  for (let j = 0; j < jobs.n; j++) {
    if (jobs.motorway[j] >= 0 || s.startedAt[j] > t || state.stage[j] === CANCELLED) continue;
    const finished = finishedAt(j);
    for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) {
      if (jobs.own[x]) continue;
      // A fallback job: its settlement's own row when its own job was cancelled.
      const i = jobs.members[x];
      if (s.fallbackJobOf(i) === j && state.stage[jobOf[i]] === CANCELLED) continue;
      rows.push(finished !== Infinity
        ? { ...who(i, jobs.tech[j]), ...none, ...committedOf(j), ...mastOf(j), ...fallbackOf(j), attempts: state.attempts[j], stage: 'done', kmLaid: jobs.km[j], connectedOn: date(finished) }
        : { ...who(i, jobs.tech[j]), ...inProgress(j) });
    }
  }
  // A settlement's own job a fallback rule cancelled (its row is its fallback's) after it
  // committed money: a further row 'cancelled' with that money, never refunded, so that a
  // continuation does not spend it again.
  for (let i = 0; i < st.n; i++) {
    const j = jobOf[i];
    if (j < 0 || state.stage[j] !== CANCELLED || s.fallbackJobOf(i) < 0 || !(state.committed[j] > 0)) continue;
    rows.push({ ...who(i, jobs.tech[j]), ...none, ...committedOf(j), attempts: state.attempts[j], stage: 'cancelled', connectedOn: null });
  }
  // Further jobs finished before this run, and those a fallback rule cancelled with their money, as its status gave them.
  for (const x of m.input.status?.jobs ?? []) {
    if (x.progress.stage === 'done') rows.push({ ...who(x.settlement, TECH_CODE[x.technology]), ...none, ...x.progress, stage: 'done', connectedOn: x.progress.connectedOn ?? '' });
    else if (x.progress.stage === 'cancelled') rows.push({ ...who(x.settlement, TECH_CODE[x.technology]), ...none, ...x.progress, stage: 'cancelled', connectedOn: null });
  }
  // The motorway masts, a row each (their id: the mast's number along its motorway).
  const jobOfMast = jobOfMotorwayMast(m, jobs);
  m.motorwayMasts.forEach((mw, k) => {
    const mast = { id: String(mw.mast + 1), region: m.regionIds[mw.region], technology: TECH_NAMES[TECH_CODE.mast], motorway: m.input.motorways![mw.corridor].id };
    const j = jobOfMast[k];
    // On air before this run (its status said so: it has no job).
    if (j < 0) return rows.push({ ...mast, ...none, ...mw.before, stage: 'done', connectedOn: mw.before?.connectedOn ?? '' });
    const finished = finishedAt(j);
    if (finished !== Infinity) rows.push({ ...mast, ...none, ...committedOf(j), attempts: state.attempts[j], stage: 'done', connectedOn: date(finished) });
    else rows.push({ ...mast, ...inProgress(j) });
  });
  return rows;
}

/**
 * Progress of each job from a status per settlement: a settlement's own job from its row,
 * its other jobs (a mast, a satellite terminal, household fibre) from the status's `jobs`
 * entry of that settlement and technology; for a mast serving several, the first of its
 * settlements that has one; a motorway mast from its own row (CompiledModel.motorwayMasts).
 */
export function progressFromSettlements(m: CompiledModel, jobs: JobTable, status: StatusInput, out: (SettlementProgress | null)[]): void {
  out.length = jobs.n;
  out.fill(null);
  const other = otherJobsOf(status);
  for (let j = 0; j < jobs.n; j++) out[j] = jobs.motorway[j] < 0 ? jobProgress(jobs, j, status, other) : m.motorwayMasts[jobs.motorway[j]].before;
}

/**
 * The mast each settlement's mast rows name in a per-settlement status (its own row, or its
 * further row of technology mast: a mobile-coverage mast's or a fallback's), for grouping
 * mast jobs as the status has them; null when no row names one.
 *
 * @example namedMasts(status)?.(3, true)   // 'akm-001': settlement 3's own mast is the one named akm-001
 */
export function namedMasts(status: StatusInput | undefined): MastNames | null {
  if (!status?.settlements) return null;
  const own = status.settlements.map((p) => p.mast);
  const further = new Map<number, string>();
  for (const x of status.jobs ?? []) if (x.technology === 'mast' && x.progress.mast !== undefined && x.progress.stage !== 'done' && x.progress.stage !== 'cancelled') further.set(x.settlement, x.progress.mast);
  if (own.every((x) => x === undefined) && further.size === 0) return null;
  return (i, isOwn) => (isOwn ? own[i] : further.get(i));
}

/**
 * Progress of further jobs (not a settlement's own) from a status per settlement, keyed
 * `settlement:TECH_CODE`: a service rule's mast, terminal or household fibre, or a
 * fallback's job.
 */
export function otherJobsOf(status: StatusInput): Map<string, SettlementProgress> {
  const other = new Map<string, SettlementProgress>();
  // A finished one ('done') is no job of the run: its service is in its settlement's services, its money in committedBeforeStart;
  // nor is one a fallback rule cancelled ('cancelled'): only its money counts (committedBeforeStart).
  for (const x of status.jobs ?? []) if (x.progress.stage !== 'done' && x.progress.stage !== 'cancelled') other.set(`${x.settlement}:${TECH_CODE[x.technology]}`, x.progress);
  return other;
}

/**
 * Progress of job j from a status per settlement (`other`: otherJobsOf(status)): for the
 * first of its settlements that has one, the settlement's own row (its own job) or its row
 * of the job's technology (a further job: a service rule's, or a fallback's applied again at
 * the start, FallbackPolicy.applyPast); null (it starts afresh) when none has.
 */
export function jobProgress(jobs: JobTable, j: number, status: StatusInput, other: ReadonlyMap<string, SettlementProgress>): SettlementProgress | null {
  for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) {
    const i = jobs.members[x];
    const p = jobs.own[x] ? status.settlements?.[i] : other.get(`${i}:${jobs.tech[j]}`);
    if (p) return p;
  }
  return null;
}

/**
 * Where in its stages — its technology's compiled pipeline, or `pipe` (a fallback's job: a
 * lead time, then its technology's) — a job continues a status's stage (-1: not started).
 */
export function stepOf(m: CompiledModel, tech: number, stage: string, pipe: Pipeline = m.pipelines[tech]): number {
  if (stage === 'not started') return -1;
  // A fallback's lead time: the first step of a fallback's stages; before a technology's own (not started).
  if (stage === 'fallback lead') return pipe.indexOf(STAGE['fallback lead']);
  if (stage === 'unfunded') stage = 'budget'; // a job no programme paid for waits at its budget step
  const declared = TECHNOLOGY_DECLS[TECH_NAMES[tech]].pipeline as readonly string[];
  const k = declared.indexOf(stage);
  if (k < 0) throw new RangeError(`a ${TECH_NAMES[tech]} job has no stage '${stage}' (its stages: ${declared.join(', ')})`);
  // A stage this scenario leaves out (say, site allocation with pre-allocated sites): the next one it has.
  for (let x = k; x < declared.length; x++) {
    const step = pipe.indexOf(STAGE[declared[x] as StageName]);
    if (step >= 0) return step;
  }
  return pipe.length; // past every stage left: connected when it starts
}

/**
 * Whether a job of this technology at this status stage has passed its budget stage (its
 * money was committed): a stage after 'budget' in the technology's pipeline.
 *
 * @example paidBefore(TECH_CODE.fibre, 'work')   // true; 'approval', 'budget', 'unfunded': false
 */
export function paidBefore(tech: number, stage: string): boolean {
  const declared = TECHNOLOGY_DECLS[TECH_NAMES[tech]].pipeline as readonly string[];
  const budget = declared.indexOf('budget');
  return budget >= 0 && declared.indexOf(stage) > budget;
}

/**
 * Progress of each job from a status given as counts per region and stage: the entries,
 * in the file's order, each take the first `count` jobs of their region still unassigned,
 * in queue order, whose technology goes through that stage (with a `service`, only jobs
 * that build it; 'unfunded' is the budget stage), leaving out jobs that wait for another
 * (household fibre in a village not yet on backbone fibre). (List the most advanced stages
 * first so that the villages first in the queue are the furthest along.) A motorway's masts
 * have their own rows, already given to them in order (CompiledModel.motorwayMasts).
 */
export function progressFromCounts(m: CompiledModel, jobs: JobTable, counts: StageCount[], out: (SettlementProgress | null)[]): void {
  out.length = jobs.n;
  out.fill(null);
  const byRegion: number[][] = m.regionIds.map(() => []);
  for (let j = 0; j < jobs.n; j++) {
    // A motorway mast: its road's rows, given to its masts in order (scenario/status.ts); a copy, as the run sets its money.
    if (jobs.motorway[j] >= 0) {
      const before = m.motorwayMasts[jobs.motorway[j]].before;
      out[j] = before && { ...before };
    } else byRegion[jobs.region[j]].push(j);
  }
  // Settlements' own jobs first (the settlements still to connect), then the jobs of service rules.
  const other = (j: number) => (jobs.own[jobs.memberStart[j]] ? 0 : 1);
  for (const q of byRegion) q.sort((a, b) => other(a) - other(b) || jobs.priority[a] - jobs.priority[b] || a - b);
  for (const c of counts) {
    const r = m.regionIndex.get(c.region)!;
    const tech = c.service !== undefined ? TECH_OF_SERVICE[SERVICE[c.service]] : -1;
    const stage = c.stage === 'unfunded' ? 'budget' : c.stage;
    let left = c.count;
    for (const j of byRegion[r]) {
      if (left === 0) break;
      // A job that waits for another (household fibre for its village's backbone fibre) is not under way.
      if (out[j] !== null || jobs.after[j] >= 0 || (tech >= 0 && jobs.tech[j] !== tech) || !(TECHNOLOGY_DECLS[TECH_NAMES[jobs.tech[j]]].pipeline as readonly string[]).includes(stage)) continue;
      out[j] = { stage: c.stage, daysInStage: c.daysInStage ?? 0, phase: 'queued', daysInPhase: c.daysInStage ?? 0, attempts: 0, moneyCommitted: 0 };
      left--;
    }
  }
}

