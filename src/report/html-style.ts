/** The report's stylesheet: readable on screen, clean on paper (A4, no interactive chrome, no split figures). */
export const REPORT_CSS = `
:root { --ink: #1a1a1a; --muted: #555; --rule: #d9dde3; --accent: #1f5fa8; --joint: #b4541a; --bg-soft: #f5f7fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 "Helvetica Neue", Helvetica, Arial, "DejaVu Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 28px 60px; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 22px; margin: 42px 0 10px; padding-top: 10px; border-top: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 26px 0 8px; }
p { margin: 6px 0 10px; }
.lede { color: var(--muted); font-size: 17px; margin-bottom: 18px; }
.headline { font-size: 22px; margin: 14px 0 18px; padding: 14px 18px; background: var(--bg-soft); border-left: 6px solid var(--joint); }
.headline strong { font-size: 28px; color: var(--joint); }
.note { color: var(--muted); font-size: 14px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 14px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 9px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; background: #fff; }
td.num, th.num { text-align: right; }
/* A figure is not split across lines; a heading may be: unbroken long headings pushed the money table's appropriations and the comparison's values past the page's edge. */
td.num { white-space: nowrap; }
tr.joint td { font-weight: 600; background: var(--bg-soft); }
.answer td.prob { font-size: 17px; font-weight: 700; color: var(--accent); white-space: nowrap; }
.answer tr.joint td.prob { color: var(--joint); }
.regions th.group { text-align: center; border-bottom: 1px solid var(--ink); }
.regions td.chance { font-weight: 600; }
.regions td.low { color: #a3271b; }
.regions td.high { color: #1d6b45; }
.regions td.ruled-out { color: var(--muted); font-weight: normal; }
.regions .start-estimate, .regions .start-partly-estimated, .regions .start-unmarked { color: #8a5a00; font-style: italic; }
.sub { display: block; color: var(--muted); font-weight: normal; font-size: 13px; }
/* The dense tables in smaller type and padding, so that at 1,280 px every column shows without a scroll: the region table's twelve columns ran 109 px past its column, and the stage names were squeezed into tall rows. */
table.regions { font-size: 13px; }
.regions th, .regions td { padding: 5px 6px; }
.regions td:last-child { min-width: 9em; }
/* The sources' setting paths and values are long unbroken words: they break anywhere rather than push the Cites and File columns off the page (the table ran 189 px past its column). */
.sources table { font-size: 13px; }
.sources td, .sources code { overflow-wrap: anywhere; word-break: break-word; }
.sources td:nth-child(1) { min-width: 12em; }
/* The file name breaks at its hyphen and slash only, not letter by letter. */
.sources td:last-child { overflow-wrap: normal; word-break: normal; }
/* A narrow window (800 px): the tables' headings and second lines wrap rather than hide columns behind a scroll. */
@media (max-width: 900px) {
  main { padding: 20px 14px 40px; }
  table { font-size: 13px; }
  th, td { padding: 5px 5px; }
  .answer td.prob { font-size: 15px; }
  td.num .sub { white-space: normal; }
}
.scroll { overflow-x: auto; }
figure { margin: 26px 0 34px; }
figcaption { font-size: 15px; color: #333; margin-top: 6px; max-width: 860px; }
figcaption b { color: var(--ink); }
.chart svg, .chart canvas { max-width: 100%; height: auto; }
.chart .vega-embed { display: block; width: 100%; }
.chart .fallback svg { display: block; }
dl.prov { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; font-size: 14px; }
dl.prov dt { color: var(--muted); }
dl.prov dd { margin: 0; word-break: break-all; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
nav.toc { font-size: 14px; color: var(--muted); margin: 8px 0 0; }
nav.toc a { color: var(--accent); margin-right: 14px; text-decoration: none; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 18pt; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure, table, .headline, dl.prov { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  #charts figure { break-before: auto; }
  nav.toc, .vega-actions, .vega-bind, #vg-tooltip-element { display: none !important; }
  .scroll { overflow: visible; }
  table { font-size: 9pt; }
  /* Paper does not scroll: at A4's 186 mm the region table's twelve columns ran ~390 px past the edge and the sources' unbroken setting paths and values ~490 px, cut off. */
  table.regions { font-size: 7pt; }
  .regions th, .regions td { padding: 3px 2px; }
  .regions .sub { font-size: 6.5pt; }
  .sources table { font-size: 7.5pt; }
  /* The seasons' twelve months ran 5 px past A4's edge, the readings' eight columns ~60 px. */
  table.seasons { font-size: 8pt; }
  .seasons th, .seasons td { padding: 3px 4px; }
  table.readings { font-size: 7.5pt; }
  .readings th, .readings td { padding: 3px 4px; }
  .readings .sub { font-size: 7pt; }
  .answer.readings td.prob { font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .chart svg { width: 100% !important; height: auto !important; }
}
`;

/** Extra rules of the comparison and sensitivity pages. */
export const ANALYSIS_CSS = `
.compare td, .swings td { vertical-align: middle; }
.compare tbody tr.group-start td { border-top: 2px solid #9aa3ad; }
.compare td.target { background: #fff; min-width: 11em; }
.compare td.diff { font-weight: 600; }
.compare td.up, .swings td.up { color: #1d6b45; }
.compare td.down, .swings td.down { color: #a3271b; }
.compare td.flat { color: var(--muted); }
.compare .option { white-space: nowrap; }
.tag { display: inline-block; font-size: 12px; font-weight: normal; padding: 0 6px; margin-left: 6px; border-radius: 3px; background: var(--bg-soft); color: var(--muted); border: 1px solid var(--rule); }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 7px; vertical-align: baseline; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.option-card { margin: 14px 0 20px; padding: 4px 0 4px 14px; border-left: 4px solid var(--rule); }
.option-card h3 { margin-top: 6px; }
.limits li { margin: 6px 0; }
@media print {
  .option-card, .limits { break-inside: avoid; page-break-inside: avoid; }
  /* At A4's 186 mm the answer's seven columns ran ~180 px past the edge: smaller type, and the second lines under the figures (intervals, independent runs, mean differences) wrap. */
  table.compare { font-size: 7.5pt; }
  .compare th, .compare td { padding: 3px 4px; }
  .compare td.target { min-width: 7em; }
  .compare .sub, .compare .tag { font-size: 7pt; }
  .compare td.num .sub { white-space: normal; }
  .compare td.prob .sub { white-space: nowrap; }
  .answer.compare td.prob { font-size: 11pt; }
}
`;
