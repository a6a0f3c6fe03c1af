import { distribution, stream, type Distribution } from '../engine/index.js';
import type { CompiledModel } from './compile.js';
import type { ModelInput } from './input.js';
import { FACTOR, FACTOR_DECLS, FACTOR_KINDS, type FactorKind } from './factor-kinds.js';

export { FACTOR, FACTOR_DECLS, FACTOR_KINDS, type FactorKind };

/**
 * Correlated uncertainty: each factor (productivity, cost overrun, permit delay, distance) is the
 * product of a national part (drawn once per replication: `factors`), a regional part (one
 * draw per region per replication: a contractor's performance, `regionalFactors`) and a
 * yearly part (one draw per budget year per replication: a good or bad year, `yearlyFactors`).
 * Parts a scenario leaves out are 1, so a scenario without them has exactly the national
 * factors it always had. The distance factor has no yearly part: it multiplies the km of
 * every fibre line, which is as long in every year.
 *
 * The regional draws of a region come from a stream keyed by the region's id, the yearly
 * draws of a year from one keyed by the year: adding a region or a year changes nobody
 * else's draws (common random numbers across options).
 */
const N_KINDS = FACTOR_KINDS.length;

/**
 * The national factors a replication's input summary (and runs.csv) shows, in order: the
 * first three always (1 when the scenario leaves one out, as they always were), the
 * distance factor only when the scenario gives it a national part — so adding it changed
 * no other scenario's columns.
 *
 * @example summaryFactorKinds({ factors: { distance: { dist: 'lognormal', median: 1, sigma: 0.2 } } })   // [..., 'distance']
 */
export function summaryFactorKinds(input: Pick<ModelInput, 'factors'>): FactorKind[] {
  // A prefix of FACTOR_KINDS (the distance factor is the last kind), so the summary's values are the first of the national factors by FACTOR code.
  return input.factors?.distance ? [...FACTOR_KINDS] : FACTOR_KINDS.filter((k) => k !== 'distance');
}

export type FactorPart = 'regional' | 'yearly';

/**
 * The distribution of a factor's part in a scenario (undefined: not given, 1). A yearly
 * part of a kind that has none (the distance: the schema refuses it in a file) is 1 too,
 * so an input built in code cannot give one either.
 */
export function partSpec(input: ModelInput, part: FactorPart, kind: FactorKind) {
  if (part === 'yearly' && !FACTOR_DECLS[kind].yearly) return undefined;
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
    const dist = (part: FactorPart, k: FactorKind) => {
      const spec = partSpec(m.input, part, k);
      return spec ? distribution(spec) : null;
    };
    this.regionalDist = FACTOR_KINDS.map((k) => dist('regional', k));
    this.yearlyDist = FACTOR_KINDS.map((k) => dist('yearly', k));
    this.regional = new Float64Array(N_KINDS * m.regionIds.length).fill(1);
    this.yearly = new Float64Array(N_KINDS * m.years).fill(1);
    this.any = this.regionalDist.some((d) => d !== null) || this.yearlyDist.some((d) => d !== null);
  }

  /**
   * Draws replication `rep`'s parts: one uniform per kind from each region's and each year's
   * stream, whether used or not, in FACTOR_KINDS order (a kind appended later draws after
   * the others, so it moved no earlier draw).
   */
  draw(seed: number, rep: number): void {
    if (!this.any) return;
    const { m } = this;
    const nR = m.regionIds.length, nY = m.years;
    if (this.regionalDist.some((d) => d !== null)) {
      for (let r = 0; r < nR; r++) {
        const u = stream(seed, rep, 'factors', 'region', m.regionIds[r]);
        for (let k = 0; k < N_KINDS; k++) {
          const p = u(), d = this.regionalDist[k];
          this.regional[k * nR + r] = d === null ? 1 : Math.max(FACTOR_DECLS[FACTOR_KINDS[k]].floor, d.quantile(p));
        }
      }
    }
    if (this.yearlyDist.some((d) => d !== null)) {
      for (let y = 0; y < nY; y++) {
        const u = stream(seed, rep, 'factors', 'year', m.firstYear + y);
        for (let k = 0; k < N_KINDS; k++) {
          const p = u(), d = this.yearlyDist[k];
          this.yearly[k * nY + y] = d === null ? 1 : Math.max(FACTOR_DECLS[FACTOR_KINDS[k]].floor, d.quantile(p));
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
    const low = FACTOR_DECLS[FACTOR_KINDS[kind]].worstIsLow;
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
      const name = `${part === 'regional' ? 'Regional' : 'Yearly'} ${FACTOR_DECLS[kind].noun} factor`;
      keys.push([`${part}Factors.${kind}.mean`, `${name}, mean over ${over}`]);
      keys.push([`${part}Factors.${kind}.worst`, `${name}, worst ${part === 'regional' ? 'region' : 'year'}`]);
    }
  }
  return keys;
}
