import type { RunResult } from '../montecarlo/result.js';
import { CHARTS } from './charts/index.js';
import { renderPng } from './render-png.js';
import { renderSvg } from './render-svg.js';

/** One chart of the report: its Vega-Lite spec (data inlined), the SVG rendered from it, and optionally a PNG. */
export interface ChartFile {
  name: string;
  spec: object;
  svg: string;
  png?: Uint8Array;
  title: string;
}

/** Builds every chart of the report from a run's result, rendering each to SVG (and PNG when asked). */
export async function buildCharts(result: RunResult, opts: { png?: boolean } = {}): Promise<ChartFile[]> {
  const files: ChartFile[] = [];
  for (const chart of CHARTS) {
    const spec = chart.spec(result);
    let svg: string;
    try {
      svg = await renderSvg(spec);
    } catch (err) {
      throw new Error(`report: chart '${chart.name}' failed to render: ${(err as Error).message}`, { cause: err });
    }
    const file: ChartFile = { name: chart.name, spec, svg, title: chart.title };
    if (opts.png) file.png = renderPng(svg);
    files.push(file);
  }
  return files;
}
