import { describe, it, expect } from 'vitest';
import { boxStats, fullBox, inBox, restricted } from '../../../src/montecarlo/discovery/box.js';
import { primPeel } from '../../../src/montecarlo/discovery/prim-peel.js';
import { primPaste } from '../../../src/montecarlo/discovery/prim-paste.js';
import { selectBox } from '../../../src/montecarlo/discovery/select-box.js';
import { simplifyBox } from '../../../src/montecarlo/discovery/simplify-box.js';
import { describeRule } from '../../../src/montecarlo/discovery/describe-rule.js';
import { discover, lowestQuarter } from '../../../src/montecarlo/discovery/discover.js';
import type { TrajectoryBox } from '../../../src/montecarlo/discovery/prim-peel.js';
import type { RunResult } from '../../../src/montecarlo/result.js';
import { discoverySection } from '../../../src/report/html-discovery.js';
import { uniforms } from '../../helpers/uniform-stream.js';

/**
 * The synthetic data set with a known box: four inputs uniform on [0, 1]; the outcome is 1
 * exactly when x0 > 0.7 and x2 < 0.4 (a box of volume 0.12), and x1, x3 are noise.
 */
function synthetic(n: number, seed = 7, flip = 0) {
  const u = uniforms(seed);
  const X = [0, 1, 2, 3].map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const col of X) col[i] = u();
    y[i] = X[0][i] > 0.7 && X[2][i] < 0.4 ? 1 : 0;
    if (flip > 0 && u() < flip) y[i] = 1 - y[i];
  }
  return { X, y };
}

describe('boxStats', () => {
  it('counts support, coverage and density', () => {
    const X = [Float64Array.of(1, 2, 3, 4)], y = Uint8Array.of(0, 0, 1, 1);
    expect(boxStats(X, y, { lo: [2.5], hi: [Infinity] })).toEqual({ n: 2, cases: 2, support: 0.5, coverage: 1, density: 1 });
    expect(boxStats(X, y, { lo: [2], hi: [3] })).toEqual({ n: 2, cases: 1, support: 0.5, coverage: 0.5, density: 0.5 });
    expect(boxStats(X, y, fullBox(1)).density).toBe(0.5);
    expect(inBox(X, 0, { lo: [1], hi: [1] })).toBe(true);
    expect(restricted({ lo: [-Infinity, 2], hi: [Infinity, Infinity] })).toEqual([1]);
  });
});

describe('primPeel', () => {
  it('closes in on the known box: the last box restricts x0 from about 0.7 and x2 to about 0.4, with density near 1', () => {
    const { X, y } = synthetic(4000);
    const t = primPeel(X, y, { alpha: 0.05, minSupport: 0.05 });
    expect(t[0].coverage).toBe(1);
    expect(t[0].density).toBeCloseTo(0.12, 1);
    // Density never falls along the trajectory, support always does.
    for (let k = 1; k < t.length; k++) {
      expect(t[k].density).toBeGreaterThan(t[k - 1].density);
      expect(t[k].n).toBeLessThan(t[k - 1].n);
    }
    const best = selectBox(t, 0.9);
    expect(best.box.lo[0]).toBeGreaterThan(0.6);
    expect(best.box.lo[0]).toBeLessThan(0.72);
    expect(best.box.hi[2]).toBeGreaterThan(0.38);
    expect(best.box.hi[2]).toBeLessThan(0.5);
    expect(best.density).toBeGreaterThan(0.9);
  });

  it('never peels below the minimum support', () => {
    const { X, y } = synthetic(1000);
    const t = primPeel(X, y, { alpha: 0.1, minSupport: 0.3 });
    expect(t[t.length - 1].support).toBeGreaterThanOrEqual(0.3);
  });

  it('peels a discrete input whole: all tied values at once', () => {
    const n = 400;
    const u = uniforms(3);
    const risk = Float64Array.from({ length: n }, () => (u() < 0.3 ? 1 : 0));
    const noise = Float64Array.from({ length: n }, () => u());
    const y = Uint8Array.from(risk, (r) => (r === 1 ? 1 : 0));
    const t = primPeel([risk, noise], y, { alpha: 0.05, minSupport: 0.05 });
    expect(t[1].box.lo[0]).toBe(1);
    expect(t[1].density).toBe(1);
  });
});

describe('primPaste', () => {
  it('widens a box cut too deep back towards the known box', () => {
    const { X, y } = synthetic(4000);
    const tooDeep = { lo: [0.85, -Infinity, -Infinity, -Infinity], hi: [Infinity, Infinity, 0.2, Infinity] };
    const before = boxStats(X, y, tooDeep);
    const pasted = primPaste(X, y, tooDeep, { alpha: 0.05 });
    // Pasting only accepts widenings that raise the density, and here some do not lose any: the box grows.
    expect(pasted.density).toBeGreaterThanOrEqual(before.density);
    expect(pasted.n).toBeGreaterThanOrEqual(before.n);
    expect(pasted.box.lo[0]).toBeLessThanOrEqual(0.85);
  });

  it('leaves a box alone when no widening raises the density', () => {
    const { X, y } = synthetic(2000);
    const exact = { lo: [0.7, -Infinity, -Infinity, -Infinity], hi: [Infinity, Infinity, 0.4, Infinity] };
    const pasted = primPaste(X, y, exact);
    expect(pasted.density).toBe(1);
    expect(pasted.box).toEqual(exact);
  });
});

describe('selectBox', () => {
  it('takes the densest box that still covers enough, preferring coverage when density is nearly the same', () => {
    const t = [{ coverage: 1, density: 0.1 }, { coverage: 0.8, density: 0.4 }, { coverage: 0.6, density: 0.41 }, { coverage: 0.3, density: 0.9 }] as TrajectoryBox[];
    expect(selectBox(t, 0.5)).toBe(t[1]);
    expect(selectBox(t, 0.5, 0)).toBe(t[2]);
    expect(selectBox(t, 0.2)).toBe(t[3]);
    expect(selectBox(t, 1)).toBe(t[0]);
  });
});

describe('simplifyBox', () => {
  it('drops ranges on noise inputs that barely change the density, keeps the real ones', () => {
    const { X, y } = synthetic(4000);
    const noisy = { lo: [0.7, 0.02, -Infinity, -Infinity], hi: [Infinity, Infinity, 0.4, 0.97] };
    const s = simplifyBox(X, y, noisy, { tolerance: 0.01, maxInputs: 3 });
    expect(restricted(s.box)).toEqual([0, 2]);
    expect(s.density).toBe(1);
  });

  it('keeps at most maxInputs ranges', () => {
    const { X, y } = synthetic(2000);
    const s = simplifyBox(X, y, { lo: [0.7, 0.1, -Infinity, 0.1], hi: [Infinity, 0.9, 0.4, 0.9] }, { tolerance: 0, maxInputs: 1 });
    expect(restricted(s.box)).toHaveLength(1);
  });
});

describe('describeRule', () => {
  it('says each kind of input in words', () => {
    expect(describeRule('factors.costOverrun', 'National cost overrun factor', 1.1534, null).text).toBe('the national cost overrun factor is at least 1.15');
    expect(describeRule('risks.harsh-winter', 'Risk: Harsh winter (occurrences)', 1, null).text).toBe('“Harsh winter” struck at least once');
    expect(describeRule('risks.harsh-winter', 'Risk: Harsh winter (occurrences)', null, 0).text).toBe('“Harsh winter” did not strike');
    expect(describeRule('settlementDefaults.backboneKm', 'Mean distance to the backbone (km)', null, 21.34).text).toBe('the mean distance to the backbone is at most 21.3 km');
    expect(describeRule('fibre.approval', 'Fibre right-of-way approval time', 0.5041, null).text).toBe('the fibre right-of-way approval time drawn for the villages is high on average (mean quantile at least 0.504; 0.5 is typical)');
    // A bound below the typical 0.5 leaves out only the low futures: 'not low', never 'high' (and the mirror image).
    expect(describeRule('fibre.nodeCost', 'Fibre node cost', 0.4901, null).text).toBe('the fibre node cost drawn for the villages is not low on average (mean quantile at least 0.490; 0.5 is typical)');
    expect(describeRule('fibre.nodeCost', 'Fibre node cost', null, 0.4901).text).toBe('the fibre node cost drawn for the villages is low on average (mean quantile at most 0.490; 0.5 is typical)');
    expect(describeRule('fibre.nodeCost', 'Fibre node cost', null, 0.5102).text).toBe('the fibre node cost drawn for the villages is not high on average (mean quantile at most 0.510; 0.5 is typical)');
    // Drawn once per future, not village by village: plain numbers, in the input's own terms.
    expect(describeRule('capacity.fibre.firstCrews', 'Fibre capacity: days to the first new crews (tender + mobilisation)', 135.544, null).text).toBe('the first new fibre crews take at least 136 days to arrive (tender and mobilisation)');
    expect(describeRule('capacity.fibre.tender', 'Fibre capacity: tender (days)', 40.2, 95.56).text).toBe("the fibre crews' tender takes between 40.2 and 95.6 days");
    expect(describeRule('capacity.fibre.mobilisation', 'Fibre capacity: mobilisation (days)', null, 61.04).text).toBe("the fibre crews' mobilisation takes at most 61 days");
    expect(describeRule('capacity.fibre.growthPerMonth', 'Fibre capacity: crews added a month at most', null, 2.716).text).toBe('at most 2.72 new fibre crews can be added a month');
    expect(describeRule('capacity.fibre.contracted', 'Fibre capacity: crews under contract', 20, 30).text).toBe('between 20 and 30 fibre crews are under contract');
    expect(describeRule('yearlyFactors.productivity.mean', 'Yearly productivity factor, mean over years', null, 1.0451).text).toBe('the yearly productivity factor, mean over years is at most 1.05');
    expect(describeRule('financing.kt.topUp.probability', 'Top-up granted: Kazakhtelecom', 1, null).text).toBe('the top-up of Kazakhtelecom was granted');
    expect(describeRule('inflation', 'Inflation (per year)', 0.081, null).text).toBe('the inflation (per year) is at least 0.081');
  });
});

const keys: [string, string][] = [['factors.costOverrun', 'National cost overrun factor'], ['factors.productivity', 'National productivity factor'], ['factors.permitDelay', 'National permit delay factor'], ['risks.x', 'Risk: Flood (occurrences)']];

describe('discover', () => {

  it('finds the known box in plain words, with coverage and density', () => {
    const { X, y } = synthetic(3000, 11, 0.02);
    const met = Uint8Array.from(y, (v) => 1 - v); // the box marks the futures that miss
    const d = discover('t', 'All by 2027', keys, X, met);
    expect(d.outcome).toBe('missed');
    expect(d.found).toBe(true);
    expect(d.rules.map((r) => r.input)).toEqual(['factors.costOverrun', 'factors.permitDelay']);
    expect(d.rules[0].lo).toBeGreaterThan(0.6);
    expect(d.rules[1].hi).toBeLessThan(0.5);
    // Against the true box on the same (noisy) data: 2 % of outcomes are flipped, so even it
    // covers only ~87 % of the cases, at a density of ~0.98.
    const ideal = boxStats(X, y, { lo: [0.7, -Infinity, -Infinity, -Infinity], hi: [Infinity, Infinity, 0.4, Infinity] });
    expect(d.coverage).toBeGreaterThan(0.9 * ideal.coverage);
    expect(d.density).toBeGreaterThan(ideal.density - 0.05);
    expect(d.sentence).toMatch(/^In \d+ % of the futures that miss “All by 2027”, the national cost overrun factor is at least 0\.\d+ and the national permit delay factor is at most 0\.\d+; \d+ % of the futures where all of that holds miss it, against \d+ % of all futures\. \(Found among half the futures, counted among the other half\.\)$/);
  });

  it('describes the futures that meet a target most futures miss', () => {
    const { X, y } = synthetic(2000, 5);
    const d = discover('t', 'Hard target', keys, X, y);
    expect(d.outcome).toBe('met');
    expect(d.sentence).toMatch(/^Most futures miss “Hard target” \(\d+ %\)\. In \d+ % of the futures that meet/);
  });

  it('says so when nothing stands out (outcome independent of the inputs), or there are too few cases', () => {
    const u = uniforms(9);
    const X = [0, 1, 2, 3].map(() => Float64Array.from({ length: 2000 }, () => u()));
    const met = Uint8Array.from({ length: 2000 }, () => (u() < 0.8 ? 1 : 0));
    const d = discover('t', 'Random', keys, X, met);
    expect(d.found).toBe(false);
    expect(d.sentence).toMatch(/^No combination of drawn inputs stands out/);
    expect(discover('t', 'Easy', keys, X, new Uint8Array(2000).fill(1)).sentence).toMatch(/^Every one of the 2,000 futures meets “Easy”/);
  });

  it('where every future misses, describes the quarter that reach least by the deadline (the shipped baseline’s case)', () => {
    // Every future misses; the share reached falls with the cost overrun (input 0) and with
    // a flood (input 3), plus noise: the lowest quarter is where the overrun is high.
    const u = uniforms(21);
    const X = [0, 1, 2, 3].map((k) => Float64Array.from({ length: 2000 }, () => (k === 3 ? (u() < 0.2 ? 1 : 0) : u())));
    const share = Float64Array.from({ length: 2000 }, (_, i) => 0.8 - 0.2 * X[0][i] - 0.02 * X[3][i] + 0.02 * u());
    const d = discover('t', 'All by 2027', keys, X, new Uint8Array(2000), share);
    expect(d.outcome).toBe('lowest');
    expect(d.found).toBe(true);
    expect(d.cases).toBe(500); // continuous shares: no ties at the quartile
    expect(d.baseRate).toBe(0.25);
    expect(d.threshold).toBeCloseTo(Float64Array.from(share).sort()[499], 12);
    expect(d.rules[0].input).toBe('factors.costOverrun');
    expect(d.rules[0].lo).toBeGreaterThan(0.6);
    expect(d.sentence).toMatch(/^Every one of the 2,000 futures misses “All by 2027”, so what is described is the quarter of the futures that reach least by its deadline \(a share of at most \d+\.\d %\)\. In \d+ % of them, the national cost overrun factor is at least 0\.\d+.*; \d+ % of the futures where (all of )?that holds are among them, against \d+ % of all futures\. \(Found among half the futures, counted among the other half\.\)$/);
    // A count target's caller words the bound in settlements.
    const counted = discover('t', 'All by 2027', keys, X, new Uint8Array(2000), share, { reached: (x) => `at most ${Math.round(x * 300)} settlements` });
    expect(counted.sentence).toContain(`(at most ${Math.round(d.threshold! * 300)} settlements)`);
    // Without the shares (or with shares that do not vary) it says there is nothing to tell apart, as before.
    expect(discover('t', 'All by 2027', keys, X, new Uint8Array(2000)).outcome).toBe('met'); // the (no) futures that meet it, as before
    expect(discover('t', 'All by 2027', keys, X, new Uint8Array(2000), new Float64Array(2000).fill(0.5)).sentence).toMatch(/^Every one of the 2,000 futures misses “All by 2027”: there is nothing to tell apart\.$/);
  });
});

describe('lowestQuarter', () => {
  it('marks the futures at or below the first quartile, ties included; none when the values do not vary', () => {
    const q = lowestQuarter(Float64Array.from({ length: 100 }, (_, i) => (i * 37) % 100))!;
    expect(q.threshold).toBe(24);
    expect(q.cases).toBe(25);
    expect(q.y[0]).toBe(1); // value 0
    expect(lowestQuarter(new Float64Array(100).fill(0.3))).toBeNull();
    // Ties at the quartile are all in: 40 futures at the lowest value.
    const tied = lowestQuarter(Float64Array.from({ length: 100 }, (_, i) => (i < 40 ? 0.1 : 0.2 + i / 1000)))!;
    expect(tied.cases).toBe(40);
  });
});

/** The data with point i repeated w[i] times: what whole-number weights stand for. */
function repeatedBy(X: Float64Array[], y: Uint8Array, w: Float64Array) {
  const idx: number[] = [];
  w.forEach((k, i) => { for (let t = 0; t < k; t++) idx.push(i); });
  return { X: X.map((c) => Float64Array.from(idx, (i) => c[i])), y: Uint8Array.from(idx, (i) => y[i]) };
}

describe('PRIM with weights (a conditioned run’s futures)', () => {
  const { X, y } = synthetic(600, 13, 0.05);
  const u = uniforms(17);
  const w = Float64Array.from({ length: 600 }, () => 1 + Math.floor(u() * 4)); // 1..4
  const r = repeatedBy(X, y, w);
  const box = { lo: [0.6, -Infinity, -Infinity, 0.1], hi: [Infinity, 0.95, 0.5, Infinity] };

  it('peels, pastes, simplifies and counts exactly as over the points repeated by their weights', () => {
    const weighted = primPeel(X, y, { alpha: 0.05, minSupport: 0.05, weights: w });
    const plain = primPeel(r.X, r.y, { alpha: 0.05, minSupport: 0.05 });
    expect(weighted.length).toBeGreaterThan(5);
    expect(weighted).toEqual(plain);
    expect(primPaste(X, y, box, { alpha: 0.05, weights: w })).toEqual(primPaste(r.X, r.y, box, { alpha: 0.05 }));
    expect(simplifyBox(X, y, box, { tolerance: 0.01, maxInputs: 2, weights: w })).toEqual(simplifyBox(r.X, r.y, box, { tolerance: 0.01, maxInputs: 2 }));
    expect(boxStats(X, y, box, w)).toEqual(boxStats(r.X, r.y, box));
    const share = Float64Array.from({ length: 600 }, (_, i) => Math.round(X[0][i] * 20) / 20); // ties at the quartile
    const q = lowestQuarter(share, w)!, qr = lowestQuarter(Float64Array.from(repeatedBy([share], y, w).X[0]))!;
    expect(q.threshold).toBe(qr.threshold);
    expect(q.cases).toBe(qr.cases);
  });

  it('is exactly PRIM over the repeated points when some weights are 0 (such a point is not there at all: no box bound falls on it)', () => {
    const w0 = Float64Array.from({ length: 600 }, () => Math.floor(u() * 4)); // 0..3
    expect(w0.filter((x) => x === 0).length).toBeGreaterThan(100);
    const r0 = repeatedBy(X, y, w0);
    expect(primPeel(X, y, { alpha: 0.05, minSupport: 0.05, weights: w0 })).toEqual(primPeel(r0.X, r0.y, { alpha: 0.05, minSupport: 0.05 }));
    expect(primPaste(X, y, box, { alpha: 0.05, weights: w0 })).toEqual(primPaste(r0.X, r0.y, box, { alpha: 0.05 }));
    expect(simplifyBox(X, y, box, { tolerance: 0.01, maxInputs: 2, weights: w0 })).toEqual(simplifyBox(r0.X, r0.y, box, { tolerance: 0.01, maxInputs: 2 }));
  });

  it('says a weighted count of futures against the effective total, and never “an effective 0” of futures that are there', () => {
    const big = synthetic(1000, 37);
    // Ten futures carry most of the weight: an effective ~12 of the 1,000.
    const heavy = Float64Array.from({ length: 1000 }, (_, i) => (i < 10 ? 1000 : 1));
    const one = Uint8Array.from({ length: 1000 }, (_, i) => (i === 500 ? 1 : 0)); // one light future meets it
    const d = discover('t', 'All by 2027', keys, big.X, one, undefined, { weights: heavy });
    expect(Math.round(d.effectiveRuns!)).toBe(12);
    expect(d.sentence).toBe('Only an effective 0.001 of an effective 12 futures (the 1,000 weighted by the observations) meet “All by 2027”: too few to find a pattern.');
    // Nearly every future misses: “all but” an effective few of the effective total, then the quarter that reach least.
    const even = Float64Array.from({ length: 1000 }, (_, i) => 1 + (i % 3));
    const three = Uint8Array.from({ length: 1000 }, (_, i) => (i % 300 === 0 ? 1 : 0)); // futures 0, 300, 600, 900: weight 1 + 1 + 1 + 1
    const q = discover('t', 'All by 2027', keys, big.X, three, big.X[0], { weights: even });
    const ess = Math.round(q.effectiveRuns!).toLocaleString('en-US');
    expect(q.outcome).toBe('lowest');
    expect(q.sentence.startsWith(`All but an effective 2 of an effective ${ess} futures (the 1,000 weighted by the observations) miss “All by 2027”, so what is described is the quarter`)).toBe(true);
  });

  it('says “the one future”, not “every one of the 1 futures”, when the observations leave a single one (and so does the report)', () => {
    const few = synthetic(50, 41);
    const single = Float64Array.from({ length: 50 }, (_, i) => (i === 7 ? 5 : 0));
    const d = discover('t', 'All by 2027', keys, few.X, new Uint8Array(50), undefined, { weights: single });
    expect(d.sentence).toBe('The one future weighted by the observations misses “All by 2027”: there is nothing to tell apart.');
    expect(discover('t', 'All by 2027', keys, few.X.map((c) => c.subarray(0, 1)), new Uint8Array(1)).sentence).toBe('The one future misses “All by 2027”: there is nothing to tell apart.');
    const section = discoverySection({ summary: {}, drivers: { runs: 50, effectiveRuns: 1, correlations: [], discovery: [d] } } as unknown as RunResult);
    expect(section).toContain('an effective 1 future, which the intervals rest on');
  });

  it('finds the box the weighted futures hold, where futures of weight 0 hide it (and says the count is effective)', () => {
    // The known box among 2,000 futures; 2,000 more of weight 0 that miss at random hide it unweighted.
    const real = synthetic(2000, 23, 0.01), noise = synthetic(2000, 29);
    const v = uniforms(31);
    const Xall = real.X.map((c, j) => Float64Array.from([...c, ...noise.X[j]]));
    const missed = Uint8Array.from([...real.y, ...Array.from({ length: 2000 }, () => (v() < 0.5 ? 1 : 0))]);
    const met = Uint8Array.from(missed, (m) => 1 - m);
    const weights = Float64Array.from({ length: 4000 }, (_, i) => (i < 2000 ? 1 + (i % 3) : 0));
    const d = discover('t', 'All by 2027', keys, Xall, met, undefined, { weights });
    const unweighted = discover('t', 'All by 2027', keys, Xall, met);
    expect(d.found).toBe(true);
    expect(d.runs).toBe(2000);
    expect(d.effectiveRuns).toBeCloseTo((667 + 667 * 2 + 666 * 3) ** 2 / (667 + 667 * 4 + 666 * 9), 6); // weights 1, 2, 3 in turn: (Σw)² / Σw²
    expect(d.rules.map((x) => x.input)).toEqual(['factors.costOverrun', 'factors.permitDelay']);
    expect(d.density).toBeGreaterThan(0.9);
    expect(unweighted.density).toBeLessThan(d.density - 0.2);
    expect(unweighted).not.toHaveProperty('effectiveRuns');
    // Every future of weight meets an easy target: the sentence counts them, effectively.
    const easy = discover('t', 'Easy', keys, Xall, Uint8Array.from(weights, (x) => (x > 0 ? 1 : 0)), undefined, { weights });
    expect(easy.sentence).toBe(`Every one of the 2,000 futures weighted by the observations (an effective ${Math.round(d.effectiveRuns!).toLocaleString('en-US')}) meets “Easy”: there is nothing to tell apart.`);
  });
});
