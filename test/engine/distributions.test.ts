import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import seedrandom from 'seedrandom';
import { mean, quantileSorted, standardDeviation } from 'simple-statistics';
import { betaI, checkDistribution, distribution, gammaP, stream, type DistributionSpec } from '../../src/engine/index.js';

const sample = (spec: DistributionSpec, n = 40_000) => {
  const d = distribution(spec);
  const u = stream(11, 'dist-test', spec.dist);
  return Array.from({ length: n }, () => d.quantile(u()));
};

describe('distributions sampled by inverse transform', () => {
  const cases: [DistributionSpec, number, number][] = [
    // spec, true mean, true sd
    [{ dist: 'uniform', min: 2, max: 8 }, 5, 6 / Math.sqrt(12)],
    [{ dist: 'triangular', min: 0, mode: 3, max: 12 }, 5, Math.sqrt((0 + 9 + 144 - 0 - 0 - 36) / 18)],
    [{ dist: 'pert', min: 0, mode: 4, max: 10 }, (0 + 16 + 10) / 6, Math.sqrt(((26 / 6) * (10 - 26 / 6)) / 7)],
    [{ dist: 'normal', mean: 10, sd: 2 }, 10, 2],
    [{ dist: 'lognormal', median: 180, sigma: 0.5 }, 180 * Math.exp(0.125), 180 * Math.exp(0.125) * Math.sqrt(Math.exp(0.25) - 1)],
    [{ dist: 'exponential', mean: 30 }, 30, 30],
    [{ dist: 'gamma', shape: 2.5, scale: 4 }, 10, Math.sqrt(2.5) * 4],
    [{ dist: 'gamma', shape: 0.6, scale: 10 }, 6, Math.sqrt(0.6) * 10],
  ];
  for (const [spec, m, sd] of cases) {
    it(`${JSON.stringify(spec)} has mean ${m.toFixed(3)} and sd ${sd.toFixed(3)}`, () => {
      const xs = sample(spec);
      expect(Math.abs(mean(xs) - m)).toBeLessThan(4 * sd / Math.sqrt(xs.length) + 1e-9);
      expect(standardDeviation(xs) / sd).toBeGreaterThan(0.97);
      expect(standardDeviation(xs) / sd).toBeLessThan(1.03);
      expect(distribution(spec).mean).toBeCloseTo(m, 6);
    });
  }

  it('knows exact quantiles', () => {
    expect(distribution({ dist: 'lognormal', median: 180, sigma: 0.5 }).quantile(0.5)).toBeCloseTo(180, 6);
    expect(distribution({ dist: 'normal', mean: 0, sd: 1 }).quantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(distribution({ dist: 'exponential', mean: 1 }).quantile(1 - Math.exp(-2))).toBeCloseTo(2, 9);
    // Gamma(2, 1): P(X <= x) = 1 - e^-x (1 + x); at x = 3 that is 0.800852.
    expect(distribution({ dist: 'gamma', shape: 2, scale: 1 }).quantile(0.8008517265)).toBeCloseTo(3, 3);
    // PERT(0, 5, 10) is Beta(3, 3) scaled: symmetric about 5.
    expect(distribution({ dist: 'pert', min: 0, mode: 5, max: 10 }).quantile(0.5)).toBeCloseTo(5, 4);
  });

  it('tabulated PERT and gamma quantiles are as accurate as distributions.ts says (a share of the sd, by band of p)', () => {
    const bisect = (cdf: (x: number) => number, p: number, lo: number, hi: number) => {
      for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (cdf(m) < p) lo = m; else hi = m; }
      return (lo + hi) / 2;
    };
    // Worst error / sd over p log-spaced from the band's inner edge out to its outer edge, both ends.
    const worst = (q: (p: number) => number, cdf: (x: number) => number, hi: number, sd: number, inner: number, outer: number) => {
      let w = 0;
      for (let i = 0; i <= 400; i++) {
        const a = Math.exp(Math.log(outer) + (i / 400) * (Math.log(inner) - Math.log(outer)));
        for (const p of [a, 1 - a]) w = Math.max(w, Math.abs(q(p) - bisect(cdf, p, 0, hi)) / sd);
      }
      return w;
    };
    const cases = [
      ...[0.6, 2.5, 9].map((k) => ({ d: distribution({ dist: 'gamma', shape: k, scale: 1 }), cdf: (x: number) => gammaP(k, x), hi: k + 40 * Math.sqrt(k) + 40, sd: Math.sqrt(k) })),
      ...[0, 0.1, 0.5].map((m) => {
        const a = 1 + 4 * m, b = 1 + 4 * (1 - m);
        return { d: distribution({ dist: 'pert', min: 0, mode: m, max: 1 }), cdf: (x: number) => betaI(a, b, x), hi: 1, sd: Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))) };
      }),
    ];
    for (const c of cases) {
      const q = (p: number) => c.d.quantile(p);
      expect(worst(q, c.cdf, c.hi, c.sd, 0.5, 0.01)).toBeLessThan(3e-4);
      expect(worst(q, c.cdf, c.hi, c.sd, 0.01, 0.001)).toBeLessThan(3e-4);
      // Beyond 1e-3 the x grid's cells (16,384 over the range) are what limits it: a few cells hold the whole tail.
      expect(worst(q, c.cdf, c.hi, c.sd, 0.001, 1e-6)).toBeLessThan(1e-3);
    }
  });

  it('truncates a normal to [min, max]', () => {
    const xs = sample({ dist: 'normal', mean: 0, sd: 10, min: -1, max: 3 }).sort((a, b) => a - b);
    expect(xs[0]).toBeGreaterThanOrEqual(-1);
    expect(xs[xs.length - 1]).toBeLessThanOrEqual(3);
  });

  it('draws a normal truncated far into either tail from its window, with the closed-form mean and median', () => {
    // N(0, 1) on [10, 11]: nearly all the mass sits just above 10; mean φ(10)/(Φ(−10) − Φ(−11)) ≈ 10.0981,
    // median 10 + ln(2)/10 to first order ≈ 10.068. Φ(10) rounds to 1, so drawn from Φ it would be 11 every time.
    for (const [min, max, sign] of [[10, 11, 1], [-11, -10, -1]] as const) {
      const d = distribution({ dist: 'normal', mean: 0, sd: 1, min, max });
      expect(d.mean).toBeCloseTo(sign * 10.0981, 3);
      expect(d.quantile(0.5)).toBeCloseTo(sign * 10.0684, 3);
      const xs = Array.from({ length: 2000 }, (_, i) => d.quantile((i + 0.5) / 2000));
      expect(xs.filter((x) => x === max || x === min)).toEqual([]);
      expect(xs.reduce((a, x) => a + x, 0) / xs.length).toBeCloseTo(d.mean, 3);
    }
    // Half-open above the mean: N(0, 1) from 0.5 up, mean φ(0.5) / (1 − Φ(0.5)) = 1.14108.
    expect(distribution({ dist: 'normal', mean: 0, sd: 1, min: 0.5 }).mean).toBeCloseTo(1.14108, 4);
  });

  it('resamples empirical values with their weights', () => {
    const xs = sample({ dist: 'empirical', values: [30, 10, 20], weights: [1, 2, 1] }).sort((a, b) => a - b);
    expect(quantileSorted(xs, 0.4)).toBe(10);
    expect(quantileSorted(xs, 0.6)).toBe(20);
    expect(quantileSorted(xs, 0.9)).toBe(30);
  });

  it('names bad parameters', () => {
    expect(checkDistribution({ dist: 'triangular', min: 5, mode: 1, max: 9 })[0]).toMatch(/min <= mode <= max/);
    expect(checkDistribution({ dist: 'lognormal', median: -3, sigma: 1 })[0]).toMatch(/'median' must be positive, found -3/);
    expect(checkDistribution({ dist: 'uniform', min: 1 } as unknown as DistributionSpec)[0]).toMatch(/'max' must be a number/);
    expect(checkDistribution({ dist: 'weibull' } as unknown as DistributionSpec)[0]).toMatch(/unknown distribution/);
    expect(() => distribution({ dist: 'exponential', mean: 0 })).toThrow(RangeError);
  });
});

describe('random streams', () => {
  it('are reproducible and depend on every part of their path', () => {
    const a = stream(1, 5, 'jobs'), b = stream(1, 5, 'jobs'), c = stream(1, 6, 'jobs'), d = stream(2, 5, 'jobs');
    const x = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(x);
    expect(c()).not.toBe(x[0]);
    expect(d()).not.toBe(x[0]);
  });

  it('different paths are different streams, whatever characters the names hold (the separator included)', () => {
    const first = (...p: [number | string, ...(number | string)[]]) => stream(...p)();
    expect(first(1, 'a/b')).not.toBe(first(1, 'a', 'b'));
    expect(first('1/2', 'x')).not.toBe(first(1, 2, 'x'));
    expect(first(1, 'a%2Fb')).not.toBe(first(1, 'a/b'));
    expect(first(1, 'a%2Fb')).not.toBe(first(1, 'a', 'b'));
    expect(first(1, '%')).not.toBe(first(1, '%25'));
    // Plain names and numbers keep their streams (results of existing scenarios do not move).
    expect(first(42, 7, 'durations')).toBe(0.951936729485169);
    expect(first(1, 5, 'factors', 'region', 'KZ-AKM.2')).toBe(seedrandom.alea('1/5/factors/region/KZ-AKM.2')());
  });

  it("stream's @example shows the number it gives", () => {
    const doc = readFileSync(fileURLToPath(new URL('../../src/engine/random.ts', import.meta.url)), 'utf8');
    const shown = /stream\(42, 7, 'durations'\);[^\n]*\n[^\n]*u\(\);\s*\/\/ (0\.\d+)\.\.\./.exec(doc);
    expect(shown).not.toBeNull();
    expect(String(stream(42, 7, 'durations')())).toMatch(new RegExp(`^${shown![1].replace('.', '\\.')}`));
  });
});

describe('scaleDistribution', () => {
  it('multiplies every value (and so the mean and every quantile) by k', async () => {
    const { scaleDistribution } = await import('../../src/engine/index.js');
    const specs: DistributionSpec[] = [
      { dist: 'fixed', value: 5 }, { dist: 'uniform', min: 2, max: 8 }, { dist: 'triangular', min: 0, mode: 3, max: 12 },
      { dist: 'pert', min: 0, mode: 4, max: 10 }, { dist: 'normal', mean: 10, sd: 2, min: 5 }, { dist: 'lognormal', median: 20, sigma: 0.6 },
      { dist: 'exponential', mean: 30 }, { dist: 'gamma', shape: 2.5, scale: 4 }, { dist: 'empirical', values: [1, 2, 7], weights: [1, 1, 2] },
    ];
    for (const spec of specs) {
      const a = distribution(spec), b = distribution(scaleDistribution(spec, 1.2));
      expect(b.mean).toBeCloseTo(1.2 * a.mean, 6);
      for (const p of [0.1, 0.5, 0.9]) expect(b.quantile(p)).toBeCloseTo(1.2 * a.quantile(p), 5);
    }
  });
});
