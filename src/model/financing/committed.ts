import type { CompiledModel } from '../compile.js';
import { jobOfMotorwayMast, type JobTable } from '../jobs.js';
import type { SettlementTable } from '../settlements.js';
import { programmeFor } from './eligibility.js';
import { TECH_CODE, TECH_NAMES } from '../technologies.js';
import { SERVICE, TECH_OF_SERVICE } from '../services.js';
import type { SettlementProgress } from '../input.js';

/**
 * Money each limited programme has already committed before a run that starts from a
 * status (m.financing order), as a change to its first year's money: with carry-over, the
 * earlier years' appropriations come in and everything it committed goes out; when money
 * lapses, only what was committed in the start's year goes out. The money of a settlement
 * is its programme's: the one its status row names, else the job's (or, for a settlement
 * already connected, the first programme that would pay for it); a settlement's further
 * rows (its other jobs, finished ones too) count toward their own jobs' programmes (one a
 * fallback rule cancelled, `cancelled`, toward the first programme that would pay for its
 * technology there, unless the row names one: it is no job of the run), a
 * named mast's money once however many rows give it, a motorway mast's row toward
 * its job's (or the first that would pay for it). A status of counts has no
 * money column: the jobs it counts past their budget stage committed their programme's
 * share of their cost (`progress`, set by the replication).
 *
 * @example committedBeforeStart(m, st, jobs, u)   // Float64Array [-20, -10]: alpha committed 20, beta 10 (status.yaml)
 */
export function committedBeforeStart(
  m: CompiledModel, st: SettlementTable, jobs: JobTable, u: Float64Array, progress: readonly (SettlementProgress | null)[] = [], uMotorway: Float64Array = new Float64Array(0),
  cost: Float64Array = new Float64Array(0),
  costOfSettlement?: (i: number, tech: number) => number,
): Float64Array {
  const f = m.financing;
  const status = m.input.status!;
  const adjust = new Float64Array(f.programmes.length);
  const list = status.settlements ?? [];
  // The programme of each settlement's other jobs (a mast, a terminal, household fibre) by
  // settlement and technology; members of a mast job share it. Its own job is jobs.ownJob.
  const otherJob = new Map<string, number>();
  for (let j = 0; j < jobs.n; j++) {
    for (let x = jobs.memberStart[j]; x < jobs.memberStart[j + 1]; x++) {
      if (!jobs.own[x]) otherJob.set(`${jobs.members[x]}:${jobs.tech[j]}`, jobs.programme[j]);
    }
  }
  const committed = new Float64Array(f.programmes.length);
  /** Named masts already counted: every row of a mast gives the whole mast's money, once. */
  const masts = new Set<string>();
  /** Money committed by programme k on `date` (a limited programme's: lapsed money of an earlier year is not counted). */
  const commit = (amount: number, k: number, date: string) => {
    if (!(amount > 0) || k < 0 || !f.programmes[k].limited) return;
    if (f.programmes[k].carryOver || Number(date.slice(0, 4)) === m.firstYear) committed[k] += amount;
  };
  const add = (s: SettlementProgress, k: number) => {
    if (!(s.moneyCommitted > 0) || k < 0 || !f.programmes[k].limited) return; // before the mast is marked counted: another row of it may name a programme that counts
    if (s.mast !== undefined) {
      if (masts.has(s.mast)) return;
      masts.add(s.mast);
    }
    commit(s.moneyCommitted, k, s.committedOn ?? status.date);
  };
  list.forEach((s, i) => {
    if (!(s.moneyCommitted > 0)) return;
    add(s, s.programme !== undefined ? f.index.get(s.programme)!
      : jobs.ownJob[i] >= 0 ? jobs.programme[jobs.ownJob[i]]
        : programmeFor(f, st.tech[i], st.region[i], i, st.population[i], u[i]));
  });
  // A status of counts: the money of each job it counts past its budget stage, from the job's own programme.
  if (status.counts) for (let j = 0; j < jobs.n; j++) if (progress[j]) add(progress[j]!, jobs.programme[j]);
  // ...and of the settlements its stock gives a service beyond the scenario's start (built since).
  if (status.counts && status.gained && cost.length > 0) {
    const paid = gainedMoney(m, jobs, cost, status.gained, costOfSettlement && { st, u, costOf: costOfSettlement });
    paid.forEach((amount, k) => commit(amount, k, status.date));
  }
  for (const x of status.jobs ?? []) {
    if (!(x.progress.moneyCommitted > 0)) continue;
    const i = x.settlement, tech = TECH_CODE[x.technology];
    // A job a fallback rule cancelled, or one finished before the run, may be no job of this
    // run: its money is then the programme that would pay for it there.
    const would = () => programmeFor(f, tech, st.region[i], i, st.population[i], u[i]);
    const other = x.progress.stage === 'cancelled' ? would() : otherJob.get(`${i}:${tech}`) ?? would();
    add(x.progress, x.progress.programme !== undefined ? f.index.get(x.progress.programme)! : other);
  }
  // Motorway masts: the programme their row names, else their job's (or, on air before the run, the first that would pay for one).
  const mastJob = jobOfMotorwayMast(m, jobs);
  m.motorwayMasts.forEach((mw, k) => {
    const s = mw.before;
    if (s === null || !(s.moneyCommitted > 0)) return;
    const j = mastJob[k];
    add(s, s.programme !== undefined ? f.index.get(s.programme)! : j >= 0 ? jobs.programme[j] : programmeFor(f, TECH_CODE.mast, mw.region, -1, NaN, uMotorway[k]));
  });
  f.programmes.forEach((p, k) => {
    if (!p.limited) return;
    adjust[k] = (p.carryOver ? p.before : 0) - committed[k];
  });
  return adjust;
}

/**
 * Money per programme (m.financing order) for the settlements a status of counts gives each
 * service beyond the scenario's start (`gained`): each settlement at the mean cost per
 * settlement served of this replication's jobs of the service's technology in its region
 * (in the whole country when the region has none), split among their programmes as their
 * shares of those jobs' costs. A mast serving several settlements counts its cost once
 * over all of them; a motorway's masts serve no settlement and are left out. When the run
 * has no job of the technology anywhere (the status has them all built), each settlement of
 * the region with the service is priced as its job would have been (`built`), and paid by
 * the programme that would have paid it.
 *
 * @example gainedMoney(m, jobs, cost, [{ region: 'north', service: 'backbone-fibre', count: 2 }])
 *          // Float64Array [20]: north's fibre jobs cost 10 a settlement, all paid by programme 0
 */
export function gainedMoney(
  m: CompiledModel, jobs: JobTable, cost: Float64Array, gained: NonNullable<NonNullable<CompiledModel['input']['status']>['gained']>,
  built?: { st: SettlementTable; u: Float64Array; costOf: (i: number, tech: number) => number },
): Float64Array {
  const f = m.financing, nP = f.programmes.length, nR = m.regionIds.length, nT = TECH_NAMES.length;
  // Per (technology, region): settlements served and money per programme; region nR: the whole country.
  const served = new Float64Array(nT * (nR + 1));
  const money = new Float64Array(nT * (nR + 1) * nP);
  for (let j = 0; j < jobs.n; j++) {
    const k = jobs.programme[j];
    if (jobs.motorway[j] >= 0) continue;
    const t = jobs.tech[j], members = jobs.memberStart[j + 1] - jobs.memberStart[j];
    for (const r of [jobs.region[j], nR]) {
      served[t * (nR + 1) + r] += members;
      if (k >= 0) money[(t * (nR + 1) + r) * nP + k] += cost[j] * f.programmes[k].costShare;
    }
  }
  const out = new Float64Array(nP);
  for (const g of gained) {
    const t = TECH_OF_SERVICE[SERVICE[g.service]], r = m.regionIndex.get(g.region)!;
    const at = served[t * (nR + 1) + r] > 0 ? t * (nR + 1) + r : t * (nR + 1) + nR;
    if (!(g.count > 0)) continue;
    if (served[at] > 0) {
      for (let k = 0; k < nP; k++) out[k] += g.count * money[at * nP + k] / served[at];
      continue;
    }
    if (!built) continue;
    // No job of the technology anywhere: the region's settlements with the service, each priced as its job would have been.
    const { st, u } = built, bit = 1 << SERVICE[g.service], byProgramme = new Float64Array(nP);
    let n = 0;
    for (let i = 0; i < st.n; i++) {
      if (st.region[i] !== r || !(st.has[i] & bit)) continue;
      n++;
      const k = programmeFor(f, t, r, i, st.population[i], u[i]);
      if (k >= 0) byProgramme[k] += built.costOf(i, t) * f.programmes[k].costShare;
    }
    if (n > 0) for (let k = 0; k < nP; k++) out[k] += g.count * byProgramme[k] / n;
  }
  return out;
}
