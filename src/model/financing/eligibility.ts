import { hashUniform } from '../../engine/index.js';
import type { JobTable } from '../jobs.js';
import type { SettlementTable } from '../settlements.js';
import type { CompiledFinancing, CompiledProgramme } from './programmes.js';

/**
 * Whether programme p pays for a job of technology `tech` in region `region` whose
 * settlement (`i`, -1 for a motorway mast) has `population` people, given the job's base
 * uniform `u` (its settlement's, or its motorway mast's, for this replication). A motorway
 * mast has no settlement: a population bound or a settlement list leaves it out.
 *
 * @example pays(grants, TECH_CODE.fibre, north, i, 300, u)   // true for a 300-person fibre village when grants pay below 350
 */
export function pays(p: CompiledProgramme, tech: number, region: number, i: number, population: number, u: number): boolean {
  if (p.pays[tech] !== 1) return false;
  if (p.regions !== null && p.regions[region] !== 1) return false;
  if (p.populationAtLeast === p.populationAtLeast && !(i >= 0 && population >= p.populationAtLeast)) return false;
  if (p.populationBelow === p.populationBelow && !(i >= 0 && population < p.populationBelow)) return false;
  if (p.settlements !== null && !(i >= 0 && p.settlements[i] === 1)) return false;
  return p.share >= 1 || hashUniform(u, p.shareKey, 0) < p.share;
}

/**
 * The first programme that pays for such a job (-1: none does); a budget section's
 * programme is the job's technology.
 *
 * @example programmeFor(m.financing, TECH_CODE.fibre, r, i, 600, u)   // 1: the operator, when grants pay only below 350 people
 */
export function programmeFor(f: CompiledFinancing, tech: number, region: number, i: number, population: number, u: number): number {
  if (f.legacy) return tech;
  const ps = f.programmes;
  for (let k = 0; k < ps.length; k++) if (pays(ps[k], tech, region, i, population, u)) return k;
  return -1;
}

/**
 * Gives every job of the replication its programme (into jobs.programme): the first, in
 * the scenario's order, that pays for its technology and for which the job is eligible;
 * -1 when none is (the job is unfunded). A mast job is judged by the first settlement it
 * serves. `u` and `uMotorway` are the replication's uniforms per settlement and motorway
 * mast; `share` draws come from them, so the same village is in a programme's share in
 * every option of a comparison.
 *
 * @example assignProgrammes(m.financing, st, jobs, u, uMw)   // jobs.programme[j] for every job
 */
export function assignProgrammes(f: CompiledFinancing, st: SettlementTable, jobs: JobTable, u: Float64Array, uMotorway: Float64Array): void {
  const { tech, programme, slotBase, region } = jobs;
  if (f.legacy) {
    for (let j = 0; j < jobs.n; j++) programme[j] = tech[j];
    return;
  }
  for (let j = 0; j < jobs.n; j++) {
    const b = slotBase[j];
    programme[j] = b >= 0
      ? programmeFor(f, tech[j], region[j], b, st.population[b], u[b])
      : programmeFor(f, tech[j], region[j], -1, NaN, uMotorway[-b - 1]);
  }
}
