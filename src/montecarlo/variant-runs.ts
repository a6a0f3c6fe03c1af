import { compileModel, type CompiledModel, type ModelInput } from '../model/index.js';
import { layoutOf } from './aggregate.js';
import { logLikelihoods } from './condition.js';
import { goalTarget } from './goal-target.js';
import type { WorkerPool } from './pool.js';
import { rowCountAtDeadline } from './row-fields.js';
import { RowLayout } from './rows.js';
import type { RunSettings } from './run-settings.js';
import { runReplications } from './run.js';

/**
 * The scenario with its coverage-over-time report grid thinned to the start, the deadlines
 * and the horizon. Goal seek and allocation read only each replication's targets, which do
 * not depend on the report grid (nor do any random draws), while the aggregate's histograms
 * of every series at every report date are what makes a run's aggregate tens of megabytes:
 * thinning them makes each variant's run cheaper by the cost of building and merging them.
 *
 * @example
 *   const light = forTargetsOnly(input);   // same targets, same futures, reportEveryDays = the whole run
 */
export function forTargetsOnly(input: ModelInput): ModelInput {
  const days = Math.round((Date.parse(input.horizon) - Date.parse(input.start)) / 86_400_000) + 1;
  return { ...input, reportEveryDays: Math.max(input.reportEveryDays, days) };
}

/** What each replication of a variant did for a goal's target. */
export interface VariantOutcome {
  /** 1 when the replication met the target (for 'all': every target). */
  met: Uint8Array;
  /** The share reached at the deadline (for 'all': summed over the targets): a finer measure, to break ties. */
  reached: Float64Array;
  /**
   * With `conditioning`: each replication's simulated value of each observation, at
   * [i * K + k], and its log-likelihood of them (logLikelihoods); null without.
   */
  observed: { values: Float64Array; logLikelihood: Float64Array } | null;
}

export interface VariantRunOptions extends Pick<RunSettings, 'seed' | 'signal' | 'check'> {
  /** Worker pool; without one, the calling thread. */
  pool?: WorkerPool;
  /**
   * The observations to weigh the replications by, with their errors, in the order of the
   * input's `observations` (observedInput: the conditioning ones lead): each replication's
   * log-likelihood of them is returned.
   */
  conditioning?: readonly { value: number; sd: number }[];
}

/**
 * Runs replications [from, to) of a variant of a scenario (a lever moved, crews added) and
 * returns, replication by replication, whether it met the target and how far it got. Pass
 * the variant through forTargetsOnly first (and compile that) to save the report's series.
 * Replication i draws the same random numbers in every variant (the seed and i decide
 * them), so variants are compared on the same futures: common random numbers.
 *
 * @example
 *   const light = forTargetsOnly(variant);
 *   const { met } = await runVariant(light, compileModel(light), 'coverage-2027', 0, 500, { seed: 1, pool });
 */
export async function runVariant(input: ModelInput, compiled: CompiledModel | undefined, target: string, from: number, to: number, o: VariantRunOptions): Promise<VariantOutcome> {
  const m = compiled ?? compileModel(input);
  const t = goalTarget(m, target);
  const sizes = layoutOf(m).targetSizes;
  const k = m.targets.findIndex((x) => x.id === target);
  const L = RowLayout.of(m), w = L.width;
  const met = new Uint8Array(to - from);
  const reached = new Float64Array(to - from);
  const K = o.conditioning?.length ?? 0, at = L.observed(0);
  if (K > (input.observations?.length ?? 0)) throw new RangeError('runVariant: the input has fewer observations than `conditioning` (give it observedInput(...))');
  const values = new Float64Array((to - from) * K);
  await runReplications(input, {
    runs: to, from, to, seed: o.seed, pool: o.pool, workers: o.pool ? undefined : 0, signal: o.signal, check: o.check, compiled: m,
    onRows: (f, e, rows) => {
      met.set(t.metFlags(m, rows, e - f), f - from);
      for (let r = 0; r < e - f; r++) {
        let sum = 0;
        for (let i = 0; i < sizes.length; i++) if (k < 0 || i === k) sum += sizes[i] > 0 ? rowCountAtDeadline(L, rows, r * w, i) / sizes[i] : 0;
        reached[f - from + r] = sum;
        for (let x = 0; x < K; x++) values[(f - from + r) * K + x] = rows[r * w + at + x];
      }
    },
  });
  return { met, reached, observed: o.conditioning ? { values, logLikelihood: logLikelihoods(values, to - from, o.conditioning) } : null };
}
