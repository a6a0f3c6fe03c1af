import { sampleRankCorrelation } from 'simple-statistics';
import { inputSummaryKeys, type CompiledModel } from '../model/index.js';
import type { DiscoveryBox, SensitivityResult } from './analysis-result.js';
import { ROW_FIXED, inputOffset, rowWidth } from './rows.js';
import { rowMet } from './row-fields.js';
import { discover } from './discovery/discover.js';
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
  /** Per target, 1 where the replication met it (for scenario discovery). */
  private readonly met: Uint8Array[];
  private n = 0;
  private readonly cap: number;

  /** `sample`: how many replications to keep at most (DRIVER_SAMPLE unless the caller needs all). */
  constructor(private readonly m: CompiledModel, runs: number, private readonly targetSizes: number[], sample = DRIVER_SAMPLE) {
    this.cap = Math.min(runs, sample);
    this.keys = inputSummaryKeys(m);
    this.inputs = this.keys.map(() => new Float64Array(this.cap));
    this.values = m.targets.map(() => new Float64Array(this.cap));
    this.met = m.targets.map(() => new Uint8Array(this.cap));
  }

  feed(rows: Float64Array, count: number): void {
    const w = rowWidth(this.m), io = inputOffset(this.m);
    for (let r = 0; r < count && this.n < this.cap; r++, this.n++) {
      const at = r * w;
      for (let k = 0; k < this.keys.length; k++) this.inputs[k][this.n] = rows[at + io + k];
      for (let t = 0; t < this.values.length; t++) this.values[t][this.n] = rows[at + ROW_FIXED + 3 * t + 2] / Math.max(1, this.targetSizes[t]);
      for (let t = 0; t < this.met.length; t++) this.met[t][this.n] = rowMet(rows, at, t);
    }
  }

  /**
   * Spearman correlations of each input that varied with each target's share at its
   * deadline, and what goes wrong together: per target, the PRIM box of drawn inputs that
   * characterises the futures that miss it (discovery/discover.ts).
   */
  result(): { runs: number; correlations: SensitivityResult['correlations']; discovery: DiscoveryBox[] } {
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
    const columns = this.inputs.map((x) => x.subarray(0, n));
    const discovery = this.m.targets.map((t, i) => discover(t.id, t.label, this.keys, columns, this.met[i].subarray(0, n)));
    return { runs: n, correlations, discovery };
  }
}
