/**
 * A toy rollout, written directly on the engine (run it: `npx tsx examples/toy-rollout.ts`).
 *
 * 20 regions of 300 villages. Each village waits for a permit (a lognormal number of days),
 * then for one of its region's 3 crews, which lays its line (a lognormal number of km) at
 * 5 km a day — but lays nothing from November to March: a crew holding a job over the
 * winter just waits for the thaw, and no crew is taken on frozen ground (a village whose
 * permit comes in winter waits for the thaw). A free crew goes to the largest village waiting.
 *
 * The engine pieces: a Simulation (the clock and the event list), one Resource per region
 * (its crews, with a priority queue), a WorkCalendar (how much work each day allows) and
 * named random streams. Processes are small state machines: handlers registered once,
 * events carrying the village's index.
 *
 * The numbers are those of examples/toy-rollout.yaml and the draws are made exactly as the
 * rollout model makes them (the same streams, one uniform per village, the same slots), so
 * this file, `rollout run examples/toy-rollout.yaml` and the benchmark's plain-JavaScript
 * floor (src/cli/bench-floor.ts) connect every village on the same day — a test checks it.
 */
import { pathToFileURL } from 'node:url';
import { Calendar, Resource, Simulation, WorkCalendar, distribution, hashUniform, stream } from '../src/engine/index.js';

export const TOY = {
  start: '2026-01-01',
  horizon: '2027-12-31',
  regions: 20,
  villagesPerRegion: 300,
  crewsPerRegion: 3,
  kmPerDay: 5,
  /** Work factor per month, Jan..Dec: no laying from November to March. */
  season: [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0],
  population: distribution({ dist: 'lognormal', median: 300, sigma: 1 }),
  km: distribution({ dist: 'lognormal', median: 8, sigma: 0.6 }),
  permitDays: distribution({ dist: 'lognormal', median: 60, sigma: 0.5 }),
  /** The slot the rollout model draws the permit time from (src/model/draws.ts). */
  permitSlot: 1,
};

/** One future of the toy: the day each village is connected (Infinity: not by the horizon). */
export function toyRollout(seed: number, rep: number): Float64Array {
  const cal = new Calendar(TOY.start, new Calendar(TOY.start, 1).dayOf(TOY.horizon) + 1);
  const season = WorkCalendar.fromMonthly(cal, TOY.season);
  const n = TOY.regions * TOY.villagesPerRegion;

  // The villages of this future: size, km of line, permit time.
  const us = stream(seed, rep, 'settlements'), uj = stream(seed, rep, 'jobs');
  const population = new Float64Array(n), workDays = new Float64Array(n), permit = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    population[v] = Math.max(1, Math.round(TOY.population.quantile(us())));
    workDays[v] = Math.max(0, TOY.km.quantile(us())) / TOY.kmPerDay;
  }
  for (let v = 0; v < n; v++) permit[v] = Math.max(0, TOY.permitDays.quantile(hashUniform(uj(), TOY.permitSlot, 0)));

  const sim = new Simulation();
  const crews = Array.from({ length: TOY.regions }, (_, r) => new Resource(sim, TOY.crewsPerRegion, `region ${r} crews`));
  const region = (v: number) => Math.floor(v / TOY.villagesPerRegion);
  const connected = new Float64Array(n).fill(Infinity);

  // A village's life: permit → (wait for the thaw) → (wait for a crew) → laying, paused by
  // the winter → connected.
  const laid = sim.on((v) => {
    connected[v] = sim.now;
    crews[region(v)].release(); // the crew goes to the next village waiting
  }, 'laid');
  const crewArrives = sim.on((v) => {
    const end = season.finishTime(sim.now, workDays[v]);
    if (end !== Infinity) sim.at(end, laid, v);
  }, 'crew arrives');
  // Lower priority value first: the largest village first (equal sizes in the order they asked).
  const permitted = sim.on((v) => crews[region(v)].request(crewArrives, v, -population[v]), 'permit granted');
  // Nobody takes a crew on frozen ground: the crews are paused, villages keep asking (and
  // keep their places in the queue), and at the thaw the free crews go to the first of them.
  const freeze = sim.on(() => { for (const c of crews) c.pause(); }, 'ground frozen');
  const thaw = sim.on(() => { for (const c of crews) c.resume(); }, 'thaw');

  // The seasons' freezes and thaws first, so they come before anything else at the same moment.
  for (let t = season.nextIdle(0); t < cal.horizonDays; t = season.nextIdle(t)) {
    sim.at(t, freeze);
    t = season.nextWorking(t);
    if (t < cal.horizonDays) sim.at(t, thaw);
  }
  for (let v = 0; v < n; v++) sim.schedule(permit[v], permitted, v);
  sim.run(cal.horizonDays);
  return connected;
}

/** Share of villages connected by the end of `date`. */
export function shareBy(connected: Float64Array, date: string): number {
  const end = new Calendar(TOY.start, 1).dayOf(date) + 1;
  return connected.filter((t) => t < end).length / connected.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (let rep = 0; rep < 5; rep++) {
    const connected = toyRollout(1, rep);
    console.log(`future ${rep}: ${(100 * shareBy(connected, '2026-09-21')).toFixed(1)} % of villages on fibre by 21 Sep 2026, ${(100 * shareBy(connected, '2027-12-31')).toFixed(1)} % by the end of 2027`);
  }
}
