import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { independentProportionInterval, pairedProportionDifference } from '../../src/montecarlo/proportion-difference.js';

/** Two 0/1 series with `both` futures where both meet, `onlyX` where only x does, `onlyY`, `neither`. */
const pairs = (both: number, onlyX: number, onlyY: number, neither: number) => {
  const x: number[] = [], y: number[] = [];
  const put = (n: number, a: number, b: number) => { for (let i = 0; i < n; i++) { x.push(a); y.push(b); } };
  put(both, 1, 1); put(onlyX, 1, 0); put(onlyY, 0, 1); put(neither, 0, 0);
  return [x, y] as const;
};

describe('differences of proportions (Newcombe\'s hybrid score intervals)', () => {
  it('independent: Newcombe\'s own example, 56/70 against 48/80: 0.0524 to 0.3339', () => {
    const [lo, hi] = independentProportionInterval(56, 70, 48, 80);
    expect(lo).toBeCloseTo(0.0524, 4);
    expect(hi).toBeCloseTo(0.3339, 4);
  });

  it('paired: with uncorrelated pairs (ad = bc) it is the independent interval', () => {
    const [x, y] = pairs(10, 20, 5, 10); // 30/45 against 15/45, 10 × 10 = 20 × 5
    const d = pairedProportionDifference(x, y);
    expect(d.value).toBeCloseTo(1 / 3, 6);
    expect(d.ci95).toEqual(independentProportionInterval(30, 45, 15, 45));
  });

  it('neither option ever meets the target: 0, with an interval as wide as the Wilson interval of 0 of n, not 0 to 0', () => {
    const none = new Uint8Array(100);
    const d = pairedProportionDifference(none, none);
    expect(d.value).toBe(0);
    expect(d.ci95[0]).toBeCloseTo(-0.036993, 6); // Wilson 95 % upper bound of 0/100 = 3.8415 / 103.8415
    expect(d.ci95[1]).toBeCloseTo(0.036993, 6);
    expect(independentProportionInterval(0, 100, 0, 100)).toEqual(d.ci95);
  });

  it('paired futures that agree give a narrower interval than independent ones', () => {
    const [x, y] = pairs(40, 6, 1, 53);
    const paired = pairedProportionDifference(x, y), independent = independentProportionInterval(46, 100, 41, 100);
    expect(paired.ci95[1] - paired.ci95[0]).toBeLessThan(independent[1] - independent[0]);
  });

  it('always within [-1, 1] and around the difference', () => {
    fc.assert(fc.property(fc.nat(30), fc.nat(30), fc.nat(30), fc.nat(30), (a, b, c, d) => {
      fc.pre(a + b + c + d > 0);
      const [x, y] = pairs(a, b, c, d);
      const r = pairedProportionDifference(x, y);
      expect(r.ci95[0]).toBeGreaterThanOrEqual(-1);
      expect(r.ci95[1]).toBeLessThanOrEqual(1);
      expect(r.ci95[0]).toBeLessThanOrEqual(r.value + 1e-6);
      expect(r.ci95[1]).toBeGreaterThanOrEqual(r.value - 1e-6);
    }), { numRuns: 300 });
  });
});
