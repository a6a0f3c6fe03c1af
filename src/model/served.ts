/**
 * When settlement i was connected by any of its jobs (its own, or its fallback's): the
 * earlier; Infinity when neither within the horizon, -1 before the start. (Which services
 * it got, and when, is `serviceDone`: a fallback's satellite terminal or mast counts there
 * like any job's.)
 *
 * @example connectedAt(outcome, i) === Infinity   // still unfinished at the horizon
 */
export function connectedAt(o: { completion: Float64Array; fallbackDone: Float64Array }, i: number): number {
  const c = o.completion[i];
  return o.fallbackDone.length > 0 && o.fallbackDone[i] < c ? o.fallbackDone[i] : c;
}
