/**
 * The machine-repair problem: N machines break down and c repairmen fix them. Run it:
 * `npx tsx examples/machine-repair.ts`.
 *
 * Each machine works for an exponential time of mean 1/λ, breaks, queues for a repairman
 * (a Resource) and is repaired in an exponential time of mean 1/μ, then works again. It is
 * a closed system — the broken machines are the only customers — so the queue cannot grow
 * without bound, and the time integrals the Resource keeps give the repairmen's
 * utilisation directly.
 *
 * Known answer: the number of broken machines is a birth–death chain with births
 * (N − n)·λ and deaths min(n, c)·μ, so p(n) ∝ N!/(N − n)! · (λ/μ)^n / (min(n, c)! · c^max(0, n − c)).
 */
import { pathToFileURL } from 'node:url';
import { Resource, Simulation, distribution, stream } from '../src/engine/index.js';

export interface ShopOptions {
  machines: number;
  repairmen: number;
  /** Breakdowns per unit time of a working machine. */
  lambda: number;
  /** Repairs per unit time of one repairman. */
  mu: number;
  /** Simulated time. */
  until: number;
  seed?: number;
}

/** Mean number of machines broken (waiting or in repair) and the repairmen's utilisation over the run. */
export function simulateShop(o: ShopOptions): { meanBroken: number; utilisation: number } {
  const sim = new Simulation();
  const repairmen = new Resource(sim, o.repairmen, 'repairmen');
  const u = stream(o.seed ?? 1, 'machine-shop');
  const uptime = distribution({ dist: 'exponential', mean: 1 / o.lambda });
  const repairTime = distribution({ dist: 'exponential', mean: 1 / o.mu });
  let broken = 0, brokenArea = 0, last = 0;
  const track = (change: number) => { brokenArea += broken * (sim.now - last); last = sim.now; broken += change; };

  const repaired = sim.on((m) => {
    track(-1);
    repairmen.release();
    sim.schedule(uptime.quantile(u()), breaks, m);
  }, 'repaired');
  const repairStarts = sim.on((m) => sim.schedule(repairTime.quantile(u()), repaired, m), 'repair starts');
  const breaks = sim.on((m) => {
    track(+1);
    repairmen.request(repairStarts, m);
  }, 'breaks down');

  for (let m = 0; m < o.machines; m++) sim.schedule(uptime.quantile(u()), breaks, m);
  sim.run(o.until);
  track(0);
  return { meanBroken: brokenArea / o.until, utilisation: repairmen.utilisation() };
}

/** The exact steady state: mean number broken and the repairmen's utilisation. */
export function shopSteadyState(machines: number, repairmen: number, lambda: number, mu: number): { meanBroken: number; utilisation: number } {
  const p = [1];
  for (let n = 1; n <= machines; n++) p.push((p[n - 1] * (machines - n + 1) * lambda) / (Math.min(n, repairmen) * mu));
  const total = p.reduce((a, b) => a + b, 0);
  let meanBroken = 0, busy = 0;
  p.forEach((x, n) => { meanBroken += (n * x) / total; busy += (Math.min(n, repairmen) * x) / total; });
  return { meanBroken, utilisation: busy / repairmen };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const shop = { machines: 10, repairmen: 2, lambda: 0.1, mu: 0.5, until: 1_000_000 };
  const r = simulateShop(shop);
  const exact = shopSteadyState(10, 2, 0.1, 0.5);
  console.log(`10 machines, 2 repairmen: ${r.meanBroken.toFixed(3)} broken on average (exact ${exact.meanBroken.toFixed(3)}), repairmen busy ${(100 * r.utilisation).toFixed(1)} % (exact ${(100 * exact.utilisation).toFixed(1)} %)`);
}
