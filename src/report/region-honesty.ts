import type { RegionSummary, RunResult } from '../montecarlo/result.js';
import { byText } from '../montecarlo/text-order.js';
import type { StartBasis } from '../scenario/index.js';

/**
 * What the regional views (region table, region-fans and waits charts) must say so that a
 * region is judged only for what is its own doing:
 *  - its **ceiling**: the settlements its technology rule sends to satellite or masts can
 *    never be on fibre, so a region is "behind" by its gap to its own ceiling, not to 90 %;
 *  - its **start**: a starting count that is an estimate (the national count shared out in
 *    proportion to settlements) makes the region's position an assumption, not a finding.
 *
 * @example
 *   furthestBehind(result).map((r) => r.name);  // ordered by gap to their own ceiling at the fibre deadline
 *   startSentences(result);                     // ['The starting counts of 14 of the 17 regions are estimates ...', ...]
 */

/** How a start's basis is written in the report. */
export const START_LABEL: Record<StartBasis, string> = {
  published: 'published',
  'partly-estimated': 'partly estimated',
  estimate: 'estimate',
  unmarked: 'not marked',
};

/** True when a region's starting count is not a published figure (its results rest on an assumed start). */
export const assumedStart = (r: RegionSummary): boolean => r.start.basis !== undefined && r.start.basis !== 'published';

/**
 * The notes the regional charts print on a region whose start is assumed, each with how many
 * regions carry it, counted by basis as the panels label them and as startSentences counts
 * them: '“start: estimate” (14 of 17 regions), “start: partly estimated” (2 of 17)'. One
 * total under “start: estimate” read as 16 estimates beside 14 panels saying so.
 */
export function assumedStartNotes(result: RunResult): string {
  const n = result.regions.length;
  return (['estimate', 'partly-estimated', 'unmarked'] as const)
    .map((b) => [b, result.regions.filter((r) => r.start.basis === b).length] as const)
    .filter(([, k]) => k > 0)
    .map(([b, k], i) => `“start: ${START_LABEL[b]}” (${k} of ${n}${i === 0 ? ' regions' : ''})`)
    .join(', ');
}

/** The date the regional views are read at: the first fibre target's deadline, else the horizon. */
export function keyDate(result: RunResult): { date: string; fibreTarget: boolean } {
  const t = result.summary.targets.filter((x) => x.metric === 'fibre-share').sort((a, b) => byText(a.deadline, b.deadline))[0];
  return t ? { date: t.deadline, fibreTarget: true } : { date: result.input.horizon, fibreTarget: false };
}

/**
 * Each region's mean gap to its own ceiling at `date` (share of its settlements that its
 * rule allows on fibre and that are not on fibre), by region id: the summary's figure at a
 * deadline, else the ceiling's mean less the mean of its fibre series at the last report
 * date up to `date` (one pass over the time series, however many regions).
 */
export function gapsToCeiling(result: RunResult, date: string): Map<string, number> {
  const lastMean = new Map<string, number>();
  if (result.regions.some((r) => !r.atDeadlines.some((d) => d.deadline === date))) {
    for (const p of result.timeseries) if (p.series.startsWith('fibre:') && p.date <= date) lastMean.set(p.series.slice('fibre:'.length), p.mean);
  }
  return new Map(result.regions.map((r) => {
    const at = r.atDeadlines.find((d) => d.deadline === date);
    return [r.id, at ? at.gapToCeiling : Math.max(0, r.fibreCeiling.mean - (lastMean.get(r.id) ?? 0))] as const;
  }));
}

/** The regions, furthest below their own ceiling at the key date first (ties by name). */
export function furthestBehind(result: RunResult): RegionSummary[] {
  const gap = gapsToCeiling(result, keyDate(result).date);
  return [...result.regions].sort((a, b) => gap.get(b.id)! - gap.get(a.id)! || byText(a.name, b.name) || byText(a.id, b.id));
}

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);

/**
 * What the report says about the regions' starting counts: how many are estimates, which
 * are published, and, for the regions furthest behind whose start is assumed, that their
 * lag reflects an assumed starting count (plain text; the caller escapes it).
 */
export function startSentences(result: RunResult, mostBehind = 3): string[] {
  const regions = result.regions;
  if (regions.length === 0) return [];
  if (regions.every((r) => r.start.basis === undefined)) {
    return ['Whether each region’s starting count is a published figure or an estimate is not known for this run (the scenario’s notes were not attached).'];
  }
  const by = (b: StartBasis) => regions.filter((r) => r.start.basis === b);
  const n = regions.length;
  const out: string[] = [];
  const est = by('estimate'), partly = by('partly-estimated'), unmarked = by('unmarked'), published = by('published');
  if (est.length + partly.length + unmarked.length === 0) {
    out.push(`Every region’s starting count is a published figure (or derived from one), as the scenario’s notes say.`);
    return out;
  }
  const clauses: string[] = [];
  if (est.length) clauses.push(`The starting counts (settlements on fibre when the run starts) of ${est.length === n ? `all ${n} regions` : `${est.length} of the ${n} regions`} ${est.length === 1 ? 'is an estimate' : 'are estimates'}, not published figures`);
  if (partly.length) clauses.push(`${est.length ? '' : 'Of the starting counts (settlements on fibre when the run starts), '}${list(partly.map((r) => possessive(r.name)))} ${partly.length === 1 ? 'is' : 'are'} partly estimated`);
  if (unmarked.length) clauses.push(`${list(unmarked.map((r) => possessive(r.name)))} ${unmarked.length === 1 ? 'has' : 'have'} no note saying where ${unmarked.length === 1 ? 'it comes' : 'they come'} from`);
  if (published.length) clauses.push(`only ${list(published.map((r) => possessive(r.name)))} ${published.length === 1 ? 'is a published figure' : 'are published figures'} (or derived from one)`);
  out.push(`${clauses.join('; ')}. An estimated start is an assumption, not a finding: differences between such regions come from their assumed starting counts as much as from the rollout.`);
  const behind = furthestBehind(result).slice(0, mostBehind).filter(assumedStart);
  // One sentence per kind of start, naming every region behind with it (in order, furthest behind first).
  const kinds: [StartBasis, string, string][] = [['estimate', 'an estimate', 'estimates'], ['partly-estimated', 'partly an estimate', 'partly estimates'], ['unmarked', 'not marked as sourced', 'not marked as sourced']];
  for (const [basis, one, many] of kinds) {
    const names = behind.filter((r) => r.start.basis === basis).map((r) => possessive(r.name));
    if (names.length === 1) out.push(`${names[0]} start is ${one}: its lag reflects an assumed starting count.`);
    else if (names.length > 1) out.push(`${list(names)} starts are ${many}: their lag reflects assumed starting counts.`);
  }
  return out;
}
