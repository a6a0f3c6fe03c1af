import { hashUniform, type DistributionSpec } from '../engine/index.js';
import { FACTOR_DECLS, factorPartKeys, summaryFactorKinds } from './factor-parts.js';
import { capacityKeys } from './outside/capacity-growth.js';
import type { CompiledModel } from './compile.js';
import { financingSummaryKeys } from './financing/summary.js';
import type { ModelInput, Technology } from './input.js';
import type { RiskDraws } from './risks.js';
import type { SettlementTable } from './settlements.js';
import { TECH_CODE, TECH_NAMES } from './technologies.js';

/** One random input drawn per job (a counter-based draw from its settlement's uniform). */
export interface DrawDecl {
  /** The input's scenario path (sensitivity keys). */
  path: string;
  /** What sensitivity and the drivers chart call it. */
  label: string;
  /** The jobs that draw it; its mean draw is summarised over them. */
  tech: Technology;
  /** Its distribution in a scenario (undefined when the scenario has no such section). */
  spec: (input: ModelInput) => DistributionSpec | undefined;
  /** A cost: it can delay anything only where its programme's money is limited. */
  money?: boolean;
}

/**
 * Every per-job random input, declared once. A job's draw for an input is
 * `hashUniform(u, SLOT_COUNTER[slot], 0)` where u is its settlement's uniform and `slot` the
 * input's position here — so the same settlement gets the same design time, permit time,
 * productivity... in every option of a comparison. Append new inputs at the end: a slot
 * that moves changes every draw that uses it.
 *
 * @example DRAWS[SLOT['fibre.design']].label === 'Fibre survey and design time'
 */
export const DRAWS = [
  { path: 'fibre.design', label: 'Fibre survey and design time', tech: 'fibre', spec: (i) => i.fibre.design },
  { path: 'fibre.approval', label: 'Fibre right-of-way approval time', tech: 'fibre', spec: (i) => i.fibre.approval },
  { path: 'fibre.kmPerDay', label: 'Fibre crew productivity (km/day)', tech: 'fibre', spec: (i) => i.fibre.kmPerDay[i.fibre.method] },
  { path: 'fibre.costPerKm', label: 'Fibre cost per km', tech: 'fibre', spec: (i) => i.fibre.costPerKm[i.fibre.method], money: true },
  { path: 'fibre.nodeCost', label: 'Fibre node cost', tech: 'fibre', spec: (i) => i.fibre.nodeCost, money: true },
  { path: 'fibre.commissioning', label: 'Fibre commissioning time', tech: 'fibre', spec: (i) => i.fibre.commissioning },
  { path: 'satellite.procurement', label: 'Satellite procurement lead time', tech: 'satellite', spec: (i) => i.satellite?.procurement },
  { path: 'satellite.install', label: 'Satellite installation time', tech: 'satellite', spec: (i) => i.satellite?.install },
  { path: 'satellite.cost', label: 'Satellite cost', tech: 'satellite', spec: (i) => i.satellite?.cost, money: true },
  { path: 'mast.siteAllocation', label: 'Mast site allocation time', tech: 'mast', spec: (i) => i.mast?.siteAllocation },
  { path: 'mast.permit', label: 'Mast permit time', tech: 'mast', spec: (i) => i.mast?.permit },
  { path: 'mast.construction', label: 'Mast construction time', tech: 'mast', spec: (i) => i.mast?.construction },
  { path: 'mast.powerAndBackhaul', label: 'Mast power and backhaul time', tech: 'mast', spec: (i) => i.mast?.powerAndBackhaul },
  { path: 'mast.cost', label: 'Mast cost', tech: 'mast', spec: (i) => i.mast?.cost, money: true },
  { path: 'household.design', label: 'Household fibre design and grant time', tech: 'household', spec: (i) => i.household?.design },
  { path: 'household.work', label: 'Household fibre works (crew-days)', tech: 'household', spec: (i) => i.household?.work },
  { path: 'household.cost', label: 'Household fibre cost', tech: 'household', spec: (i) => i.household?.cost, money: true },
] as const satisfies readonly DrawDecl[];

export type DrawPath = (typeof DRAWS)[number]['path'];
/** Slot of each input: its position in DRAWS. */
export const SLOT = Object.fromEntries(DRAWS.map((d, k) => [d.path, k])) as Readonly<Record<DrawPath, number>>;
/**
 * The base of every office decision's draws (rejected or not, and the resubmission delay,
 * at each attempt); not an input of its own, so not summarised. Its position in a job's
 * uniforms is after every input.
 */
export const REJECTION_SLOT = DRAWS.length;

/**
 * The hash counter each slot draws with (`hashUniform(u, counter, 0)`): an input's position
 * in DRAWS for the fourteen inputs there were when office decisions got their base, which
 * took counter 14; inputs appended since take 15, 16... So no draw of an existing scenario
 * moves when an input is added, and no two slots of a settlement share a uniform.
 */
const LEGACY_INPUTS = 14;
export const SLOT_COUNTER: Int32Array = Int32Array.from({ length: DRAWS.length + 1 }, (_, slot) =>
  slot === REJECTION_SLOT ? LEGACY_INPUTS : slot < LEGACY_INPUTS ? slot : slot + 1);

/**
 * Names of ReplicationOutcome.inputSummary's entries: [scenario path, label]. National
 * factors and risk occurrences are the values drawn; per-job inputs are the mean uniform
 * drawn for them (higher = longer / larger values in this future); then the financing
 * draws (financingSummaryKeys: inflation, top-up policies), when the scenario has any.
 * The national factors are summaryFactorKinds' (the distance factor only when given).
 */
export function inputSummaryKeys(m: Pick<CompiledModel, 'input' | 'financing'>): [string, string][] {
  return [
    ...summaryFactorKinds(m.input).map((k): [string, string] => [`factors.${k}`, FACTOR_DECLS[k].label]),
    ...(m.input.risks ?? []).map((r): [string, string] => [`risks.${r.id}`, `Risk: ${r.label} (occurrences)`]),
    ...DRAWS.map((d): [string, string] => [d.path, d.label]),
    ['settlementDefaults.backboneKm', 'Mean distance to the backbone (km)'],
    ['settlementDefaults.population', 'Mean population of settlements to connect'],
    ...factorPartKeys(m.input),
    ...capacityKeys(m.input),
    ...financingSummaryKeys(m),
  ];
}

/** Slots each technology's jobs draw (their own inputs and the office decisions' base). */
export const SLOTS_OF_TECH: readonly Int32Array[] = TECH_NAMES.map((t) => Int32Array.from([
  ...DRAWS.flatMap((d, slot) => (d.tech === t ? [slot] : [])), REJECTION_SLOT,
]));
/** Uniforms kept per job: one per slot. */
export const N_SLOTS = DRAWS.length + 1;

/**
 * Fills job j's uniform for each slot its technology draws: jobU[j * N_SLOTS + slot] =
 * hashUniform(base, SLOT_COUNTER[slot], 0), where base is its settlement's (or motorway
 * mast's) uniform.
 */
export function fillJobUniforms(jobU: Float64Array, j: number, tech: number, base: number): void {
  const slots = SLOTS_OF_TECH[tech];
  for (let k = 0; k < slots.length; k++) jobU[j * N_SLOTS + slots[k]] = hashUniform(base, SLOT_COUNTER[slots[k]], 0);
}

/** Per slot, the code of the technology whose jobs draw it. */
const TECH_OF_SLOT: Int8Array = Int8Array.from(DRAWS, (d) => TECH_CODE[d.tech]);

/**
 * One replication's sampled inputs, one number each (see inputSummaryKeys), written into
 * `out`: the national factors, each risk's occurrences, then the mean uniform drawn for
 * each per-job input over the jobs that use it (a monotone stand-in for "this future had
 * slow permits / fast crews"), then the mean distance and population of the settlements
 * to connect.
 *
 * Each long loop is its own function. V8 compiles a loop that runs long on the first call
 * "on stack" (OSR) before the code after it has ever run; with that code in the same
 * function, the OSR code was thrown away at the first line after the loop in every
 * replication (`--trace-deopt`: 327 of 330), and the whole function ran unoptimised.
 */
export function summariseInputs(
  out: Float64Array, nRisks: number, st: SettlementTable, jobs: { tech: Uint8Array; n: number }, jobU: Float64Array,
  factors: ArrayLike<number>, risks: RiskDraws,
): Float64Array {
  out.fill(0);
  out.set(factors, 0);
  const nf = factors.length;
  // An indexed loop, not for-of: an iterator over a list that is usually empty made V8
  // throw away this function's optimised code in nearly every replication.
  const occurred = risks.occurred;
  for (let k = 0; k < occurred.length; k++) out[nf + occurred[k].risk]++;
  const at = nf + nRisks;
  const count = sumJobUniforms(out, at, jobs, jobU);
  for (let slot = 0; slot < TECH_OF_SLOT.length; slot++) {
    const c = count[TECH_OF_SLOT[slot]];
    out[at + slot] = c > 0 ? out[at + slot] / c : 0.5;
  }
  meanToConnect(out, at + DRAWS.length, st);
  return out;
}

/** Adds each job's uniform per input slot to out[at + slot] (one pass, in job order); returns the jobs per technology. */
function sumJobUniforms(out: Float64Array, at: number, jobs: { tech: Uint8Array; n: number }, jobU: Float64Array): Float64Array {
  const count = new Float64Array(TECH_NAMES.length);
  for (let j = 0; j < jobs.n; j++) {
    const t = jobs.tech[j];
    count[t]++;
    const slots = SLOTS_OF_TECH[t];
    for (let k = 0; k < slots.length - 1; k++) out[at + slots[k]] += jobU[j * N_SLOTS + slots[k]];
  }
  return count;
}

/** out[at], out[at + 1]: the mean distance to the backbone and population of the settlements not connected at the start. */
function meanToConnect(out: Float64Array, at: number, st: SettlementTable): void {
  let kmSum = 0, popSum = 0, todo = 0;
  for (let i = 0; i < st.n; i++) if (!st.connected[i]) { kmSum += st.backboneKm[i]; popSum += st.population[i]; todo++; }
  out[at] = todo > 0 ? kmSum / todo : 0;
  out[at + 1] = todo > 0 ? popSum / todo : 0;
}
