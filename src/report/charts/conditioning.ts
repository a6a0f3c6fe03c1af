import type { RunResult } from '../../montecarlo/result.js';
import { sig } from '../format.js';
import { COLOURS, framed, type ChartContext, type Spec } from './common.js';

export const CONDITIONING_TITLE = 'What the observations say about the national factors';

const PANEL_W = 250;
const PANEL_H = 150;
/** The prior's outline: a neutral dark grey, as the subtitle calls it (it read as slate beside the orange bars). */
const PRIOR_COLOUR = '#666666';

/**
 * `conditioning-factors` (conditioned runs only): for each national factor the scenario
 * draws (productivity, cost overrun, permit delay), the share of the simulated futures in
 * each range of the factor before conditioning (grey) and after weighting them by the
 * observations (colour), side by side, with the medians noted. A posterior that has moved
 * away from the prior is what the observations taught the model.
 */
export function conditioningSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const factors = result.conditioning?.factors ?? [];
  const short = (label: string) => label.replace(/ \(.*/, '');
  const rows = factors.flatMap((f) => f.bins.map((b) => ({
    factor: short(f.label), x0: sig(b.x0, 5), x1: sig(b.x1, 5), prior: sig(b.prior, 5), posterior: sig(b.posterior, 5),
  })));
  const ess = result.summary.conditioning?.effectiveSampleSize ?? 0;
  const x = { field: 'x0', type: 'quantitative', title: 'Factor drawn (1 = as planned)', scale: { zero: false, nice: false }, axis: { format: '.2f', tickCount: 4 } };
  const y = { type: 'quantitative', title: 'Share of futures', axis: { format: '.0%', tickCount: 4 } };
  const tooltip = [
    { field: 'factor', title: 'Factor' },
    { field: 'x0', type: 'quantitative', title: 'From', format: '.3f' },
    { field: 'x1', type: 'quantitative', title: 'To', format: '.3f' },
    { field: 'prior', type: 'quantitative', title: 'Before', format: '.1%' },
    { field: 'posterior', type: 'quantitative', title: 'After', format: '.1%' },
  ];
  // The posterior as filled bars, the prior as the outline of its bars (a step on top of each bin).
  const body: Spec = {
    data: { values: rows },
    facet: { column: { field: 'factor', type: 'nominal', title: null, sort: factors.map((f) => short(f.label)) } },
    spec: {
      width: PANEL_W,
      height: PANEL_H,
      layer: [
        { mark: { type: 'bar', color: COLOURS.joint, opacity: 0.75, binSpacing: 0 }, encoding: { x, x2: { field: 'x1' }, y: { field: 'posterior', ...y }, y2: { datum: 0 }, tooltip } },
        { mark: { type: 'rule', color: PRIOR_COLOUR, strokeWidth: 2.5 }, encoding: { x, x2: { field: 'x1' }, y: { field: 'prior', ...y }, tooltip } },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
  const medians = factors.map((f) => `${short(f.label)}: median ${f.prior.p50.toFixed(3)} → ${f.posterior.p50.toFixed(3)}`).join('; ');
  return framed(result, CONDITIONING_TITLE, [
    `Share of simulated futures by the factor they drew: before conditioning (dark grey lines) and after weighting by the observations (bars; effective sample size ${ess.toFixed(0)}).`,
    medians,
  ], body, factors.length * (PANEL_W + 20), ctx);
}
