import type { RunResult } from '../../montecarlo/result.js';
import { byText } from '../../montecarlo/text-order.js';
import { humanDate, sig } from '../format.js';
import { COLOURS, dateAxis, dateMs, emptyNote, framed, type ChartContext, type Spec, withAria } from './common.js';
import { assumedStart, assumedStartNotes, furthestBehind, START_LABEL } from '../region-honesty.js';

export const REGION_FANS_TITLE = 'Fibre by region: which regions lag behind what their rule allows?';

const COLUMNS = 4;
const PANEL_W = 190;
const PANEL_H = 120;
/**
 * The most panels drawn: beyond this a page of small multiples stops being readable and
 * rendering it takes seconds per hundred regions (an interrupt waits for it). The regions
 * furthest below their own ceiling are the ones drawn; every region's series stays in timeseries.csv.
 */
export const MAX_PANELS = 40;

/**
 * Chart 4 (`region-fans`): small multiples of each region's fibre share over time (P10–P90
 * band and median), each against the region's own ceiling — the share its technology rule
 * allows on fibre (dashed line; the grey area above it is out of fibre's reach) — ordered
 * by the gap to that ceiling at the first fibre deadline, so no region is ranked behind
 * for a gap its satellite share makes inevitable. A panel whose starting count is an
 * estimate says so.
 */
export function regionFansSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const regionName = new Map(result.input.regions.map((r) => [r.id, r.name]));
  for (const r of result.regions) if (!regionName.has(r.id)) regionName.set(r.id, r.name);
  const fibreTarget = result.summary.targets.filter((t) => t.metric === 'fibre-share').sort((a, b) => byText(a.deadline, b.deadline))[0];

  const series = new Map<string, { date: string; p10: number; p50: number; p90: number }[]>();
  for (const p of result.timeseries) {
    if (!p.series.startsWith('fibre:')) continue;
    const id = p.series.slice('fibre:'.length);
    let list = series.get(id);
    if (!list) series.set(id, (list = []));
    list.push({ date: p.date, p10: sig(p.p10, 4), p50: sig(p.p50, 4), p90: sig(p.p90, 4) });
  }
  // Furthest below their own ceiling first; a series without a region summary goes last.
  const summaries = new Map(result.regions.map((r) => [r.id, r]));
  const ranked = furthestBehind(result).map((r) => r.id).filter((id) => series.has(id));
  const all = [...ranked, ...[...series.keys()].filter((id) => !summaries.has(id)).sort()];
  const ids = all.slice(0, MAX_PANELS);
  const rows = ids.flatMap((id, order) => {
    const r = summaries.get(id);
    const extra = r ? { ceiling: sig(r.fibreCeiling.p50, 4), ceilingP10: sig(r.fibreCeiling.p10, 4), ceilingP90: sig(r.fibreCeiling.p90, 4), start: assumedStart(r) ? `start: ${START_LABEL[r.start.basis!]}` : '' } : {};
    return (series.get(id) ?? []).map((q) => ({ region: regionName.get(id) ?? id, order, date: q.date, p10: q.p10, p50: q.p50, p90: q.p90, ...extra }));
  });
  const estimated = result.regions.filter(assumedStart).length;

  const domain: [string, string] = [result.input.start, result.input.horizon];
  const xType = { ...dateAxis(domain), axis: { format: '%Y', labelAngle: 0, tickCount: { interval: 'year', step: 1 }, grid: true, labelFontSize: 11 } };
  const x = { field: 'date', ...xType };
  const y = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: null, tickCount: 5, labelFontSize: 11 } };
  const marks: Spec[] = [
    withAria({ mark: { type: 'area', color: COLOURS.fibre, opacity: 0.25 }, encoding: { x, y: { field: 'p10', ...y }, y2: { field: 'p90' } } }, [{ title: 'Region', field: 'region' }, { title: 'Date', field: 'date', time: '%d %b %Y' }, { title: 'P10', field: 'p10', format: '.0%' }, { title: 'P90', field: 'p90', format: '.0%' }]),
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
  // The ceiling, once per panel: what is above it the rule sends to satellite or masts.
  const perPanel = [{ aggregate: [{ op: 'max', field: 'ceiling', as: 'ceiling' }, { op: 'max', field: 'ceilingP10', as: 'ceilingP10' }, { op: 'max', field: 'ceilingP90', as: 'ceilingP90' }], groupby: ['region', 'start'] }, { filter: 'isValid(datum.ceiling)' }];
  marks.unshift(
    { transform: perPanel, mark: { type: 'rect', color: COLOURS.muted, opacity: 0.12 }, encoding: { y: { field: 'ceiling', ...y }, y2: { datum: 1 } } },
    {
      transform: perPanel,
      mark: { type: 'rule', color: COLOURS.muted, strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: {
        y: { field: 'ceiling', ...y },
        tooltip: [
          { field: 'region', title: 'Region' },
          { field: 'ceiling', type: 'quantitative', title: 'Ceiling (median): share its rule allows on fibre', format: '.1%' },
          { field: 'ceilingP10', type: 'quantitative', title: 'Ceiling P10', format: '.1%' },
          { field: 'ceilingP90', type: 'quantitative', title: 'Ceiling P90', format: '.1%' },
        ],
      },
    },
  );
  marks.push({
    transform: perPanel,
    mark: { type: 'text', align: 'right', baseline: 'bottom', x: PANEL_W - 4, y: PANEL_H - 4, fontSize: 11, fontStyle: 'italic', color: '#8a5a00' },
    encoding: { text: { field: 'start' } },
  });
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
    'Dashed line: the region’s ceiling, the share its technology rule allows on fibre (median);',
    'grey above it: the settlements the rule sends to satellite or masts.',
    fibreTarget
      ? `Diamond: the national target (${Math.round(fibreTarget.threshold * 100)}% by ${humanDate(fibreTarget.deadline)}). Ordered by the gap to their own ceiling then, largest first.`
      : 'Regions ordered by their gap to their own ceiling at the end of the simulation, largest first.',
    ...(estimated > 0 ? [`${assumedStartNotes(result)}: the starting count is not (wholly) a published figure; the panel rests on an assumed start.`] : []),
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
