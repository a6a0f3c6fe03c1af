import type { RunResult } from '../../montecarlo/result.js';
import { textWidth } from '../text-metrics.js';
import { byText } from '../../montecarlo/text-order.js';
import { stageColours, stageLabel } from '../stage-names.js';
import { emptyNote, framed, orderedKey, type ChartContext, type Spec } from './common.js';
import { pct } from '../format.js';
import { assumedStart, assumedStartNotes, START_LABEL } from '../region-honesty.js';

export const WAITS_TITLE = 'Where does the time go?';

const WIDTH = 640;
const ROW = 24;
/** The most regions drawn (those with the longest totals): more rows are unreadable and slow to render. */
export const MAX_ROWS = 60;


/**
 * Chart 5 (`waits`): mean days per settlement by stage, stacked per region (longest total
 * on top), each region labelled with its fibre ceiling and, where its starting count is an
 * estimate, with that.
 */
export function waitsSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const regionName = new Map(result.input.regions.map((r) => [r.id, r.name]));
  for (const r of result.regions) if (!regionName.has(r.id)) regionName.set(r.id, r.name);
  // Stages in the model's order; a stage no settlement ever spends time in is left out of the legend.
  const stageTotal = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const w of result.waits) {
    stageTotal.set(w.stage, (stageTotal.get(w.stage) ?? 0) + w.meanDays);
    totals.set(w.region, (totals.get(w.region) ?? 0) + w.meanDays);
  }
  const codes = [...stageTotal.keys()].filter((c) => (stageTotal.get(c) ?? 0) > 0);
  const stages = codes.map(stageLabel);
  const everyRegion = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || byText(a, b));
  const regionOrder = everyRegion.slice(0, MAX_ROWS);
  // Rows are keyed by rank (r0 = longest total), never by the region id itself: ids come from files.
  const rank = new Map(regionOrder.map((id, i) => [id, i] as const));
  const rows = result.waits.filter((w) => rank.has(w.region) && codes.includes(w.stage) && w.meanDays > 0).map((w) => ({
    key: `r${rank.get(w.region)}`,
    order: rank.get(w.region)!,
    region: regionName.get(w.region) ?? w.region,
    stage: stageLabel(w.stage),
    stageOrder: codes.indexOf(w.stage),
    days: w.meanDays,
    total: totals.get(w.region) ?? 0,
  }));
  // Beside each total: the region's ceiling (the share its rule allows on fibre — the rest
  // are satellite or mast jobs, whose waits are of another kind) and whether its start is
  // an estimate (the settlements left to connect, whose waits these are, rest on it).
  const summaries = new Map(result.regions.map((r) => [r.id, r]));
  const labels = regionOrder.map((id, i) => {
    const r = summaries.get(id);
    const notes = r ? [`ceiling ${pct(r.fibreCeiling.p50)}`, ...(assumedStart(r) ? [`start: ${START_LABEL[r.start.basis!]}`] : [])] : [];
    return { key: `r${i}`, order: i, region: regionName.get(id) ?? id, total: totals.get(id) ?? 0, context: notes.join(' · '), assumed: r ? assumedStart(r) : false };
  });
  const widestTotal = Math.max(0, ...labels.map((l) => textWidth({ fontSize: 11 }, l.total.toFixed(0))));
  const contextDx = Math.max(34, Math.ceil(5 + widestTotal + 8));
  const estimated = result.regions.filter(assumedStart).length;
  // The y axis is keyed by rank (unique); names are drawn as text so two regions with the same name stay apart.
  const y = orderedKey({ axis: null, scale: { paddingInner: 0.25 } });
  const body: Spec = {
    width: WIDTH,
    height: Math.max(ROW, ROW * regionOrder.length),
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'days', type: 'quantitative', stack: 'zero', axis: { title: 'Mean days per settlement', grid: true } },
          color: {
            field: 'stage',
            type: 'nominal',
            title: null,
            scale: { domain: stages, range: stageColours(codes) },
            legend: { orient: 'top', direction: 'horizontal', columns: Math.min(4, Math.max(1, stages.length)), symbolType: 'square', labelLimit: 220 },
          },
          order: { field: 'stageOrder', type: 'quantitative' },
          tooltip: [
            { field: 'region', title: 'Region' },
            { field: 'stage', title: 'Stage' },
            { field: 'days', type: 'quantitative', title: 'Mean days', format: '.1f' },
            { field: 'total', type: 'quantitative', title: 'All stages', format: '.0f' },
          ],
        },
      },
      {
        data: { values: labels },
        layer: [
          { mark: { type: 'text', align: 'right', baseline: 'middle', x: -8, fontSize: 12, color: '#222', limit: 200 }, encoding: { y, text: { field: 'region' } } },
          {
            mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: 11, color: '#555' },
            encoding: { y, x: { field: 'total', type: 'quantitative' }, text: { field: 'total', type: 'quantitative', format: '.0f' } },
          },
          {
            // After the widest total ('1,009' ran into 'ceiling' at a fixed offset).
            mark: { type: 'text', align: 'left', baseline: 'middle', dx: contextDx, fontSize: 11, fontStyle: 'italic' },
            encoding: {
              y,
              x: { field: 'total', type: 'quantitative' },
              text: { field: 'context' },
              color: { condition: { test: 'datum.assumed', value: '#8a5a00' }, value: '#666' },
            },
          },
        ],
      },
    ],
  };
  if (rows.length === 0) {
    return framed(result, WAITS_TITLE, 'Average days a settlement spends in each stage, by region.', emptyNote('This run recorded no waiting times.', WIDTH), WIDTH, ctx);
  }
  return framed(
    result,
    WAITS_TITLE,
    [
      'Average days a settlement spends in each stage on its way to being connected, by region (mean over all runs).',
      'Regions with the longest total at the top; the widest segment is the bottleneck.',
      'After each bar: its total in days, then the region’s fibre ceiling (the share its rule allows on fibre).',
      ...(estimated > 0 ? [
        `${assumedStartNotes(result)}: the starting count is not (wholly) a published figure,`,
        'so which settlements are left to connect — and so these waits — rest on an assumed start.',
      ] : []),
      ...(everyRegion.length > regionOrder.length ? [`The ${regionOrder.length} regions with the longest totals, of ${everyRegion.length}.`] : []),
    ],
    body,
    WIDTH,
    ctx,
  );
}
