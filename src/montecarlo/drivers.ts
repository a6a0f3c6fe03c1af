import { sampleRankCorrelation } from 'simple-statistics';
import { distribution, type Distribution } from '../engine/index.js';
import { DRAWS, FACTOR_KINDS, factorPartKeys, inputSummaryKeys, limitedTechnologies, partSpec, type CompiledModel, type DrawDecl, type FactorKind, type FactorPart } from '../model/index.js';
import type { DiscoveryBox, SensitivityResult } from './analysis-result.js';
import { RowLayout } from './rows.js';
import { rowMet } from './row-fields.js';
import { discover } from './discovery/discover.js';
import { r6 } from './round.js';
import { spearmanInterval } from './spearman-interval.js';
import { familyAdjustment } from './correlation-family.js';
import { effectiveSampleSize } from './effective-sample-size.js';
import { weightedRankCorrelation } from './weighted-rank-correlation.js';
import { weightLevels } from './weight-levels.js';

/** Replications kept for the rank correlations (bounded, so memory stays flat). */
export const DRIVER_SAMPLE = 20_000;

/** Can this distribution give two different values? (A fixed 0 node cost cannot.) */
function varies(d: Distribution | null | undefined): boolean {
  return !!d && d.quantile(1e-4) !== d.quantile(1 - 1e-4);
}

/**
 * The inputs of inputSummaryKeys that can move a target in this scenario: their
 * distribution varies, and — for money — some programme that pays for it is limited,
 * since with unlimited money a cost never delays anything. Satellite and mast inputs need their section (and
 * vary per replication only when some settlement gets that technology, which the
 * variance check of DriversTracker.result catches). Keys not listed here (risks, the
 * settlements' mean distance and population) count as used.
 */
export function usedInputs(m: CompiledModel): Map<string, boolean> {
  const d = m.dist;
  const limited = limitedTechnologies(m);
  return new Map<string, boolean>([
    // The cost overrun matters only where some money is limited.
    ...FACTOR_KINDS.map((k): [string, boolean] => [`factors.${k}`, varies(d.factors[k]) && (k !== 'costOverrun' || limited.size > 0)]),
    ...DRAWS.map((x, slot): [string, boolean] => [x.path, varies(m.draws[slot]) && (!(x as DrawDecl).money || limited.has(x.tech))]),
    ['inflation', varies(m.financing.inflation) && limited.size > 0],
    // Regional and yearly parts of the factors (their mean and worst per replication).
    ...factorPartKeys(m.input).map(([key]): [string, boolean] => {
      const [part, kind] = key.split('.') as [`${FactorPart}Factors`, FactorKind];
      const spec = partSpec(m.input, part === 'regionalFactors' ? 'regional' : 'yearly', kind);
      return [key, varies(spec ? distribution(spec) : null) && (kind !== 'costOverrun' || limited.size > 0)];
    }),
  ]);
}

/** The replications a shard kept for the drivers (DriversTracker.sample): n of them, inputs and values by row. */
export interface DriverSample {
  n: number;
  inputs: Float64Array;
  values: Float64Array;
}

/**
 * What drives the risk in an ordinary run: keeps, for the first DRIVER_SAMPLE
 * replications (in replication order, so the answer does not depend on the worker count),
 * what each drew (national factors, risk occurrences, mean per-job draws) and the share
 * each target reached at its deadline, then gives their Spearman rank correlations with a
 * 95 % interval each — only for inputs the scenario uses and that varied in the run.
 */
export class DriversTracker {
  private readonly keys: [string, string][];
  private readonly inputs: Float64Array[];
  private readonly values: Float64Array[];
  /** Per target, 1 where the replication met it (for scenario discovery). */
  private readonly met: Uint8Array[];
  private n = 0;
  private readonly cap: number;

  /** How many of a run's replications a tracker keeps by default: its first DRIVER_SAMPLE. */
  static keptOf(runs: number): number {
    return Math.min(runs, DRIVER_SAMPLE);
  }

  /** How many of a shard's replications (from..to-1 of a run of `runs`) are among those: what its sample holds. */
  static keptInShard(runs: number, from: number, to: number): number {
    return Math.max(0, Math.min(to, DriversTracker.keptOf(runs)) - from);
  }

  /** `sample`: how many replications to keep at most (DRIVER_SAMPLE unless the caller needs all). */
  constructor(private readonly m: CompiledModel, runs: number, private readonly targetSizes: number[], sample = DRIVER_SAMPLE) {
    this.cap = Math.min(runs, sample);
    this.keys = inputSummaryKeys(m);
    this.inputs = this.keys.map(() => new Float64Array(this.cap));
    this.values = m.targets.map(() => new Float64Array(this.cap));
    this.met = m.targets.map(() => new Uint8Array(this.cap));
  }

  /**
   * What it kept, for a shard's partial.json: each input's values ([k * n + r]) and each
   * target's share at its deadline ([t * n + r]) for its first n replications (their
   * targets met are the partial result's own record).
   */
  sample(): DriverSample {
    const n = this.n;
    const inputs = new Float64Array(this.keys.length * n), values = new Float64Array(this.values.length * n);
    this.inputs.forEach((xs, k) => inputs.set(xs.subarray(0, n), k * n));
    this.values.forEach((ys, t) => values.set(ys.subarray(0, n), t * n));
    return { n, inputs, values };
  }

  /** Appends a shard's sample (shards in replication order; `met`: its targets met, [r * targets + t]), up to what it keeps. */
  absorb(s: DriverSample, met: Uint8Array): void {
    const nT = this.values.length;
    for (let r = 0; r < s.n && this.n < this.cap; r++, this.n++) {
      for (let k = 0; k < this.keys.length; k++) this.inputs[k][this.n] = s.inputs[k * s.n + r];
      for (let t = 0; t < nT; t++) {
        this.values[t][this.n] = s.values[t * s.n + r];
        this.met[t][this.n] = met[r * nT + t];
      }
    }
  }

  feed(rows: Float64Array, count: number): void {
    const L = RowLayout.of(this.m);
    for (let r = 0; r < count && this.n < this.cap; r++, this.n++) {
      const at = r * L.width;
      for (let k = 0; k < this.keys.length; k++) this.inputs[k][this.n] = rows[at + L.input(k)];
      for (let t = 0; t < this.values.length; t++) this.values[t][this.n] = rows[at + L.countAtDeadline(t)] / Math.max(1, this.targetSizes[t]);
      for (let t = 0; t < this.met.length; t++) this.met[t][this.n] = rowMet(L, rows, at, t);
    }
  }

  /**
   * Spearman correlations, with their 95 % intervals (spearmanInterval), of each input that
   * the scenario uses and that varied in the run, with each target's share at its deadline;
   * and what goes wrong together: per target, the PRIM box of those inputs that marks the
   * futures that miss it (discovery/discover.ts).
   *
   * With `weights` (a conditioned run's whole-number importance weights, one per replication
   * of the run; those of the replications kept are used), both are over the futures as the
   * observations weigh them: each kept replication counts its weight, rounded to thousandths
   * of the heaviest (weightLevels: weights the observations hardly tell apart count alike),
   * one of weight 0 not at all (weightedRankCorrelation, discover's weights), and each
   * interval rests on the effective sample size (Kish) of those weights.
   */
  result(weights?: Float64Array): DriversResult {
    const n = this.n;
    const w = weights ? weightLevels(weights.subarray(0, n)) : undefined;
    const ess = w ? effectiveSampleSize(w) : n;
    const present = (xs: Float64Array) => (w ? xs.filter((_, i) => w[i] > 0) : xs);
    const used = usedInputs(this.m);
    const shown = this.keys
      .map(([input, label], k) => ({ input, label, xs: this.inputs[k].subarray(0, n) }))
      .filter(({ input, xs }) => used.get(input) !== false && n > 3 && varied(present(xs)))
      .map(({ input, label, xs }) => ({
        input, label,
        rhos: this.m.targets.map((_, i) => {
          const ys = this.values[i].subarray(0, n);
          const flat = !varied(present(ys));
          return r6(flat ? 0 : w ? weightedRankCorrelation(xs, ys, w) : sampleRankCorrelation(Array.from(xs), Array.from(ys)));
        }),
      }));
    const { z } = familyAdjustment(shown.flatMap((c) => c.rhos), ess);
    const correlations = shown.map(({ input, label, rhos }) => ({
      input, label,
      targets: this.m.targets.map((t, i) => {
        const spearman = rhos[i];
        const [lo, hi] = spearmanInterval(spearman, ess);
        const [alo, ahi] = spearmanInterval(spearman, ess, z);
        return { id: t.id, spearman, ci95: [r6(lo), r6(hi)] as [number, number], ci95Adjusted: [r6(alo), r6(ahi)] as [number, number] };
      }),
    }));
    const kept = this.keys.map((key, k) => ({ key, xs: this.inputs[k].subarray(0, n) })).filter(({ key }) => used.get(key[0]) !== false);
    // A count target's lowest quarter in settlements (its values are shares of its regions' settlements).
    const reached = (i: number) => (this.m.targets[i].count ? (x: number) => `at most ${Math.round(x * Math.max(1, this.targetSizes[i])).toLocaleString('en-US')} settlements` : undefined);
    const discovery = this.m.targets.map((t, i) => discover(t.id, t.label, kept.map((x) => x.key), kept.map((x) => x.xs), this.met[i].subarray(0, n), this.values[i].subarray(0, n), { reached: reached(i), weights: w }));
    return { runs: n, ...(w ? { effectiveRuns: ess } : {}), correlations, discovery };
  }
}

/** Whether the values are not all the same. */
const varied = (xs: Float64Array) => xs.some((x) => x !== xs[0]);

/** What drives the risk and what goes wrong together (RunResult.drivers). */
export interface DriversResult {
  /** Replications analysed: the run's first, up to DRIVER_SAMPLE. */
  runs: number;
  /** A conditioned run: the effective sample size (Kish) of those replications' weights; absent when unweighted. */
  effectiveRuns?: number;
  correlations: SensitivityResult['correlations'];
  discovery: DiscoveryBox[];
}
