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
  const sections: TocSection[] = [
    { id: 'readings', title: 'Readings of the targets', html: readings },
    { id: 'answer', title: 'The answer', html: answerSection(result) },
    { id: 'revision', title: 'Since the previous forecast', html: revisionSection(result) },
    { id: 'money', title: 'Money', html: costSection(result) },
    { id: 'record', title: 'Against the record', html: recordSection(result) },
    { id: 'together', title: 'What goes wrong together', html: discoverySection(result) },
    { id: 'conditioning', title: 'What the observations changed', html: conditioningSection(result) },
    { id: 'scores', title: 'Back-test', html: scoresSection(result) },
  ].filter((x) => x.html !== '');
  const main = `<header>
<h1>Will the rural broadband targets be met?</h1>
<p class="lede">Scenario <b>${h(s.scenario.name)}</b>${result.input.description ? ` — ${h(result.input.description.trim().replace(/[.\s]+$/, ''))}` : ''}. ${h(int(s.runs))} simulated futures of the rollout from ${h(humanDate(result.input.start))} to ${h(humanDate(result.input.horizon))}.</p>
${tocNav(sections)}
</header>
${conditioningWarnings(result)}${sections.map((x) => x.html).join('\n')}
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

/** A section of the page above the charts: its anchor, its name in the table of contents, and its HTML ('' when the run has none). */
interface TocSection { id: string; title: string; html: string }

/**
 * The table of contents, built from the sections actually on the page and in their order
 * (then the charts, the regions, the assumptions and provenance, which every page has): a
 * list kept apart from the page pointed past sections that were not there, left out ones
 * that were (the observations, the back-test) and had two of them in the wrong order.
 */
function tocNav(sections: readonly TocSection[]): string {
  const links = [...sections, { id: 'charts', title: 'Charts' }, { id: 'regions', title: 'By region' }, { id: 'assumptions', title: 'Assumptions' }, { id: 'provenance', title: 'Provenance' }];
  return `<nav class="toc">${links.map((x) => `<a href="#${x.id}">${h(x.title)}</a>`).join('')}</nav>`;
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
