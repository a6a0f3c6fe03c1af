import { join } from 'node:path';
import { loadScenario, ScenarioError, type LoadedScenario } from '../scenario/index.js';
import { compileModel } from '../model/index.js';
import { comparableTargets, compareScenarios, notConditioned, OTHER_OBSERVATIONS_NOTE, sensitivity, weightingDiffers, WEIGHTING_DIFFERS_WORDS } from '../montecarlo/index.js';
import { comparisonJson, inputValue, measureFormat, measureOf, pinnedText, rankingMeasure, sensitivityJson, sortedSwings, writeComparison, writeSensitivity } from '../report/index.js';
import { writeStaged } from './output-dir.js';
import { checkResources } from './resources.js';
import { clean, counted, safeJson, pct, shownPath, shownPoints, signedPoints } from './terminal.js';
import { targetValue, valueDiff, valueNoun } from '../report/format.js';
import { progressBar, withBar } from './progress.js';
import { checkRuns, inputsOf, outputFor, workersOf, WRITES, type CommonArgs } from './run-command.js';
import { MIN_RUNS } from './args.js';
import { UsageError } from './errors.js';
import { answeredQuietly, printWarnings, readAnalysisObserved, readObserved } from './observed-args.js';
import type { ComparisonResult, Estimate, Observed, PairedDifference } from '../montecarlo/index.js';

const money = (x: number) => Math.round(x).toLocaleString('en-US');
const signedMoney = (x: number) => `${x >= 0 ? '+' : '−'}${money(Math.abs(x))}`;

export interface CompareArgs extends CommonArgs {
  scenarios: string[];
  /** Check the model's invariants while running (slower). */
  check?: boolean;
  /** An observations CSV: every option conditioned on it. */
  observed?: string;
}

/** `rollout compare`: options with common random numbers, paired differences against the first. */
export async function compareCommand(a: CompareArgs, signal: AbortSignal): Promise<void> {
  checkRuns(a, MIN_RUNS.compare);
  if (a.scenarios.length < 2) throw new UsageError('compare needs at least two scenarios (the first is the reference)');
  const loaded = a.scenarios.map((f) => loadScenario(f));
  const names = loaded.map((l) => l.identity.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new UsageError(`two options are both named '${dup}'; give each scenario its own name`);
  const { leftOut } = comparableTargets(loaded);
  // Every option conditioned on the same file, read against its own scenario (its regions, its start).
  const options = a.observed === undefined ? loaded : observedFor(a.observed, loaded).map((observed, k) => ({ ...loaded[k], observed }));
  const workers = workersOf(a);
  const out = outputFor(a, join('output', `compare-${names.join('-vs-')}`.slice(0, 120)), inputsOf(loaded, a.observed), 'compare', WRITES.compare);
  const outDir = out.dir;
  // The options run one after the other on one pool: the largest sets the memory needed.
  for (const l of loaded) checkResources(compileModel(l.input), { workers, runs: a.runs });
  const bar = progressBar('compare', !a.quiet && !a.json);
  const t0 = performance.now();
  const c = await writeStaged(out, async (tmp) => {
    const c = await withBar(bar, () => compareScenarios(options, {
      runs: a.runs, seed: a.seed, workers, signal, check: a.check, observedFile: a.observed,
      onProgress: (k, done, total) => bar.update(k * total + done, total * loaded.length),
    }));
    await writeComparison(c, tmp, { png: a.png, runDate: new Date().toISOString(), signal });
    return c;
  }, signal);
  // A conditioned option whose numbers must not be trusted says so, even with --json or --quiet.
  for (const o of c.options) printWarnings(o.result, (t) => process.stderr.write(`${o.identity.name}:\n${t}`));
  if (a.json) { process.stdout.write(safeJson(comparisonJson(c))); return; }
  if (a.quiet) return;
  const width = Math.max(...names.map((n) => n.length)); // option names in a column
  const lines = [`${counted(a.runs, 'replication')} per option, seed ${a.seed}, common random numbers, ${((performance.now() - t0) / 1000).toFixed(1)} s`, ''];
  if (c.conditioned) lines.splice(1, 0, ...conditionedLines(c, width));
  for (const t of c.targets) {
    lines.push(`  ${t.label} (by ${t.deadline})`);
    t.perOption.forEach((p, k) => lines.push(chanceLine(p, k === 0 ? null : t.differences[k - 1], t.perOption[0].probability.value, width)));
    // The share (or count) reached by the deadline still moves where the chance does not (a target every option misses).
    const v = (x: number) => targetValue(t.metric, x, pct);
    lines.push(`    ${valueNoun(t.metric)} reached by ${t.deadline}:`);
    t.perOption.forEach((p, k) => {
      const d = k === 0 ? null : t.differences[k - 1];
      const diff = d
        ? `   mean ${valueDiff(t.metric, d.valueAtDeadline.value)} (95 % CI ${valueDiff(t.metric, d.valueAtDeadline.ci95[0], false)} to ${valueDiff(t.metric, d.valueAtDeadline.ci95[1], false)})`
        : '   (reference)';
      lines.push(`      ${p.option.padEnd(width)}  P50 ${v(p.valueAtDeadline.p50)} (P10 ${v(p.valueAtDeadline.p10)}, P90 ${v(p.valueAtDeadline.p90)})${diff}`);
    });
  }
  // As `run` prints it; over the targets every option has, the others named under it (as comparison.json's notCompared).
  lines.push(`  All targets together (every target met in the same simulated future${leftOut.length > 0 ? '; over the targets every option has' : ''})`);
  c.joint.perOption.forEach((p, k) => lines.push(chanceLine(p, k === 0 ? null : c.joint.differences[k - 1], c.joint.perOption[0].probability.value, width)));
  for (const t of leftOut) lines.push(`    Not compared: target '${t.id}' is only in ${t.options.map((o) => `'${o}'`).join(', ')}.`);
  if (c.cost) {
    lines.push(`  Money committed to the horizon (${c.cost.currency}) and the chance of every target within the money (JCL${c.notCompared.length > 0 ? ': each option over its own targets, those not compared included' : ''})`);
    c.cost.perOption.forEach((p, k) => {
      const d = k === 0 ? null : c.cost.differences[k - 1];
      const jcl = p.jointCostSchedule.probability === null ? 'JCL: no money stated' : `JCL ${pct(p.jointCostSchedule.probability)}`;
      const diff = d ? `   mean ${signedMoney(d.meanCost.value)} (95 % CI ${signedMoney(d.meanCost.ci95[0])} to ${signedMoney(d.meanCost.ci95[1])})` : '   (reference)';
      lines.push(`    ${p.option.padEnd(width)}  P50 ${money(p.cost.p50)}, P80 ${money(p.cost.p80)}; ${jcl}${diff}`);
    });
  }
  lines.push('', `Report:  ${shownPath(join(outDir, 'comparison.html'))}`, `Data:    ${shownPath(join(outDir, 'comparison.json'))}`);
  process.stdout.write(clean(lines.join('\n')) + '\n');
}

/**
 * One option's chance of a target (or of every target together) on the terminal, and its
 * paired difference from the reference (`d`; null for the reference itself), whose chance is
 * `reference`. Where the difference is that of the two chances, it is given as the two
 * printed figures differ (shownPoints).
 */
function chanceLine(p: { option: string; probability: Estimate; prior?: Estimate }, d: PairedDifference | null, reference: number, width: number): string {
  const plain = d !== null && Math.abs(d.probability.value - (p.probability.value - reference)) < 1e-9;
  const diff = d
    ? `   difference ${plain ? shownPoints(reference, p.probability.value) : signedPoints(d.probability.value)} points (95 % CI ${signedPoints(d.probability.ci95[0])} to ${signedPoints(d.probability.ci95[1])}; independent runs would give ${signedPoints(d.independentCi95[0])} to ${signedPoints(d.independentCi95[1])})`
    : '   (reference)';
  // Conditioned: the chance before the observations beside it, as in comparison.json and the report.
  const prior = p.prior ? `; ${pct(p.prior.value)} before the observations` : '';
  return `    ${p.option.padEnd(width)}  ${pct(p.probability.value)} (${pct(p.probability.ci95[0])} – ${pct(p.probability.ci95[1])}${prior})${diff}`;
}

/**
 * The observations file read against each option's own scenario (its regions, start and
 * horizon). A row that fits some options and not others is refused naming the option it does
 * not fit — "a region id of the scenario" does not say which of five; a problem of the file
 * itself (the same for every option) is refused as `run --observed` refuses it.
 */
function observedFor(file: string, loaded: LoadedScenario[]): Observed[] {
  const read = loaded.map((l) => {
    try {
      return readObserved({ observed: file }, l.input)!;
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      return e;
    }
  });
  const failed = read.filter((r): r is ScenarioError => r instanceof ScenarioError);
  if (failed.length === 0) return read as Observed[];
  if (failed.length === read.length && failed.every((e) => e.message === failed[0].message)) throw failed[0];
  throw new ScenarioError(read.flatMap((r, k) => (r instanceof ScenarioError
    ? r.problems.map((p) => ({ ...p, path: `${p.path ? `${p.path}, ` : ''}read against option '${loaded[k].identity.name}' (${loaded[k].identity.file})` }))
    : [])));
}

/** Why an option can weigh the futures differently from the reference, and what its difference then means. */
export const DIFFERENT_PAST = '  An option that weighs the futures differently changes what happened before an observation (e.g. more crews from the start): with the same counts seen, its futures are those where the rest went worse (slower crews), so its difference is the effect given what was seen, not the effect of the change alone. Options that take effect after the last observation weigh the futures as the reference does. The share of the weight moved says how much: hundredths of a percent is next to nothing (a change the observations hardly see), tens of percent a reweighting of the futures.';

/** Why an option that starts from a status can be conditioned on other observations than the reference, and what its difference then means. */
export const OTHER_OBSERVATIONS = `  ${OTHER_OBSERVATIONS_NOTE}`;

/** What a conditioned comparison says first: on what, and how many futures each option's figures rest on. */
function conditionedLines(c: ComparisonResult, width: number): string[] {
  const k = c.conditioned!;
  const n = Math.max(...k.perOption.map((p) => p.observations));
  const lines = [n === 0
    ? `Not conditioned: no observation of ${k.file} falls within the options' runs (each starts from a status after them), so every future weighs the same.`
    : `Conditioned on ${k.file}: each option's futures weighted by how likely they make what was observed (importance weighting); every figure below is the weighted one, each difference paired over the same futures.`];
  if (n === 0) return lines;
  const why = k.perOption.map((p) => weightingDiffers(p, k.perOption[0]));
  k.perOption.forEach((p, i) => {
    // How much it weighs them differently: rounding-level (a change that hardly touches the observations) or a real reweighting.
    const moved = why[i] ? ` (${+(p.weightMoved * 100).toPrecision(2)} % of the weight moved)` : '';
    const notes = [...(why[i] ? [WEIGHTING_DIFFERS_WORDS[why[i]!] + moved] : []), ...(p.warnings > 0 ? [`${p.warnings} warning${p.warnings === 1 ? '' : 's'} (above, and in comparison.json)`] : [])];
    const aside = p.setAside > 0 ? ` (${p.setAside} set aside: dated before its start)` : '';
    lines.push(`  ${p.option.padEnd(width)}  ${p.observations} observation${p.observations === 1 ? '' : 's'} within its run${aside}, effective sample size ${p.effectiveSampleSize.toFixed(1)} of ${c.runs.toLocaleString('en-US')}${notes.length > 0 ? `  <-- ${notes.join('; ')}` : ''}`);
  });
  if (why.includes('past')) lines.push(DIFFERENT_PAST);
  if (why.includes('observations')) lines.push(OTHER_OBSERVATIONS);
  return lines;
}

export interface SensitivityArgs extends CommonArgs {
  scenario: string;
  /** Check the model's invariants while running (slower). */
  check?: boolean;
  /** An observations CSV: every run conditioned on it (as run --observed). */
  observed?: string;
}

/** `rollout sensitivity`: which inputs move each target most. */
export async function sensitivityCommand(a: SensitivityArgs, signal: AbortSignal): Promise<void> {
  checkRuns(a, MIN_RUNS.sensitivity);
  const loaded = loadScenario(a.scenario);
  // The observations are read and checked against the scenario before anything is written (exit 2 naming the file, row and field).
  const observed = readAnalysisObserved(a.observed, loaded.input);
  const workers = workersOf(a);
  const out = outputFor(a, join('output', `${loaded.identity.name}-sensitivity`), inputsOf([loaded], a.observed), 'sensitivity', WRITES.sensitivity);
  const outDir = out.dir;
  checkResources(compileModel(loaded.input), { workers, runs: a.runs });
  const bar = progressBar('sensitivity', !a.quiet && !a.json);
  const s = await writeStaged(out, async (tmp) => {
    const s = await withBar(bar, () => sensitivity(loaded, {
      runs: a.runs, seed: a.seed, workers, signal, check: a.check,
      observed,
      onProgress: (step, steps) => bar.update(step, steps) }));
    await writeSensitivity(s, tmp, { png: a.png, runDate: new Date().toISOString(), signal });
    return s;
  }, signal);
  if (answeredQuietly(a, () => safeJson(sensitivityJson(s)), s.conditioning?.summary)) return;
  const lines = [`${s.scenario.name}: ${counted(s.swings.length, 'input')} swung one at a time, ${counted(a.runs, 'replication')} each, seed ${a.seed}`, ''];
  const c = s.conditioning;
  if (c) {
    lines.splice(1, 0, c.summary.observations.length > 0
      ? `Given what was observed (${counted(c.summary.observations.length, 'observation')} in ${c.file}): every run conditioned on it, the base on the equivalent of ${Math.round(c.summary.effectiveSampleSize).toLocaleString('en-US')} of its ${a.runs.toLocaleString('en-US')} futures.`
      : notConditioned(c.file));
  }
  for (const b of s.base) {
    // Where every setting leaves the chance pinned near 0 or 1, the mean share reached by the deadline ranks the inputs.
    const measure = rankingMeasure(s, b.id);
    const mean = measureFormat('share', b.metric).value;
    lines.push(measure === 'chance'
      ? `  ${b.label}: base probability ${pct(b.probability)}; largest swings:`
      : `  ${b.label}: base probability ${pct(b.probability)}, ${pinnedText(s.runs)} in every setting; largest swings of the mean ${valueNoun(b.metric)} reached by the deadline (base ${mean(b.valueAtDeadlineMean)}):`);
    const v = (x: number) => (measure === 'chance' ? pct(x) : mean(x));
    for (const { w, t } of sortedSwings(s, b.id, measure).slice(0, 5)) lines.push(`    ${w.label.padEnd(48)} ${v(measureOf(t.low, measure))} → ${v(measureOf(t.high, measure))}  (${w.how}: ${inputValue(w.low)} → ${inputValue(w.high)})`);
  }
  // Conditioned: every warning, as a conditioned run prints them.
  printWarnings({ summary: { conditioning: c?.summary } }, (t) => lines.push('', t.trimEnd()));
  lines.push('', `Report:  ${shownPath(join(outDir, 'sensitivity.html'))}`, `Data:    ${shownPath(join(outDir, 'sensitivity.json'))}`);
  process.stdout.write(clean(lines.join('\n')) + '\n');
}
