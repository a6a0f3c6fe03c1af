import { stream } from '../../engine/index.js';
import type { CompiledModel } from '../compile.js';
import type { Books } from '../books.js';
import type { SettlementProgress } from '../input.js';
import type { JobState } from '../job-state.js';
import type { JobTable } from '../jobs.js';
import type { SettlementTable } from '../settlements.js';
import { DONE, STAGE } from '../stages.js';
import { TECH_NAMES } from '../technologies.js';
import type { TopUps } from '../outside/top-ups.js';
import { pays, programmeFor } from './eligibility.js';

/** The lowest inflation rate a draw may give: prices can fall, but not to nothing. */
export const LOWEST_INFLATION = -0.99;

/** This replication's yearly inflation rate (0 without inflation), from its own stream. */
export function drawInflation(m: CompiledModel, seed: number, rep: number): number {
  const d = m.financing.inflation;
  if (d === null) return 0;
  return Math.max(LOWEST_INFLATION, d.quantile(stream(seed, rep, 'inflation')()));
}

/**
 * Money each limited programme has already committed before a run that starts from a
 * status (m.financing order), as a change to its first year's money: with carry-over, the
 * earlier years' appropriations come in and everything it committed goes out; when money
 * lapses, only what was committed in the start's year goes out. The money of a settlement
 * is its programme's: the one its status row names, else the job's (or, for a settlement
 * already connected, the first programme that would pay for it).
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

/**
 * --check, at the horizon, of the money: no programme's purse below zero; what every
 * limited programme received (appropriations after cuts, top-ups, money carried in) equals
 * what it committed, what lapsed and what is left; every job is paid for by the first
 * programme, in the scenario's order, that pays for it (or the one its status names) —
 * no earlier one would — and, once past its budget stage, was paid exactly once (unless
 * its status says it was paid before the run); a job no programme would pay for is in the
 * stage 'unfunded'. Returns the first violation, or null.
 */
export function checkMoney(
  m: CompiledModel, st: SettlementTable, jobs: JobTable, state: JobState, books: Books, budgets: readonly ({ level: number; name: string } | null)[],
  u: Float64Array, uMotorway: Float64Array, progress: readonly (SettlementProgress | null)[],
): string | null {
  const f = m.financing;
  const Y = m.years;
  for (let k = 0; k < budgets.length; k++) {
    const c = budgets[k];
    if (c === null) continue;
    if (c.level < -1e-9) return `${c.name} went negative: ${c.level}`;
    let spent = 0;
    for (let y = 0; y < Y; y++) spent += books.spend[k * Y + y];
    const balance = books.moneyIn[k] - spent - books.lapsed[k] - c.level;
    if (!(Math.abs(balance) <= 1e-6 * Math.max(1, books.moneyIn[k]))) {
      return `${c.name}: received ${books.moneyIn[k]}, committed ${spent}, lapsed ${books.lapsed[k]}, left ${c.level}: ${balance} unaccounted for`;
    }
  }
  const ps = f.programmes;
  for (let j = 0; j < jobs.n; j++) {
    const b = jobs.slotBase[j];
    const i = b >= 0 ? b : -1, population = b >= 0 ? st.population[b] : NaN, uj = b >= 0 ? u[b] : uMotorway[-b - 1];
    const eligible = (k: number) => (f.legacy ? k === jobs.tech[j] : pays(ps[k], jobs.tech[j], jobs.region[j], i, population, uj));
    const p = jobs.programme[j];
    const before = progress[j] ?? null;
    if (before?.programme === undefined) {
      if (p >= 0 && !eligible(p)) return `job ${j} is paid for by ${ps[p].id}, which does not pay for it`;
      for (let k = 0; k < (p >= 0 ? p : ps.length); k++) if (eligible(k)) return `job ${j} is paid for by ${p >= 0 ? ps[p].id : 'no programme'}, but ${ps[k].id} comes first and pays for it`;
    }
    const step = m.pipelines[jobs.tech[j]].indexOf(STAGE.budget);
    if (step < 0) continue;
    const past = state.stage[j] === DONE || state.step[j] > step;
    const paidBefore = before !== null && (before.moneyCommitted > 0 || before.stage === 'done' || m.pipelines[jobs.tech[j]].indexOf(STAGE[before.stage as keyof typeof STAGE]) > step);
    if (state.payments[j] > 1) return `job ${j} was paid for ${state.payments[j]} times`;
    if (past && state.payments[j] === 0 && !paidBefore) return `job ${j} passed its budget stage unpaid`;
    if (p < 0 && state.step[j] === step && state.stage[j] !== STAGE.unfunded) return `job ${j} has no programme but waits in stage ${state.stage[j]}`;
  }
  return null;
}

/**
 * Names of the financing draws in a replication's input summary, after inputSummaryKeys'
 * own (none without inflation or top-ups): the inflation rate drawn, and for each
 * programme with a top-up policy whether this replication's government tops it up (1/0).
 */
export function financingSummaryKeys(m: Pick<CompiledModel, 'financing'>): [string, string][] {
  const keys: [string, string][] = [];
  if (m.financing.inflation !== null) keys.push(['inflation', 'Inflation (per year)']);
  for (const p of m.financing.programmes) if (p.topUp !== null) keys.push([`financing.${p.id}.topUp.probability`, `Top-up granted: ${p.label}`]);
  return keys;
}

/** Writes the financing draws (financingSummaryKeys) into `out` from position `at`. */
export function summariseFinancing(m: CompiledModel, out: Float64Array, at: number, inflation: number, topUps: TopUps | null): void {
  if (m.financing.inflation !== null) out[at++] = inflation;
  m.financing.programmes.forEach((p, k) => { if (p.topUp !== null) out[at++] = topUps!.willing[k]; });
}

/** Technologies whose jobs some limited programme may pay for (a cost can then delay them). */
export function limitedTechnologies(m: CompiledModel): Set<string> {
  const out = new Set<string>();
  for (const p of m.financing.programmes) if (p.limited) TECH_NAMES.forEach((t, k) => { if (p.pays[k] === 1) out.add(t); });
  return out;
}
