import type { CompiledModel } from './compile.js';
import type { SettlementProgress, StageCount } from './input.js';
import type { JobState } from './job-state.js';
import type { JobTable } from './jobs.js';
import { TECHNOLOGY_DECLS } from './pipelines.js';
import type { SettlementTable } from './settlements.js';
import { DONE, STAGE, STAGES, STAGE_NAMES, type StageName } from './stages.js';
import { TECH_NAMES } from './technologies.js';

/** One settlement's state at the end of a date: who it is and where its work stands (a row of state-DATE.csv). */
export interface SettlementState extends Omit<SettlementProgress, 'connectedOn'> {
  id: string;
  region: string;
  population: number;
  backboneKm: number;
  technology: string;
  /** Date it was connected; empty when connected before the run, null when not connected. */
  connectedOn: string | null;
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
}

/**
 * Every settlement's state at time t (the end of a date), as `--state-at` writes it: its
 * technology, its stage — or 'done' with the date it was connected — how long it has been
 * there, what it is doing there, the decisions so far, the work done (km laid), the money
 * committed. A job in its last stage, a delay that needs no event, counts as done once its
 * due time has passed.
 */
export function snapshot(s: SnapshotSource, t: number): SettlementState[] {
  const { m, st, jobs, state } = s;
  const jobOf = new Int32Array(st.n).fill(-1);
  for (let j = 0; j < jobs.n; j++) for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) jobOf[jobs.members[x]] = j;
  const date = (time: number) => m.calendar.toIso(time);
  const rows: SettlementState[] = [];
  for (let i = 0; i < st.n; i++) {
    const who = {
      id: st.ids ? st.ids[i] : `${m.regionIds[st.region[i]]}-${i}`,
      region: m.regionIds[st.region[i]],
      population: st.population[i],
      backboneKm: st.backboneKm[i],
      technology: TECH_NAMES[st.tech[i]],
    };
    const j = jobOf[i];
    const none = { daysInStage: 0, phase: 'queued' as const, daysInPhase: 0, attempts: 0, moneyCommitted: 0 };
    if (j < 0) {
      // Connected before this run: as its status said, if it started from one.
      const before = m.input.status?.settlements?.[i];
      rows.push({ ...who, ...none, ...before, stage: 'done', connectedOn: before?.connectedOn ?? '' });
      continue;
    }
    const stage = state.stage[j];
    const finished = stage === DONE ? state.done[j] : s.isLastStage(j) && STAGES[stage].handler === 'delay' && state.due[j] <= t ? state.due[j] : Infinity;
    const committed = { moneyCommitted: state.committed[j], ...(state.committed[j] > 0 ? { committedOn: date(state.committedAt[j]) } : {}) };
    if (finished !== Infinity) {
      rows.push({ ...who, ...none, ...committed, attempts: state.attempts[j], stage: 'done', kmLaid: jobs.km[j], connectedOn: date(finished) });
      continue;
    }
    const pipe = m.pipelines[jobs.tech[j]];
    const past = (code: number) => pipe.indexOf(code) >= 0 && pipe.indexOf(code) < state.step[j];
    let workDaysDone = 0, kmLaid = 0;
    if (stage === STAGE.work) {
      // Work done before the run (a share) and since this work stage began (crew-days).
      const total = s.workDays(j, jobs.km[j]), before = s.workBefore[j];
      const share = before + (1 - before) * (total > 0 && before < 1 ? Math.min(1, s.workDaysSince(j, t) / (total * (1 - before))) : 1);
      workDaysDone = share * total;
      kmLaid = share * jobs.km[j];
    } else if (past(STAGE.work)) {
      workDaysDone = s.workDays(j, jobs.km[j]);
      kmLaid = jobs.km[j];
    }
    rows.push({
      ...who, ...committed,
      stage: STAGE_NAMES[stage], daysInStage: t - state.since[j], phase: PHASE_NAMES[state.phase[j]], daysInPhase: t - state.phaseSince[j],
      attempts: state.attempts[j], kmLaid, workDaysDone, connectedOn: null,
    });
  }
  return rows;
}

/** Where in its technology's compiled pipeline a job continues a status's stage (-1: not started). */
export function stepOf(m: CompiledModel, tech: number, stage: string): number {
  if (stage === 'not started') return -1;
  const pipe = m.pipelines[tech];
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
 * Progress of each job from a status given as counts per region and stage: the entries,
 * in the file's order, each take the first `count` jobs of their region still unassigned,
 * in queue order, whose technology goes through that stage. (List the most advanced
 * stages first so that the villages first in the queue are the furthest along.)
 */
export function progressFromCounts(m: CompiledModel, jobs: JobTable, counts: StageCount[], out: (SettlementProgress | null)[]): void {
  out.length = jobs.n;
  out.fill(null);
  const byRegion: number[][] = m.regionIds.map(() => []);
  for (let j = 0; j < jobs.n; j++) if (jobs.motorway[j] < 0) byRegion[jobs.region[j]].push(j);
  for (const q of byRegion) q.sort((a, b) => jobs.priority[a] - jobs.priority[b] || a - b);
  for (const c of counts) {
    const r = m.regionIndex.get(c.region)!;
    let left = c.count;
    for (const j of byRegion[r]) {
      if (left === 0) break;
      if (out[j] !== null || !(TECHNOLOGY_DECLS[TECH_NAMES[jobs.tech[j]]].pipeline as readonly string[]).includes(c.stage)) continue;
      out[j] = { stage: c.stage, daysInStage: c.daysInStage ?? 0, phase: 'queued', daysInPhase: c.daysInStage ?? 0, attempts: 0, moneyCommitted: 0 };
      left--;
    }
  }
}

