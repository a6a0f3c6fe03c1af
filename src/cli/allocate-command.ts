import { join } from 'node:path';
import { TECHNOLOGIES, compileModel, type Technology } from '../model/index.js';
import { loadScenario } from '../scenario/index.js';
import { allocate, allocateSetup, defaultProgramme, type AllocationResource, type AllocationSearch } from '../montecarlo/index.js';
import { allocationJson, writeAllocation } from '../report/index.js';
import { asUsage, asUsageNow, requireOptions } from './goal-command.js';
import { writeStaged } from './output-dir.js';
import { progressBar, withBar } from './progress.js';
import { checkResources } from './resources.js';
import { clean, counted, safeJson, pct, shownPath, signedPoints } from './terminal.js';
import { checkRuns, inputsOf, outputFor, workersOf, WRITES, type CommonArgs } from './run-command.js';
import { MIN_RUNS } from './args.js';
import { UsageError } from './errors.js';
import { answeredQuietly, printWarnings, readAnalysisObserved } from './observed-args.js';

export interface AllocateArgs extends CommonArgs {
  scenario: string;
  target: string;
  /** Check the model's invariants while running (slower). */
  check?: boolean;
  crews?: number;
  /** With --crews (default fibre). */
  technology?: string;
  /** With --crews (default 1). */
  step?: number;
  money?: number;
  /** With --money (default: the scenario's only programme, else fibre if it has one). */
  programme?: string;
  /** With --money (default 10). */
  units?: number;
  search: string;
  validation?: number;
  /** An observations CSV: every split's futures weighted by it (as run --observed). */
  observed?: string;
}

/** `rollout allocate`: where N extra crews (or an amount of money) raise a target's chance most. */
export async function allocateCommand(a: AllocateArgs, signal: AbortSignal): Promise<void> {
  requireOptions(a, ['target']);
  checkRuns(a, MIN_RUNS.allocate);
  const what = '--crews N (whole crews to regions) or --money AMOUNT (to budget years)';
  if (a.crews === undefined && a.money === undefined) throw new UsageError(`say what to allocate: ${what}`);
  if (a.crews !== undefined && a.money !== undefined) throw new UsageError(`say what to allocate: ${what}, not both`);
  if (!['greedy', 'exhaustive'].includes(a.search)) throw new UsageError(`--search must be greedy or exhaustive, got '${a.search}'`);
  // An option of the other kind of question would be silently unused: refused, so the answer is to the question asked.
  const misplaced = (names: [string, unknown][], goes: string) => {
    const given = names.filter(([, v]) => v !== undefined).map(([n]) => `--${n}`);
    if (given.length > 0) throw new UsageError(`${given.join(' and ')} ${given.length > 1 ? 'go' : 'goes'} with ${goes}, not with ${goes === '--crews' ? '--money' : '--crews'}`);
  };
  let resource: AllocationResource | undefined;
  if (a.crews !== undefined) {
    misplaced([['programme', a.programme], ['units', a.units]], '--money');
    const technology = a.technology ?? 'fibre';
    if (!(TECHNOLOGIES as readonly string[]).includes(technology)) throw new UsageError(`--technology must be one of ${TECHNOLOGIES.join(', ')}, got '${technology}'`);
    resource = { kind: 'crews', technology: technology as Technology, total: a.crews, step: a.step ?? 1 };
  } else {
    misplaced([['technology', a.technology], ['step', a.step]], '--crews');
    if (!(a.money! > 0)) throw new UsageError(`--money must be an amount above 0, got ${a.money}`);
    if (a.programme !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(a.programme)) throw new UsageError(`--programme must be a programme's id (fibre, mast or satellite for a budget line), got '${a.programme}'`);
  }
  const loaded = loadScenario(a.scenario);
  // Without --programme the money's programme depends on the scenario: known once it is loaded.
  resource ??= { kind: 'money', programme: a.programme ?? asUsageNow(() => defaultProgramme(loaded.input)), total: a.money!, units: a.units ?? 10 };
  const model = compileModel(loaded.input);
  // The observations are read and checked against the scenario before anything is written (exit 2 naming the file, row and field).
  const observed = readAnalysisObserved(a.observed, loaded.input);
  // The target, the programme or technology and the search are checked before anything is written.
  asUsageNow(() => allocateSetup(loaded.input, { target: a.target, resource, search: a.search as AllocationSearch, runs: a.runs, validation: a.validation }, model));
  const workers = workersOf(a);
  const out = outputFor(a, join('output', `${loaded.identity.name}-allocate-${resource.kind === 'crews' ? `${resource.total}-${resource.technology}-crews` : `${resource.programme}-money`}`), inputsOf([loaded], a.observed), 'allocate', WRITES.allocate);
  const outDir = out.dir;
  checkResources(model, { workers, runs: a.runs });
  const bar = progressBar('allocate', !a.quiet && !a.json);
  const places = resource.kind === 'crews' ? loaded.input.regions.length : 0;
  const r = await asUsage(() => writeStaged(out, async (tmp) => {
    const r = await withBar(bar, () => allocate(loaded, {
      target: a.target, resource, search: a.search as AllocationSearch, runs: a.runs, validation: a.validation, seed: a.seed, workers, signal, check: a.check,
      observed,
      onEvaluate: (n) => bar.update(n, Math.max(n, places > 0 ? 5 + (resource.total / (resource.kind === 'crews' ? resource.step : 1)) * places : n + 1)),
    }));
    await writeAllocation(r, tmp, { png: a.png, runDate: new Date().toISOString(), signal });
    return r;
  }, signal));
  if (answeredQuietly(a, () => safeJson(allocationJson(r)), r.conditioning?.summary)) return;
  const lines = [r.sentence, ''];
  const width = Math.max(...r.slots.map((s) => s.label.length));
  r.slots.forEach((s, i) => {
    const extra = r.alternatives.map((x) => `${x.name} ${x.added[i]}`).join(', ');
    if (r.chosen.added[i] > 0 || r.alternatives.some((x) => x.added[i] > 0)) lines.push(`  ${s.label.padEnd(width)}  +${String(r.chosen.added[i]).padEnd(8)} (${extra})`);
  });
  lines.push('', `  on ${(r.validation).toLocaleString('en-US')} fresh futures, not those used to choose:`);
  // Signed with a real minus, as compare's and --previous's differences are ('+0.0 … −3.7 to +3.7'),
  // not an ASCII hyphen and no plus.
  const pts = (e: { value: number; ci95: [number, number] }) => `${signedPoints(e.value)} points (95 % CI ${signedPoints(e.ci95[0])} to ${signedPoints(e.ci95[1])})`;
  const pad = Math.max(13, ...r.alternatives.map((x) => `${x.name} split`.length));
  // For every target together, the shares are summed over the targets (so they can pass 100 %).
  const reached = r.target.id === 'all' ? 'shares reached, summed' : 'share reached';
  // Conditioned: the futures each chance rests on.
  const eff = (x: { effectiveRuns?: number }) => (x.effectiveRuns !== undefined ? ` [${Math.round(x.effectiveRuns).toLocaleString('en-US')} effective]` : '');
  lines.push(`  ${'found'.padEnd(pad)} ${pct(r.chosen.probability)} (${pct(r.chosen.ci95[0])} – ${pct(r.chosen.ci95[1])})${eff(r.chosen)}; ${reached} ${pct(r.chosen.meanReached)}`);
  for (const x of r.alternatives) lines.push(`  ${`${x.name} split`.padEnd(pad)} ${pct(x.probability)} (${pct(x.ci95[0])} – ${pct(x.ci95[1])})${eff(x)}; found minus it ${pts(x.versusChosen)}; ${reached} ${pct(x.meanReached)}, found minus it ${pts(x.versusChosenReached)}`);
  lines.push(`  ${'nothing added'.padEnd(pad)} ${pct(r.base.probability)}; ${reached} ${pct(r.base.meanReached)}`, '', `${counted(r.evaluated, 'allocation')} tried on the same ${counted(r.runs, 'future')}, ${counted(r.simulated, 'replication')} in all, seed ${r.seed}`);
  // Conditioned: every warning, as a conditioned run prints them.
  printWarnings({ summary: { conditioning: r.conditioning?.summary } }, (t) => lines.push(t.trimEnd()));
  lines.push(`Report:  ${shownPath(join(outDir, 'allocation.html'))}`, `Data:    ${shownPath(join(outDir, 'allocation.json'))}`);
  process.stdout.write(clean(lines.join('\n')) + '\n');
}
