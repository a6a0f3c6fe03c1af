import type { RunResult } from '../montecarlo/result.js';
import { bestOnRecord } from '../montecarlo/summarize-deliveries.js';
import { escapeHtml as h, int, pct } from './format.js';
import { table } from './html-detail.js';

/**
 * The report's "Against the delivery record" section: the forecast for each year a plan
 * speaks of, beside the fastest pace ever achieved and the plan itself; then how past plans
 * fared against what they delivered (their optimism). '' when the scenario states no record.
 */
export function recordSection(result: RunResult): string {
  const record = result.input.deliveryRecord ?? [];
  if (record.length === 0) return '';
  const fibre = (result.summary.deliveries ?? []).filter((d) => d.kind === 'fibre');
  const bestEntry = bestOnRecord(record);
  const best = bestEntry === null ? null : bestEntry.perYear!.max;
  const lines = record.filter((e) => e.kind === 'plan' && e.perYear && e.year !== undefined).map((e) => {
    const f = fibre.find((d) => d.year === e.year);
    const plan = e.perYear!.max;
    const forecast = f ? `this run’s forecast for ${e.year} is <b>${h(int(f.p50))}</b> villages (P10 ${h(int(f.p10))}, P90 ${h(int(f.p90))})` : `this run does not simulate ${e.year}`;
    const vsBest = best !== null ? `; the fastest pace on record is ${h(int(best))} a year (${h(bestEntry!.label)})` : '';
    return `<li>${h(e.label)}: <b>${h(int(plan))}</b> villages in ${e.year} — ${forecast}${vsBest}. The plan is ${best !== null && best > 0 ? `<b>${h((plan / best).toFixed(1))}×</b> the best year ever achieved` : 'not comparable with a recorded pace'}.</li>`;
  });
  // Every simulated year the forecast passes the best year on record in some futures: how often (a pace never delivered before).
  const beyond = best === null ? [] : fibre.filter((d) => (d.aboveRecord ?? 0) > 0).map((d) =>
    `<li>${d.year}: in <b>${h(pct(d.aboveRecord!))}</b> of the simulated futures this run lays fibre to more than ${h(int(best))} villages in the year, more than in any year on record.</li>`);
  const beyondNote = beyond.length === 0 ? '' : `<h3>Beyond the record</h3>
<ul>${beyond.join('\n')}</ul>
<p class="note">A pace no year on record has reached rests on the scenario’s estimates of what can be mobilised (its crews under contract and how fast they come), not on a delivery: read those futures as the plan delivered, not as the record repeated.</p>`;
  const finished = record.filter((e) => e.planned !== undefined && e.delivered !== undefined);
  const optimism = finished.length === 0 ? '' : `<h3>How past plans fared</h3>
${table(['Plan', 'Promised', 'Delivered', 'Share delivered', 'Source'], finished.map((e) => [h(e.label), h(int(e.planned!)), h(int(e.delivered!)), h(e.planned! > 0 ? pct(e.delivered! / e.planned!) : '–'), h(e.source)]), (i) => i > 0 && i < 4)}`;
  return `<section id="record">
<h2>Against the delivery record</h2>
<p class="note">A forecast is judged against what has actually been delivered before, not against the plan: a plan is not evidence of delivery. The chart “${h('The forecast beside the delivery record')}” below sets this run’s yearly deliveries beside the record; every figure of the record is in the scenario file with its source.</p>
${lines.length > 0 ? `<ul>${lines.join('\n')}</ul>` : ''}
${beyondNote}
${optimism}
</section>`;
}
