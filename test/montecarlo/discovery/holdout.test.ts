import { describe, it, expect } from 'vitest';
import { discover } from '../../../src/montecarlo/discovery/discover.js';
import { pruneBox } from '../../../src/montecarlo/discovery/prune-box.js';
import { splitHalves } from '../../../src/montecarlo/discovery/split-halves.js';
import { uniforms } from '../../helpers/uniform-stream.js';

/** As many inputs as the shipped baseline's discovery looks at (38), each uniform on [0, 1]. */
const INPUTS = 38;
const keys: [string, string][] = Array.from({ length: INPUTS }, (_, j) => [`factors.x${j}`, `Input ${j}`]);
const columns = (n: number, u: () => number) => Array.from({ length: INPUTS }, () => Float64Array.from({ length: n }, () => u()));

describe('splitHalves', () => {
  it('gives the even-numbered futures to the search and the odd-numbered to the check, each keeping its weight', () => {
    const { find, check } = splitHalves(Float64Array.of(1, 2, 3, 4, 5));
    expect(Array.from(find)).toEqual([1, 0, 3, 0, 5]);
    expect(Array.from(check)).toEqual([0, 2, 0, 4, 0]);
  });
});

describe('pruneBox', () => {
  it('drops a range that adds nothing among the checking futures and keeps the ones that do', () => {
    // The outcome is x0 > 0.7 and x2 < 0.4 (plus 2 % flipped); x1 is noise.
    const u = uniforms(5);
    const n = 4000;
    const X = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => u()));
    const y = Uint8Array.from({ length: n }, (_, i) => ((X[0][i] > 0.7 && X[2][i] < 0.4) !== (u() < 0.02) ? 1 : 0));
    const { check } = splitHalves(new Float64Array(n).fill(1));
    const pruned = pruneBox(X, y, { lo: [0.7, 0.2, -Infinity], hi: [Infinity, Infinity, 0.4] }, check);
    expect(pruned).toEqual({ lo: [0.7, -Infinity, -Infinity], hi: [Infinity, Infinity, 0.4] });
    // A box of noise alone loses every range.
    expect(pruneBox(X, y, { lo: [-Infinity, 0.3, -Infinity], hi: [Infinity, 0.8, Infinity] }, check)).toEqual({ lo: [-Infinity, -Infinity, -Infinity], hi: [Infinity, Infinity, Infinity] });
  });
});

describe('discover among many inputs (found among half the futures, checked among the other half)', () => {
  it('finds nothing in futures whose outcome has nothing to do with their inputs (searched and judged on the same futures, PRIM "found" a box in most of them)', () => {
    let found = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const u = uniforms(seed * 101);
      const X = columns(400, u);
      const met = Uint8Array.from({ length: 400 }, () => (u() < 0.75 ? 1 : 0));
      const d = discover('t', 'By 2027', keys, X, met);
      if (d.found) found++;
      else expect(d.sentence).toMatch(/^No combination of drawn inputs stands out among the futures that miss “By 2027”/);
    }
    // At most 2 of 20: each box is tested once, at 2.5 %, on futures it was not found in.
    expect(found).toBeLessThanOrEqual(2);
  });

  it('says what stood out among the searched half and did not hold among the other', () => {
    // Every future misses; the shares reached are noise: the quarter that reach least is any quarter.
    const notes: string[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const u = uniforms(seed * 7);
      const X = columns(400, u);
      const d = discover('t', 'By 2027', keys, X, new Uint8Array(400), Float64Array.from({ length: 400 }, () => u()));
      expect(d.found).toBe(false);
      expect(d.outcome).toBe('lowest');
      if (d.check) notes.push(d.sentence);
      if (d.check) expect(d.check.held).toBe(false);
    }
    // Most of the time something stands out among the 200 futures searched: it is named as chance.
    expect(notes.length).toBeGreaterThan(0);
    for (const s of notes) expect(s).toMatch(/\(What stood out among half of them — .+ — did not hold among the other half: it may be chance alone\.\)$/);
  });

  it('finds the inputs that matter among 36 that do not, and names no passenger', () => {
    // The futures that miss: input 3 above 0.6 and input 20 below 0.5, 10 % of outcomes flipped.
    const u = uniforms(77);
    const n = 1000;
    const X = columns(n, u);
    const missed = Uint8Array.from({ length: n }, (_, i) => ((X[3][i] > 0.6 && X[20][i] < 0.5) !== (u() < 0.1) ? 1 : 0));
    const d = discover('t', 'By 2027', keys, X, Uint8Array.from(missed, (m) => 1 - m));
    expect(d.found).toBe(true);
    expect(d.rules.map((r) => r.input).sort()).toEqual(['factors.x20', 'factors.x3']);
    // Its figures are the checking half's: 500 futures, the box's density inside its interval, well above the base rate.
    expect(d.check!.futures).toBe(500);
    expect(d.check!.held).toBe(true);
    expect(d.density).toBeGreaterThanOrEqual(d.check!.densityCi95[0]);
    expect(d.density).toBeLessThanOrEqual(d.check!.densityCi95[1]);
    expect(d.check!.densityCi95[0]).toBeGreaterThan(d.check!.baseRate + 0.3);
    expect(d.sentence).toMatch(/\. \(Found among half the futures, counted among the other half\.\)$/);
  });

  it('counts a conditioned run’s halves by their weights: the check gives its effective number', () => {
    const u = uniforms(99);
    const n = 1000;
    const X = columns(n, u);
    const missed = Uint8Array.from({ length: n }, (_, i) => (X[7][i] > 0.5 ? 1 : 0));
    const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 4)); // odd i: 2 and 4 in turn
    const d = discover('t', 'By 2027', keys, X, Uint8Array.from(missed, (m) => 1 - m), undefined, { weights: w });
    expect(d.found).toBe(true);
    expect(d.rules.map((r) => r.input)).toEqual(['factors.x7']);
    expect(d.check!.effectiveRuns).toBeCloseTo((250 * 2 + 250 * 4) ** 2 / (250 * 4 + 250 * 16), 9);
  });
});
