import { DELIVERY_KINDS, deliveryKinds, type CompiledModel, type DeliveryKind, type DeliveryRecordEntry } from '../model/index.js';
import type { Aggregate } from './aggregate.js';
import { histogramQuantiles } from './histogram.js';
import type { DeliveriesSummary } from './result.js';
import { r6 } from './round.js';

/**
 * Settlements delivered in each calendar year of the run (national fibre and coverage, and
 * mobile where the scenario has a mobile series: deliveryKinds), as quantiles over the
 * replications: what the forecast says a year will add, in the units the delivery record
 * uses. `from`/`to` give the part of the year that was simulated (the first and last years
 * are partial when the run starts or ends inside them). With a delivery record of the
 * series (fibre, or mobile: its entries' `series`), each year of it also says how often it
 * passes the best year on record (`aboveRecord`).
 *
 * @example
 *   summarizeDeliveries(m, agg).find((d) => d.kind === 'fibre' && d.year === 2026)?.p50
 */
export function summarizeDeliveries(m: CompiledModel, agg: Aggregate): DeliveriesSummary[] {
  const L = agg.layout, runs = agg.runs;
  const out: DeliveriesSummary[] = [];
  const kinds = deliveryKinds(m);
  DELIVERY_KINDS.forEach((kind, k) => {
    if (!kinds.includes(kind)) return;
    const best = kind === 'coverage' ? null : bestOnRecord(m.input.deliveryRecord, kind)?.perYear!.max ?? null;
    const bins = L.deliverySizes[k] + 1;
    for (let y = 0; y < L.years; y++) {
      const at = agg.deliveryOffset(k, y);
      const [p10, p50, p90] = histogramQuantiles(agg.delivered, [0.1, 0.5, 0.9], at, bins);
      let sum = 0;
      for (let c = 0; c < bins; c++) sum += c * agg.delivered[at + c];
      const first = Math.max(0, m.yearStartDays[y]);
      const last = Math.min(m.horizonDays - 1, y + 1 < L.years ? m.yearStartDays[y + 1] - 1 : m.horizonDays - 1);
      let above = 0;
      if (best !== null) for (let c = Math.floor(best) + 1; c < bins; c++) above += agg.delivered[at + c];
      out.push({
        kind, year: m.firstYear + y, from: m.calendar.toIso(first), to: m.calendar.toIso(last),
        p10: Math.max(0, p10), p50: Math.max(0, p50), p90: Math.max(0, p90), mean: runs > 0 ? r6(sum / runs) : 0,
        ...(best !== null ? { aboveRecord: runs > 0 ? r6(above / runs) : 0 } : {}),
      });
    }
  });
  return out;
}

/**
 * The best year on record of a series (fibre unless given; an entry without `series` is
 * fibre): the delivered (not planned) entry with the fastest pace (`perYear.max`), the first
 * of equals; null when the record has none. What a forecast year is set against.
 *
 * @example bestOnRecord([{ kind: 'delivered', perYear: { min: 600, max: 750 }, ... }, { kind: 'plan', perYear: { min: 1900, max: 1900 }, ... }])   // the first
 */
export function bestOnRecord(record: readonly DeliveryRecordEntry[] | undefined, series: Exclude<DeliveryKind, 'coverage'> = 'fibre'): DeliveryRecordEntry | null {
  let best: DeliveryRecordEntry | null = null;
  for (const e of record ?? []) if (e.kind === 'delivered' && recordSeries(e) === series && e.perYear && (best === null || e.perYear.max > best.perYear!.max)) best = e;
  return best;
}

/**
 * The slowest year on record of a series (fibre unless given): the delivered entry with the
 * slowest pace (`perYear.min`), the first of equals; null when the record has none. A
 * forecast below it is slower than anything delivered before.
 *
 * @example slowestOnRecord([{ kind: 'delivered', perYear: { min: 600, max: 750 }, ... }, { kind: 'delivered', perYear: { min: 50, max: 250 }, ... }])   // the second
 */
export function slowestOnRecord(record: readonly DeliveryRecordEntry[] | undefined, series: Exclude<DeliveryKind, 'coverage'> = 'fibre'): DeliveryRecordEntry | null {
  let slowest: DeliveryRecordEntry | null = null;
  for (const e of record ?? []) if (e.kind === 'delivered' && recordSeries(e) === series && e.perYear && (slowest === null || e.perYear.min < slowest.perYear!.min)) slowest = e;
  return slowest;
}

/** The series a delivery record entry speaks of: its `series`, fibre when it names none. */
export function recordSeries(e: DeliveryRecordEntry): 'fibre' | 'mobile' {
  return e.series ?? 'fibre';
}

/**
 * Whether the run simulates the whole calendar year (1 January to 31 December): only then is
 * the year's count a year's pace to set beside the record's. A part of a year (a run that
 * starts from a status on 1 July) holds only what the run builds after its start, and
 * building is seasonal, so no share of a yearly pace stands for it either.
 */
export function wholeYear(d: Pick<DeliveriesSummary, 'from' | 'to'>): boolean {
  return d.from.endsWith('-01-01') && d.to.endsWith('-12-31');
}

/** Whether the run simulates at least half of a delivery year (a shorter part is not drawn beside the record). */
export function mostOfYear(d: Pick<DeliveriesSummary, 'from' | 'to'>): boolean {
  return (Date.parse(d.to) - Date.parse(d.from)) / 86_400_000 + 1 >= 182;
}

/** The calendar year of the run's last target deadline (-Infinity without targets): later years no target asks about. */
export function lastDeadlineYear(result: { summary: { targets: readonly { deadline: string }[] } }): number {
  return Math.max(...result.summary.targets.map((t) => Number(t.deadline.slice(0, 4))), -Infinity);
}
