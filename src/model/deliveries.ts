import type { CompiledModel } from './compile.js';
import type { SettlementTable } from './settlements.js';

/**
 * What one replication delivered in each calendar year: settlements added to the national
 * fibre series and to the national coverage series, counted by the date they were
 * connected. This is the figure the delivery record speaks in ("600–750 villages a year at
 * the 2019–20 peak"; "+1,900 villages in 2026"), so it is what a forecast is set beside.
 *
 * Years are the run's budget years (CompiledModel.firstYear …): the first and last are
 * partial when the run starts or ends inside them. Settlements connected before the start
 * (completion -1) are not deliveries of the run.
 *
 * Layout of `out`: [kind * years + y], kind 0 = fibre, 1 = coverage.
 *
 * @example
 *   const out = new Int32Array(2 * m.years);
 *   deliveriesByYear(m, st, completion, out);
 *   out[m.years + 1];   // settlements newly covered in the run's second calendar year
 */
export const DELIVERY_KINDS = ['fibre', 'coverage'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export function deliveriesByYear(m: CompiledModel, st: SettlementTable, completion: Float64Array, out: Int32Array): Int32Array {
  out.fill(0);
  const fibre = m.series[m.seriesLayout.fibre], coverage = m.series[m.seriesLayout.coverage];
  const Y = m.years, yearStart = m.yearStartDays;
  for (let i = 0; i < st.n; i++) {
    const c = completion[i];
    if (!(c >= 0) || c === Infinity) continue;
    // The calendar year of day floor(c): the last year whose 1 January is on or before it.
    const d = Math.floor(c);
    let y = Y - 1;
    while (y > 0 && yearStart[y] > d) y--;
    const r = st.region[i], tech = st.tech[i];
    if (fibre.inRegion[r] && fibre.techCounts[tech]) out[y]++;
    if (coverage.inRegion[r] && coverage.techCounts[tech]) out[Y + y]++;
  }
  return out;
}
