import { describe, expect, it } from 'vitest';
import { monthlyCounts, quantileFromCounts, shareBy, wilson } from '../../src/report/stats.js';

describe('wilson', () => {
  it('matches published values', () => {
    const [lo, hi] = wilson(8, 10);
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
    const [a, b] = wilson(50, 100);
    expect(a).toBeCloseTo(0.4038, 4);
    expect(b).toBeCloseTo(0.5962, 4);
    const [c, d] = wilson(1, 20);
    expect(c).toBeCloseTo(0.0089, 4);
    expect(d).toBeCloseTo(0.2361, 4);
  });

  it('is exact at the edges and [0,1] with no trials', () => {
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(0, 10)[1]).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(10, 10)[0]).toBeCloseTo(0.7225, 4);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it('takes z and narrows with more trials', () => {
    const [lo1, hi1] = wilson(8, 10, 1);
    expect(hi1 - lo1).toBeLessThan(wilson(8, 10)[1] - wilson(8, 10)[0]);
    const w = (n: number) => wilson(n / 2, n);
    expect(w(1000)[1] - w(1000)[0]).toBeLessThan(w(100)[1] - w(100)[0]);
  });

  it('always contains the point estimate and stays within [0,1]', () => {
    for (const n of [1, 2, 7, 50, 333]) {
      for (let k = 0; k <= n; k++) {
        const [lo, hi] = wilson(k, n);
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(1);
        expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
        expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
      }
    }
  });

  it('rejects impossible counts', () => {
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(-1, 10)).toThrow(RangeError);
  });
});

describe('histogram quantiles', () => {
  const counts = [
    { date: '2026-03-01', count: 2 },
    { date: '2026-01-15', count: 3 },
    { date: '2026-06-30', count: 3 },
  ];
  it('finds the first date by which q of all runs got there, counting never-reached runs', () => {
    // 10 runs: 3 by Jan 15, 5 by Mar 1, 8 by Jun 30, 2 never.
    expect(quantileFromCounts(counts, 2, 0.3)).toBe('2026-01-15');
    expect(quantileFromCounts(counts, 2, 0.5)).toBe('2026-03-01');
    expect(quantileFromCounts(counts, 2, 0.8)).toBe('2026-06-30');
    expect(quantileFromCounts(counts, 2, 0.9)).toBeNull();
    expect(quantileFromCounts([], 0, 0.5)).toBeNull();
  });

  it('gives the share reached by a date', () => {
    expect(shareBy(counts, 2, '2026-03-01')).toBeCloseTo(0.5, 12);
    expect(shareBy(counts, 2, '2025-12-31')).toBe(0);
    expect(shareBy([], 0, '2026-01-01')).toBe(0);
  });

  it('bins dates into calendar months', () => {
    expect(monthlyCounts([...counts, { date: '2026-01-31', count: 4 }])).toEqual([
      { month: '2026-01-01', count: 7 },
      { month: '2026-03-01', count: 2 },
      { month: '2026-06-01', count: 3 },
    ]);
  });
});
