import type { ComparisonResult, SensitivityResult } from '../montecarlo/analysis-result.js';
import { renderCharts, type ChartFile, type ChartOptions, type ChartToRender } from './build-charts.js';
import {
  COMPARE_DIFFERENCES_TITLE,
  COMPARE_FANS_TITLE,
  COMPARE_PROBABILITY_TITLE,
  compareDifferencesSpec,
  compareFansSpec,
  compareProbabilitySpec,
} from './charts/compare.js';
import { rankingMeasure, SPEARMAN_TITLE, spearmanSpec, tornadoSpec, tornadoTitle, type TornadoMeasure } from './charts/sensitivity.js';

export const COMPARISON_HOW_TO_READ = {
  'compare-probability':
    'The bars of one target sit side by side, one per option: the longer the bar, the likelier the target; the dashed line is the reference option’s chance, so a bar ending right of it is an improvement — read its size and certainty on the next chart.',
  'compare-differences':
    'A dot right of the zero line means the option raises the chance of meeting the target; when its dark interval does not cross zero the direction is settled. The light bar is what two separate runs would have allowed — the gap between the two is what running the options on the same random numbers buys. A panel whose chance is below 1 % (or above 99 %) in every option shows instead the difference in the share reached by the deadline, which still moves: read the dot the same way (no light bar there).',
  'compare-fans':
    'Each line is an option’s typical path, in its own dash (the wide grey one is the reference); where a line passes at or above a diamond by its date the target is met in the typical future, and the light band shows how far the reference’s poor and good futures spread around it.',
} as const;

export const SENSITIVITY_HOW_TO_READ = {
  tornado:
    'The longest bars at the top are the inputs that matter most for this target: each bar runs from the base chance (the black line) to the chance with the input at its low (orange) or high (blue) value, so a long bar is where better estimates or policy attention pay off.',
  'tornado-share':
    'The same swings, measured by the share reached by the deadline (averaged over the futures) instead of the chance of meeting the target: it still moves when the chance is pinned near 0 or 1, so read this one where every bar of the chance chart is short.',
  spearman:
    'A long bar means that, across the base run’s simulated futures, high draws of that input went with reaching more (right) or less (left) by the deadline; short bars mean little monotone association — which can also be because the input is averaged away. The thin line is the correlation’s interval, adjusted for every correlation on the chart (with dozens of them, about one in twenty of those with no association at all would look real on its own 95 % interval; adjusted, at most 5 % of the solid bars are expected to be noise); a faded bar marked “could be 0” cannot be told from noise with this many replications.',
} as const;

/** The charts of `rollout compare`, in page order (not rendered). */
export function comparisonChartSpecs(c: ComparisonResult, runDate?: string): ChartToRender[] {
  return [
    { name: 'compare-probability', title: COMPARE_PROBABILITY_TITLE, howToRead: COMPARISON_HOW_TO_READ['compare-probability'], spec: compareProbabilitySpec(c, runDate) },
    { name: 'compare-differences', title: COMPARE_DIFFERENCES_TITLE, howToRead: COMPARISON_HOW_TO_READ['compare-differences'], spec: compareDifferencesSpec(c, runDate) },
    { name: 'compare-fans', title: COMPARE_FANS_TITLE, howToRead: COMPARISON_HOW_TO_READ['compare-fans'], spec: compareFansSpec(c, runDate) },
  ];
}

/**
 * The comparison's charts — compare-probability, compare-differences, compare-fans — rendered
 * to SVG (and PNG when asked), each with every option's name and sha256 prefix, seed, runs,
 * version (and `runDate`) in its footer.
 */
export async function buildComparisonCharts(c: ComparisonResult, opts: ChartOptions = {}): Promise<ChartFile[]> {
  return renderCharts(comparisonChartSpecs(c, opts.runDate), opts);
}

/** A file-name-safe stem for a target id ('fibre-2026' stays as it is). */
export function fileStem(id: string): string {
  const stem = id
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return stem || 'target';
}

/**
 * Chart names of the tornadoes, per target in the base's order: the chance's
 * (`tornado-<target id>`) and the share's (`tornado-share-<target id>`), made unique.
 */
export function tornadoNames(s: SensitivityResult): { id: string; name: string; measure: TornadoMeasure }[] {
  const used = new Set<string>();
  const unique = (stem: string) => {
    let name = stem;
    for (let k = 2; used.has(name); k++) name = `${stem}-${k}`;
    used.add(name);
    return name;
  };
  return s.base.flatMap((b) => [
    { id: b.id, name: unique(`tornado-${fileStem(b.id)}`), measure: 'chance' as const },
    { id: b.id, name: unique(`tornado-share-${fileStem(b.id)}`), measure: 'share' as const },
  ]);
}

/**
 * The charts of `rollout sensitivity`, in page order (not rendered): per target, the tornado
 * of the measure that ranks its inputs first (the share where the chance is pinned), then
 * the other; then the rank correlations.
 */
export function sensitivityChartSpecs(s: SensitivityResult, runDate?: string): ChartToRender[] {
  const label = new Map(s.base.map((b) => [b.id, b.label]));
  const metric = new Map(s.base.map((b) => [b.id, b.metric]));
  const names = tornadoNames(s);
  const first = (x: (typeof names)[number]) => (x.measure === rankingMeasure(s, x.id) ? 0 : 1);
  const ordered = s.base.flatMap((b) => names.filter((x) => x.id === b.id).sort((a, c) => first(a) - first(c)));
  return [
    ...ordered.map(({ id, name, measure }) => ({
      name, title: tornadoTitle(label.get(id) ?? id, measure, metric.get(id)), howToRead: SENSITIVITY_HOW_TO_READ[measure === 'chance' ? 'tornado' : 'tornado-share'], spec: tornadoSpec(s, id, runDate, measure),
    })),
    { name: 'spearman', title: SPEARMAN_TITLE, howToRead: SENSITIVITY_HOW_TO_READ.spearman, spec: spearmanSpec(s, runDate) },
  ];
}

/** The sensitivity charts — two tornadoes per target (`tornado-<target id>`, `tornado-share-<target id>`) and `spearman` — rendered to SVG (and PNG when asked). */
export async function buildSensitivityCharts(s: SensitivityResult, opts: ChartOptions = {}): Promise<ChartFile[]> {
  return renderCharts(sensitivityChartSpecs(s, opts.runDate), opts);
}
