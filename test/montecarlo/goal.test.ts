import { withCrewsAndBudget } from '../helpers/crews-and-budget.js';
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { goalSeek } from '../../src/montecarlo/goal.js';
import { goalProvenance, goalSearchSpec } from '../../src/report/charts/goal-search.js';
import { buildLever, LeverError, roundedGrid } from '../../src/montecarlo/levers.js';
import { AnalysisInputError } from '../../src/montecarlo/analysis-input-error.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/known/${name}`, import.meta.url));

describe('goal seek: known answers', () => {
  it('finds the least crews worked out by hand (7, not the 6 that spreading crew-days suggests), exactly', async () => {
    const base = loadScenario(fixture('crews-deadline.yaml'));
    const g = await goalSeek(base, { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 2], runs: 50, seed: 1, workers: 0 });
    expect(g).toMatchObject({ found: true, value: 0.65, setting: '7 fibre crews in all; the scenario has 10', achieved: { probability: 1 } });
    expect(g.below).toMatchObject({ value: 0.55, setting: '6 fibre crews in all; the scenario has 10', probability: 0 });
    expect(g.crossings).toBe(0);
    // Certain answers need no more replications than the first batch.
    expect(g.runs).toBe(50);
    expect(g.sentence).toMatch(/least fibre-crews .* is 0\.65 \(7 fibre crews/);
    // Its chart says the replications each value was measured on (50, not the 50-200 allowed), and its legend names only what is drawn.
    expect(goalProvenance(g)).toContain('50 runs per value');
    const spec = JSON.stringify(goalSearchSpec(g));
    const legend = JSON.parse(spec.match(/"domain":(\[("(value found|just below|meets the goal|does not meet the goal)",?)+\])/)![1]) as string[];
    const drawn = [...new Set([...spec.matchAll(/"role":"([a-z ]+)"/g)].map((x) => x[1]))];
    expect([...legend].sort()).toEqual(drawn.sort());
    // A range where nothing meets the goal: the legend names only what is drawn.
    const none = await goalSeek(base, { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.5], runs: 20, seed: 1, workers: 0 });
    expect(none.found).toBe(false);
    const noneSpec = JSON.stringify(goalSearchSpec(none));
    expect(noneSpec).not.toContain('"value found"');
    expect(noneSpec).not.toContain('"meets the goal"');
  }, 60_000);

  it('goal.html says what goal.json’s sentence says: a call too close to settle, and how far the best value gets when none meets the goal', async () => {
    const { goalHtml } = await import('../../src/report/html-goal.js');
    const text = (g: Awaited<ReturnType<typeof goalSeek>>) => goalHtml(g, []).replace(/<[^>]+>/g, '');
    // 7 crews meet it in 3 futures of 4: on 10 replications, no more allowed, the interval reaches below 50 %.
    const base = loadScenario(fixture('crews-deadline-uncertain.yaml'));
    const close = await goalSeek(base, { target: 'all-by-april', probability: 0.5, lever: 'fibre-crews', range: [0.1, 2], runs: 10, maxRuns: 10, seed: 3, workers: 0 });
    expect(close.found && close.achieved.ci95[0] < 0.5).toBe(true);
    expect(close.sentence).toMatch(/cannot tell 0\.65 and 0\.55 apart/);
    expect(text(close)).toMatch(/both on the same 10 simulated futures\. Its 95% interval still reaches below 50%: on 10 futures the simulation cannot tell 0\.65 and 0\.55 apart/);
    // Nothing meets it: the share reached at the best value, as in the sentence.
    const none = await goalSeek(loadScenario(fixture('crews-deadline.yaml')), { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.5], runs: 10, seed: 1, workers: 0 });
    expect(none.sentence).toMatch(/There the share reached by the deadline is 75\.0 % on average/);
    expect(none.sentence).toMatch(/75\.0 % on average, against 15\.0 % at 0\.1\.$/);
    expect(text(none)).toMatch(/There the share reached by the deadline is 75\.0% on average, against 15\.0% at 0\.1\./);
    // At the low end of the range there is no value below to be 'both' with.
    const low = await goalSeek(loadScenario(fixture('crews-deadline.yaml')), { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [1, 2], runs: 10, seed: 1, workers: 0 });
    expect(low.below).toBeNull();
    expect(text(low)).toMatch(/\), on \d+ simulated futures; this is the low end of the range searched\./);
    expect(text(low)).not.toMatch(/both on the same/);
  }, 60_000);

  it('the same answer through a path lever on the region’s crews', async () => {
    const base = loadScenario(fixture('crews-deadline.yaml'));
    const g = await goalSeek(base, { target: 'all', probability: 0.5, lever: 'path:regions.only.crews.fibre', range: [1, 20], runs: 20, seed: 1, workers: 0 });
    expect([g.value, g.below?.value, g.lever.kind, g.lever.candidates]).toEqual([7, 6, 'value', 20]);
  }, 60_000);

  it('with uncertain productivity: 10 crews for P >= 0.85 (9 give 0.75), 7 crews for P >= 0.5', async () => {
    const base = loadScenario(fixture('crews-deadline-uncertain.yaml'));
    const g = await goalSeek(base, { target: 'all-by-april', probability: 0.85, lever: 'fibre-crews', range: [0.1, 2], runs: 400, seed: 2, workers: 2 });
    expect(g.found).toBe(true);
    expect(g.setting).toMatch(/^10 fibre crews/);
    expect(g.value).toBe(0.95);
    expect(g.achieved.probability).toBe(1);
    expect(g.below!.setting).toMatch(/^9 fibre crews/);
    expect(Math.abs(g.below!.probability - 0.75)).toBeLessThan(4 * Math.sqrt(0.75 * 0.25 / g.runs));
    expect(g.below!.ci95[1]).toBeLessThan(0.85);
    const half = await goalSeek(base, { target: 'all-by-april', probability: 0.5, lever: 'fibre-crews', range: [0.1, 2], runs: 400, seed: 2, workers: 2 });
    expect([half.value, half.setting.split(' ')[0]]).toEqual([0.65, '7']);
  }, 120_000);

  it('finds the least budget: money for ten lines at the worst overrun (150) needs 130 x 1.16', async () => {
    const base = loadScenario(fixture('cost-overrun-hard.yaml'));
    const g = await goalSeek(base, { target: 'all-2026', probability: 0.9, lever: 'budget', range: [0.5, 2], runs: 500, seed: 1, workers: 0 });
    expect(g.value).toBe(1.16);
    expect(g.achieved.probability).toBe(1);
    expect(g.below!.value).toBe(1.15);
    expect(Math.abs(g.below!.probability - 0.7)).toBeLessThan(4 * Math.sqrt(0.21 / g.runs));
    expect(g.setting).toBe('151 units appropriated in all; the scenario has 130');
  }, 60_000);

  it('says so when no value in the range reaches the probability, with the best reached', async () => {
    const base = loadScenario(fixture('crews-deadline.yaml'));
    const g = await goalSeek(base, { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.6], runs: 30, seed: 1, workers: 0 });
    expect(g).toMatchObject({ found: false, value: 0.55, below: null, achieved: { probability: 0 } });
    expect(g.sentence).toMatch(/^No value of fibre-crews in 0\.1–0\.6 meets/);
    // How close it gets: 0.55 x 10 crews = 6 crews lay 3 villages each by day 100 (30 days a
    // village): 18 of 20, 90 %, in every future; at the low end (0.1: 1 crew) 3 of 20, 15 %.
    expect(g.setting).toMatch(/^6 /);
    expect(g.achieved.meanReached).toBe(0.9);
    expect(g.sentence).toMatch(/There the share reached by the deadline is 90\.0 % on average, against 15\.0 % at 0\.1\.$/);
  }, 60_000);

  it('refuses a target or a lever the scenario does not have', async () => {
    const base = loadScenario(fixture('crews-deadline.yaml'));
    await expect(goalSeek(base, { target: 'nope', probability: 0.8, lever: 'fibre-crews', runs: 10, seed: 1, workers: 0 })).rejects.toThrow(/no target 'nope'; the scenario's targets are all-by-april/);
    await expect(goalSeek(base, { target: 'all', probability: 0.8, lever: 'budget', runs: 10, seed: 1, workers: 0 })).rejects.toBeInstanceOf(AnalysisInputError);
    await expect(goalSeek(base, { target: 'all', probability: 1.2, lever: 'fibre-crews', runs: 10, seed: 1, workers: 0 })).rejects.toThrow(/between 0 and 1/);
  });

  it('a lever value the scenario cannot run with is the range asked for: said as such, naming the value, not as a replication to replay', async () => {
    const base = loadScenario(fixture('crews-deadline.yaml'));
    // A count cannot go below 0: refused before anything runs.
    expect(() => buildLever(base.input, 'path:regions.only.crews.fibre', { range: [-3, 3] })).toThrow(/regions\.only\.crews\.fibre is a count and cannot be negative/);
    // Any other value the model fails on while running (here a built lever that sets -3 crews).
    const lever = buildLever(base.input, 'path:regions.only.crews.fibre', { range: [0, 3] });
    const negative = { ...lever, range: [-3, 3] as [number, number], grid: [-3, 3] };
    const e = await goalSeek(base, { target: 'all', probability: 0.5, lever: negative, runs: 10, seed: 1, workers: 0 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AnalysisInputError);
    expect((e as Error).message).toMatch(/^with path:regions\.only\.crews\.fibre at -3 \(regions\.only\.crews\.fibre = -3; the scenario has 10\) the scenario cannot run: .*capacity must be >= 0/);
  });
});

describe('levers', () => {
  // The baseline with fibre crews at work in every region and one fibre budget line, so that
  // every lever has something to act on (the shipped baseline grows its crews from a
  // contract and pays from financing programmes).
  const { input: baseline } = loadScenario(fileURLToPath(new URL('../../scenarios/kazakhstan-baseline.yaml', import.meta.url)));
  const input = withCrewsAndBudget(baseline);

  it('fibre-crews: one candidate per distinct rounding, each the least multiplier giving it', () => {
    expect(roundedGrid([10], [0.1, 0.7], 0)).toEqual([0.1, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65]);
    expect(roundedGrid([1, 3], [1, 2], 0)).toEqual([1, 1.1667, 1.5, 1.8334]);
    const lever = buildLever(input, 'fibre-crews', { range: [1, 1.5] });
    const totals = lever.grid.map((v) => lever.apply(input, v).regions.reduce((a, r) => a + r.crews.fibre, 0));
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeGreaterThan(totals[i - 1]);
    // Each candidate is the least multiplier of its rounding: a hair less rounds to the previous one.
    const key = (v: number) => lever.apply(input, v).regions.map((r) => r.crews.fibre).join();
    for (let i = 1; i < lever.grid.length; i++) expect(key(lever.grid[i] - 1e-4)).toBe(key(lever.grid[i - 1]));
    expect(input.regions[0].crews.fibre).toBe(6); // the scenario itself is left alone
  });

  it('fibre-crews on a scenario with a contract: every fibre crew, the contract\'s and the national pool\'s too', () => {
    // The shipped baseline: 4 crews at work at the start, a contract of uniform 11-47 (which counts them as its own), a pool of none.
    const lever = buildLever(baseline, 'fibre-crews', {});
    const y = lever.apply(baseline, 1.5);
    expect(y.capacity!.fibre!.contracted).toEqual({ dist: 'uniform', min: 16.5, max: 70.5 });
    expect(y.regions.reduce((a, r) => a + r.crews.fibre, 0)).toBe(7); // 2, 1, 1 -> 3, 2, 2 (whole crews per region)
    expect(y.capacity!.fibre!.growthPerMonth).toEqual(baseline.capacity!.fibre!.growthPerMonth); // the rate is not a number of crews
    // A contract drawn from a distribution moves with any multiplier: a regular grid of hundredths.
    expect([lever.grid[0], lever.grid[1], lever.grid.at(-1), lever.step]).toEqual([0.5, 0.51, 3, 0.01]);
    expect(lever.describe(1.5)).toBe('7 fibre crews at work at the start (the scenario 4); under contract 16.5–70.5 (the scenario 11–47)');
    // Per-region contracts are whole crews per region; a national pool's own crews are scaled too.
    const x = structuredClone(baseline);
    x.capacity!.fibre!.contracted = Object.fromEntries(x.regions.map((r) => [r.id, 2]));
    x.nationalCrews = { ...x.nationalCrews!, crews: { fibre: 3 } };
    const per = buildLever(x, 'fibre-crews', { range: [1, 2] });
    const z = per.apply(x, 1.5);
    expect(Object.values(z.capacity!.fibre!.contracted as Record<string, number>).every((n) => n === 3)).toBe(true);
    expect(z.nationalCrews!.crews.fibre).toBe(5); // 4.5 rounds up
    expect(per.step).toBeUndefined(); // whole numbers only: one candidate per rounding
    expect(baseline.capacity!.fibre!.contracted).toEqual({ dist: 'uniform', min: 11, max: 47 }); // the scenario itself is left alone
  });

  it('budget multiplies every appropriation; offices every office capacity, rounded, at least 1', () => {
    const b = buildLever(input, 'budget', {}).apply(input, 1.5);
    expect(b.budget.fibre!.appropriations['2026']).toBe(input.budget.fibre!.appropriations['2026'] * 1.5);
    const office = buildLever(input, 'offices', {});
    const o = office.apply(input, 0.25);
    expect([o.fibre.approvalOffice!.capacity, o.mast!.siteOffice!.capacity, o.mast!.permitOffice!.capacity]).toEqual([15, 3, 3]);
    expect(office.apply(input, 0.01).mast!.permitOffice!.capacity).toBe(1);
    expect(office.describe(2)).toMatch(/^fibre right-of-way 120 files at once per region, the scenario 60/);
  });

  it('path levers: numbers and fixed distributions anywhere in the scenario; clear errors otherwise', () => {
    const cap = buildLever(input, 'path:fibre.approvalOffice.capacity', { range: [20, 120] });
    expect(cap.grid.length).toBe(101);
    expect(cap.apply(input, 80).fibre.approvalOffice!.capacity).toBe(80);
    const approp = buildLever(input, 'path:budget.fibre.appropriations.2026', { range: [100000, 300000], step: 10000 });
    expect(approp.grid).toHaveLength(21);
    expect(() => buildLever(input, 'path:fibre.approval', { range: [1, 2] })).toThrow(/is a pert distribution; name one of its numbers, e.g. fibre.approval.min/);
    expect(() => buildLever(input, 'path:regions.narnia.crews.fibre', { range: [1, 2] })).toThrow(/no item 'narnia' at 'regions'/);
    expect(() => buildLever(input, 'path:fibre.approvalOffice.capacity', {})).toThrow(/needs a range/);
    expect(() => buildLever(input, 'path:fibre.approvalOffice.capacity', { range: [1.5, 9] })).toThrow(/whole number/);
    expect(() => buildLever(input, 'fibre-crews', { range: [2, 1] })).toThrow(LeverError);
    expect(() => buildLever(input, 'crews', {})).toThrow(/unknown lever 'crews'/);
  });
});

describe('variants run for their targets only', () => {
  it('thinning the report grid changes no replication’s outcome', async () => {
    const { runVariant, forTargetsOnly } = await import('../../src/montecarlo/variant-runs.js');
    const { runReplications, RowLayout, layoutOf } = await import('../../src/montecarlo/index.js');
    const { compileModel } = await import('../../src/model/index.js');
    const { randomInput } = await import('../fixtures/random-input.js');
    const input = randomInput();
    const m = compileModel(input);
    const light = forTargetsOnly(input);
    expect(compileModel(light).gridDays.length).toBeLessThan(m.gridDays.length);
    for (const t of m.targets) {
      const v = await runVariant(light, compileModel(light), t.id, 0, 60, { seed: 3 });
      const k = m.targets.indexOf(t);
      const met: number[] = [], share: number[] = [];
      const size = layoutOf(m).targetSizes[k];
      await runReplications(input, { runs: 60, seed: 3, onRows: (f, e, rows) => {
        const L = RowLayout.of(m);
        for (let r = 0; r < e - f; r++) { met.push(rows[r * L.width + L.met(k)]); share.push(rows[r * L.width + L.countAtDeadline(k)] / size); }
      } });
      expect(Array.from(v.met)).toEqual(met);
      expect(Array.from(v.reached)).toEqual(share);
      expect(new Set(share).size).toBeGreaterThan(5); // the futures differ, so the comparison means something
    }
  }, 60_000);
});

describe('how far a future gets, in words', () => {
  it("a count target's is a share of its settlements; every target's is the shares summed", async () => {
    const { goalTarget } = await import('../../src/montecarlo/goal-target.js');
    const { loadScenario } = await import('../../src/scenario/index.js');
    const { compileModel } = await import('../../src/model/index.js');
    const m = compileModel(loadScenario('test/fixtures/known/count-target.yaml').input);
    expect(goalTarget(m, 'ten').reachedName).toBe('the share of its settlements reached by the deadline');
    expect(goalTarget(m, 'all').reachedName).toBe('the shares reached by the deadlines, summed over the one target,');
  });
});

describe('goal seek out of reach: how far the best value gets', () => {
  it('is the mean over the replications its answer rests on, and the low end is compared on the same futures', async () => {
    const { buildLever } = await import('../../src/montecarlo/levers.js');
    const { forTargetsOnly, runVariant } = await import('../../src/montecarlo/variant-runs.js');
    const base = loadScenario(fixture('crews-deadline-uncertain.yaml'));
    // At most 9 crews: met in 75 % of futures, close to the 80 % asked, so the best value is run on more replications than the rest.
    const g = await goalSeek(base, { target: 'all-by-april', probability: 0.8, lever: 'fibre-crews', range: [0.1, 0.9], runs: 20, maxRuns: 80, seed: 1, workers: 0 });
    expect(g.found).toBe(false);
    const mean = async (value: number, runs: number) => {
      const input = forTargetsOnly(buildLever(base.input, 'fibre-crews', { range: [0.1, 0.9] }).apply(base.input, value));
      const { reached } = await runVariant(input, undefined, 'all-by-april', 0, runs, { seed: 1 });
      return reached.reduce((a, b) => a + b, 0) / runs;
    };
    expect(g.achieved.meanReached).toBeCloseTo(await mean(g.value, g.runs), 6);
    // The best value was run on 80 replications (the most allowed); the low end, decided on
    // the first 20, is run on the same 80 before the best is named, and compared on them.
    expect(g.runs).toBe(80);
    const low = g.search.filter((s) => s.value === 0.1);
    expect(low.map((s) => s.runs)).toEqual([20, 80]);
    const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
    expect(g.sentence).toContain(`There the share reached by the deadline is ${pct(g.achieved.meanReached!)} on average, against ${pct(await mean(0.1, 80))} at 0.1.`);
  }, 60_000);
});

describe('goal seek on a path lever refuses a range the scenario cannot take', () => {
  it('a quantity below 0, or a distribution that stops being one at an end of the range', async () => {
    const base = loadScenario(fixture('crews-deadline.yaml'));
    const seek = (lever: string, range: [number, number]) => goalSeek(base, { target: 'all-by-april', probability: 0.5, lever, range, runs: 10, seed: 1, workers: 0 });
    // A per-method field is a section as the model reads it: the message names its parts.
    await expect(seek('path:fibre.kmPerDay', [0.5, 2])).rejects.toThrow(/path 'fibre\.kmPerDay' is a section, not a number; name a number inside it: fibre\.kmPerDay\.buried, fibre\.kmPerDay\.aerial/);
    await expect(seek('path:fibre.kmPerDay.buried', [-1, 2])).rejects.toThrow(/fibre\.kmPerDay\.buried is 1 in the scenario and cannot be negative: give a range from 0 up, got -1:2/);
    const input = structuredClone(base.input);
    input.fibre.design = { dist: 'triangular', min: 10, mode: 20, max: 40 };
    const withDesign = { ...base, input };
    await expect(goalSeek(withDesign, { target: 'all-by-april', probability: 0.5, lever: 'path:fibre.design.mode', range: [0, 50], runs: 10, seed: 1, workers: 0 }))
      .rejects.toThrow(/fibre\.design\.mode at 0, the low end of the range, makes fibre\.design an invalid triangular distribution \(.*\): give a range within which it stays one/);
    // A range inside the distribution's bounds is searched.
    const ok = await goalSeek(withDesign, { target: 'all-by-april', probability: 0.5, lever: 'path:fibre.design.mode', range: [10, 40], step: 10, runs: 10, seed: 1, workers: 0 });
    expect(ok.lever.range).toEqual([10, 40]);
  }, 60_000);
});
