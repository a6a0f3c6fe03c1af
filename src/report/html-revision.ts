import { essCollapsed, type Revision, type RunResult, type TargetRevision } from '../montecarlo/index.js';
import { escapeHtml as h, humanDate, int, pct, pts, ptsDigits, ptsShown, targetValue } from './format.js';

/**
 * A change and its interval as the comparison page writes them (pts, ptsDigits): a change of
 * nothing is '0 pts', not the '+0.0 pts' this section once wrote beside the comparison's
 * '0 pts' for the same thing. E.g. ['+12 pts', '+8 to +16']. The change is that of the two
 * chances as the row shows them (ptsShown): '1.5% → 0.7%' changes by '−0.8 pts', not by the
 * unrounded '−0.7' (nor, once, '2% → 0.7%, −0.8 pts').
 */
function changeText(c: { value: number; ci95: [number, number] }, before: number, after: number): [string, string] {
  const digits = ptsDigits(c.value, c.ci95);
  const bare = (x: number) => pts(x, digits).replace(' pts', '');
  return [ptsShown(before, after, digits), `${bare(c.ci95[0])} to ${bare(c.ci95[1])}`];
}

/** The date moved, in words: "78 days later", "4 days earlier", "unchanged"... or why there is no shift. */
export function dateShift(t: Pick<TargetRevision, 'dateShiftDays' | 'before' | 'after'>): string {
  if (t.dateShiftDays === null) {
    if (!t.before.dateReachedP50 && !t.after.dateReachedP50) return 'not reached in either';
    return t.after.dateReachedP50 ? 'now reached within the horizon' : 'no longer reached within the horizon';
  }
  const d = t.dateShiftDays;
  return d === 0 ? 'unchanged' : d > 0 ? `${int(d)} day${d === 1 ? '' : 's'} later` : `${int(-d)} day${d === -1 ? '' : 's'} earlier`;
}

/** Nothing differs in how the two were made and nothing moved: the same futures, the same answer. */
export function reproduces(r: Revision): boolean {
  return r.differs.length === 0 && r.targets.every((t) => t.change.value === 0 && t.readings.every((a) => a.change.value === 0)) && (r.joint === null || r.joint.change.value === 0);
}

/**
 * A change against simulation noise, in words: beyond it, within it — or, in a run that
 * reproduces the previous one, 'reproduced': no noise lies between two runs of the same
 * futures, so 'within the noise' would be true and misleading.
 */
export function noiseVerdict(r: Revision, c: { beyondNoise: boolean }): 'beyond simulation noise' | 'within simulation noise' | 'reproduced' {
  return reproduces(r) ? 'reproduced' : c.beyondNoise ? 'beyond simulation noise' : 'within simulation noise';
}

/**
 * Said first when the "previous" forecast starts after this one (Revision.starts): it was
 * made from a later status, so the comparison runs backwards — the usual slip is last
 * month's scenario run with this month's output as --previous — and every change reads
 * with its sign reversed. Null when the order is right (or cannot be told).
 */
export function orderWarning(r: Revision): string | null {
  if (!r.starts.previousIsLater) return null;
  const when = r.starts.previous !== null && r.starts.now !== null && r.starts.previous > r.starts.now ? ` (it starts on ${r.starts.previous}, this run on ${r.starts.now})` : '';
  return `The previous forecast is the later one${when}: it was made from a later status than this run, so this is not what moved since it. Were the two swapped? --previous names last month's output and the scenario is this month's; read as given, every change has its sign reversed.`;
}

const SAME_WAY = 'The two were made the same way (same scenario, observations, seed, replications and tool version)';

/**
 * What the printed revision and the report say below the changes: how the two runs were
 * made, and when "within simulation noise" must be read with care. The intervals treat the
 * two as independent runs; runs of the same seed share their random draws, so between them
 * the noise is smaller — and none at all when nothing else differs: the same futures give
 * the same answer, which is a reproduction, not a change that happened to fall in the noise.
 */
export function revisionSentences(r: Revision): string[] {
  const out = r.differs.length > 0 ? [`What differs in how the two were made: ${r.differs.join('; ')}.`]
    : reproduces(r) ? [`${SAME_WAY} and give the same answer: this run reproduces the previous one. Nothing moved, and no simulation noise lies between them (the same seed draws the same futures); the intervals say only how far two independent runs could differ.`]
      : [`${SAME_WAY}, yet the answer moved: not simulation noise (the same seed draws the same futures) but something summary.json does not record — a build of the tool under the same version number, or an edited file.`];
  if (r.differs.length > 0 && r.sameSeed) out.push(`Both runs used seed ${r.previous.seed}: their futures share random draws, so the noise between them is usually smaller than the intervals (which treat them as independent) — a change within the noise may still be real.`);
  const ess = r.previous.effectiveSampleSize;
  if (ess !== null && essCollapsed(ess, r.previous.runs)) {
    out.push(`The previous forecast's conditioning had collapsed (effective sample size ${ess.toFixed(1)} of ${int(r.previous.runs)} replications): it warned not to trust its conditioned numbers yet, and a change from them is no firmer; its side of each interval counts only the equivalent of ${int(ess)} future${int(ess) === '1' ? '' : 's'}.`);
  }
  return out;
}

/**
 * "Since the previous forecast" (rollout run --previous): each target's chance then and
 * now, the change with its interval and whether it is beyond simulation noise, the median
 * value at the deadline (a count target's in settlements) and date reached then and now,
 * each of its readings below it (no date: summary.json gives a reading none), and what
 * differs in how the two runs were made.
 */
export function revisionSection(result: RunResult): string {
  const r = result.revision;
  if (!r) return '';
  const chance = (a: { probability: number; ci95: [number, number] }) => `<td class="num">${h(pct(a.probability))}<span class="sub">${h(pct(a.ci95[0]))}–${h(pct(a.ci95[1]))}</span></td>`;
  const same = reproduces(r), order = orderWarning(r);
  const changed = (c: { change: { value: number; ci95: [number, number] }; beyondNoise: boolean }, before: number, after: number) => {
    const [text, interval] = changeText(c.change, before, after);
    return `<td class="num diff ${c.beyondNoise ? (c.change.value > 0 ? 'up' : 'down') : 'flat'}">${h(text)}<span class="sub">${h(interval)}${c.beyondNoise ? '' : same ? ': reproduced' : ': within the noise'}</span></td>`;
  };
  const value = (metric: string, a: { valueAtDeadlineP50: number }, b: { valueAtDeadlineP50: number }) => `<td class="num">${h(targetValue(metric, a.valueAtDeadlineP50))} → ${h(targetValue(metric, b.valueAtDeadlineP50))}</td>`;
  const rows = r.targets.flatMap((t) => [`<tr>
  <td><b>${h(t.label)}</b></td>
  ${chance(t.before)}
  ${chance(t.after)}
  ${changed(t, t.before.probability, t.after.probability)}
  ${value(t.metric, t.before, t.after)}
  <td class="num">${h(humanDate(t.before.dateReachedP50))} → ${h(humanDate(t.after.dateReachedP50))}<span class="sub">${h(dateShift(t))}</span></td>
</tr>`, ...t.readings.map((a) => `<tr class="reading">
  <td>read as: ${h(a.label)}</td>
  ${chance(a.before)}
  ${chance(a.after)}
  ${changed(a, a.before.probability, a.after.probability)}
  ${value(a.metric, a.before, a.after)}
  <td class="num">–</td>
</tr>`)]);
  if (r.joint) {
    const j = r.joint;
    rows.push(`<tr class="joint">
  <td><b>All targets together</b></td>
  <td class="num">${h(pct(j.before.value))}</td><td class="num">${h(pct(j.after.value))}</td>
  ${changed(j, j.before.value, j.after.value)}
  <td class="num">–</td><td class="num">–</td>
</tr>`);
  }
  const p = r.previous;
  const notes = [
    ...r.redefined.map((x) => `<li>Not compared: <code>${h(x.id)}</code> is defined differently now (${h(x.what)}).</li>`),
    ...(r.added.length > 0 ? [`<li>New since then: ${r.added.map((x) => `<code>${h(x)}</code>`).join(', ')}.</li>`] : []),
    ...(r.dropped.length > 0 ? [`<li>No longer there: ${r.dropped.map((x) => `<code>${h(x)}</code>`).join(', ')}.</li>`] : []),
  ];
  // The previous forecast is named by what it was, not by its file: the path as given on the
  // command line ('status1/summary.json') does not lead anywhere from the report's folder.
  return `<section id="revision">
<h2>Since the previous forecast</h2>
${order !== null ? `<p role="alert"><b>${h(order)}</b></p>
` : ''}<p>Compared with the previous forecast (the one given to <code>--previous</code>): scenario <b>${h(p.scenario.name)}</b>, ${h(int(p.runs))} futures, seed ${h(String(p.seed))}, rollout ${h(p.version)}${p.observations > 0 ? `, conditioned on ${h(int(p.observations))} observation${p.observations === 1 ? '' : 's'}${p.effectiveSampleSize !== null ? `, effective sample size ${h(p.effectiveSampleSize.toFixed(1))}` : ''}` : ''}.
${revisionSentences(r).map(h).join('\n')}</p>
<div class="scroll"><table class="answer">
<thead><tr><th>Target</th><th class="num">Then</th><th class="num">Now</th><th class="num">Change<span class="sub">95% interval</span></th><th class="num">Median value at the deadline<span class="sub">then → now</span></th><th class="num">Median date reached<span class="sub">then → now</span></th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
${notes.length > 0 ? `<ul>${notes.join('')}</ul>` : ''}
<p class="note">The change’s interval treats the two forecasts as independent samples of their futures (effective futures for a conditioned run): a change beyond it is more than simulation noise alone could give and comes from what differs above (a new status, new observations, a changed scenario); a change within it could be noise alone, but need not be (runs of the same seed share their random draws, and the noise between them is smaller). In <code>revision.json</code>.</p>
</section>`;
}
