import { browserScripts } from './assets.js';
import type { ChartFile } from './build-charts.js';
import { CHARTS } from './charts/index.js';
import { escapeHtml as h, jsonForScript, runDateText } from './format.js';
import { REPORT_CSS } from './html-style.js';

/**
 * No network, ever: scripts and styles are inline, images only data: URIs, nothing may be
 * fetched or posted. 'unsafe-eval' is there because Vega compiles its expressions with Function.
 */
export const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

/** Makes the ids inside one inline SVG unique in the page (clip paths and gradients refer to them by id). */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>\s*/, '')
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`);
}

/**
 * One chart as a figure: a container the script renders into with vega-embed, the pre-rendered
 * SVG as the fallback (print, no script), and the "how to read this" caption.
 */
export function chartFigure(chart: ChartFile, i: number): string {
  const how = chart.howToRead ?? CHARTS.find((c) => c.name === chart.name)?.howToRead;
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

/**
 * A self-contained page: CSP, the report's stylesheet (screen and print), `main` as given
 * (already escaped HTML), the charts' specs as JSON and the inlined vega, vega-lite and
 * vega-embed builds with the script that renders them. The figures themselves are in `main`
 * (use chartFigure with the chart's index in `charts`).
 */
export function htmlPage(o: { title: string; version: string; main: string; charts: readonly ChartFile[]; css?: string }): string {
  const scripts = browserScripts();
  const specs = jsonForScript(o.charts.map((c) => c.spec));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rollout-sim ${h(o.version)}">
<title>${h(o.title)}</title>
<style>${REPORT_CSS}${o.css ?? ''}
.chart .embed { display: none; }
.chart[data-rendered="true"] .embed { display: block; }
</style>
</head>
<body>
<main>
${o.main}
</main>
<script type="application/json" id="chart-specs">${specs}</script>
${scripts.map((js) => `<script>${js}</script>`).join('\n')}
<script>${INIT}</script>
</body>
</html>
`;
}

/** The provenance list's row for the run's date ('' when none was given). */
/** The provenance rows that name a scenario: its name, its file and the sha256 of the resolved scenario. */
export function scenarioRows(scenario: { name: string; file: string; sha256: string }): string {
  return `<dt>Scenario</dt><dd>${h(scenario.name)}</dd>
<dt>File</dt><dd><code>${h(scenario.file)}</code></dd>
<dt>sha256 of the resolved scenario</dt><dd><code>${h(scenario.sha256)}</code></dd>
`;
}

export function runDateRow(runDate: string | undefined): string {
  return runDate ? `<dt>Run</dt><dd><time datetime="${h(runDate)}">${h(runDateText(runDate))}</time></dd>\n` : '';
}
