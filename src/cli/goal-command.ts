import { join } from 'node:path';
import { compileModel } from '../model/index.js';
import { loadScenario } from '../scenario/index.js';
import { AnalysisInputError, goalSeek, goalSetup } from '../montecarlo/index.js';
import { goalJson, writeGoal } from '../report/index.js';
import { writeStaged } from './output-dir.js';
import { progressBar, withBar } from './progress.js';
import { checkResources } from './resources.js';
import { clean, counted, safeJson, shownPath } from './terminal.js';
import { checkRuns, inputsOf, outputFor, workersOf, WRITES, type CommonArgs } from './run-command.js';
import { MIN_RUNS } from './args.js';
import { UsageError } from './errors.js';
import { answeredQuietly, printWarnings, readAnalysisObserved } from './observed-args.js';

export interface GoalArgs extends CommonArgs {
  scenario: string;
  target: string;
  /** Check the model's invariants while running (slower). */
  check?: boolean;
  probability: number;
  lever: string;
  range?: string;
  step?: number;
  maxRuns?: number;
  /** An observations CSV: every value's futures weighted by it (as run --observed). */
  observed?: string;
}

/** 'lo:hi' as two numbers, or a UsageError naming the option. */
export function parseRange(text: string | undefined, option = 'range'): [number, number] | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(-?[\d.]+(?:e-?\d+)?)\s*:\s*(-?[\d.]+(?:e-?\d+)?)\s*$/i.exec(text);
  const lo = m ? Number(m[1]) : NaN, hi = m ? Number(m[2]) : NaN;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new UsageError(`--${option} must be low:high with low < high (e.g. 0.5:3), got '${text}'`);
  return [lo, hi];
}

/** Runs `fn`, turning an analysis that cannot be asked as given (unknown target or lever, bad range) into a usage error. */
export async function asUsage<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AnalysisInputError) throw new UsageError(e.message);
    throw e;
  }
}

/** The same for a check made before any work. */
export function asUsageNow<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AnalysisInputError) throw new UsageError(e.message);
    throw e;
  }
}

/** Options yargs was told to demand: when one is missing, a usage error names it (the handler can run regardless). */
export function requireOptions<T extends object>(a: T, names: (keyof T & string)[]): void {
  const missing = names.filter((n) => a[n] === undefined || (typeof a[n] === 'number' && Number.isNaN(a[n])));
  if (missing.length > 0) throw new UsageError(`Missing required argument${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
}

/** As in goal.json's sentence: one decimal, halves rounded up. */
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;

/** `rollout goal`: the least lever value that meets a target with at least a probability (goal.json, goal.html). */
export async function goalCommand(a: GoalArgs, signal: AbortSignal): Promise<void> {
  requireOptions(a, ['target', 'probability', 'lever']);
  checkRuns(a, MIN_RUNS.goal);
  if (a.maxRuns !== undefined && a.maxRuns < a.runs) throw new UsageError(`--max-runs must be at least --runs (${a.runs}), got ${a.maxRuns}`);
  if (!(a.probability > 0 && a.probability < 1)) throw new UsageError(`--probability must be between 0 and 1 (e.g. 0.8), got ${a.probability}`);
  if (a.step !== undefined && !(a.step > 0)) throw new UsageError(`--step must be a positive number, got ${a.step}`);
  const range = parseRange(a.range);
  const loaded = loadScenario(a.scenario);
  const workers = workersOf(a);
  const stem = a.lever.replace(/^path:/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  const model = compileModel(loaded.input);
  // The observations are read and checked against the scenario before anything is written (exit 2 naming the file, row and field).
  const observed = readAnalysisObserved(a.observed, loaded.input);
  // The target and the lever (its range and step) are checked before anything is written.
  const { lever } = asUsageNow(() => goalSetup(loaded.input, { target: a.target, probability: a.probability, lever: a.lever, range, step: a.step }, model));
  const out = outputFor(a, join('output', `${loaded.identity.name}-goal-${stem}`), inputsOf([loaded], a.observed), 'goal', WRITES.goal);
  const outDir = out.dir;
  checkResources(model, { workers, runs: a.runs });
  const bar = progressBar(`goal ${a.lever}`, !a.quiet && !a.json);
  const g = await asUsage(() => writeStaged(out, async (tmp) => {
    const g = await withBar(bar, () => goalSeek(loaded, {
      target: a.target, probability: a.probability, lever, range, step: a.step,
      runs: a.runs, maxRuns: a.maxRuns, seed: a.seed, workers, signal, check: a.check,
      observed,
      onStep: (_, step, expected) => bar.update(step, expected),
    }));
    await writeGoal(g, tmp, { png: a.png, runDate: new Date().toISOString(), signal });
    return g;
  }, signal));
  if (answeredQuietly(a, () => safeJson(goalJson(g)), g.conditioning?.summary)) return;
  const lines = [g.sentence, ''];
  const shown = [...new Map(g.search.map((c) => [c.value, c])).values()].sort((x, y) => x.value - y.value);
  for (const c of shown) lines.push(`  ${String(c.value).padStart(8)}  ${pct(c.probability).padStart(7)} (${pct(c.ci95[0])} – ${pct(c.ci95[1])}) on ${counted(c.runs, 'run')}${c.effectiveRuns !== undefined ? ` (${Math.round(c.effectiveRuns).toLocaleString('en-US')} effective)` : ''}  ${c.setting}${c.value === g.value && g.found ? '   ← the answer' : ''}`);
  lines.push('', `${counted(g.simulated, 'replication')} in all, seed ${g.seed}, common random numbers across values`);
  // Conditioned: every warning, as a conditioned run prints them (they say not to trust the weighted numbers as they are).
  printWarnings({ summary: { conditioning: g.conditioning?.summary } }, (t) => lines.push(t.trimEnd()));
  lines.push(`Report:  ${shownPath(join(outDir, 'goal.html'))}`, `Data:    ${shownPath(join(outDir, 'goal.json'))}`);
  process.stdout.write(clean(lines.join('\n')) + '\n');
}
