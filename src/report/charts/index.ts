import type { RunResult } from '../../montecarlo/result.js';
import { isWeighted, movedBeyondNoise } from '../../montecarlo/observed-result.js';
import { CONVERGENCE_TITLE, convergenceSpec } from './convergence.js';
import { DATE_REACHED_TITLE, dateReachedSpec } from './date-reached.js';
import { FAN_TITLE, fanChartSpec } from './fan-chart.js';
import { REGION_FANS_TITLE, regionFansSpec } from './region-fans.js';
import { TARGET_PROBABILITY_TITLE, targetProbabilitySpec } from './target-probability.js';
import { WAITS_TITLE, waitsSpec } from './waits.js';
import { DRIVERS_TITLE, driversSpec } from './drivers.js';
import { COST_S_CURVE_TITLE, costSCurveSpec } from './cost-s-curve.js';
import { CONDITIONING_CAPACITY_TITLE, CONDITIONING_TITLE, conditioningCapacitySpec, conditioningSpec } from './conditioning.js';
import { CONDITIONING_REGIONS_TITLE, conditioningRegionsSpec } from './conditioning-regions.js';
import { DELIVERY_RECORD_TITLE, MOBILE_RECORD_TITLE, deliveryRecordSpec, hasRecord } from './delivery-record.js';
import type { ChartContext, Spec } from './common.js';

export interface ChartDefinition {
  /** File name stem: charts/<name>.vl.json, .svg, .png. */
  name: string;
  title: string;
  /** One sentence for the report: how to read this chart. */
  howToRead: string;
  spec: (result: RunResult, ctx?: ChartContext) => Spec;
  /** Whether the run has what this chart shows (default: always). */
  when?: (result: RunResult) => boolean;
}

/** The report's charts, in the order they appear. */
export const CHARTS: readonly ChartDefinition[] = [
  {
    name: 'coverage-fan',
    title: FAN_TITLE,
    howToRead:
      'Follow the line for the typical path and the bands for the spread of outcomes; a target is met in the futures whose curve is at or above its diamond on its date, so a diamond sitting inside the band is a coin toss.',
    spec: fanChartSpec,
  },
  {
    name: 'target-probability',
    title: TARGET_PROBABILITY_TITLE,
    howToRead:
      'Each bar is the chance the target is met on time under this scenario, read against the 0–100% scale; the black whisker shows how precisely the simulation pins that chance down, and the last bar is the chance of meeting every target.',
    spec: targetProbabilitySpec,
  },
  {
    name: 'date-reached',
    title: DATE_REACHED_TITLE,
    howToRead:
      'Bars left of the red deadline line are futures in which the target is met on time and bars to its right are late ones, so the further the bulk of the bars sits to the left, the safer the target.',
    spec: dateReachedSpec,
  },
  {
    name: 'delivery-record',
    title: DELIVERY_RECORD_TITLE,
    howToRead:
      'Set each blue bar (what this run says a year will deliver) against the grey ones (paces the country has actually achieved) and the orange ones (paces plans promised): a forecast well above every grey bar needs a reason the past does not give, and the distance between orange and grey is how optimistic plans have been.',
    spec: deliveryRecordSpec,
    when: (r) => hasRecord(r, 'fibre'),
  },
  {
    name: 'delivery-record-mobile',
    title: MOBILE_RECORD_TITLE,
    howToRead:
      'The same reading for masts: set each blue bar (villages this run’s masts give mobile coverage in a year) against the grey ones (the pace on record) and the orange ones (what plans promised). A forecast well below every grey bar is as much in need of a reason as one above: either the record counted more than new masts, or the scenario’s permits and crews are slower than those that delivered it.',
    spec: (r, ctx) => deliveryRecordSpec(r, ctx, 'mobile'),
    when: (r) => hasRecord(r, 'mobile'),
  },
  {
    name: 'region-fans',
    title: REGION_FANS_TITLE,
    howToRead:
      'Regions furthest below their own ceiling (the dashed line: the share their technology rule allows on fibre) come first — that gap is what extra crews or money can close. Where the ceiling itself sits below the diamond, the region cannot reach the national rate on fibre whatever it does: the gap is the rule’s, not the region’s. A panel marked “start: estimate” begins from an assumed count, so its position is not a finding about that region.',
    spec: regionFansSpec,
  },
  {
    name: 'conditioning-factors',
    title: CONDITIONING_TITLE,
    howToRead:
      'Compare the coloured bars (futures weighted by how well they match what was observed) with the grey ones (all futures): where the colour has shifted, the observations favour that value of the factor; where the two match, the observations say nothing about it.',
    spec: conditioningSpec,
    // Not when every observation was set aside: each future then weighs the same, and the bars would only repeat the grey lines.
    when: (r) => isWeighted(r.summary) && (r.conditioning?.factors.length ?? 0) > 0,
  },
  {
    name: 'conditioning-capacity',
    title: CONDITIONING_CAPACITY_TITLE,
    howToRead:
      'The same reading for the delivery capacity: where the bars have moved from the grey lines, the counts favour that many crews under contract, that monthly pace or that tender and mobilisation. A lead time over before the first observation, or a rate that only acts after the last, cannot be read from them: its bars stay on the lines.',
    spec: conditioningCapacitySpec,
    when: (r) => isWeighted(r.summary) && (r.conditioning?.capacity?.length ?? 0) > 0,
  },
  {
    name: 'conditioning-regions',
    title: CONDITIONING_REGIONS_TITLE,
    howToRead:
      'Each pair of bars is one region’s part of a factor, before (grey) and after (colour) the observations: where the coloured bar sits away from the grey one, that region’s own counts say its contractors or akimats work at another pace than the scenario assumed. It reads as the factor does: a productivity part below 1 is a slower contractor there, a permit-delay part above 1 slower permits. Only parts that moved beyond what chance alone moves them are drawn; national counts rarely move any.',
    spec: conditioningRegionsSpec,
    // Parts that stayed within the noise say nothing: their table is in the report, folded.
    when: (r) => isWeighted(r.summary) && (r.conditioning?.regions ?? []).some(movedBeyondNoise),
  },
  {
    name: 'waits',
    title: WAITS_TITLE,
    howToRead:
      'The longest coloured segment in a row is that region’s bottleneck — the stage (permits, budget, crews, winter…) where a policy change would save the most time. The waits are averaged over every settlement left to connect, satellite and mast jobs included, so read them beside the region’s fibre ceiling; where the start is an estimate, which settlements are left — and so the waits — rest on that assumption.',
    spec: waitsSpec,
  },
  {
    name: 'cost-s-curve',
    title: COST_S_CURVE_TITLE,
    howToRead:
      'The line climbs as money is committed year by year; where it runs into the dashed line the appropriations are used up and work waits for the next year’s money (or for a top-up, where the programme has one), and the width of the band is how uncertain the bill is.',
    spec: costSCurveSpec,
    when: (r) => (r.cost?.byYear.length ?? 0) > 0 && (r.summary.cost?.p90 ?? 0) > 0,
  },
  {
    name: 'drivers',
    title: DRIVERS_TITLE,
    howToRead:
      'A long bar to the right means futures that drew a high value of that input reached more by the deadline; to the left, less. The thin line is the correlation’s interval, adjusted for every correlation on the chart: on its own 95 % interval about one in twenty of the inputs with no association at all would look real, and with dozens of inputs and targets some would; adjusted, at most 5 % of the solid bars are expected to be noise (false discovery rate). A faded bar marked “could be 0” has an interval that includes zero, so this many replications cannot tell it from noise — do not rank those. Only inputs the scenario uses and that varied are shown (a cost counts only where a budget is limited). The national factors move every region at once, which is why they tend to dominate; for the effect of changing an input on purpose, run rollout sensitivity.',
    spec: driversSpec,
    when: (r) => (r.drivers?.correlations.length ?? 0) > 0,
  },
  {
    name: 'convergence',
    title: CONVERGENCE_TITLE,
    howToRead:
      'Read each line from left to right: it wanders while few replications are in and settles as more accumulate; when it is flat and the band is narrow, the chance above is pinned down and more replications would only tighten it, not move it.',
    spec: convergenceSpec,
    when: (result) => (result.convergence?.length ?? 0) > 0,
  },
];
