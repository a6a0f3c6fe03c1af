import type { ComparisonResult, Estimate, PairedDifference } from '../../montecarlo/analysis-result.js';
import { chancesPinned, PINNED_TEXT } from '../../montecarlo/swing-ranking.js';
import type { Metric } from '../../model/input.js';
import { humanDate, int, num, pct, pctWithInterval, ptsInterval, ptsWithInterval, runDateText, sig, targetValue, valueDiff } from '../format.js';
import { chanceTrack, COLOURS, dateAxis, intervalWhisker, orderedKey, dateMs, emptyNote, frame, seriesNames, seriesOf, targetRule, wrapParts, type NationalSeries, type Spec } from './common.js';

export const COMPARE_PROBABILITY_TITLE = 'Which option gives the best chance of meeting each target?';
export const COMPARE_DIFFERENCES_TITLE = 'How much does each option change the chance of meeting each target?';
export const COMPARE_FANS_TITLE = 'How fast does each option connect villages?';

/** The reference is a neutral grey; the options take distinct colours in order. */
const REFERENCE_COLOUR = '#6b6b6b';
const OPTION_PALETTE = ['#1f5fa8', '#d9822b', '#2a9d6f', '#8e44ad', '#c0392b', '#17becf', '#8c6d31', '#e377c2', '#393b79', '#bcbd22'];

/** How an option is drawn in every comparison chart: the same name and colour everywhere. */
export interface OptionStyle {
  name: string;
  /** The name as shown: the reference says so. */
  display: string;
  colour: string;
  reference: boolean;
}

export function optionStyles(c: ComparisonResult): OptionStyle[] {
  return c.options.map((o, i) => ({
    name: o.identity.name,
    display: i === 0 ? `${o.identity.name} (reference)` : o.identity.name,
    colour: i === 0 ? REFERENCE_COLOUR : OPTION_PALETTE[(i - 1) % OPTION_PALETTE.length]!,
    reference: i === 0,
  }));
}

/** The footer of every comparison chart: each option's name and sha256 prefix, seed, runs, version (and date). */
export function comparisonProvenance(c: ComparisonResult, runDate?: string): string[] {
  const options = c.options.map((o) => `"${o.identity.name}" sha256 ${o.identity.sha256.slice(0, 12)}`);
  if (options.length) options[0] = `Options (common random numbers): ${options[0]}`;
  return [...options, `seed ${c.seed}`, `${int(c.runs)} runs per option`, `rollout-sim ${c.version}`, ...(runDate ? [`run ${runDateText(runDate)}`] : [])];
}

/** A target-like group of the comparison: one per target, then all targets together. */
interface Group {
  label: string;
  detail: string;
  /** The target's metric; none for all targets together, which has no value at the deadline. */
  metric?: Metric;
  perOption: { option: string; probability: Estimate; valueAtDeadline?: { p10: number; p50: number; p90: number } }[];
  differences: PairedDifference[];
  /** Where the chance is pinned (sensitivity's rule, `chancesPinned`) in every option: the words for it; else null. */
  pinned: string | null;
}

function groups(c: ComparisonResult): Group[] {
  const list: Group[] = c.targets.map((t) => ({ label: t.label, detail: targetRule(t, c.options[0]?.result.input.coverageTechnologies), metric: t.metric, perOption: t.perOption, differences: t.differences, pinned: pinnedWords(t.perOption) }));
  if (c.targets.length > 1 || list.length === 0) {
    list.push({ label: 'All targets together', detail: 'every target met in the same simulated future', perOption: c.joint.perOption, differences: c.joint.differences, pinned: pinnedWords(c.joint.perOption) });
  }
  return list;
}

/** 'below 1 %' or 'above 99 %' when every option's chance is there (so the options' chances can only differ by noise); else null. */
function pinnedWords(perOption: readonly { probability: Estimate }[]): string | null {
  const ps = perOption.map((p) => p.probability.value);
  if (!chancesPinned(ps)) return null;
  return ps[0]! < 0.5 ? 'below 1 %' : 'above 99 %';
}

/** What a pinned target's panel says instead of its chance. */
const pinnedNote = (g: Group) => `the chance is ${g.pinned} in every option: the difference in the ${g.metric === 'count' ? 'settlements' : 'share'} reached by the deadline instead`;

/** A paired difference in the value at the deadline as the page's table says it: points of a share, or settlements. */
function meanDifference(metric: Metric, e: Estimate): string {
  if (metric !== 'count') return ptsWithInterval(e.value, e.ci95, 1);
  return `${valueDiff(metric, e.value)} (${valueDiff(metric, e.ci95[0], false)} to ${valueDiff(metric, e.ci95[1], false)})`;
}

function styleOf(styles: OptionStyle[], name: string, k: number): OptionStyle {
  return styles.find((s) => s.name === name) ?? styles[k] ?? { name, display: name, colour: OPTION_PALETTE[k % OPTION_PALETTE.length]!, reference: k === 0 };
}

const panelTitle = (text: string, subtitle: string | string[]): Spec => ({
  text,
  subtitle,
  anchor: 'start',
  frame: 'group',
  fontSize: 15,
  subtitleFontSize: 12,
  color: '#111',
  offset: 10,
});

const PROB_WIDTH = 440;
const PROB_ROW = 36;

/**
 * Gained / lost as the table says them: futures of the run, or — in a comparison conditioned
 * on observations — effective futures of the pairs' effective number (fractions, and far
 * fewer than the runs), which whole numbers "of N futures" would misstate.
 */
function futuresCounts(d: PairedDifference, runs: number): string {
  if (d.effectiveRuns === undefined) return `gained ${int(d.gained)} · lost ${int(d.lost)} of ${int(Math.max(1, runs))} futures`;
  return `gained ${num(d.gained, 1)} · lost ${num(d.lost, 1)} of an effective ${num(d.effectiveRuns, 1)} futures`;
}

/** What a bar's share is of: the runs, each future weighted by the observations when conditioned. */
const shareOf = (c: ComparisonResult) => (c.conditioned
  ? `the ${int(c.runs)} simulated futures, each weighted by how likely it makes what was observed,`
  : `${int(c.runs)} simulated futures`);

/** An option's value at a pinned target's deadline, for the row beside its bar: 'reaches 79% by the deadline (P10–P90 70–90%)'. */
function reachedText(metric: Metric, v: { p10: number; p50: number; p90: number }): string {
  return `reaches ${targetValue(metric, v.p50)} by the deadline (P10–P90 ${targetValue(metric, v.p10)}–${targetValue(metric, v.p90)})`;
}

/** `compare-probability`: per target, each option's chance with its 95 % interval side by side; the reference's chance a dashed line. */
export function compareProbabilitySpec(c: ComparisonResult, runDate?: string): Spec {
  const styles = optionStyles(c);
  const colour = { field: 'display', type: 'nominal', scale: { domain: styles.map((s) => s.display), range: styles.map((s) => s.colour) }, legend: null };
  // Labels centred on their ticks: flush, '100%' is pulled left of its tick and runs into '90%' 44 px away.
  const x = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: 'Chance of meeting it (share of simulated futures)', tickCount: 10, grid: true, labelFlush: false } };
  const panels: Spec[] = groups(c).map((g) => {
    const ref = g.perOption[0];
    const rows = g.perOption.map((p, k) => {
      const st = styleOf(styles, p.option, k);
      const d = k === 0 ? undefined : g.differences.find((x) => x.option === p.option) ?? g.differences[k - 1];
      return {
        key: `o${k}`,
        order: k,
        display: st.display,
        p: sig(p.probability.value, 6),
        lo: sig(p.probability.ci95[0], 6),
        hi: sig(p.probability.ci95[1], 6),
        text: pctWithInterval(p.probability.value, p.probability.ci95),
        diff: g.pinned && g.metric && p.valueAtDeadline ? reachedText(g.metric, p.valueAtDeadline) : k === 0 ? 'the reference' : d ? `${ptsWithInterval(d.probability.value, d.probability.ci95)} vs the reference` : '',
      };
    });
    const y = orderedKey({ axis: null, scale: { paddingInner: 0.3, paddingOuter: 0.15 } });
    // Pinned, the bars cannot tell the options apart: the panel says so, and each row's second line gives the share it reaches instead.
    const note = g.pinned ? (g.metric ? `the chance is ${g.pinned} in every option: beside each bar, the ${g.metric === 'count' ? 'settlements' : 'share'} it reaches by the deadline` : `the chance is ${g.pinned} in every option`) : null;
    return {
      title: panelTitle(g.label, note ? [g.detail, note] : g.detail),
      width: PROB_WIDTH,
      height: PROB_ROW * rows.length,
      layer: [
        {
          data: { values: rows },
          layer: [
            chanceTrack(y),
            {
              mark: { type: 'bar' },
              encoding: {
                y,
                x: { field: 'p', ...x },
                color: colour,
                tooltip: [
                  { field: 'display', title: 'Option' },
                  { field: 'text', title: 'Chance (95% interval)' },
                  { field: 'diff', title: 'Difference' },
                ],
              },
            },
            ...intervalWhisker(y, x, { color: COLOURS.target, strokeWidth: 2, thickness: 2, size: 12 }),
            { mark: { type: 'text', align: 'right', baseline: 'middle', x: -10, fontSize: 13, color: '#111', limit: 230 }, encoding: { y, text: { field: 'display' } } },
            { mark: { type: 'text', align: 'left', baseline: 'bottom', x: { expr: 'width + 10' }, dy: 1, fontSize: 13, fontWeight: 'bold' }, encoding: { y, text: { field: 'text' }, color: colour } },
            { mark: { type: 'text', align: 'left', baseline: 'top', x: { expr: 'width + 10' }, dy: 2, fontSize: 11, color: '#555' }, encoding: { y, text: { field: 'diff' } } },
          ],
        },
        ...(ref
          ? [
              {
                data: { values: [{ p: sig(ref.probability.value, 6) }] },
                mark: { type: 'rule', color: '#333', strokeDash: [5, 4], strokeWidth: 1.5 },
                encoding: { x: { field: 'p', ...x } },
              },
            ]
          : []),
      ],
    };
  });
  const ref = styles[0]?.name ?? 'the first option';
  const all = groups(c);
  const everyPinned = all.length > 0 && all.every((g) => g.pinned);
  return frame(
    comparisonProvenance(c, runDate),
    COMPARE_PROBABILITY_TITLE,
    [
      `Bar: the share of ${shareOf(c)} in which the target is met by its deadline, one bar per option; black whisker: its 95% interval. Thin frame: 0 to 100%.`,
      `Dashed line: the chance under the reference, “${ref}” (grey bar). Beside each bar: its difference from the reference, paired by replication.`,
      // Every bar near 0 (or 100 %) otherwise looks like an answer; it is not one, and the share reached still separates the options.
      ...(everyPinned
        ? [`Every target’s chance is ${PINNED_TEXT} in every option, so these bars cannot tell the options apart:`, 'beside each bar, the share it reaches by the deadline (median, P10–P90) does.']
        : []),
    ],
    { vconcat: panels, spacing: 30 },
    PROB_WIDTH,
  );
}

const DIFF_WIDTH = 460;
const DIFF_ROW = 40;

/** A domain around zero holding every interval, padded and rounded out to whole steps. */
function differenceDomain(values: number[]): { domain: [number, number]; step: number } {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = Math.max(hi - lo, 0.02);
  const step = span > 0.5 ? 0.1 : span > 0.2 ? 0.05 : span > 0.08 ? 0.02 : 0.01;
  const pad = span * 0.06;
  return { domain: [Math.max(-1, Math.floor((lo - pad) / step) * step), Math.min(1, Math.ceil((hi + pad) / step) * step)], step };
}

/** What a differences panel plots: the chance, or — where the chance is pinned — the mean share (or settlements) reached by the deadline. */
type Measure = 'chance' | 'share' | 'count';

const measureOf = (g: Group): Measure => (g.pinned && g.metric ? (g.metric === 'count' ? 'count' : 'share') : 'chance');

/** The estimate a panel plots of one paired difference. */
const plotted = (d: PairedDifference, m: Measure): Estimate => (m === 'chance' ? d.probability : d.valueAtDeadline);

/** A domain around zero holding every difference in settlements, rounded out to a whole step of 1, 2 or 5 × 10ⁿ. */
function countDomain(values: number[]): { domain: [number, number]; step: number } {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = Math.max(hi - lo, 1);
  const raw = span / 6;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * p).find((x) => x >= raw) ?? 10 * p;
  const pad = span * 0.06;
  return { domain: [Math.floor((lo - pad) / step) * step, Math.ceil((hi + pad) / step) * step], step };
}

/**
 * `compare-differences`: a forest plot — per target, each option's paired difference from the
 * reference with its 95 % interval, a zero line, and (light, behind) the wider interval two
 * independent runs of the same size would have given. A target whose chance is pinned in
 * every option (below 1 % or above 99 %, as sensitivity's `pinned`) has a chance difference
 * of noise around 0; its panel plots the paired difference in the mean share (settlements,
 * for a count) reached by the deadline instead, which still tells the options apart. All
 * targets together, pinned, is left out: it has no value at the deadline to fall back on.
 */
export function compareDifferencesSpec(c: ComparisonResult, runDate?: string): Spec {
  const styles = optionStyles(c);
  const refName = styles[0]?.name ?? 'the first option';
  const withDifferences = groups(c).filter((g) => g.differences.length > 0);
  const gs = withDifferences.filter((g) => !(g.pinned && !g.metric));
  const jointLeftOut = withDifferences.find((g) => g.pinned && !g.metric);
  // One x scale per measure, shared by its panels, so panels of one measure read against each other.
  const axes = new Map<Measure, Spec>();
  for (const m of ['chance', 'share', 'count'] as const) {
    const mine = gs.filter((g) => measureOf(g) === m);
    if (mine.length === 0) continue;
    const all = mine.flatMap((g) =>
      g.differences.flatMap((d) => [...plotted(d, m).ci95, plotted(d, m).value, ...(m === 'chance' ? d.independentCi95 : [])]),
    ).filter(Number.isFinite);
    const { domain, step } = m === 'count' ? countDomain(all) : differenceDomain(all);
    const sign = "(datum.value > 0.0000001 ? '+' : datum.value < -0.0000001 ? '−' : '')";
    const labelExpr = m === 'count' ? `${sign} + format(abs(datum.value), ',')` : `${sign} + format(abs(datum.value) * 100, '${step < 0.02 ? '.1f' : '.0f'}')`;
    const title =
      m === 'chance'
        ? `Difference in chance vs “${refName}” (percentage points)`
        : m === 'share'
          ? `Difference in the mean share reached by the deadline vs “${refName}” (percentage points)`
          : `Difference in the mean settlements reached by the deadline vs “${refName}”`;
    axes.set(m, { type: 'quantitative', scale: { domain, nice: false, zero: false }, axis: { title, values: ticksBetween(domain, step), labelExpr, grid: true } });
  }
  const colour = { field: 'display', type: 'nominal', scale: { domain: styles.map((s) => s.display), range: styles.map((s) => s.colour) }, legend: null };
  const panels: Spec[] = gs.map((g) => {
    const m = measureOf(g);
    const x = axes.get(m)!;
    const refP = g.perOption[0]?.probability.value;
    const rows = g.differences.map((d, k) => {
      const st = styleOf(styles, d.option, k + 1);
      const e = plotted(d, m);
      return {
        key: `d${k}`,
        order: k,
        display: st.display,
        d: sig(e.value, 6),
        lo: sig(e.ci95[0], 6),
        hi: sig(e.ci95[1], 6),
        ilo: sig(d.independentCi95[0], 6),
        ihi: sig(d.independentCi95[1], 6),
        text: m === 'chance' ? ptsWithInterval(d.probability.value, d.probability.ci95) : meanDifference(g.metric!, e),
        independent: ptsInterval(d.independentCi95),
        counts: futuresCounts(d, c.runs),
      };
    });
    const y = orderedKey({ axis: null, scale: { paddingInner: 0.3, paddingOuter: 0.2 } });
    return {
      title: panelTitle(g.label, m === 'chance' ? `${g.detail} · chance under “${refName}”: ${pct(refP)}` : [g.detail, pinnedNote(g)]),
      width: DIFF_WIDTH,
      height: DIFF_ROW * rows.length,
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#222', strokeWidth: 1.5 }, encoding: { x: { field: 'zero', ...x } } },
        {
          data: { values: rows },
          layer: [
            // Independent runs' interval: of the chance only (the comparison has none for the share).
            ...(m === 'chance' ? [{ mark: { type: 'rule', strokeWidth: 14, opacity: 0.22, strokeCap: 'butt' }, encoding: { y, x: { field: 'ilo', ...x }, x2: { field: 'ihi' }, color: colour } }] : []),
            ...intervalWhisker(y, x, { strokeWidth: 3, thickness: 2.5, size: 14 }, { color: colour }),
            {
              mark: { type: 'point', shape: 'circle', filled: true, size: 120, stroke: 'white', strokeWidth: 1.5, opacity: 1 },
              encoding: {
                y,
                x: { field: 'd', ...x },
                color: colour,
                tooltip: [
                  { field: 'display', title: 'Option' },
                  { field: 'text', title: m === 'chance' ? 'Paired difference (95% interval)' : `Paired difference in the mean ${m === 'count' ? 'settlements' : 'share'} reached (95% interval)` },
                  ...(m === 'chance' ? [{ field: 'independent', title: 'Independent runs would give' }] : []),
                  { field: 'counts', title: 'Replications' },
                ],
              },
            },
            { mark: { type: 'text', align: 'right', baseline: 'middle', x: -10, fontSize: 13, color: '#111', limit: 220 }, encoding: { y, text: { field: 'display' } } },
            { mark: { type: 'text', align: 'left', baseline: 'bottom', x: { expr: 'width + 10' }, dy: 1, fontSize: 13, fontWeight: 'bold' }, encoding: { y, text: { field: 'text' }, color: colour } },
            { mark: { type: 'text', align: 'left', baseline: 'top', x: { expr: 'width + 10' }, dy: 2, fontSize: 11, color: '#555', limit: 330 }, encoding: { y, text: { field: 'counts' } } },
          ],
        },
      ],
    };
  });
  const anyPinned = gs.some((g) => measureOf(g) !== 'chance');
  const subtitle = [
    `Dot and dark line: each option’s chance minus that of “${refName}”, paired replication by replication, with its 95% interval;`,
    'right of the zero line: better. Light bar: the interval two independent runs of the same size would give. Common random numbers —',
    'every option meets the same simulated winters, delays and risks in the same replication — make the paired interval narrower,',
    `so smaller differences are real. Gained / lost: futures in which only the option, or only the reference, meets the target${c.conditioned ? ' (conditioned on observations: weighted, in effective futures)' : ''}.`,
    // A chance pinned near 0 or 1 gives differences of 0 ± noise whatever the option does; the share reached still moves.
    ...(anyPinned ? [`Where a target’s chance is ${PINNED_TEXT} in every option, its panel shows the paired difference in the mean share (for a count, settlements) reached by the deadline instead (no light bar).`] : []),
    ...(jointLeftOut ? [`All targets together is left out: its chance is ${jointLeftOut.pinned} in every option, and it has no share to show instead.`] : []),
  ];
  const body = panels.length
    ? { vconcat: panels, spacing: 30 }
    : emptyNote(withDifferences.length ? `Every chance is ${jointLeftOut?.pinned ?? PINNED_TEXT} in every option, with no share to show instead.` : 'Only one option: there is nothing to compare it with.', DIFF_WIDTH);
  return frame(comparisonProvenance(c, runDate), COMPARE_DIFFERENCES_TITLE, subtitle, body, DIFF_WIDTH);
}

/** Tick values from domain[0] to domain[1] every `step` (rounded so 0 is exact). */
function ticksBetween(domain: [number, number], step: number): number[] {
  const out: number[] = [];
  const n = Math.round((domain[1] - domain[0]) / step);
  const every = n > 12 ? Math.ceil(n / 10) : 1;
  for (let i = 0; i <= n; i++) {
    const v = Math.round((domain[0] + i * step) * 1e6) / 1e6;
    if (Math.round(v / step) % every === 0) out.push(v === 0 ? 0 : v);
  }
  return out;
}

const FAN_WIDTH = 760;
const FAN_HEIGHT = 260;
/** One dash pattern per option, in order (the reference's is solid under its wide casing). */
const FAN_DASHES: number[][] = [[1, 0], [1, 0], [9, 4], [3, 3], [12, 3, 3, 3], [6, 2, 2, 2], [2, 5], [14, 6]];
/** Two medians closer than this everywhere (a share: 1 point) are drawn as one line, and the subtitle says so. */
const COINCIDE = 0.01;

/**
 * '“a” and “b (reference)”' for each pair of options whose medians are within COINCIDE of
 * each other at every date they share, in option order.
 */
function coinciding(rows: readonly { display: string; order: number; date: string; p50: number }[], styles: OptionStyle[]): string[] {
  const byOption = styles.map((_, k) => new Map(rows.filter((r) => r.order === k).map((r) => [r.date, r.p50])));
  const out: string[] = [];
  for (let i = 0; i < styles.length; i++) {
    for (let j = i + 1; j < styles.length; j++) {
      const a = byOption[i]!;
      const b = byOption[j]!;
      const shared = [...a.keys()].filter((d) => b.has(d));
      if (shared.length > 0 && shared.every((d) => Math.abs(a.get(d)! - b.get(d)!) < COINCIDE)) out.push(`“${styles[i]!.display}” and “${styles[j]!.display}”`);
    }
  }
  return out;
}


/**
 * `compare-fans`: the national fibre share over time under each option — median lines overlaid,
 * each option in its own dash over the reference's wide grey line and light P10–P90 band — with the fibre targets as diamonds; a coverage (and motorway) panel
 * follows when a target measures it. Shown up to a year after the last deadline (or the
 * horizon, if sooner), with the y axis starting at the lowest P10 drawn.
 */
export function compareFansSpec(c: ComparisonResult, runDate?: string): Spec {
  const styles = optionStyles(c);
  const first = c.options[0]?.result;
  const names = first ? seriesNames(first) : { fibre: 'Settlements on fibre', coverage: 'Settlements covered', motorway: 'Motorway km covered by masts' };
  const starts = c.options.map((o) => o.result.input.start).sort();
  const ends = c.options.map((o) => o.result.input.horizon).sort();
  const horizon = ends[ends.length - 1] ?? '2030-12-31';
  const lastDeadline = c.targets.map((t) => t.deadline).sort().pop();
  const afterLast = lastDeadline ? `${Number(lastDeadline.slice(0, 4)) + 1}${lastDeadline.slice(4, 10)}` : horizon;
  const domain: [string, string] = [starts[0] ?? '2025-01-01', afterLast < horizon ? afterLast : horizon];
  const x = { field: 'date', ...dateAxis(domain) };
  // In rows of three: ten options on one row were wider than the panels.
  const legend = { orient: 'top', direction: 'horizontal', columns: 3, symbolType: 'stroke', symbolStrokeWidth: 3, symbolSize: 400, labelFontSize: 13, labelLimit: 220 };
  const optionScale = { domain: styles.map((s) => s.display), range: styles.map((s) => s.colour) };
  const colour = { field: 'display', type: 'nominal', title: null, scale: optionScale, legend };
  // Two options' medians can lie on one another (an option that changes nothing before the
  // horizon): the reference is a wide grey casing drawn first, and each option a narrower line
  // of its own dash pattern on top, so a coinciding option shows as its line inside the casing.
  // Same field, title and legend as the colour: Vega-Lite merges the two into one legend.
  const dash = { field: 'display', type: 'nominal', title: null, scale: { domain: styles.map((s) => s.display), range: styles.map((_, k) => FAN_DASHES[k % FAN_DASHES.length]) }, legend };
  const shown: NationalSeries[] = ['fibre'];
  for (const t of c.targets) {
    const s = seriesOf(t);
    if (s !== null && !shown.includes(s)) shown.push(s);
  }
  const start = dateMs(domain[0]);
  const span = Math.max(1, dateMs(domain[1]) - start);
  /** Pairs of options whose medians lie on one another in some panel, for the subtitle. */
  const together: string[] = [];
  const panels: Spec[] = shown.map((series) => {
    const rows = c.options.flatMap((o, k) => {
      const st = styleOf(styles, o.identity.name, k);
      return o.result.timeseries
        .filter((p) => p.series === series && p.date <= domain[1])
        .map((p) => ({ display: st.display, order: k, date: p.date, p10: sig(p.p10, 4), p50: sig(p.p50, 4), p90: sig(p.p90, 4) }));
    });
    for (const pair of coinciding(rows, styles)) if (!together.includes(pair)) together.push(pair);
    const targets = c.targets
      .filter((t) => seriesOf(t) === series)
      .map((t) => ({ date: t.deadline, threshold: t.threshold, label: t.label, rule: targetRule(t, c.options[0]?.result.input.coverageTechnologies), right: (dateMs(t.deadline) - start) / span > 0.6 }));
    const lowest = Math.min(1, ...rows.map((r) => (r.order === 0 ? r.p10 : r.p50)), ...targets.map((t) => t.threshold));
    const yMin = Math.max(0, Math.min(0.8, Math.floor((lowest - 0.02) * 10) / 10));
    const y = { type: 'quantitative', scale: { domain: [yMin, 1], zero: false }, axis: { format: '.0%', title: null, tickCount: 5 } };
    const line = (reference: boolean): Spec => ({
      transform: [{ filter: reference ? 'datum.order == 0' : 'datum.order > 0' }],
      mark: { type: 'line', ...(reference ? { strokeWidth: 6, opacity: 0.55 } : { strokeWidth: 2.5 }) },
      encoding: {
        x,
        y: { field: 'p50', ...y },
        color: colour,
        strokeDash: dash,
        tooltip: [
          { field: 'display', title: 'Option' },
          { field: 'date', type: 'temporal', title: 'Date', format: '%d %b %Y', scale: { type: 'utc' } },
          { field: 'p10', type: 'quantitative', title: 'P10', format: '.1%' },
          { field: 'p50', type: 'quantitative', title: 'Median', format: '.1%' },
          { field: 'p90', type: 'quantitative', title: 'P90', format: '.1%' },
        ],
      },
    });
    // A target's label beside its diamond, on a white halo so the lines under it do not blur it.
    const targetLabel = (side: 'left' | 'right', halo: boolean) => ({
      data: { values: targets.filter((t) => t.right === (side === 'right')) },
      mark: {
        type: 'text',
        align: side === 'right' ? 'right' : 'left',
        baseline: 'top',
        dx: side === 'right' ? -10 : 10,
        dy: 8,
        fontSize: 12,
        fontWeight: 'bold',
        ...(halo ? { color: 'white', stroke: 'white', strokeWidth: 4, strokeJoin: 'round', opacity: 0.9 } : { color: '#222' }),
      },
      encoding: { x, y: { field: 'threshold', ...y }, text: { field: 'label', type: 'nominal' } },
    });
    const subtitle =
      series === 'fibre' ? 'Share of rural settlements on fibre' : series === 'coverage' ? 'Share of rural settlements covered by a technology that counts' : 'Share of motorway km covered';
    return {
      title: panelTitle(names[series], yMin > 0 ? `${subtitle} (axis from ${pct(yMin)})` : subtitle),
      width: FAN_WIDTH,
      height: FAN_HEIGHT,
      layer: [
        {
          data: { values: rows },
          // The reference's band alone: four overlapping bands blended into muddy colours that matched no option.
          layer: [
            { transform: [{ filter: 'datum.order == 0' }], mark: { type: 'area', opacity: 0.16, color: REFERENCE_COLOUR }, encoding: { x, y: { field: 'p10', ...y }, y2: { field: 'p90' } } },
            line(true),
            line(false),
          ],
        },
        ...(targets.length
          ? [
              {
                data: { values: targets },
                layer: [
                  { mark: { type: 'rule', strokeDash: [4, 4], color: '#999', strokeWidth: 1 }, encoding: { x } },
                  {
                    mark: { type: 'point', shape: 'diamond', size: 200, filled: true, color: COLOURS.target, stroke: 'white', strokeWidth: 1.5, opacity: 1 },
                    encoding: { x, y: { field: 'threshold', ...y }, tooltip: [{ field: 'label', title: 'Target' }, { field: 'rule', title: 'Rule' }] },
                  },
                ],
              },
              targetLabel('left', true),
              targetLabel('right', true),
              targetLabel('left', false),
              targetLabel('right', false),
            ]
          : []),
      ],
    };
  });
  return frame(
    comparisonProvenance(c, runDate),
    COMPARE_FANS_TITLE,
    [
      `Line: the median of the simulated futures under each option, each in its own dash (wide grey: the reference, “${styles[0]?.name ?? 'the first option'}”).`,
      'Grey band: 8 in 10 of the reference’s futures (P10–P90); the options’ bands are left out, as overlapping they hid one another and the lines.',
      `Diamonds: the targets — an option meets a target in the futures whose line is at or above the diamond by its date. Shown to ${humanDate(domain[1])}.`,
      // The pairs wrapped to the chart's width: on one line, ten options' pairs made the chart 6,000 px wide and its text unreadable once scaled into a page.
      ...(together.length ? [`Medians that lie on one another (within ${COINCIDE * 100} point throughout), so one line shows inside the other:`, ...wrapParts(together, FAN_WIDTH, 13)] : []),
    ],
    { vconcat: panels, spacing: 30, resolve: { scale: { color: 'shared', strokeDash: 'shared', y: 'independent' } } },
    FAN_WIDTH,
  );
}
