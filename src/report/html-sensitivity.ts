import type { SensitivityResult } from '../montecarlo/analysis-result.js';
import type { ChartFile } from './build-charts.js';
import { inputValue, measureFormat, measureOf, moves, pinnedText, rankingMeasure, shownSwing, sortedSwings } from './charts/sensitivity.js';
import { escapeHtml as h, humanDate, int, pct, valueNoun } from './format.js';
import { chartFigure, htmlPage, runDateRow, scenarioRows } from './html-page.js';
import { ANALYSIS_CSS } from './html-style.js';
import { analysisConditioningNote, OBSERVED_CSS } from './html-observed.js';

/** Rows of each target's table (the tornado chart has them all). */
const TOP = 10;

/**
 * Per target: the base chance, the input that moves it most, and every swing in a table,
 * largest first — by the chance, or, where every setting leaves the chance pinned near 0 or
 * 1 (`pinned`), by the mean share reached by the deadline, which still moves.
 */
function targetSection(s: SensitivityResult, b: SensitivityResult['base'][number]): string {
  const measure = rankingMeasure(s, b.id);
  const base = measureOf(b, measure);
  const f = measureFormat(measure, b.metric);
  const reached = `mean ${valueNoun(b.metric)} reached by the deadline`;
  const word = measure === 'chance' ? 'Chance' : b.metric === 'count' ? 'Count' : 'Share';
  const every = sortedSwings(s, b.id, measure);
  const list = every.filter(({ t }) => moves(t, base, measure));
  const still = every.filter(({ t }) => !moves(t, base, measure)).map(({ w }) => w.label);
  // The chart's swings, as shown (shownSwing): the two agree on the page.
  const swing = (t: (typeof every)[number]['t']) => shownSwing(t, measure, b.metric);
  const top = list[0];
  const lead = top
    ? `The input that moves ${measure === 'chance' ? 'it' : `the ${valueNoun(b.metric)}`} most is <b>${h(top.w.label)}</b>: ${h(f.value(measureOf(top.t.low, measure)))} at its low value, ${h(f.value(measureOf(top.t.high, measure)))} at its high value (a swing of ${h(swing(top.t))}).`
    : every.length
      ? `No input moved ${measure === 'chance' ? 'it' : `the ${valueNoun(b.metric)}`}.`
      : 'No input was swung.';
  const why = measure === 'share'
    ? ` Every setting leaves the chance ${h(pinnedText(s.runs))}, so its swings would rank noise: the inputs are ranked by how far they move the <b>${reached}</b> instead (the ${valueNoun(b.metric)}’s tornado chart below; the chance’s follows it).`
    : '';
  const shown = list.slice(0, TOP);
  const more = list.length - shown.length;
  const rows = shown
    .map(({ w, t }) => {
      const cls = (p: number) => (p > base ? ' up' : p < base ? ' down' : '');
      const lo = measureOf(t.low, measure), hi = measureOf(t.high, measure);
      return `<tr><td>${h(w.label)}<span class="sub"><code>${h(w.input)}</code></span></td><td>${h(w.how)}</td><td class="num">${h(inputValue(w.low))} → ${h(inputValue(w.high))}</td><td class="num${cls(lo)}">${h(f.value(lo))}</td><td class="num${cls(hi)}">${h(f.value(hi))}</td><td class="num"><b>${h(swing(t))}</b></td></tr>`;
    })
    .join('\n');
  return `<h3>${h(b.label)}</h3>
<p>Base chance <b>${h(pct(b.probability))}</b> (median date reached: ${h(humanDate(b.dateReachedP50, 'not within the horizon'))}; ${reached}: ${h(measureFormat('share', b.metric).value(b.valueAtDeadlineMean))}).${why} ${lead}</p>
${
  list.length
    ? `<div class="scroll"><table class="swings">
<thead><tr><th>Input</th><th>Low and high chosen as</th><th class="num">Low → high</th><th class="num">${word} at low</th><th class="num">${word} at high</th><th class="num">Swing</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>${more > 0 ? `\n<p class="note">… and ${h(int(more))} more input${more === 1 ? '' : 's'} with smaller swings, all in the tornado chart below.</p>` : ''}`
    : ''
}${still.length ? `\n<p class="note">Did not move it at all (the same ${measure === 'chance' ? 'chance' : 'mean share'} at the low and the high value): ${still.map(h).join('; ')}.</p>` : ''}`;
}

const LIMITS = `<section id="limits">
<h2>How to read this, and its limits</h2>
<ul class="limits">
<li><b>Tornado charts</b> move one input at a time to a low and a high value and keep everything else as in the scenario, with the same random numbers, so each bar is that input’s effect. They ignore interactions — two inputs that matter only together, or that cancel out, look unimportant — and each bar depends on the low and high chosen (P10 and P90 for a national factor drawn once per future; every draw scaled by a declared ± share for inputs drawn village by village and for levers such as crews and budgets; a risk made impossible or twice as likely): a wider range gives a longer bar.</li>
<li><b>Rank correlations</b> measure how consistently higher draws of an input go with reaching more by the deadline across the base run’s simulated futures (monotone association over the sample), not causation: an input can be correlated because it moves together with another one that does the work.</li>
<li>They are <b>diluted for inputs averaged over thousands of settlements</b> (a village’s design time, its distance to the backbone): one replication’s mean of thousands of draws barely varies, so its correlation is small even when the input matters — the tornado shows such inputs better. National factors and risks, drawn once per replication, show up strongly.</li>
<li>Both answer “what moves the chance in this model”; the probabilities themselves are only as good as the scenario’s inputs and their sources (see the scenario file).</li>
</ul>
</section>`;

/**
 * sensitivity.html: one self-contained page — per target the base chance and the inputs
 * that move it most, the tornado and rank-correlation charts, how to read them and their
 * limits, and provenance.
 */
export function sensitivityHtml(s: SensitivityResult, charts: ChartFile[], runDate?: string): string {
  const main = `<header>
<h1>What moves the chance of meeting the targets?</h1>
<p class="lede">Scenario <b>${h(s.scenario.name)}</b>: ${h(int(s.swings.length))} inputs moved one at a time to a low and a high value, ${h(int(s.runs))} simulated futures for each setting (the same futures for all, so the differences are the inputs’ effects), and the rank correlation of ${h(int(s.correlations.length))} randomly drawn inputs with each target over the base run.</p>
<nav class="toc"><a href="#answer">The answer</a><a href="#charts">Charts</a><a href="#limits">How to read this</a><a href="#provenance">Provenance</a></nav>
</header>
<section id="answer">
<h2>The answer</h2>
${analysisConditioningNote(s.conditioning, s.runs, 'in the base run and in every run with an input at its low or high', 'The base run rests on')}
${s.base.map((b) => targetSection(s, b)).join('\n')}
<p class="note">Chance at low / high: the share of ${h(int(s.runs))} simulated futures in which the target is met by its deadline with the input at its low or high value and everything else as in the scenario. Share at low / high (where the chance is pinned ${h(pinnedText(s.runs))}): the share of the target’s settlements reached by its deadline, averaged over those futures. Swing: the distance between the two, in percentage points.</p>
</section>
<section id="charts">
<h2>Charts</h2>
${charts.map(chartFigure).join('\n')}
</section>
${LIMITS}
<section id="provenance">
<h2>Provenance</h2>
<dl class="prov">
${scenarioRows(s.scenario)}<dt>Seed</dt><dd>${h(String(s.seed))}</dd>
<dt>Runs per setting</dt><dd>${h(int(s.runs))}</dd>
${runDateRow(runDate)}<dt>Tool</dt><dd>rollout-sim ${h(s.version)}</dd>
</dl>
<p class="note">The same scenario file, seed and number of runs reproduce these numbers exactly (<code>rollout sensitivity ${h(s.scenario.file)} --seed ${h(String(s.seed))} --runs ${h(String(s.runs))}${s.conditioning ? ` --observed ${h(s.conditioning.file)}` : ''}</code>).</p>
</section>`;
  return htmlPage({ title: `${s.scenario.name}: what moves the chance of meeting the targets`, version: s.version, main, charts, css: s.conditioning ? ANALYSIS_CSS + OBSERVED_CSS : ANALYSIS_CSS });
}
