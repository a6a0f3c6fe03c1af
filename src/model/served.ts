import type { SettlementTable } from './settlements.js';

/**
 * When settlement i got a technology that a mask counts: its own job's completion when its
 * own technology counts, its fallback job's when that one's does (fallbackTech holds
 * NO_FALLBACK, 255, when it has none; both fallback arrays are empty in a scenario without
 * a fallback policy), the earlier of the two; Infinity when neither. -1: before the start.
 *
 * @example servedAt(st, completion, fibreMask, fallbackDone, fallbackTech, i)   // a village whose fibre was cancelled and satellite came on day 400: Infinity for fibre
 */
export function servedAt(st: SettlementTable, completion: Float64Array, mask: Uint8Array, fallbackDone: Float64Array, fallbackTech: Uint8Array, i: number): number {
  let c = mask[st.tech[i]] ? completion[i] : Infinity;
  if (fallbackTech.length > 0) {
    const t = fallbackTech[i];
    if (t < mask.length && mask[t] && fallbackDone[i] < c) c = fallbackDone[i];
  }
  return c;
}

/** No fallback arrays (a scenario without a fallback policy). */
export const NO_FALLBACKS = { done: new Float64Array(0), tech: new Uint8Array(0) };

/**
 * When settlement i was connected by any of its jobs (its own, or its fallback's): the
 * earlier; Infinity when neither within the horizon, -1 before the start.
 *
 * @example connectedAt(outcome, i) === Infinity   // still unfinished at the horizon
 */
export function connectedAt(o: { completion: Float64Array; fallbackDone: Float64Array }, i: number): number {
  const c = o.completion[i];
  return o.fallbackDone.length > 0 && o.fallbackDone[i] < c ? o.fallbackDone[i] : c;
}
