import type { ComparisonResult, Estimate, PairedDifference } from '../montecarlo/analysis-result.js';
import type { ChartFile } from './build-charts.js';
import { optionStyles, type OptionStyle } from './charts/compare.js';
import { targetRule } from './charts/common.js';
import { escapeHtml as h, humanDate, int, num, pct, ptsInterval, ptsWithInterval, targetValue, valueDiff } from './format.js';
import { chartFigure, htmlPage, runDateRow } from './html-page.js';
import { ANALYSIS_CSS } from './html-style.js';
import { conditioningWarnings, OBSERVED_CSS } from './html-observed.js';
import { OTHER_OBSERVATIONS_NOTE, weightingDiffers, WEIGHTING_DIFFERS_WORDS } from '../montecarlo/weighting-differs.js';

/** 'up' when the whole interval is above zero, 'down' when below, 'flat' when it crosses zero. */
function direction(d: PairedDifference): 'up' | 'down' | 'flat' {
  return d.probability.ci95[0] > 0 ? 'up' : d.probability.ci95[1] < 0 ? 'down' : 'flat';
}

const swatch = (st: OptionStyle | undefined) => (st ? `<span class="swatch" style="background:${h(st.colour)}"></span>` : '');

function optionCell(name: string, st: OptionStyle | undefined): string {
  return `<span class="option">${swatch(st)}${h(name)}</span>${st?.reference ? '<span class="tag">reference</span>' : ''}`;
}

function chanceCell(e: Estimate, prior?: Estimate): string {
  return `<td class="prob num">${h(pct(e.value))}<span class="sub">${h(pct(e.ci95[0]))}–${h(pct(e.ci95[1]))}</span>${prior ? `<span class="sub">before the observations: ${h(pct(prior.value))}</span>` : ''}</td>`;
}

function differenceCells(d: PairedDifference | undefined, runs: number, reference: boolean): string {
  if (reference) return '<td class="num flat">–<span class="sub">the reference</span></td><td class="num">–</td>';
  if (!d) return '<td class="num">–</td><td class="num">–</td>';
  const indep = ptsInterval(d.independentCi95);
  return `<td class="num diff ${direction(d)}">${h(ptsWithInterval(d.probability.value, d.probability.ci95))}<span class="sub">independent runs: ${h(indep)}</span></td>
  ${d.effectiveRuns !== undefined
    ? `<td class="num">${h(num(d.gained, 1))} / ${h(num(d.lost, 1))}<span class="sub">of an effective ${h(num(d.effectiveRuns, 1))}</span></td>`
    : `<td class="num">${h(int(d.gained))} / ${h(int(d.lost))}<span class="sub">of ${h(int(runs))}</span></td>`}`;
}

/**
 * The paired difference in the mean value at the deadline, as people read it: '−6.0 pts
 * (−6.8 to −5.2)' of a share, '+2.5 settlements (+1 to +4)' of a count. It is what
 * still tells the options apart where every one misses (or meets) the target in every future.
 */
function meanDifference(metric: string, e: Estimate): string {
  if (metric !== 'count') return ptsWithInterval(e.value, e.ci95, 1);
  return `${valueDiff(metric, e.value)} (${valueDiff(metric, e.ci95[0], false)} to ${valueDiff(metric, e.ci95[1], false)})`;
}

/** The answer table: a group of rows per target (then all targets jointly), one row per option. */
function answerTable(c: ComparisonResult, styles: OptionStyle[]): string {
  const style = (name: string, k: number) => styles.find((s) => s.name === name) ?? styles[k];
  const groups: string[] = c.targets.map((t) => {
    const rows = t.perOption.map((p, k) => {
      const d = k === 0 ? undefined : (t.differences.find((x) => x.option === p.option) ?? t.differences[k - 1]);
      const head = k === 0 ? `<td class="target" rowspan="${t.perOption.length}"><b>${h(t.label)}</b><span class="sub">${h(targetRule(t, c.options[0]?.result.input.coverageTechnologies))}</span></td>\n  ` : '';
      const v = p.valueAtDeadline;
      return `<tr${k === 0 ? ' class="group-start"' : ''}>
  ${head}<td>${optionCell(p.option, style(p.option, k))}</td>
  ${chanceCell(p.probability, p.prior)}
  ${differenceCells(d, c.runs, k === 0)}
  <td class="num">${h(humanDate(p.dateReachedP50, 'not within horizon'))}</td>
  <td class="num">${h(targetValue(t.metric, v.p10))} · <b>${h(targetValue(t.metric, v.p50))}</b> · ${h(targetValue(t.metric, v.p90))}${d ? `<span class="sub">mean ${h(meanDifference(t.metric, d.valueAtDeadline))}</span>` : ''}</td>
</tr>`;
    });
    return rows.join('\n');
  });
  if (c.targets.length > 1 && c.joint.perOption.length) {
    const rows = c.joint.perOption.map((p, k) => {
      const d = k === 0 ? undefined : (c.joint.differences.find((x) => x.option === p.option) ?? c.joint.differences[k - 1]);
      const head = k === 0 ? `<td class="target" rowspan="${c.joint.perOption.length}"><b>All targets together</b><span class="sub">every target met in the same simulated future${c.notCompared.length > 0 ? ` (those every option has: not ${h(notComparedText(c))})` : ''}</span></td>\n  ` : '';
      return `<tr class="joint${k === 0 ? ' group-start' : ''}">
  ${head}<td>${optionCell(p.option, style(p.option, k))}</td>
  ${chanceCell(p.probability, p.prior)}
  ${differenceCells(d, c.runs, k === 0)}
  <td class="num">–</td><td class="num">–</td>
</tr>`;
    });
    groups.push(rows.join('\n'));
  }
  return `<div class="scroll"><table class="answer compare">
<thead><tr>
  <th>Target</th><th>Option</th><th class="num">Chance of meeting it<span class="sub">95% interval</span></th>
  <th class="num">Difference vs the reference<span class="sub">paired, 95% interval</span></th><th class="num">Futures gained / lost<span class="sub">vs the reference</span></th>
  <th class="num">Median date reached</th><th class="num">Value at the deadline<span class="sub">P10 · <b>P50</b> · P90; mean vs the reference, paired</span></th>
</tr></thead>
<tbody>
${groups.join('\n')}
</tbody>
</table></div>`;
}

/**
 * The targets' other readings across the options (when they have some): a row per reading,
 * a column per option with its chance and, after the reference, the paired difference.
 */
function readingsTable(c: ComparisonResult, styles: OptionStyle[]): string {
  const targets = c.targets.filter((t) => (t.alternatives?.length ?? 0) > 0);
  if (targets.length === 0) return '';
  const names = c.options.map((o) => o.identity.name);
  const rows = targets.flatMap((t) => t.alternatives!.map((a, x) => {
    const head = x === 0 ? `<td class="target" rowspan="${t.alternatives!.length}"><b>${h(t.label)}</b></td>\n  ` : '';
    const cells = names.map((name, k) => {
      const p = a.perOption.find((q) => q.option === name);
      if (!p) return '<td class="num">–</td>';
      const d = k === 0 ? undefined : a.differences.find((q) => q.option === name);
      const diff = d ? `<span class="sub diff ${direction(d)}">${h(ptsWithInterval(d.probability.value, d.probability.ci95))}</span>` : '';
      return `<td class="prob num">${h(pct(p.probability.value))}${diff}</td>`;
    });
    return `<tr${x === 0 ? ' class="group-start"' : ''}>
  ${head}<td>${h(a.label)}</td>
  ${cells.join('')}
</tr>`;
  }));
  return `<h3>Other readings of the targets</h3>
<div class="scroll"><table class="answer compare readings">
<thead><tr><th>Target</th><th>Reading</th>${names.map((n, k) => `<th class="num">${optionCell(n, styles[k])}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
<p class="note">Each target's other readings (the scenario's <code>targets[].alternatives</code>), counted in the same simulated futures: under the reference, its chance; under each other option, its chance and below it the paired difference from the reference (95% interval).</p>`;
}

/** The targets only some options have, for people: "target 'x' (only in 'a', 'b')". */
function notComparedText(c: ComparisonResult): string {
  return c.notCompared.map((t) => `target '${t.id}' (only in ${t.options.map((o) => `'${o}'`).join(', ')})`).join(', ');
}

/**
 * A difference of money with its sign, as the page's other differences are: '+22,421',
 * '−61' (a minus sign, not a hyphen), '0'. An interval's ends were written bare ('-61 to 68'),
 * so a reader could not tell at a glance that it straddles no change.
 */
function signedAmount(x: number): string {
  const s = num(Math.abs(x), 0);
  return s === '0' ? s : `${x > 0 ? '+' : '−'}${s}`;
}

/** The money: each option's total cost, its paired difference in mean cost from the reference, and its JCL. */
function costTable(c: ComparisonResult, styles: OptionStyle[]): string {
  if (!c.cost || c.cost.perOption.length === 0) return '';
  const cur = h(c.cost.currency);
  const rows = c.cost.perOption.map((p, k) => {
    const d = k === 0 ? undefined : c.cost.differences.find((x) => x.option === p.option);
    const diff = k === 0 ? '–<span class="sub">the reference</span>' : d ? `${h(signedAmount(d.meanCost.value))}<span class="sub">${h(signedAmount(d.meanCost.ci95[0]))} to ${h(signedAmount(d.meanCost.ci95[1]))}</span>` : '–';
    const j = p.jointCostSchedule;
    const jcl = j.probability === null || !j.ci95 ? '–<span class="sub">no money stated</span>' : `${h(pct(j.probability))}<span class="sub">${h(pct(j.ci95[0]))}–${h(pct(j.ci95[1]))} · within ${h(num(j.budget ?? 0, 0))}</span>`;
    return `<tr><td>${optionCell(p.option, styles[k])}</td><td class="num">${h(num(p.cost.p10, 0))} · <b>${h(num(p.cost.p50, 0))}</b> · ${h(num(p.cost.p90, 0))}<span class="sub">P80 ${h(num(p.cost.p80, 0))}</span></td><td class="num">${diff}</td><td class="num">${jcl}</td></tr>`;
  });
  return `<h3 id="money">What each option costs</h3>
<div class="scroll"><table class="compare">
<thead><tr><th>Option</th><th class="num">Money committed to the horizon (${cur})<span class="sub">P10 · <b>P50</b> · P90</span></th><th class="num">Mean cost vs the reference (${cur})<span class="sub">paired, 95% interval</span></th><th class="num">Every target met within the money (JCL)<span class="sub">95% interval · the programme’s money</span></th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
<p class="note">Money committed: what the programmes commit to the horizon in the simulated futures. JCL, the joint cost–schedule confidence level: the chance that every target is met and the programmes that state appropriations commit no more than their sum; where money is a hard limit, work waits for money rather than overspending, so the JCL equals the chance of meeting every target.${c.notCompared.length > 0 ? ` Each option’s JCL is over its own targets, so it counts ${h(notComparedText(c))} where the option has ${c.notCompared.length === 1 ? 'it' : 'them'}.` : ''}</p>`;
}

/** One sentence: which option gives the best chance of meeting every target (or the only target), and how sure that is. */
function headline(c: ComparisonResult): string {
  const single = c.targets.length === 1 ? c.targets[0] : undefined;
  const per = single ? single.perOption : c.joint.perOption;
  const diffs = single ? single.differences : c.joint.differences;
  const what = single ? `meeting “${single.label}”` : 'meeting all targets';
  const ref = per[0];
  if (!ref) return '';
  let best = 0;
  per.forEach((p, k) => {
    if (p.probability.value > per[best]!.probability.value) best = k;
  });
  if (best === 0 || per.length < 2) {
    return `<p class="headline">No option beats the reference <b>${h(ref.option)}</b> at ${h(what)}: <strong>${h(pct(ref.probability.value))}</strong> <span class="note">(95% interval ${h(pct(ref.probability.ci95[0]))}–${h(pct(ref.probability.ci95[1]))})</span></p>`;
  }
  const p = per[best]!;
  const d = diffs.find((x) => x.option === p.option) ?? diffs[best - 1];
  const sure = d ? (direction(d) === 'up' ? ' — a difference larger than the simulation’s uncertainty' : ' — but the interval of the difference includes zero, so the simulation cannot tell them apart yet') : '';
  return `<p class="headline">Best chance of ${h(what)}: <b>${h(p.option)}</b>, <strong>${h(pct(p.probability.value))}</strong> <span class="note">(95% interval ${h(pct(p.probability.ci95[0]))}–${h(pct(p.probability.ci95[1]))})</span><span class="sub">against ${h(pct(ref.probability.value))} under the reference <b>${h(ref.option)}</b>: ${h(d ? ptsWithInterval(d.probability.value, d.probability.ci95) : '')}${h(sure)}.</span></p>`;
}

/** The command that reproduces the comparison. */
function command(c: ComparisonResult): string {
  return `rollout compare ${c.options.map((o) => o.identity.file).join(' ')} --seed ${c.seed} --runs ${c.runs}${c.conditioned ? ` --observed ${c.conditioned.file}` : ''}`;
}

/** A conditioned comparison says on what, and what each option's weighting rests on, before the table. */
function conditionedNote(c: ComparisonResult): string {
  const k = c.conditioned;
  if (!k) return '';
  if (k.perOption.every((p) => p.observations === 0)) {
    return `<p class="note"><b>Not conditioned:</b> no observation of <code>${h(k.file)}</code> falls within the options’ runs (each starts from a status that already says where the programme stood), so every future weighs the same.</p>`;
  }
  const why = k.perOption.map((p) => weightingDiffers(p, k.perOption[0]));
  const rows = k.perOption.map((p, i) => `<li><b>${h(p.option)}</b>: ${h(int(p.observations))} observation${p.observations === 1 ? '' : 's'} within its run${p.setAside > 0 ? ` (${h(int(p.setAside))} set aside: dated before its start)` : ''}, effective sample size ${h(num(p.effectiveSampleSize, 1))} of ${h(int(c.runs))}${why[i] ? ` — <b>${WEIGHTING_DIFFERS_WORDS[why[i]!]}</b> (${h(`${+(p.weightMoved * 100).toPrecision(2)}%`)} of the weight moved; see below)` : ''}${p.warnings > 0 ? ' — <b>see the warning above</b>' : ''}</li>`);
  const differentPast = why.includes('past')
    ? '<p class="note">An option that weighs the futures differently from the reference changes what happened before an observation (for example more crews from the start). With the same counts seen, its likely futures are those in which the rest went worse (slower crews, say), so its difference is the effect <i>given what was seen</i>, not the effect of the change alone; its gained / lost futures are weighted by the mean of the two weightings, so they do not add up to its difference. Options that take effect after the last observation weigh every future as the reference does, and their differences are cleanly paired. The share of the weight moved says how much: hundredths of a percent is next to nothing (a change the observations hardly see), tens of percent a reweighting of the futures.</p>'
    : '';
  const otherObservations = why.includes('observations')
    ? `<p class="note">${h(OTHER_OBSERVATIONS_NOTE)}</p>`
    : '';
  return `${c.options.map((o) => conditioningWarnings(o.result, o.identity.name)).join('\n')}<div class="conditioned"><p><b>Conditioned on what was observed</b> (<code>${h(k.file)}</code>): each option’s simulated futures are weighted by how likely they make the observations (importance weighting, as <code>rollout run --observed</code>), so every chance, value and cost below is the weighted one and each interval is at the effective sample size. The differences stay paired over the same futures, each option weighted as its own observations weigh them.</p>
<ul>${rows.join('')}</ul>${differentPast}${otherObservations}</div>`;
}

/**
 * comparison.html: one self-contained page — the answer first (a table of target × option
 * with each chance, the paired difference from the reference and the replications gained and
 * lost), then the charts, then each option's description and sha256, then provenance.
 */
export function comparisonHtml(c: ComparisonResult, charts: ChartFile[], runDate?: string): string {
  const styles = optionStyles(c);
  const ref = c.options[0]?.identity.name ?? '';
  const first = c.options[0]?.result.input;
  const options = c.options
    .map((o, k) => {
      const st = styles[k];
      const description = (o.description ?? o.result.input.description ?? '').trim();
      return `<div class="option-card" style="border-left-color:${h(st?.colour ?? '#ccc')}">
<h3>${swatch(st)}${h(o.identity.name)}${k === 0 ? '<span class="tag">reference</span>' : ''}</h3>
${description ? `<p>${h(description)}</p>` : '<p class="note">No description in the scenario file.</p>'}
<dl class="prov">
<dt>File</dt><dd><code>${h(o.identity.file)}</code></dd>
<dt>sha256 of the resolved scenario</dt><dd><code>${h(o.identity.sha256)}</code></dd>
<dt>Simulated period</dt><dd>${h(humanDate(o.result.input.start))} to ${h(humanDate(o.result.input.horizon))}</dd>
</dl>
</div>`;
    })
    .join('\n');
  const main = `<header>
<h1>Which option is likeliest to meet the targets?</h1>
<p class="lede">${h(int(c.options.length))} options, each run on the same ${h(int(c.runs))} simulated futures (common random numbers)${first ? ` of the rollout from ${h(humanDate(first.start))} to ${h(humanDate(first.horizon))}` : ''}; differences are taken against the reference, <b>${h(ref)}</b>.</p>
<nav class="toc"><a href="#answer">The answer</a><a href="#charts">Charts</a><a href="#options">The options</a><a href="#provenance">Provenance</a></nav>
</header>
<section id="answer">
<h2>The answer</h2>
${headline(c)}
${conditionedNote(c)}
${answerTable(c, styles)}
<p class="note">Chance: the share of the ${h(int(c.runs))} simulated futures${c.conditioned ? ' (each weighted by how likely it makes what was observed)' : ''} in which the target is met by its deadline, with its 95% interval. Difference: the option’s chance minus the reference’s, paired replication by replication — replication <i>i</i> of every option draws the same random numbers for what they share (weather, delays, risks), so the difference is the option’s effect and not noise; below it, the wider interval two independent runs would have given. Gained / lost: futures in which only the option, or only the reference, meets the target${c.conditioned ? ' (conditioned: weighted, in effective futures)' : ''}. Value at the deadline: what the target measures, reached by its deadline in a poor (P10), typical (P50) and good (P90) future; below it, the option’s mean minus the reference’s, paired, with its 95% interval — it still moves where every option misses the target.</p>
${readingsTable(c, styles)}
${costTable(c, styles)}
</section>
<section id="charts">
<h2>Charts</h2>
${charts.map(chartFigure).join('\n')}
</section>
<section id="options">
<h2>The options</h2>
${options}
</section>
<section id="provenance">
<h2>Provenance</h2>
<dl class="prov">
<dt>Options</dt><dd>${c.options.map((o) => `${h(o.identity.name)} <code>${h(o.identity.sha256.slice(0, 12))}</code>`).join(' · ')}</dd>
<dt>Reference</dt><dd>${h(ref)}</dd>
<dt>Seed</dt><dd>${h(String(c.seed))}</dd>
<dt>Runs per option</dt><dd>${h(int(c.runs))}</dd>
${runDateRow(runDate)}<dt>Tool</dt><dd>rollout-sim ${h(c.version)}</dd>
</dl>
<p class="note">The same scenario files, seed and number of runs reproduce these numbers exactly (<code>${h(command(c))}</code>).</p>
</section>`;
  return htmlPage({ title: `Comparison: ${c.options.map((o) => o.identity.name).join(' vs ')}`, version: c.version, main, charts, css: c.conditioned ? ANALYSIS_CSS + OBSERVED_CSS : ANALYSIS_CSS });
}
