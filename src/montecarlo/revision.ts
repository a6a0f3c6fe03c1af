import type { Estimate } from './analysis-result.js';
import { observationName } from './condition.js';
import { definitionOf, readingDefinitionOf, type PreviousForecast, type PreviousObservation, type PreviousTarget } from './previous-forecast.js';
import { independentProportionInterval } from './proportion-difference.js';
import type { Summary, TargetSummary } from './result.js';
import { r6, sig } from './round.js';

/** How one target's answer moved since the previous forecast. */
export interface TargetRevision {
  id: string;
  label: string;
  metric: string;
  before: { probability: number; ci95: [number, number]; valueAtDeadlineP50: number; dateReachedP50: string | null };
  after: { probability: number; ci95: [number, number]; valueAtDeadlineP50: number; dateReachedP50: string | null };
  /** after − before, with Newcombe's interval for two independent runs of their effective sizes. */
  change: Estimate;
  /** The interval excludes 0: more than the two runs' simulation noise. */
  beyondNoise: boolean;
  /** Days the median date reached moved (later: positive); null where either is not reached. */
  dateShiftDays: number | null;
  /** Its other readings present in both with the same definition, moved the same way (summary.json gives a reading no date reached). */
  readings: ReadingRevision[];
}

/** How one reading of a target moved (the report's "The answer depends on how the target is read"). */
export interface ReadingRevision {
  id: string;
  label: string;
  metric: string;
  before: { probability: number; ci95: [number, number]; valueAtDeadlineP50: number };
  after: { probability: number; ci95: [number, number]; valueAtDeadlineP50: number };
  change: Estimate;
  beyondNoise: boolean;
}

/** rollout run --previous: what moved since an earlier run's summary.json, and what differs between the two runs. */
export interface Revision {
  /** The earlier run; `effectiveSampleSize` is its conditioned answer's (null when it was not conditioned): the size its side of each interval counts. */
  previous: { file: string; scenario: PreviousForecast['scenario']; seed: number; runs: number; version: string; observations: number; effectiveSampleSize: number | null };
  /** What differs in how the two were made (scenario, seed, runs, tool version, observations), in words; empty when nothing does. */
  differs: string[];
  /**
   * Both runs drew with the same seed: their replications share random draws, so the noise
   * between them is smaller than the intervals (for independent runs) say, and none at all
   * when nothing else differs — the same futures, the same answer.
   */
  sameSeed: boolean;
  targets: TargetRevision[];
  joint: { before: Estimate; after: Estimate; change: Estimate; beyondNoise: boolean } | null;
  /** Targets in both but defined differently (not compared: the change would be of the question); a reading as 'target.reading'. */
  redefined: { id: string; what: string }[];
  /** Targets only in this run, and only in the previous one; a reading of a target in both as 'target.reading'. */
  added: string[];
  dropped: string[];
  /**
   * The first day each run simulated (the day after its status, or its scenario's start);
   * null where the previous summary.json states none. `previousIsLater`: the "previous"
   * forecast starts after this one — it was made from a later status, so it is not an
   * earlier forecast of this one (last month's scenario run with this month's output as
   * --previous): every change is then the wrong way round, and the revision says so first.
   */
  starts: { previous: string | null; now: string | null; previousIsLater: boolean };
}

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** Each observation's value and error sd as summary.json writes them, by what it observes where and when (observationName). */
function byName(list: readonly PreviousObservation[]): Map<string, string> {
  const m = new Map<string, string[]>();
  for (const o of list) m.set(observationName(o), [...(m.get(observationName(o)) ?? []), `${sig(o.value)} (sd ${sig(o.sd)})`]);
  return new Map([...m].map(([k, v]) => [k, v.sort().join(', ')]));
}

/**
 * How the observations conditioned on changed, in words, or null when they are the same:
 * the same number of observations is not the same observations — a revised published
 * count moves the answer as much as a new one, and "the two were made the same way" must
 * not be said of two runs weighted by different counts.
 */
function observationsChange(before: readonly PreviousObservation[], after: readonly PreviousObservation[], setAsideNow: ReadonlySet<string> = new Set()): string | null {
  const b = byName(before), a = byName(after);
  const added = [...a].filter(([k]) => !b.has(k)).map(([k, v]) => `${k} = ${v}`);
  // One the file still has but this run's status already covers is not gone from the file: it is set aside, and said so.
  const goneKeys = [...b.keys()].filter((k) => !a.has(k));
  const gone = goneKeys.filter((k) => !setAsideNow.has(k)).map((k) => `${k} = ${b.get(k)}`);
  const covered = goneKeys.filter((k) => setAsideNow.has(k)).map((k) => `${k} = ${b.get(k)}`);
  const revised = [...a].filter(([k, v]) => b.has(k) && b.get(k) !== v).map(([k, v]) => `${k}: ${b.get(k)} → ${v}`);
  if (added.length + gone.length + covered.length + revised.length === 0) return null;
  const few = (what: string, xs: string[]) => (xs.length === 0 ? [] : [`${what} ${xs.slice(0, 3).join(', ')}${xs.length > 3 ? ` and ${xs.length - 3} more` : ''}`]);
  return `observations conditioned on: ${before.length} → ${after.length} (${[...few('new:', added), ...few('no longer:', gone), ...few('set aside now (dated before this run\'s start, which its status already covers):', covered), ...few('revised:', revised)].join('; ')})`;
}

/** The first day a run simulated, from its deliveries (each year's `from`: the first is its start); null without them. */
function startOf(s: Summary): string | null {
  return (s.deliveries ?? []).reduce<string | null>((a, d) => (a === null || d.from < a ? d.from : a), null);
}

/** What changed in a definition, in words ('threshold 0.9 → 1; deadline ...'); '' when nothing did. */
function redefinition(before: Record<string, string>, after: Record<string, string>): string {
  return [...new Set([...Object.keys(after), ...Object.keys(before)])]
    .filter((k) => after[k] !== before[k])
    .map((k) => `${k} ${before[k] ?? 'not given'} → ${after[k] ?? 'not given'}`)
    .join('; ');
}

/**
 * A target's readings against the same target's readings in the previous forecast, by id:
 * those with the same definition compared at the two runs' effective sizes; the others
 * named in `notes` as 'target.reading' (redefined, added, dropped). A ministry whose target
 * is read several ways follows each reading from month to month, not only the one stated.
 */
function reviseReadings(t: TargetSummary, p: PreviousTarget, sizes: { before: number; after: number }, notes: Pick<Revision, 'redefined' | 'added' | 'dropped'>): ReadingRevision[] {
  const now = t.alternatives ?? [];
  const out: ReadingRevision[] = [];
  for (const a of now) {
    const id = `${t.id}.${a.id}`;
    const q = p.readings.find((x) => x.id === a.id);
    if (!q) { notes.added.push(id); continue; }
    const what = redefinition(q.definition, readingDefinitionOf(a));
    if (what) { notes.redefined.push({ id, what }); continue; }
    const after = { probability: sig(a.probability), ci95: a.ci95, valueAtDeadlineP50: a.valueAtDeadline.p50 };
    const before = { probability: q.probability, ci95: q.ci95, valueAtDeadlineP50: q.valueAtDeadlineP50 };
    out.push({ id: a.id, label: a.label, metric: a.metric, before, after, ...change(q.probability, sizes.before, after.probability, sizes.after) });
  }
  for (const q of p.readings) if (!now.some((a) => a.id === q.id)) notes.dropped.push(`${t.id}.${q.id}`);
  return out;
}

/** The difference of two probabilities from independent runs of (effective) sizes n1, n2. */
function change(before: number, n1: number, after: number, n2: number): { change: Estimate; beyondNoise: boolean } {
  const ci = independentProportionInterval(Math.min(n2, after * n2), n2, Math.min(n1, before * n1), n1);
  return { change: { value: r6(after - before), ci95: ci }, beyondNoise: ci[0] > 0 || ci[1] < 0 };
}

/**
 * Compares this run's answer with an earlier one's (the previous month's forecast): per
 * target present in both with the same definition, the probability before and after and
 * the change with a 95 % interval treating the two runs as independent samples of their
 * effective sizes (Newcombe's hybrid score interval; conservative when the two share
 * replications, as runs of the same seed do), whether the change is beyond simulation
 * noise, and how the median value at the deadline (a share, or a count) and the median
 * date reached moved; the same for each of its readings present in both with the same
 * definition, and for all targets jointly when both runs have the same targets. `differs` says what differs in how
 * the two were made — a revision explains nothing by itself, but a new status, new
 * observations or a changed scenario usually do.
 *
 * @example
 *   reviseForecast(parsePreviousForecast(text, 'output/2026-09/summary.json'), result.summary).targets[0].change
 *   // 34 % of 1,000 futures then, 21.3 % of 2,000 now: { value: -0.127, ci95: [-0.161606, -0.092864] }
 */
export function reviseForecast(prev: PreviousForecast, now: Summary): Revision {
  const nowRuns = now.conditioning ? now.conditioning.effectiveSampleSize : now.runs;
  const differs: string[] = [];
  if (prev.scenario.sha256 !== now.scenario.sha256) {
    differs.push(prev.scenario.name === now.scenario.name
      ? `the scenario '${now.scenario.name}' changed (resolved sha256 ${prev.scenario.sha256.slice(0, 12)}… → ${now.scenario.sha256.slice(0, 12)}…)`
      : `the scenario: '${prev.scenario.name}' → '${now.scenario.name}'`);
  }
  const observed = observationsChange(prev.observed, now.conditioning?.observations ?? [], new Set((now.conditioning?.setAside ?? []).map(observationName)));
  if (observed) differs.push(observed);
  if (prev.seed !== now.seed) differs.push(`seed: ${prev.seed} → ${now.seed}`);
  if (prev.runs !== now.runs) differs.push(`replications: ${prev.runs} → ${now.runs}`);
  if (prev.version !== now.version) differs.push(`tool version: ${prev.version} → ${now.version}`);

  const targets: TargetRevision[] = [], redefined: Revision['redefined'] = [];
  const readingNotes: Pick<Revision, 'redefined' | 'added' | 'dropped'> = { redefined: [], added: [], dropped: [] };
  for (const t of now.targets) {
    const p = prev.targets.find((x) => x.id === t.id);
    if (!p) continue;
    const what = redefinition(p.definition, definitionOf(t));
    if (what) { redefined.push({ id: t.id, what }); continue; }
    // As this run's summary.json writes it: a reproduction of last month's file moves by exactly 0.
    const after = { probability: sig(t.probability), ci95: t.ci95, valueAtDeadlineP50: t.valueAtDeadline.p50, dateReachedP50: t.dateReached.p50 };
    const before = { probability: p.probability, ci95: p.ci95, valueAtDeadlineP50: p.valueAtDeadlineP50, dateReachedP50: p.dateReachedP50 };
    targets.push({
      id: t.id, label: t.label, metric: t.metric, before, after,
      ...change(p.probability, prev.effectiveRuns, after.probability, nowRuns),
      dateShiftDays: before.dateReachedP50 && after.dateReachedP50 ? days(before.dateReachedP50, after.dateReachedP50) : null,
      readings: reviseReadings(t, p, { before: prev.effectiveRuns, after: nowRuns }, readingNotes),
    });
  }
  const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);
  const added = ids(now.targets).filter((id) => !ids(prev.targets).includes(id));
  const dropped = ids(prev.targets).filter((id) => !ids(now.targets).includes(id));
  // "All targets together" is only the same question when the targets are.
  const sameTargets = added.length === 0 && dropped.length === 0 && redefined.length === 0;
  return {
    previous: { file: prev.file, scenario: prev.scenario, seed: prev.seed, runs: prev.runs, version: prev.version, observations: prev.observations, effectiveSampleSize: prev.observations > 0 ? prev.effectiveRuns : null },
    differs, sameSeed: prev.seed === now.seed, targets,
    joint: sameTargets ? {
      before: { value: prev.joint.probability, ci95: prev.joint.ci95 }, after: { value: now.joint.probability, ci95: now.joint.ci95 },
      ...change(prev.joint.probability, prev.effectiveRuns, sig(now.joint.probability), nowRuns),
    } : null,
    redefined: [...redefined, ...readingNotes.redefined], added: [...added, ...readingNotes.added], dropped: [...dropped, ...readingNotes.dropped],
    starts: startsOf(prev, now),
  };
}

/**
 * When each run starts, and whether the "previous" one starts later. Its start is the day
 * after its status (or its scenario's start); one that starts later — or that set aside an
 * observation this run is conditioned on, so its status is dated on or after that day — was
 * made from a later status than this run, whatever the order the two were run in.
 */
function startsOf(prev: PreviousForecast, now: Summary): Revision['starts'] {
  const start = startOf(now);
  const conditionedNow = (now.conditioning?.observations ?? []).map(observationName);
  const later = (prev.start !== null && start !== null && prev.start > start) || conditionedNow.some((k) => prev.setAside.includes(k));
  return { previous: prev.start, now: start, previousIsLater: later };
}
