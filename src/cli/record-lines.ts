import type { RunResult } from '../montecarlo/index.js';
import { bestOnRecord, lastDeadlineYear, mostOfYear, recordSeries, slowestOnRecord, wholeYear } from '../montecarlo/summarize-deliveries.js';
import { humanDate } from '../report/format.js';
import { pct } from './terminal.js';

/** How each series' deliveries are named on the terminal. */
const NOUN: Record<'fibre' | 'mobile', string> = { fibre: 'on fibre', mobile: 'with mobile coverage' };

/**
 * The forecast beside the delivery record, on the terminal: for each series the scenario has
 * a record of (fibre, mobile) and each year the run simulates for at least half its days up
 * to the last deadline, the villages this run delivers (P50, P10–P90), and where that stands
 * against the record: below its slowest year (even the P90), above its best year (in how many
 * futures), or within it. A year the run simulates only part of (from a mid-year status) is
 * shown with its dates and not judged (wholeYear). [] without a record. The report's "Against the delivery record"
 * says the same at length.
 *
 * @example recordLines(result)   // ['  Against the delivery record (villages a year: …', '    on fibre, 2026: 329 (179–579); record 50–750 a year', …]
 */
export function recordLines(r: RunResult): string[] {
  const record = r.input.deliveryRecord ?? [];
  const lastYear = lastDeadlineYear(r);
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const lines: string[] = [];
  for (const series of ['fibre', 'mobile'] as const) {
    if (!record.some((e) => recordSeries(e) === series)) continue;
    const best = bestOnRecord(record, series)?.perYear?.max ?? null, slowest = slowestOnRecord(record, series)?.perYear?.min ?? null;
    for (const d of r.summary.deliveries ?? []) {
      if (d.kind !== series || !mostOfYear(d) || d.year > lastYear) continue;
      if (!wholeYear(d)) {
        // Part of a year (a run from a mid-year status): what it builds in that part is no year's pace.
        lines.push(`    ${NOUN[series]}, ${d.year} (${humanDate(d.from)} – ${humanDate(d.to)} only): ${n(d.p50)} (${n(d.p10)}–${n(d.p90)}); part of a year, not set beside the record's yearly pace`);
        continue;
      }
      const head = `    ${NOUN[series]}, ${d.year}: ${n(d.p50)} (${n(d.p10)}–${n(d.p90)})`;
      if (slowest !== null && d.p90 < slowest) lines.push(`${head}: below every year on record (the slowest ${n(slowest)} a year), even the P90`);
      else if (best !== null && (d.aboveRecord ?? 0) > 0) lines.push(`${head}: above the best year on record (${n(best)}) in ${pct(d.aboveRecord!)} of futures`);
      else if (best !== null && slowest !== null) lines.push(`${head}; record ${slowest === best ? n(best) : `${n(slowest)}–${n(best)}`} a year`);
      else lines.push(head); // a record of plans alone: nothing delivered to set it beside
    }
  }
  return lines.length === 0 ? [] : ['  Against the delivery record (villages a year, this run\'s P50 and P10–P90; report.html says more):', ...lines];
}
