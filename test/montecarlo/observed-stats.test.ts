import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  crps, midPit, effectiveSampleSize, weightedQuantiles, histogramQuantiles, integerWeights, predictiveTail, MAX_WEIGHT, MAX_TOTAL_WEIGHT,
} from '../../src/montecarlo/index.js';
import { normalCdf } from '../../src/engine/index.js';

/** CRPS by its definition over every pair: E|X − y| − ½ E|X − X'| (O(n²), no sorting). */
function crpsByPairs(x: number[], y: number, w = x.map(() => 1)): number {
  const W = w.reduce((a, b) => a + b, 0);
  let a = 0, b = 0;
  for (let i = 0; i < x.length; i++) {
    a += (w[i] / W) * Math.abs(x[i] - y);
    for (let j = 0; j < x.length; j++) b += (w[i] / W) * (w[j] / W) * Math.abs(x[i] - x[j]);
  }
  return a - b / 2;
}

describe('crps', () => {
  it('matches a case worked by hand: [1, 2, 4] against 3 is 2/3', () => {
    // ∫ (F(x) − 1{x ≥ 3})² dx = 1·(1/3)² + 1·(2/3)² + 1·(1/3)² = 6/9.
    expect(crps([1, 2, 4], 3)).toBeCloseTo(2 / 3, 12);
  });
  it('is 0 for a certain forecast that is right, and |x − y| for a certain one that is wrong', () => {
    expect(crps([2606, 2606, 2606], 2606)).toBe(0);
    expect(crps([5], 8)).toBe(3);
  });
  it('equals the all-pairs definition, with and without weights', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: -5, max: 60 }),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 12, maxLength: 12 }),
      (x, y, w) => {
        expect(crps(x, y)).toBeCloseTo(crpsByPairs(x, y), 9);
        const ww = w.slice(0, x.length);
        expect(crps(x, y, ww)).toBeCloseTo(crpsByPairs(x, y, ww), 9);
      }));
  });
  it('weights a sample like repeating it', () => {
    expect(crps([1, 4], 2, [3, 1])).toBeCloseTo(crps([1, 1, 1, 4], 2), 12);
  });
});

describe('midPit', () => {
  it('counts ties as half: P(X < y) + ½ P(X = y)', () => {
    expect(midPit([1, 2, 2, 4], 2)).toBe(0.5);
    expect(midPit([1, 2, 3], 10)).toBe(1);
    expect(midPit([1, 2, 3], 0)).toBe(0);
    expect(midPit([5, 5], 5)).toBe(0.5);
  });
  it('uses the weights', () => {
    expect(midPit([1, 3], 2, [3, 1])).toBe(0.75);
  });
});

describe('effectiveSampleSize', () => {
  it('is n for equal weights, 1 for one weight, (Σw)²/Σw² otherwise', () => {
    expect(effectiveSampleSize([7, 7, 7, 7])).toBe(4);
    expect(effectiveSampleSize([4, 0, 0, 0])).toBe(1);
    expect(effectiveSampleSize([2, 1, 1])).toBeCloseTo(16 / 6, 12);
    expect(effectiveSampleSize([])).toBe(0);
  });
});

describe('weightedQuantiles', () => {
  it('agrees with the histogram quantiles of the same weighted counts', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 40 }),
      (pairs) => {
        if (!pairs.some(([, w]) => w > 0)) return;
        const hist = new Float64Array(31);
        for (const [v, w] of pairs) hist[v] += w;
        const ps = [0.05, 0.1, 0.5, 0.9, 0.95];
        expect(weightedQuantiles(pairs.map((p) => p[0]), pairs.map((p) => p[1]), ps)).toEqual(histogramQuantiles(hist, ps));
      }));
  });
  it('reads the documented example', () => {
    expect(weightedQuantiles([30, 10, 20], [1, 1, 2], [0.25, 0.5, 0.9])).toEqual([10, 20, 30]);
  });
});

describe('integerWeights', () => {
  it('scales the likeliest replication to 2^20 and rounds the others', () => {
    const { weights, scale } = integerWeights([0, Math.log(0.5), -1000]);
    expect(scale).toBe(MAX_WEIGHT);
    expect(Array.from(weights)).toEqual([MAX_WEIGHT, MAX_WEIGHT / 2, 0]);
  });
  it('keeps the total at most 2^22, so weighted sums stay exact', () => {
    const { weights, scale } = integerWeights(new Float64Array(10_000));
    expect(scale).toBe(Math.floor(MAX_TOTAL_WEIGHT / 10_000));
    expect(weights.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_TOTAL_WEIGHT);
    for (const w of weights) expect(Number.isInteger(w)).toBe(true);
  });
  it('does not depend on a constant added to every log-likelihood', () => {
    expect(Array.from(integerWeights([-3, -4, -5]).weights)).toEqual(Array.from(integerWeights([-1003, -1004, -1005]).weights));
  });
});

describe('predictiveTail', () => {
  it('is the two-sided tail of the samples plus Gaussian error', () => {
    expect(predictiveTail([100, 100], 100, 10)).toBeCloseTo(1, 6);
    expect(predictiveTail([100, 100], 140, 10)).toBeCloseTo(2 * (1 - normalCdf(4)), 8);
    // half the samples at 0, half at 10, y = 10, sd 1: P(Y ≤ 10) = (Φ(10) + Φ(0)) / 2 = 0.75 → tail 0.5.
    expect(predictiveTail([0, 10], 10, 1)).toBeCloseTo(0.5, 6);
  });
});
