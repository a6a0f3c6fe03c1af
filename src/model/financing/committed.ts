import type { CompiledModel } from '../compile.js';
import type { JobTable } from '../jobs.js';
import type { SettlementTable } from '../settlements.js';
import { programmeFor } from './eligibility.js';

/**
 * Money each limited programme has already committed before a run that starts from a
 * status (m.financing order), as a change to its first year's money: with carry-over, the
 * earlier years' appropriations come in and everything it committed goes out; when money
 * lapses, only what was committed in the start's year goes out. The money of a settlement
 * is its programme's: the one its status row names, else the job's (or, for a settlement
 * already connected, the first programme that would pay for it).
 *
 * @example committedBeforeStart(m, st, jobs, u)   // Float64Array [-20, -10]: alpha committed 20, beta 10 (status.yaml)
 */
export function committedBeforeStart(m: CompiledModel, st: SettlementTable, jobs: JobTable, u: Float64Array): Float64Array {
  const f = m.financing;
  const status = m.input.status!;
  const adjust = new Float64Array(f.programmes.length);
  const list = status.settlements ?? [];
  // The programme of each settlement served by a job (members of mast jobs share it).
  const viaJob = new Int32Array(st.n).fill(-2);
  for (let j = 0; j < jobs.n; j++) for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) viaJob[jobs.members[x]] = jobs.programme[j];
  const committed = new Float64Array(f.programmes.length);
  list.forEach((s, i) => {
    if (!(s.moneyCommitted > 0)) return;
    const k = s.programme !== undefined ? f.index.get(s.programme)!
      : viaJob[i] !== -2 ? viaJob[i]
        : programmeFor(f, st.tech[i], st.region[i], i, st.population[i], u[i]);
    if (k < 0 || !f.programmes[k].limited) return;
    const year = Number((s.committedOn ?? status.date).slice(0, 4));
    if (f.programmes[k].carryOver || year === m.firstYear) committed[k] += s.moneyCommitted;
  });
  f.programmes.forEach((p, k) => {
    if (!p.limited) return;
    adjust[k] = (p.carryOver ? p.before : 0) - committed[k];
  });
  return adjust;
}
