import { describe, expect, it } from 'vitest';
import { distribution } from '../../src/engine/index.js';
import { FACTOR, Replicator, compileModel } from '../../src/model/index.js';
import { partPosteriors } from '../../src/montecarlo/index.js';
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
