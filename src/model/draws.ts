import type { CompiledModel } from './compile.js';
import type { RiskDraws } from './risks.js';
import type { SettlementTable } from './settlements.js';
import { K_FIBRE, K_MAST, K_SAT } from './jobs.js';

/** The inputs drawn for each job (counter-based draws from its settlement's uniform). */
export const S_DESIGN = 0, S_APPROVAL = 1, S_KMPERDAY = 2, S_COSTPERKM = 3, S_NODECOST = 4, S_COMMISSION = 5,
  S_SAT_PROCURE = 6, S_SAT_INSTALL = 7, S_SAT_COST = 8, S_MAST_SITE = 9, S_MAST_PERMIT = 10,
  S_MAST_BUILD = 11, S_MAST_POWER = 12, S_MAST_COST = 13, S_REJECT = 14;

/** Per-job inputs summarised per replication for sensitivity: [slot, job kind, scenario path, label]. */
const SUMMARY_SLOTS: [number, number, string, string][] = [
  [S_DESIGN, K_FIBRE, 'fibre.design', 'Fibre survey and design time'],
  [S_APPROVAL, K_FIBRE, 'fibre.approval', 'Fibre right-of-way approval time'],
  [S_KMPERDAY, K_FIBRE, 'fibre.kmPerDay', 'Fibre crew productivity (km/day)'],
  [S_COSTPERKM, K_FIBRE, 'fibre.costPerKm', 'Fibre cost per km'],
  [S_NODECOST, K_FIBRE, 'fibre.nodeCost', 'Fibre node cost'],
  [S_COMMISSION, K_FIBRE, 'fibre.commissioning', 'Fibre commissioning time'],
  [S_SAT_PROCURE, K_SAT, 'satellite.procurement', 'Satellite procurement lead time'],
  [S_SAT_INSTALL, K_SAT, 'satellite.install', 'Satellite installation time'],
  [S_SAT_COST, K_SAT, 'satellite.cost', 'Satellite cost'],
  [S_MAST_SITE, K_MAST, 'mast.siteAllocation', 'Mast site allocation time'],
  [S_MAST_PERMIT, K_MAST, 'mast.permit', 'Mast permit time'],
  [S_MAST_BUILD, K_MAST, 'mast.construction', 'Mast construction time'],
  [S_MAST_POWER, K_MAST, 'mast.powerAndBackhaul', 'Mast power and backhaul time'],
  [S_MAST_COST, K_MAST, 'mast.cost', 'Mast cost'],
];

/**
 * Names of ReplicationOutcome.inputSummary's entries: [scenario path, label]. National
 * factors and risk occurrences are the values drawn; per-job inputs are the mean uniform
 * drawn for them (higher = longer / larger values in this future).
 */
export function inputSummaryKeys(m: CompiledModel): [string, string][] {
  return [
    ['factors.productivity', 'National productivity factor'],
    ['factors.costOverrun', 'National cost overrun factor'],
    ['factors.permitDelay', 'National permit delay factor'],
    ...(m.input.risks ?? []).map((r): [string, string] => [`risks.${r.id}`, `Risk: ${r.label} (occurrences)`]),
    ...SUMMARY_SLOTS.map(([, , path, label]): [string, string] => [path, label]),
    ['settlementDefaults.backboneKm', 'Mean distance to the backbone (km)'],
    ['settlementDefaults.population', 'Mean population of settlements to connect'],
  ];
}

/**
 * One replication's sampled inputs, one number each (see inputSummaryKeys): the national
 * factors, each risk's occurrences, then the mean uniform drawn for each per-job input
 * over the jobs that use it (a monotone stand-in for "this future had slow permits / fast
 * crews"), then the mean distance and population of the settlements to connect.
 */
export function summariseInputs(
  m: CompiledModel, st: SettlementTable, jobs: { kind: Uint8Array; n: number },
  uOf: (job: number, slot: number) => number, factors: [number, number, number], risks: RiskDraws,
): Float64Array {
  const nRisks = m.input.risks?.length ?? 0;
  const out = new Float64Array(3 + nRisks + SUMMARY_SLOTS.length + 2);
  out.set(factors, 0);
  for (const o of risks.occurred) out[3 + o.risk]++;
  SUMMARY_SLOTS.forEach(([slot, kind], k) => {
    let sum = 0, count = 0;
    for (let j = 0; j < jobs.n; j++) if (jobs.kind[j] === kind) { sum += uOf(j, slot); count++; }
    out[3 + nRisks + k] = count > 0 ? sum / count : 0.5;
  });
  let kmSum = 0, popSum = 0, todo = 0;
  for (let i = 0; i < st.n; i++) if (!st.connected[i]) { kmSum += st.backboneKm[i]; popSum += st.population[i]; todo++; }
  out[3 + nRisks + SUMMARY_SLOTS.length] = todo > 0 ? kmSum / todo : 0;
  out[3 + nRisks + SUMMARY_SLOTS.length + 1] = todo > 0 ? popSum / todo : 0;
  return out;
}
