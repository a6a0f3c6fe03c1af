import type { CompiledModel } from './compile.js';
import type { SettlementTable } from './settlements.js';
import { TECH_CODE } from './stages.js';

/** Job kinds: what is built, and so its stages, crew pool, budget and work calendar. */
export const K_FIBRE = 0, K_MAST = 1, K_SAT = 2;

/**
 * A replication's jobs, in typed arrays: a fibre line or a satellite installation for one
 * settlement, a mast for a few neighbouring settlements, or a mast on a motorway corridor.
 * Arrays are exactly `n` long.
 */
export interface JobTable {
  n: number;
  kind: Uint8Array;
  region: Int32Array;
  /** Settlement whose draws the job uses, or -(k + 1) for motorway mast k. */
  slotBase: Int32Array;
  /** Motorway mast index, or -1. */
  motorway: Int32Array;
  /** Queue priority for budget, offices and crews (lower first). */
  priority: Float64Array;
  /** Settlements served by job j: members[memberStart[j] .. memberStart[j + 1]). */
  memberStart: Int32Array;
  members: Int32Array;
}

/**
 * Turns the settlements still to connect into jobs: one per fibre or satellite settlement
 * (in settlement order), then per region its mast settlements in queue order grouped
 * `settlementsPerMast` at a time, then the motorway masts, which queue behind the village
 * work of their region.
 */
export function buildJobs(m: CompiledModel, st: SettlementTable): JobTable {
  const n = st.n, nRegions = m.regionIds.length;
  const mastPer = Math.max(1, Math.round(m.input.mast?.settlementsPerMast ?? 1));
  const cap = n + m.motorwayMasts.length;
  const kind = new Uint8Array(cap), region = new Int32Array(cap), slotBase = new Int32Array(cap), motorway = new Int32Array(cap);
  const priority = new Float64Array(cap), memberStart = new Int32Array(cap + 1), members = new Int32Array(n);
  let count = 0, nMembers = 0;
  const add = (k: number, r: number, slot: number, mw: number, p: number) => {
    kind[count] = k; region[count] = r; slotBase[count] = slot; motorway[count] = mw; priority[count] = p; memberStart[count] = nMembers;
    count++;
  };
  const mastQueue: number[][] = Array.from({ length: nRegions }, () => []);
  for (let i = 0; i < n; i++) {
    if (st.connected[i]) continue;
    if (st.tech[i] === TECH_CODE.mast) { mastQueue[st.region[i]].push(i); continue; }
    add(st.tech[i] === TECH_CODE.fibre ? K_FIBRE : K_SAT, st.region[i], i, -1, st.priority[i]);
    members[nMembers++] = i;
  }
  for (let r = 0; r < nRegions; r++) {
    const q = mastQueue[r].sort((a, b) => st.priority[a] - st.priority[b] || a - b);
    for (let k = 0; k < q.length; k += mastPer) {
      add(K_MAST, r, q[k], -1, st.priority[q[k]]);
      for (let x = k; x < Math.min(q.length, k + mastPer); x++) members[nMembers++] = q[x];
    }
  }
  m.motorwayMasts.forEach((mw, k) => add(K_MAST, mw.region, -k - 1, k, 1e15 + k));
  memberStart[count] = nMembers;
  return {
    n: count, kind: kind.subarray(0, count), region: region.subarray(0, count), slotBase: slotBase.subarray(0, count),
    motorway: motorway.subarray(0, count), priority: priority.subarray(0, count), memberStart: memberStart.subarray(0, count + 1), members,
  };
}
