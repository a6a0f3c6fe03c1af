import type { CompiledModel } from '../model/index.js';
import type { ConvergencePoint } from './analysis-result.js';
import { RowLayout } from './rows.js';
import { wilson } from './wilson.js';
import { r6 } from './round.js';


/**
 * Follows each target's estimate as replications arrive (in replication order) and keeps
 * it at roughly geometric checkpoints (10, 13, 16, 20, ... and the last), so the
 * convergence chart has a fixed, small number of points however long the run.
 */
export class ConvergenceTracker {
  private readonly met: Float64Array;
  private n = 0;
  private nextCheckpoint = 10;
  private readonly out: ConvergencePoint[] = [];
  private readonly layout: RowLayout;

  constructor(private readonly m: CompiledModel) {
    this.met = new Float64Array(m.targets.length);
    this.layout = RowLayout.of(m);
  }

  feed(rows: Float64Array, count: number): void {
    for (let r = 0; r < count; r++) {
      for (let t = 0; t < this.met.length; t++) this.met[t] += rows[r * this.layout.width + this.layout.met(t)];
      this.step();
    }
  }

  /** Feeds replications given as met flags, [replication * targets + target]. */
  feedMet(met: Uint8Array, count: number): void {
    const nT = this.met.length;
    for (let r = 0; r < count; r++) {
      for (let t = 0; t < nT; t++) this.met[t] += met[r * nT + t];
      this.step();
    }
  }

  /** Met flags of packed rows, for a shard's partial result. */
  static metOf(m: CompiledModel, rows: Float64Array, count: number): Uint8Array {
    const L = RowLayout.of(m), nT = m.targets.length;
    const out = new Uint8Array(count * nT);
    for (let r = 0; r < count; r++) for (let t = 0; t < nT; t++) out[r * nT + t] = rows[r * L.width + L.met(t)];
    return out;
  }

  private step(): void {
    this.n++;
    if (this.n >= this.nextCheckpoint) {
      this.record();
      this.nextCheckpoint = Math.max(this.n + 1, Math.round(this.nextCheckpoint * 1.25));
    }
  }

  /** The checkpoints so far, plus the current state if it is not one. */
  points(): ConvergencePoint[] {
    const last = this.out[this.out.length - 1];
    if (this.n > 0 && (!last || last.runs !== this.n)) this.record();
    return this.out.slice();
  }

  private record(): void {
    this.m.targets.forEach((t, k) => {
      const [lo, hi] = wilson(this.met[k], this.n);
      this.out.push({ runs: this.n, target: t.id, probability: r6(this.met[k] / this.n), ci95: [r6(lo), r6(hi)] });
    });
  }
}
