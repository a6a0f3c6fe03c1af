import type { AllocationResult } from '../montecarlo/analysis-result.js';
import type { ChartFile } from './build-charts.js';
import { escapeHtml as h, humanDate, int, num, pct, pctTenth, pts, ptsWithInterval } from './format.js';
import { chartFigure, htmlPage, runDateRow, scenarioRows } from './html-page.js';
import { table } from './html-detail.js';
import { ANALYSIS_CSS } from './html-style.js';
import { analysisConditioningNote, OBSERVED_CSS } from './html-observed.js';

/** The command that asks the same question again. */
export function allocationCommand(a: AllocationResult): string {
  const r = a.resource;
  const what = r.kind === 'crews' ? `--crews ${r.total} --technology ${r.technology}${r.step !== 1 ? ` --step ${r.step}` : ''}` : `--money ${r.total} --programme ${r.programme} --units ${r.units}`;
  return `rollout allocate ${a.scenario.file} --target ${a.target.id} ${what}${a.search !== 'greedy' ? ` --search ${a.search}` : ''} --runs ${a.runs}${a.validation !== a.runs ? ` --validation ${a.validation}` : ''} --seed ${a.seed}${a.conditioning ? ` --observed ${a.conditioning.file}` : ''}`;
}

/**
 * The programme the money goes to, as the report's other pages name it: a financing
 * programme by its label (“Kazakhtelecom investment agreement (operator money)”),
 * a budget line by its technology ("the fibre programme"), not by the scenario's
 * id ("the kazakhtelecom programme").
 */
function programmeText(a: AllocationResult): string {
  if (a.resource.kind !== 'money') return '';
  const name = a.programmeName ?? a.resource.programme;
  return name === a.resource.programme ? `the ${name} programme` : `“${name}”`;
}

/**
 * allocation.html: one self-contained page — where the extra crews (or money) should go and
 * the chance with them, against an even and a proportional split on the same futures, the
 * greedy path unit by unit, the charts, how it was found, and provenance.
 */
export function allocationHtml(a: AllocationResult, charts: ChartFile[], runDate?: string): string {
  const amount = (x: number) => (a.resource.kind === 'money' ? num(x, 0) : String(x));
  const what = a.target.id === 'all' ? 'every target' : `“${a.target.label}”${a.target.deadline ? ` (by ${humanDate(a.target.deadline)})` : ''}`;
  const rows = a.slots
    .map((s, i) => ({ s, i }))
    .filter(({ i }) => a.chosen.added[i] > 0 || a.alternatives.some((x) => x.added[i] > 0))
    .sort((x, y) => a.chosen.added[y.i] - a.chosen.added[x.i])
    .map(({ s, i }) => [h(s.label), h(amount(s.base)), `<b>${h(amount(a.chosen.added[i]))}</b>`, ...a.alternatives.map((x) => h(amount(x.added[i])))]);
  // To a tenth of a point: splits that tie on the chance often differ by a point or two here.
  const compareRows = [
    [`<b>found (${h(a.search)})</b>`, `<b>${h(pct(a.chosen.probability))}</b><span class="sub">${h(pct(a.chosen.ci95[0]))}–${h(pct(a.chosen.ci95[1]))}</span>`, '–', `<b>${h(pctTenth(a.chosen.meanReached))}</b>`, '–'],
    ...a.alternatives.map((x) => [h(`${x.name} split`), `${h(pct(x.probability))}<span class="sub">${h(pct(x.ci95[0]))}–${h(pct(x.ci95[1]))}</span>`, h(ptsWithInterval(x.versusChosen.value, x.versusChosen.ci95)), h(pctTenth(x.meanReached)), h(ptsWithInterval(x.versusChosenReached.value, x.versusChosenReached.ci95))]),
    ['nothing added', `${h(pct(a.base.probability))}<span class="sub">${h(pct(a.base.ci95[0]))}–${h(pct(a.base.ci95[1]))}</span>`, '–', h(pctTenth(a.base.meanReached)), '–'],
  ];
  const reachedHead = a.target.id === 'all' ? 'Shares reached, summed over the targets' : 'Share reached by the deadline';
  const label = new Map(a.slots.map((s) => [s.id, s.label]));
  const stepRows = a.steps.map((s) => [h(amount(s.unit * a.perUnit)), h(label.get(s.slot) ?? s.slot), `${h(pct(s.probability))}<span class="sub">${h(pct(s.ci95[0]))}–${h(pct(s.ci95[1]))}</span>`, h(pts(s.gain))]);
  const noun = h(a.noun);
  const main = `<header>
<h1>Where do ${a.resource.kind === 'crews' ? 'extra crews' : 'extra money'} do most good?</h1>
<p class="lede">Scenario <b>${h(a.scenario.name)}</b>: ${h(amount(a.resource.total))} more ${noun}${a.resource.kind === 'money' ? ` for ${h(programmeText(a))}` : ''}, placed to raise the chance of ${h(what)} most.</p>
<nav class="toc"><a href="#answer">The answer</a><a href="#path">Unit by unit</a><a href="#provenance">Provenance</a></nav>
</header>
<section id="answer">
<h2>The answer</h2>
<p class="headline">${h(a.sentence)}</p>
${analysisConditioningNote(a.conditioning, a.validation, 'with every split', 'The split found rests on', true)}
${table([a.resource.kind === 'crews' ? 'Region' : 'Budget year', `Now (${noun})`, `<b>Add</b> (${noun})`, ...a.alternatives.map((x) => `${h(x.name)} split`)], rows, (i) => i > 0)}
<h3>Against other ways of splitting the same ${noun}</h3>
${table(['Split', 'Chance of meeting it<span class="sub">95% interval</span>', 'Found minus this<span class="sub">paired, 95% interval</span>', `${reachedHead}<span class="sub">mean over the futures</span>`, 'Found minus this<span class="sub">paired, 95% interval</span>'], compareRows, (i) => i > 0)}
<p class="note">These chances are measured on ${h(int(a.validation))} fresh simulated futures that played no part in choosing the allocation (measured on the futures it was chosen on, it would look better than it is), every split on the same ones (common random numbers), so the difference between two splits is where the ${noun} went, not chance: its interval is that of the paired difference. Where every future meets (or misses) the target alike whichever way the ${noun} are split, the chance cannot tell splits apart; the share reached by the deadline, compared future by future, then says which gets furthest (it is also what broke ties while choosing). The even split gives each ${a.resource.kind === 'crews' ? 'region' : 'year'} the same, the remainder to ${a.resource.kind === 'crews' ? 'the regions with the most villages waiting' : 'the earliest years'}; the proportional one follows what each already has.</p>
</section>
<section id="path">
<h2>Unit by unit</h2>
${charts.map(chartFigure).join('\n')}
${a.steps.length ? `<p class="note">While choosing, on the ${h(int(a.runs))} futures used to choose (from ${h(pct(a.searchBase))} with nothing added):</p>
${table(['Added so far', 'This unit went to', 'Chance after it<span class="sub">95% interval</span>', 'Gain'], stepRows, (i) => i !== 1)}` : ''}
<p class="note">${a.search === 'greedy'
    ? `Greedy marginal allocation: each unit of ${h(amount(a.perUnit))} ${noun} goes where it raises the number of futures meeting the target most (ties: where the share reached by the deadline rises most), every place measured again at each step. It matched trying every split on a small test case; it can miss a split that only pays when two places get units together.`
    : 'Every possible split was tried.'} ${h(int(a.evaluated))} allocations measured, ${h(int(a.simulated))} replications in all.</p>
</section>
<section id="provenance">
<h2>Provenance</h2>
<dl class="prov">
${scenarioRows(a.scenario)}<dt>Seed</dt><dd>${h(String(a.seed))}</dd>
<dt>Runs per allocation</dt><dd>${h(int(a.runs))}</dd>
${runDateRow(runDate)}<dt>Tool</dt><dd>rollout-sim ${h(a.version)}</dd>
</dl>
<p class="note">The same question gives the same answer (<code>${h(allocationCommand(a))}</code>).</p>
</section>`;
  return htmlPage({ title: `${a.scenario.name}: where extra ${a.resource.kind === 'crews' ? 'crews' : 'money'} do most good`, version: a.version, main, charts, css: a.conditioning ? ANALYSIS_CSS + OBSERVED_CSS : ANALYSIS_CSS });
}
