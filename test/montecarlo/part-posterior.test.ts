import { describe, expect, it } from 'vitest';
import { distribution } from '../../src/engine/index.js';
import { FACTOR, Replicator, compileModel } from '../../src/model/index.js';
import { movedBeyondNoise, partPosteriors, regionPartPosteriors } from '../../src/montecarlo/index.js';
import { weightedQuantiles } from '../../src/montecarlo/weighted-quantiles.js';
import { loadScenario } from '../../src/scenario/index.js';

// The small observation fixture (two regions, 2026-27) with a regional part of the
// productivity and the permit delay and a yearly part of the productivity.
const input = structuredClone(loadScenario('test/fixtures/observe/small.yaml').input);
input.regionalFactors = { productivity: { dist: 'pert', min: 0.8, mode: 1, max: 1.15 }, permitDelay: { dist: 'uniform', min: 0.7, max: 1.4 } };
input.yearlyFactors = { productivity: { dist: 'uniform', min: 0.9, max: 1.1 } };
const m = compileModel(input);

/** The inverse empirical CDF at p of equally weighted values: the smallest with ceil(p n) of them at or below it. */
const quantile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(p * values.length - 1e-9)) - 1];

describe('partPosteriors: the regional and yearly parts given the observations', () => {
  it('with all the weight on one replication: the quantiles of the parts that replication ran with', () => {
    const n = 12, seed = 5, chosen = 7;
    const weights = new Float64Array(n);
    weights[chosen] = 3;
    const post = partPosteriors(m, seed, weights);
    expect([...post.keys()].sort()).toEqual(['regionalFactors.permitDelay', 'regionalFactors.productivity', 'yearlyFactors.productivity']);
    // What the replication itself drew, read from the Replicator that ran it (not drawn again).
    const r = new Replicator(m);
    r.run(seed, chosen);
    const regions = m.regionIds.length;
    for (const kind of ['productivity', 'permitDelay'] as const) {
      const own = Array.from({ length: regions }, (_, x) => r.parts.regionalOf(FACTOR[kind], x));
      expect(post.get(`regionalFactors.${kind}`)).toEqual({ p10: quantile(own, 0.1), p90: quantile(own, 0.9) });
    }
    const years = Array.from({ length: m.years }, (_, y) => r.parts.yearlyOf(FACTOR.productivity, y));
    expect(years.length).toBe(2); // 2026 and 2027 here: the P10 is the lower, the P90 the higher
    expect(post.get('yearlyFactors.productivity')).toEqual({ p10: quantile(years, 0.1), p90: quantile(years, 0.9) });
  });

  it('with equal weights: the parts as drawn, so close to their distribution\'s own P10 and P90', () => {
    const n = 2000;
    const post = partPosteriors(m, 1, new Float64Array(n).fill(1));
    for (const [path, spec] of [['regionalFactors.permitDelay', input.regionalFactors!.permitDelay!], ['yearlyFactors.productivity', input.yearlyFactors!.productivity!]] as const) {
      const d = distribution(spec), got = post.get(path)!;
      // 4,000 pooled draws each (2,000 replications × 2 regions, or 2 years): a quantile of a uniform lands within about 1 % of its range.
      expect(Math.abs(got.p10 - d.quantile(0.1))).toBeLessThan(0.02);
      expect(Math.abs(got.p90 - d.quantile(0.9))).toBeLessThan(0.02);
    }
  });

  it('weighting the futures whose regions were slow moves the regional permit delay up, and leaves the yearly productivity part alone', () => {
    const n = 600, seed = 2;
    const r = new Replicator(m);
    // Weigh replication i by how slow its regions' permits were: the kind of future a count below the plan favours.
    const weights = Float64Array.from({ length: n }, (_, i) => {
      r.parts.draw(seed, i);
      const mean = (r.parts.regionalOf(FACTOR.permitDelay, 0) + r.parts.regionalOf(FACTOR.permitDelay, 1)) / 2;
      return mean > 1.1 ? 1 : 0;
    });
    const given = partPosteriors(m, seed, weights), prior = partPosteriors(m, seed, new Float64Array(n).fill(1));
    expect(given.get('regionalFactors.permitDelay')!.p10).toBeGreaterThan(prior.get('regionalFactors.permitDelay')!.p10 + 0.05);
    expect(given.get('regionalFactors.permitDelay')!.p90).toBeGreaterThanOrEqual(prior.get('regionalFactors.permitDelay')!.p90);
    const y = given.get('yearlyFactors.productivity')!, y0 = prior.get('yearlyFactors.productivity')!;
    expect(Math.abs(y.p10 - y0.p10)).toBeLessThan(0.02);
    expect(Math.abs(y.p90 - y0.p90)).toBeLessThan(0.02);
  });

  it('nothing for a scenario without regional or yearly parts', () => {
    expect(partPosteriors(compileModel(loadScenario('test/fixtures/observe/small.yaml').input), 1, new Float64Array(10).fill(1)).size).toBe(0);
  });
});

describe('regionPartPosteriors: each region\'s part given the observations', () => {
  /** The exact weighted P10/P50/P90 of region x's part of a kind over n replications (every value kept). */
  const exact = (kind: 'productivity' | 'permitDelay', x: number, seed: number, weights: Float64Array) => {
    const r = new Replicator(m);
    const values = Float64Array.from({ length: weights.length }, (_, i) => (r.parts.draw(seed, i), r.parts.regionalOf(FACTOR[kind], x)));
    const [p10, p50, p90] = weightedQuantiles(values, weights, [0.1, 0.5, 0.9]);
    return { p10, p50, p90 };
  };

  it('favouring futures where the first region\'s permits were slow moves that region\'s part up, the other\'s not, and puts it first', () => {
    const n = 3000, seed = 4;
    const r = new Replicator(m);
    const weights = Float64Array.from({ length: n }, (_, i) => (r.parts.draw(seed, i), r.parts.regionalOf(FACTOR.permitDelay, 0) > 1.15 ? 2 : 0));
    const rows = regionPartPosteriors(m, seed, weights);
    expect(rows).toHaveLength(2 * m.regionIds.length); // two kinds with a regional part, every region
    const [first] = rows;
    expect(first).toMatchObject({ kind: 'permitDelay', region: m.regionIds[0] });
    expect(first.label).toBe(`${input.regions[0].name}: permit delay (its regional part)`);
    expect(first.posterior.p10).toBeGreaterThan(1.15);
    expect(first.posterior.p50).toBeGreaterThan(first.prior.p50 + 0.1);
    const other = rows.find((w) => w.kind === 'permitDelay' && w.region === m.regionIds[1])!;
    expect(Math.abs(other.posterior.p50 - other.prior.p50)).toBeLessThan(0.03);
    // Beyond chance: the favoured region's part; within it: the other region's parts.
    expect(movedBeyondNoise(first)).toBe(true);
    expect(movedBeyondNoise(other)).toBe(false);
    expect(first.noise).toBeGreaterThan(0);
    // Ordered by how far the median moved against what chance moves it.
    const moved = rows.map((w) => Math.abs(w.posterior.p50 - w.prior.p50) / w.noise);
    expect(moved).toEqual([...moved].sort((a, b) => b - a));
  });

  it('says nothing of any region when the weighting has collapsed onto a few futures', () => {
    const n = 1000, weights = new Float64Array(n);
    weights[17] = 5; // one future left: every part "moves" to its values
    const rows = regionPartPosteriors(m, 3, weights);
    expect(rows.every((w) => w.noise === Infinity && !movedBeyondNoise(w))).toBe(true);
    expect(rows.some((w) => Math.abs(w.posterior.p50 - w.prior.p50) > 0.05), 'the medians did wander').toBe(true);
  });

  it('with equal weights nothing moves: the same quantiles before and after, every part within chance', () => {
    const rows = regionPartPosteriors(m, 6, new Float64Array(2000).fill(1));
    for (const w of rows) {
      expect(w.posterior).toEqual(w.prior);
      expect(movedBeyondNoise(w)).toBe(false);
    }
  });

  it('reads its quantiles off bins to 1/4,096 of the range: within a bin (and the gap between draws) of the exact weighted quantiles', () => {
    const n = 4000, seed = 9;
    const weights = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 2 : 0));
    const rows = regionPartPosteriors(m, seed, weights);
    for (const w of rows) {
      const x = m.regionIds.indexOf(w.region), kind = w.kind as 'productivity' | 'permitDelay';
      const want = exact(kind, x, seed, weights), before = exact(kind, x, seed, new Float64Array(n).fill(1));
      for (const p of ['p10', 'p50', 'p90'] as const) {
        expect(Math.abs(w.posterior[p] - want[p]), `${w.label} ${p} after`).toBeLessThan(0.002);
        expect(Math.abs(w.prior[p] - before[p]), `${w.label} ${p} before`).toBeLessThan(0.002);
      }
    }
  });
});
