import type { RunResult } from '../../montecarlo/result.js';
import { int, pct, sig } from '../format.js';
import { precisionSentence } from '../precision.js';
import { COLOURS, framed, logTicks, targetColours, targetRule, type ChartContext, type Spec, withAria } from './common.js';

export const CONVERGENCE_TITLE = 'Has the estimate settled? Each target’s chance as replications accumulate';

const WIDTH = 720;
const HEIGHT = 130;

/**
 * Chart 6 (`convergence`, only when the run recorded convergence points): per target, the
 * estimate of its probability after the first n replications with its 95 % band, n on a log axis.
 */
export function convergenceSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const s = result.summary;
  const colours = targetColours(s.targets);
  // Targets in the summary's order, then any other id the runner recorded (e.g. 'joint').
  const ids = [...s.targets.map((t) => t.id)];
  for (const p of result.convergence) if (!ids.includes(p.target)) ids.push(p.target);
  const maxRuns = Math.max(1, ...result.convergence.map((p) => p.runs));
  const minRuns = Math.max(1, Math.min(maxRuns, ...result.convergence.map((p) => p.runs)));
  const ticks = logTicks(minRuns, maxRuns);
  const x = {
    field: 'runs',
    type: 'quantitative',
    scale: { type: 'log', domain: [minRuns, maxRuns], nice: false },
    axis: { title: 'Replications so far (log scale)', values: ticks, format: ',d', labelFlush: true, grid: true },
  };
  const y = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: 'Chance', tickCount: 5, minExtent: 44 } };

  const panels: Spec[] = ids.map((id, i) => {
    const target = s.targets.find((t) => t.id === id);
    const label = target ? target.label : id === 'joint' ? 'All targets together' : id;
    const colour = target ? colours[i]! : COLOURS.joint;
    const points = result.convergence
      .filter((p) => p.target === id)
      .sort((a, b) => a.runs - b.runs)
      .map((p) => ({ runs: p.runs, p: sig(p.probability, 4), lo: sig(p.ci95[0], 4), hi: sig(p.ci95[1], 4), half: sig((p.ci95[1] - p.ci95[0]) / 2, 3) }));
    const last = points[points.length - 1];
    const final = last ? [{ runs: last.runs, p: last.p, text: `${pct(last.p)} (${pct(last.lo)}–${pct(last.hi)}) after ${int(last.runs)}` }] : [];
    return {
      title: {
        text: label,
        subtitle: target ? targetRule(target, result.input.coverageTechnologies) : 'every target met in the same simulated future',
        anchor: 'start',
        frame: 'group',
        fontSize: 14,
        subtitleFontSize: 12,
        color: colour,
        offset: 8,
      },
      width: WIDTH,
      height: HEIGHT,
      layer: [
        {
          data: { values: points },
          layer: [
            // Read out in percent, as the axis shows it (Vega-Lite gave 'hi: 0.2775').
            withAria({ mark: { type: 'area', color: colour, opacity: 0.18 }, encoding: { x, y: { field: 'lo', ...y }, y2: { field: 'hi' } } }, [{ title: 'Replications', field: 'runs', format: ',d' }, { title: '95% interval from', field: 'lo', format: '.1%' }, { title: 'to', field: 'hi', format: '.1%' }]),
            {
              mark: { type: 'line', color: colour, strokeWidth: 2.5, point: { filled: true, size: 30, color: colour } },
              encoding: {
                x,
                y: { field: 'p', ...y },
                tooltip: [
                  { field: 'runs', type: 'quantitative', title: 'Replications', format: ',d' },
                  { field: 'p', type: 'quantitative', title: 'Chance', format: '.1%' },
                  { field: 'lo', type: 'quantitative', title: '95% interval from', format: '.1%' },
                  { field: 'hi', type: 'quantitative', title: 'to', format: '.1%' },
                  { field: 'half', type: 'quantitative', title: 'Half-width', format: '.1%' },
                ],
              },
            },
          ],
        },
        {
          data: { values: final },
          layer: [
            { mark: { type: 'rule', color: colour, strokeDash: [4, 4], strokeWidth: 1, opacity: 0.8, x: 0, x2: { expr: 'width' } }, encoding: { y: { field: 'p', ...y } } },
            {
              mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -5, dx: -2, fontSize: 12, fontWeight: 'bold', color: colour },
              encoding: { x: { ...x }, y: { field: 'p', ...y }, text: { field: 'text' } },
            },
          ],
        },
      ],
    };
  });
  const stop = precisionSentence(result);
  return framed(
    result,
    CONVERGENCE_TITLE,
    [
      `Line: the estimated chance after the first n of ${int(s.runs)} replications; band: its 95% interval, which narrows as replications accumulate.`,
      stop ?? 'Dashed line: the final estimate. Once the line is flat and the band narrow, more replications would only tighten the interval.',
    ],
    { vconcat: panels, spacing: 26 },
    WIDTH,
    ctx,
  );
}
