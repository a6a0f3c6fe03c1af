import { movedBeyondNoise, type RegionPartPosterior } from '../../montecarlo/observed-result.js';
import type { RunResult } from '../../montecarlo/result.js';
import { int, sig } from '../format.js';
import { COLOURS, framed, type ChartContext, type Spec } from './common.js';
import { PRIOR_COLOUR } from './conditioning.js';

export const CONDITIONING_REGIONS_TITLE = 'What the observations say about each region';

/** Rows drawn at most: the parts that moved most (every one is in the report's table). */
export const MAX_REGION_ROWS = 20;

const WIDTH = 460;
/** Vertical room per region and factor: a bar before and a bar after. */
const ROW = 34;
const BEFORE = 'Before (prior)';
const AFTER = 'After the observations';

/** 'Pavlodar: productivity (its regional part)' → 'Pavlodar: productivity'. */
function shortLabel(r: RegionPartPosterior): string {
  return r.label.replace(/ \(its regional part\)$/, '');
}

/**
 * `conditioning-regions` (conditioned runs where some region's part of a factor moved beyond
 * what chance alone moves it): for each such part, its P10–P90 before conditioning (grey)
 * and after weighting the futures by the observations (colour), each median marked, and the
 * median's move beside it with the move chance alone would give (RegionPartPosterior.noise).
 * The parts that moved most come first (regionPartPosteriors' order), at most
 * MAX_REGION_ROWS of them; the report's table lists every part.
 *
 * @example conditioningRegionsSpec(result)   // a Vega-Lite spec; its rows: Pavlodar: productivity, before and after
 */
export function conditioningRegionsSpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const all = result.conditioning?.regions ?? [];
  const moved = all.filter(movedBeyondNoise);
  const shown = moved.slice(0, MAX_REGION_ROWS);
  const labels = shown.map(shortLabel);
  const rows = shown.flatMap((r, i) => [
    { label: labels[i], which: BEFORE, lo: sig(r.prior.p10, 5), mid: sig(r.prior.p50, 5), hi: sig(r.prior.p90, 5) },
    {
      label: labels[i], which: AFTER, lo: sig(r.posterior.p10, 5), mid: sig(r.posterior.p50, 5), hi: sig(r.posterior.p90, 5),
      // The move, written beyond the bar after: what the observations say against what chance alone gives.
      text: `${r.prior.p50.toFixed(3)} → ${r.posterior.p50.toFixed(3)} (chance alone ±${r.noise.toFixed(3)})`,
    },
  ]);
  const values = rows.flatMap((d) => [d.lo, d.hi]).concat(1);
  const lo = Math.min(...values), hi = Math.max(...values);
  const domain = [sig(lo - 0.05 * (hi - lo), 4), sig(hi + 0.05 * (hi - lo), 4)];
  const x = { type: 'quantitative', scale: { domain, nice: false, zero: false }, axis: { title: 'Region’s part of the factor (1 = the national factor unchanged there)', format: '.2f', tickCount: 6 } };
  const y = { field: 'label', type: 'nominal', sort: labels, title: null, axis: { labelLimit: 260, labelFontSize: 12 }, scale: { paddingInner: 0.25 } };
  const yOffset = { field: 'which', type: 'nominal', sort: [BEFORE, AFTER], scale: { paddingInner: 0.15 } };
  const colour = { field: 'which', type: 'nominal', title: null, sort: [BEFORE, AFTER], scale: { domain: [BEFORE, AFTER], range: [PRIOR_COLOUR, COLOURS.joint] }, legend: { orient: 'top', direction: 'horizontal' } };
  const tooltip = [
    { field: 'label', title: 'Region and factor' },
    { field: 'which', title: 'When' },
    { field: 'lo', type: 'quantitative', title: 'P10', format: '.3f' },
    { field: 'mid', type: 'quantitative', title: 'Median', format: '.3f' },
    { field: 'hi', type: 'quantitative', title: 'P90', format: '.3f' },
  ];
  const body: Spec = {
    width: WIDTH,
    height: ROW * shown.length,
    layer: [
      { data: { values: [{ one: 1 }] }, mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { x: { field: 'one', ...x } } },
      {
        data: { values: rows },
        layer: [
          { mark: { type: 'bar', height: { band: 1 } }, encoding: { y, yOffset, x: { field: 'lo', ...x }, x2: { field: 'hi' }, color: colour, tooltip } },
          { mark: { type: 'tick', color: '#111', thickness: 2 }, encoding: { y, yOffset, x: { field: 'mid', ...x }, tooltip } },
          {
            transform: [{ filter: `datum.which === '${AFTER}'` }],
            // In a column of its own right of the plot, level with the bar after.
            mark: { type: 'text', align: 'left', baseline: 'middle', x: WIDTH + 10, fontSize: 11, color: '#333' },
            encoding: { y, yOffset, text: { field: 'text' } },
          },
        ],
      },
    ],
  };
  const ess = result.summary.conditioning?.effectiveSampleSize ?? 0;
  const which = shown.length < moved.length
    ? `The ${int(shown.length)} that moved most of the ${int(moved.length)} parts whose median moved`
    : moved.length === 1 ? 'The one part whose median moved' : `The ${int(moved.length)} parts whose median moved`;
  return framed(result, CONDITIONING_REGIONS_TITLE, [
    'A region’s part of a factor multiplies the national factor in that region alone (its contractors’ pace, its akimats’ permits):',
    'P10–P90 before conditioning (grey) and after weighting the futures by the observations (colour), the median in black.',
    `${which} beyond what chance alone moves it (three standard errors of a median at the effective sample size,`,
    `${ess.toFixed(0)}), of the ${int(all.length)} the report lists; beside each, its median before → after.`,
  ], body, WIDTH + 520, ctx);
}
