import type { RunResult } from '../../montecarlo/result.js';
import { lastDeadlineYear, mostOfYear, recordSeries } from '../../montecarlo/summarize-deliveries.js';
import { humanDate, int } from '../format.js';
import { COLOURS, framed, orderedKey, type ChartContext, type Spec } from './common.js';

export const DELIVERY_RECORD_TITLE = 'The forecast beside the delivery record: villages connected to fibre in a year';
export const MOBILE_RECORD_TITLE = 'The forecast beside the delivery record: villages gaining mobile coverage in a year';

/** A series the delivery record speaks of: villages connected to fibre, or gaining mobile coverage from a mast. */
export type RecordSeries = 'fibre' | 'mobile';

/** Each series' words: the chart's title, its axis, and the forecast's line of the subtitle. */
const WORDS: Record<RecordSeries, { title: string; axis: string; forecast: string }> = {
  fibre: { title: DELIVERY_RECORD_TITLE, axis: 'Villages connected to fibre in a year', forecast: 'Blue: villages this run connects to fibre in each calendar year (bar P10–P90, white tick the median).' },
  mobile: { title: MOBILE_RECORD_TITLE, axis: 'Villages gaining mobile coverage in a year', forecast: 'Blue: villages this run’s masts give mobile coverage in each calendar year (bar P10–P90, white tick the median).' },
};

/** Whether the run has a record of `series` to draw, and a forecast of it to set beside the record. */
export function hasRecord(result: RunResult, series: RecordSeries): boolean {
  return (result.input.deliveryRecord ?? []).some((e) => recordSeries(e) === series) && (result.summary.deliveries ?? []).some((d) => d.kind === series);
}

const WIDTH = 560;
const ROW = 34;
const KIND_COLOURS = { forecast: COLOURS.fibre, delivered: '#444444', plan: COLOURS.joint } as const;
type RowKind = keyof typeof KIND_COLOURS;

/** One row of the chart: a range of settlements a year (a point when lo = hi), with its median for a forecast. */
export interface DeliveryRow {
  label: string;
  kind: RowKind;
  lo: number;
  hi: number;
  mid: number | null;
  text: string;
  source: string;
}

/**
 * The rows: the run's forecast of villages delivered (connected to fibre, or given mobile
 * coverage: `series`) in each calendar year it simulates for at least half the year
 * (P10–P90, median), then the scenario's delivery record of that series — paces achieved,
 * then paces plans promised — as it states them. Pure data, so it is tested alone.
 */
export function deliveryRows(result: RunResult, series: RecordSeries = 'fibre'): DeliveryRow[] {
  const rows: DeliveryRow[] = [];
  // Every year summary.json and the page's text give: leaving out the years after the last
  // target's deadline made the chart stop at 2027 beside a text quoting 2028. Those years are
  // marked as such, since no target asks about them.
  const lastYear = lastDeadlineYear(result);
  for (const d of result.summary.deliveries ?? []) {
    if (d.kind !== series || !mostOfYear(d)) continue;
    const partial = !(d.from.endsWith('-01-01') && d.to.endsWith('-12-31'));
    rows.push({
      label: `Forecast, ${d.year}${partial ? ` (${humanDate(d.from)} – ${humanDate(d.to)})` : ''}${Number.isFinite(lastYear) && d.year > lastYear ? ' (after the deadlines)' : ''}`,
      kind: 'forecast', lo: d.p10, hi: d.p90, mid: d.p50,
      text: `${int(d.p10)}–${int(d.p90)}, median ${int(d.p50)}`,
      source: 'this run (P10–P90 of the simulated futures)',
    });
  }
  const record = result.input.deliveryRecord ?? [];
  for (const kind of ['delivered', 'plan'] as const) {
    for (const e of record) {
      if (e.kind !== kind || !e.perYear || recordSeries(e) !== series) continue;
      const { min, max } = e.perYear;
      rows.push({
        label: e.label, kind, lo: min, hi: max, mid: null,
        text: min === max ? int(min) : `${int(min)}–${int(max)}`, source: e.source,
      });
    }
  }
  return rows;
}

/**
 * `delivery-record` (and `delivery-record-mobile`, series 'mobile'): what the forecast says a
 * year will deliver, beside what was actually delivered in the past and what plans promised —
 * the reference class. A forecast far above every pace ever achieved needs a reason; a plan
 * far above it is the usual optimism; a forecast well below the record needs one too.
 */
export function deliveryRecordSpec(result: RunResult, ctx: ChartContext = {}, series: RecordSeries = 'fibre'): Spec {
  const words = WORDS[series];
  const rows = deliveryRows(result, series).map((r, i) => ({ ...r, key: `r${i}`, order: i }));
  const y = orderedKey({ axis: null, scale: { paddingInner: 0.4, paddingOuter: 0.2 } });
  const max = Math.max(1, ...rows.map((r) => r.hi));
  const x = { type: 'quantitative', scale: { domain: [0, max * 1.05], nice: true }, axis: { title: words.axis, grid: true, format: ',d' } };
  const colour = { field: 'kind', type: 'nominal', scale: { domain: Object.keys(KIND_COLOURS), range: Object.values(KIND_COLOURS) }, legend: { title: null, orient: 'top', labelExpr: "datum.label === 'forecast' ? 'Forecast (this run, P10–P90 and median)' : datum.label === 'delivered' ? 'Delivered (the record)' : 'Promised (plans)'" } };
  const tooltip = [{ field: 'label', title: 'What' }, { field: 'text', title: 'Villages a year' }, { field: 'source', title: 'Source' }];
  const body: Spec = {
    width: WIDTH,
    height: ROW * rows.length,
    data: { values: rows },
    layer: [
      { mark: { type: 'rule', strokeWidth: 7, strokeCap: 'round', opacity: 0.85 }, encoding: { y, x: { field: 'lo', ...x }, x2: { field: 'hi' }, color: colour, tooltip } },
      { mark: { type: 'point', filled: true, size: 90, opacity: 1 }, encoding: { y, x: { field: 'lo', ...x }, color: colour, tooltip } },
      { mark: { type: 'point', filled: true, size: 90, opacity: 1 }, encoding: { y, x: { field: 'hi', ...x }, color: colour, tooltip } },
      { transform: [{ filter: 'datum.mid !== null' }], mark: { type: 'tick', thickness: 3, size: 22, color: 'white' }, encoding: { y, x: { field: 'mid', ...x } } },
      { mark: { type: 'text', align: 'right', baseline: 'middle', x: -12, fontSize: 12, color: '#111', limit: 300 }, encoding: { y, text: { field: 'label' } } },
      { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 10, fontSize: 12, color: '#333' }, encoding: { y, x: { field: 'hi', ...x }, text: { field: 'text' } } },
    ],
  };
  return framed(result, words.title, [
    words.forecast,
    'Grey: paces actually achieved; orange: paces plans promised. Sources: the scenario file and scenarios/SOURCES.md.',
  ], body, WIDTH, ctx);
}
