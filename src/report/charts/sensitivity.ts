import type { SensitivityResult, Swing } from '../../montecarlo/analysis-result.js';
import { measureOf, sortedSwings, swingOf, type TornadoMeasure } from '../../montecarlo/swing-ranking.js';
import { byText } from '../../montecarlo/text-order.js';
import { int, num, pct, pctTenth, pts, ptsShown, runDateText, sig } from '../format.js';
import { textWidth } from '../text-metrics.js';
import { COLOURS, emptyNote, frame, orderedKey, PALETTE, wrapLabel, type Spec } from './common.js';

export const SPEARMAN_TITLE = 'Which random draws go with reaching more by the deadline?';

// What ranks the swings lives with the analysis (src/montecarlo/swing-ranking.ts), so that the
// result, sensitivity.json, the terminal, the page and the charts order them one way.
export { measureOf, PINNED_TEXT, pinned, pinnedText, rankingMeasure, sortedSwings, swingOf, type TornadoMeasure } from '../../montecarlo/swing-ranking.js';

type Outcome = { probability: number; valueAtDeadlineMean: number };

/** Each measure's words. */
const MEASURE = {
  chance: { noun: 'chance', axis: (label: string) => `Chance of meeting “${label}”` },
  share: { noun: 'mean share reached by the deadline', axis: (label: string) => `Mean share reached by the deadline of “${label}”` },
} as const;

/** The tornado's title for one target. */
export function tornadoTitle(label: string, measure: TornadoMeasure = 'chance', metric = 'share'): string {
  return measure === 'chance' ? `What moves the chance of “${label}”?` : `What moves the ${metric === 'count' ? 'count' : 'share'} reached by the deadline of “${label}”?`;
}

/** The footer of every sensitivity chart. */
export function sensitivityProvenance(s: SensitivityResult, runDate?: string): string[] {
  return [
    `Scenario "${s.scenario.name}"`,
    `sha256 ${s.scenario.sha256.slice(0, 12)}`,
    `seed ${s.seed}`,
    `${int(s.runs)} runs per variant`,
    `rollout-sim ${s.version}`,
    ...(runDate ? [`run ${runDateText(runDate)}`] : []),
  ];
}

/** An input's value for people: 3 significant digits, thousands separated. */
export function inputValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return num(x, 0);
  return num(sig(x, 3), 4);
}

/** A swing (never negative) in percentage points: '43 pts', '1.0 pts'. */
export function swingPts(x: number): string {
  return pts(Math.abs(x)).replace(/^\+/, '');
}

/**
 * How a measure's values and swings read for a target: percents and points — or, for the
 * mean reached by the deadline of a `count` target, settlements.
 *
 * @example measureFormat('share', 'count').value(10.93)   // '10.9'
 */
export function measureFormat(measure: TornadoMeasure, metric: string): { counts: boolean; value: (x: number) => string; swing: (x: number) => string; noun: string } {
  if (measure === 'share' && metric === 'count') {
    return { counts: true, value: (x) => num(x, 1), swing: (x) => `${num(Math.abs(x), 1)} settlements`, noun: 'mean count reached by the deadline' };
  }
  // The mean share reached moves by points and tenths (67.7 % → 78.7 %): whole percents put a
  // swing of 3.2 points under '4 pts' below one of 3.6 under '3 pts'. Chances keep pct's rule.
  if (measure === 'share') return { counts: false, value: pctTenth, swing: (x) => pts(Math.abs(x), 1).replace(/^\+/, ''), noun: MEASURE[measure].noun };
  return { counts: false, value: pct, swing: swingPts, noun: MEASURE[measure].noun };
}

/**
 * A swing as the page and the chart show it: for chances, the difference of the low and
 * high values as shown (ptsShown: '47% … 51%' swings '4 pts', where the unrounded 4.6 read
 * '5 pts' beside them), or the swing itself where that difference shows as 0; for a mean
 * share, the difference of the tenths shown ('67.7% … 78.7%' swings '11.0 pts'); for a
 * count, the swing itself in settlements.
 */
export function shownSwing(t: Swing['targets'][number], measure: TornadoMeasure, metric: string): string {
  const f = measureFormat(measure, metric);
  if (f.counts) return f.swing(swingOf(t, measure));
  const lo = measureOf(t.low, measure), hi = measureOf(t.high, measure);
  if (measure === 'share') {
    // The difference of the two tenths shown beside it.
    const tenth = (x: number) => Math.round(x * 1000);
    return f.swing(Math.abs(tenth(hi) - tenth(lo)) / 1000);
  }
  const shown = ptsShown(Math.min(lo, hi), Math.max(lo, hi)).replace(/^\+/, '');
  // Two ends that show as the same percent but differ ('28% · 28%'): the swing is below the
  // figures' precision, and is given as it is ('0.3 pts') rather than as nothing.
  return shown === f.swing(0) && hi !== lo ? f.swing(swingOf(t, measure)) : shown;
}

/** Whether setting the input low or high changed the target's chance (or mean share) at all. */
export function moves(t: { low: Outcome; high: Outcome }, base: number, measure: TornadoMeasure = 'chance'): boolean {
  return Math.abs(measureOf(t.low, measure) - base) > NO_CHANGE || Math.abs(measureOf(t.high, measure) - base) > NO_CHANGE;
}

const LOW = 'Input at its low value';
const HIGH = 'Input at its high value';
const LOW_COLOUR = '#d9822b';
const HIGH_COLOUR = '#1f5fa8';
const T_WIDTH = 420;
/** An input's name left of its tornado bars: its font and the most room it has (longer names wrap onto two lines, wrapLabel). */
const LABEL_FONT = { fontSize: 13, fontWeight: 'bold' };
const LABEL_LIMIT = 360;
const LABEL_LINE = 15;
const T_ROW = 46;
/** A row whose name takes two lines: room for them above the bar's centre and the detail line below. */
const T_ROW_TWO_LINES = 60;
const GUTTER = 46;
/** A change in probability below this is no change (one replication in 10,000 is 0.0001). */
const NO_CHANGE = 1e-9;

/**
 * `tornado-<target id>` (measure 'chance') and `tornado-share-<target id>` ('share'): for
 * each input, the chance of meeting the target — or the mean share reached by its deadline —
 * with the input at its low value and at its high value (everything else as in the
 * scenario), as two bars from the base; the largest swing on top, a vertical line at the base.
 */
export function tornadoSpec(s: SensitivityResult, targetId: string, runDate?: string, measure: TornadoMeasure = 'chance'): Spec {
  const base = s.base.find((b) => b.id === targetId);
  const label = base?.label ?? targetId;
  const baseP = base ? measureOf(base, measure) : 0;
  const at = (o: Outcome) => measureOf(o, measure);
  const f = measureFormat(measure, base?.metric ?? 'share');
  const noun = f.noun;
  const every = sortedSwings(s, targetId, measure);
  // Inputs whose swing shows as nothing ('swing 0 pts': no move at all, or less than the
  // precision shown) would be rows that say nothing: they are counted in the subtitle instead.
  const metric = base?.metric ?? 'share';
  const zero = f.swing(0);
  const list = every.filter(({ t }) => moves(t, baseP, measure) && shownSwing(t, measure, metric) !== zero);
  const still = every.length - list.length;
  const unmoved = every.filter(({ t }) => !moves(t, baseP, measure)).length;
  const all = [baseP, ...list.flatMap(({ t }) => [at(t.low), at(t.high)])];
  let lo: number, hi: number;
  if (f.counts) {
    // Settlements: a margin of a tenth of the spread (at least one) each side, from 0 up.
    const pad = Math.max(1, 0.1 * (Math.max(...all) - Math.min(...all)));
    lo = Math.max(0, Math.floor(Math.min(...all) - pad));
    hi = Math.ceil(Math.max(...all) + pad);
  } else {
    lo = Math.max(0, Math.floor((Math.min(...all) - 0.03) * 10) / 10);
    hi = Math.min(1, Math.ceil((Math.max(...all) + 0.03) * 10) / 10);
    if (hi - lo < 0.2) {
      if (hi + 0.1 <= 1) hi = Math.round((hi + 0.1) * 10) / 10;
      if (hi - lo < 0.2) lo = Math.max(0, Math.round((lo - 0.1) * 10) / 10);
    }
  }
  const span = hi - lo;
  const bars: object[] = [];
  const texts: object[] = [];
  const labels: object[] = [];
  list.forEach(({ w, t }, i) => {
    const key = `i${i}`;
    const ends = [
      { side: LOW, to: at(t.low), value: inputValue(w.low) },
      { side: HIGH, to: at(t.high), value: inputValue(w.high) },
    ].map((e) => ({ key, order: i, label: w.label, side: e.side, from: sig(baseP, 6), to: sig(e.to, 6), len: Math.abs(e.to - baseP), value: e.value, chance: f.value(e.to) }));
    // The longer bar first, so the shorter one is drawn over it when both go the same way.
    ends.sort((a, b) => b.len - a.len);
    bars.push(...ends);
    const [far, near] = ends as [(typeof ends)[number], (typeof ends)[number]];
    const farLeft = far.to < baseP;
    if (near.len > NO_CHANGE && near.to < baseP !== farLeft) {
      // One bar each side: each end's chance just beyond it.
      for (const e of ends) texts.push({ key, order: i, at: e.to, align: e.to < baseP ? 'right' : 'left', text: f.value(e.to) });
    } else {
      // Both ends on one side (or one end unchanged): one label saying which is which, on the free side
      // of the base line if there is room for it there, else beyond the longer bar.
      const text = `low ${f.value(at(t.low))} · high ${f.value(at(t.high))}`;
      const room = farLeft ? (hi - baseP) / span : (baseP - lo) / span;
      if (room >= 0.3) texts.push({ key, order: i, at: baseP, align: farLeft ? 'left' : 'right', text });
      else texts.push({ key, order: i, at: far.to, align: farLeft ? 'right' : 'left', text });
    }
    labels.push({ key, order: i, label: wrapLabel(w.label, LABEL_LIMIT, LABEL_FONT), detail: `${w.how}: ${inputValue(w.low)} → ${inputValue(w.high)}`, swing: `swing ${shownSwing(t, measure, metric)}` });
  });
  const axisTitle = f.counts ? `Mean count reached by the deadline of “${label}” (settlements)` : MEASURE[measure].axis(label);
  // A domain 30 points wide gets a tick every 2 points, 28 px apart: '98%' and '100%' touched. Labels closer than 6 px are thinned out.
  const x = { type: 'quantitative', scale: { domain: [lo, hi], nice: false, zero: false }, axis: { format: f.counts ? ',d' : '.0%', title: axisTitle, tickCount: 10, grid: true, labelFlush: false, labelOverlap: true, labelSeparation: 6 } };
  const y = orderedKey({ axis: null, scale: { paddingInner: 0.28, paddingOuter: 0.15 } });
  const colour = { field: 'side', type: 'nominal', title: null, scale: { domain: [LOW, HIGH], range: [LOW_COLOUR, HIGH_COLOUR] }, legend: { orient: 'top', direction: 'horizontal', symbolType: 'square', labelFontSize: 13 } };
  const endText = (align: 'left' | 'right'): Spec => ({
    transform: [{ filter: `datum.align == '${align}'` }],
    mark: { type: 'text', align, baseline: 'middle', dx: align === 'right' ? -4 : 4, fontSize: 12, color: '#222' },
    encoding: { y, x: { field: 'at', ...x }, text: { field: 'text' } },
  });
  const subtitle = [
    measure === 'chance'
      ? `Each bar: the chance of meeting the target with one input at its low or its high value and everything else as in the scenario (${int(s.runs)} runs each).`
      : `Each bar: the ${f.counts ? 'count of settlements' : 'share'} reached by the target’s deadline, averaged over the futures (${int(s.runs)} runs each), with one input at its low or its high value and everything else as in the scenario.`,
    `Largest swing on top. Vertical line: the base ${noun}, ${f.value(baseP)}. Under each input: how low and high were chosen, and the two values.`,
    ...(still > 0 ? [`Left out: ${int(still)} input${still === 1 ? '' : 's'} whose swing rounds to ${zero}${unmoved === still ? ` (${still === 1 ? 'it' : 'they'} did not move this ${noun} at all)` : unmoved > 0 ? ` (${int(unmoved)} of them did not move this ${noun} at all)` : ''}.`] : []),
  ];
  const body: Spec = list.length
    ? {
        width: T_WIDTH,
        height: (labels.some((l) => (l as { label: string[] }).label.length > 1) ? T_ROW_TWO_LINES : T_ROW) * list.length,
        layer: [
          {
            data: { values: bars },
            mark: { type: 'bar', opacity: 0.9 },
            encoding: {
              y,
              x: { field: 'from', ...x },
              x2: { field: 'to' },
              color: colour,
              tooltip: [
                { field: 'label', title: 'Input' },
                { field: 'side', title: 'Set to' },
                { field: 'value', title: 'Value' },
                { field: 'chance', title: measure === 'chance' ? 'Chance' : f.counts ? 'Mean count' : 'Mean share' },
              ],
            },
          },
          { data: { values: texts }, layer: [endText('left'), endText('right')] },
          {
            data: { values: labels },
            layer: [
              // A gutter each side of the plot keeps a bar's end label (up to '100%') clear of the input's name and of its swing.
              // Vega sets a multi-line text's first line on the baseline and the rest below it: a
              // two-line name starts one line higher, so its second line ends where a one-line name does.
              ...[1, 2].map((n) => ({ transform: [{ filter: `length(datum.label) == ${n}` }], mark: { type: 'text', align: 'right', baseline: 'bottom', x: -GUTTER, dy: -1 - (n - 1) * LABEL_LINE, lineHeight: LABEL_LINE, ...LABEL_FONT, color: '#111', limit: LABEL_LIMIT }, encoding: { y, text: { field: 'label' } } })),
              { mark: { type: 'text', align: 'right', baseline: 'top', x: -GUTTER, dy: 2, fontSize: 11, color: '#555', limit: 360 }, encoding: { y, text: { field: 'detail' } } },
              { mark: { type: 'text', align: 'left', baseline: 'middle', x: { expr: `width + ${GUTTER}` }, fontSize: 12, color: '#333' }, encoding: { y, text: { field: 'swing' } } },
            ],
          },
          {
            data: { values: [{ base: sig(baseP, 6), text: `Base ${f.value(baseP)}` }] },
            layer: [
              { mark: { type: 'rule', color: COLOURS.target, strokeWidth: 2 }, encoding: { x: { field: 'base', ...x } } },
              { mark: { type: 'text', align: 'center', baseline: 'bottom', y: -4, fontSize: 12, fontWeight: 'bold', color: COLOURS.target }, encoding: { x: { field: 'base', ...x }, text: { field: 'text' } } },
            ],
          },
        ],
      }
    : emptyNote(every.length ? `No input moved the ${measure === 'chance' ? 'chance of meeting this target' : noun}.` : 'No input was swung for this target.', T_WIDTH);
  return frame(sensitivityProvenance(s, runDate), tornadoTitle(label, measure, base?.metric), subtitle, body, T_WIDTH);
}

const S_WIDTH = 460;
/** A legend entry's square, padding and gap beside its label, in px. */
const LEGEND_ENTRY = 40;

/**
 * The targets' legend above the correlation bars: side by side when their labels fit the
 * chart's width, else one a line — side by side, the baseline's third target was cut to
 * “100 % of settlements covered by communication networks b…”.
 */
function targetLegend(labels: readonly string[]): Spec {
  const wide = labels.reduce((sum, l) => sum + textWidth({ fontSize: 13 }, l) + LEGEND_ENTRY, 0) > S_WIDTH + S_LABEL_LIMIT;
  return wide
    ? { orient: 'top', direction: 'vertical', symbolType: 'square', labelFontSize: 13, labelLimit: S_WIDTH + S_LABEL_LIMIT }
    : { orient: 'top', direction: 'horizontal', symbolType: 'square', labelFontSize: 13, labelLimit: 360 };
}
/** The most room an input's name has left of the correlation bars. */
const S_LABEL_LIMIT = 330;

/**
 * `spearman`: the rank correlation, over the base run's replications, of each sampled input
 * with each target's outcome; inputs by their largest absolute correlation, bars coloured by target.
 */
export function spearmanSpec(s: SensitivityResult, runDate?: string, words: { title?: string; sample?: string; footer?: string[] } = {}): Spec {
  const targetLabel = new Map(s.base.map((b) => [b.id, b.label]));
  const ids = [...s.base.map((b) => b.id)];
  for (const c of s.correlations) for (const t of c.targets) if (!ids.includes(t.id)) ids.push(t.id);
  const names = ids.map((id) => targetLabel.get(id) ?? id);
  // Two targets with the same label still get their own bar: suffix the repeats.
  const display = names.map((n, i) => (names.indexOf(n) === i ? n : `${n} (${ids[i]})`));
  const ranked = [...s.correlations]
    .map((c) => ({ c, top: Math.max(0, ...c.targets.map((t) => Math.abs(t.spearman))) }))
    .sort((a, b) => b.top - a.top || byText(a.c.label, b.c.label) || byText(a.c.input, b.c.input));
  // The intervals adjusted for every correlation shown, where the result has them (results written before them: each on its own).
  const adjusted = s.correlations.length > 0 && s.correlations.every((c) => c.targets.every((t) => t.ci95Adjusted !== undefined));
  const family = s.correlations.reduce((k, c) => k + c.targets.length, 0);
  const rows = ranked.flatMap(({ c }, i) =>
    c.targets.map((t) => {
      const [lo, hi] = (adjusted ? t.ci95Adjusted : t.ci95) ?? [-1, 1];
      // An interval that contains 0: this many replications cannot tell the association from noise.
      const noise = lo <= 0 && hi >= 0;
      // The sign only when the shown digits are not all zero: '−0.00' would claim a direction they do not show.
      const digits = Math.abs(t.spearman).toFixed(2);
      const rho = `${Number(digits) === 0 ? '' : t.spearman > 0 ? '+' : '−'}${digits}`;
      return {
        key: `i${i}`, order: i, label: c.label, target: display[ids.indexOf(t.id)] ?? t.id,
        rho: sig(t.spearman, 4), lo: sig(lo, 4), hi: sig(hi, 4), neg: t.spearman < 0, noise,
        // The value is written beyond the interval's end, on the bar's side.
        end: sig(t.spearman < 0 ? lo : hi, 4),
        text: noise ? `${rho} (could be 0)` : rho,
        interval: `${sig(lo, 2)} to ${sig(hi, 2)}${noise ? ': includes 0, not distinguishable from noise' : ''}`,
        ...(adjusted ? { alone: `${sig(t.ci95[0], 2)} to ${sig(t.ci95[1], 2)}` } : {}),
      };
    }),
  );
  const labels = ranked.map(({ c }, i) => ({ key: `i${i}`, order: i, label: wrapLabel(c.label, S_LABEL_LIMIT, { fontSize: 12 }) }));
  const perRow = Math.max(1, ids.length);
  // At least two lines of name a row when some name wraps (one target's bars alone are 29 px).
  const row = Math.max(13 * perRow + 16, labels.some((l) => l.label.length > 1) ? 36 : 0);
  const y = orderedKey({ axis: null, scale: { paddingInner: 0.2, paddingOuter: 0.1 } });
  const x = { type: 'quantitative', scale: { domain: [-1, 1] }, axis: { title: 'Spearman rank correlation with the share reached by the deadline', values: [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1], format: '.2~f', grid: true } };
  const colour = { field: 'target', type: 'nominal', title: null, scale: { domain: display, range: display.map((_, i) => PALETTE[i % PALETTE.length]!) }, legend: targetLegend(display) };
  const yOffset = { field: 'target', type: 'nominal', scale: { domain: display } };
  const valueText = (neg: boolean): Spec => ({
    transform: [{ filter: neg ? 'datum.neg' : '!datum.neg' }],
    mark: { type: 'text', align: neg ? 'right' : 'left', baseline: 'middle', dx: neg ? -3 : 3, fontSize: 10, color: '#333' },
    encoding: { y, yOffset, x: { field: 'end', ...x }, text: { field: 'text' } },
  });
  const body: Spec = rows.length
    ? {
        width: S_WIDTH,
        height: row * labels.length,
        layer: [
          {
            data: { values: rows },
            layer: [
              {
                mark: { type: 'bar' },
                encoding: {
                  y,
                  yOffset,
                  x: { field: 'rho', ...x },
                  color: colour,
                  // Faded: the interval includes 0.
                  opacity: { condition: { test: 'datum.noise', value: 0.3 }, value: 1 },
                  tooltip: [
                    { field: 'label', title: 'Input' },
                    { field: 'target', title: 'Target' },
                    { field: 'rho', type: 'quantitative', title: 'Spearman ρ', format: '+.2f' },
                    { field: 'interval', title: adjusted ? `Interval adjusted for the ${int(family)} shown` : '95 % interval' },
                    ...(adjusted ? [{ field: 'alone', title: '95 % interval on its own' }] : []),
                  ],
                },
              },
              { mark: { type: 'rule', color: '#222', strokeWidth: 1.2 }, encoding: { y, yOffset, x: { field: 'lo', ...x }, x2: { field: 'hi' } } },
              valueText(false),
              valueText(true),
            ],
          },
          { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#222', strokeWidth: 1.5 }, encoding: { x: { field: 'zero', ...x } } },
          { data: { values: labels }, mark: { type: 'text', align: 'right', baseline: 'middle', x: -10, fontSize: 12, color: '#111', limit: S_LABEL_LIMIT }, encoding: { y, text: { field: 'label' } } },
        ],
      }
    : emptyNote('The base run recorded no sampled inputs that varied.', S_WIDTH);
  return frame(
    words.footer ?? sensitivityProvenance(s, runDate),
    words.title ?? SPEARMAN_TITLE,
    [
      `Spearman rank correlation, over ${words.sample ?? `the ${int(s.runs)} replications of the base run`}, between what each replication drew for an input`,
      'and the share it reached by each target’s deadline. Right of zero: higher draws go with reaching more; left: with reaching less.',
      ...(adjusted
        ? [
            `Thin lines: intervals adjusted for all ${int(family)} correlations shown, so that at most 5 % of the solid bars are expected to be noise`,
            '(false discovery rate, Benjamini-Hochberg). Faded bars marked “could be 0”: the interval includes 0, so this many replications',
            'cannot tell the association from noise. Only inputs the scenario uses and that varied. Strongest first. Association, not cause.',
          ]
        : [
            'Thin lines: 95 % intervals. Faded bars marked “could be 0”: the interval includes 0, so this many replications cannot tell',
            'the association from noise. Only inputs the scenario uses and that varied. Strongest first. Association, not cause.',
          ]),
    ],
    body,
    S_WIDTH,
  );
}
