import { sampleRankCorrelation } from 'simple-statistics';
import { inputSummaryKeys, type CompiledModel } from '../model/index.js';
import type { SensitivityResult } from './analysis-result.js';
import { RowLayout } from './rows.js';
import { r6 } from './round.js';

/** Replications kept for the rank correlations (bounded, so memory stays flat). */
export const DRIVER_SAMPLE = 20_000;

/**
 * What drives the risk in an ordinary run: keeps, for the first DRIVER_SAMPLE
 * replications (in replication order, so the answer does not depend on the worker count),
 * what each drew (national factors, risk occurrences, mean per-job draws) and the share
 * each target reached at its deadline, then gives their Spearman rank correlations.
 */
export class DriversTracker {
  private readonly keys: [string, string][];
  private readonly inputs: Float64Array[];
  private readonly values: Float64Array[];
  private n = 0;
  private readonly cap: number;

  /** `sample`: how many replications to keep at most (DRIVER_SAMPLE unless the caller needs all). */
  constructor(private readonly m: CompiledModel, runs: number, private readonly targetSizes: number[], sample = DRIVER_SAMPLE) {
    this.cap = Math.min(runs, sample);
    this.keys = inputSummaryKeys(m);
    this.inputs = this.keys.map(() => new Float64Array(this.cap));
    this.values = m.targets.map(() => new Float64Array(this.cap));
  }

  feed(rows: Float64Array, count: number): void {
    const L = RowLayout.of(this.m);
    for (let r = 0; r < count && this.n < this.cap; r++, this.n++) {
      const at = r * L.width;
      for (let k = 0; k < this.keys.length; k++) this.inputs[k][this.n] = rows[at + L.input(k)];
      for (let t = 0; t < this.values.length; t++) this.values[t][this.n] = rows[at + L.countAtDeadline(t)] / Math.max(1, this.targetSizes[t]);
    }
  }

  /** Spearman correlations of each input that varied with each target's share at its deadline. */
  result(): { runs: number; correlations: SensitivityResult['correlations'] } {
    const n = this.n;
    const correlations = this.keys
      .map(([input, label], k) => ({ input, label, xs: this.inputs[k].subarray(0, n) }))
      .filter(({ xs }) => n > 2 && xs.some((x) => x !== xs[0]))
      .map(({ input, label, xs }) => ({
        input, label,
        targets: this.m.targets.map((t, i) => {
          const ys = this.values[i].subarray(0, n);
          const flat = ys.every((y) => y === ys[0]);
          return { id: t.id, spearman: flat ? 0 : r6(sampleRankCorrelation(Array.from(xs), Array.from(ys))) };
        }),
      }));
    return { runs: n, correlations };
  }
}
