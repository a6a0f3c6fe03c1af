import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { cpus, totalmem, platform, arch } from 'node:os';
import { join } from 'node:path';
import { portableCommand } from '../scenario/portable-path.js';
import { compileModel, connectedAt, simulateReplication, N_WAIT, NO_FALLBACK, STAGE_NAMES, TECH_NAMES, WAIT_STAGES, type CompiledModel } from '../model/index.js';
import { countState, countsCsv, loadScenario, stateCsv } from '../scenario/index.js';
import { isoToEpochDay } from '../engine/index.js';
import { annotateResult, availableCores, ConvergenceTracker, DriversTracker, injectFault, layoutOf, observedInput, partialToJson, runMonteCarlo, runObserved, runReplications, reviseForecast, runsCsvHeader, runsCsvLines, shardRange, VERSION, buildFingerprint, type MonteCarloOptions } from '../montecarlo/index.js';
import type { LoadedScenario } from '../scenario/index.js';
// The chart stack (vega, vega-lite) is imported only where a report is written: --shard
// and --replay never load it.
import { settlementsCsv } from '../report/csv.js';
import { summaryJson } from '../report/summary-json.js';
import { planOutput, writeStaged, type OutputPlan } from './output-dir.js';
import { checkResources } from './resources.js';
import { clean, counted, safeJson, shownPath } from './terminal.js';
import { progressBar, withBar } from './progress.js';
import { UsageError } from './errors.js';
import { printAnswer } from './print.js';
import { printWarnings, readObserved } from './observed-args.js';
import { readPrevious, revisionLines } from './previous-args.js';
import { MAX_RUNS_DEFAULT } from './args.js';
import { writeOut } from './stdout.js';

/** Options every command that runs replications takes (numbers already range-checked by ./args.ts). */
export interface CommonArgs {
  runs: number;
  seed: number;
  workers?: number;
  out?: string;
  /** Write into an existing directory that is not a rollout result (keeping its other files). */
  force?: boolean;
  json: boolean;
  quiet: boolean;
  png: boolean;
}

/** A command's own lower bound on --runs (compare needs 2, sensitivity 10). */
export function checkRuns(a: CommonArgs, minRuns: number): void {
  if (!(Number.isInteger(a.runs) && a.runs >= minRuns)) throw new UsageError(`--runs must be a whole number >= ${minRuns} for this command, got ${a.runs}`);
}

/** Worker threads to use: as asked, else the cores this process may use. */
export const workersOf = (a: { workers?: number }) => a.workers ?? availableCores();

/**
 * The files each command certainly writes, known before it runs (a folder ends with '/'):
 * planOutput refuses, before any work, an existing output where a symbolic link, a
 * directory or a file stands in the way of one of them. (The chart files and the optional
 * files are checked again, with every other name, before the result is moved into place.)
 */
export const WRITES = {
  run: ['charts/', 'report.html', 'timeseries.csv', 'summary.json', 'runs.csv', 'run-info.json'],
  shard: ['runs.csv', 'partial.json'],
  compare: ['charts/', 'comparison.html', 'comparison.json'],
  sensitivity: ['charts/', 'sensitivity.html', 'sensitivity.json'],
  goal: ['charts/', 'goal.html', 'goal.json'],
  allocate: ['charts/', 'allocation.html', 'allocation.json'],
} as const satisfies Record<string, readonly string[]>;

/** Checks where a command will write, before any work (see ./output-dir.ts). */
export function outputFor(a: { out?: string; force?: boolean }, dflt: string, inputs: string[], command: string, writes: readonly string[], mode?: OutputPlan['mode']): OutputPlan {
  return planOutput({ out: a.out ?? dflt, force: a.force === true, inputs, command, writes, mode });
}

/**
 * Every file the command reads for these scenarios — each scenario file, the files it
 * extends, its status and settlements CSVs — and `more` (observations), as the output
 * check names them: relative to the current directory when inside it.
 */
export function inputsOf(loaded: readonly LoadedScenario[], ...more: (string | undefined)[]): string[] {
  return [...new Set([...loaded.flatMap((l) => l.reads).map((f) => shownPath(f)), ...more.filter((f): f is string => f !== undefined)])];
}

export interface RunArgs extends CommonArgs {
  scenario: string;
  check: boolean;
  png: boolean;
  replay?: number;
  trace: boolean;
  /** With replay and out: write every settlement's state at the end of this date (state-DATE.csv). */
  stateAt?: string;
  precision?: number;
  maxRuns?: number;
  /** Run only shard k of n and write a partial result for `rollout merge`. */
  shard?: { index: number; count: number };
  /** An observations file to condition the run on. */
  observed?: string;
  /** An observations file to score the forecast against (scores.json). */
  score?: string;
  /** An earlier run's summary.json (or its output directory): what moved since (revision.json). */
  previous?: string;
}

/** `rollout run`: one scenario, N replications, everything in the README's "What a run writes". */
export async function runCommand(a: RunArgs, signal: AbortSignal): Promise<void> {
  checkRuns(a, 1);
  if (a.stateAt !== undefined && (a.replay === undefined || a.out === undefined)) throw new UsageError('--state-at needs --replay i (the replication) and --out DIR (where state-DATE.csv goes)');
  if (a.replay !== undefined && a.trace && (a.json || a.quiet)) throw new UsageError(`--trace prints every event: it cannot be combined with ${a.json ? '--json' : '--quiet'}`);
  if (a.replay !== undefined && a.replay >= a.runs) throw new UsageError(`--replay must be a replication of the run, below --runs (${a.runs}), got ${a.replay}; give --runs ${a.replay + 1} or more`);
  // An option --help gives as "with --X" is refused without it, not silently unused.
  if (a.trace && a.replay === undefined) throw new UsageError('--trace goes with --replay i: it prints the events of one replication');
  if (a.maxRuns !== undefined && a.precision === undefined) throw new UsageError('--max-runs goes with --precision: without it the run is of --runs replications exactly');
  if (a.replay !== undefined && (a.shard !== undefined || a.precision !== undefined)) throw new UsageError(`--replay runs one replication: it cannot be combined with ${a.shard !== undefined ? '--shard' : '--precision'}`);
  // A replay runs on this thread and draws no chart: --workers and --png would be silently unused.
  if (a.replay !== undefined && a.workers !== undefined && a.workers > 0) throw new UsageError(`--replay runs one replication on this thread: it cannot be combined with --workers ${a.workers} (--workers 0, this thread, is what it does)`);
  if (a.replay !== undefined && a.png) throw new UsageError('--replay draws no chart (it writes the replication\'s settlements as CSV with --out): it cannot be combined with --png');
  if (a.precision !== undefined && (a.maxRuns ?? MAX_RUNS_DEFAULT) < a.runs) throw new UsageError(`--max-runs (${a.maxRuns ?? `default ${MAX_RUNS_DEFAULT}`}) must be at least --runs (${a.runs})`);
  const shard = a.shard ?? null;
  if (shard) {
    if (a.precision !== undefined) throw new UsageError('--shard and --precision cannot be combined: every shard must run a fixed share of a fixed total');
    if (shard.count > a.runs) throw new UsageError(`--shard ${shard.index}/${shard.count}: more shards than replications (--runs ${a.runs}); every shard needs at least one`);
  }
  const loaded = loadScenario(a.scenario);
  const observed = readObserved(a, loaded.input);
  const previous = readPrevious(a);
  if (a.replay !== undefined) return replay(loaded, a, signal);
  const input = observed ? observedInput(loaded.input, observed) : loaded.input;
  const model = compileModel(input);
  const workers = workersOf(a);
  checkResources(model, { workers, runs: a.precision !== undefined ? (a.maxRuns ?? MAX_RUNS_DEFAULT) : a.runs });
  if (shard) return runShard(loaded, model, a, shard, signal);

  const writes = [...WRITES.run, ...(a.observed !== undefined ? ['weights.csv'] : []), ...(a.score !== undefined ? ['scores.json'] : []), ...(previous ? ['revision.json'] : [])];
  // The previous forecast is read, never replaced: an --out holding it is refused.
  const out = outputFor(a, join('output', loaded.identity.name), inputsOf([loaded], a.observed, a.score, previous?.file), 'run', writes);
  const outDir = out.dir;
  const bar = progressBar(loaded.identity.name, !a.quiet && !a.json);
  const started = new Date();
  const t0 = performance.now();
  const { result, seconds } = await writeStaged(out, async (tmp) => {
    const result = await withBar(bar, () => streamRunsCsv(tmp, model, (onRows) => {
      const o: MonteCarloOptions = {
        runs: a.runs, seed: a.seed, workers, check: a.check, signal, compiled: model,
        precision: a.precision !== undefined ? { halfWidth: a.precision, maxRuns: a.maxRuns ?? MAX_RUNS_DEFAULT } : undefined,
        onRows, onProgress: (done, total) => bar.update(done, total),
      };
      return observed ? runObserved(input, loaded.identity, o, observed) : runMonteCarlo(input, loaded.identity, o);
    }));
    const simSeconds = (performance.now() - t0) / 1000;
    annotateResult(result, loaded);
    if (previous) result.revision = reviseForecast(previous.forecast, result.summary);
    const { writeReport } = await import('../report/write.js');
    await writeReport(result, tmp, { png: a.png, runDate: started.toISOString(), signal, outDir });
    const seconds = (performance.now() - t0) / 1000;
    writeFileSync(join(tmp, 'run-info.json'), JSON.stringify({
      tool: 'rollout', version: VERSION,
      startedAt: started.toISOString(), finishedAt: new Date().toISOString(),
      seconds: +seconds.toFixed(3), simulationSeconds: +simSeconds.toFixed(3),
      replicationsPerSecond: +(result.summary.runs / simSeconds).toFixed(1),
      eventsPerSecond: Math.round((result.eventsPerRun * result.summary.runs) / simSeconds),
      eventsPerReplication: Math.round(result.eventsPerRun),
      workers, check: a.check,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), platform: platform(), arch: arch(), node: process.version },
      command: portableCommand(process.argv),
    }, null, 2) + '\n');
    return { result, seconds };
  }, signal);
  if (a.json) process.stdout.write(safeJson(summaryJson(result.summary)));
  else if (!a.quiet) {
    printAnswer(result, { outDir, seconds, workers, scenario: a.scenario });
    // The earlier summary.json as the user can open it from here (revision.json names it without a machine path).
    if (result.revision) process.stdout.write(clean(revisionLines(result.revision, shownPath(previous!.file)).join('\n')) + '\n');
  }
  printWarnings(result);
}

/**
 * Runs replications with DIR/runs.csv streamed to disk in replication order: the header,
 * then each chunk's lines as `run` hands them to the `onRows` it is given (and to `hash`,
 * when given: a shard's partial.json records the sha256 of its runs.csv).
 */
async function streamRunsCsv<T>(dir: string, model: CompiledModel, run: (onRows: (from: number, to: number, rows: Float64Array) => void) => Promise<T>, hash?: Hash): Promise<T> {
  const sizes = layoutOf(model).targetSizes;
  const fd = openSync(join(dir, 'runs.csv'), 'w');
  const write = (text: string) => { writeSync(fd, text); hash?.update(text, 'utf8'); };
  try {
    write(runsCsvHeader(model));
    return await run((from, to, rows) => write(runsCsvLines(model, sizes, rows, to - from)));
  } finally {
    closeSync(fd);
  }
}

/**
 * `--replay i`: one replication on this thread, optionally tracing every event. With
 * `--out DIR` it also writes DIR/replication-<i>-settlements.csv: every settlement, what
 * it got, when it was connected or where it was stuck at the horizon, and why.
 */
async function replay(loaded: LoadedScenario, a: RunArgs, signal: AbortSignal): Promise<void> {
  const out = a.out !== undefined ? outputFor(a, a.out, inputsOf([loaded], a.observed, a.score), 'run --replay', [`replication-${a.replay}-settlements.csv`], 'add') : null;
  const m = compileModel(loaded.input);
  checkResources(m, { workers: 0, runs: 1 });
  // A trace stops at the first line its reader no longer takes (`| head`): writeOut throws, unwinding the replication.
  const trace = a.trace ? (line: string) => writeOut(clean(line) + '\n') : undefined;
  injectFault(a.replay!);
  let stateAt: number | undefined, state: string | undefined, counts: string | undefined, leftOut: string[] = [];
  const countable = m.input.settlements === undefined; // a status of counts is for generated settlements (a list says who is served)
  if (a.stateAt !== undefined) {
    const day = isoToEpochDay(a.stateAt) - isoToEpochDay(m.input.start);
    // The day before the start is a status's earliest date, but no state of the run: nothing
    // of it has happened by that day's end (its first events are on the start day), so that
    // state is the scenario's own start, already written in it.
    const dayBefore = day === -1 ? `: the end of the day before the start is before anything the run simulates — the state then is the scenario's own start (${m.input.status ? 'its status' : 'its regions and settlements'}), with nothing under way` : '';
    if (!(day >= 0 && day < m.horizonDays)) throw new UsageError(`--state-at must be a date from ${m.input.start} (the run's start) to ${m.input.horizon} (its horizon), got '${a.stateAt}'${dayBefore}`);
    stateAt = day + 1; // the end of that date
  }
  const o = simulateReplication(m, a.seed, a.replay!, {
    check: a.check, trace, stateAt, onState: (rows) => {
      state = stateCsv(a.stateAt!, rows);
      if (!countable) return;
      const c = countState(rows, m.regionIds);
      counts = countsCsv(a.stateAt!, c, `replication ${a.replay} of ${m.input.name} (seed ${a.seed})`, countsComments(m.input.name, a.replay!, a.seed, a.stateAt!));
      leftOut = c.leftOut.map((l) => `${l.count} ${l.what}`);
    },
  });
  const lines = [`replication ${a.replay} of ${m.input.name} (seed ${a.seed}): ${counted(o.events, 'event')}`];
  const targets = m.targets.map((t, k) => ({
    id: t.id, deadline: t.deadline, met: o.met[k] === 1, shareAtDeadline: o.countAtDeadline[k] / o.targetSize[k],
    reached: o.reachedDay[k] < 0 ? null : m.calendar.toIso(o.reachedDay[k]),
  }));
  for (const t of targets) lines.push(`  ${t.id}: ${t.met ? 'met' : 'missed'}; ${(t.shareAtDeadline * 100).toFixed(1)} % at ${t.deadline}; reached ${t.reached ?? 'not within the horizon'}`);
  const st = o.settlements;
  const stuck = new Map<string, number>();
  for (let i = 0; i < st.n; i++) if (connectedAt(o, i) === Infinity) stuck.set(STAGE_NAMES[o.stage[i]], (stuck.get(STAGE_NAMES[o.stage[i]]) ?? 0) + 1);
  const unfinished = [...stuck.values()].reduce((x, y) => x + y, 0);
  lines.push(`  settlements not connected by ${m.input.horizon}: ${unfinished}${unfinished ? ` (stuck at: ${[...stuck].map(([s, c]) => `${s} ${c}`).join(', ')})` : ''}`);
  const files: Record<string, string> = {};
  if (out) {
    const rows = Array.from({ length: st.n }, (_, i) => {
      const row: Record<string, string | number | null> = {
        settlement: st.ids ? st.ids[i] : i,
        region: m.regionIds[st.region[i]],
        population: st.population[i],
        backbone_km: +st.backboneKm[i].toFixed(2),
        technology: TECH_NAMES[st.tech[i]],
        on_fibre_at_start: st.connected[i] ? 'yes' : 'no',
        connected_on: o.completion[i] < 0 ? (m.input.status?.settlements?.[i]?.connectedOn ?? m.input.start) : o.completion[i] === Infinity ? null : m.calendar.toIso(o.completion[i]),
        // With a fallback policy: the technology that took over and when it connected the settlement.
        ...(o.fallbackTech.length > 0 ? {
          fallback_technology: o.fallbackTech[i] === NO_FALLBACK ? null : TECH_NAMES[o.fallbackTech[i]],
          fallback_connected_on: o.fallbackDone[i] === Infinity ? null : m.calendar.toIso(o.fallbackDone[i]),
        } : {}),
        stuck_at_horizon: connectedAt(o, i) === Infinity ? STAGE_NAMES[o.stage[i]] : null,
      };
      WAIT_STAGES.forEach((w, k) => (row[`days_${w}`] = +o.waits[i * N_WAIT + k].toFixed(2)));
      return row;
    });
    const name = `replication-${a.replay}-settlements.csv`, stateName = `state-${a.stateAt}.csv`, countsName = `state-${a.stateAt}-counts.csv`;
    await writeStaged(out, async (tmp) => {
      writeFileSync(join(tmp, name), settlementsCsv(rows));
      if (state !== undefined) writeFileSync(join(tmp, stateName), state);
      if (counts !== undefined) writeFileSync(join(tmp, countsName), counts);
    }, signal);
    // --json names the files in the output directory (no machine path in what is printed for a program); the lines, as the user can open them from here.
    const shown = (f: string) => shownPath(join(out.abs, f));
    files.settlements = name;
    lines.push(`  every settlement: ${shown(name)}`);
    if (state !== undefined) lines.push(`  state at the end of ${a.stateAt}: ${shown((files.state = stateName))} (a scenario's \`status\`)`);
    if (counts !== undefined) files.counts = countsName;
    if (counts !== undefined) lines.push(`  the same counted per region, service and stage: ${shown(countsName)} (a status of counts)`, ...leftOut.map((l) => `    left out of the counts (they cannot say it): ${l}`));
    else if (state !== undefined) lines.push(`  no status of counts: ${m.input.name} lists its settlements (in ${m.input.status?.settlements ? 'its status' : 'its settlements file'}, which says who is served; state-${a.stateAt}.csv is the status)`);
  }
  if (a.json) {
    process.stdout.write(safeJson(JSON.stringify({
      scenario: m.input.name, seed: a.seed, replication: a.replay, events: o.events,
      targets: targets.map((t) => ({ ...t, shareAtDeadline: +t.shareAtDeadline.toFixed(6) })),
      notConnected: { horizon: m.input.horizon, settlements: unfinished, byStage: Object.fromEntries(stuck) },
      files,
    }, null, 2)) + '\n');
  } else if (!a.quiet) {
    process.stdout.write(clean(lines.join('\n')) + '\n');
  }
}

/** The comment lines at the head of state-DATE-counts.csv: what it is and what counts cannot say. */
function countsComments(name: string, rep: number, seed: number, date: string): string[] {
  return [
    `Replication ${rep} of ${name} (seed ${seed}) at the end of ${date}, counted per region, service and stage from`,
    `state-${date}.csv beside it: a status of counts (give it as a scenario's \`status\`). 'done' rows: the settlements`,
    `with each service; the other rows: the jobs under way, the most advanced stage first, days_in_stage the median`,
    `of their days in the stage, rounded. It is a future of the model, not the programme's state.`,
    `What counts cannot say, against the state per settlement: which villages are at each stage (a run from this`,
    `file gives the rows to the first jobs of each region's queue), which files an office is processing (all queue`,
    `again for a desk), and the work already done (a job counted in 'work' does all of it). The money of every job`,
    `counted past its budget stage is taken as committed before the run.`,
  ];
}

/** `--shard k/n`: this machine's share of the replications, as a partial result for `rollout merge`. */
async function runShard(loaded: LoadedScenario, model: CompiledModel, a: RunArgs, shard: { index: number; count: number }, signal: AbortSignal): Promise<void> {
  const [from, to] = shardRange(a.runs, shard.index, shard.count);
  const workers = workersOf(a);
  const out = outputFor(a, join('output', `${loaded.identity.name}-shard-${shard.index}-of-${shard.count}`), inputsOf([loaded], a.observed, a.score), 'run --shard', WRITES.shard);
  const bar = progressBar(`${loaded.identity.name} ${shard.index}/${shard.count}`, !a.quiet && !a.json);
  await writeStaged(out, async (tmp) => {
    const nT = model.targets.length;
    const met = new Uint8Array((to - from) * nT);
    // The shard's replications among the run's first DRIVER_SAMPLE, for the merge's drivers and discovery.
    const drivers = new DriversTracker(model, DriversTracker.keptInShard(a.runs, from, to), layoutOf(model).targetSizes);
    const csvHash = createHash('sha256');
    const agg = await withBar(bar, () => streamRunsCsv(tmp, model, (writeRows) => runReplications(loaded.input, {
      runs: a.runs, from, to, seed: a.seed, workers, check: a.check, signal, compiled: model,
      onRows: (f, t, rows) => {
        writeRows(f, t, rows);
        met.set(ConvergenceTracker.metOf(model, rows, t - f), (f - from) * nT);
        drivers.feed(rows, t - f);
      },
      onProgress: (done, total) => bar.update(done, total),
    }), csvHash));
    writeFileSync(join(tmp, 'partial.json'), partialToJson({
      kind: 'rollout-partial', version: VERSION, build: buildFingerprint(), scenario: loaded.identity, input: loaded.input,
      seed: a.seed, runs: a.runs, shard: { ...shard, from, to }, aggregate: agg.state(), met, runsCsvSha256: csvHash.digest('hex'), drivers: drivers.sample(),
      annotations: { sources: loaded.sources, ...(loaded.catalogue ? { catalogue: loaded.catalogue } : {}) },
    }));
  }, signal);
  if (!a.quiet && !a.json) {
    process.stdout.write(clean(`${loaded.identity.name}: shard ${shard.index}/${shard.count}, ${to - from === 1 ? `replication ${from}` : `replications ${from}-${to - 1}`} of ${a.runs.toLocaleString('en-US')}, seed ${a.seed}\nPartial result: ${shownPath(out.abs)}/ (combine all shards with 'rollout merge')\n`));
  }
}
