import type { ModelInput, ObservationInput } from '../model/index.js';
import { essCollapsed, movedBeyondNoise, observationName, type AnalysisObserved, type ConditioningSummary, type Observed, type RunResult, type SetAsideObservation } from '../montecarlo/index.js';
import { loadObservations } from '../scenario/index.js';
import { UsageError } from './errors.js';
import { counted, pct } from './terminal.js';

const num = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : String(+x.toPrecision(4)));

/**
 * `--observed FILE` and `--score FILE`: the observations a run conditions on and scores
 * against, read and checked against the scenario (a ScenarioError, exit 2, before
 * anything is written); null when neither is given.
 */
export function readObserved(a: { observed?: string; score?: string; shard?: unknown; precision?: number; replay?: number }, input: ModelInput): Observed | null {
  if (a.observed === undefined && a.score === undefined) return null;
  const which = a.observed !== undefined ? '--observed' : '--score';
  if (a.shard !== undefined) throw new UsageError(`${which} cannot be combined with --shard: conditioning and scoring need every replication of the run`);
  if (a.precision !== undefined) throw new UsageError(`${which} cannot be combined with --precision: give a fixed --runs (the effective sample size says how precise a conditioned answer is)`);
  if (a.replay !== undefined) throw new UsageError(`${which} applies to a whole run, not to --replay of one replication`);
  // A run from a status leaves out the rows dated before its start (and says so).
  const setAside = { observed: [] as ObservationInput[], scored: [] as ObservationInput[] };
  return {
    observed: a.observed !== undefined ? loadObservations(a.observed, input, a.observed, setAside.observed) : [],
    scored: a.score !== undefined ? loadObservations(a.score, input, a.score, setAside.scored) : [],
    setAside,
  };
}

/** The note on the observations a run from a status left out, or none. */
function setAsideLines(list: readonly SetAsideObservation[] | undefined, file: string, start: string): string[] {
  if (!list || list.length === 0) return [];
  const n = list.length;
  return [
    `  Left out of the ${file} file: ${n} observation${n === 1 ? '' : 's'} dated before the run's start (${start}; the run starts from its status, which already says where the programme stood then):`,
    ...list.map((o) => `    ${observationName(o)} = ${num(o.value)}${o.origin ? ` (${o.origin})` : ''}`),
  ];
}

/** The lines `rollout run` prints about conditioning and scoring, after the answer. */
export function observedLines(r: RunResult, outDir: string): string[] {
  const lines: string[] = [];
  const c = r.summary.conditioning;
  if (c && c.observations.length === 0) {
    lines.push('', 'Not conditioned: no observation of the --observed file falls within the run, so every future weighs the same and the answer above is the forecast from the scenario as it stands.');
    lines.push(...setAsideLines(c.setAside, '--observed', r.input.start));
  } else if (c) {
    const n = r.summary.runs;
    lines.push('', `Conditioned on ${counted(c.observations.length, 'observation')} (importance weighting, Gaussian observation error): effective sample size ${c.effectiveSampleSize.toFixed(1)} of ${counted(n, 'replication')}${essCollapsed(c.effectiveSampleSize, n) ? ' (COLLAPSED)' : ''}.`);
    lines.push('  The probabilities above are conditioned; before conditioning (prior):');
    for (const t of r.summary.targets) if (t.prior) lines.push(`    ${t.id}: prior ${pct(t.prior.probability)} -> conditioned ${pct(t.probability)}`);
    for (const o of c.observations) {
      lines.push(`    observed ${observationName(o)} = ${num(o.value)} (sd ${num(+o.sd.toPrecision(3))}); simulated before: P5 ${num(o.prior.p5)}, P50 ${num(o.prior.p50)}, P95 ${num(o.prior.p95)}; after: P50 ${num(o.conditioned.p50)}${o.conflict ? '  <-- CONFLICT' : ''}`);
    }
    // What the counts say of the contractor's pace (the conditioning-capacity chart shows it whole).
    const capacity = r.conditioning?.capacity ?? [];
    if (capacity.length > 0) {
      lines.push('  What they say of the delivery capacity (median before -> after; P10–P90 after):');
      for (const p of capacity) lines.push(`    ${p.label}: ${num(+p.prior.p50.toFixed(1))} -> ${num(+p.posterior.p50.toFixed(1))} (${num(+p.posterior.p10.toFixed(1))}–${num(+p.posterior.p90.toFixed(1))})`);
    }
    // What they say of each region (regionPartPosteriors: the regions that moved most first).
    const regions = r.conditioning?.regions ?? [];
    if (regions.length > 0) {
      const moved = regions.filter(movedBeyondNoise).slice(0, 5);
      if (moved.length === 0) lines.push(`  What they say of the regions: no region's part of a factor moved its median beyond what chance moves it with ${c.effectiveSampleSize.toFixed(1)} effective futures (report.html lists them all).`);
      else {
        lines.push(`  What they say of the regions (a region's part of a factor, median before -> after, ± what chance alone moves it; P10–P90 after; ${moved.length === 1 ? 'the one that moved' : `the ${moved.length} that moved most`} beyond chance, all in report.html):`);
        for (const p of moved) lines.push(`    ${p.label}: ${p.prior.p50.toFixed(3)} -> ${p.posterior.p50.toFixed(3)} ±${p.noise.toFixed(3)} (${p.posterior.p10.toFixed(3)}–${p.posterior.p90.toFixed(3)})`);
      }
    }
    lines.push(...setAsideLines(c.setAside, '--observed', r.input.start));
  }
  if (r.scores) {
    const s = r.scores.summary;
    // With every observation set aside there is no back-test: said so, not as "0 of 0 ... mean PIT 0.00" (a PIT of 0 is the worst there is).
    lines.push('', s.meanPit === null
      ? `Not scored: no observation of the --score file falls within the run, so there is nothing to back-test the forecast against (add the counts published since its start). Scores: ${outDir}/scores.json`
      : `Back-test of the ${r.scores.forecast} forecast: ${s.outsideP5P95} of ${s.observations} observation${s.observations === 1 ? '' : 's'} outside its P5–P95 band (${s.belowP5} below, ${s.aboveP95} above); mean PIT ${s.meanPit.toFixed(2)}. Scores: ${outDir}/scores.json`);
    lines.push(...setAsideLines(r.scores.setAside, '--score', r.input.start));
    if (r.scores.alsoConditionedOn > 0) lines.push(`  (${r.scores.alsoConditionedOn} of them ${r.scores.alsoConditionedOn === 1 ? 'is' : 'are'} also in the --observed file: a forecast scores well on what it has already seen)`);
  }
  return lines;
}

/**
 * `--observed FILE` of goal, allocate and sensitivity: the file's rows read and checked
 * against the scenario as readObserved reads a run's (exit 2 before anything is written),
 * as the analyses take them; undefined without the option.
 */
export function readAnalysisObserved(file: string | undefined, input: ModelInput): AnalysisObserved | undefined {
  const o = readObserved({ observed: file }, input);
  return o ? { file: file!, observations: o.observed, setAside: o.setAside?.observed } : undefined;
}

/**
 * Warnings of a conditioned run, loud, on stderr — even with --json or --quiet, since
 * they say the conditioned numbers must not be trusted as they are. (Goal, allocate and
 * sensitivity write them into their printed answer instead, with `write`, and on stderr
 * when they print none: answeredQuietly.)
 */
export function printWarnings(r: { summary: { conditioning?: ConditioningSummary } }, write: (text: string) => void = (t) => process.stderr.write(t)): void {
  const warnings = r.summary.conditioning?.warnings ?? [];
  if (warnings.length === 0) return;
  const bar = '!'.repeat(78);
  write(`${bar}\n${warnings.map((w) => `WARNING (${w.kind}): ${w.message}`).join('\n')}\n${bar}\n`);
}

/**
 * An analysis command's --json (the JSON on stdout) or --quiet (nothing on stdout): true
 * when either was asked for, the answer then not to be printed. Either way the conditioning's
 * warnings go to stderr, as a run's do, so that a script reading the JSON still sees them.
 */
export function answeredQuietly(a: { json?: boolean; quiet?: boolean }, json: () => string, conditioning: ConditioningSummary | undefined): boolean {
  if (!a.json && !a.quiet) return false;
  if (a.json) process.stdout.write(json());
  printWarnings({ summary: { conditioning } });
  return true;
}
