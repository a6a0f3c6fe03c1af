import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Resource, Simulation, distribution, stream } from '../engine/index.js';
import { compileModel, type ModelInput } from '../model/index.js';
import { loadScenario } from '../scenario/index.js';
import { availableCores, runInProcess, runReplications, VERSION, WorkerPool } from '../montecarlo/index.js';
import { toyFloor, type FloorOutcome } from './bench-floor.js';
import { UsageError } from './errors.js';
import { counted } from './terminal.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOY = join(ROOT, 'examples', 'toy-rollout.yaml');

/**
 * Bare-engine workload: an M/M/c queue (arrivals, c servers, FIFO), the same mix of
 * schedule / request / release as the model, with no model code around it. (The worked
 * example with its known answer is examples/mmc.ts.)
 */
export function engineWorkload(customers: number, servers = 4, seed = 1): { events: number; seconds: number; meanWait: number } {
  const sim = new Simulation(1024);
  const res = new Resource(sim, servers, 'servers');
  const u = stream(seed, 'bench-engine');
  const inter = distribution({ dist: 'exponential', mean: 1 });
  const service = distribution({ dist: 'exponential', mean: 0.75 * servers });
  const arrivedAt = new Float64Array(customers);
  let waitSum = 0, arrived = 0;
  const depart = sim.on(() => res.release(), 'depart');
  const start = sim.on((c) => { waitSum += sim.now - arrivedAt[c]; sim.schedule(service.quantile(u()), depart, c); }, 'start');
  const arrive = sim.on((c) => {
    arrivedAt[c] = sim.now;
    res.request(start, c);
    if (++arrived < customers) sim.schedule(inter.quantile(u()), arrive, arrived);
  }, 'arrive');
  const t0 = performance.now();
  sim.schedule(0, arrive, 0);
  sim.run();
  const seconds = (performance.now() - t0) / 1000;
  return { events: sim.eventsProcessed, seconds, meanWait: waitSum / customers };
}

export interface BenchArgs {
  scenario: string;
  runs: number;
  json: boolean;
  memoryRuns: number[];
  /** Replications of the toy rollout for the toy-versus-floor comparison. */
  toyRuns?: number;
  /** Another checkout of rollout (built, with dist/): its baseline is timed beside this one's, alternating. */
  against?: string;
  /** Internal: run this many replications on this thread and print memory as JSON. */
  memoryProbe?: number;
}

/** One memory measurement: a whole run on all cores (as `rollout run` does it), then the process's peak RSS. */
async function memoryProbe(scenario: string, runs: number): Promise<void> {
  const { input } = loadScenario(scenario);
  const t0 = performance.now();
  await runReplications(input, { runs, seed: 3, workers: availableCores() });
  const out = { runs, peakRssMiB: peakRssMiB(), heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), seconds: +((performance.now() - t0) / 1000).toFixed(1) };
  process.stdout.write(JSON.stringify(out) + '\n');
}

const peakRssMiB = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
const round = (x: number, digits = 1) => +x.toFixed(digits);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU seconds this process has used (every thread): less disturbed than wall time by other work on the machine. */
const cpuSeconds = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };

/** CPU seconds `f` takes, best of `repeats` (the least disturbed by other work on the machine). */
async function best(repeats: number, f: () => unknown): Promise<number> {
  let min = Infinity;
  for (let k = 0; k < repeats; k++) {
    const t0 = cpuSeconds();
    await f();
    min = Math.min(min, cpuSeconds() - t0);
  }
  return min;
}

/**
 * The toy rollout through rollout on this thread (scenario → model → aggregate → rows,
 * as `rollout run --workers 0` does it) against the same replications computed by the
 * plain-JavaScript floor, which does only what the toy needs. Alternated, best of three,
 * in CPU time (both on this one thread).
 */
async function toyAgainstFloor(runs: number) {
  const { input } = loadScenario(TOY);
  const m = compileModel(input);
  const floor = async () => {
    const out: FloorOutcome = { completion: new Float64Array(6000), countAtDeadline: 0, reachedDay: -1 };
    const hist = new Float64Array(6001);
    for (let rep = 0; rep < runs; rep++) hist[toyFloor(m, 2, rep, out).countAtDeadline]++;
    return hist;
  };
  const model = () => runInProcess({ input, seed: 2, from: 0, to: runs, compiled: m });
  await floor(); await model(); // JIT warm-up
  let floorSeconds = Infinity, modelSeconds = Infinity;
  for (let k = 0; k < 3; k++) {
    floorSeconds = Math.min(floorSeconds, await best(1, floor));
    modelSeconds = Math.min(modelSeconds, await best(1, model));
  }
  const floorRate = runs / floorSeconds, modelRate = runs / modelSeconds;
  return { runs, floorReplicationsPerSecond: round(floorRate), rolloutReplicationsPerSecond: round(modelRate), ratio: round(modelRate / floorRate, 3) };
}

type Runner = (workers: number, from: number, to: number, seed: number) => Promise<{ events: number }>;

/** Runs replications of `input` with this checkout's code: on this thread (0) or a warm pool. */
function ourRunner(input: ModelInput): { run: Runner; close: () => Promise<void> } {
  const pools = new Map<number, WorkerPool>();
  const m = compileModel(input);
  return {
    run: async (workers, from, to, seed) => {
      if (workers === 0) return runInProcess({ input, seed, from, to, compiled: m });
      let pool = pools.get(workers);
      if (!pool) pools.set(workers, (pool = new WorkerPool(workers)));
      return pool.run({ input, seed, from, to, compiled: m });
    },
    close: async () => { for (const p of pools.values()) await p.close(); },
  };
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

/**
 * The same, with another checkout's built code (its dist/), for a side-by-side comparison:
 * its runner for `scenario`, read by that checkout's own scenario code. A checkout whose
 * build cannot be loaded, or that cannot read the scenario (an older one, before the
 * scenario's keys existed), is a usage mistake found before any timing: exit 2 with its
 * first problems, and what to do instead.
 */
async function theirRunner(dir: string, scenario: string, given: string): Promise<{ run: Runner; close: () => Promise<void>; version: string }> {
  const load = async (m: string) => {
    try {
      return await import(pathToFileURL(join(dir, 'dist', m, 'index.js')).href);
    } catch (e) {
      // A build without its packages (no npm ci there), or a broken one: said now, not as a crash.
      throw new UsageError(`--against ${dir}: its build cannot be loaded (npm ci and npm run build there): ${firstLine(e)}`);
    }
  };
  const mc = await load('montecarlo');
  const sc = await load('scenario');
  let input: unknown;
  try {
    input = sc.loadScenario(scenario).input;
  } catch (e) {
    const lines = String((e as Error).message ?? e).split('\n').filter((l) => l.trim() !== '');
    const shown = lines.slice(0, 3).join('\n  ') + (lines.length > 3 ? `\n  (and ${lines.length - 3} more lines)` : '');
    throw new UsageError(`--against ${dir} cannot read ${given}:\n  ${shown}\nGive --scenario a file both checkouts read (that checkout's own scenarios/kazakhstan-baseline.yaml, say).`);
  }
  const pools = new Map<number, { run: (spec: unknown) => Promise<{ events: number }>; close: () => Promise<void> }>();
  return {
    version: mc.VERSION,
    run: async (workers, from, to, seed) => {
      if (workers === 0) return mc.runInProcess({ input, seed, from, to });
      let pool = pools.get(workers);
      if (!pool) pools.set(workers, (pool = new mc.WorkerPool(workers)));
      return pool!.run({ input, seed, from, to });
    },
    close: async () => { for (const p of pools.values()) await p.close(); },
  };
}

/**
 * Times a run of `runs` and one of a quarter of that (workers warm). The difference gives
 * the steady rate (replications/s once work flows); what the short run took beyond that
 * rate is the fixed cost of a run (compiling, the first and last chunks, merging).
 */
async function timeRun(run: Runner, workers: number, runs: number) {
  await run(workers, 0, Math.min(runs, 40 * Math.max(1, workers)), 1); // JIT warm-up
  const time = async (n: number) => {
    const t0 = performance.now(), c0 = cpuSeconds();
    const agg = await run(workers, 0, n, 2);
    return { seconds: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0, events: agg.events };
  };
  const short = Math.max(1, Math.floor(runs / 4));
  const s = await time(short);
  const f = await time(runs);
  // Too few runs to tell the two apart (fewer than 4, or the short run was no faster): the long run's own rate.
  const steady = runs > short && f.seconds > s.seconds ? (runs - short) / (f.seconds - s.seconds) : runs / f.seconds;
  return {
    workers, runs, seconds: round(f.seconds, 3),
    replicationsPerSecond: round(runs / f.seconds),
    steadyReplicationsPerSecond: round(steady),
    fixedSecondsPerRun: round(Math.max(0, s.seconds - short / steady), 2),
    /** Replications per CPU-second of all threads (the long run): the figure least moved by other work on the machine. */
    cpuReplicationsPerSecond: round(runs / f.cpu),
    eventsPerSecond: Math.round(f.events / f.seconds), eventsPerReplication: Math.round(f.events / runs),
  };
}

/**
 * The ratios the benchmark's targets are about (1 worker against this thread, all workers
 * against 1), from rounds that alternate the configurations, in turn forwards and
 * backwards — each round runs `n` replications on each, warm, and each configuration
 * keeps its best wall-clock rate. Timed
 * one after the other, a machine whose speed drifts (a busy neighbour) could move one
 * configuration's figure and not the other's: on a shared host, 1 worker read 0.86× this
 * thread in one sequence and 1.0× in the next.
 */
async function alternatedRatios(run: Runner, cores: number, n: number, rounds = 4) {
  const best = new Map<number, number>([[0, 0], [1, 0], [cores, 0]]);
  const order = [...best.keys()];
  for (let k = 0; k < rounds; k++) {
    // Forwards, then backwards: on this host whichever configuration ran first in a round
    // was the faster (an A/B of identical builds read 1.05× in one order, 0.95× in the other).
    for (const w of k % 2 === 0 ? order : [...order].reverse()) {
      const t0 = performance.now();
      await run(w, 0, n, 2);
      best.set(w, Math.max(best.get(w)!, n / ((performance.now() - t0) / 1000)));
    }
  }
  return { runs: n, rounds, oneWorkerOverThisThread: round(best.get(1)! / best.get(0)!, 2), allOverOne: round(best.get(cores)! / best.get(1)!, 2) };
}

/** Wall-clock seconds of a CLI command in a fresh process, median of five. */
function startup(args: string[]): number {
  const bin = join(ROOT, 'bin', 'rollout.js');
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: ROOT });
    if (r.status !== 0) throw new Error(`rollout ${args.join(' ')} failed: ${r.stderr}`);
    times.push((performance.now() - t0) / 1000);
  }
  return round(median(times), 3);
}

/** `rollout bench` / `npm run bench`: fixed workloads, figures as JSON and a table. */
export async function benchCommand(a: BenchArgs): Promise<void> {
  if (a.memoryProbe !== undefined) return memoryProbe(a.scenario, a.memoryProbe);
  // Checked before minutes of timings: a wrong --against is a usage mistake (exit 2), not a failure at the end.
  if (a.against !== undefined) {
    const missing = ['montecarlo', 'scenario'].map((m) => join(a.against!, 'dist', m, 'index.js')).find((f) => !existsSync(f));
    if (missing) throw new UsageError(`--against must be a built checkout of rollout (npm run build there): ${missing} is not there`);
  }
  // The scenario is read (and checked) before any timing, by this checkout and the other
  // one; the processes started below (validate, the memory probes) run elsewhere, so they
  // get its absolute path.
  const { input } = loadScenario(a.scenario);
  const scenario = resolve(a.scenario);
  const them = a.against !== undefined ? await theirRunner(a.against, scenario, a.scenario) : null;
  const log = (s: string) => { if (!a.json) process.stderr.write(s + '\n'); };
  // All workers = what `rollout run` uses by default: the cores this process may use, a CPU quota included.
  const cores = availableCores();

  log('engine: M/M/4 queue, 500,000 customers…');
  engineWorkload(50_000); // warm-up
  const eng = engineWorkload(500_000);

  let toy: Awaited<ReturnType<typeof toyAgainstFloor>> | null = null;
  if (existsSync(TOY)) {
    log(`toy rollout (examples/toy-rollout.yaml) on this thread against its plain-JavaScript floor, ${counted(a.toyRuns ?? 100, 'replication')}…`);
    toy = await toyAgainstFloor(a.toyRuns ?? 100);
  } else log('toy rollout: examples/ is not here (an installed package); skipped');

  const ours = ourRunner(input);
  const baseline: Record<string, Awaited<ReturnType<typeof timeRun>>> = {};
  let alternated: Awaited<ReturnType<typeof alternatedRatios>> | null = null;
  try {
    for (const w of [0, 1, cores]) {
      log(`baseline, ${w === 0 ? 'on this thread' : `${w} worker${w > 1 ? 's' : ''}`}, ${counted(a.runs, 'replication')}…`);
      baseline[`workers${w}`] = await timeRun(ours.run, w, a.runs);
    }
    log(`baseline, this thread, 1 worker and ${cores} alternating, 4 rounds of ${counted(Math.max(1, Math.floor(a.runs / 4)), 'replication')}…`);
    alternated = await alternatedRatios(ours.run, cores, Math.max(1, Math.floor(a.runs / 4)));
  } finally {
    await ours.close();
  }

  // Another checkout, alternating with this one on one worker so both see the same machine.
  let against: { dir: string; version: string; theirs: number; ours: number; ratio: number; theirsCpu: number; oursCpu: number; cpuRatio: number } | null = null;
  if (a.against && them) {
    log(`side by side with ${a.against} (1 worker, alternating, best of two each)…`);
    const us = ourRunner(input);
    try {
      let theirs = 0, mine = 0, theirsCpu = 0, oursCpu = 0;
      for (let k = 0; k < 2; k++) {
        const t = await timeRun(them.run, 1, a.runs), o = await timeRun(us.run, 1, a.runs);
        theirs = Math.max(theirs, t.steadyReplicationsPerSecond); theirsCpu = Math.max(theirsCpu, t.cpuReplicationsPerSecond);
        mine = Math.max(mine, o.steadyReplicationsPerSecond); oursCpu = Math.max(oursCpu, o.cpuReplicationsPerSecond);
      }
      against = { dir: a.against, version: them.version, theirs, ours: mine, ratio: round(mine / theirs, 2), theirsCpu, oursCpu, cpuRatio: round(oursCpu / theirsCpu, 2) };
    } finally {
      await them.close();
      await us.close();
    }
  }

  log('CLI start-up: rollout --help, rollout validate (median of five)…');
  const cli = { helpSeconds: startup(['--help']), validateSeconds: startup(['validate', scenario]) };

  // Memory: each size in a fresh process (worker threads above would inflate this one's peak).
  const memory: { runs: number; peakRssMiB: number; heapUsedMiB: number; seconds: number }[] = [];
  for (const runs of a.memoryRuns) {
    log(`memory: ${runs.toLocaleString('en-US')} replications on all cores, in a fresh process…`);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rollout.js'), 'bench', '--memory-probe', String(runs), '--scenario', scenario], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`memory probe failed: ${r.stderr}`);
    memory.push(JSON.parse(r.stdout));
  }

  const one = baseline.workers1, all = baseline[`workers${cores}`], zero = baseline.workers0;
  const result = {
    version: VERSION,
    scenario: a.scenario,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30), node: process.version, loadAverage: loadavg().map((x) => round(x, 2)) },
    engine: { workload: 'M/M/4 queue, 500,000 customers', events: eng.events, seconds: round(eng.seconds, 3), eventsPerSecond: Math.round(eng.events / eng.seconds) },
    toy,
    baseline: {
      thisThread: zero, oneWorker: one, allWorkers: all,
      speedup: round(all.replicationsPerSecond / one.replicationsPerSecond, 2),
      steadySpeedup: round(all.steadyReplicationsPerSecond / one.steadyReplicationsPerSecond, 2),
      oneWorkerOverThisThread: round(one.replicationsPerSecond / zero.replicationsPerSecond, 2),
      /** The same two ratios from alternating rounds (alternatedRatios): the figures the targets are read from. */
      alternated,
      secondsFor10000: round(10_000 / all.steadyReplicationsPerSecond + all.fixedSecondsPerRun),
    },
    against,
    cli,
    memory,
    peakRssMiB: peakRssMiB(),
  };
  if (a.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const rows: [string, string][] = [
    ['version', VERSION],
    ['machine', `${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}, load ${result.machine.loadAverage.join(' ')}`],
    ['engine events/s (M/M/4)', result.engine.eventsPerSecond.toLocaleString('en-US')],
    ...(toy ? [[`toy rollout, ${counted(toy.runs, 'replication')}, this thread`, `${toy.rolloutReplicationsPerSecond}/s against the floor's ${toy.floorReplicationsPerSecond}/s: ${toy.ratio} of the floor`] as [string, string]] : []),
    ['baseline events/replication', one.eventsPerReplication.toLocaleString('en-US')],
    [`baseline replications/s, this thread (${counted(a.runs, 'run')})`, `${zero.replicationsPerSecond} (steady ${zero.steadyReplicationsPerSecond}, ${zero.cpuReplicationsPerSecond} per CPU-second)`],
    [`baseline replications/s, 1 worker (${counted(a.runs, 'run')})`, `${one.replicationsPerSecond} (steady ${one.steadyReplicationsPerSecond}, fixed ${one.fixedSecondsPerRun} s per run, ${one.cpuReplicationsPerSecond} per CPU-second)`],
    [`baseline replications/s, ${cores} worker${cores === 1 ? '' : 's'} (${counted(a.runs, 'run')})`, `${all.replicationsPerSecond} (steady ${all.steadyReplicationsPerSecond}, fixed ${all.fixedSecondsPerRun} s per run)`],
    ['speed-up 1 → all workers', `${result.baseline.speedup}× (steady ${result.baseline.steadySpeedup}×)${alternated ? `; alternating, best of ${alternated.rounds}: ${alternated.allOverOne}×` : ''}`],
    ['1 worker / this thread', `${result.baseline.oneWorkerOverThisThread}×${alternated ? `; alternating, best of ${alternated.rounds}: ${alternated.oneWorkerOverThisThread}×` : ''}`],
    ['10,000 replications would take', `${result.baseline.secondsFor10000} s`],
    ...(against ? [[`against ${against.dir} (${against.version}), 1 worker`, `steady ${against.ours}/s here, ${against.theirs}/s there: ${against.ratio}×; per CPU-second ${against.oursCpu} and ${against.theirsCpu}: ${against.cpuRatio}×`] as [string, string]] : []),
    ['CLI start-up', `rollout --help ${cli.helpSeconds} s, rollout validate ${cli.validateSeconds} s`],
    ...memory.map((m): [string, string] => [`peak RSS of a ${m.runs.toLocaleString('en-US')}-replication run`, `${m.peakRssMiB} MiB (main heap ${m.heapUsedMiB} MiB, ${m.seconds} s)`]),
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
  process.stdout.write('\n' + JSON.stringify(result) + '\n');
}
