import { describe, it, expect } from 'vitest';
import type { ObservationInput } from '../../src/model/index.js';
import { allocate, observedInput, runObserved } from '../../src/montecarlo/index.js';
import { allocationSpace } from '../../src/montecarlo/allocation-slots.js';
import { allocationJson } from '../../src/report/index.js';
import { allocationHtml } from '../../src/report/html-allocation.js';
import { loadScenario } from '../../src/scenario/index.js';

// The small observation fixture (as goal-observed.test.ts): two regions, three 2026 counts.
const small = loadScenario('test/fixtures/observe/small.yaml');
const observed: ObservationInput[] = ['2026-03-31', '2026-06-30', '2026-09-30'].map((date, k) => ({ date, metric: 'fibre-count', value: [46, 90, 142][k] }));
const resource = { kind: 'crews' as const, technology: 'fibre' as const, total: 2, step: 1 };
const RUNS = 80;

describe('allocation conditioned on observations (allocate --observed)', () => {
  it('each split measured is weighted as `run --observed` weighs the scenario with it, and the page and allocation.json say so', async () => {
    const a = await allocate(small, { target: 'fibre-2026', resource, runs: RUNS, validation: RUNS, seed: 1, workers: 0, observed: { file: 'seen.csv', observations: observed } });
    const o = { observed, scored: [] };
    const conditioned = async (units: number[]) => {
      const input = allocationSpace(small.input, resource).apply(small.input, units);
      const r = await runObserved(observedInput(input, o), small.identity, { runs: RUNS, seed: 1, workers: 0 }, o);
      return r.summary.targets.find((t) => t.id === 'fibre-2026')!;
    };
    // Nothing added, on the futures used to choose (replications 0..RUNS-1): the conditioned run's chance.
    expect(a.searchBase).toBe((await conditioned([0, 0])).probability);
    // The first unit's split, there too: chance and interval.
    const first = a.slots.map((s) => (s.id === a.steps[0].slot ? 1 : 0));
    const one = await conditioned(first);
    expect(a.steps[0].probability).toBe(one.probability);
    expect(a.steps[0].ci95).toEqual(one.ci95);
    // Unconditioned, the same question gives other chances.
    const plain = await allocate(small, { target: 'fibre-2026', resource, runs: RUNS, validation: RUNS, seed: 1, workers: 0 });
    expect(plain.searchBase).not.toBe(a.searchBase);
    expect(plain.conditioning).toBeUndefined();
    expect(plain.chosen.effectiveRuns).toBeUndefined();
    // What it is conditioned on, everywhere it is read.
    expect(a.chosen.effectiveRuns).toBeGreaterThan(0);
    expect(a.chosen.effectiveRuns).toBeLessThan(RUNS);
    expect(a.sentence).toMatch(/Given what was observed \(3 observations in seen\.csv\)/);
    const json = JSON.parse(allocationJson(a));
    expect(json.conditioning).toMatchObject({ file: 'seen.csv', method: 'importance-weighting' });
    expect(json.compared.every((x: { effectiveRuns?: number }) => x.effectiveRuns! > 0)).toBe(true);
    const page = allocationHtml(a, []).replace(/<[^>]+>/g, '');
    expect(page).toContain('Given what was observed (3 observations in seen.csv)');
    expect(page).toContain('--observed seen.csv');
  }, 120_000);

  it('observations too vague to tell futures apart (an error of 1e9 villages) weigh every future the same: the unconditioned allocation', async () => {
    const vague = observed.map((x) => ({ ...x, sd: 1e9 }));
    const plain = await allocate(small, { target: 'fibre-2026', resource, runs: 40, validation: 40, seed: 1, workers: 0 });
    const a = await allocate(small, { target: 'fibre-2026', resource, runs: 40, validation: 40, seed: 1, workers: 0, observed: { file: 'vague.csv', observations: vague } });
    const strip = <T extends { effectiveRuns?: number }>({ effectiveRuns, ...x }: T) => { expect(effectiveRuns).toBe(40); return x; };
    expect(a.steps.map(strip)).toEqual(plain.steps);
    expect(strip(a.chosen)).toEqual(plain.chosen);
    expect([a.base, a.searchBase, a.chanceTies, a.changesNothing]).toEqual([plain.base, plain.searchBase, plain.chanceTies, plain.changesNothing]);
    expect(a.alternatives.map((x) => [x.probability, x.versusChosen.value, x.versusChosenReached.value])).toEqual(plain.alternatives.map((x) => [x.probability, x.versusChosen.value, x.versusChosenReached.value]));
  }, 120_000);
});
