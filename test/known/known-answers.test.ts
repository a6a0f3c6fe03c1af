import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { gammaP } from '../../src/engine/index.js';
import { compileModel, simulateReplication, WAIT_STAGES, N_WAIT } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';

/** Cases with closed-form answers, run through the real path: scenario file -> model -> Monte Carlo. */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/known/${name}`, import.meta.url));
const CREW = WAIT_STAGES.indexOf('crew');

describe('N exponential jobs on c crews', () => {
  const { input, identity } = loadScenario(fixture('exponential-crews.yaml'));
  const N = 20, c = 4, mean = 10;

  it('reaches the target with the Erlang probability', async () => {
    const runs = 4000;
    const r = await runMonteCarlo(input, identity, { runs, seed: 5, workers: 2 });
    const exact = gammaP(10, (25 * c) / mean); // 0.5421
    const t = r.summary.targets[0];
    const se = Math.sqrt((exact * (1 - exact)) / runs);
    expect(Math.abs(t.probability - exact)).toBeLessThan(4 * se);
    expect(t.ci95[0]).toBeLessThan(exact);
    expect(t.ci95[1]).toBeGreaterThan(exact);
  }, 60_000);

  it('finishes the k-th job at an Erlang(k, c / mean) time and the last at the closed-form mean', () => {
    const m = compileModel(input);
    const runs = 3000;
    const tenth: number[] = [], last: number[] = [];
    for (let rep = 0; rep < runs; rep++) {
      const times = Array.from(simulateReplication(m, 9, rep).completion).sort((a, b) => a - b);
      tenth.push(times[9]);
      last.push(times[N - 1]);
    }
    // Kolmogorov–Smirnov distance to the Erlang CDF; the 1 % critical value is 1.63 / sqrt(n).
    tenth.sort((a, b) => a - b);
    let d = 0;
    tenth.forEach((x, i) => {
      const F = gammaP(10, (x * c) / mean);
      d = Math.max(d, Math.abs(F - i / runs), Math.abs(F - (i + 1) / runs));
    });
    expect(d).toBeLessThan(1.63 / Math.sqrt(runs));
    const harmonic = 1 + 1 / 2 + 1 / 3 + 1 / 4;
    const expected = mean * ((N - c) / c + harmonic);
    const sd = mean * Math.sqrt((N - c) / (c * c) + 1 + 1 / 4 + 1 / 9 + 1 / 16);
    const avg = last.reduce((a, b) => a + b, 0) / runs;
    expect(Math.abs(avg - expected)).toBeLessThan(4 * sd / Math.sqrt(runs));
  }, 60_000);
});

describe('Erlang C: waiting for one of c crews', () => {
  it('gives the M/M/c mean wait', () => {
    const { input } = loadScenario(fixture('erlang-c.yaml'));
    const m = compileModel(input);
    const a = 3, c = 4;
    let term = 1, sum = 0;
    for (let k = 0; k < c; k++) { sum += term; term *= a / (k + 1); }
    const top = term * (c / (c - a)); // a^c / c! * c / (c - a)
    const C = top / (sum + top);
    const expectedWait = C / (c / 3 - 1);
    expect(C).toBeCloseTo(0.5094, 4);
    let total = 0, count = 0;
    for (let rep = 0; rep < 30; rep++) {
      const o = simulateReplication(m, 3, rep);
      const arrivals = o.waits; // design stage = arrival time
      for (let i = 0; i < 8000; i++) {
        const arrival = arrivals[i * N_WAIT]; // the design 'wait' is the arrival time
        if (arrival < 800 || arrival > 7200) continue; // leave out warm-up and the tail
        total += o.waits[i * N_WAIT + CREW];
        count++;
      }
    }
    const mean = total / count;
    // 30 replications of 6,400 customers: the standard error of the mean is about 2.6 %.
    expect(Math.abs(mean - expectedWait) / expectedWait).toBeLessThan(0.08);
  }, 60_000);
});

describe('the fixed schedule worked out by hand, through the scenario file and the Monte Carlo run', () => {
  it('reports the hand-computed dates with certainty', async () => {
    const { input, identity } = loadScenario(fileURLToPath(new URL('../fixtures/scenarios/fixed-schedule.yaml', import.meta.url)));
    const r = await runMonteCarlo(input, identity, { runs: 20, seed: 1, workers: 2 });
    const [twoThirds, all] = r.summary.targets;
    // 2 of 3 connected on 2026-03-23 (day 81): met by 31 March, every time.
    expect(twoThirds.probability).toBe(1);
    expect(twoThirds.dateReached).toEqual({ p50: '2026-03-23', p80: '2026-03-23', p90: '2026-03-23' });
    // The third waits for 2027 money and the 2027 thaw: 2027-03-13, so 'all by end 2026' never happens.
    expect(all.probability).toBe(0);
    expect(all.dateReached.p50).toBe('2027-03-13');
    expect(all.valueAtDeadline).toEqual({ p10: 0.666667, p50: 0.666667, p90: 0.666667 });
    // Where the time went: 49 days of winter for the first two lines (no crew is taken on
    // frozen ground), 59 for the third; the second waits 10 days for the crew after the thaw.
    const winter = r.waits.find((w) => w.region === 'r' && w.stage === 'winter')!;
    expect(winter.meanDays).toBeCloseTo((49 + 49 + 59) / 3, 2);
    const crew = r.waits.find((w) => w.region === 'r' && w.stage === 'crew')!;
    expect(crew.meanDays).toBeCloseTo((0 + 10 + 0) / 3, 2);
  }, 60_000);
});
