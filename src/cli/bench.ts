import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Resource, Simulation, distribution, stream } from '../engine/index.js';
import { loadScenario } from '../scenario/index.js';
import { runReplications, VERSION, WorkerPool } from '../montecarlo/index.js';

/**
 * Bare-engine workload: an M/M/c queue (arrivals, c servers, FIFO), the same mix of
 * schedule / request / release as the model, with no model code around it.
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
  /** Internal: run this many replications on this thread and print memory as JSON. */
  memoryProbe?: number;
}

/** One memory measurement: a whole run on all cores (as `rollout run` does it), then the process's peak RSS. */
async function memoryProbe(scenario: string, runs: number): Promise<void> {
  const { input } = loadScenario(scenario);
  const t0 = performance.now();
  await runReplications(input, { runs, seed: 3, workers: availableParallelism() });
  const out = { runs, peakRssMiB: peakRssMiB(), heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20), seconds: +((performance.now() - t0) / 1000).toFixed(1) };
  process.stdout.write(JSON.stringify(out) + '\n');
}

const peakRssMiB = () => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

/** `rollout bench` / `npm run bench`: fixed workloads, figures as JSON and a table. */
export async function benchCommand(a: BenchArgs): Promise<void> {
  if (a.memoryProbe !== undefined) return memoryProbe(a.scenario, a.memoryProbe);
  const log = (s: string) => { if (!a.json) process.stderr.write(s + '\n'); };
  log('engine: M/M/4 queue, 500,000 customers…');
  engineWorkload(50_000); // warm-up
  const eng = engineWorkload(500_000);
  const { input } = loadScenario(a.scenario);
  const cores = availableParallelism();

  /**
   * Times a run of `runs` and one of a quarter of that on a warm pool. The difference gives
   * the steady rate (replications/s once work flows); what the short run took beyond that
   * rate is the fixed cost of a run (compiling the scenario in each thread, the first and
   * last chunks, merging the workers' aggregates).
   */
  const timeRun = async (workers: number, runs: number) => {
    const pool = new WorkerPool(workers);
    try {
      await pool.run({ input, seed: 1, from: 0, to: Math.min(runs, 40 * workers) }); // JIT warm-up
      const time = async (n: number) => {
        const t0 = performance.now();
        const agg = await pool.run({ input, seed: 2, from: 0, to: n });
        return { seconds: (performance.now() - t0) / 1000, events: agg.events };
      };
      const short = Math.max(1, Math.floor(runs / 4));
      const s = await time(short);
      const f = await time(runs);
      const steady = (runs - short) / Math.max(1e-9, f.seconds - s.seconds);
      return {
        workers, runs, seconds: +f.seconds.toFixed(3),
        replicationsPerSecond: +(runs / f.seconds).toFixed(1),
        steadyReplicationsPerSecond: +steady.toFixed(1),
        fixedSecondsPerRun: +Math.max(0, s.seconds - short / steady).toFixed(2),
        eventsPerSecond: Math.round(f.events / f.seconds), eventsPerReplication: Math.round(f.events / runs),
      };
    } finally {
      await pool.close();
    }
  };
  log(`baseline on 1 worker, ${a.runs} replications…`);
  const one = await timeRun(1, a.runs);
  log(`baseline on ${cores} workers, ${a.runs} replications…`);
  const all = await timeRun(cores, a.runs);

  // Memory: each size in a fresh process (worker threads above would inflate this one's peak).
  const memory: { runs: number; peakRssMiB: number; heapUsedMiB: number; seconds: number }[] = [];
  for (const runs of a.memoryRuns) {
    log(`memory: ${runs.toLocaleString('en-US')} replications on all cores, in a fresh process…`);
    const bin = fileURLToPath(new URL('../../bin/rollout.js', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'bench', '--memory-probe', String(runs), '--scenario', a.scenario], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`memory probe failed: ${r.stderr}`);
    memory.push(JSON.parse(r.stdout));
  }

  const result = {
    version: VERSION,
    scenario: a.scenario,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version },
    engine: { workload: 'M/M/4 queue, 500,000 customers', events: eng.events, seconds: +eng.seconds.toFixed(3), eventsPerSecond: Math.round(eng.events / eng.seconds) },
    baseline: {
      oneWorker: one, allWorkers: all,
      speedup: +(all.replicationsPerSecond / one.replicationsPerSecond).toFixed(2),
      steadySpeedup: +(all.steadyReplicationsPerSecond / one.steadyReplicationsPerSecond).toFixed(2),
      secondsFor10000: +(10_000 / all.steadyReplicationsPerSecond + all.fixedSecondsPerRun).toFixed(1),
    },
    memory,
    peakRssMiB: peakRssMiB(),
  };
  if (a.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const rows: [string, string][] = [
    ['version', VERSION],
    ['machine', `${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}`],
    ['engine events/s (M/M/4)', result.engine.eventsPerSecond.toLocaleString('en-US')],
    ['baseline events/replication', one.eventsPerReplication.toLocaleString('en-US')],
    [`baseline replications/s, 1 worker (${a.runs} runs)`, `${one.replicationsPerSecond} (steady ${one.steadyReplicationsPerSecond}, fixed ${one.fixedSecondsPerRun} s per run)`],
    [`baseline replications/s, ${cores} workers (${a.runs} runs)`, `${all.replicationsPerSecond} (steady ${all.steadyReplicationsPerSecond}, fixed ${all.fixedSecondsPerRun} s per run)`],
    ['baseline events/s, all workers', all.eventsPerSecond.toLocaleString('en-US')],
    ['speed-up', `${result.baseline.speedup}× (steady ${result.baseline.steadySpeedup}×)`],
    ['10,000 replications would take', `${result.baseline.secondsFor10000} s`],
    ...memory.map((m): [string, string] => [`peak RSS of a ${m.runs.toLocaleString('en-US')}-replication run`, `${m.peakRssMiB} MiB (main heap ${m.heapUsedMiB} MiB, ${m.seconds} s)`]),
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
  process.stdout.write('\n' + JSON.stringify(result) + '\n');
}
