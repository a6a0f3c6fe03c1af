import { describe, it, expect } from 'vitest';
import { compareScenarios, runMonteCarlo } from '../../src/montecarlo/index.js';
import { randomInput } from '../fixtures/random-input.js';

const id = (name: string) => ({ name, file: `${name}.yaml`, sha256: name });

describe('compare with common random numbers', () => {
  // Crew-bound: no budget limit, targets in the first summer.
  const base = randomInput();
  base.budget = {};
  base.targets = [
    { id: 'early', label: '60 % by July', metric: 'fibre-share', threshold: 0.6, deadline: '2026-06-30' },
    { id: 'late', label: '90 % by October', metric: 'fibre-share', threshold: 0.9, deadline: '2026-09-30' },
  ];
  const moreCrews = structuredClone(base);
  moreCrews.regions.forEach((r) => (r.crews.fibre = Math.round(r.crews.fibre * 1.5)));

  it('an option identical to the reference differs by exactly 0', async () => {
    const c = await compareScenarios([{ input: base, identity: id('base') }, { input: structuredClone(base), identity: id('same') }], { runs: 200, seed: 4 });
    for (const t of c.targets) {
      const d = t.differences[0];
      expect(d.probability.value).toBe(0);
      // No future disagrees: an interval around 0 (Newcombe's, for paired data), narrower than two independent runs would give.
      expect(d.probability.ci95[0]).toBe(-d.probability.ci95[1]);
      expect(d.probability.ci95[1]).toBeLessThanOrEqual(d.independentCi95[1]);
      expect(d.gained + d.lost).toBe(0);
      expect(d.valueAtDeadline.value).toBe(0);
    }
  }, 60_000);

  it("'all targets together' is over the targets every option has: one only an option has is named, not counted", async () => {
    // The same plan with one more target that is never met: the joint chance must not move.
    const extra = structuredClone(base);
    extra.targets = [...base.targets, { id: 'never', label: 'All by January', metric: 'fibre-share', threshold: 1, deadline: '2026-01-31' }];
    const c = await compareScenarios([{ input: base, identity: id('base') }, { input: extra, identity: id('extra') }], { runs: 200, seed: 4 });
    expect(c.targets.map((t) => t.id)).toEqual(['early', 'late']);
    expect(c.notCompared).toEqual([{ id: 'never', options: ['extra'] }]);
    expect(c.joint.perOption[1].probability.value).toBe(c.joint.perOption[0].probability.value);
    expect(c.joint.perOption[0].probability.value).toBeGreaterThan(0); // so a never-met target counted would have shown
    expect(c.joint.differences[0].probability.value).toBe(0);
    // Its own summary (and so its JCL) has every one of its targets: 0 with the never-met one.
    expect(c.options[1].result.summary.joint.probability).toBe(0);
  }, 60_000);

  it('an option that only adds crews never lowers the connected count in any replication', async () => {
    const runs = 300;
    const rows = async (input: typeof base) => {
      const values: number[][] = [];
      await runMonteCarlo(input, id('x'), {
        runs, seed: 8, onRows: (from, to, r) => {
          const w = r.length / (to - from);
          for (let k = 0; k < to - from; k++) values.push([r[k * w + 4 + 2], r[k * w + 4 + 3 + 2]]);
        },
      });
      return values;
    };
    const a = await rows(base), b = await rows(moreCrews);
    for (let r = 0; r < runs; r++) {
      expect(b[r][0]).toBeGreaterThanOrEqual(a[r][0]);
      expect(b[r][1]).toBeGreaterThanOrEqual(a[r][1]);
    }
    const c = await compareScenarios([{ input: base, identity: id('base') }, { input: moreCrews, identity: id('more-crews') }], { runs, seed: 8 });
    expect(c.targets[0].differences[0].lost).toBe(0);
    expect(c.targets[0].differences[0].probability.value).toBeGreaterThan(0);
  }, 60_000);

  it('pairing makes the interval of the difference narrower than two independent runs', async () => {
    const runs = 400;
    // A small change (one more crew in region A), so both options are uncertain.
    const oneMore = structuredClone(base);
    oneMore.regions[0].crews.fibre += 1;
    const c = await compareScenarios([{ input: base, identity: id('base') }, { input: oneMore, identity: id('one-more') }], { runs, seed: 11 });
    const d = c.targets[1].differences[0];
    const paired = d.probability.ci95[1] - d.probability.ci95[0];
    const independent = d.independentCi95[1] - d.independentCi95[0];
    expect(paired).toBeLessThan(independent * 0.8);
    // And really independent runs (different seeds) scatter more than paired ones:
    // the spread of the difference over repeated experiments.
    const diffs = async (pairedSeeds: boolean) => {
      const out: number[] = [];
      for (let k = 0; k < 6; k++) {
        const a = await runMonteCarlo(base, id('a'), { runs: 100, seed: 100 + k });
        const b = await runMonteCarlo(oneMore, id('b'), { runs: 100, seed: pairedSeeds ? 100 + k : 200 + k });
        out.push(b.summary.targets[1].probability - a.summary.targets[1].probability);
      }
      const m = out.reduce((x, y) => x + y, 0) / out.length;
      return Math.sqrt(out.reduce((s, x) => s + (x - m) ** 2, 0) / (out.length - 1));
    };
    expect(await diffs(true)).toBeLessThan(await diffs(false));
  }, 120_000);
});

describe('stop at the precision asked for', () => {
  it('adds replications until every half-width is small enough, and equals a plain run of that size', async () => {
    const input = randomInput();
    const r = await runMonteCarlo(input, id('p'), { runs: 100, seed: 5, precision: { halfWidth: 0.04, maxRuns: 5000 } });
    expect(r.precision?.reached).toBe(true);
    for (const t of r.summary.targets) expect((t.ci95[1] - t.ci95[0]) / 2).toBeLessThanOrEqual(0.04);
    const plain = await runMonteCarlo(input, id('p'), { runs: r.summary.runs, seed: 5 });
    expect(JSON.stringify(plain.summary)).toBe(JSON.stringify(r.summary));
    // The convergence trace ends at the final estimate.
    const last = r.convergence.filter((p) => p.runs === r.summary.runs);
    expect(last.map((p) => p.probability)).toEqual(r.summary.targets.map((t) => t.probability));
  }, 60_000);

  it('stops at the maximum and says so', async () => {
    const r = await runMonteCarlo(randomInput(), id('p'), { runs: 50, seed: 5, precision: { halfWidth: 0.001, maxRuns: 300 } });
    expect(r.summary.runs).toBe(300);
    expect(r.precision?.reached).toBe(false);
  }, 60_000);
});
