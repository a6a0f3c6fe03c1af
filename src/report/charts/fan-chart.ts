import type { RunResult } from '../../montecarlo/result.js';
import { pct, sig } from '../format.js';
import { dateAxis, dateMs, framed, seriesColour, seriesNames, seriesOf, targetRule, type NationalSeries, type ChartContext, type Spec, withAria } from './common.js';

export const FAN_TITLE = 'How fast are villages connected? National fibre and coverage';

const WIDTH = 780;
const HEIGHT = 400;

/** Chart 1 (`coverage-fan`): national fibre and coverage shares over time with their uncertainty bands and the targets. */
export function fanChartSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const names = seriesNames(result);
  const national: NationalSeries[] = ['fibre', 'coverage', 'motorway'];
  const rows = result.timeseries
    .filter((p) => (national as string[]).includes(p.series))
    .map((p) => ({
      series: names[p.series as NationalSeries],
      date: p.date,
      p10: sig(p.p10, 4),
      p25: sig(p.p25, 4),
      p50: sig(p.p50, 4),
      p75: sig(p.p75, 4),
      p90: sig(p.p90, 4),
    }));
  // Each target: a diamond at (deadline, threshold), a dashed line at its deadline, and its
  // label written beside that line low in the chart, where the rising curves have already left.
  const start = dateMs(result.input.start);
  const span = Math.max(1, dateMs(result.input.horizon) - start);
  // Labels stack upwards from just above the x axis: three lines each, fewer and tighter when there are many targets.
  const n = result.summary.targets.length;
  const compact = n > 3;
  const step = compact ? 0.095 : 0.14;
  const top = Math.min(0.46, 0.08 + step * Math.max(0, n - 1));
  // Targets no national series draws (other shares, counts) get no marker here.
  const targets = result.summary.targets.filter((t) => seriesOf(t) !== null).map((t, i) => ({
    series: names[seriesOf(t)!],
    date: t.deadline,
    threshold: t.threshold,
    label: t.label,
    rule: targetRule(t, result.input.coverageTechnologies),
    chance: `Chance of meeting it: ${pct(t.probability)} (95% interval ${pct(t.ci95[0])}–${pct(t.ci95[1])})`,
    labelY: Math.max(0.04, top - step * i),
    right: (dateMs(t.deadline) - start) / span > 0.62,
  }));
  // Only the series that are drawn or targeted get a colour and a legend entry.
  const hasMotorway = result.timeseries.some((p) => p.series === 'motorway') || result.summary.targets.some((t) => t.metric === 'motorway-share');
  const shown = national.filter((k) => k !== 'motorway' || hasMotorway);
  const colour = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: shown.map((k) => names[k]), range: shown.map(seriesColour) },
    legend: { orient: 'top', direction: 'horizontal', symbolType: 'square', labelFontSize: 13 },
  };
  const x = { field: 'date', ...dateAxis([result.input.start, result.input.horizon]) };
  const y = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: shown.includes('motorway') ? 'Share of settlements / of motorway km' : 'Share of rural settlements', tickCount: 10 } };

  const body: Spec = {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: rows },
        layer: [
          // Screen readers hear each band's ends as the axis shows them (percent), not as raw shares.
          withAria({ mark: { type: 'area', opacity: 0.16 }, encoding: { x, y: { field: 'p10', ...y }, y2: { field: 'p90' }, color: colour } }, [{ title: 'Series', field: 'series' }, { title: 'Date', field: 'date', time: '%d %b %Y' }, { title: 'P10', field: 'p10', format: '.0%' }, { title: 'P90', field: 'p90', format: '.0%' }]),
          withAria({ mark: { type: 'area', opacity: 0.32 }, encoding: { x, y: { field: 'p25', ...y }, y2: { field: 'p75' }, color: { ...colour } } }, [{ title: 'Series', field: 'series' }, { title: 'Date', field: 'date', time: '%d %b %Y' }, { title: 'P25', field: 'p25', format: '.0%' }, { title: 'P75', field: 'p75', format: '.0%' }]),
          {
            mark: { type: 'line', strokeWidth: 2.5 },
            encoding: {
              x,
              y: { field: 'p50', ...y },
              color: { ...colour },
              tooltip: [
                { field: 'series', title: 'Series' },
                { field: 'date', type: 'temporal', title: 'Date', format: '%d %b %Y', scale: { type: 'utc' } },
                { field: 'p10', type: 'quantitative', title: 'P10', format: '.1%' },
                { field: 'p50', type: 'quantitative', title: 'Median', format: '.1%' },
                { field: 'p90', type: 'quantitative', title: 'P90', format: '.1%' },
              ],
            },
          },
        ],
      },
      {
        data: { values: targets },
        layer: [
          { mark: { type: 'rule', strokeDash: [4, 4], color: '#999', strokeWidth: 1 }, encoding: { x } },
          {
            mark: { type: 'point', shape: 'diamond', size: 220, filled: true, stroke: 'white', strokeWidth: 1.5, opacity: 1 },
            encoding: { x, y: { field: 'threshold', ...y }, color: { ...colour }, tooltip: [{ field: 'label', title: 'Target' }, { field: 'rule', title: 'Rule' }, { field: 'chance', title: 'Chance' }] },
          },
          ...(['left', 'right'] as const).flatMap((side) => labelLayers(targets.filter((t) => t.right === (side === 'right')), side, x, y, colour, compact)),
        ],
      },
    ],
  };
  return framed(
    result,
    FAN_TITLE,
    [
      'Line: median of the simulated futures. Dark band: the middle half of them (P25–P75). Light band: 8 in 10 of them (P10–P90).',
      targets.length === 0
        ? 'No target is drawn here: this scenario\'s targets are not shares of these national series (see the answer table).'
        : targets.length < n
          ? 'Diamonds: the targets that are shares of these series — the line must be at or above a diamond by its date.'
          : 'Diamonds: the targets — the line must be at or above a diamond by its date.',
      ...notDrawn(result, targets.length),
    ],
    body,
    WIDTH,
    ctx,
  );
}

/**
 * The subtitle's lines naming the targets the chart cannot draw (one that counts mobile
 * coverage, say, has no line here): a reader counting two diamonds for three targets was
 * told only that "the others" are in the answer table. None when every target, or none, is drawn.
 */
function notDrawn(result: RunResult, drawn: number): string[] {
  const missing = result.summary.targets.filter((t) => seriesOf(t) === null);
  if (drawn === 0 || missing.length === 0) return [];
  return [`Not drawn, as no line here measures ${missing.length === 1 ? 'it' : 'them'} (see the answer table):`, ...missing.map((t) => `“${t.label}”`)];
}

/** A target's label beside its deadline line (text on the given side of it): name, rule and chance; name and chance when compact. */
function labelLayers(rows: object[], side: 'left' | 'right', x: Spec, y: Spec, colour: Spec, compact: boolean): Spec[] {
  if (rows.length === 0) return [];
  const align = side === 'left' ? 'left' : 'right';
  const dx = side === 'left' ? 8 : -8;
  const line = (field: string, dy: number, extra: Spec) => ({
    data: { values: rows },
    mark: { type: 'text', align, baseline: 'middle', dx, dy, fontSize: 12, ...extra },
    encoding: { x, y: { field: 'labelY', ...y }, text: { field, type: 'nominal' }, ...(extra['color'] ? {} : { color: { ...colour } }) },
  });
  if (compact) return [line('label', -8, { fontSize: 13, fontWeight: 'bold' }), line('chance', 8, { color: '#333' })];
  return [line('label', -17, { fontSize: 13, fontWeight: 'bold' }), line('rule', 0, { color: '#333' }), line('chance', 16, { color: '#333' })];
}
