import { describe, it, expect } from 'vitest';
import { compileModel, type ObservationInput } from '../../src/model/index.js';
import { stream } from '../../src/engine/index.js';
import { observedInput, partPosteriors, runObserved, weightedQuantiles } from '../../src/montecarlo/index.js';
import { sensitivity } from '../../src/montecarlo/sensitivity.js';
import { r6 } from '../../src/montecarlo/round.js';
import { fewFuturesWarning } from '../../src/montecarlo/analysis-conditioning.js';
import { sensitivityJson } from '../../src/report/index.js';
import { sensitivityHtml } from '../../src/report/html-sensitivity.js';
import { loadScenario } from '../../src/scenario/index.js';

// The small observation fixture (as goal-observed.test.ts): three 2026 counts that say much about the national productivity.
const small = loadScenario('test/fixtures/observe/small.yaml');
const observed: ObservationInput[] = ['2026-03-31', '2026-06-30', '2026-09-30'].map((date, k) => ({ date, metric: 'fibre-count', value: [46, 90, 142][k] }));
const RUNS = 120;

describe('sensitivity conditioned on observations (sensitivity --observed)', () => {
  it('the base is the conditioned run, the national factors swing between their P10 and P90 given the observations, and every setting is conditioned', async () => {
    const s = await sensitivity(small, { runs: RUNS, seed: 1, workers: 0, observed: { file: 'seen.csv', observations: observed } });
    const o = { observed, scored: [] };
    const base = await runObserved(observedInput(small.input, o), small.identity, { runs: RUNS, seed: 1, workers: 0 }, o);
    expect(s.base.map((b) => b.probability)).toEqual(base.summary.targets.map((t) => t.probability));
    // The productivity factor's low and high are its posterior P10 and P90 (the conditioned run's factor posterior).
    const post = base.conditioning!.factors.find((f) => f.key === 'productivity')!;
    const swing = s.swings.find((w) => w.input === 'factors.productivity')!;
    expect(swing.low).toBeCloseTo(post.posterior.p10, 5);
    expect(swing.high).toBeCloseTo(post.posterior.p90, 5);
    expect(swing.how).toBe('P10 / P90 given the observations');
    // The observations narrow it: the posterior P10-P90 is inside the prior's.
    const plain = await sensitivity(small, { runs: RUNS, seed: 1, workers: 0 });
    const prior = plain.swings.find((w) => w.input === 'factors.productivity')!;
    expect(prior.how).toBe('P10 / P90');
    expect(swing.high - swing.low).toBeLessThan(prior.high - prior.low);
    // Every setting's run is conditioned: the chance with the productivity pinned low is the conditioned run's of that scenario.
    const pinned = structuredClone(small.input);
    pinned.factors!.productivity = { dist: 'fixed', value: swing.low };
    const low = await runObserved(observedInput(pinned, o), small.identity, { runs: RUNS, seed: 1, workers: 0 }, o);
    expect(swing.targets[0].low.probability).toBe(low.summary.targets[0].probability);
    expect(swing.effectiveRuns!.low).toBeCloseTo(low.summary.conditioning!.effectiveSampleSize, 3);
    expect(plain.swings[0].effectiveRuns).toBeUndefined();
    // What it is conditioned on, in sensitivity.json and on the page.
    const json = JSON.parse(sensitivityJson(s));
    expect(json.conditioning).toMatchObject({ file: 'seen.csv', method: 'importance-weighting' });
    expect(json.swings.every((w: { effectiveRuns?: unknown }) => w.effectiveRuns !== undefined)).toBe(true);
    const page = sensitivityHtml(s, []).replace(/<[^>]+>/g, '');
    expect(page).toContain('Given what was observed (3 observations in seen.csv)');
    expect(page).toContain('--observed seen.csv');
  }, 180_000);
});

describe('sensitivity --observed and the regional and yearly parts of the factors', () => {
  // The small fixture with a regional part of the productivity and a yearly one: the runs
  // do not record them, so they are drawn again from the seed and weighed (partPosteriors).
  const input = structuredClone(small.input);
  input.regionalFactors = { productivity: { dist: 'pert', min: 0.6, mode: 1, max: 1.3 } };
  input.yearlyFactors = { productivity: { dist: 'uniform', min: 0.85, max: 1.15 } };
  const parted = { ...small, input };
  const o = { observed, scored: [] };

  it('swing between their P10 and P90 given the observations: those of the base run\'s futures, pooled over regions and years', async () => {
    const s = await sensitivity(parted, { runs: RUNS, seed: 3, workers: 0, observed: { file: 'seen.csv', observations: observed } });
    const base = await runObserved(observedInput(input, o), small.identity, { runs: RUNS, seed: 3, workers: 0 }, o);
    const post = partPosteriors(compileModel(observedInput(input, o)), 3, base.conditioning!.weights);
    for (const path of ['regionalFactors.productivity', 'yearlyFactors.productivity']) {
      const swing = s.swings.find((w) => w.input === path)!;
      expect(swing.how).toBe('P10 / P90 given the observations');
      expect([swing.low, swing.high]).toEqual([post.get(path)!.p10, post.get(path)!.p90].map(r6));
    }
    // Unconditioned, the same inputs swing between their distributions' own P10 and P90.
    const plain = await sensitivity(parted, { runs: RUNS, seed: 3, workers: 0 });
    const before = plain.swings.find((w) => w.input === 'regionalFactors.productivity')!;
    expect(before.how).toBe('P10 / P90');
    const ones = partPosteriors(compileModel(observedInput(input, o)), 3, new Float64Array(RUNS).fill(1)).get('regionalFactors.productivity')!;
    const given = post.get('regionalFactors.productivity')!;
    // The weights moved it: the futures the counts keep had slower regions than the same
    // futures unweighted (P90 1.12 against 1.16 with this seed).
    expect(given.p90).toBeLessThan(ones.p90 - 0.02);
  }, 180_000);

  it('observations too vague to tell futures apart leave them their own P10 and P90', async () => {
    const vague = observed.map((x) => ({ ...x, sd: 1e9 }));
    const plain = await sensitivity(parted, { runs: 30, seed: 1, workers: 0 });
    const s = await sensitivity(parted, { runs: 30, seed: 1, workers: 0, observed: { file: 'vague.csv', observations: vague } });
    for (const path of ['regionalFactors.productivity', 'yearlyFactors.productivity']) {
      const a = s.swings.find((w) => w.input === path)!, b = plain.swings.find((w) => w.input === path)!;
      expect(a.how).toBe('P10 / P90 given the observations');
      expect([a.low, a.high]).toEqual([b.low, b.high]);
    }
  }, 120_000);
});

describe('sensitivity on observations too vague to tell futures apart (sd 1e9)', () => {
  it('gives the unconditioned swings exactly: every future weighs the same, and the national inputs keep their own P10 and P90', async () => {
    const vague = observed.map((x) => ({ ...x, sd: 1e9 }));
    const plain = await sensitivity(small, { runs: 40, seed: 1, workers: 0 });
    const s = await sensitivity(small, { runs: 40, seed: 1, workers: 0, observed: { file: 'vague.csv', observations: vague } });
    expect(s.base).toEqual(plain.base);
    expect(s.swings.map(({ effectiveRuns, how: _how, ...w }) => { expect(effectiveRuns).toEqual({ low: 40, high: 40 }); return w; })).toEqual(plain.swings.map(({ how: _how, ...w }) => w));
    expect(s.swings.find((w) => w.input === 'factors.productivity')!.how).toBe('P10 / P90 given the observations');
    expect(s.correlations).toEqual(plain.correlations);
  }, 120_000);
});

describe('fewFuturesWarning: alternatives left few futures by the observations', () => {
  const words = { what: 'of fibre-crews', kind: 'value', decisions: 'decisions rest on them', cause: 'the lever acts before the observations', remedy: 'Move a later lever.' };
  it('none when every alternative but the answer keeps enough futures', () => {
    expect(fewFuturesWarning([{ label: '1', effectiveRuns: 150, runs: 300, answer: false }, { label: '2', effectiveRuns: 10, runs: 300, answer: true }], words)).toBeNull();
  });
  it('names the thin ones, and blames the lever only when the shares differ more than twofold', () => {
    const moved = fewFuturesWarning([{ label: '1', effectiveRuns: 15, runs: 300, answer: false }, { label: '2', effectiveRuns: 134, runs: 300, answer: true }], words)!;
    expect(moved.kind).toBe('ess-collapse');
    expect(moved.message).toBe('At one value of fibre-crews besides the answer the observations leave the equivalent of few futures: 1 (15 of 300); decisions rest on them. The values keep very different shares of their futures: the lever acts before the observations. Move a later lever.');
    const even = fewFuturesWarning([{ label: '1', effectiveRuns: 40, runs: 300, answer: false }, { label: '2', effectiveRuns: 60, runs: 300, answer: true }], words)!;
    expect(even.message).toMatch(/1 \(40 of 300\); decisions rest on them\. Run more replications/);
  });
});

describe('sensitivity --observed and a contract’s lead times', () => {
  // The small fixture with a contract whose tender and mobilisation are uncertain: the 2026
  // counts say when its crews came, so each lead time swings over what they leave of it.
  const input = structuredClone(small.input);
  input.capacity = { fibre: { contracted: { dist: 'fixed', value: 6 }, tender: { dist: 'uniform', min: 0, max: 120 }, mobilisation: { dist: 'uniform', min: 0, max: 120 }, growthPerMonth: { dist: 'fixed', value: 3 }, winterMobilisation: true } };
  const runs = 80;

  it('swings the tender and the mobilisation each between its weighted P10 and P90, from each replication’s own draws', async () => {
    const s = await sensitivity({ input, identity: small.identity }, { runs, seed: 1, workers: 0, observed: { file: 'seen.csv', observations: observed } });
    const o = { observed, scored: [] };
    const base = await runObserved(observedInput(input, o), small.identity, { runs, seed: 1, workers: 0 }, o);
    const weights = base.conditioning!.weights!;
    expect(weights.some((w) => w !== weights[0])).toBe(true); // the counts tell the futures apart
    // Each replication's tender and mobilisation, drawn here as the model draws them: the first two uniforms of its 'capacity' stream.
    const tender = new Float64Array(runs), mobilisation = new Float64Array(runs);
    for (let r = 0; r < runs; r++) { const u = stream(1, r, 'capacity', 'fibre'); tender[r] = 120 * u(); mobilisation[r] = 120 * u(); }
    for (const [key, draws] of [['capacity.fibre.tender', tender], ['capacity.fibre.mobilisation', mobilisation]] as const) {
      const w = s.swings.find((x) => x.input === key)!;
      expect(w.how).toBe('P10 / P90 given the observations');
      const [p10, p90] = weightedQuantiles(draws, weights, [0.1, 0.9]);
      expect(w.low).toBeCloseTo(p10, 5);
      expect(w.high).toBeCloseTo(p90, 5);
    }
  }, 180_000);
});
