/**
 * A bank with c tellers: the M/M/c queue, checked against Erlang C — and the same bank
 * with impatient customers who give up after a while (reneging), checked against the
 * birth–death chain of the M/M/c+M queue. Run it: `npx tsx examples/mmc.ts`.
 *
 * Customers arrive at rate λ (exponential gaps), each served for an exponential time of
 * mean 1/μ by one of c tellers, first come first served. The tellers are a Resource;
 * a customer is a handful of handlers that carry the customer's number. An impatient
 * customer starts a timer when they join the queue: if a teller takes them first the
 * timer is cancelled (Simulation.cancel), and if the timer fires first they leave the
 * queue (Resource.cancel).
 *
 * Known answers. Without reneging, the probability that a customer waits is Erlang's C
 * formula C(c, a) with a = λ/μ, and the mean wait is C(c, a) / (cμ − λ). With patience of
 * mean 1/θ, the number in the system is a birth–death chain (births λ, deaths
 * min(n, c)·μ + max(0, n − c)·θ); the share who give up is θ·E[queue] / λ.
 */
import { pathToFileURL } from 'node:url';
import { Resource, Simulation, distribution, stream, type RequestId, type EventId } from '../src/engine/index.js';

export interface BankOptions {
  /** Arrivals per unit time. */
  lambda: number;
  /** Services per unit time per teller. */
  mu: number;
  tellers: number;
  customers: number;
  /** Mean patience (1/θ); omitted = customers wait as long as it takes. */
  patience?: number;
  seed?: number;
  /** Customers ignored at the start, while the queue fills up (warm-up). */
  warmUp?: number;
}

/** Mean wait in the queue, share who waited at all, share who gave up (after the warm-up). */
export function simulateBank(o: BankOptions): { meanWait: number; waited: number; gaveUp: number; events: number } {
  const sim = new Simulation();
  const tellers = new Resource(sim, o.tellers, 'tellers');
  const u = stream(o.seed ?? 1, 'bank');
  const gap = distribution({ dist: 'exponential', mean: 1 / o.lambda });
  const service = distribution({ dist: 'exponential', mean: 1 / o.mu });
  const patience = o.patience ? distribution({ dist: 'exponential', mean: o.patience }) : null;
  const warmUp = o.warmUp ?? Math.floor(o.customers / 10);
  const arrived = new Float64Array(o.customers);
  const request: RequestId[] = new Array(o.customers);
  const timer: EventId[] = new Array(o.customers);
  let waitSum = 0, waitedCount = 0, gaveUp = 0, counted = 0;
  const count = (c: number) => c >= warmUp;

  const leave = sim.on(() => tellers.release(), 'service ends');
  const served = sim.on((c) => {
    if (patience) sim.cancel(timer[c]); // served before losing patience: the timer must not fire
    const wait = sim.now - arrived[c];
    if (count(c)) { counted++; waitSum += wait; if (wait > 0) waitedCount++; }
    sim.schedule(service.quantile(u()), leave, c);
  }, 'served');
  const giveUp = sim.on((c) => {
    tellers.cancel(request[c]); // leaves the queue
    if (count(c)) { counted++; gaveUp++; waitSum += sim.now - arrived[c]; waitedCount++; }
  }, 'gives up');
  const arrive = sim.on((c) => {
    arrived[c] = sim.now;
    if (patience) timer[c] = sim.schedule(patience.quantile(u()), giveUp, c);
    request[c] = tellers.request(served, c);
    if (c + 1 < o.customers) sim.schedule(gap.quantile(u()), arrive, c + 1);
  }, 'arrives');

  sim.schedule(0, arrive, 0);
  sim.run();
  return { meanWait: waitSum / counted, waited: waitedCount / counted, gaveUp: gaveUp / counted, events: sim.eventsProcessed };
}

/** Erlang's C formula: the probability that an arrival waits, with c servers and offered load a = λ/μ < c. */
export function erlangC(c: number, a: number): number {
  let term = 1, sum = 1; // a^k / k!, summed for k < c
  for (let k = 1; k < c; k++) { term *= a / k; sum += term; }
  const last = (term * a) / c; // a^c / c!
  const tail = last * (c / (c - a));
  return tail / (sum + tail);
}

/** M/M/c: the mean wait in the queue. */
export function erlangCWait(lambda: number, mu: number, c: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** M/M/c+M (exponential patience of mean 1/θ): the share of customers who give up, from the birth–death chain. */
export function abandonShare(lambda: number, mu: number, c: number, theta: number): number {
  let p = 1, total = 1, queue = 0;
  for (let n = 1; n < 10_000 && p > 1e-16 * total; n++) {
    p *= lambda / (Math.min(n, c) * mu + Math.max(0, n - c) * theta);
    total += p;
    queue += Math.max(0, n - c) * p;
  }
  return (theta * (queue / total)) / lambda;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bank = { lambda: 3, mu: 1, tellers: 4, customers: 400_000 };
  const r = simulateBank(bank);
  console.log(`M/M/4 at 75 % load: waited ${(100 * r.waited).toFixed(2)} % (Erlang C: ${(100 * erlangC(4, 3)).toFixed(2)} %), mean wait ${r.meanWait.toFixed(4)} (exact: ${erlangCWait(3, 1, 4).toFixed(4)})`);
  const impatient = simulateBank({ ...bank, lambda: 4.5, patience: 2 });
  console.log(`M/M/4+M, overloaded, patience 2: ${(100 * impatient.gaveUp).toFixed(2)} % gave up (birth–death chain: ${(100 * abandonShare(4.5, 1, 4, 0.5)).toFixed(2)} %)`);
}
