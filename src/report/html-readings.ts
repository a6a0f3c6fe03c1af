import type { ReadingDefinition, RunResult, TargetSummary } from '../montecarlo/result.js';
import { isWeighted } from '../montecarlo/observed-result.js';
import { SERVICES, servicesOfTechnologies } from '../model/services.js';
import { escapeHtml as h, humanDate, int, pct } from './format.js';

/** What a reading counts, in words: the services (any of them), or motorway km. */
export function whatCounts(t: ReadingDefinition, result: RunResult): string {
  if (t.metric === 'motorway-share') return 'motorway km covered by masts';
  const ids = t.metric === 'fibre-share' ? ['backbone-fibre'] : t.metric === 'coverage-share' ? servicesOfTechnologies(result.input.coverageTechnologies) : t.services ?? [];
  return ids.map((id) => SERVICES.find((s) => s.id === id)?.label ?? id).join(', or ');
}

/** What a share is taken over: the published count it names, or the modelled settlements of its regions. */
function takenOver(t: ReadingDefinition, result: RunResult): string {
  if (t.metric === 'motorway-share') return 'all motorway km';
  if (t.denominator !== undefined) return `${int(t.denominator)} (a published count)`;
  const regions = result.regions.filter((r) => !t.regions || t.regions.includes(r.id));
  const n = regions.reduce((sum, r) => sum + r.settlements, 0);
  return `${int(n)} settlements${t.regions ? ` in ${regions.map((r) => r.name).join(', ')}` : ''}`;
}

const threshold = (t: ReadingDefinition) => (t.metric === 'count' ? `${int(t.threshold)} settlements` : pct(t.threshold));
const value = (t: ReadingDefinition, x: number) => (t.metric === 'count' ? int(x) : pct(x));

/** One row of the table: a reading (the target as stated, or an alternative) and its answer. */
function row(target: TargetSummary, r: ReadingDefinition & { label: string; probability: number; ci95: [number, number]; valueAtDeadline: { p10: number; p50: number; p90: number } }, result: RunResult, first: boolean, span: number): string {
  const v = r.valueAtDeadline;
  const head = first ? `<td class="target" rowspan="${span}"><b>${h(target.label)}</b></td>\n  ` : '';
  return `<tr${first ? ' class="group-start"' : ''}>
  ${head}<td>${first ? '<b>As stated</b>' : h(r.label)}</td>
  <td>${h(whatCounts(r, result))}</td>
  <td class="num">${h(threshold(r))}</td>
  <td class="num">${h(takenOver(r, result))}</td>
  <td class="num">${h(humanDate(r.deadline))}</td>
  <td class="prob num">${h(pct(r.probability))}<span class="sub">${h(pct(r.ci95[0]))}–${h(pct(r.ci95[1]))}</span></td>
  <td class="num">${h(value(r, v.p10))} · <b>${h(value(r, v.p50))}</b> · ${h(value(r, v.p90))}</td>
</tr>`;
}

/**
 * The report's first table when a target carries alternative readings: "The answer depends
 * on how the target is read" — each target as stated and each of its readings side by side,
 * with what counts, the threshold, what the share is taken over, the deadline, the chance
 * and the value at the deadline. Empty when no target has readings.
 */
export function readingsSection(result: RunResult): string {
  const targets = result.summary.targets.filter((t) => (t.alternatives?.length ?? 0) > 0);
  if (targets.length === 0) return '';
  const groups = targets.map((t) => {
    const span = 1 + t.alternatives!.length;
    return [row(t, t, result, true, span), ...t.alternatives!.map((a) => row(t, a, result, false, span))].join('\n');
  });
  return `<section id="readings">
<h2>The answer depends on how the target is read</h2>
<div class="scroll"><table class="answer readings">
<thead><tr>
  <th>Target</th><th>Reading</th><th>What counts<span class="sub">any of these</span></th><th class="num">Threshold</th><th class="num">Taken over</th>
  <th class="num">Deadline</th><th class="num">Chance of meeting it<span class="sub">95% interval</span></th><th class="num">Value at the deadline<span class="sub">P10 · <b>P50</b> · P90</span></th>
</tr></thead>
<tbody>
${groups.join('\n')}
</tbody>
</table></div>
<p class="note">Every reading is counted in the same ${h(int(result.summary.runs))} simulated futures${isWeighted(result.summary) ? ' (weighted by the observations)' : ''}: the differences between the rows of a target are differences of definition, not of chance. Agree on the reading before quoting a probability. A share over a published count counts every modelled settlement and stops at 100%. The readings are the scenario's (<code>targets[].alternatives</code>); see scenarios/README.md, Targets.</p>
</section>`;
}
