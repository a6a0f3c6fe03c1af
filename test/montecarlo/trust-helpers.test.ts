import { describe, it, expect } from 'vitest';
import { sampleRankCorrelation } from 'simple-statistics';
import { stream } from '../../src/engine/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { compileModel } from '../../src/model/index.js';
import { runMonteCarlo } from '../../src/montecarlo/run.js';
import { spearmanInterval } from '../../src/montecarlo/spearman-interval.js';
import { decodeCounts, encodeCounts } from '../../src/montecarlo/sparse.js';
import { quotaCores } from '../../src/montecarlo/cores.js';
import { estimateMemory } from '../../src/montecarlo/memory.js';
import { usedInputs } from '../../src/montecarlo/drivers.js';
import { fixture } from '../scenario/helpers.js';

describe('spearmanInterval', () => {
  it('is Fisher\'s z with the Spearman variance 1.06 / (n - 3)', () => {
    // By hand: atanh(0.5) = 0.549306; 1.96 * sqrt(1.06 / 100) = 0.201795; tanh of 0.347511 and 0.751101.
    const [lo, hi] = spearmanInterval(0.5, 103);
    expect(lo).toBeCloseTo(0.334170, 5);
    expect(hi).toBeCloseTo(0.635803, 5);
    expect(spearmanInterval(0.9, 3)).toEqual([-1, 1]);
    const [a, b] = spearmanInterval(1, 50);
    expect(b).toBeCloseTo(1, 9);
    expect(a).toBeGreaterThan(0.99);
  });

  it('covers a true correlation of 0 about 95 % of the time (independent samples)', () => {
    const u = stream(7, 0, 'spearman-coverage');
    const trials = 400, n = 40;
    let covered = 0;
    for (let k = 0; k < trials; k++) {
      const xs = Array.from({ length: n }, () => u()), ys = Array.from({ length: n }, () => u());
      const [lo, hi] = spearmanInterval(sampleRankCorrelation(xs, ys), n);
      if (lo <= 0 && hi >= 0) covered++;
    }
    // Binomial(400, 0.95): sd 4.4 replications; 0.91-0.99 is more than 4 sd either side.
    expect(covered / trials).toBeGreaterThan(0.91);
    expect(covered / trials).toBeLessThan(0.99);
  });
});

describe('sparse counts', () => {
  it('round-trip exactly, keeping only the non-zero entries', () => {
    const a = new Float64Array(1000);
    a[0] = 1; a[17] = 300; a[999] = 2 ** 52 + 1;
    const e = encodeCounts(a);
    expect(e.nonZero).toBe(3);
    expect(Array.from(decodeCounts(e) as Float64Array)).toEqual(Array.from(a));
    expect(encodeCounts(new Float64Array(5))).toEqual({ length: 5, nonZero: 0, data: '' });
  });

  it('round-trip negative whole numbers too (the series are kept as changes between report dates)', () => {
    const a = Float64Array.from([1, -1, 0, -7, 2 ** 40]);
    expect(Array.from(decodeCounts(encodeCounts(a)) as Float64Array)).toEqual(Array.from(a));
  });

  it('refuse what is not an encoding of whole numbers', () => {
    expect(() => encodeCounts([0.5])).toThrow(/not a whole number/);
    expect(decodeCounts({ length: 2, nonZero: 1, data: Buffer.from([5, 1]).toString('base64') })).toMatch(/beyond its length/);
    expect(decodeCounts({ length: 2, nonZero: 2, data: Buffer.from([0, 1]).toString('base64') })).toMatch(/says 2 non-zero entries but holds 1/);
    expect(decodeCounts({ length: 2, nonZero: 1, data: Buffer.from([0, 0x80]).toString('base64') })).toMatch(/ends in the middle/);
    expect(decodeCounts({ length: 2, nonZero: 1, data: Buffer.from([0, 0]).toString('base64') })).toMatch(/not a whole number other than 0/);
    expect(decodeCounts('x')).toMatch(/not an encoded count array/);
  });
});

describe('quotaCores', () => {
  it('reads a cgroup v2 cpu.max line: the quota rounded up, none for max', () => {
    expect(quotaCores('200000 100000')).toBe(2);
    expect(quotaCores('150000 100000\n')).toBe(2);
    expect(quotaCores('50000 100000')).toBe(1);
    expect(quotaCores('max 100000')).toBeNull();
  });
});

describe('estimateMemory', () => {
  it('counts the histograms of settlements x series x report dates, per thread', () => {
    const m = compileModel(loadScenario(fixture('known/exponential-crews.yaml')).input);
    // 20 settlements, 1 region: 4 series of 20 + 1 bins on every report date, the region's fibre
    // ceiling (20 + 1 bins), and fibre and coverage deliveries in each budget year (20 + 1 bins each;
    // mobile 1 bin, 0: the scenario has no mobile series).
    const bins = 4 * 21 * m.gridDays.length + m.targets.length * (m.horizonDays + 1) + 21 + 4 * m.gridDays.length + 21 + 2 * 21 * m.years + m.years;
    const e0 = estimateMemory(m, { workers: 0, runs: 100 });
    expect(e0.aggregateBytes).toBe(8 * bins);
    const e2 = estimateMemory(m, { workers: 2, runs: 100 });
    // Two workers: each holds an aggregate and a replication, the main thread two more aggregates in transit.
    expect(e2.totalBytes - e0.totalBytes).toBe(2 * (e0.aggregateBytes + e0.replicationBytes) + 2 * e0.aggregateBytes - e0.replicationBytes);
    // The total is its parts: the main thread and each worker (what the refusal prints).
    expect(e2.totalBytes).toBe(e2.mainBytes + 2 * e2.workerBytes);
    expect(e0.totalBytes).toBe(e0.mainBytes);
  });
});

describe('drivers', () => {
  it('rank only inputs the scenario uses and that vary, each with a 95 % interval', async () => {
    const { input, identity } = loadScenario(fixture('known/exponential-crews.yaml'));
    const m = compileModel(input);
    const used = usedInputs(m);
    // kmPerDay is a fixed 1; node cost a fixed 0; no budget, so no cost is an input; no satellite section.
    for (const k of ['fibre.kmPerDay', 'fibre.nodeCost', 'fibre.costPerKm', 'satellite.install', 'factors.productivity']) expect(used.get(k)).toBe(false);
    const r = await runMonteCarlo(input, identity, { runs: 60, seed: 2, workers: 0, compiled: m });
    const inputs = r.drivers!.correlations.map((c) => c.input);
    expect(inputs).toEqual(['settlementDefaults.backboneKm']);
    for (const t of r.drivers!.correlations[0]!.targets) {
      expect(t.ci95[0]).toBeLessThanOrEqual(t.spearman);
      expect(t.ci95[1]).toBeGreaterThanOrEqual(t.spearman);
    }
  }, 60_000);
});
