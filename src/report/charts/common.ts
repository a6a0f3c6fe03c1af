import type { RunResult, TargetSummary } from '../../montecarlo/result.js';
import type { Metric } from '../../model/input.js';
import { humanDate, int } from '../format.js';

/** A piece of a Vega-Lite spec (kept loose: the compiler checks it, and the tests compile every chart). */
export type Spec = Record<string, unknown>;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Fonts: the browser picks the first it has; resvg falls back to DejaVu Sans (installed on the build machine). */
export const FONT = 'Helvetica Neue, Helvetica, Arial, DejaVu Sans, sans-serif';

export const COLOURS = {
  fibre: '#1f5fa8',
  coverage: '#2a9d6f',
  motorway: '#7b4fa0',
  joint: '#b4541a',
  target: '#222222',
  deadline: '#c0392b',
  muted: '#666666',
  track: '#eceff3',
} as const;

/** Shared look: readable fonts, light grid, no chart border. */
export const CONFIG: Spec = {
  font: FONT,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { fontSize: 18, fontWeight: 'bold', subtitleFontSize: 13, subtitleColor: '#444', anchor: 'start', offset: 14, subtitlePadding: 6, color: '#111' },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', titleColor: '#333', labelColor: '#333', gridColor: '#e3e3e3', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 420, symbolSize: 160 },
  header: { labelFontSize: 13, labelFontWeight: 'bold', titleFontSize: 13, labelColor: '#222' },
  text: { font: FONT },
};

/** Milliseconds since the epoch of a 'YYYY-MM-DD' date at UTC midnight (temporal scale domains). */
export function dateMs(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** The provenance line every chart carries. */
export function provenance(result: RunResult): string {
  const s = result.summary;
  return `Scenario "${s.scenario.name}" · sha256 ${s.scenario.sha256.slice(0, 12)} · seed ${s.seed} · ${int(s.runs)} runs · rollout-sim ${s.version}`;
}

export type NationalSeries = 'fibre' | 'coverage' | 'motorway';

/** Metric → the national series that measures it. */
export function seriesOf(metric: Metric): NationalSeries {
  return metric === 'fibre-share' ? 'fibre' : metric === 'motorway-share' ? 'motorway' : 'coverage';
}

/** People's names of the national series. */
export function seriesNames(result: RunResult): Record<NationalSeries, string> {
  const techs = result.input.coverageTechnologies;
  const words = techs.map((t) => (t === 'mast' ? 'mobile mast' : t));
  return {
    fibre: 'Settlements on fibre',
    coverage: `Settlements covered (${words.join(', ') || 'any technology'})`,
    motorway: 'Motorway km covered by masts',
  };
}

/** The colour of a national series. */
export function seriesColour(s: NationalSeries): string {
  return COLOURS[s];
}

/** '90% on fibre by 31 Dec 2026' — a target's rule in words. */
export function targetRule(t: Pick<TargetSummary, 'metric' | 'threshold' | 'deadline'>): string {
  const what = t.metric === 'fibre-share' ? 'on fibre' : t.metric === 'motorway-share' ? 'of motorway km covered' : 'covered';
  return `${Math.round(t.threshold * 1000) / 10}% ${what} by ${humanDate(t.deadline)}`;
}

/**
 * A finished chart: the title block on top, the body, and the provenance line underneath
 * (a text-only view concatenated below, so it sits at the bottom of every chart and its PNG).
 */
export function framed(result: RunResult, title: string, subtitle: string | string[], body: Spec, footerWidth: number): Spec {
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle },
    config: CONFIG,
    spacing: 18,
    vconcat: [
      body,
      {
        width: footerWidth,
        height: 10,
        view: { stroke: null },
        data: { values: [{ text: provenance(result) }] },
        mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 11, color: COLOURS.muted },
        encoding: { text: { field: 'text', type: 'nominal' }, x: { value: 0 }, y: { value: 0 } },
      },
    ],
  };
}

/** A temporal x axis in real dates (UTC, so no time zone shifts a day). */
export function dateAxis(domain: [string, string] | null, title: string | null = null): Spec {
  return {
    type: 'temporal',
    title,
    scale: domain ? { type: 'utc', domain: [dateMs(domain[0]), dateMs(domain[1])] } : { type: 'utc' },
    axis: { format: '%b %Y', labelAngle: 0, tickCount: { interval: 'month', step: 6 }, labelOverlap: true, grid: true },
  };
}

/** A chart body that only says why there is nothing to draw (e.g. the run recorded no regional series). */
export function emptyNote(text: string, width: number): Spec {
  return {
    width,
    height: 60,
    view: { stroke: '#ccc', strokeDash: [4, 4] },
    data: { values: [{ text }] },
    mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: 14, color: COLOURS.muted },
    encoding: { text: { field: 'text', type: 'nominal' }, x: { value: width / 2 }, y: { value: 30 } },
  };
}
