import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sampleRankCorrelation } from 'simple-statistics';
import { spearmanInterval } from '../../src/montecarlo/spearman-interval.js';
import { spearmanPValue } from '../../src/montecarlo/spearman-p-value.js';
import { benjaminiHochberg } from '../../src/montecarlo/benjamini-hochberg.js';
import { familyAdjustment } from '../../src/montecarlo/correlation-family.js';
import { uniforms } from '../helpers/uniform-stream.js';

describe('spearmanPValue', () => {
  it('is below 0.05 exactly when the 95 % interval excludes 0', () => {
    fc.assert(fc.property(fc.double({ min: -0.99, max: 0.99, noNaN: true }), fc.integer({ min: 5, max: 20_000 }), (r, n) => {
      const [lo, hi] = spearmanInterval(r, n);
      const p = spearmanPValue(r, n);
      // Away from the boundary itself (normalCdf is good to ~1e-7).
      if (Math.abs(p - 0.05) > 1e-5) expect(p < 0.05).toBe(lo > 0 || hi < 0);
    }));
  });

  it('matches the examples and the edge cases', () => {
    // By hand: z = atanh(0.08) / sqrt(1.06 / 297) = 0.080171 / 0.059741 = 1.3420; 2 (1 - Φ(1.3420)) = 0.1796.
    expect(spearmanPValue(0.08, 300)).toBeCloseTo(0.1796, 3);
    expect(spearmanPValue(0.3, 300)).toBeLessThan(1e-6);
    expect(spearmanPValue(0, 300)).toBeCloseTo(1, 6);
    expect(spearmanPValue(0.5, 3)).toBe(1);
    expect(spearmanPValue(1, 50)).toBe(0);
  });
});

describe('benjaminiHochberg', () => {
  it('counts the largest k with p_(k) <= k q / m (hand-worked)', () => {
    expect(benjaminiHochberg([0.001, 0.012, 0.03, 0.2])).toBe(3); // 0.03 <= 3 × 0.0125; 0.2 > 0.05
    expect(benjaminiHochberg([0.02, 0.2, 0.5, 0.9])).toBe(0); // 0.02 > 0.0125, 0.2 > 0.025...
    // Step-up: a larger p can carry smaller ones with it. 0.04 <= 4 × 0.05 / 5, though 0.015 > 1 × 0.01.
    expect(benjaminiHochberg([0.04, 0.015, 0.5, 0.03, 0.035])).toBe(4);
    expect(benjaminiHochberg([])).toBe(0);
  });

  it('finds at least what Bonferroni finds and at most what testing each at q finds', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), (ps) => {
      const r = benjaminiHochberg(ps);
      expect(r).toBeGreaterThanOrEqual(ps.filter((p) => p <= 0.05 / ps.length).length);
      expect(r).toBeLessThanOrEqual(ps.filter((p) => p <= 0.05).length);
    }));
  });
});

/** Rank correlations of `inputs` independent uniform inputs with `targets` outcomes over `runs` futures; the first `related` inputs drive outcome 0 (strength `beta`). */
function correlations(seed: number, runs: number, inputs: number, targets: number, related = 0, beta = 0): number[] {
  const u = uniforms(seed);
  const xs = Array.from({ length: inputs }, () => Array.from({ length: runs }, u));
  const ys = Array.from({ length: targets }, (_, t) => Array.from({ length: runs }, (_, i) => {
    let y = u();
    if (t === 0) for (let k = 0; k < related; k++) y += beta * xs[k][i];
    return y;
  }));
  return xs.flatMap((x) => ys.map((y) => sampleRankCorrelation(x, y)));
}

describe('familyAdjustment', () => {
  it('gives intervals that exclude 0 exactly for the discoveries', () => {
    const { z, adjusted } = familyAdjustment([0.3, 0.01, -0.02, 0.25], 1000);
    expect(adjusted).toEqual({ correlations: 4, discoveries: 2, level: 0.975, falseDiscoveryRate: 0.05 });
    const excludes = (r: number) => { const [lo, hi] = spearmanInterval(r, 1000, z); return lo > 0 || hi < 0; };
    expect([0.3, 0.01, -0.02, 0.25].map(excludes)).toEqual([true, false, false, true]);
    fc.assert(fc.property(fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 50, max: 5000 }), (rhos, n) => {
      const { z: zz, adjusted: a } = familyAdjustment(rhos, n);
      const cut = Math.max(1, a.discoveries) * 0.05 / rhos.length;
      // Leaving out a p-value within 1e-7 of the cut, where the normal CDF's approximation (to ~1e-7) and the quantile's may disagree.
      const clear = rhos.filter((r) => Math.abs(spearmanPValue(r, n) - cut) > 1e-7);
      const out = clear.filter((r) => { const [lo, hi] = spearmanInterval(r, n, zz); return lo > 0 || hi < 0; }).length;
      const found = clear.filter((r) => spearmanPValue(r, n) <= cut).length;
      expect(out).toBe(found);
    }), { numRuns: 200 });
  });

  it('leaves noise faded where 95 % intervals on their own flag some in nearly every set of inputs (38 inputs × 3 targets, as the baseline)', () => {
    let alone = 0, family = 0;
    for (let set = 0; set < 40; set++) {
      const rhos = correlations(1000 + set, 400, 38, 3);
      if (rhos.some((r) => { const [lo, hi] = spearmanInterval(r, 400); return lo > 0 || hi < 0; })) alone++;
      if (familyAdjustment(rhos, 400).adjusted.discoveries > 0) family++;
    }
    // Each interval on its own: 1 - 0.95^114 ≈ 99.7 % of the sets show a "real" association that is noise.
    expect(alone).toBeGreaterThanOrEqual(36);
    // Adjusted, with nothing to find, the chance of any is at most 5 %: 2 of 40 expected, 6 would be 1 in 60.
    expect(family).toBeLessThanOrEqual(5);
  });

  it('still finds associations that are there', () => {
    // Five inputs each moving outcome 0 (rank correlation ≈ 0.25 each) among 38 × 3, 1,000 futures.
    let found = 0;
    for (let set = 0; set < 10; set++) {
      const rhos = correlations(2000 + set, 1000, 38, 3, 5, 0.5);
      const { z } = familyAdjustment(rhos, 1000);
      for (let k = 0; k < 5; k++) { const [lo] = spearmanInterval(rhos[k * 3], 1000, z); if (lo > 0) found++; }
    }
    expect(found).toBe(50);
  });
});
