import type { CompiledModel } from '../compile.js';
import type { TopUps } from '../outside/top-ups.js';
import { TECH_NAMES } from '../technologies.js';

/**
 * Names of the financing draws in a replication's input summary, after inputSummaryKeys'
 * own (none without inflation or top-ups): the inflation rate drawn, and for each
 * programme with a top-up policy whether this replication's government tops it up (1/0).
 *
 * @example financingSummaryKeys(m)   // [['inflation', 'Inflation (per year)'], ['financing.kt.topUp.probability', 'Top-up granted: ...']]
 */
export function financingSummaryKeys(m: Pick<CompiledModel, 'financing'>): [string, string][] {
  const keys: [string, string][] = [];
  if (m.financing.inflation !== null) keys.push(['inflation', 'Inflation (per year)']);
  for (const p of m.financing.programmes) if (p.topUp !== null) keys.push([`financing.${p.id}.topUp.probability`, `Top-up granted: ${p.label}`]);
  return keys;
}

/**
 * Writes the financing draws (financingSummaryKeys) into `out` from position `at`.
 *
 * @example summariseFinancing(m, o.inputSummary, at, 0.08, topUps)   // out[at] = 0.08, then 1/0 per top-up policy
 */
export function summariseFinancing(m: CompiledModel, out: Float64Array, at: number, inflation: number, topUps: TopUps | null): void {
  if (m.financing.inflation !== null) out[at++] = inflation;
  m.financing.programmes.forEach((p, k) => { if (p.topUp !== null) out[at++] = topUps!.willing[k]; });
}

/**
 * Technologies whose jobs some limited programme may pay for (a cost can then delay them).
 *
 * @example limitedTechnologies(m)   // Set { 'fibre' } for the baseline (satellite has no budget line)
 */
export function limitedTechnologies(m: CompiledModel): Set<string> {
  const out = new Set<string>();
  for (const p of m.financing.programmes) if (p.limited) TECH_NAMES.forEach((t, k) => { if (p.pays[k] === 1) out.add(t); });
  return out;
}
