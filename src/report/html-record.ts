import type { DeliveriesSummary, RunResult } from '../montecarlo/result.js';
import { bestOnRecord, lastDeadlineYear, recordSeries, slowestOnRecord, wholeYear } from '../montecarlo/summarize-deliveries.js';
import { escapeHtml as h, humanDate, int, pct } from './format.js';
import { table } from './html-detail.js';
import { hasRecord } from './charts/delivery-record.js';

/** The part of a year a run simulates, in words: 'from 1 Jul 2026 to 31 Dec 2026'. */
function part(d: Pick<DeliveriesSummary, 'from' | 'to'>): string {
  return `from ${humanDate(d.from)} to ${humanDate(d.to)}`;
}

/**
 * The report's "Against the delivery record" section: the forecast for each year a plan
 * speaks of, beside the fastest pace ever achieved and the plan itself; then how past plans
 * fared against what they delivered (their optimism). '' when the scenario states no record.
 */
export function recordSection(result: RunResult): string {
  const record = result.input.deliveryRecord ?? [];
  if (record.length === 0) return '';
  const lines: string[] = [], beyond: string[] = [], below: string[] = [];
  const lastYear = lastDeadlineYear(result);
  // Both series drawn: the page then has the mobile chart too.
  const two = hasRecord(result, 'mobile');
  for (const series of ['fibre', 'mobile'] as const) {
    const forecast = (result.summary.deliveries ?? []).filter((d) => d.kind === series);
    const bestEntry = bestOnRecord(record, series);
    const best = bestEntry === null ? null : bestEntry.perYear!.max;
    const what = series === 'fibre' ? 'villages' : 'villages gaining mobile coverage';
    for (const e of record) {
      if (recordSeries(e) !== series || e.kind !== 'plan' || !e.perYear || e.year === undefined) continue;
      const f = forecast.find((d) => d.year === e.year);
      const plan = e.perYear.max;
      const said = f && !wholeYear(f)
        ? `this run simulates ${e.year} only ${h(part(f))} (it starts there: what was built before is in its start), and forecasts <b>${h(int(f.p50))}</b> ${what} in that part (P10 ${h(int(f.p10))}, P90 ${h(int(f.p90))}), not the year’s`
        : f ? `this run’s forecast for ${e.year} is <b>${h(int(f.p50))}</b> ${what} (P10 ${h(int(f.p10))}, P90 ${h(int(f.p90))})` : forecast.length === 0 && series === 'mobile' ? 'this run gives no village mobile coverage' : `this run does not simulate ${e.year}`;
      const vsBest = best !== null ? `; the fastest pace on record is ${h(int(best))} a year (${h(bestEntry!.label)})` : '';
      lines.push(`<li>${h(e.label)}: <b>${h(int(plan))}</b> ${what} in ${e.year} — ${said}${vsBest}. The plan is ${best !== null && best > 0 ? `<b>${h((plan / best).toFixed(1))}×</b> the best year ever achieved` : 'not comparable with a recorded pace'}.</li>`);
    }
    // Every whole year simulated whose P90 stays below the slowest pace on record: a forecast slower than any delivery (part of a year is no year's pace).
    const slowest = slowestOnRecord(record, series);
    if (slowest !== null) {
      const doing = series === 'fibre' ? 'villages connected to fibre' : 'villages gaining mobile coverage';
      for (const d of forecast) {
        // Years after the last deadline are left out: the work may be running out there, which is no pace.
        if (!wholeYear(d) || d.year > lastYear || !(d.p90 < slowest.perYear!.min)) continue;
        below.push(`<li>${d.year}: even this run’s P90, <b>${h(int(d.p90))}</b> ${doing}, is below the slowest pace on record, ${h(int(slowest.perYear!.min))} a year (${h(slowest.label)}).</li>`);
      }
    }
    // Every simulated year the forecast passes the best year on record in some futures: how often (a pace never delivered before).
    if (best !== null) {
      const doing = series === 'fibre' ? `lays fibre to more than ${h(int(best))} villages` : `gives more than ${h(int(best))} villages mobile coverage`;
      for (const d of forecast) if ((d.aboveRecord ?? 0) > 0) beyond.push(`<li>${d.year}: in <b>${h(pct(d.aboveRecord!))}</b> of the simulated futures this run ${doing} ${wholeYear(d) ? 'in the year' : h(part(d))}, more than in any year on record.</li>`);
    }
  }
  const beyondNote = beyond.length === 0 ? '' : `<h3>Beyond the record</h3>
<ul>${beyond.join('\n')}</ul>
<p class="note">A pace no year on record has reached rests on the scenario’s estimates of what can be mobilised (its crews under contract and how fast they come), not on a delivery: read those futures as the plan delivered, not as the record repeated.</p>`;
  const belowNote = below.length === 0 ? '' : `<h3>Below the record</h3>
<ul>${below.join('\n')}</ul>
<p class="note">A forecast slower than every year on record rests on the scenario’s estimates of what binds (for masts, the permit offices’ files at once and their times; for fibre, its crews and approvals), not on a delivery: check those estimates against the record before reading the targets that depend on them. A record may also count more than the model builds (upgraded sites beside new masts): its source says.</p>`;
  const finished = record.filter((e) => e.planned !== undefined && e.delivered !== undefined);
  const optimism = finished.length === 0 ? '' : `<h3>How past plans fared</h3>
${table(['Plan', 'Promised', 'Delivered', 'Share delivered', 'Source'], finished.map((e) => [h(e.label), h(int(e.planned!)), h(int(e.delivered!)), h(e.planned! > 0 ? pct(e.delivered! / e.planned!) : '–'), h(e.source)]), (i) => i > 0 && i < 4)}`;
  return `<section id="record">
<h2>Against the delivery record</h2>
<p class="note">A forecast is judged against what has actually been delivered before, not against the plan: a plan is not evidence of delivery. ${two ? `The charts “${h('The forecast beside the delivery record')}” below set this run’s yearly deliveries beside the record (villages connected to fibre, and villages gaining mobile coverage from masts, each beside its own)` : `The chart “${h('The forecast beside the delivery record')}” below sets this run’s yearly deliveries beside the record`}; every figure of the record is in the scenario file with its source.</p>
${lines.length > 0 ? `<ul>${lines.join('\n')}</ul>` : ''}
${beyondNote}
${belowNote}
${optimism}
</section>`;
}
