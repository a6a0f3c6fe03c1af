import type { RunResult } from '../montecarlo/result.js';
import { isWeighted } from '../montecarlo/observed-result.js';
import { targetRule } from './charts/common.js';
import { escapeHtml as h, humanDate, int, pct, targetValue } from './format.js';
import { precisionSentence } from './precision.js';

/** The top of the report: the joint chance in one sentence, then a row per target. */
/** What the value at the deadline is, for the kinds of target in the table: 'a share of the settlements counted; a number of settlements for a count target; …'. */
function valueMeanings(targets: readonly { metric: string; denominator?: number }[]): string {
  const kinds = [
    targets.some((t) => t.metric !== 'count' && t.metric !== 'motorway-share' && t.denominator === undefined) && 'a share of the settlements it counts over',
    targets.some((t) => t.metric !== 'count' && t.metric !== 'motorway-share' && t.denominator !== undefined) && 'a share of its published count for a target with a denominator',
    targets.some((t) => t.metric === 'count') && 'a number of settlements for a count target',
    targets.some((t) => t.metric === 'motorway-share') && 'a share of the motorway km for a motorway target',
  ].filter((x): x is string => typeof x === 'string');
  return kinds.length > 0 ? kinds.join('; ') : 'a share of the settlements it counts over';
}

export function answerSection(result: RunResult): string {
  const s = result.summary;
  const stop = precisionSentence(result);
  const rows = s.targets
    .map((t) => {
      const dates = [t.dateReached.p50, t.dateReached.p80, t.dateReached.p90].map((d) => h(humanDate(d, 'not within horizon')));
      return `<tr>
  <td><b>${h(t.label)}</b><span class="sub">${h(targetRule(t, result.input.coverageTechnologies))}</span></td>
  <td class="num">${h(humanDate(t.deadline))}</td>
  <td class="prob num">${h(pct(t.probability))}<span class="sub">${h(pct(t.ci95[0]))}–${h(pct(t.ci95[1]))}</span></td>
  <td class="num">${dates.join('<br>')}</td>
  <td class="num">${h(targetValue(t.metric, t.valueAtDeadline.p10))} · <b>${h(targetValue(t.metric, t.valueAtDeadline.p50))}</b> · ${h(targetValue(t.metric, t.valueAtDeadline.p90))}</td>
</tr>`;
    })
    .join('\n');
  const joint = `<tr class="joint">
  <td>All targets together<span class="sub">every target met on time in the same simulated future</span></td>
  <td class="num">–</td>
  <td class="prob num">${h(pct(s.joint.probability))}<span class="sub">${h(pct(s.joint.ci95[0]))}–${h(pct(s.joint.ci95[1]))}</span></td>
  <td class="num">–</td><td class="num">–</td>
</tr>`;
  // A conditioned run draws no convergence chart (the run drops its points: they followed the
  // estimate before the observations weighed the futures, not the answer above). Said here,
  // where the chart would be pointed to, rather than leave its absence unexplained.
  const noConvergence = s.conditioning && s.conditioning.observations.length > 0 && !result.convergence?.length
    ? '<p class="note">No convergence chart: the futures are weighted by the observations only once all of them are simulated, so the estimate as it settled during the run was the unconditioned one, not the answer above.</p>\n'
    : '';
  return `<section id="answer">
<h2>The answer</h2>
<p class="headline">Chance of meeting ${s.targets.length > 1 ? 'all targets' : 'the target'}: <strong>${h(pct(s.joint.probability))}</strong> <span class="note">(95% interval ${h(pct(s.joint.ci95[0]))}–${h(pct(s.joint.ci95[1]))})</span></p>
<div class="scroll"><table class="answer">
<thead><tr>
  <th>Target</th><th class="num">Deadline</th><th class="num">Chance of meeting it<span class="sub">95% interval</span></th>
  <th class="num">Date reached<span class="sub">P50<br>P80<br>P90</span></th><th class="num">Value at the deadline<span class="sub">P10 · <b>P50</b> · P90</span></th>
</tr></thead>
<tbody>
${rows}
${joint}
</tbody>
</table></div>
<p class="note">Chance: the share of ${h(int(s.runs))} simulated futures in which the target is met by its deadline${isWeighted(s) ? ', each future weighted by how well it matches the observations (see “What the observations changed”)' : ''}; the interval is how precisely the simulation estimates that share (95% Wilson interval${isWeighted(s) ? ', at the effective sample size' : ''}). Date reached P80: in 8 out of 10 futures the target is met by that date (“not within horizon”: fewer than that are met before the simulation ends on ${h(humanDate(result.input.horizon))}). Value at the deadline: what the target measures, reached by the deadline in a poor (P10), typical (P50) and good (P90) future — ${h(valueMeanings(s.targets))}.</p>
${stop ? `<p class="note precision">${h(stop)}${result.convergence?.length ? ' The convergence chart below shows each estimate settling.' : ''}</p>\n` : ''}${noConvergence}</section>`;
}
