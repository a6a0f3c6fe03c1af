import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { independentProportionInterval, pairedProportionDifference } from '../../src/montecarlo/proportion-difference.js';
import { pairedDifference } from '../../src/montecarlo/paired-difference.js';
import { weightedPairedDifference } from '../../src/montecarlo/weighted-paired-difference.js';
import { weightedPairedProportionDifference } from '../../src/montecarlo/weighted-proportion-difference.js';
import { stream } from '../../src/engine/index.js';

const ones = (n: number) => new Array<number>(n).fill(1);
const series = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 60 });

describe('weighted paired differences (a comparison conditioned on observations)', () => {
  it('with equal weights, the proportion difference is pairedProportionDifference and its independent interval Newcombe\'s', () => {
    fc.assert(fc.property(series, fc.integer({ min: 1, max: 9 }), (pairs, c) => {
      const x = pairs.map((p) => p[0]), y = pairs.map((p) => p[1]), w = pairs.map(() => c);
      const got = weightedPairedProportionDifference(x, y, w, w), want = pairedProportionDifference(x, y);
      expect(got.value).toBeCloseTo(want.value, 6);
      expect(got.ci95[0]).toBeCloseTo(want.ci95[0], 5);
      expect(got.ci95[1]).toBeCloseTo(want.ci95[1], 5);
      const sx = x.reduce((a, b) => a + b, 0), sy = y.reduce((a, b) => a + b, 0);
      const ind = independentProportionInterval(sx, x.length, sy, y.length);
      expect(got.independentCi95[0]).toBeCloseTo(ind[0], 5);
      expect(got.independentCi95[1]).toBeCloseTo(ind[1], 5);
      // Gained and lost are then plain counts of futures.
      expect(got.gained).toBeCloseTo(pairs.filter(([a, b]) => a && !b).length, 6);
      expect(got.lost).toBeCloseTo(pairs.filter(([a, b]) => !a && b).length, 6);
      expect(got.effectiveRuns).toBeCloseTo(x.length, 6);
    }), { numRuns: 200, seed: 3 });
  });

  it('with equal weights, the mean difference is pairedDifference, interval and all', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: 2, maxLength: 40 }), (pairs) => {
      const a = pairs.map((p) => p[0]), b = pairs.map((p) => p[1]);
      const got = weightedPairedDifference(a, b, ones(a.length), ones(a.length)), want = pairedDifference(a, b);
      expect(got.value).toBeCloseTo(want.value, 5);
      expect(got.ci95[0]).toBeCloseTo(want.ci95[0], 4);
      expect(got.ci95[1]).toBeCloseTo(want.ci95[1], 4);
    }), { numRuns: 200, seed: 4 });
    expect(weightedPairedDifference([1, 1, 0, 1], [1, 0, 0, 1], ones(4), ones(4))).toEqual(pairedDifference([1, 1, 0, 1], [1, 0, 0, 1]));
  });

  it('does not depend on the weights\' scale, and futures of weight 0 in both count for nothing', () => {
    fc.assert(fc.property(series, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 60, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 60, maxLength: 60 }), (pairs, u, v) => {
      const x = pairs.map((p) => p[0]), y = pairs.map((p) => p[1]);
      const wx = x.map((_, i) => u[i]), wy = x.map((_, i) => v[i]);
      const base = weightedPairedProportionDifference(x, y, wx, wy);
      expect(weightedPairedProportionDifference(x, y, wx.map((w) => w * 7), wy.map((w) => w * 3))).toEqual(base);
      // Append futures of weight 0: nothing moves.
      const x2 = [...x, 1, 0, 1], y2 = [...y, 0, 1, 1];
      expect(weightedPairedProportionDifference(x2, y2, [...wx, 0, 0, 0], [...wy, 0, 0, 0])).toEqual(base);
      const m = weightedPairedDifference(x, y, wx, wy);
      expect(weightedPairedDifference(x2, y2, [...wx, 0, 0, 0], [...wy, 0, 0, 0])).toEqual(m);
      expect(m.value).toBeCloseTo(base.value, 6);
    }), { numRuns: 150, seed: 5 });
  });

  it('each option is weighted by its own weights: the same futures read differently (hand-worked)', () => {
    // Both options meet the target in future 0 only; x weighs future 0 three times as much as y does.
    const d = weightedPairedProportionDifference([1, 0], [1, 0], [3, 1], [1, 3]);
    expect(d.value).toBe(0.5); // 3/4 − 1/4
    const m = weightedPairedDifference([10, 20], [10, 20], [3, 1], [1, 3]);
    expect(m.value).toBe(-5); // 12.5 − 17.5
    expect(m.ci95[0]).toBeLessThanOrEqual(-5);
    expect(m.ci95[1]).toBeGreaterThanOrEqual(-5);
  });

  it('its 95 % intervals cover the true difference in about 95 % of repeated weighted experiments', () => {
    // Futures u ~ U(0, 1); option a meets when u < 0.5, b when u < 0.4 (paired). Each option's
    // weights tilt the futures differently (w = 1 + u and 2 − u), so the truth under its own
    // weighting is P_a = ∫0^.5 (1+u) du / 1.5 = 0.625/1.5 and P_b = ∫0^.4 (2−u) du / 1.5 = 0.72/1.5.
    const truth = 0.625 / 1.5 - 0.72 / 1.5;
    const rng = stream(2026, 'weighted-coverage');
    let coveredP = 0, coveredM = 0;
    const trials = 400, n = 300;
    for (let t = 0; t < trials; t++) {
      const x = new Array<number>(n), y = new Array<number>(n), wx = new Array<number>(n), wy = new Array<number>(n);
      for (let i = 0; i < n; i++) {
        const u = rng();
        x[i] = u < 0.5 ? 1 : 0; y[i] = u < 0.4 ? 1 : 0; wx[i] = 1 + u; wy[i] = 2 - u;
      }
      const p = weightedPairedProportionDifference(x, y, wx, wy);
      if (p.ci95[0] <= truth && truth <= p.ci95[1]) coveredP++;
      const m = weightedPairedDifference(x, y, wx, wy);
      if (m.ci95[0] <= truth && truth <= m.ci95[1]) coveredM++;
    }
    expect(coveredP / trials).toBeGreaterThan(0.91);
    expect(coveredP / trials).toBeLessThan(0.99);
    expect(coveredM / trials).toBeGreaterThan(0.91);
    expect(coveredM / trials).toBeLessThan(0.99);
  });

  it('with one future carrying an option\'s weight, the interval is what the futures allow, not a point', () => {
    // Each option weighs one future: the delta method's terms are all 0 (it gave [-4, -4]).
    expect(weightedPairedDifference([5, 9], [5, 9], [1, 0], [0, 1])).toEqual({ value: -4, ci95: [-4, 4] });
    // Nearly all of a's weight on one future, b's spread: not a ±0.005 interval around the value.
    const a = [10, 40, 25, 70], b = [12, 30, 20, 50];
    const near = weightedPairedDifference(a, b, [1, 1e-9, 1e-9, 1e-9], [1, 1, 1, 1]);
    expect(near.ci95).toEqual([10 - 50, 70 - 12]);
    expect(near.value).toBeCloseTo(10 - 28, 5);
    // Options that weigh the futures alike stay paired: their differences' range (identical options: exactly 0).
    expect(weightedPairedDifference(a, b, [1, 0, 0, 1e-9], [1, 0, 0, 1e-9]).ci95).toEqual([-2, 20]);
    expect(weightedPairedDifference(a, a, [1, 0, 0, 1e-9], [1, 0, 0, 1e-9])).toEqual({ value: 0, ci95: [0, 0] });
  });

  it('refuses mismatched lengths and negative weights', () => {
    expect(() => weightedPairedDifference([1, 2], [1], [1, 1], [1, 1])).toThrow(/series of 2, 1/);
    expect(() => weightedPairedProportionDifference([1, 0], [1, 0], [1, -1], [1, 1])).toThrow(/expected >= 0/);
  });
});
