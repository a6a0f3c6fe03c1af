import type { RunResult } from '../../montecarlo/result.js';
import { stageColours, stageLabel } from '../stage-names.js';
import { emptyNote, framed, orderedKey, type ChartContext, type Spec } from './common.js';

export const WAITS_TITLE = 'Where does the time go?';

const WIDTH = 640;
const ROW = 24;
/** The most regions drawn (those with the longest totals): more rows are unreadable and slow to render. */
export const MAX_ROWS = 60;


/** Chart 5 (`waits`): mean days per settlement by stage, stacked per region (longest total on top). */
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
  const everyRegion = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
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
  const labels = regionOrder.map((id, i) => ({ key: `r${i}`, order: i, region: regionName.get(id) ?? id, total: totals.get(id) ?? 0 }));
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
      'Regions with the longest total at the top; the widest segment is the bottleneck. Total in days at the end of each bar.',
      ...(everyRegion.length > regionOrder.length ? [`The ${regionOrder.length} regions with the longest totals, of ${everyRegion.length}.`] : []),
    ],
    body,
    WIDTH,
    ctx,
  );
}
