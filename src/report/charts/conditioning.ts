import type { InputPosterior } from '../../montecarlo/observed-result.js';
import type { RunResult } from '../../montecarlo/result.js';
import { sig } from '../format.js';
import { COLOURS, framed, type ChartContext, type Spec } from './common.js';

export const CONDITIONING_TITLE = 'What the observations say about the national factors';

const PANEL_W = 250;
const PANEL_H = 150;
/** The prior's outline: a neutral dark grey, as the subtitle calls it (it read as slate beside the orange bars). */
export const PRIOR_COLOUR = '#666666';

/**
 * `conditioning-factors` (conditioned runs only): for each national factor the scenario
 * draws (productivity, cost overrun, permit delay), the share of the simulated futures in
 * each range of the factor before conditioning (grey) and after weighting them by the
 * observations (colour), side by side, with the medians noted. A posterior that has moved
 * away from the prior is what the observations taught the model.
 */
export function conditioningSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const factors = result.conditioning?.factors ?? [];
  return posteriorSpec(result, factors, CONDITIONING_TITLE, (label) => label.replace(/ \(.*/, ''), { title: 'Factor drawn (1 = as planned)', format: '.2f' }, 3, ctx);
}

export const CONDITIONING_CAPACITY_TITLE = 'What the observations say about the delivery capacity';

/**
 * `conditioning-capacity` (conditioned runs of a scenario whose delivery capacity is
 * drawn): the same before-and-after for the crews under contract, the crews a month and
 * the tender's and the mobilisation's days — what the counts say of the contractor's pace.
 */
export function conditioningCapacitySpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const inputs = result.conditioning?.capacity ?? [];
  // Each panel in its own unit, named in its header ('Fibre capacity: tender (days)').
  return posteriorSpec(result, inputs, CONDITIONING_CAPACITY_TITLE, (label) => label, { title: 'Value drawn', format: ',.3~r' }, 1, ctx);
}

/** Prior (outline) against posterior (bars) for each input, a panel each, the medians in the subtitle (`digits` after the point). */
function posteriorSpec(result: RunResult, inputs: InputPosterior[], title: string, short: (label: string) => string, axis: { title: string; format: string }, digits: number, ctx: ChartContext): Spec {
  const rows = inputs.flatMap((f) => f.bins.map((b) => ({
    factor: short(f.label), x0: sig(b.x0, 5), x1: sig(b.x1, 5), prior: sig(b.prior, 5), posterior: sig(b.posterior, 5),
  })));
  const ess = result.summary.conditioning?.effectiveSampleSize ?? 0;
  const x = { field: 'x0', type: 'quantitative', title: axis.title, scale: { zero: false, nice: false }, axis: { format: axis.format, tickCount: 4 } };
  const y = { type: 'quantitative', title: 'Share of futures', axis: { format: '.0%', tickCount: 4 } };
  const tooltip = [
    { field: 'factor', title: 'Input' },
    { field: 'x0', type: 'quantitative', title: 'From', format: '.3f' },
    { field: 'x1', type: 'quantitative', title: 'To', format: '.3f' },
    { field: 'prior', type: 'quantitative', title: 'Before', format: '.1%' },
    { field: 'posterior', type: 'quantitative', title: 'After', format: '.1%' },
  ];
  // The posterior as filled bars, the prior as the outline of its bars (a step on top of each bin).
  const body: Spec = {
    data: { values: rows },
    // A long label ('Fibre capacity: crews added a month at most') on two lines at its ': ', within its panel: on one line it ran into the next panel's.
    facet: { column: { field: 'factor', type: 'nominal', title: null, sort: inputs.map((f) => short(f.label)), header: { labelExpr: "split(datum.value, ': ')", labelLimit: PANEL_W } } },
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
  const medians = inputs.map((f) => `${short(f.label)}: median ${f.prior.p50.toFixed(digits)} → ${f.posterior.p50.toFixed(digits)}`);
  return framed(result, title, [
    `Share of simulated futures by the value they drew: before conditioning (dark grey lines) and after weighting by the observations (bars; effective sample size ${ess.toFixed(0)}).`,
    // Up to three short ones on a line; more (the capacity's long labels) a line each.
    ...(medians.length <= 3 ? [medians.join('; ')] : medians),
  ], body, inputs.length * (PANEL_W + 20), ctx);
}
