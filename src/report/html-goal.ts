import type { GoalResult } from '../montecarlo/analysis-result.js';
import type { ChartFile } from './build-charts.js';
import { escapeHtml as h, humanDate, int, pct, pctTenth } from './format.js';
import { chartFigure, htmlPage, runDateRow, scenarioRows } from './html-page.js';
import { ANALYSIS_CSS } from './html-style.js';
import { analysisConditioningNote, OBSERVED_CSS } from './html-observed.js';

/** The command that asks the same question again. */
export function goalCommand(g: GoalResult): string {
  // The step decides a budget or path lever's candidates as much as the range does.
  const range = `--range ${g.lever.range[0]}:${g.lever.range[1]}${g.lever.step !== null ? ` --step ${+g.lever.step.toPrecision(12)}` : ''}`;
  return `rollout goal ${g.scenario.file} --target ${g.target.id} --probability ${g.probability} --lever ${g.lever.id} ${range} --runs ${g.runsPerCandidate.first} --max-runs ${g.runsPerCandidate.max} --seed ${g.seed}${g.conditioning ? ` --observed ${g.conditioning.file}` : ''}`;
}

/**
 * How far the whole range moves the share reached, as goal.json's sentence and the terminal
 * say it: ', against 74.0% at 0.5' (over the same futures: the search runs the two ends on as
 * many). Without it the page's 79.3% had nothing to be read against. '' when there is no low
 * end to set it beside.
 */
function lowEndText(g: GoalResult): string {
  const low = g.lowEnd;
  return low ? `, against ${h(pctTenth(low.meanReached))} at ${h(String(low.value))}` : '';
}

/** What a built-in multiplier lever multiplies, as a sentence names it. */
const MULTIPLIED: Record<string, string> = {
  'fibre-crews': 'the fibre crews of every region',
  budget: 'every appropriation',
  offices: 'the capacity of every approval office',
};

/** What a multiplier lever multiplies, as a sentence names it (its label lowercased where there is no better word). */
const multiplied = (lever: GoalResult['lever']): string => MULTIPLIED[lever.id] ?? lever.label.replace(/\s*\(×\)$/, '').replace(/^./, (c) => c.toLowerCase());

/**
 * The question the page answers, in words: 'the smallest factor to multiply every
 * appropriation by (1 = as the scenario has it)', or for a path lever 'the least value of
 * the scenario's <code>fibre.approvalOffice.capacity</code>' — HTML. The lever's label
 * lowercased ("the least every appropriation (×)") was no sentence.
 */
export function leverQuestion(lever: GoalResult['lever']): string {
  if (lever.kind === 'value') return `the least value of the scenario’s setting <code>${h(lever.label)}</code>`;
  const what = multiplied(lever);
  return `the smallest factor to multiply ${h(what)} by (1 = as the scenario has it)`;
}

/**
 * What the lever sets, as the headline names it when no value meets the goal: 'factor on the
 * fibre crews of every region', 'value of the setting <code>fibre.approvalOffice.capacity</code>'
 * — HTML. The lever's id ('No value of fibre-crews') is the command line's word, not a reader's.
 */
export function leverNoun(lever: GoalResult['lever']): string {
  if (lever.kind === 'value') return `value of the setting <code>${h(lever.label)}</code>`;
  const what = multiplied(lever);
  return `factor on ${h(what)}`;
}

/**
 * goal.html: one self-contained page — the answer in a sentence (the least lever value, its
 * chance with the 95 % interval, the value just below), every value the search tried, the
 * chart, how the search works, and provenance.
 */
export function goalHtml(g: GoalResult, charts: ChartFile[], runDate?: string): string {
  const last = new Map<number, GoalResult['search'][number]>();
  for (const c of g.search) last.set(c.value, c);
  const rows = [...last.values()].sort((a, b) => a.value - b.value).map((c) => {
    const mark = g.found && c.value === g.value ? ' class="joint"' : '';
    return `<tr${mark}><td class="num">${h(String(c.value))}</td><td>${h(c.setting)}</td><td class="num">${h(int(c.runs))}</td><td class="num prob">${h(pct(c.probability))}<span class="sub">${h(pct(c.ci95[0]))}–${h(pct(c.ci95[1]))}</span></td><td>${c.meets ? 'yes' : 'no'}</td></tr>`;
  }).join('\n');
  const what = g.target.id === 'all' ? 'every target' : `“${g.target.label}”${g.target.deadline ? ` (by ${humanDate(g.target.deadline)})` : ''}`;
  // As goal.json's sentence says: a call the most replications allowed could not settle, and how far the best value gets when none meets the goal.
  const close = g.found && g.below !== null && g.achieved.ci95[0] < g.probability
    ? ` Its 95% interval still reaches below ${h(pct(g.probability))}: on ${h(int(g.runs))} futures the simulation cannot tell ${h(String(g.value))} and ${h(String(g.below.value))} apart for certain (more --max-runs would settle it).`
    : '';
  const reached = g.achieved.meanReached !== null && g.target.id !== 'all' ? ` There the share reached by the deadline is ${h(pctTenth(g.achieved.meanReached))} on average${lowEndText(g)}.` : '';
  const headline = g.found
    ? `<p class="headline">To meet ${h(what)} with at least ${h(pct(g.probability))} probability: <strong>${h(g.lever.id)} ${h(String(g.value))}</strong> — ${h(g.setting)}.<span class="sub">Chance there: ${h(pct(g.achieved.probability))} (95% interval ${h(pct(g.achieved.ci95[0]))}–${h(pct(g.achieved.ci95[1]))})${g.below ? `; just below, at ${h(String(g.below.value))} (${h(g.below.setting)}): ${h(pct(g.below.probability))} (${h(pct(g.below.ci95[0]))}–${h(pct(g.below.ci95[1]))}), both on the same ${h(int(g.runs))} simulated futures.` : `, on ${h(int(g.runs))} simulated futures; this is the low end of the range searched.`}${close}</span></p>`
    : `<p class="headline"><strong>No ${leverNoun(g.lever)} from ${h(String(g.lever.range[0]))} to ${h(String(g.lever.range[1]))} meets ${h(what)} with ${h(pct(g.probability))} probability.</strong><span class="sub">The best reached is ${h(pct(g.achieved.probability))} (95% interval ${h(pct(g.achieved.ci95[0]))}–${h(pct(g.achieved.ci95[1]))}) at ${h(String(g.value))} — ${h(g.setting)}.${reached} Widen the range, or pull another lever.</span></p>`;
  const main = `<header>
<h1>What would it take?</h1>
<p class="lede">Scenario <b>${h(g.scenario.name)}</b>: ${leverQuestion(g.lever)} for ${h(what)} to be met with at least ${h(pct(g.probability))} probability.</p>
<nav class="toc"><a href="#answer">The answer</a><a href="#search">The search</a><a href="#provenance">Provenance</a></nav>
</header>
<section id="answer">
<h2>The answer</h2>
${headline}
${analysisConditioningNote(g.conditioning, g.runs, 'at every value of the lever', 'The answer rests on')}
${g.crossings > 0 ? `<p class="note">In ${h(int(g.crossings))} of the ${h(int(g.runs))} futures the target was met at the value below but missed at the value found: the model is not monotone in this lever there (more of it can delay something else), so read the answer as approximate.</p>` : ''}
</section>
<section id="search">
<h2>The search</h2>
${charts.map(chartFigure).join('\n')}
<div class="scroll"><table class="swings">
<thead><tr><th class="num">${h(g.lever.id)}</th><th>What it means</th><th class="num">Replications</th><th class="num">Chance<span class="sub">95% interval</span></th><th>Meets the goal</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<p class="note">Every value is run on the same simulated futures (common random numbers: future <i>i</i> has the same weather, delays, costs and risks whatever the lever), so values differ only by the lever and, wherever the model is monotone, more of the lever never loses a future. The search bisects over the ${h(int(g.lever.candidates))} candidate values of the range${g.lever.kind === 'multiplier' && /crews|capacity/i.test(g.lever.label) ? ' (one per distinct number of whole crews or files, the least multiplier giving it)' : ''}; each value first gets ${h(int(g.runsPerCandidate.first))} replications, and while its 95% interval still contains ${h(pct(g.probability))} — too close to call — more, up to ${h(int(g.runsPerCandidate.max))}. The value found and the one below are finally estimated on the same replications. ${h(int(g.simulated))} replications in all.</p>
</section>
<section id="provenance">
<h2>Provenance</h2>
<dl class="prov">
${scenarioRows(g.scenario)}<dt>Seed</dt><dd>${h(String(g.seed))}</dd>
${runDateRow(runDate)}<dt>Tool</dt><dd>rollout-sim ${h(g.version)}</dd>
</dl>
<p class="note">The same question gives the same answer (<code>${h(goalCommand(g))}</code>).</p>
</section>`;
  return htmlPage({ title: `${g.scenario.name}: what would it take?`, version: g.version, main, charts, css: g.conditioning ? ANALYSIS_CSS + OBSERVED_CSS : ANALYSIS_CSS });
}
