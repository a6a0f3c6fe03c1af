import type { RunResult, TargetRevision } from '../montecarlo/index.js';
import { escapeHtml as h, humanDate, int, pct, targetValue } from './format.js';

const points = (x: number) => `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(1)}`;

/** The date moved, in words: "+78 days", "4 days earlier"... or why there is no shift. */
export function dateShift(t: Pick<TargetRevision, 'dateShiftDays' | 'before' | 'after'>): string {
  if (t.dateShiftDays === null) {
    if (!t.before.dateReachedP50 && !t.after.dateReachedP50) return 'not reached in either';
    return t.after.dateReachedP50 ? 'now reached within the horizon' : 'no longer reached within the horizon';
  }
  const d = t.dateShiftDays;
  return d === 0 ? 'unchanged' : d > 0 ? `${int(d)} day${d === 1 ? '' : 's'} later` : `${int(-d)} day${d === -1 ? '' : 's'} earlier`;
}

/**
 * "Since the previous forecast" (rollout run --previous): each target's chance then and now,
 * the change with its interval and whether it is beyond simulation noise, the median share
 * and date reached then and now, and what differs in how the two runs were made.
 */
export function revisionSection(result: RunResult): string {
  const r = result.revision;
  if (!r) return '';
  const rows = r.targets.map((t) => `<tr>
  <td><b>${h(t.label)}</b></td>
  <td class="num">${h(pct(t.before.probability))}<span class="sub">${h(pct(t.before.ci95[0]))}–${h(pct(t.before.ci95[1]))}</span></td>
  <td class="num">${h(pct(t.after.probability))}<span class="sub">${h(pct(t.after.ci95[0]))}–${h(pct(t.after.ci95[1]))}</span></td>
  <td class="num diff ${t.beyondNoise ? (t.change.value > 0 ? 'up' : 'down') : 'flat'}">${h(points(t.change.value))} pts<span class="sub">${h(points(t.change.ci95[0]))} to ${h(points(t.change.ci95[1]))}${t.beyondNoise ? '' : ': within the noise'}</span></td>
  <td class="num">${h(targetValue(t.metric, t.before.valueAtDeadlineP50))} → ${h(targetValue(t.metric, t.after.valueAtDeadlineP50))}</td>
  <td class="num">${h(humanDate(t.before.dateReachedP50))} → ${h(humanDate(t.after.dateReachedP50))}<span class="sub">${h(dateShift(t))}</span></td>
</tr>`);
  if (r.joint) {
    const j = r.joint;
    rows.push(`<tr class="joint">
  <td><b>All targets together</b></td>
  <td class="num">${h(pct(j.before.value))}</td><td class="num">${h(pct(j.after.value))}</td>
  <td class="num diff ${j.beyondNoise ? (j.change.value > 0 ? 'up' : 'down') : 'flat'}">${h(points(j.change.value))} pts<span class="sub">${h(points(j.change.ci95[0]))} to ${h(points(j.change.ci95[1]))}${j.beyondNoise ? '' : ': within the noise'}</span></td>
  <td class="num">–</td><td class="num">–</td>
</tr>`);
  }
  const p = r.previous;
  const notes = [
    ...r.redefined.map((x) => `<li>Not compared: <code>${h(x.id)}</code> is defined differently now (${h(x.what)}).</li>`),
    ...(r.added.length > 0 ? [`<li>New since then: ${r.added.map((x) => `<code>${h(x)}</code>`).join(', ')}.</li>`] : []),
    ...(r.dropped.length > 0 ? [`<li>No longer a target: ${r.dropped.map((x) => `<code>${h(x)}</code>`).join(', ')}.</li>`] : []),
  ];
  return `<section id="revision">
<h2>Since the previous forecast</h2>
<p>Compared with <code>${h(p.file)}</code> (scenario <b>${h(p.scenario.name)}</b>, ${h(int(p.runs))} futures, seed ${h(String(p.seed))}${p.observations > 0 ? `, conditioned on ${h(int(p.observations))} observation${p.observations === 1 ? '' : 's'}` : ''}).
${r.differs.length > 0 ? `What differs in how the two were made: ${h(r.differs.join('; '))}.` : 'The two were made the same way (same scenario, seed, replications and tool version): nothing should have moved.'}</p>
<div class="scroll"><table class="answer">
<thead><tr><th>Target</th><th class="num">Then</th><th class="num">Now</th><th class="num">Change<span class="sub">95% interval</span></th><th class="num">Median value at the deadline<span class="sub">then → now</span></th><th class="num">Median date reached<span class="sub">then → now</span></th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
${notes.length > 0 ? `<ul>${notes.join('')}</ul>` : ''}
<p class="note">The change’s interval treats the two forecasts as independent samples of their futures (effective futures for a conditioned run), so it is the width simulation noise alone could give; a change within it needs no explanation, one beyond it comes from what differs above (a new status, new observations, a changed scenario). In <code>revision.json</code>.</p>
</section>`;
}
