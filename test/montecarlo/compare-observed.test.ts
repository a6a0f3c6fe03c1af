import { describe, it, expect } from 'vitest';
import { compileModel, type ModelInput, type ObservationInput } from '../../src/model/index.js';
import { compareScenarios, observedInput, runObserved, type ComparisonResult } from '../../src/montecarlo/index.js';
import { weightMoved } from '../../src/montecarlo/compare.js';
import { RowLayout } from '../../src/montecarlo/rows.js';
import { loadScenario } from '../../src/scenario/index.js';
import { comparisonJson } from '../../src/report/index.js';
import { comparisonHtml } from '../../src/report/html-comparison.js';
import { compareDifferencesSpec, compareProbabilitySpec } from '../../src/report/charts/compare.js';

// The small observation fixture: 200 villages, a really uncertain national productivity,
// so counts in 2026 say much about the end of the year (as in conditioning.test.ts).
const small = loadScenario('test/fixtures/observe/small.yaml');
const DATES = ['2026-03-31', '2026-06-30', '2026-09-30'];
const observed: ObservationInput[] = DATES.map((date, k) => ({ date, metric: 'fibre-count', value: [46, 90, 142][k] }));
const obs = { observed, scored: [] };

/** An option: one more fibre crew in each region from the start (so before the observations). */
const moreCrews: ModelInput = structuredClone(small.input);
moreCrews.regions.forEach((r) => (r.crews.fibre = (r.crews.fibre ?? 0) + 1));
/** Another: two more in each region from 1 Oct 2026, after the last observation. */
const later: ModelInput = structuredClone(small.input);
later.crewChanges = [...(later.crewChanges ?? []), { date: '2026-10-01', technology: 'fibre', add: 2 }];
const id = (name: string) => ({ name, file: `${name}.yaml`, sha256: name });
const RUNS = 150;

async function compare(workers = 0, withObs = true): Promise<ComparisonResult> {
  return compareScenarios([
    { input: small.input, identity: id('base'), ...(withObs ? { observed: obs } : {}) },
    { input: moreCrews, identity: id('crews'), ...(withObs ? { observed: obs } : {}) },
  ], { runs: RUNS, seed: 1, workers, observedFile: 'seen.csv' });
}

describe('compare conditioned on observations (compare --observed)', () => {
  it('each option\'s figures are its own conditioned run\'s, with the unconditioned chance as its prior', async () => {
    const c = await compare();
    const plain = await compare(0, false);
    const alone = await runObserved(observedInput(moreCrews, obs), id('crews'), { runs: RUNS, seed: 1, workers: 0 }, obs);
    for (const t of c.targets) {
      const k = alone.summary.targets.findIndex((x) => x.id === t.id);
      expect(t.perOption[1].probability.value).toBeCloseTo(alone.summary.targets[k].probability, 6);
      expect(t.perOption[1].valueAtDeadline).toEqual(alone.summary.targets[k].valueAtDeadline);
      const p = plain.targets.find((x) => x.id === t.id)!;
      expect(t.perOption.map((o) => o.prior)).toEqual(p.perOption.map((o) => o.probability));
    }
    // All targets together too: its chance before the observations is the unconditioned one.
    expect(c.joint.perOption.map((o) => o.prior)).toEqual(plain.joint.perOption.map((o) => o.probability));
    expect(plain.joint.perOption[0]).not.toHaveProperty('prior');
    expect(c.conditioned!.perOption.map((p) => p.observations)).toEqual([3, 3]);
    expect(c.conditioned!.perOption[1].effectiveSampleSize).toBeCloseTo(alone.summary.conditioning!.effectiveSampleSize, 9);
    // The observations do weigh: far fewer effective futures than runs.
    expect(c.conditioned!.perOption[0].effectiveSampleSize).toBeLessThan(RUNS * 0.8);
  }, 120_000);

  it('the paired differences are the weighted ones, computed here from the rows and weights of the runs', async () => {
    const c = await compareScenarios([
      { input: small.input, identity: id('base'), observed: obs },
      { input: moreCrews, identity: id('crews'), observed: obs },
      { input: later, identity: id('later'), observed: obs },
    ], { runs: RUNS, seed: 1, workers: 0 });
    // Each option alone: its runs.csv rows (the prior pass) and its weights.
    const rowsAndWeights = async (input: ModelInput) => {
      const oi = observedInput(input, obs);
      const L = RowLayout.of(compileModel(oi));
      const met: number[][] = [], values: number[][] = [];
      const r = await runObserved(oi, id('x'), {
        runs: RUNS, seed: 1, workers: 0,
        onRows: (from, to, rows) => {
          for (let i = 0; i < to - from; i++) {
            met.push([0, 1].map((t) => rows[i * L.width + L.met(t)]));
            values.push([0, 1].map((t) => rows[i * L.width + L.countAtDeadline(t)] / 200));
          }
        },
      }, obs);
      const w = Array.from(r.conditioning!.weights), W = w.reduce((x, y) => x + y, 0);
      return { met, values, v: w.map((x) => x / W) };
    };
    const ref = await rowsAndWeights(small.input);
    const each = [await rowsAndWeights(moreCrews), await rowsAndWeights(later)];
    // More crews from the start change what the observations make likely; a change after them does not.
    expect(each[0].v).not.toEqual(ref.v);
    expect(each[1].v).toEqual(ref.v);
    each.forEach((a, k) => {
      const b = ref;
      c.targets.forEach((t, ti) => {
        let pa = 0, pb = 0, va = 0, vb = 0, gained = 0, lost = 0, sq = 0;
        for (let i = 0; i < RUNS; i++) {
          pa += a.v[i] * a.met[i][ti]; pb += b.v[i] * b.met[i][ti];
          va += a.v[i] * a.values[i][ti]; vb += b.v[i] * b.values[i][ti];
          const mean = (a.v[i] + b.v[i]) / 2;
          sq += mean * mean;
          if (a.met[i][ti] && !b.met[i][ti]) gained += mean;
          if (!a.met[i][ti] && b.met[i][ti]) lost += mean;
        }
        const d = t.differences[k];
        expect(d.probability.value).toBeCloseTo(pa - pb, 6);
        expect(d.valueAtDeadline.value).toBeCloseTo(va - vb, 6);
        // Gained and lost in effective futures: the weighted shares times the effective number.
        expect(d.effectiveRuns).toBeCloseTo(1 / sq, 4);
        expect(d.gained).toBeCloseTo(gained / sq, 4);
        expect(d.lost).toBeCloseTo(lost / sq, 4);
      });
    });
    // Two more crews from October: more of 2026's target met, in the same futures as the reference
    // weighted alike, so the difference is exactly gained minus lost over the effective number.
    const d = c.targets.find((t) => t.id === 'fibre-2026')!.differences[1];
    expect(d.probability.ci95[0]).toBeGreaterThan(0);
    expect(d.probability.value).toBeCloseTo((d.gained - d.lost) / d.effectiveRuns!, 5);
    // More crews from the start weigh them differently: gained / lost (by the mean weight) do not add up to the difference (README).
    const e = c.targets.find((t) => t.id === 'fibre-2026')!.differences[0];
    expect(Math.abs((e.gained - e.lost) / e.effectiveRuns! - e.probability.value)).toBeGreaterThan(0.1);
    expect(c.conditioned!.perOption.map((p) => p.weighsLikeReference)).toEqual([true, false, true]);
    // How much: the crews from the start move most of the weight; the change after the observations none.
    const moved = c.conditioned!.perOption.map((p) => p.weightMoved);
    expect(moved[0]).toBe(0);
    expect(moved[1]).toBeGreaterThan(0.5);
    expect(moved[2]).toBe(0);
    const half = (xs: number[]) => Float64Array.from(xs);
    expect(weightMoved(half([3, 1]), null, 2)).toBe(0.25);
    expect(weightMoved(half([6, 2]), half([3, 1]), 2)).toBe(0); // the scale says nothing
  }, 120_000);

  it('is byte-identical on 0 and 2 workers, and says it is conditioned in comparison.json and the report', async () => {
    const a = await compare(0), b = await compare(2);
    expect(comparisonJson(b)).toBe(comparisonJson(a));
    const json = JSON.parse(comparisonJson(a));
    expect(json.conditioning.observed).toBe('seen.csv');
    expect(json.conditioning.options.map((o: { name: string; observations: number }) => [o.name, o.observations])).toEqual([['base', 3], ['crews', 3]]);
    expect(json.targets[0].options[0].prior.probability).toBeTypeOf('number');
    expect(json.conditioning.options.map((o: { weightMoved: number }) => o.weightMoved)).toEqual(a.conditioned!.perOption.map((p) => p.weightMoved));
    expect(json.targets[0].differences[0].effectiveRuns).toBeLessThan(RUNS);
    const html = comparisonHtml(a, []);
    expect(html).toContain('Conditioned on what was observed');
    expect(html).toContain('before the observations:');
    expect(html).toContain('--observed seen.csv');
    // Without observations none of it appears.
    const plain = comparisonJson(await compare(0, false));
    expect(plain).not.toContain('conditioning');
    expect(plain).not.toContain('effectiveRuns');
    expect(plain).not.toContain('"prior"');
  }, 180_000);

  it('the charts say gained / lost in effective futures, as the table does, and the shares weighted', async () => {
    const c = await compare();
    const d = c.targets[0].differences[0];
    const diff = JSON.stringify(compareDifferencesSpec(c));
    // The table's "37 / 0 of an effective 75", not whole futures "of 150".
    expect(diff).toContain(`of an effective ${+d.effectiveRuns!.toFixed(1)} futures`);
    expect(diff).not.toContain(`of ${RUNS} futures`);
    expect(diff).toContain('weighted, in effective futures');
    expect(JSON.stringify(compareProbabilitySpec(c))).toContain(`the share of the ${RUNS} simulated futures, each weighted by how likely it makes what was observed`);
  }, 120_000);

  it('refuses observations for some options only', async () => {
    await expect(compareScenarios([
      { input: small.input, identity: id('base'), observed: obs },
      { input: moreCrews, identity: id('crews') },
    ], { runs: 10, seed: 1, workers: 0 })).rejects.toThrow(/every option or to none/);
  });
});
