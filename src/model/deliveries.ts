import type { CompiledModel } from './compile.js';
import { serviceTime } from './evaluate.js';
import type { SettlementTable } from './settlements.js';

/**
 * What one replication delivered in each calendar year: settlements added to the national
 * fibre series and to the national coverage series, counted by the date they got a service
 * the series counts (`done`: when each settlement got each service, [service * n + i]). This is the figure the delivery record speaks in ("600–750 villages a year at
 * the 2019–20 peak"; "+1,900 villages in 2026"), so it is what a forecast is set beside.
 *
 * Years are the run's budget years (CompiledModel.firstYear …): the first and last are
 * partial when the run starts or ends inside them. Settlements served before the start
 * (time -1) are not deliveries of the run.
 *
 * Layout of `out`: [kind * years + y], kind 0 = fibre, 1 = coverage.
 *
 * @example
 *   const out = new Int32Array(2 * m.years);
 *   deliveriesByYear(m, st, o.serviceDone, out);
 *   out[m.years + 1];   // settlements newly covered in the run's second calendar year
 */
export const DELIVERY_KINDS = ['fibre', 'coverage'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export function deliveriesByYear(m: CompiledModel, st: SettlementTable, done: Float64Array, out: Int32Array): Int32Array {
  out.fill(0);
  const fibre = m.series[m.seriesLayout.fibre], coverage = m.series[m.seriesLayout.coverage];
  const Y = m.years, yearStart = m.yearStartDays, n = st.n;
  /** The calendar year of day floor(c): the last year whose 1 January is on or before it. */
  const yearOf = (c: number) => {
    const d = Math.floor(c);
    let y = Y - 1;
    while (y > 0 && yearStart[y] > d) y--;
    return y;
  };
  for (let i = 0; i < n; i++) {
    const r = st.region[i];
    const f = serviceTime(done, n, fibre.services, i);
    if (f >= 0 && f !== Infinity && fibre.inRegion[r]) out[yearOf(f)]++;
    const c = serviceTime(done, n, coverage.services, i);
    if (c >= 0 && c !== Infinity && coverage.inRegion[r]) out[Y + yearOf(c)]++;
  }
  return out;
}
