import type { RunResult } from '../../montecarlo/result.js';
import { humanDate, humanMonth, int, pct } from '../format.js';
import { monthlyCounts, shareBy } from '../stats.js';
import { COLOURS, dateAxis, framed, seriesColour, seriesOf, targetRule, type ChartContext, type Spec } from './common.js';

export const DATE_REACHED_TITLE = 'When is each target reached?';

const WIDTH = 760;
const HEIGHT = 150;

/** Chart 3 (`date-reached`): per target, a monthly histogram of the date it is reached, the deadline, and the share never reached. */
export function dateReachedSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const s = result.summary;
  const runs = Math.max(1, s.runs);
  const domain: [string, string] = [result.input.start, result.input.horizon];
  const x = { field: 'month', timeUnit: 'utcyearmonth', ...dateAxis(domain) };
  const panels: Spec[] = s.targets.map((t) => {
    const hist = result.dateReached.find((d) => d.id === t.id) ?? { id: t.id, counts: [], never: runs };
    const total = hist.counts.reduce((a, c) => a + c.count, 0) + hist.never;
    const months = monthlyCounts(hist.counts).map((m) => ({
      month: m.month,
      share: m.count / Math.max(1, total),
      count: m.count,
      when: humanMonth(m.month),
      side: m.month <= t.deadline ? 'In time' : 'Late',
    }));
    const never = hist.never / Math.max(1, total);
    const byDeadline = shareBy(hist.counts, hist.never, t.deadline);
    const series = seriesOf(t);
    const colour = series ? seriesColour(series) : COLOURS.target;
    const notes = [
      `${targetRule(t, result.input.coverageTechnologies)} · reached in time in ${pct(byDeadline)} of simulated futures · median date ${humanDate(t.dateReached.p50, 'not reached')}`,
      hist.never > 0
        ? `Not reached at all before the end of the simulation (${humanDate(result.input.horizon)}) in ${pct(never)} of futures — not shown as bars.`
        : `Reached before the end of the simulation (${humanDate(result.input.horizon)}) in every simulated future.`,
    ];
    return {
      title: { text: t.label, subtitle: notes, anchor: 'start', frame: 'group', fontSize: 15, subtitleFontSize: 12, color: colour, offset: 22 },
      width: WIDTH,
      height: HEIGHT,
      layer: [
        {
          data: { values: months },
          mark: { type: 'bar', binSpacing: 1, tooltip: true },
          encoding: {
            x,
            y: { field: 'share', type: 'quantitative', scale: months.length ? { zero: true } : { domain: [0, 0.1] }, axis: { format: '.1~%', title: 'Share of futures', tickCount: 4, minExtent: 44 } },
            color: { field: 'side', type: 'nominal', scale: { domain: ['In time', 'Late'], range: [colour, '#b8bec7'] }, legend: null },
            tooltip: [
              { field: 'when', title: 'Reached in' },
              { field: 'count', type: 'quantitative', title: 'Simulated futures' },
              { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
            ],
          },
        },
        {
          data: { values: [{ deadline: t.deadline, text: `Deadline ${humanDate(t.deadline)}` }] },
          layer: [
            { mark: { type: 'rule', color: COLOURS.deadline, strokeWidth: 2, strokeDash: [6, 3] }, encoding: { x: { field: 'deadline', ...dateAxis(domain) } } },
            {
              mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, y: -3, fontSize: 12, fontWeight: 'bold', color: COLOURS.deadline },
              encoding: { x: { field: 'deadline', ...dateAxis(domain) }, text: { field: 'text' } },
            },
          ],
        },
      ],
      resolve: { scale: { color: 'independent' } },
    };
  });
  return framed(
    result,
    DATE_REACHED_TITLE,
    [
      `Each bar: the share of ${int(s.runs)} simulated futures in which the target is first met in that month.`,
      'Coloured bars are in time; grey bars come after the red deadline line.',
    ],
    { vconcat: panels, spacing: 28, resolve: { scale: { x: 'shared', color: 'independent' } } },
    WIDTH,
    ctx,
  );
}
