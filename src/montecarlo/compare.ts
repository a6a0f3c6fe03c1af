import { compileModel, type ModelInput, type TargetDefinition } from '../model/index.js';
import type { ComparedReading, ComparedTarget, ComparisonResult, Estimate, PairedDifference } from './analysis-result.js';
import { layoutOf } from './aggregate.js';
import type { RunResult, ScenarioIdentity } from './result.js';
import { RowLayout } from './rows.js';
import { rowSpend } from './row-fields.js';
import { pairedDifference } from './paired-difference.js';
import { independentProportionInterval, pairedProportionDifference } from './proportion-difference.js';
import { observedInput, runObserved, type Observed } from './observed-run.js';
import type { RunSettings } from './run-settings.js';
import { runMonteCarlo, usingPool } from './run.js';
import { weightedPairedDifference } from './weighted-paired-difference.js';
import { weightedPairedProportionDifference } from './weighted-proportion-difference.js';
import { weightedShare } from './weighted-share.js';
import { VERSION } from './version.js';
import { wilson } from './wilson.js';
import { r6 } from './round.js';

const est = (value: number, lo: number, hi: number): Estimate => ({ value: r6(value), ci95: [r6(lo), r6(hi)] });

export interface CompareOption {
  input: ModelInput;
  identity: ScenarioIdentity;
  /**
   * What was observed, read against this option's scenario (`loadObservations`): the
   * option's futures are weighted by how likely each makes it (runObserved). Give it to
   * every option or to none.
   */
  observed?: Observed;
}

export interface CompareOptions extends RunSettings {
  runs: number;
  onProgress?: (option: number, done: number, total: number) => void;
  /** The observations' file, as `conditioned.file` names it (with options' `observed`). */
  observedFile?: string;
}

/** Per option, what each replication did for each target: met (0/1) and the share at the deadline. */
interface PerReplication {
  met: Map<string, Uint8Array>;
  value: Map<string, Float64Array>;
  joint: Uint8Array;
  /** Money committed to the horizon, per replication. */
  cost: Float64Array;
  /** Each replication's weight from the observations; null when every future weighs the same. */
  weights: Float64Array | null;
}

/** Weights that are all the same say nothing: the plain (unweighted) figures, exactly. */
const unlessEqual = (w: Float64Array | undefined): Float64Array | null => (w && w.some((x) => x !== w[0]) ? w : null);

/**
 * How far two weightings of the same n futures are apart: the share of the weight that sits
 * on other futures under one than under the other (total variation distance, 0 to 1; null
 * weights are equal ones). Whole-number weights that differ at all make two options "weigh
 * the futures differently", however little: this says how much (0.0003 when a change before
 * the observations hardly moves what they make likely, 0.3 when it reweighs the futures).
 *
 * @example weightMoved(Float64Array.of(3, 1), null, 2)   // |0.75 − 0.5| + |0.25 − 0.5| = 0.5, halved: 0.25
 */
export function weightMoved(x: Float64Array | null, y: Float64Array | null, n: number): number {
  const total = (w: Float64Array | null) => (w ? w.reduce((a, b) => a + b, 0) : n);
  const sx = total(x), sy = total(y);
  let d = 0;
  for (let i = 0; i < n; i++) d += Math.abs((x ? x[i] : 1) / sx - (y ? y[i] : 1) / sy);
  return d / 2;
}

/** The two options' weights when either weighs its futures unequally (the other's all 1 if it does not). */
function weightsOf(x: PerReplication, y: PerReplication): [ArrayLike<number>, ArrayLike<number>] | null {
  if (!x.weights && !y.weights) return null;
  const one = new Float64Array(x.cost.length).fill(1);
  return [x.weights ?? one, y.weights ?? one];
}

function difference(option: string, a: Uint8Array, b: Uint8Array, va: Float64Array, vb: Float64Array, w: [ArrayLike<number>, ArrayLike<number>] | null): PairedDifference {
  if (w) {
    const p = weightedPairedProportionDifference(a, b, w[0], w[1]);
    return {
      option, probability: { value: p.value, ci95: p.ci95 }, independentCi95: p.independentCi95,
      gained: p.gained, lost: p.lost, valueAtDeadline: weightedPairedDifference(va, vb, w[0], w[1]), effectiveRuns: p.effectiveRuns,
    };
  }
  const n = a.length;
  let gained = 0, lost = 0, pa = 0, pb = 0;
  for (let i = 0; i < n; i++) {
    pa += a[i]; pb += b[i];
    if (a[i] && !b[i]) gained++;
    if (!a[i] && b[i]) lost++;
  }
  return {
    option,
    probability: pairedProportionDifference(a, b),
    independentCi95: independentProportionInterval(pa, n, pb, n),
    gained, lost,
    valueAtDeadline: pairedDifference(va, vb),
  };
}

/** The share of replications that met, with its Wilson interval. */
function plainShare(met: Uint8Array): Estimate {
  const n = met.reduce((a, b) => a + b, 0);
  const [lo, hi] = wilson(n, met.length);
  return est(n / met.length, lo, hi);
}

/** The weighted share, its Wilson interval at the effective sample size (as a conditioned run's). */
function weightedEstimate(met: Uint8Array, w: Float64Array): Estimate {
  const { share, ci95 } = weightedShare(met, w);
  return est(share, ci95[0], ci95[1]);
}

/** A count at the deadline as a share of what it is taken over, or the count itself for a count reading. */
const valueOf = (count: number, size: number, isCount: boolean) => (isCount ? count : size > 0 ? count / size : 0);

/** The readings of target `id` that every option has (same definition: checked by comparableTargets), compared like the target. */
function comparedReadings(id: string, results: RunResult[], per: PerReplication[], name: (k: number) => string): { alternatives?: ComparedReading[] } {
  const own = results[0].summary.targets.find((t) => t.id === id)?.alternatives ?? [];
  const common = own.filter((a) => results.every((r) => r.summary.targets.find((t) => t.id === id)?.alternatives?.some((b) => b.id === a.id)));
  if (common.length === 0) return {};
  return {
    alternatives: common.map((a) => {
      const key = `${id}.${a.id}`;
      return {
        id: a.id, label: a.label,
        perOption: results.map((r, k) => {
          const x = r.summary.targets.find((t) => t.id === id)!.alternatives!.find((b) => b.id === a.id)!;
          return { option: name(k), probability: est(x.probability, x.ci95[0], x.ci95[1]), valueAtDeadline: x.valueAtDeadline };
        }),
        differences: results.slice(1).map((_, j) => difference(name(j + 1), per[j + 1].met.get(key)!, per[0].met.get(key)!, per[j + 1].value.get(key)!, per[0].value.get(key)!, weightsOf(per[j + 1], per[0]))),
      };
    }),
  };
}

/** Options that cannot be compared as given (a user mistake: exit status 2). */
export class CompareError extends Error {}

/** The parts of a target (or a reading) that make it the same in two options; services and a denominator only where given. */
function definition(t: TargetDefinition): Record<string, string> {
  return {
    metric: t.metric,
    ...(t.services ? { services: [...t.services].sort().join(', ') } : {}),
    threshold: String(t.threshold),
    deadline: t.deadline,
    regions: t.regions && t.regions.length > 0 ? [...t.regions].sort().join(', ') : 'the whole country',
    ...(t.denominator !== undefined ? { denominator: String(t.denominator) } : {}),
  };
}

/** Each target's and each of its readings' definition, by id ('target' and 'target.reading'). */
function definitions(t: ModelInput['targets'][number]): [string, string, Record<string, string>][] {
  return [[t.id, `target '${t.id}' is not the same target`, definition(t)], ...(t.alternatives ?? []).map((a): [string, string, Record<string, string>] => [`${t.id}.${a.id}`, `reading '${a.id}' of target '${t.id}' is not the same reading`, definition(a)])];
}

/**
 * Which targets `compareScenarios` pairs: those every option has, by id — and a target id
 * must mean the same target in every option. A CompareError names a target an option
 * redefines (metric, threshold, deadline or regions: pairing it would report the change of
 * definition as an effect of the policy), options whose money is in different currencies,
 * and options with no target in common.
 * Returns the ids compared and those left out (not in every option).
 *
 * @example
 *   comparableTargets([base, reform])   // { compared: ['fibre-2026', 'coverage-2027'], leftOut: [] }
 */
export function comparableTargets(options: CompareOption[]): { compared: string[]; leftOut: { id: string; options: string[] }[] } {
  const problems: string[] = [];
  const first = new Map<string, { option: string; def: Record<string, string> }>();
  const readings = new Map<string, { option: string; def: Record<string, string> }>();
  for (const o of options) {
    for (const t of o.input.targets) {
      for (const [key, what, def] of definitions(t)) {
        const map = key === t.id ? first : readings;
        const seen = map.get(key);
        if (!seen) { map.set(key, { option: o.identity.name, def }); continue; }
        for (const k of new Set([...Object.keys(def), ...Object.keys(seen.def)])) {
          const a = def[k] ?? 'not given', b = seen.def[k] ?? 'not given';
          if (a !== b) problems.push(`${what} in '${o.identity.name}' as in '${seen.option}': its ${k} ${k === 'regions' || k === 'services' ? 'are' : 'is'} ${a} in '${o.identity.name}' but ${b} in '${seen.option}'`);
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new CompareError(`${problems.join('\n')}\nPaired differences would measure the change of definition, not the policy: give the redefined target its own id (or the redefined reading).`);
  }
  const currencies = new Set(options.map((o) => o.input.currency));
  if (currencies.size > 1) {
    throw new CompareError(`the options state their money in different currencies (${options.map((o) => `'${o.identity.name}': ${o.input.currency}`).join('; ')}): their costs and the chance of meeting the targets within the money cannot be compared; state every option in one currency`);
  }
  const has = (o: CompareOption, id: string) => o.input.targets.some((t) => t.id === id);
  const compared = [...first.keys()].filter((id) => options.every((o) => has(o, id)));
  if (compared.length === 0) {
    throw new CompareError(`the options have no target in common (${options.map((o) => `'${o.identity.name}': ${o.input.targets.map((t) => t.id).join(', ') || 'none'}`).join('; ')}); there is nothing to compare`);
  }
  const leftOut = [...first.keys()].filter((id) => !compared.includes(id)).map((id) => ({ id, options: options.filter((o) => has(o, id)).map((o) => o.identity.name) }));
  return { compared, leftOut };
}

/**
 * Runs every option with common random numbers — the same seed, so replication i of each
 * option draws the same numbers for every input they share — on one worker pool, and
 * reports each option's probabilities and its paired differences against the first.
 * Per-replication outcomes are kept (a few bytes per replication, target and option).
 */
export async function compareScenarios(options: CompareOption[], o: CompareOptions): Promise<ComparisonResult> {
  if (options.length < 2) throw new RangeError('compare needs at least two options');
  const conditioned = options.filter((x) => x.observed).length;
  if (conditioned > 0 && conditioned < options.length) throw new RangeError('compare: give observations to every option or to none (a conditioned option against an unconditioned one compares two different questions)');
  const { compared, leftOut } = comparableTargets(options);
  return usingPool(o, async (pool) => {
    const results: RunResult[] = [];
    const per: PerReplication[] = [];
    for (let k = 0; k < options.length; k++) {
      const { identity, observed } = options[k];
      // Conditioned: each replication's row also carries its simulated value of each observation.
      const input = observed ? observedInput(options[k].input, observed) : options[k].input;
      const m = compileModel(input);
      const sizes = layoutOf(m).targetSizes;
      const L = RowLayout.of(m);
      const readingSizes = layoutOf(m).readingSizes;
      const rec: PerReplication = { met: new Map(), value: new Map(), joint: new Uint8Array(o.runs), cost: new Float64Array(o.runs), weights: null };
      // "All targets together" is over the targets every option has: one only some have would measure its definition, not the policy.
      const inCommon = m.targets.map((t) => compared.includes(t.id));
      for (const t of m.targets) { rec.met.set(t.id, new Uint8Array(o.runs)); rec.value.set(t.id, new Float64Array(o.runs)); }
      for (const r of m.readings) { const key = `${m.targets[r.target].id}.${r.id}`; rec.met.set(key, new Uint8Array(o.runs)); rec.value.set(key, new Float64Array(o.runs)); }
      const runOptions: Parameters<typeof runMonteCarlo>[2] = {
        runs: o.runs, seed: o.seed, pool, workers: pool ? undefined : 0, signal: o.signal, check: o.check, compiled: m,
        onProgress: o.onProgress ? (done, total) => o.onProgress!(k, done, total) : undefined,
        onRows: (from, to, rows) => {
          for (let r = from; r < to; r++) {
            const at = (r - from) * L.width;
            let all = 1;
            m.targets.forEach((t, i) => {
              const met = rows[at + L.met(i)];
              rec.met.get(t.id)![r] = met;
              rec.value.get(t.id)![r] = valueOf(rows[at + L.countAtDeadline(i)], sizes[i], t.count);
              if (inCommon[i]) all &= met;
            });
            m.readings.forEach((x, k) => {
              const key = `${m.targets[x.target].id}.${x.id}`;
              rec.met.get(key)![r] = rows[at + L.readingMet(k)];
              rec.value.get(key)![r] = valueOf(rows[at + L.readingCount(k)], readingSizes[k], x.count);
            });
            rec.joint[r] = all;
            rec.cost[r] = rowSpend(L, rows, at);
          }
        },
      };
      // Conditioned, the rows are the prior pass's (every replication once); the weights say what each counts for.
      const result = observed ? await runObserved(input, identity, runOptions, observed) : await runMonteCarlo(input, identity, runOptions);
      rec.weights = unlessEqual(result.conditioning?.weights);
      results.push(result);
      per.push(rec);
    }

    const name = (k: number) => options[k].identity.name;
    const ref = results[0];
    const common = ref.summary.targets.filter((t) => compared.includes(t.id));
    const targets: ComparedTarget[] = common.map((t) => ({
      id: t.id, label: t.label, metric: t.metric, threshold: t.threshold, deadline: t.deadline,
      ...(t.services ? { services: t.services } : {}), ...(t.denominator !== undefined ? { denominator: t.denominator } : {}),
      perOption: results.map((r, k) => {
        const x = r.summary.targets.find((y) => y.id === t.id)!;
        return {
          option: name(k), probability: est(x.probability, x.ci95[0], x.ci95[1]), valueAtDeadline: x.valueAtDeadline, dateReachedP50: x.dateReached.p50,
          ...(x.prior ? { prior: est(x.prior.probability, x.prior.ci95[0], x.prior.ci95[1]) } : {}),
        };
      }),
      differences: results.slice(1).map((_, j) => {
        const k = j + 1;
        return difference(name(k), per[k].met.get(t.id)!, per[0].met.get(t.id)!, per[k].value.get(t.id)!, per[0].value.get(t.id)!, weightsOf(per[k], per[0]));
      }),
      ...comparedReadings(t.id, results, per, name),
    }));
    const zero = new Float64Array(o.runs);
    const joint = {
      perOption: per.map((p, k) => {
        // The rows are the prior pass's: their plain share is the chance before the observations, shown beside the weighted one.
        const prior = plainShare(p.joint);
        return { option: name(k), probability: p.weights ? weightedEstimate(p.joint, p.weights) : prior, ...(conditioned > 0 ? { prior } : {}) };
      }),
      differences: results.slice(1).map((_, j) => difference(name(j + 1), per[j + 1].joint, per[0].joint, zero, zero, weightsOf(per[j + 1], per[0]))),
    };
    const noJcl = { budget: null, probability: null, ci95: null };
    const cost = {
      currency: options[0].input.currency,
      perOption: results.map((r, k) => ({ option: name(k), cost: r.summary.cost!, jointCostSchedule: r.summary.jointCostSchedule ?? noJcl })),
      differences: results.slice(1).map((_, j) => {
        const w = weightsOf(per[j + 1], per[0]);
        return { option: name(j + 1), meanCost: w ? weightedPairedDifference(per[j + 1].cost, per[0].cost, w[0], w[1]) : pairedDifference(per[j + 1].cost, per[0].cost) };
      }),
    };
    return {
      seed: o.seed, runs: o.runs, version: VERSION,
      options: options.map((x, k) => ({ identity: x.identity, description: x.input.description, result: results[k] })),
      targets, notCompared: leftOut, joint, cost,
      ...(conditioned > 0 ? {
        conditioned: {
          file: o.observedFile ?? 'observations',
          perOption: results.map((r, k) => {
            const c = r.summary.conditioning!;
            const same = (x: Float64Array | null, y: Float64Array | null) => (x === null || y === null ? x === y : x.every((w, i) => w === y[i]));
            return {
              option: name(k), observations: c.observations.length, setAside: c.setAside?.length ?? 0,
              effectiveSampleSize: c.effectiveSampleSize, warnings: c.warnings.length, weighsLikeReference: same(per[k].weights, per[0].weights),
              weightMoved: r6(weightMoved(per[k].weights, per[0].weights, o.runs)),
            };
          }),
        },
      } : {}),
    };
  });
}
