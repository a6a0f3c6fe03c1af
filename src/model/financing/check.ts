import type { Books } from '../books.js';
import type { CompiledModel } from '../compile.js';
import type { SettlementProgress } from '../input.js';
import type { JobState } from '../job-state.js';
import type { JobTable } from '../jobs.js';
import type { SettlementTable } from '../settlements.js';
import { DONE, STAGE } from '../stages.js';
import { pays } from './eligibility.js';

/**
 * --check, at the horizon, of the money: no programme's purse below zero; what every
 * limited programme received (appropriations after cuts, top-ups, money carried in) equals
 * what it committed, what lapsed and what is left; every job is paid for by the first
 * programme, in the scenario's order, that pays for it (or the one its status names) —
 * no earlier one would — and, once past its budget stage, was paid exactly once (unless
 * its status says it was paid before the run); a job no programme would pay for is in the
 * stage 'unfunded'. Returns the first violation, or null.
 *
 * @example checkMoney(m, st, jobs, state, books, budgets, u, uMw, [])   // null, or 'grants money: received 10, committed 11, ...'
 */
export function checkMoney(
  m: CompiledModel, st: SettlementTable, jobs: JobTable, state: JobState, books: Books, budgets: readonly ({ level: number; name: string } | null)[],
  u: Float64Array, uMotorway: Float64Array, progress: readonly (SettlementProgress | null)[],
  pipelineOf: (j: number) => ArrayLike<number> & { indexOf(code: number): number } = (j) => m.pipelines[jobs.tech[j]],
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
    // Its own stages (a fallback's job has its lead time first).
    const step = pipelineOf(j).indexOf(STAGE.budget);
    if (step < 0) continue;
    const past = state.stage[j] === DONE || state.step[j] > step;
    const paidBefore = before !== null && (before.moneyCommitted > 0 || before.stage === 'done' || m.pipelines[jobs.tech[j]].indexOf(STAGE[before.stage as keyof typeof STAGE]) > step);
    if (state.payments[j] > 1) return `job ${j} was paid for ${state.payments[j]} times`;
    if (past && state.payments[j] === 0 && !paidBefore) return `job ${j} passed its budget stage unpaid`;
    if (p < 0 && state.step[j] === step && state.stage[j] !== STAGE.unfunded && state.stage[j] !== STAGE.cancelled) return `job ${j} has no programme but waits in stage ${state.stage[j]}`;
  }
  return null;
}
