import { describe, it, expect } from 'vitest';
import { weightedShare } from '../../src/montecarlo/weighted-share.js';
import { wilson } from '../../src/montecarlo/wilson.js';

describe('weightedShare: a conditioned chance and its interval at the effective sample size', () => {
  it('the doc examples, worked by hand', () => {
    const a = weightedShare(Uint8Array.of(1, 0, 0), Float64Array.of(2, 1, 1));
    expect(a.share).toBe(0.5);
    expect(a.effective).toBeCloseTo(16 / 6, 12);
    expect(a.ci95).toEqual(wilson(0.5 * (16 / 6), 16 / 6));
    const b = weightedShare(Uint8Array.of(1, 0), Float64Array.of(5, 5));
    expect(b).toEqual({ share: 0.5, ci95: wilson(1, 2), effective: 2 });
  });

  it('equal weights give the plain share and Wilson interval exactly; only the first n count', () => {
    const met = Uint8Array.of(1, 1, 0, 1, 0, 0, 1);
    const w = new Float64Array(7).fill(37_449);
    expect(weightedShare(met, w)).toEqual({ share: 4 / 7, ci95: wilson(4, 7), effective: 7 });
    expect(weightedShare(met, w, 4)).toEqual({ share: 3 / 4, ci95: wilson(3, 4), effective: 4 });
    // A future that weighs 0 counts for nothing, met or not.
    expect(weightedShare(Uint8Array.of(1, 1, 0), Float64Array.of(3, 0, 3)).share).toBe(0.5);
  });
});
