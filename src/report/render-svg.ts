import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { installTextMetrics } from './text-metrics.js';

/** Compiles a Vega-Lite spec to a Vega spec (throws on an invalid spec). */
export function toVega(spec: object): vega.Spec {
  // Vega tags and extends the data objects it ingests: give it a copy so the caller's spec stays as written.
  return compile(JSON.parse(JSON.stringify(spec)) as TopLevelSpec).spec as vega.Spec;
}

/**
 * Renders a Vega-Lite spec (data inlined) to an SVG string, headless: no canvas, no DOM.
 * Text from the data is escaped by Vega's SVG renderer, so labels stay text.
 */
export async function renderSvg(spec: object): Promise<string> {
  installTextMetrics();
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
