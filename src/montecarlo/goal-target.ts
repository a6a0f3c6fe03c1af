import type { CompiledModel } from '../model/index.js';
import { AnalysisInputError } from './analysis-input-error.js';
import type { GoalTarget } from './analysis-result.js';
import { rowMet } from './row-fields.js';
import { RowLayout } from './rows.js';

/**
 * Resolves the target a goal seek or an allocation is about — a target id of the scenario,
 * or 'all' (every target met in the same future) — and gives a reader of its met flag from
 * packed runs.csv rows.
 *
 * @example
 *   const t = goalTarget(model, 'coverage-2027');
 *   const flags = t.metFlags(model, rows, count);   // Uint8Array, 1 = met
 */
export function goalTarget(m: CompiledModel, id: string): GoalTarget & { reachedName: string; metFlags(model: CompiledModel, rows: Float64Array, count: number): Uint8Array } {
  const ids = m.targets.map((t) => t.id);
  if (ids.length === 0) throw new AnalysisInputError('the scenario has no targets to reach');
  const k = id === 'all' ? -1 : ids.indexOf(id);
  if (id !== 'all' && k < 0) throw new AnalysisInputError(`no target '${id}'; the scenario's targets are ${ids.join(', ')} (or 'all' for every target together)`);
  const target = k < 0
    ? { id: 'all', label: m.targets.length > 1 ? 'Every target met' : m.targets[0].label, deadline: null }
    : { id, label: m.targets[k].label, deadline: m.targets[k].deadline };
  // How far a future gets, in words: a share of the target's settlements (a count target's too), summed over the targets for 'all'.
  const reachedName = k < 0
    ? `the shares reached by the deadlines, summed over the ${m.targets.length === 1 ? 'one target' : `${m.targets.length} targets`},`
    : m.targets[k].count ? 'the share of its settlements reached by the deadline' : 'the share reached by the deadline';
  return {
    ...target,
    reachedName,
    metFlags(model, rows, count) {
      const L = RowLayout.of(model), w = L.width, nT = model.targets.length;
      const out = new Uint8Array(count);
      for (let r = 0; r < count; r++) {
        if (k >= 0) { out[r] = rowMet(L, rows, r * w, k); continue; }
        let all = 1;
        for (let t = 0; t < nT; t++) all &= rowMet(L, rows, r * w, t);
        out[r] = all;
      }
      return out;
    },
  };
}
