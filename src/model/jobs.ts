import type { CompiledModel } from './compile.js';
import { regionTech, type RegionTech } from './indices.js';
import { settlementCount, type SettlementTable } from './settlements.js';
import { SERVICE } from './services.js';
import { TECH_CODE } from './technologies.js';
import { inQueueOrder } from './queue-order.js';

/**
 * A replication's jobs, in typed arrays: a fibre line or a satellite installation for one
 * settlement, a mast for a few neighbouring settlements or a stretch of motorway, household
 * fibre in one village. What a job is does not change while it is built (its state is in
 * JobState). The arrays have room for the most jobs a scenario can have; the first `n` are
 * this replication's.
 *
 * A settlement's own job builds its technology's service (its `tech`); with service rules it
 * may also be served by a mast (mobile), a satellite terminal and household fibre — several
 * jobs, each of which gives it one service when it finishes.
 */
export interface JobTable {
  n: number;
  /** TECH_CODE of what is built: its pipeline, crew pool and work calendar. */
  tech: Uint8Array;
  region: Int32Array;
  /** The crew pool it draws from. */
  crewPool: Int32Array;
  /** Settlement whose draws the job uses, or -(k + 1) for motorway mast k. */
  slotBase: Int32Array;
  /** Motorway mast index, or -1. */
  motorway: Int32Array;
  /** Queue priority for budget, offices and crews (lower first). */
  priority: Float64Array;
  /** Km of line to lay (fibre: its settlement's distance to the backbone; 0 for other technologies). */
  km: Float64Array;
  /** The financing programme that pays for it (CompiledFinancing order; -1: none, unfunded), set by assignProgrammes. */
  programme: Int32Array;
  /** Settlements served by job j: members[memberStart[j] .. memberStart[j + 1]). */
  memberStart: Int32Array;
  members: Int32Array;
  /** Per entry of `members`: 1 when the job is that settlement's own job (its technology's). */
  own: Uint8Array;
  /** The job that must finish before job j can start (household fibre waits for backbone fibre), or -1. */
  after: Int32Array;
  /** The job that starts when job j finishes, or -1. */
  then: Int32Array;
  /** Each settlement's own job, or -1 (served by its technology at the start). */
  ownJob: Int32Array;
}

/**
 * Room for a scenario's jobs: per settlement its own job, and with service rules a mast
 * share, a satellite terminal and household fibre; plus the motorway masts; with a fallback
 * policy, one more per settlement for the fallback jobs made during the run.
 */
export function newJobTable(m: CompiledModel): JobTable {
  const n = settlementCount(m);
  const perSettlement = m.serviceRules.length > 0 ? 4 : 1;
  const extra = (m.input.fallback?.length ?? 0) > 0 ? n : 0;
  const cap = perSettlement * n + m.motorwayMasts.length + extra;
  return {
    n: 0, tech: new Uint8Array(cap), region: new Int32Array(cap), crewPool: new Int32Array(cap), slotBase: new Int32Array(cap),
    motorway: new Int32Array(cap), priority: new Float64Array(cap), km: new Float64Array(cap), programme: new Int32Array(cap), memberStart: new Int32Array(cap + 1),
    members: new Int32Array(perSettlement * n + extra), own: new Uint8Array(perSettlement * n + extra), after: new Int32Array(cap), then: new Int32Array(cap),
    ownJob: new Int32Array(n),
  };
}

/** The crew pool of job j. */
export const crewPoolOf = (jobs: JobTable, j: number): RegionTech => jobs.crewPool[j] as RegionTech;

const MOBILE = 1 << SERVICE.mobile, SATELLITE = 1 << SERVICE.satellite, HOUSEHOLD = 1 << SERVICE['household-fibre'];
const BACKBONE = 1 << SERVICE['backbone-fibre'];

/**
 * Each motorway mast's job (CompiledModel.motorwayMasts order), -1 for one with none (on air
 * before a run from a status).
 *
 * @example jobOfMotorwayMast(m, jobs)[0]   // the job building the first mast of the first road
 */
export function jobOfMotorwayMast(m: CompiledModel, jobs: JobTable): Int32Array {
  const out = new Int32Array(m.motorwayMasts.length).fill(-1);
  for (let j = 0; j < jobs.n; j++) if (jobs.motorway[j] >= 0) out[jobs.motorway[j]] = j;
  return out;
}

/** The name a status gives settlement i's mast job (`own`: its own job, else its mobile-coverage mast), if any. */
export type MastNames = (i: number, own: boolean) => string | undefined;

/**
 * A region's mast settlements (in queue order) as mast jobs: those a status names the same
 * mast share it (placed where the first of them is), the others `per` at a time in queue
 * order — without names, exactly the queue's groups.
 *
 * @example mastGroups([4, 7, 9], 2, (i) => (i === 9 ? 'm1' : i === 4 ? 'm1' : undefined))   // [[4, 9], [7]]
 */
export function mastGroups(queue: Iterable<number>, per: number, name?: (i: number) => string | undefined): number[][] {
  const groups: number[][] = [];
  const named = new Map<string, number[]>();
  let loose: number[] = [];
  for (const i of queue) {
    const key = name?.(i);
    if (key === undefined) {
      if (loose.length === 0) groups.push(loose);
      loose.push(i);
      if (loose.length === per) loose = [];
      continue;
    }
    const g = named.get(key);
    if (g) g.push(i);
    else { const fresh = [i]; named.set(key, fresh); groups.push(fresh); }
  }
  return groups;
}

/**
 * Which settlements a status names a further mast for (not their own job) that is also some
 * settlement's own mast — a fallback's mast serving a village whose fibre the rule cancelled
 * (the mast is its own row) and one whose fibre it did not (a further row): one mast, which
 * the second village shares as a further member. Null when no settlement's own row names a mast.
 */
function sharingOwnMast(st: SettlementTable, mastOf: MastNames): ((i: number) => boolean) | null {
  const own = new Set<string>();
  for (let i = 0; i < st.n; i++) {
    const name = st.tech[i] === TECH_CODE.mast && !st.connected[i] ? mastOf(i, true) : undefined;
    if (name !== undefined) own.add(name);
  }
  if (own.size === 0) return null;
  return (i) => {
    const name = mastOf(i, false);
    return name !== undefined && own.has(name);
  };
}

/**
 * Turns what the settlements still need into jobs (into `jobs`, fresh unless given): one
 * per fibre or satellite settlement (in settlement order), then per region its mast
 * settlements — those whose technology is a mast and those a service rule gives mobile
 * coverage — in queue order grouped `settlementsPerMast` at a time, then the motorway masts
 * (those not on air before the run), which queue behind the village work of their region; then the satellite terminals of
 * service rules, and household fibre, which waits for its settlement's backbone fibre job
 * (and starts at once where the settlement is on backbone fibre at the start). Jobs of
 * service rules come after all others, so a scenario without them has the same jobs.
 *
 * A fibre line's km is its settlement's distance to the backbone times `lineKm[region]`
 * when given (the replication's distance factor: how far the km laid are from the
 * distances the scenario gives, which the technology rules and orderings go by).
 */
export function buildJobs(m: CompiledModel, st: SettlementTable, jobs: JobTable = newJobTable(m), lineKm?: Float64Array, mastOf?: MastNames): JobTable {
  const n = st.n, nRegions = m.regionIds.length;
  const mastPer = Math.max(1, Math.round(m.input.mast?.settlementsPerMast ?? 1));
  const { tech, region, crewPool, slotBase, motorway, priority, km, memberStart, members, own, after, then, ownJob } = jobs;
  let count = 0, nMembers = 0;
  const add = (t: number, r: number, slot: number, mw: number, p: number, waitFor = -1) => {
    tech[count] = t; region[count] = r; crewPool[count] = regionTech(r, t); slotBase[count] = slot; motorway[count] = mw; priority[count] = p;
    km[count] = t === TECH_CODE.fibre ? (lineKm ? st.backboneKm[slot] * lineKm[r] : st.backboneKm[slot]) : 0;
    memberStart[count] = nMembers;
    after[count] = waitFor;
    then[count] = -1;
    if (waitFor >= 0) then[waitFor] = count;
    return count++;
  };
  const member = (i: number, isOwn: boolean) => {
    members[nMembers] = i;
    own[nMembers++] = isOwn ? 1 : 0;
    if (isOwn) ownJob[i] = count - 1;
  };
  ownJob.fill(-1, 0, n);
  const mastQueue: number[][] = Array.from({ length: nRegions }, () => []);
  const sharesOwnMast = mastOf ? sharingOwnMast(st, mastOf) : null;
  for (let i = 0; i < n; i++) {
    const needsOwn = !st.connected[i];
    if (needsOwn && st.tech[i] === TECH_CODE.mast) { mastQueue[st.region[i]].push(i); continue; }
    if (st.wants[i] & MOBILE || sharesOwnMast?.(i)) mastQueue[st.region[i]].push(i);
    if (!needsOwn) continue;
    add(st.tech[i], st.region[i], i, -1, st.priority[i]);
    member(i, true);
  }
  for (let r = 0; r < nRegions; r++) {
    const q = inQueueOrder(mastQueue[r], mastQueue[r].length, st.priority);
    const ownMast = (i: number) => st.tech[i] === TECH_CODE.mast && !st.connected[i];
    for (const group of mastGroups(q, mastPer, mastOf && ((i) => mastOf(i, ownMast(i))))) {
      add(TECH_CODE.mast, r, group[0], -1, st.priority[group[0]]);
      for (const i of group) member(i, ownMast(i));
    }
  }
  // A mast a status has on air before the run has no job (as a settlement connected before it).
  // Behind every village's job in every queue: priorities above all of theirs — whole numbers
  // just above the largest when it is finite and below 1e15 (so whole-number priorities stay
  // whole, for queueOrder's fast path), else from 1e15; the queues' order is the same either way.
  let top = -Infinity;
  for (let i = 0; i < n; i++) if (st.priority[i] > top) top = st.priority[i];
  const behind = Number.isFinite(top) && top < 1e15 ? Math.floor(top) + 1 : 1e15;
  m.motorwayMasts.forEach((mw, k) => { if (mw.before?.stage !== 'done') add(TECH_CODE.mast, mw.region, -k - 1, k, behind + k); });
  if (m.serviceRules.length > 0) {
    for (let i = 0; i < n; i++) {
      if (!(st.wants[i] & SATELLITE)) continue;
      add(TECH_CODE.satellite, st.region[i], i, -1, st.priority[i]);
      member(i, false);
    }
    for (let i = 0; i < n; i++) {
      if (!(st.wants[i] & HOUSEHOLD)) continue;
      // On backbone fibre at the start: at once; else after its own (fibre) job.
      add(TECH_CODE.household, st.region[i], i, -1, st.priority[i], st.has[i] & BACKBONE ? -1 : ownJob[i]);
      member(i, false);
    }
  }
  memberStart[count] = nMembers;
  jobs.n = count;
  return jobs;
}
