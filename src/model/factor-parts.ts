import { distribution, stream, type Distribution } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import type { FactorsInput, ModelInput } from './input.js';

/**
 * Correlated uncertainty: each factor (productivity, cost overrun, permit delay) is the
 * product of a national part (drawn once per replication: `factors`), a regional part (one
 * draw per region per replication: a contractor's performance, `regionalFactors`) and a
 * yearly part (one draw per budget year per replication: a good or bad year, `yearlyFactors`).
 * Parts a scenario leaves out are 1, so a scenario without them has exactly the national
 * factors it always had.
 *
 * The regional draws of a region come from a stream keyed by the region's id, the yearly
 * draws of a year from one keyed by the year: adding a region or a year changes nobody
 * else's draws (common random numbers across options).
 *
 * @example FACTOR_KINDS[FACTOR.costOverrun] === 'costOverrun'
 */
export const FACTOR_KINDS = ['productivity', 'costOverrun', 'permitDelay'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];
export const FACTOR: Readonly<Record<FactorKind, number>> = { productivity: 0, costOverrun: 1, permitDelay: 2 };
const N_KINDS = FACTOR_KINDS.length;

/** What each factor multiplies, for labels. */
const NOUN: Readonly<Record<FactorKind, string>> = { productivity: 'productivity', costOverrun: 'cost overrun', permitDelay: 'permit delay' };
/** The region or year that is worst for the programme: the slowest (productivity), the dearest, the slowest permits. */
const WORST_IS_LOW: Readonly<Record<FactorKind, boolean>> = { productivity: true, costOverrun: false, permitDelay: false };

/** The smallest value a drawn factor takes (a productivity of 0 would never finish). */
const FLOOR: Readonly<Record<FactorKind, number>> = { productivity: 1e-6, costOverrun: 0, permitDelay: 0 };

export type FactorPart = 'regional' | 'yearly';

/** The distribution of a factor's part in a scenario (undefined: not given, 1). */
export function partSpec(input: ModelInput, part: FactorPart, kind: FactorKind) {
  return (part === 'regional' ? input.regionalFactors : input.yearlyFactors)?.[kind];
}

/**
 * The regional and yearly parts of the factors: compiled once per scenario, drawn for
 * every replication into arrays allocated once.
 */
export class FactorParts {
  /** Per kind, the regional and yearly distributions (null: the part is 1). */
  private readonly regionalDist: (Distribution | null)[];
  private readonly yearlyDist: (Distribution | null)[];
  /** This replication's regional parts [kind * regions + r] and yearly parts [kind * years + y]. */
  readonly regional: Float64Array;
  readonly yearly: Float64Array;
  readonly any: boolean;

  constructor(private readonly m: CompiledModel) {
    const dist = (f: FactorsInput | undefined, k: FactorKind) => (f?.[k] ? distribution(f[k]!) : null);
    this.regionalDist = FACTOR_KINDS.map((k) => dist(m.input.regionalFactors, k));
    this.yearlyDist = FACTOR_KINDS.map((k) => dist(m.input.yearlyFactors, k));
    this.regional = new Float64Array(N_KINDS * m.regionIds.length).fill(1);
    this.yearly = new Float64Array(N_KINDS * m.years).fill(1);
    this.any = this.regionalDist.some((d) => d !== null) || this.yearlyDist.some((d) => d !== null);
  }

  /** Draws replication `rep`'s parts (three uniforms per region and per year, whether used or not). */
  draw(seed: number, rep: number): void {
    if (!this.any) return;
    const { m } = this;
    const nR = m.regionIds.length, nY = m.years;
    if (this.regionalDist.some((d) => d !== null)) {
      for (let r = 0; r < nR; r++) {
        const u = stream(seed, rep, 'factors', 'region', m.regionIds[r]);
        for (let k = 0; k < N_KINDS; k++) {
          const p = u(), d = this.regionalDist[k];
          this.regional[k * nR + r] = d === null ? 1 : Math.max(FLOOR[FACTOR_KINDS[k]], d.quantile(p));
        }
      }
    }
    if (this.yearlyDist.some((d) => d !== null)) {
      for (let y = 0; y < nY; y++) {
        const u = stream(seed, rep, 'factors', 'year', m.firstYear + y);
        for (let k = 0; k < N_KINDS; k++) {
          const p = u(), d = this.yearlyDist[k];
          this.yearly[k * nY + y] = d === null ? 1 : Math.max(FLOOR[FACTOR_KINDS[k]], d.quantile(p));
        }
      }
    }
  }

  regionalOf(kind: number, r: number): number {
    return this.regional[kind * this.m.regionIds.length + r];
  }

  yearlyOf(kind: number, y: number): number {
    return this.yearly[kind * this.m.years + y];
  }

  /**
   * Each replication's parts in one number each, for drivers and sensitivity (see
   * factorPartKeys): per part given, the mean over regions (years) and the worst one.
   */
  summarise(out: Float64Array, at: number): void {
    const k = summariseParts(out, at, this.regionalDist, this.regional, this.m.regionIds.length);
    summariseParts(out, k, this.yearlyDist, this.yearly, this.m.years);
  }
}

/** Writes the mean and the worst value of each part that is given, from `at`; returns where it stopped. */
function summariseParts(out: Float64Array, at: number, dists: readonly (Distribution | null)[], values: Float64Array, count: number): number {
  let k = at;
  for (let kind = 0; kind < N_KINDS; kind++) {
    if (dists[kind] === null) continue;
    const low = WORST_IS_LOW[FACTOR_KINDS[kind]];
    let sum = 0, worst = values[kind * count];
    for (let i = 0; i < count; i++) {
      const v = values[kind * count + i];
      sum += v;
      if (low ? v < worst : v > worst) worst = v;
    }
    out[k++] = sum / count;
    out[k++] = worst;
  }
  return k;
}

/**
 * Names of the per-replication summaries of the factor parts a scenario gives, in the
 * order FactorParts.summarise writes them: [scenario path, label].
 *
 * @example factorPartKeys(input)   // [['regionalFactors.productivity.mean', 'Regional productivity factor, mean over regions'], ...]
 */
export function factorPartKeys(input: ModelInput): [string, string][] {
  const keys: [string, string][] = [];
  for (const part of ['regional', 'yearly'] as const) {
    const over = part === 'regional' ? 'regions' : 'years';
    for (const kind of FACTOR_KINDS) {
      if (!partSpec(input, part, kind)) continue;
      const name = `${part === 'regional' ? 'Regional' : 'Yearly'} ${NOUN[kind]} factor`;
      keys.push([`${part}Factors.${kind}.mean`, `${name}, mean over ${over}`]);
      keys.push([`${part}Factors.${kind}.worst`, `${name}, worst ${part === 'regional' ? 'region' : 'year'}`]);
    }
  }
  return keys;
}
