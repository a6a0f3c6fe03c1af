import type { RunResult } from '../montecarlo/result.js';
import type { ConditioningSummary, ConditioningWarning, InputPosterior, SetAsideObservation } from '../montecarlo/observed-result.js';
import { movedBeyondNoise, type RegionPartPosterior } from '../montecarlo/observed-result.js';
import { faintFutures } from './html-discovery.js';
import { escapeHtml as h, humanDate, int, pct, targetValue } from './format.js';

/** Extra rules for conditioned and scored runs: warnings that cannot be missed. */
export const OBSERVED_CSS = `
.warning { margin: 14px 0 18px; padding: 12px 16px; border: 3px solid #a3271b; background: #fdecea; color: #5c130c; }
.warning h2 { border: 0; margin: 0 0 6px; padding: 0; font-size: 20px; color: #a3271b; }
.warning li { margin: 4px 0; }
td.conflict { color: #a3271b; font-weight: 700; }
`;

const num = (x: number) => (Number.isInteger(x) ? int(x) : String(+x.toPrecision(4)));
const value = (metric: string, x: number) => (metric.endsWith('-share') ? pct(x) : num(x));
const where = (region: string | null) => (region === null ? 'national' : region);
const WARNING_TITLE: Record<ConditioningWarning['kind'], string> = {
  'ess-collapse': 'Effective sample size collapsed',
  'prior-data-conflict': 'Prior–data conflict',
  'coarse-weights': 'Weights too coarse',
};

/**
 * The loud box at the top of a conditioned report: each warning (effective sample size
 * collapsed, prior–data conflict, weights too coarse) and what to do — re-calibrate rather than trust the
 * conditioned numbers. Empty when there is nothing to warn about.
 */
export function conditioningWarnings(result: { summary: { conditioning?: ConditioningSummary } }, option?: string): string {
  const warnings = result.summary.conditioning?.warnings ?? [];
  if (warnings.length === 0) return '';
  // One box per option in a comparison (named, and without the run report's anchor).
  return `<section class="warning"${option === undefined ? ' id="warnings"' : ''} role="alert">
<h2>${option === undefined ? 'Do not trust the conditioned numbers as they are' : `Do not trust the conditioned numbers of ${h(option)} as they are`}</h2>
<ul>
${warnings.map((w) => `<li><b>${h(WARNING_TITLE[w.kind])}:</b> ${h(w.message)}</li>`).join('\n')}
</ul>
</section>`;
}

/**
 * A goal's, an allocation's or a sensitivity page, conditioned (--observed): what the
 * chances are conditioned on, how many futures the answer rests on, and every warning in
 * the loud box — or, when the page's headline already says the first two
 * (`headlineSaysIt`: allocation.html's sentence), how they are weighted and the warnings.
 * Empty without --observed.
 *
 * @example analysisConditioningNote(g.conditioning, g.runs, 'at every value of the lever', 'The answer rests on')
 */
export function analysisConditioningNote(c: { file: string; summary: ConditioningSummary } | undefined, runs: number, where: string, restsOn: string, headlineSaysIt = false): string {
  if (!c) return '';
  const s = c.summary;
  if (s.observations.length === 0) return headlineSaysIt ? '' : `<p class="note">Conditioning on <code>${h(c.file)}</code>: no observation falls within the run (each is dated before its start), so every future weighs the same.</p>`;
  // The page's headline already names the file and the effective futures (allocation.html's sentence): only how, and the warnings.
  if (headlineSaysIt) return `<p class="note">How: ${h(where)}, each simulated future weighs as much as it makes the observations likely, as in <code>rollout run --observed</code>.</p>
${conditioningWarnings({ summary: { conditioning: s } })}`;
  return `<p class="note">Given what was observed (${h(int(s.observations.length))} observation${s.observations.length === 1 ? '' : 's'} in <code>${h(c.file)}</code>): ${h(where)}, each simulated future weighs as much as it makes the observations likely, as in <code>rollout run --observed</code>; every chance on this page is the weighted one. ${h(restsOn)} the equivalent of ${h(int(Math.round(s.effectiveSampleSize)))} of its ${h(int(runs))} futures.</p>
${conditioningWarnings({ summary: { conditioning: s } })}`;
}

/**
 * What the observations changed: the method and effective sample size, each target's
 * chance before and after, each observation against what the model simulated for it,
 * and the national factors' and the delivery capacity's prior vs posterior quantiles (the charts show them whole).
 */
export function conditioningSection(result: RunResult): string {
  const s = result.summary;
  const c = s.conditioning;
  if (!c) return '';
  const targets = s.targets.map((t) => `<tr>
  <td>${h(t.label)}</td>
  <td class="num">${h(pct(t.prior?.probability))}<span class="sub">${h(pct(t.prior?.ci95[0]))}–${h(pct(t.prior?.ci95[1]))}</span></td>
  <td class="num"><b>${h(pct(t.probability))}</b><span class="sub">${h(pct(t.ci95[0]))}–${h(pct(t.ci95[1]))}</span></td>
  <td class="num">${h(t.prior?.valueAtDeadline ? targetValue(t.metric, t.prior.valueAtDeadline.p50) : '–')}</td>
  <td class="num">${h(targetValue(t.metric, t.valueAtDeadline.p50))}</td>
</tr>`).join('\n');
  const joint = s.joint.prior ? `<tr class="joint"><td>All targets together</td><td class="num">${h(pct(s.joint.prior.probability))}</td><td class="num"><b>${h(pct(s.joint.probability))}</b></td><td class="num">–</td><td class="num">–</td></tr>` : '';
  const observations = c.observations.map((o) => `<tr>
  <td>${h(humanDate(o.date))}</td><td>${h(where(o.region))}</td><td>${h(o.metric)}</td>
  <td class="num"><b>${h(value(o.metric, o.value))}</b><span class="sub">± ${h(value(o.metric, o.sd))}${o.sdFrom === 'default' ? ' (default)' : ''}</span></td>
  <td class="num">${h(value(o.metric, o.prior.p5))} · ${h(value(o.metric, o.prior.p50))} · ${h(value(o.metric, o.prior.p95))}<span class="sub">range ${h(value(o.metric, o.prior.min))}–${h(value(o.metric, o.prior.max))}</span></td>
  <td class="num">${h(value(o.metric, o.conditioned.p5))} · ${h(value(o.metric, o.conditioned.p50))} · ${h(value(o.metric, o.conditioned.p95))}</td>
  <td class="num${o.conflict ? ' conflict' : ''}">${h(o.tailProbability < 0.001 ? o.tailProbability.toExponential(1) : o.tailProbability.toFixed(3))}${o.conflict ? '<span class="sub">conflict</span>' : ''}</td>
</tr>`).join('\n');
  // The national factors (× plan, three decimals), then the delivery capacity's draws (crews, days: one).
  const posteriorRow = (digits: number) => (f: InputPosterior) => `<tr><td>${h(f.label)}</td>
  <td class="num">${[f.prior.p10, f.prior.p50, f.prior.p90].map((x) => x.toFixed(digits)).join(' · ')}</td>
  <td class="num">${[f.posterior.p10, f.posterior.p50, f.posterior.p90].map((x) => x.toFixed(digits)).join(' · ')}</td></tr>`;
  const factors = [...(result.conditioning?.factors ?? []).map(posteriorRow(3)), ...(result.conditioning?.capacity ?? []).map(posteriorRow(1))].join('\n');
  const aside = setAsideNote(c.setAside, result.input.start, 'observations file');
  if (c.observations.length === 0) {
    return `<section id="conditioning">
<h2>What the observations changed</h2>
<p><b>Nothing</b>: no observation of the file falls within the run, so every simulated future weighs the same and the answers above are the forecast from the scenario as it stands.</p>
${aside}
</section>`;
  }
  return `<section id="conditioning">
<h2>What the observations changed</h2>
${aside}
<p>The answers above are <b>conditioned</b> on ${h(int(c.observations.length))} observation${c.observations.length === 1 ? '' : 's'}: each of the ${h(int(s.runs))} simulated futures is weighted by how likely it makes what was observed (importance weighting; each observation is taken as the simulated value plus a Gaussian error of the standard deviation shown). Effective sample size: <b>${h(c.effectiveSampleSize.toFixed(1))}</b> of ${h(int(s.runs))} futures (${h(int(c.replicationsWeighted))} carry any weight${faintNote(result)}); the 95% intervals of conditioned chances use it as their number of futures.</p>
<div class="scroll"><table>
<thead><tr><th>Target</th><th class="num">Chance before<span class="sub">prior, 95% interval</span></th><th class="num">Chance after<span class="sub">conditioned, 95% interval</span></th><th class="num">Median value before</th><th class="num">Median value after</th></tr></thead>
<tbody>
${targets}
${joint}
</tbody>
</table></div>
<h3>The observations against the simulated futures</h3>
<div class="scroll"><table>
<thead><tr><th>Date</th><th>Region</th><th>Metric</th><th class="num">Observed<span class="sub">± error sd</span></th><th class="num">Simulated before<span class="sub">P5 · P50 · P95</span></th><th class="num">Simulated after<span class="sub">P5 · P50 · P95</span></th><th class="num">Tail probability<span class="sub">before conditioning</span></th></tr></thead>
<tbody>
${observations}
</tbody>
</table></div>
<p class="note">Tail probability: how surprising the observation is to the model before conditioning (two-sided, with the observation error). Below 0.001, or outside every simulated future, it is a prior–data conflict: the scenario as calibrated does not produce what was seen, and the scenario should be re-calibrated rather than the conditioned numbers trusted.</p>
${factors ? `<h3>${result.conditioning?.capacity?.length ? 'National factors and delivery capacity' : 'National factors'} before and after</h3>
<div class="scroll"><table>
<thead><tr><th>Input</th><th class="num">Before (prior)<span class="sub">P10 · P50 · P90</span></th><th class="num">After the observations<span class="sub">P10 · P50 · P90</span></th></tr></thead>
<tbody>
${factors}
</tbody>
</table></div>` : ''}
${regionParts(result.conditioning?.regions ?? [])}
<p class="note">The charts below show the conditioned futures, and so do the “drivers” chart and “What goes wrong together”: each future counts with its weight. The same run without <code>--observed</code> gives the prior answer alone.</p>
</section>`;
}

/** The note on observations left out of a run that starts from a status (dated before its start), or ''. */
function setAsideNote(list: readonly SetAsideObservation[] | undefined, start: string, file: string): string {
  if (!list || list.length === 0) return '';
  const items = list.map((o) => `<li>${h(o.metric)} (${h(where(o.region))}) on ${h(humanDate(o.date))}: ${h(value(o.metric, o.value))}${o.origin ? ` <span class="sub">${h(o.origin)}</span>` : ''}</li>`).join('\n');
  return `<p class="note">Left out of the ${h(file)}: ${h(int(list.length))} observation${list.length === 1 ? '' : 's'} dated before the run's start${start ? ` (${h(humanDate(start))})` : ''}. The run starts from a status, which already says where the programme stood on those dates.</p>
<ul class="note">
${items}
</ul>`;
}

/** The back-test (scores.json) as a table: each observation's percentile in the forecast and its CRPS. */
export function scoresSection(result: RunResult): string {
  const sc = result.scores;
  if (!sc) return '';
  if (sc.observations.length === 0) {
    return `<section id="scores">
<h2>Back-test: the forecast against what was observed</h2>
${setAsideNote(sc.setAside, result.input.start, 'scored file')}
<p>Not scored: no observation of the scored file falls within the run, so there is nothing to back-test the forecast against. Add the counts published since its start.</p>
</section>`;
  }
  const rows = sc.observations.map((o) => `<tr>
  <td>${h(humanDate(o.date))}</td><td>${h(where(o.region))}</td><td>${h(o.metric)}</td>
  <td class="num"><b>${h(value(o.metric, o.value))}</b></td>
  <td class="num">${h(value(o.metric, o.forecast.p5))} · ${h(value(o.metric, o.forecast.p50))} · ${h(value(o.metric, o.forecast.p95))}</td>
  <td class="num${o.outside ? ' conflict' : ''}">${h(o.pit.toFixed(3))}${o.outside ? `<span class="sub">${h(o.outside)} the P5–P95 band</span>` : ''}</td>
  <td class="num">${h(num(+o.crps.toPrecision(4)))}</td>
</tr>`).join('\n');
  return `<section id="scores">
<h2>Back-test: the forecast against what was observed</h2>
${setAsideNote(sc.setAside, result.input.start, 'scored file')}
<p>${h(int(sc.summary.outsideP5P95))} of ${h(int(sc.summary.observations))} observations fell outside the ${h(sc.forecast === 'conditioned' ? 'conditioned' : 'prior')} forecast’s P5–P95 band (a well-calibrated forecast: about 1 in 10).</p>
<div class="scroll"><table>
<thead><tr><th>Date</th><th>Region</th><th>Metric</th><th class="num">Observed</th><th class="num">Forecast<span class="sub">P5 · P50 · P95</span></th><th class="num">PIT<span class="sub">forecast percentile</span></th><th class="num">CRPS<span class="sub">lower is better</span></th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<p class="note">PIT is the mid-PIT, P(X &lt; y) + ½ P(X = y) over the simulated values X: near 0 the observation is below almost every future, near 1 above. CRPS is in the metric’s unit (settlements for a count, km for <code>fibre-km</code>). Both are in <code>scores.json</code>.</p>
</section>`;
}

/**
 * Why “What goes wrong together” counts fewer futures than carry weight: '; “What goes wrong
 * together” counts the 165 at least 1/2,000 as likely as the likeliest'. '' when it counts them all.
 */
function faintNote(result: RunResult): string {
  const f = faintFutures(result);
  return f && f.described < f.weighted ? `; <a href="#together">What goes wrong together</a> counts the ${h(int(f.described))} at least 1/2,000 as likely as the likeliest` : '';
}

/**
 * Each region's part of each factor before and after (regionPartPosteriors), the regions
 * whose median moved most first; folded, since national counts leave them all where they were.
 */
function regionParts(rows: readonly RegionPartPosterior[]): string {
  if (rows.length === 0) return '';
  const spread = (x: { p10: number; p50: number; p90: number }) => [x.p10, x.p50, x.p90].map((v) => v.toFixed(3)).join(' · ');
  const moved = rows.filter(movedBeyondNoise).length;
  return `<details>
<summary>Each region's part of a factor before and after (${h(int(rows.length))} rows; ${moved === 0 ? 'no median moved beyond what chance moves it' : moved === 1 ? 'one moved its median beyond what chance moves it, listed first' : `${h(int(moved))} moved their median beyond what chance moves it, listed first`})</summary>
<div class="scroll"><table>
<thead><tr><th>Region and factor</th><th class="num">Before (prior)<span class="sub">P10 · P50 · P90</span></th><th class="num">After the observations<span class="sub">P10 · P50 · P90</span></th><th class="num">Chance alone<span class="sub">moves the median ±</span></th></tr></thead>
<tbody>
${rows.map((r) => `<tr${movedBeyondNoise(r) ? ' class="moved"' : ''}><td>${h(r.label)}</td><td class="num">${spread(r.prior)}</td><td class="num">${movedBeyondNoise(r) ? `<b>${spread(r.posterior)}</b>` : spread(r.posterior)}</td><td class="num">${Number.isFinite(r.noise) ? r.noise.toFixed(3) : '–'}</td></tr>`).join('\n')}
</tbody>
</table></div>
<p class="note">A region's part multiplies the national factor in that region only (its contractors' pace, its akimats' permits). Counts observed for a region move its part; national counts say little of any one region. With few effective futures every median wanders: “chance alone” is three standard errors of a median from the effective sample size (none when the weighting has collapsed), and only a move beyond it (in bold) is read as something the observations say.</p>
</details>`;
}
