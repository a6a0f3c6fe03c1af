/** The report layer: turns a Monte Carlo RunResult into summary.json, timeseries.csv, charts and report.html. */
export { wilson, quantileFromCounts } from './stats.js';
export { summaryJson } from './summary-json.js';
export { discoveryJson } from './discovery-json.js';
export { timeseriesCsv, settlementsCsv } from './csv.js';
export { buildCharts, type ChartFile, type ChartOptions } from './build-charts.js';
export { reportHtml } from './html.js';
export { writeReport, writeComparison, writeSensitivity, writeGoal, writeAllocation, type ReportOptions } from './write.js';
/** `rollout allocate`: allocation.json, its charts and allocation.html. */
export { allocationJson } from './allocation-json.js';
export { allocationHtml } from './html-allocation.js';
/** `rollout goal`: goal.json, its chart and goal.html. */
export { goalJson } from './goal-json.js';
export { goalHtml } from './html-goal.js';
export { loadPngRenderer, PngRendererError } from './render-png.js';
/** `rollout compare`: comparison.json, its charts and comparison.html. */
export { comparisonJson } from './comparison-json.js';
export { buildComparisonCharts, buildSensitivityCharts } from './analysis-charts.js';
export { comparisonHtml } from './html-comparison.js';
/** `rollout sensitivity`: sensitivity.json, its charts and sensitivity.html. */
export { sensitivityJson } from './sensitivity-json.js';
export { sensitivityHtml } from './html-sensitivity.js';
export { inputValue, measureFormat, measureOf, PINNED_TEXT, pinnedText, rankingMeasure, sortedSwings, swingOf } from './charts/sensitivity.js';
/** Conditioned and scored runs (--observed, --score): summary.json's "conditioning" and scores.json. */
export { conditioningJson, scoresJson, weightsCsv } from './conditioning-json.js';
