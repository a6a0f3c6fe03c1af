import type { RunResult } from '../montecarlo/result.js';
import { browserScripts } from './assets.js';
import type { ChartFile } from './build-charts.js';
import { CHARTS } from './charts/index.js';
import { escapeHtml as h, humanDate, int, jsonForScript, pct } from './format.js';
import { answerSection } from './html-answer.js';
import { assumptions } from './html-assumptions.js';
import { regionTable, spendTable, unfinishedSection } from './html-detail.js';
import { REPORT_CSS } from './html-style.js';

/**
 * No network, ever: scripts and styles are inline, images only data: URIs, nothing may be
 * fetched or posted. 'unsafe-eval' is there because Vega compiles its expressions with Function.
 */
const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

/** Makes the ids inside one inline SVG unique in the page (clip paths and gradients refer to them by id). */
function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>\s*/, '')
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`);
}

function figure(chart: ChartFile, i: number): string {
  const how = CHARTS.find((c) => c.name === chart.name)?.howToRead;
  const svg = scopeSvgIds(chart.svg, `c${i}-`);
  return `<figure id="fig-${h(chart.name)}">
<div class="chart" id="chart-${i}" data-chart="${h(chart.name)}">
<div class="embed"></div>
<div class="fallback">${svg}</div>
</div>
${how ? `<figcaption><b>How to read this:</b> ${h(how)}</figcaption>` : ''}
</figure>`;
}

/** The script that replaces each pre-rendered SVG by the interactive chart and marks the container data-rendered. */
const INIT = `(function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  specs.forEach(function (spec, i) {
    var holder = document.getElementById('chart-' + i);
    if (!holder) return;
    var target = holder.querySelector('.embed');
    var fallback = holder.querySelector('.fallback');
    if (typeof vegaEmbed !== 'function') { holder.setAttribute('data-rendered', 'fallback'); return; }
    vegaEmbed(target, spec, { actions: false, renderer: 'svg', mode: 'vega-lite', tooltip: true })
      .then(function () {
        if (fallback && fallback.parentNode) fallback.parentNode.removeChild(fallback);
        holder.setAttribute('data-rendered', 'true');
      })
      .catch(function (err) {
        holder.setAttribute('data-rendered', 'error');
        holder.setAttribute('data-error', String((err && err.message) || err));
        if (target && target.parentNode) target.parentNode.removeChild(target);
      });
  });
})();`;

/** report.html: one self-contained page — the answer, the charts, the detail, provenance — that opens with no network. */
export function reportHtml(result: RunResult, charts: ChartFile[]): string {
  const s = result.summary;
  const scripts = browserScripts();
  const specs = jsonForScript(charts.map((c) => c.spec));
  const title = `${s.scenario.name}: chance of meeting the rural broadband targets`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rollout-sim ${h(s.version)}">
<title>${h(title)}</title>
<style>${REPORT_CSS}
.chart .embed { display: none; }
.chart[data-rendered="true"] .embed { display: block; }
</style>
</head>
<body>
<main>
<header>
<h1>Will the rural broadband targets be met?</h1>
<p class="lede">Scenario <b>${h(s.scenario.name)}</b>${result.input.description ? ` — ${h(result.input.description.trim().replace(/[.\s]+$/, ''))}` : ''}. ${h(int(s.runs))} simulated futures of the rollout from ${h(humanDate(result.input.start))} to ${h(humanDate(result.input.horizon))}.</p>
<nav class="toc"><a href="#answer">The answer</a><a href="#charts">Charts</a><a href="#regions">By region</a><a href="#assumptions">Assumptions</a><a href="#provenance">Provenance</a></nav>
</header>
${answerSection(result)}
<section id="charts">
<h2>Charts</h2>
${charts.map(figure).join('\n')}
</section>
<section id="detail">
<h2 id="regions">By region</h2>
<p class="note">Fibre share of each region’s rural settlements at each target deadline across the simulated futures, the chance the region has at least 90% on fibre by then, and the stage where its settlements wait longest.</p>
${regionTable(result)}
<h3>Not finished by the end of the simulation</h3>
${unfinishedSection(result)}
<h3>Money committed</h3>
${spendTable(result)}
<h2 id="assumptions">Assumptions</h2>
<p class="note">What this scenario assumes; every figure comes from the scenario file.</p>
${assumptions(result.input)}
</section>
<section id="provenance">
<h2>Provenance</h2>
<dl class="prov">
<dt>Scenario</dt><dd>${h(s.scenario.name)}</dd>
<dt>File</dt><dd><code>${h(s.scenario.file)}</code></dd>
<dt>sha256 of the resolved scenario</dt><dd><code>${h(s.scenario.sha256)}</code></dd>
<dt>Seed</dt><dd>${h(String(s.seed))}</dd>
<dt>Runs</dt><dd>${h(int(s.runs))}</dd>
<dt>Targets met jointly</dt><dd>${h(pct(s.joint.probability))}</dd>
<dt>Mean events per run</dt><dd>${h(int(result.eventsPerRun))}</dd>
<dt>Tool</dt><dd>rollout-sim ${h(s.version)}</dd>
</dl>
<p class="note">The same scenario file, seed and number of runs reproduce these numbers exactly (<code>rollout run ${h(s.scenario.file)} --seed ${h(String(s.seed))} --runs ${h(String(s.runs))}</code>).</p>
</section>
</main>
<script type="application/json" id="chart-specs">${specs}</script>
${scripts.map((js) => `<script>${js}</script>`).join('\n')}
<script>${INIT}</script>
</body>
</html>
`;
}
