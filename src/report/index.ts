/** The report layer: turns a Monte Carlo RunResult into summary.json, timeseries.csv, charts and report.html. */
export { wilson, quantileFromCounts } from './stats.js';
export { summaryJson } from './summary-json.js';
export { timeseriesCsv } from './csv.js';
export { buildCharts, type ChartFile } from './build-charts.js';
export { reportHtml } from './html.js';
export { writeReport } from './write.js';
