import type { RunResult } from '../../montecarlo/result.js';
import { int, pct } from '../format.js';
import { textWidth } from '../text-metrics.js';
import { chanceTrack, COLOURS, framed, intervalWhisker, orderedKey, targetRule, type ChartContext, type Spec } from './common.js';

export const TARGET_PROBABILITY_TITLE = 'What is the chance of meeting each target?';

const WIDTH = 560;
const ROW = 58;
/** The label column's room, and the rule line's font: a rule wider than the room is wrapped, not cut. */
const LABEL_ROOM = 420;
const DETAIL_FONT = { fontSize: 12 };

/** Chart 2 (`target-probability`): each target's probability with its 95 % interval, and the joint probability. */
export function targetProbabilitySpec(result: RunResult, ctx: ChartContext = {}): Spec {
  const s = result.summary;
  const rows = [
    ...s.targets.map((t, i) => ({
      key: `t${i}`,
      label: t.label,
      ...twoLines(t.label),
      detail: targetRule(t, result.input.coverageTechnologies),
      ...detailLines(targetRule(t, result.input.coverageTechnologies)),
      kind: 'Single target',
      p: t.probability,
      lo: t.ci95[0],
      hi: t.ci95[1],
      text: `${pct(t.probability)}  (${pct(t.ci95[0])}–${pct(t.ci95[1])})`,
    })),
    {
      key: 'joint',
      label: s.targets.length > 1 ? 'All targets together' : 'All targets',
      ...twoLines(s.targets.length > 1 ? 'All targets together' : 'All targets'),
      detail: `every target above met, in the same simulated future`,
      ...detailLines('every target above met, in the same simulated future'),
      kind: 'All targets',
      p: s.joint.probability,
      lo: s.joint.ci95[0],
      hi: s.joint.ci95[1],
      text: `${pct(s.joint.probability)}  (${pct(s.joint.ci95[0])}–${pct(s.joint.ci95[1])})`,
    },
  ];
  const ordered = rows.map((r, i) => ({ ...r, order: i }));
  const rowHeight = ROW + (rows.some((r) => r.line1 !== '') ? 14 : 0) + (rows.some((r) => r.detail2 !== '') ? 14 : 0);
  // The y axis is keyed by an internal id (so two targets with the same label stay apart);
  // the label and the rule are drawn as text marks in the left margin.
  const y = orderedKey({ axis: null, scale: { paddingInner: 0.35, paddingOuter: 0.2 } });
  const x = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', title: 'Chance of meeting the target (share of simulated futures)', tickCount: 10, grid: true } };
  const body: Spec = {
    width: WIDTH,
    height: rowHeight * rows.length,
    data: { values: ordered },
    layer: [
      chanceTrack(y),
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'p', ...x },
          color: { field: 'kind', type: 'nominal', scale: { domain: ['Single target', 'All targets'], range: [COLOURS.fibre, COLOURS.joint] }, legend: null },
          tooltip: [
            { field: 'label', title: 'Target' },
            { field: 'detail', title: 'Rule' },
            { field: 'text', title: 'Chance (95% interval)' },
          ],
        },
      },
      ...intervalWhisker(y, x, { color: COLOURS.target, strokeWidth: 2, thickness: 2, size: 14 }),
      { mark: { type: 'text', align: 'left', baseline: 'middle', x: { expr: 'width + 12' }, fontSize: 15, fontWeight: 'bold' }, encoding: { y, text: { field: 'text' } } },
      { mark: { type: 'text', align: 'right', baseline: 'bottom', x: -12, dy: -17, fontSize: 13, fontWeight: 'bold', color: '#111', limit: 420 }, encoding: { y, text: { field: 'line1' } } },
      { mark: { type: 'text', align: 'right', baseline: 'bottom', x: -12, dy: -1, fontSize: 13, fontWeight: 'bold', color: '#111', limit: 420 }, encoding: { y, text: { field: 'line2' } } },
      { mark: { type: 'text', align: 'right', baseline: 'top', x: -12, dy: 3, ...DETAIL_FONT, color: '#555', limit: LABEL_ROOM }, encoding: { y, text: { field: 'detail1' } } },
      { mark: { type: 'text', align: 'right', baseline: 'top', x: -12, dy: 18, ...DETAIL_FONT, color: '#555', limit: LABEL_ROOM }, encoding: { y, text: { field: 'detail2' } } },
    ],
  };
  return framed(
    result,
    TARGET_PROBABILITY_TITLE,
    [
      `Bar: the share of ${int(s.runs)} simulated futures in which the target is met by its deadline.`,
      'Black line: the 95% interval of that estimate (it narrows with more runs). Thin frame: the scale from 0% to 100%, not a bar.',
    ],
    body,
    WIDTH,
    ctx,
  );
}

/** A label as at most two lines drawn bottom-up: line2 sits just above the row's centre, line1 (often empty) above it. */
function twoLines(label: string): { line1: string; line2: string } {
  const text = label.trim().replace(/\s+/g, ' ');
  if (text.length <= 48) return { line1: '', line2: text };
  // Break at the space nearest the middle, so the two lines are about as long.
  const mid = text.length / 2;
  let at = -1;
  for (let i = 0; i < text.length; i++) if (text[i] === ' ' && (at < 0 || Math.abs(i - mid) < Math.abs(at - mid))) at = i;
  return at < 0 ? { line1: '', line2: text } : { line1: text.slice(0, at), line2: text.slice(at + 1) };
}

/**
 * A target's rule as at most two lines drawn top-down below the row's centre: one that does
 * not fit the label column (a share of several services: "… or with mobile coverage by 31
 * Dec 2027") is broken at the last space that leaves the first line within it, so Vega's
 * `limit` never cuts the deadline off.
 */
function detailLines(detail: string): { detail1: string; detail2: string } {
  const fits = (s: string) => textWidth(DETAIL_FONT, s) <= LABEL_ROOM;
  if (fits(detail)) return { detail1: detail, detail2: '' };
  const words = detail.split(' ');
  let n = words.length - 1;
  while (n > 1 && !fits(words.slice(0, n).join(' '))) n--;
  return { detail1: words.slice(0, n).join(' '), detail2: words.slice(n).join(' ') };
}
