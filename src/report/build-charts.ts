import { AbortedError } from '../montecarlo/pool.js';
import type { RunResult } from '../montecarlo/result.js';
import { CHARTS } from './charts/index.js';
import { chartText } from './chart-text.js';
import { renderPng } from './render-png.js';
import { renderSvg } from './render-svg.js';

/** One chart of the report: its Vega-Lite spec (data inlined), the SVG rendered from it, and optionally a PNG. */
export interface ChartFile {
  name: string;
  spec: object;
  svg: string;
  png?: Uint8Array;
  title: string;
  /** One sentence for the page the chart sits in: how to read it. */
  howToRead?: string;
}

/** Options of every chart builder: PNGs too, and the run's date for the provenance footers. */
export interface ChartOptions {
  png?: boolean;
  /** ISO date-time of the run, shown in every chart's footer when given. */
  runDate?: string;
  /** Stops between charts when aborted (Ctrl-C while the report is being written). */
  signal?: AbortSignal;
}

/** A chart to render: what buildCharts and the comparison and sensitivity builders hand to renderCharts. */
export interface ChartToRender {
  name: string;
  title: string;
  howToRead?: string;
  spec: object;
}

/**
 * Renders each spec to SVG (and PNG when asked), naming the chart in any error. Between
 * charts it yields to the event loop and stops with AbortedError once `signal` is aborted,
 * so an interrupt is honoured while the report is being written.
 */
export async function renderCharts(list: readonly ChartToRender[], opts: { png?: boolean; signal?: AbortSignal } = {}): Promise<ChartFile[]> {
  const files: ChartFile[] = [];
  for (const { spec: raw, ...chart } of list) {
    await new Promise(setImmediate);
    if (opts.signal?.aborted) throw new AbortedError();
    const spec = chartText(raw);
    let svg: string;
    try {
      svg = await renderSvg(spec);
    } catch (err) {
      throw new Error(`report: chart '${chart.name}' failed to render: ${(err as Error).message}`, { cause: err });
    }
    const file: ChartFile = { name: chart.name, spec, svg, title: chart.title };
    if (chart.howToRead) file.howToRead = chart.howToRead;
    if (opts.png) file.png = await renderPng(svg);
    files.push(file);
  }
  return files;
}

/**
 * Builds every chart of the report from a run's result, rendering each to SVG (and PNG when
 * asked); the convergence chart only when the run recorded convergence points.
 */
export async function buildCharts(result: RunResult, opts: ChartOptions = {}): Promise<ChartFile[]> {
  const ctx = opts.runDate ? { runDate: opts.runDate } : {};
  const list = CHARTS.filter((c) => !c.when || c.when(result)).map((c) => ({ name: c.name, title: c.title, howToRead: c.howToRead, spec: c.spec(result, ctx) }));
  return renderCharts(list, opts);
}
