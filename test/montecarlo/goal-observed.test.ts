import { describe, it, expect } from 'vitest';
import type { ModelInput, ObservationInput } from '../../src/model/index.js';
import { observedInput, runObserved } from '../../src/montecarlo/index.js';
import { goalSeek } from '../../src/montecarlo/goal.js';
import { buildLever } from '../../src/montecarlo/levers.js';
import { goalJson } from '../../src/report/index.js';
import { goalHtml } from '../../src/report/html-goal.js';
import { goalSearchSpec } from '../../src/report/charts/goal-search.js';
import { loadScenario } from '../../src/scenario/index.js';

// The small observation fixture (as compare-observed.test.ts): 200 villages, a really
// uncertain national productivity, so 2026's counts say much about the end of the year.
const small = loadScenario('test/fixtures/observe/small.yaml');
const observed: ObservationInput[] = ['2026-03-31', '2026-06-30', '2026-09-30'].map((date, k) => ({ date, metric: 'fibre-count', value: [46, 90, 142][k] }));
const seen = { file: 'seen.csv', observations: observed };
const RUNS = 100;

/** `run --observed` of the scenario with the lever at `value`, on `runs` replications: the chance of target `id`. */
async function conditionedRun(input: ModelInput, lever: ReturnType<typeof buildLever>, value: number, runs: number, id: string) {
  const o = { observed, scored: [] };
  const r = await runObserved(observedInput(lever.apply(input, value), o), small.identity, { runs, seed: 1, workers: 0 }, o);
  const t = r.summary.targets.find((x) => x.id === id)!;
  return { probability: t.probability, ci95: t.ci95, ess: r.summary.conditioning!.effectiveSampleSize };
}

describe('goal seek conditioned on observations (goal --observed)', () => {
  it('the answer and the value below have the chances `run --observed` gives the scenario with the lever there, on the same replications', async () => {
    const g = await goalSeek(small, { target: 'fibre-2026', probability: 0.6, lever: 'fibre-crews', range: [0.5, 3], runs: RUNS, seed: 1, workers: 0, observed: seen });
    expect(g.found).toBe(true);
    const lever = buildLever(small.input, 'fibre-crews', { range: [0.5, 3] });
    const at = await conditionedRun(small.input, lever, g.value, g.runs, 'fibre-2026');
    expect(g.achieved.probability).toBe(at.probability);
    expect(g.achieved.ci95).toEqual(at.ci95);
    expect(g.conditioning!.summary.effectiveSampleSize).toBeCloseTo(at.ess, 3);
    const below = await conditionedRun(small.input, lever, g.below!.value, g.runs, 'fibre-2026');
    expect(g.below!.probability).toBe(below.probability);
    // Unconditioned, the same question gives other chances: the observations do weigh.
    const plain = await goalSeek(small, { target: 'fibre-2026', probability: 0.6, lever: 'fibre-crews', range: [0.5, 3], runs: RUNS, seed: 1, workers: 0 });
    expect(plain.search.find((c) => c.value === g.value)!.probability).not.toBe(g.achieved.probability);
    expect(plain.conditioning).toBeUndefined();
    // Crews from the start change what the model would have built by the observations' dates: the values weigh their futures differently, and it says so.
    const eff = g.search.map((c) => c.effectiveRuns! / c.runs);
    expect(Math.max(...eff)).toBeGreaterThan(2 * Math.min(...eff));
    expect(g.conditioning!.summary.warnings.map((w) => w.message).join(' ')).toMatch(/acts from the scenario's start, before the observations' dates/);
    // goal.json and goal.html say what it is conditioned on.
    const json = JSON.parse(goalJson(g));
    expect(json.conditioning).toMatchObject({ file: 'seen.csv', method: 'importance-weighting' });
    expect(json.conditioning.observations).toHaveLength(3);
    // An answer found: the contract's value is it, and achieved says the chance there.
    expect(json.found).toBe(true);
    expect(json.value).toBe(g.value);
    expect(json.achieved.value).toBe(g.value);
    expect(json.search.every((c: { effectiveRuns?: number }) => c.effectiveRuns! > 0)).toBe(true);
    const page = goalHtml(g, []).replace(/<[^>]+>/g, '');
    expect(page).toContain('Given what was observed (3 observations in seen.csv)');
    expect(page).toContain('--observed seen.csv');
    expect(g.sentence).toMatch(/Given what was observed \(3 observations in seen\.csv\)/);
    expect(JSON.stringify(goalSearchSpec(g))).toContain('weighted by what was seen (seen.csv)');
    expect(JSON.stringify(goalSearchSpec(plain))).not.toContain('weighted by what was seen');
  }, 120_000);

  it('a lever that acts after the last observation leaves every value the same weights: the same effective futures everywhere, no warning about the lever', async () => {
    const later: ModelInput = structuredClone(small.input);
    later.crewChanges = [{ date: '2026-10-01', technology: 'fibre', add: 1 }];
    const base = { input: later, identity: small.identity };
    const g = await goalSeek(base, { target: 'fibre-2027', probability: 0.5, lever: 'path:crewChanges.0.add', range: [0, 20], runs: RUNS, seed: 1, workers: 0, observed: seen });
    // Common random numbers: up to 1 Oct 2026 every value simulates the same futures, so the observations weigh each the same.
    const byRuns = new Map<number, number>();
    for (const c of g.search) {
      if (byRuns.has(c.runs)) expect(c.effectiveRuns).toBe(byRuns.get(c.runs));
      else byRuns.set(c.runs, c.effectiveRuns!);
    }
    expect(g.conditioning!.summary.warnings.some((w) => /acts from the scenario's start/.test(w.message))).toBe(false);
  }, 120_000);

  it('observations too vague to tell futures apart (an error of 1e9 villages) weigh every future the same: the unconditioned search, step for step', async () => {
    const vague = observed.map((x) => ({ ...x, sd: 1e9 }));
    const plain = await goalSeek(small, { target: 'fibre-2026', probability: 0.6, lever: 'fibre-crews', range: [0.5, 3], runs: 60, seed: 1, workers: 0 });
    const g = await goalSeek(small, { target: 'fibre-2026', probability: 0.6, lever: 'fibre-crews', range: [0.5, 3], runs: 60, seed: 1, workers: 0, observed: { file: 'vague.csv', observations: vague } });
    expect(g.search.map(({ effectiveRuns, ...c }) => { expect(effectiveRuns).toBe(c.runs); return c; })).toEqual(plain.search);
    expect([g.value, g.achieved, g.below]).toEqual([plain.value, plain.achieved, plain.below]);
  }, 120_000);

  it('the same answer, to the byte, on this thread and on two workers', async () => {
    const ask = (workers: number) => goalSeek(small, { target: 'fibre-2026', probability: 0.6, lever: 'fibre-crews', range: [0.5, 3], runs: 50, seed: 3, workers, observed: seen });
    expect(goalJson(await ask(2))).toBe(goalJson(await ask(0)));
  }, 120_000);

  it('observations that all fall before the run: nothing weighs, the plain answer, and it says so', async () => {
    const plain = await goalSeek(small, { target: 'fibre-2026', probability: 0.6, lever: 'fibre-crews', range: [0.5, 3], runs: 50, seed: 1, workers: 0 });
    const aside = await goalSeek(small, {
      target: 'fibre-2026', probability: 0.6, lever: 'fibre-crews', range: [0.5, 3], runs: 50, seed: 1, workers: 0,
      observed: { file: 'old.csv', observations: [], setAside: [{ date: '2025-12-31', metric: 'fibre-count', value: 35 }] },
    });
    expect(aside.search).toEqual(plain.search);
    expect(aside.achieved).toEqual(plain.achieved);
    expect(aside.conditioning!.summary).toMatchObject({ observations: [], setAside: [{ date: '2025-12-31', metric: 'fibre-count', value: 35 }] });
    expect(aside.sentence).toMatch(/Not conditioned: no observation of old\.csv falls within the run/);
  }, 120_000);
});
