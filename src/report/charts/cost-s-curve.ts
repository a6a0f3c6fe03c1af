import type { RunResult } from '../../montecarlo/result.js';
import { andList, programmeName } from '../describe.js';
import { int, num } from '../format.js';
import { COLOURS, dateAxis, emptyNote, framed, type ChartContext, type Spec, withAria } from './common.js';

export const COST_S_CURVE_TITLE = 'How much money is committed, and when? The spending S-curve';

const WIDTH = 720;
const HEIGHT = 340;

/**
 * Chart `cost-s-curve`: money committed from the start to the end of each budget year —
 * median line, P25–P75 and P10–P90 bands — beside the money appropriated by then (a dashed
 * step line). Both count the same programmes: those with appropriations (the counted ones),
 * so where the line meets the dashed one their money is used up; in a run from a status the
 * dashed line adds the median of the money they carry in from before its start. With no
 * appropriations stated, the line is every programme's money and there is no dashed line.
 */
export function costSCurveSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const cost = result.cost;
  const cur = result.input.currency;
  if (!cost || cost.byYear.length === 0) return framed(result, COST_S_CURVE_TITLE, 'No money is modelled in this run.', emptyNote('No money committed', WIDTH), WIDTH, ctx);
  const end = (year: number) => {
    const last = `${year}-12-31`;
    return last > result.input.horizon ? result.input.horizon : last;
  };
  const rows = [
    { date: result.input.start, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0 },
    ...cost.byYear.map((y) => ({ date: end(y.year), ...(y.counted ?? { p10: y.p10, p25: y.p25, p50: y.p50, p75: y.p75, p90: y.p90 }) })),
  ];
  const carried = cost.carriedIn?.p50 ?? 0;
  const money = cost.money.budget === null ? [] : [
    { date: result.input.start, appropriated: (cost.byYear[0]!.appropriated ?? 0) + carried },
    ...cost.byYear.slice(1).map((y) => ({ date: `${y.year}-01-01`, appropriated: (y.appropriated ?? 0) + carried })),
    { date: result.input.horizon, appropriated: (cost.byYear[cost.byYear.length - 1]!.appropriated ?? 0) + carried },
  ];
  const x = { field: 'date', ...dateAxis([result.input.start, result.input.horizon]) };
  const y = { type: 'quantitative', axis: { title: `Committed since the start (${cur})`, format: ',.0f' } };
  const body: Spec = {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: rows },
        layer: [
          // Read out with thousands separators, as the axis shows them (y2 has no axis format of its own).
          withAria({ mark: { type: 'area', opacity: 0.16, color: COLOURS.joint }, encoding: { x, y: { field: 'p10', ...y }, y2: { field: 'p90' } } }, [{ title: 'By', field: 'date', time: '%d %b %Y' }, { title: 'P10', field: 'p10', format: ',.0f' }, { title: 'P90', field: 'p90', format: ',.0f' }]),
          withAria({ mark: { type: 'area', opacity: 0.32, color: COLOURS.joint }, encoding: { x, y: { field: 'p25', ...y }, y2: { field: 'p75' } } }, [{ title: 'By', field: 'date', time: '%d %b %Y' }, { title: 'P25', field: 'p25', format: ',.0f' }, { title: 'P75', field: 'p75', format: ',.0f' }]),
          {
            mark: { type: 'line', strokeWidth: 2.5, color: COLOURS.joint, point: { color: COLOURS.joint } },
            encoding: {
              x, y: { field: 'p50', ...y },
              tooltip: [
                { field: 'date', type: 'temporal', title: 'By', format: '%d %b %Y', scale: { type: 'utc' } },
                { field: 'p10', type: 'quantitative', title: 'P10', format: ',.0f' },
                { field: 'p50', type: 'quantitative', title: 'Median', format: ',.0f' },
                { field: 'p90', type: 'quantitative', title: 'P90', format: ',.0f' },
              ],
            },
          },
        ],
      },
      ...(money.length > 0 ? [{
        data: { values: money },
        mark: { type: 'line', interpolate: 'step-after', strokeDash: [6, 4], color: COLOURS.target, strokeWidth: 1.5 },
        encoding: { x, y: { field: 'appropriated', ...y }, tooltip: [{ field: 'appropriated', type: 'quantitative', title: `Appropriated (${cur})`, format: ',.0f' }] },
      }] : []),
    ],
  };
  const c = result.summary.cost;
  // Programmes by id: their labels are too long for a chart's subtitle (the report's table has them).
  const names = (ids: string[]) => andList(ids.map((id) => programmeName(result.input, id)));
  const rest = [
    ...(cost.money.uncounted.length > 0 ? [`Not drawn: ${names(cost.money.uncounted)} (no appropriation stated).`] : []),
    ...(c ? [`Total committed, every programme: P50 ${num(c.p50, 0)}, P80 ${num(c.p80, 0)} ${cur}.`] : []),
  ];
  const subtitle = money.length > 0 ? [
    'Line: median of the simulated futures; dark band P25–P75; light band P10–P90.',
    `The money committed since the start by ${names(cost.money.counted)}, at each year end.`,
    `Dashed: their money by then: ${int(cost.money.budget ?? 0)} ${cur} appropriated in all${!cost.carriedIn ? '' : carried >= 0
      ? `, plus ${int(carried)} ${cur} carried in from before the start (the median of the futures)`
      : `, less ${int(-carried)} ${cur} of it committed before the start (the median of the futures)`}.`,
    ...(rest.length > 0 ? [rest.join(' ')] : []),
  ] : [
    'Line: median of the simulated futures; dark band P25–P75; light band P10–P90 of the money committed since the start, at each year end.',
    'No programme states appropriations, so there is no money line to compare with.',
  ];
  return framed(result, COST_S_CURVE_TITLE, subtitle, body, WIDTH, ctx);
}
