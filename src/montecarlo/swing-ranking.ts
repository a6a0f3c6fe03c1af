import type { SensitivityResult, Swing } from './analysis-result.js';
import { byText } from './text-order.js';

/**
 * What ranks a target's swings: the chance of meeting the target by its deadline, or the
 * mean share reached by then (what still moves when every setting leaves the chance at 0 or 1).
 */
export type TornadoMeasure = 'chance' | 'share';

type Outcome = { probability: number; valueAtDeadlineMean: number };
type SwingTarget = Swing['targets'][number];

/** A measure's value of an outcome (a base answer or one end of a swing). */
export function measureOf(o: Outcome, measure: TornadoMeasure): number {
  return measure === 'chance' ? o.probability : o.valueAtDeadlineMean;
}

/** A measure's swing of one input for one target. */
export function swingOf(t: SwingTarget, measure: TornadoMeasure): number {
  return measure === 'chance' ? t.swing : t.shareSwing;
}

/** Below this (or above 1 minus it) the chance of meeting a target is pinned (PINNED_TEXT). */
const PINNED = 0.01;
/** How a pinned target is described. */
export const PINNED_TEXT = 'below 1 % or above 99 %';

/** At most this many futures meeting (or missing) a target are noise, however few futures were run. */
const PINNED_FUTURES = 2;

/**
 * How a sensitivity on `runs` futures describes a pinned target: PINNED_TEXT, and on few
 * futures (where two of them are 1 % or more) the futures too.
 *
 * @example pinnedText(100)   // 'below 1 % or above 99 %, or met (or missed) in at most 2 of its 100 futures'
 */
export function pinnedText(runs: number): string {
  return (PINNED_FUTURES + 0.5) / runs <= PINNED ? PINNED_TEXT : `${PINNED_TEXT}, or met (or missed) in at most ${PINNED_FUTURES} of its ${runs.toLocaleString('en-US')} futures`;
}

/**
 * Whether a set of chances of one target is pinned: every one below 1 % (or every one above
 * 99 %) — or, on `runs` futures, every one met (or every one missed) in at most two of them
 * (one future of 100 is 1.0 %) — so differences between them are noise. The one rule for the
 * swings of a sensitivity (`pinned`) and the options of a comparison.
 */
export function chancesPinned(chances: readonly number[], runs = Infinity): boolean {
  const floor = Math.max(PINNED, (PINNED_FUTURES + 0.5) / runs);
  return chances.length > 0 && (chances.every((p) => p < floor) || chances.every((p) => p > 1 - floor));
}

/**
 * Whether a target's chance is pinned: the base and every swung setting leave it below 1 %
 * (or every one above 99 %; on few futures, within two futures of 0 or 1: chancesPinned), so the chance can only rank noise; the share reached by the
 * deadline still moves, and ranks the inputs instead.
 */
export function pinned(s: SensitivityResult, targetId: string): boolean {
  const base = s.base.find((b) => b.id === targetId);
  if (!base) return false;
  return chancesPinned([base.probability, ...s.swings.flatMap((w) => w.targets.filter((t) => t.id === targetId).flatMap((t) => [t.low.probability, t.high.probability]))], s.runs);
}

/** The measure that ranks a target's inputs: the share where its chance is pinned, else the chance. */
export function rankingMeasure(s: SensitivityResult, targetId: string): TornadoMeasure {
  return pinned(s, targetId) ? 'share' : 'chance';
}

/**
 * The swings of one target, the largest first by `measure` (ties: by the other measure's
 * swing, then label, then input path, so the order is stable). With the target's
 * rankingMeasure, the order of the terminal, the page and the tornado chart.
 */
export function sortedSwings(s: SensitivityResult, targetId: string, measure: TornadoMeasure = 'chance') {
  const other: TornadoMeasure = measure === 'chance' ? 'share' : 'chance';
  return s.swings
    .map((w) => ({ w, t: w.targets.find((x) => x.id === targetId) }))
    .filter((x): x is { w: Swing; t: SwingTarget } => x.t !== undefined)
    .sort((a, b) => swingOf(b.t, measure) - swingOf(a.t, measure) || swingOf(b.t, other) - swingOf(a.t, other) || byText(a.w.label, b.w.label) || byText(a.w.input, b.w.input));
}

/**
 * Every swing in one order, for the result and sensitivity.json: each target's ranking (as
 * the terminal and the page list it) gives each input a place, and inputs come by their best
 * place over the targets, then their next best, and so on (ties: label, then input path).
 * With one target it is that target's ranking; an input that tops some target comes before
 * one that tops none. Places are compared, not swings, because the targets' measures differ
 * (a chance, a share, or settlements for a count target).
 *
 * @example rankedSwings(s).slice(0, 5).map((w) => w.label)   // the inputs worth arguing about
 */
export function rankedSwings(s: SensitivityResult): Swing[] {
  const places = new Map<Swing, number[]>(s.swings.map((w) => [w, []]));
  for (const b of s.base) sortedSwings(s, b.id, rankingMeasure(s, b.id)).forEach(({ w }, k) => places.get(w)!.push(k));
  for (const p of places.values()) p.sort((a, b) => a - b);
  const byPlaces = (a: number[], b: number[]) => {
    for (let k = 0; k < Math.max(a.length, b.length); k++) if ((a[k] ?? Infinity) !== (b[k] ?? Infinity)) return (a[k] ?? Infinity) - (b[k] ?? Infinity);
    return 0;
  };
  return [...s.swings].sort((a, b) => byPlaces(places.get(a)!, places.get(b)!) || byText(a.label, b.label) || byText(a.input, b.input));
}
