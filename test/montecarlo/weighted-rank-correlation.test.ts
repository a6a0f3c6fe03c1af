import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sampleRankCorrelation } from 'simple-statistics';
import { weightedMidranks, weightedRankCorrelation } from '../../src/montecarlo/weighted-rank-correlation.js';

/** The pairs with pair i repeated w[i] times: what the weights stand for. */
function repeated(x: number[], y: number[], w: number[]) {
  const rx: number[] = [], ry: number[] = [];
  w.forEach((k, i) => { for (let t = 0; t < k; t++) { rx.push(x[i]); ry.push(y[i]); } });
  return { rx, ry };
}

describe('weightedRankCorrelation', () => {
  it('is Spearman’s rho of the pairs repeated by their weights (ties, zero weights and all)', () => {
    // Few distinct values, so ties are common; weights 0–4.
    const pair = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 4 }));
    fc.assert(fc.property(fc.array(pair, { minLength: 2, maxLength: 30 }), (pairs) => {
      const x = pairs.map((p) => p[0]), y = pairs.map((p) => p[1]), w = pairs.map((p) => p[2]);
      const { rx, ry } = repeated(x, y, w);
      const expected = rx.length > 1 ? sampleRankCorrelation(rx, ry) : NaN;
      const got = weightedRankCorrelation(x, y, w);
      if (Number.isNaN(expected)) expect(got).toBeNaN();
      else expect(got).toBeCloseTo(expected, 10);
    }), { numRuns: 300, seed: 11 });
  });

  it('gives the documented examples, and the unweighted answer with equal weights', () => {
    expect(weightedRankCorrelation([1, 2, 3], [1, 3, 2], [1, 1, 1])).toBeCloseTo(0.5, 12);
    expect(weightedRankCorrelation([1, 2, 3], [1, 3, 2], [1, 0, 1])).toBeCloseTo(1, 12);
    expect(weightedRankCorrelation([1, 2, 3, 4], [2, 1, 4, 3], [7, 7, 7, 7])).toBeCloseTo(sampleRankCorrelation([1, 2, 3, 4], [2, 1, 4, 3]), 12);
    expect(Array.from(weightedMidranks([5, 3, 5], [1, 2, 1]))).toEqual([2.5, 0.5, 2.5]);
    // No variance on one side, or no weight at all: undefined, as simple-statistics says.
    expect(weightedRankCorrelation([1, 1, 1], [1, 2, 3], [1, 1, 1])).toBeNaN();
    expect(weightedRankCorrelation([1, 2], [1, 2], [0, 0])).toBeNaN();
    expect(() => weightedRankCorrelation([1, 2], [1], [1, 1])).toThrow(/2 x, 1 y and 2 weights/);
  });
});
