import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { goalSearch } from '../../src/montecarlo/goal-search.js';

/**
 * A monotone model in closed form: replication i meets the target at candidate k exactly
 * when k >= threshold[i] (more of the lever never loses a future). On any set of
 * replications the probability at k is the share of thresholds <= k, so the least
 * candidate meeting p on the first n replications can be computed directly.
 */
const monotone = (thresholds: number[]) => async (k: number, from: number, to: number) =>
  Uint8Array.from({ length: to - from }, (_, j) => (k >= thresholds[from + j] ? 1 : 0));

const share = (thresholds: number[], k: number, n: number) => thresholds.slice(0, n).filter((t) => t <= k).length / n;

describe('goal search over candidates with common random numbers', () => {
  it('finds the example’s answer: replication i meets from candidate i mod 10', async () => {
    const thresholds = Array.from({ length: 400 }, (_, i) => i % 10);
    const r = await goalSearch({ size: 10, probability: 0.7, runs: 100, maxRuns: 400, evaluate: monotone(thresholds) });
    expect(r).toMatchObject({ found: true, index: 6, below: 5, crossings: 0 });
    expect(r.met / r.runs).toBeCloseTo(0.7, 10);
    expect(r.metBelow! / r.runs).toBeCloseTo(0.6, 10);
  });

  it('property: on a monotone lever the answer is exactly the least candidate reaching p on the replications it reports, and the one below never does', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      fc.integer({ min: 5, max: 60 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      async (size, p, runs, doublings, seed) => {
        const maxRuns = runs * 2 ** doublings;
        // Thresholds spread over the candidates (and beyond: some futures never meet it).
        let s = seed;
        const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const thresholds = Array.from({ length: maxRuns }, () => Math.floor(rnd() * (size + 2)) - 1);
        const r = await goalSearch({ size, probability: p, runs, maxRuns, evaluate: monotone(thresholds) });
        const n = r.runs;
        expect(r.crossings).toBe(0);
        if (r.found) {
          // The reported value meets p and every lower candidate does not, on the same n replications.
          expect(share(thresholds, r.index, n)).toBeGreaterThanOrEqual(p);
          expect(r.met / n).toBe(share(thresholds, r.index, n));
          for (let k = 0; k < r.index; k++) expect(share(thresholds, k, n)).toBeLessThan(p);
          if (r.index > 0) expect(r.below).toBe(r.index - 1);
          if (r.below !== null) expect(r.metBelow! / n).toBeLessThan(p);
        } else {
          // Nothing meets p: the top of the range does not, on the replications reported.
          expect(share(thresholds, size - 1, n)).toBeLessThan(p);
          expect(r.index).toBe(size - 1);
        }
        // Never more replications at one candidate than allowed.
        for (const step of r.steps) expect(step.runs).toBeLessThanOrEqual(maxRuns);
      },
    ), { numRuns: 300 });
  });

  it('when nothing meets p, reports the top of a monotone range on the replications it failed on, not the bottom on fewer', async () => {
    // Found by the property above (fast-check seed 1480473417): the bottom was decided on 33
    // replications (0.758) and the top on 132 (0.750), and the bottom was reported as the
    // best reached. On the same 33 replications the top meets 29 (0.879).
    let s = 586263769;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const thresholds = Array.from({ length: 132 }, () => Math.floor(rnd() * 4) - 1);
    const r = await goalSearch({ size: 2, probability: 0.87168286622825, runs: 33, maxRuns: 132, evaluate: monotone(thresholds) });
    expect(r).toMatchObject({ found: false, index: 1, runs: 132, met: 99 });
    expect(r.steps).toContainEqual(expect.objectContaining({ index: 1, runs: 132, met: 99, meets: false }));
  });

  it('property: even when the model is not monotone, the reported value meets p and the one below does not, on the same replications', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 2, max: 30 }),
      fc.double({ min: 0.1, max: 0.9, noNaN: true }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      async (size, p, seed) => {
        let s = seed;
        const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const table = Array.from({ length: size }, () => Array.from({ length: 200 }, () => (rnd() < 0.3 + 0.5 * rnd() ? 1 : 0)));
        const r = await goalSearch({ size, probability: p, runs: 50, maxRuns: 200, evaluate: async (k, from, to) => Uint8Array.from(table[k].slice(from, to)) });
        if (r.found) {
          expect(r.met / r.runs).toBeGreaterThanOrEqual(p);
          if (r.below !== null) expect(r.metBelow! / r.runs).toBeLessThan(p);
        } else expect(r.met / r.runs).toBeLessThan(p);
      },
    ), { numRuns: 200 });
  });

  it('spends more replications only where the decision is close', async () => {
    // Candidate k meets with probability k / 10 (exactly, over each block of 10 replications).
    const evaluate = async (k: number, from: number, to: number) => Uint8Array.from({ length: to - from }, (_, j) => (((from + j) * 7) % 10 < k ? 1 : 0));
    const r = await goalSearch({ size: 11, probability: 0.5, runs: 40, maxRuns: 640, evaluate });
    expect(r).toMatchObject({ found: true, index: 5, below: 4 });
    const runsAt = (k: number) => Math.max(...r.steps.filter((s) => s.index === k).map((s) => s.runs));
    expect(runsAt(10)).toBe(40);     // far from the goal: one batch
    expect(runsAt(5)).toBe(640);     // exactly on it: as many as allowed
  });

  it('says when nothing in the range reaches the probability, and when the first candidate already does', async () => {
    const none = await goalSearch({ size: 5, probability: 0.9, runs: 100, maxRuns: 100, evaluate: monotone(Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : 99))) });
    expect(none).toMatchObject({ found: false, index: 4, below: null });
    expect(none.met).toBe(50);
    const first = await goalSearch({ size: 5, probability: 0.5, runs: 100, maxRuns: 100, evaluate: monotone(Array.from({ length: 100 }, () => 0)) });
    expect(first).toMatchObject({ found: true, index: 0, below: null });
  });

  it('a lever that loses futures as it grows: the bottom meets, the top does not — the bottom is the answer', async () => {
    // Candidate k meets in every future up to k = 1, in none from 2 on (the fuzz: offices 0.5 at 95 %, 3.75 at 62.5 %).
    const falling = async (k: number, from: number, to: number) => new Uint8Array(to - from).fill(k <= 1 ? 1 : 0);
    const r = await goalSearch({ size: 5, probability: 0.8, runs: 40, maxRuns: 40, evaluate: falling });
    expect(r).toMatchObject({ found: true, index: 0, below: null, met: 40 });
    expect(r.steps.filter((x) => x.meets).map((x) => x.index)).toEqual([0]);
  });
});

describe('goal search weighted by observations (goal --observed)', () => {
  const thresholds = Array.from({ length: 400 }, (_, i) => i % 10);
  /** The monotone model above, each replication with its log-likelihood of some observations. */
  const weighted = (ll: (i: number) => number) => async (k: number, from: number, to: number) =>
    ({ met: await monotone(thresholds)(k, from, to), logLikelihood: Float64Array.from({ length: to - from }, (_, j) => ll(from + j)) });

  it('equal likelihoods change nothing: the same answer, steps and chances as unweighted, each with every replication effective', async () => {
    const plain = await goalSearch({ size: 10, probability: 0.75, runs: 100, maxRuns: 400, evaluate: monotone(thresholds) });
    const even = await goalSearch({ size: 10, probability: 0.75, runs: 100, maxRuns: 400, evaluate: weighted(() => -3.2) });
    expect(even.index).toBe(plain.index);
    expect(even.steps.map((s) => [s.index, s.runs, s.probability, s.ci95, s.meets])).toEqual(plain.steps.map((s) => [s.index, s.runs, s.probability, s.ci95, s.meets]));
    expect(even.steps.every((s) => s.effectiveRuns === s.runs)).toBe(true);
    expect(plain.steps.every((s) => s.effectiveRuns === undefined)).toBe(true);
  });

  it('observations that rule out the odd replications move the answer to what the even ones alone give (worked by hand)', async () => {
    // Unweighted, P(k) = (k + 1) / 10: the least k with P >= 0.75 is 7 (0.8). The even
    // replications meet from k = 0, 2, 4, 6, 8 alike: P(k) = #{0, 2, 4, 6, 8 <= k} / 5, so 6
    // gives 0.8 and 5 gives 0.6; the odd ones weigh 0 (a log-likelihood of -1000).
    const plain = await goalSearch({ size: 10, probability: 0.75, runs: 100, maxRuns: 400, evaluate: monotone(thresholds) });
    expect(plain).toMatchObject({ found: true, index: 7, below: 6 });
    const r = await goalSearch({ size: 10, probability: 0.75, runs: 100, maxRuns: 400, evaluate: weighted((i) => (i % 2 === 0 ? 0 : -1000)) });
    expect(r).toMatchObject({ found: true, index: 6, below: 5 });
    expect(r.estimate.probability).toBeCloseTo(0.8, 12);
    expect(r.estimateBelow!.probability).toBeCloseTo(0.6, 12);
    // Half the futures weigh nothing: the effective sample size is half the runs, and the interval is Wilson's at it.
    expect(r.estimate.effectiveRuns).toBe(r.runs / 2);
    const { wilson } = await import('../../src/montecarlo/wilson.js');
    expect(r.estimate.ci95).toEqual(wilson(0.8 * (r.runs / 2), r.runs / 2));
    // The raw counts stay what they are (crossings are counted on them): 0 on a monotone model.
    expect(r.crossings).toBe(0);
  });
});
