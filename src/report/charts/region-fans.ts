import type { RunResult } from '../../montecarlo/result.js';
import { humanDate, sig } from '../format.js';
import { COLOURS, dateAxis, dateMs, emptyNote, framed, type ChartContext, type Spec } from './common.js';

export const REGION_FANS_TITLE = 'Fibre by region: which regions lag?';

const COLUMNS = 4;
const PANEL_W = 190;
const PANEL_H = 120;
/**
 * The most panels drawn: beyond this a page of small multiples stops being readable and
 * rendering it takes seconds per hundred regions (an interrupt waits for it). The regions
 * furthest behind are the ones drawn; every region's series stays in timeseries.csv.
 */
export const MAX_PANELS = 40;

/** Chart 4 (`region-fans`): small multiples of each region's fibre share over time (P10–P90 band and median). */
export function regionFansSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const regionName = new Map(result.input.regions.map((r) => [r.id, r.name]));
  for (const r of result.regions) if (!regionName.has(r.id)) regionName.set(r.id, r.name);
  const fibreTarget = result.summary.targets.find((t) => t.metric === 'fibre-share');
  const keyDate = fibreTarget?.deadline ?? result.input.horizon;

  // Order the panels from the region furthest behind at the first fibre deadline.
  const series = new Map<string, { date: string; p10: number; p50: number; p90: number }[]>();
  for (const p of result.timeseries) {
    if (!p.series.startsWith('fibre:')) continue;
    const id = p.series.slice('fibre:'.length);
    let list = series.get(id);
    if (!list) series.set(id, (list = []));
    list.push({ date: p.date, p10: sig(p.p10, 4), p50: sig(p.p50, 4), p90: sig(p.p90, 4) });
  }
  const medianAt = (id: string): number => {
    const list = series.get(id) ?? [];
    let best = list[0]?.p50 ?? 0;
    for (const q of list) if (q.date <= keyDate) best = q.p50;
    return best;
  };
  const all = [...series.keys()].sort((a, b) => medianAt(a) - medianAt(b) || (regionName.get(a) ?? a).localeCompare(regionName.get(b) ?? b));
  const ids = all.slice(0, MAX_PANELS);
  const rows = ids.flatMap((id, order) =>
    (series.get(id) ?? []).map((q) => ({ region: regionName.get(id) ?? id, order, date: q.date, p10: q.p10, p50: q.p50, p90: q.p90 })),
  );

  const domain: [string, string] = [result.input.start, result.input.horizon];
  const xType = { ...dateAxis(domain), axis: { format: '%Y', labelAngle: 0, tickCount: { interval: 'year', step: 1 }, grid: true, labelFontSize: 11 } };
  const x = { field: 'date', ...xType };
  const y = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: null, tickCount: 5, labelFontSize: 11 } };
  const marks: Spec[] = [
    { mark: { type: 'area', color: COLOURS.fibre, opacity: 0.25 }, encoding: { x, y: { field: 'p10', ...y }, y2: { field: 'p90' } } },
    {
      mark: { type: 'line', color: COLOURS.fibre, strokeWidth: 2 },
      encoding: {
        x,
        y: { field: 'p50', ...y },
        tooltip: [
          { field: 'region', title: 'Region' },
          { field: 'date', type: 'temporal', title: 'Date', format: '%d %b %Y', scale: { type: 'utc' } },
          { field: 'p10', type: 'quantitative', title: 'P10', format: '.1%' },
          { field: 'p50', type: 'quantitative', title: 'Median', format: '.1%' },
          { field: 'p90', type: 'quantitative', title: 'P90', format: '.1%' },
        ],
      },
    },
  ];
  if (fibreTarget) {
    // One row per panel (aggregate), so each panel draws the target once.
    const one = [{ aggregate: [{ op: 'count', as: 'n' }], groupby: ['region'] }];
    marks.push(
      { transform: one, mark: { type: 'rule', color: COLOURS.deadline, strokeDash: [4, 3], strokeWidth: 1 }, encoding: { x: { datum: dateMs(fibreTarget.deadline), ...xType } } },
      {
        transform: one,
        mark: { type: 'point', shape: 'diamond', size: 70, filled: true, color: COLOURS.target, opacity: 1 },
        encoding: { x: { datum: dateMs(fibreTarget.deadline), ...xType }, y: { datum: fibreTarget.threshold, ...y } },
      },
    );
  }
  const subtitle = [
    'Share of each region’s rural settlements on fibre. Band: 8 in 10 simulated futures (P10–P90); line: median.',
    fibreTarget
      ? `Diamond: the national target (${Math.round(fibreTarget.threshold * 100)}% by ${humanDate(fibreTarget.deadline)}). Regions ordered from the furthest behind at that date.`
      : 'Regions ordered from the furthest behind at the end of the simulation.',
    ...(all.length > ids.length ? [`The ${ids.length} regions furthest behind, of ${all.length}; every region's series is in timeseries.csv.`] : []),
  ];
  const width = COLUMNS * PANEL_W + (COLUMNS - 1) * 18;
  if (rows.length === 0) return framed(result, REGION_FANS_TITLE, subtitle[0]!, emptyNote('This run recorded no regional fibre series.', width), width, ctx);
  return framed(
    result,
    REGION_FANS_TITLE,
    subtitle,
    {
      data: { values: rows },
      columns: COLUMNS,
      spacing: { row: 14, column: 18 },
      facet: { field: 'region', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, header: { labelFontSize: 13, labelFontWeight: 'bold', labelAnchor: 'start', labelPadding: 4, labelLimit: PANEL_W } },
      spec: { width: PANEL_W, height: PANEL_H, layer: marks },
    },
    width,
    ctx,
  );
}
