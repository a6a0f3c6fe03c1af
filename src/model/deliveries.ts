import type { CompiledModel } from './compile.js';
import { serviceTime } from './evaluate.js';
import { SERVICE } from './services.js';
import type { SettlementTable } from './settlements.js';

/** What a year's deliveries are counted in: the national fibre, coverage and mobile series. */
export const DELIVERY_KINDS = ['fibre', 'coverage', 'mobile'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/**
 * The national series each delivery kind counts in (DELIVERY_KINDS order): -1 for mobile in
 * a scenario without a mobile series (no `services` section, so no masts for villages).
 *
 * @example deliverySeries(m)[0] === m.seriesLayout.fibre
 */
export function deliverySeries(m: CompiledModel): number[] {
  return DELIVERY_KINDS.map((k) => (k === 'fibre' ? m.seriesLayout.fibre : k === 'coverage' ? m.seriesLayout.coverage : m.seriesLayout.service[SERVICE.mobile]));
}

/**
 * The kinds a scenario delivers: fibre and coverage always, mobile when it has a national
 * mobile series (a `services` section: masts give villages mobile coverage).
 *
 * @example deliveryKinds(compileModel(baseline))   // ['fibre', 'coverage', 'mobile']
 */
export function deliveryKinds(m: CompiledModel): DeliveryKind[] {
  const series = deliverySeries(m);
  return DELIVERY_KINDS.filter((_, k) => series[k] >= 0);
}

/**
 * What one replication delivered in each calendar year: settlements added to the national
 * fibre series, to the national coverage series and (a scenario with `services`, whose masts
 * give villages mobile coverage) to the national mobile series, counted by the date they got
 * a service the series counts (`done`: when each settlement got each service, [service * n + i]).
 * This is the figure the delivery record speaks in ("600–750 villages a year at the 2019–20
 * peak"; "+1,900 villages in 2026"; "villages with 4G, 1,628 in Dec 2022 to 3,115 at the end
 * of 2025"), so it is what a forecast is set beside.
 *
 * Years are the run's budget years (CompiledModel.firstYear …): the first and last are
 * partial when the run starts or ends inside them. Settlements served before the start
 * (time -1) are not deliveries of the run.
 *
 * Layout of `out`: [kind * years + y], kind in DELIVERY_KINDS order (0 = fibre, 1 = coverage,
 * 2 = mobile: all 0 in a scenario without a mobile series, deliveryKinds).
 *
 * @example
 *   const out = new Int32Array(DELIVERY_KINDS.length * m.years);
 *   deliveriesByYear(m, st, o.serviceDone, out);
 *   out[m.years + 1];   // settlements newly covered in the run's second calendar year
 */
export function deliveriesByYear(m: CompiledModel, st: SettlementTable, done: Float64Array, out: Int32Array): Int32Array {
  out.fill(0);
  const Y = m.years, yearStart = m.yearStartDays, n = st.n;
  /** The calendar year of day floor(c): the last year whose 1 January is on or before it. */
  const yearOf = (c: number) => {
    const d = Math.floor(c);
    let y = Y - 1;
    while (y > 0 && yearStart[y] > d) y--;
    return y;
  };
  deliverySeries(m).forEach((at, k) => {
    if (at < 0) return;
    const { services, inRegion } = m.series[at];
    for (let i = 0; i < n; i++) {
      const c = serviceTime(done, n, services, i);
      if (c >= 0 && c !== Infinity && inRegion[st.region[i]]) out[k * Y + yearOf(c)]++;
    }
  });
  return out;
}
