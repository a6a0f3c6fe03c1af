import { describe, it, expect, vi } from 'vitest';
import { printAnswer } from '../../src/cli/print.js';
import { compileModel, simulateReplication, type ObservationInput } from '../../src/model/index.js';
import {
  Aggregate, layoutOf, conditionOn, conditioningSummary, observedInput, runMonteCarlo, runObserved, weightedQuantiles, wilson, ESS_MIN, type RunResult,
} from '../../src/montecarlo/index.js';
import { RowLayout } from '../../src/montecarlo/rows.js';
import { loadScenario } from '../../src/scenario/index.js';
import { normalQuantile, stream } from '../../src/engine/index.js';
import { scoresJson, summaryJson } from '../../src/report/index.js';
import { discoveryJson } from '../../src/report/discovery-json.js';
import { discoverySection } from '../../src/report/html-discovery.js';
import { driversSpec } from '../../src/report/charts/drivers.js';

const small = loadScenario('test/fixtures/observe/small.yaml');
const DATES = ['2026-03-31', '2026-06-30', '2026-09-30'];
const counts = (values: number[], sd?: number): ObservationInput[] => DATES.map((date, k) => ({ date, metric: 'fibre-count', value: values[k], ...(sd ? { sd } : {}) }));

/** Runs the small scenario conditioned on `observed` (and scored on `scored`), keeping every replication's runs.csv row. */
async function run(observed: ObservationInput[], o: { runs: number; workers?: number; scored?: ObservationInput[] }): Promise<{ result: RunResult; rows: Float64Array[] }> {
  const obs = { observed, scored: o.scored ?? [] };
  const input = observedInput(small.input, obs);
  const rows: Float64Array[] = [];
  const m = compileModel(input);
  const w = RowLayout.of(m).width;
  const result = await runObserved(input, small.identity, {
    runs: o.runs, seed: 1, workers: o.workers ?? 0,
    onRows: (from, to, r) => { for (let i = 0; i < to - from; i++) rows.push(r.slice(i * w, (i + 1) * w)); },
  }, obs);
  return { result, rows };
}

describe('Aggregate.add with a multiplicity', () => {
  it('adds a replication k times', () => {
    const m = compileModel(small.input);
    const once = new Aggregate(layoutOf(m)), thrice = new Aggregate(layoutOf(m));
    for (let rep = 0; rep < 4; rep++) {
      const o = simulateReplication(m, 1, rep);
      for (let k = 0; k < 3; k++) once.add(o);
      thrice.add(o, 3);
    }
    expect(thrice.state()).toEqual(once.state());
  });
});

describe('conditioning on observations (importance weighting)', () => {
  it('gives byte-identical summary.json and scores.json on 0 and 2 workers', async () => {
    const observed = counts([46, 90, 142]);
    const scored: ObservationInput[] = [{ date: '2026-12-31', metric: 'fibre-share', value: 0.85 }];
    const a = await run(observed, { runs: 80, workers: 0, scored });
    const b = await run(observed, { runs: 80, workers: 2, scored });
    expect(summaryJson(b.result.summary)).toBe(summaryJson(a.result.summary));
    expect(scoresJson(b.result.summary, b.result.scores!)).toBe(scoresJson(a.result.summary, a.result.scores!));
    expect(Array.from(b.result.conditioning!.weights)).toEqual(Array.from(a.result.conditioning!.weights));
  }, 60_000);

  it('an observation every future matches equally changes nothing: each interval is the unweighted run\'s to the last digit', async () => {
    // 35 villages on fibre at the start: every future has them on the first day, so every weight is the same.
    const same: ObservationInput[] = [{ date: '2026-01-01', metric: 'fibre-count', value: 35 }];
    const { result } = await run(same, { runs: 60 });
    expect(result.summary.conditioning!.effectiveSampleSize).toBe(60);
    const plain = await runMonteCarlo(small.input, small.identity, { runs: 60, seed: 1, workers: 0 });
    const strip = (s: RunResult['summary']) => JSON.parse(JSON.stringify({ targets: s.targets, joint: s.joint, jcl: s.jointCostSchedule }, (k, v) => (k === 'prior' ? undefined : v)));
    expect(strip(result.summary)).toEqual(strip(plain.summary));
    // So is what drives the risk: every future weighs the same.
    expect(result.drivers!.effectiveRuns).toBeCloseTo(60, 9);
    result.drivers!.correlations.forEach((c, k) => c.targets.forEach((t, i) => expect(t.spearman).toBeCloseTo(plain.drivers!.correlations[k].targets[i].spearman, 5)));
    expect(result.drivers!.discovery!.map((d) => [d.found, d.rules.map((r) => r.input)])).toEqual(plain.drivers!.discovery!.map((d) => [d.found, d.rules.map((r) => r.input)]));
  }, 60_000);

  it('weighs what drives the risk and what goes wrong together by the observations (discovery.json, the report, the terminal)', async () => {
    const { result } = await run(counts([46, 90, 142]), { runs: 150 });
    const plain = await runMonteCarlo(small.input, small.identity, { runs: 150, seed: 1, workers: 0 });
    const ess = result.summary.conditioning!.effectiveSampleSize;
    expect(ess).toBeLessThan(100); // the weights differ: the test means something
    // Over the weights in thousandths of the heaviest (weightLevels): within a per cent of the conditioning's own.
    expect(Math.abs(result.drivers!.effectiveRuns! - ess)).toBeLessThan(0.01 * ess);
    expect(plain.drivers).not.toHaveProperty('effectiveRuns');
    // The weighted correlations are not the prior's, and their intervals rest on the effective sample size.
    const rho = (r: RunResult) => r.drivers!.correlations.map((c) => c.targets[0].spearman);
    expect(rho(result)).not.toEqual(rho(plain));
    const c = result.drivers!.correlations[0].targets[0];
    expect(c.ci95[1] - c.ci95[0]).toBeGreaterThan(plain.drivers!.correlations[0].targets[0].ci95[1] - plain.drivers!.correlations[0].targets[0].ci95[0]);
    const json = JSON.parse(discoveryJson(result));
    expect(json.observationsApplied).toBe(true);
    expect(json.effectiveRuns).toBeCloseTo(result.drivers!.effectiveRuns!, 3);
    expect(JSON.parse(discoveryJson(plain))).not.toHaveProperty('observationsApplied');
    expect(discoverySection(result)).toMatch(/each counted by its weight from the observations \(those they rule out count for nothing\): an effective \d+ futures/);
    expect(discoverySection(plain)).not.toMatch(/weight/);
    const printed = (r: RunResult) => {
      let out = '';
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((x) => { out += String(x); return true; });
      try { printAnswer(r, { outDir: 'out', seconds: 1, workers: 0 }); } finally { spy.mockRestore(); }
      return out;
    };
    expect(result.drivers!.discovery!.some((d) => d.found)).toBe(true);
    expect(printed(result)).toMatch(/What goes wrong together \(futures weighted by the observations\)/);
    expect(printed(plain)).not.toMatch(/weighted/);
    expect(JSON.stringify(driversSpec(result))).toMatch(/the run's 150 replications, each weighted by the observations \(an effective \d+\)/);
    expect(JSON.stringify(driversSpec(plain))).not.toMatch(/weighted by the observations/);
  }, 60_000);

  it('observations that hardly tell futures apart describe them as the run without them (weights in thousandths of the heaviest)', async () => {
    // A count observed with an error of 1,500 villages: every future is about as likely, but
    // the whole-number weights still differ by a few units in ~28,000.
    const { result } = await run([{ date: '2026-06-30', metric: 'fibre-count', value: 90, sd: 1500 }], { runs: 150 });
    const plain = await runMonteCarlo(small.input, small.identity, { runs: 150, seed: 1, workers: 0 });
    const w = result.conditioning!.weights;
    expect(new Set(w).size).toBeGreaterThan(1);
    expect(Math.max(...w) - Math.min(...w)).toBeLessThan(Math.max(...w) / 1000);
    const boxes = (r: RunResult) => r.drivers!.discovery!.map((d) => ({ found: d.found, coverage: d.coverage, density: d.density, rules: d.rules }));
    expect(boxes(result)).toEqual(boxes(plain));
    expect(result.drivers!.correlations.map((c) => c.targets.map((t) => t.spearman))).toEqual(plain.drivers!.correlations.map((c) => c.targets.map((t) => t.spearman)));
  }, 60_000);

  it('warns when whole-number weights are too coarse for the number of replications (and not when they are not)', () => {
    // x ~ N(0, 1), observed y = 0 with sd 1: at 200,000 replications the weights' scale is ~29,
    // so rounding moves more than 1 % of the likelihood; at 2,000 it is ~2,900.
    const weighting = (n: number) => {
      const u = stream(7, 0, 'coarse');
      const x = Float64Array.from({ length: n }, () => normalQuantile(u()));
      return { x, w: conditionOn(x, n, [{ value: 0, sd: 1 }]) };
    };
    const obs: ObservationInput[] = [{ date: '2026-06-30', metric: 'fibre-count', value: 0, sd: 1 }];
    const big = weighting(200_000), smallRun = weighting(2_000);
    expect(big.w.roundingError).toBeGreaterThan(0.01);
    expect(smallRun.w.roundingError).toBeLessThan(0.01);
    const kinds = (z: ReturnType<typeof weighting>, n: number) => conditioningSummary(obs, [{ sd: 1, from: 'file' }], z.x, n, z.w).warnings.map((x) => x.kind);
    expect(kinds(big, 200_000)).toContain('coarse-weights');
    expect(kinds(smallRun, 2_000)).not.toContain('coarse-weights');
  });

  it('reports every figure weighted: the re-run aggregate agrees with the weighted replications', async () => {
    const { result, rows } = await run(counts([46, 90, 142]), { runs: 150, scored: [{ date: '2026-12-31', metric: 'fibre-share', value: 0.85 }] });
    const w = result.conditioning!.weights;
    const W = w.reduce((a, b) => a + b, 0);
    const L = RowLayout.of(compileModel(observedInput(small.input, { observed: counts([46, 90, 142]), scored: [{ date: '2026-12-31', metric: 'fibre-share', value: 0.85 }] })));
    result.summary.targets.forEach((t, k) => {
      // The probability from the weighted aggregate (second pass) = Σ w_i met_i / Σ w_i from the first pass's rows.
      const met = rows.reduce((s, r, i) => s + w[i] * r[L.met(k)], 0);
      expect(t.probability).toBeCloseTo(met / W, 6);
      expect(t.prior!.probability).toBeCloseTo(rows.reduce((s, r) => s + r[L.met(k)], 0) / rows.length, 6);
      // Its interval counts the effective sample size as the number of futures (of the exact fraction, not the rounded one).
      const ess = result.summary.conditioning!.effectiveSampleSize;
      const [lo, hi] = wilson((met / W) * ess, ess);
      expect(t.ci95[0]).toBeCloseTo(lo, 6);
      expect(t.ci95[1]).toBeCloseTo(hi, 6);
    });
    // The target's median share at its deadline (a weighted histogram) = the weighted median of the replications' values.
    const share = rows.map((r) => r[L.countAtDeadline(0)] / 200);
    const [p10, p50, p90] = weightedQuantiles(share, w, [0.1, 0.5, 0.9]);
    expect(result.summary.targets[0].valueAtDeadline).toEqual({ p10: +p10.toFixed(6), p50: +p50.toFixed(6), p90: +p90.toFixed(6) });
    expect(result.scores!.forecast).toBe('conditioned');
    expect(result.scores!.observations[0].forecast.p50).toBeCloseTo(p50, 9);
    expect(result.summary.runs).toBe(150);
  }, 60_000);

  it('changes nothing when the observations say nothing (huge error): ESS = runs, no warnings', async () => {
    const { result } = await run(counts([46, 90, 142], 1e6), { runs: 100 });
    const c = result.summary.conditioning!;
    expect(c.effectiveSampleSize).toBeGreaterThan(99.99);
    expect(c.warnings).toEqual([]);
    for (const t of result.summary.targets) expect(t.probability).toBeCloseTo(t.prior!.probability, 4);
  }, 60_000);

  it('narrows the effective sample size as observations get sharper, and warns when it collapses', async () => {
    const observed = (sd: number) => counts([46, 90, 142], sd);
    const ess = [];
    for (const sd of [40, 10, 0.5]) ess.push((await run(observed(sd), { runs: 200 })).result.summary.conditioning!.effectiveSampleSize);
    expect(ess[0]).toBeGreaterThan(ess[1]);
    expect(ess[1]).toBeGreaterThan(ess[2]);
    const sharp = (await run(observed(0.5), { runs: 200 })).result.summary.conditioning!;
    expect(sharp.effectiveSampleSize).toBeLessThan(ESS_MIN);
    expect(sharp.warnings.map((w) => w.kind)).toContain('ess-collapse');
    expect(sharp.warnings.find((w) => w.kind === 'ess-collapse')!.message).toMatch(/rather than trust the conditioned numbers|Do not trust the conditioned numbers/);
  }, 60_000);

  it('warns of a prior–data conflict, not a confident answer, when a count is below every replication', async () => {
    // 40 and 30 villages are on fibre at the start: 10 by the end of March is impossible in this model.
    const { result } = await run([{ date: '2026-03-31', metric: 'fibre-count', value: 10 }], { runs: 100 });
    const c = result.summary.conditioning!;
    const conflict = c.warnings.find((w) => w.kind === 'prior-data-conflict')!;
    expect(conflict).toBeDefined();
    expect(conflict.observation).toBe(0);
    expect(conflict.message).toMatch(/below every one of the 100 simulated futures .*re-calibrate/);
    expect(c.observations[0].conflict).toBe(true);
    expect(c.observations[0].tailProbability).toBeLessThan(0.001);
    // The weights still favour the least-bad futures: the warning, not the numbers, is the answer.
    expect(result.summary.targets[0].probability).not.toBe(result.summary.targets[0].prior!.probability);
  }, 60_000);

  it('does not flag an observation just outside every future but within its error', async () => {
    // At least 40 on fibre at the end of March in every future: 36 seen, with an error of 10, fits.
    const { result } = await run([{ date: '2026-03-31', metric: 'fibre-count', value: 36, sd: 10 }], { runs: 100 });
    const o = result.summary.conditioning!.observations[0];
    expect(o.prior.min).toBeGreaterThan(36); // below every simulated future...
    expect(o.tailProbability).toBeGreaterThan(0.1); // ...but well within its error
    expect(o.conflict).toBe(false);
    expect(result.summary.conditioning!.warnings.filter((w) => w.kind === 'prior-data-conflict')).toEqual([]);
  }, 60_000);

  it('flags an observation in the far tail even inside the range of the futures, and none in the middle', async () => {
    const { result } = await run(counts([46, 90, 142], 10), { runs: 100 });
    expect(result.summary.conditioning!.observations.every((o) => !o.conflict)).toBe(true);
    // 4,999 futures at 0 and one at 100; 50 seen with an error of 1: inside the range, but P ≈ 2 / 5,000.
    const values = new Float64Array(5000);
    values[4999] = 100;
    const obs: ObservationInput[] = [{ date: '2026-06-30', metric: 'fibre-count', value: 50 }];
    const c = conditioningSummary(obs, [{ sd: 1, from: 'file' }], values, 5000, conditionOn(values, 5000, [{ value: 50, sd: 1 }]));
    expect(c.observations[0].tailProbability).toBeCloseTo(2 / 5000, 6);
    expect(c.observations[0].conflict).toBe(true);
    expect(c.warnings.find((w) => w.kind === 'prior-data-conflict')!.message).toMatch(/far tail of the simulated futures/);
  });
});

describe("the library's conditioning summary", () => {
  it('gives the effective sample size as summary.json does (6 significant digits), not 2.7642778537220103 beside its 2.76428', () => {
    const values = Float64Array.from([40, 45, 50, 55, 61]);
    const w = conditionOn(values, 5, [{ value: 50, sd: 4 }]);
    expect(w.effectiveSampleSize).toBeCloseTo(2.764278, 6); // the exact one, which the intervals use
    const c = conditioningSummary([{ date: '2026-06-30', metric: 'fibre-count', value: 50 }], [{ sd: 4, from: 'file' }], values, 5, w);
    expect(c.effectiveSampleSize).toBe(2.76428);
  });
});

/** Lower and upper 0.05 % points of a binomial(n, p): a band a correct method falls outside 1 time in 1,000. */
function binomialBand(n: number, p: number): [number, number] {
  const pmf = (k: number) => Math.exp(lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p));
  let acc = 0, lo = 0;
  while (acc + pmf(lo) < 0.0005) acc += pmf(lo++);
  acc = 0;
  let hi = n;
  while (acc + pmf(hi) < 0.0005) acc += pmf(hi--);
  return [lo, hi];
}
function lgamma(x: number): number {
  let s = 0;
  for (let i = 2; i < x; i++) s += Math.log(i);
  return s;
}

describe('simulation-based calibration: conditioning recovers the truth', () => {
  it('puts the true end-2026 share inside the conditioned P10–P90 about 80 % of the time, with narrower intervals than the prior', () => {
    // The model's own futures (seed 2) play the truth; each is observed at three dates with a
    // Gaussian error of 10 settlements — the error model the conditioning assumes — and a
    // run of 1,000 prior futures (seed 1) is conditioned on what was seen. If the method is
    // right, the truth is inside the conditioned P10–P90 in 80 % of cases. The share is
    // discrete (200 villages), so a truth exactly on P10 or P90 counts as half inside.
    const SD = 10, N = 1000, K = 200;
    const m = compileModel({ ...small.input, observations: [...counts([0, 0, 0]), { date: '2026-12-31', metric: 'fibre-share', value: 0 }] });
    const prior = new Float64Array(N * 3), share = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const o = simulateReplication(m, 1, i);
      prior.set(o.observed.subarray(0, 3), i * 3);
      share[i] = o.observed[3];
    }
    const [p10, p90] = weightedQuantiles(share, undefined, [0.1, 0.9]);
    const inside = (sdAssumed: number) => {
      let hits = 0, width = 0;
      for (let t = 0; t < K; t++) {
        const truth = simulateReplication(m, 2, t);
        const noise = stream(2, t, 'observation error');
        const seen = [0, 1, 2].map((k) => ({ value: truth.observed[k] + SD * normalQuantile(noise()), sd: sdAssumed }));
        const [q10, q90] = weightedQuantiles(share, conditionOn(prior, N, seen).weights, [0.1, 0.9]);
        const y = truth.observed[3];
        hits += y > q10 && y < q90 ? 1 : y === q10 || y === q90 ? 0.5 : 0;
        width += q90 - q10;
      }
      return { hits, width: width / K };
    };
    const [lo, hi] = binomialBand(K, 0.8);
    const right = inside(SD);
    expect(right.hits).toBeGreaterThanOrEqual(lo);
    expect(right.hits).toBeLessThanOrEqual(hi);
    expect(right.width).toBeLessThan(0.75 * (p90 - p10));
    // The test can fail: an overconfident error model (a fifth of the real error) misses far more often.
    expect(inside(SD / 5).hits).toBeLessThan(lo);
  }, 120_000);
});
