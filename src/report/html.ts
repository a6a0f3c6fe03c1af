import type { RunResult } from '../montecarlo/result.js';
import type { ChartFile } from './build-charts.js';
import { escapeHtml as h, humanDate, int, pct } from './format.js';
import { answerSection } from './html-answer.js';
import { readingsSection } from './html-readings.js';
import { costSection } from './html-cost.js';
import { recordSection } from './html-record.js';
import { discoverySection } from './html-discovery.js';
import { assumptions } from './html-assumptions.js';
import { sourcesSection } from './html-sources.js';
import { regionTable, spendTable, unfinishedSection, crewTable } from './html-detail.js';
import { chartFigure, htmlPage, runDateRow, scenarioRows } from './html-page.js';
import { halfWidthText, precisionSentence } from './precision.js';
import { startSentences } from './region-honesty.js';
import { OBSERVED_CSS, conditioningSection, conditioningWarnings, scoresSection } from './html-observed.js';
import { revisionSection } from './html-revision.js';

/** report.html: one self-contained page — the answer, the charts, the detail, provenance — that opens with no network. */
export function reportHtml(result: RunResult, charts: ChartFile[], runDate?: string, opts: { outDir?: string } = {}): string {
  const s = result.summary;
  const title = `${s.scenario.name}: chance of meeting the rural broadband targets`;
  const stop = precisionSentence(result);
  // The first table when a target has readings: the definition is argued about before the probability is quoted.
  const readings = readingsSection(result);
  const main = `<header>
<h1>Will the rural broadband targets be met?</h1>
<p class="lede">Scenario <b>${h(s.scenario.name)}</b>${result.input.description ? ` — ${h(result.input.description.trim().replace(/[.\s]+$/, ''))}` : ''}. ${h(int(s.runs))} simulated futures of the rollout from ${h(humanDate(result.input.start))} to ${h(humanDate(result.input.horizon))}.</p>
<nav class="toc">${readings ? '<a href="#readings">Readings of the targets</a>' : ''}<a href="#answer">The answer</a>${result.revision ? '<a href="#revision">Since the previous forecast</a>' : ''}${result.summary.cost && (result.summary.cost.p90 > 0 || result.summary.cost.mean > 0) ? '<a href="#money">Money</a>' : ''}${result.drivers?.discovery?.length ? '<a href="#together">What goes wrong together</a>' : ''}${result.input.deliveryRecord?.length ? '<a href="#record">Against the record</a>' : ''}<a href="#charts">Charts</a><a href="#regions">By region</a><a href="#assumptions">Assumptions</a><a href="#provenance">Provenance</a></nav>
</header>
${conditioningWarnings(result)}${readings}${answerSection(result)}
${revisionSection(result)}
${costSection(result)}
${recordSection(result)}
${discoverySection(result)}
${conditioningSection(result)}${scoresSection(result)}
<section id="charts">
<h2>Charts</h2>
${charts.map(chartFigure).join('\n')}
</section>
<section id="detail">
<h2 id="regions">By region</h2>
${regionIntro(result)}
${regionTable(result)}
<h3>Not finished by the end of the simulation</h3>
${unfinishedSection(result)}
<h3>Money committed</h3>
${spendTable(result)}
<h3>Crew utilisation</h3>
${crewTable(result)}
<h2 id="assumptions">Assumptions</h2>
<p class="note">What this scenario assumes; every figure comes from the scenario file.</p>
${assumptions(result.input)}
${sourcesSection(result.sources, result.catalogue, opts.outDir)}
</section>
<section id="provenance">
<h2>Provenance</h2>
<dl class="prov">
${scenarioRows(s.scenario)}<dt>Seed</dt><dd>${h(String(s.seed))}</dd>
<dt>Runs</dt><dd>${h(int(s.runs))}</dd>
${result.precision ? `<dt>Stopping rule</dt><dd>until every target’s 95% half-width is at most ${h(halfWidthText(result.precision.halfWidth))}, at most ${h(int(result.precision.maxRuns))} replications. ${h(stop ?? '')}</dd>\n` : ''}${runDateRow(runDate)}<dt>Targets met jointly</dt><dd>${h(pct(s.joint.probability))}</dd>
<dt>Mean events per run</dt><dd>${h(int(result.eventsPerRun))}</dd>
<dt>Tool</dt><dd>rollout-sim ${h(s.version)}</dd>
</dl>
<p class="note">The same scenario file, seed and number of runs reproduce these numbers exactly (<code>rollout run ${h(s.scenario.file)} --seed ${h(String(s.seed))} --runs ${h(String(s.runs))}</code>).</p>
</section>`;
  return htmlPage({ title, version: s.version, main, charts, css: s.conditioning || result.scores ? OBSERVED_CSS : undefined });
}

/**
 * What the region table shows and how to read it: each region against its own fibre
 * ceiling, and which starting counts are estimates (so that none is read as a finding).
 */
function regionIntro(result: RunResult): string {
  const starts = startSentences(result);
  return `<p class="note">Fibre share of each region’s rural settlements at each target deadline across the simulated futures, against the region’s own <b>ceiling</b>: the share its technology rule allows on fibre (the settlements the rule sends to satellite or masts can never be on fibre, so a region with 30% on satellite tops out at 70%). The ceiling varies from one simulated future to the next, as populations and distances are drawn; “Ceiling ≥ 90%” is the chance the region can reach 90% on fibre at all. The <b>gap to its ceiling</b> is what the region’s delivery leaves undone — a gap below 90% that the ceiling makes inevitable is the rule’s, not the region’s. Also the chance the region has at least 90% on fibre by then, and the stage where its settlements wait longest.</p>
${starts.length ? `<p class="start-basis">${starts.map(h).join(' ')}</p>` : ''}`;
}
