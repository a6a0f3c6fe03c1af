import type { CompiledModel } from './compile.js';
import { regionTech, type RegionTech } from './indices.js';
import { settlementCount, type SettlementTable } from './settlements.js';
import { TECH_CODE } from './technologies.js';

/**
 * A replication's jobs, in typed arrays: a fibre line or a satellite installation for one
 * settlement, a mast for a few neighbouring settlements, or a mast on a motorway corridor.
 * What a job is does not change while it is built (its state is in JobState). The arrays
 * have room for the most jobs a scenario can have; the first `n` are this replication's.
 */
export interface JobTable {
  n: number;
  /** TECH_CODE of what is built: its pipeline, crew pool, budget programme and work calendar. */
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
  /** Settlements served by job j: members[memberStart[j] .. memberStart[j + 1]). */
  memberStart: Int32Array;
  members: Int32Array;
}

/** Room for a scenario's jobs (one per settlement at most, plus the motorway masts). */
export function newJobTable(m: CompiledModel): JobTable {
  const n = settlementCount(m);
  const cap = n + m.motorwayMasts.length;
  return {
    n: 0, tech: new Uint8Array(cap), region: new Int32Array(cap), crewPool: new Int32Array(cap), slotBase: new Int32Array(cap),
    motorway: new Int32Array(cap), priority: new Float64Array(cap), km: new Float64Array(cap), memberStart: new Int32Array(cap + 1), members: new Int32Array(n),
  };
}

/** The crew pool of job j. */
export const crewPoolOf = (jobs: JobTable, j: number): RegionTech => jobs.crewPool[j] as RegionTech;

/**
 * Turns the settlements still to connect into jobs (into `jobs`, fresh unless given): one
 * per fibre or satellite settlement (in settlement order), then per region its mast
 * settlements in queue order grouped `settlementsPerMast` at a time, then the motorway
 * masts, which queue behind the village work of their region.
 */
export function buildJobs(m: CompiledModel, st: SettlementTable, jobs: JobTable = newJobTable(m)): JobTable {
  const n = st.n, nRegions = m.regionIds.length;
  const mastPer = Math.max(1, Math.round(m.input.mast?.settlementsPerMast ?? 1));
  const { tech, region, crewPool, slotBase, motorway, priority, km, memberStart, members } = jobs;
  let count = 0, nMembers = 0;
  const add = (t: number, r: number, slot: number, mw: number, p: number) => {
    tech[count] = t; region[count] = r; crewPool[count] = regionTech(r, t); slotBase[count] = slot; motorway[count] = mw; priority[count] = p;
    km[count] = t === TECH_CODE.fibre ? st.backboneKm[slot] : 0;
    memberStart[count] = nMembers;
    count++;
  };
  const mastQueue: number[][] = Array.from({ length: nRegions }, () => []);
  for (let i = 0; i < n; i++) {
    if (st.connected[i]) continue;
    if (st.tech[i] === TECH_CODE.mast) { mastQueue[st.region[i]].push(i); continue; }
    add(st.tech[i], st.region[i], i, -1, st.priority[i]);
    members[nMembers++] = i;
  }
  for (let r = 0; r < nRegions; r++) {
    const q = mastQueue[r].sort((a, b) => st.priority[a] - st.priority[b] || a - b);
    for (let k = 0; k < q.length; k += mastPer) {
      add(TECH_CODE.mast, r, q[k], -1, st.priority[q[k]]);
      for (let x = k; x < Math.min(q.length, k + mastPer); x++) members[nMembers++] = q[x];
    }
  }
  m.motorwayMasts.forEach((mw, k) => add(TECH_CODE.mast, mw.region, -k - 1, k, 1e15 + k));
  memberStart[count] = nMembers;
  jobs.n = count;
  return jobs;
}
