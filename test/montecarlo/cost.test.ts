import { describe, it, expect } from 'vitest';
import { CostTally } from '../../src/montecarlo/cost-tally.js';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { compileFinancing, compileModel, simulateReplication, type ModelInput } from '../../src/model/index.js';
import { compareScenarios, runMonteCarlo, stateFromJson, stateToJson, Aggregate } from '../../src/montecarlo/index.js';
import { CostHistogram } from '../../src/montecarlo/cost-histogram.js';
import { programmeMoney } from '../../src/montecarlo/money.js';
import { comparisonJson, summaryJson } from '../../src/report/index.js';
import { costSCurveSpec } from '../../src/report/charts/cost-s-curve.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/known/${name}`, import.meta.url));

describe('CostHistogram', () => {
  it('gives a recurring amount back exactly and others within the 0.1 % bin width', () => {
    const h = new CostHistogram();
    for (const x of [100, 100, 130, 0, 7.25]) h.add(x);
    expect(h.quantile(0.1)).toBe(0);
    expect(h.quantile(0.3)).toBeCloseTo(7.25, 8);
    expect(h.quantile(0.5)).toBeCloseTo(100, 8);
    expect(h.quantile(1)).toBeCloseTo(130, 8);
    // A continuous sample: every quantile within 0.1 % of the sample's own order statistic.
    const g = new CostHistogram();
    const xs = Array.from({ length: 5000 }, (_, i) => 1000 * Math.exp(Math.sin(i * 12.9898) * 2));
    xs.forEach((x) => g.add(x));
    const sorted = [...xs].sort((a, b) => a - b);
    for (const p of [0.1, 0.5, 0.8, 0.9]) {
      const exact = sorted[Math.ceil(p * xs.length) - 1];
      expect(Math.abs(g.quantile(p) - exact) / exact).toBeLessThan(0.001);
    }
  });

  it('merges exactly in any order, so split runs add up to the whole', () => {
    const xs = Array.from({ length: 600 }, (_, i) => 50 + ((i * 7919) % 1000) / 3);
    const whole = new CostHistogram();
    xs.forEach((x) => whole.add(x));
    const parts = [new CostHistogram(), new CostHistogram(), new CostHistogram()];
    xs.forEach((x, i) => parts[(i * 31) % 3].add(x));
    const merged = CostHistogram.fromState(parts[2].state());
    merged.merge(parts[0]);
    merged.merge(parts[1].state());
    expect(merged.state()).toEqual(whole.state());
    expect(merged.quantile(0.8)).toBe(whole.quantile(0.8));
  });
});

describe("the programme's money", () => {
  it('sums the appropriations within the run of the programmes that state them', () => {
    const budget = {
      fibre: { unlimited: false, carryOver: true, appropriations: { '2025': 5, '2026': 20, '2027': 10, '2030': 99 } },
      satellite: { unlimited: true, carryOver: true, appropriations: {} },
    };
    const money = (b: ModelInput['budget'], firstYear: number, years: number) => programmeMoney({ financing: compileFinancing({ budget: b } as ModelInput, firstYear, years, new Map()) });
    expect(money(budget, 2026, 2)).toEqual({ budget: 30, counted: ['fibre'], uncounted: ['mast', 'satellite', 'household'], hardLimit: true, carriedIn: false });
    const soft = { fibre: { ...budget.fibre, unlimited: true } };
    expect(money(soft, 2025, 3)).toMatchObject({ budget: 35, hardLimit: false });
    expect(money({}, 2026, 2).budget).toBeNull();
  });
});

describe('the JCL of a run from a status', () => {
  it('compares the commitments with the run\'s appropriations plus the money carried in from before the start', () => {
    // One year, one counted programme with 100 appropriated in the run; a future commits 150.
    const tally = (moneyBefore?: Float64Array) => {
      const t = new CostTally({ years: 1, budget: 100, counted: [0] });
      t.add(Float64Array.of(150), true, 1, moneyBefore);
      return t;
    };
    expect(tally().withinMoneyAndMet).toBe(0);                           // 150 > 100
    expect(tally(Float64Array.of(60)).withinMoneyAndMet).toBe(1);        // 150 <= 100 + 60 carried in
    expect(tally(Float64Array.of(40)).withinMoneyAndMet).toBe(0);        // 150 > 100 + 40
    expect(tally(new Float64Array(0)).withinMoneyAndMet).toBe(0);        // not a run from a status
  });
});

describe('what the S-curve compares', () => {
  it('keeps the counted programmes\' commitments apart from every programme\'s, and the money carried in', () => {
    // Two years, programmes 0 (counted) and 1 (no appropriation: not counted); spend [p * years + y].
    const t = new CostTally({ years: 2, budget: 100, counted: [0] });
    t.add(Float64Array.of(30, 40, 500, 500), true, 1, Float64Array.of(25, 0));
    t.add(Float64Array.of(10, 20, 0, 0), true, 3, Float64Array.of(75, 0));
    expect(t.cumulative[1].quantile(1)).toBeCloseTo(1070, 0);   // every programme: 30 + 40 + 500 + 500
    expect(t.counted[0].quantile(1)).toBeCloseTo(30, 6);        // programme 0 only, by the end of year 1
    expect(t.counted[1].quantile(0.5)).toBeCloseTo(30, 6);      // 10 + 20 in 3 futures of 4
    expect(t.counted[1].quantile(1)).toBeCloseTo(70, 6);
    expect(t.carriedQuantile(0.25)).toBeCloseTo(25, 6);
    expect(t.carriedQuantile(0.5)).toBeCloseTo(75, 6);
    // Money carried in is signed: a programme that had committed more of the first year's money than it carried in brings less than nothing.
    const signed = new CostTally({ years: 1, budget: 100, counted: [0, 1] });
    signed.add(Float64Array.of(0, 0), true, 2, Float64Array.of(10, -40));   // -30, twice
    signed.add(Float64Array.of(0, 0), true, 1, Float64Array.of(-5, 0));     // -5
    signed.add(Float64Array.of(0, 0), true, 1, Float64Array.of(20, 0));     // 20
    expect([0.25, 0.5, 0.75, 1].map((p) => Math.round(signed.carriedQuantile(p) * 1000) / 1000)).toEqual([-30, -30, -5, 20]);
    // Split in two and merged (shards): the same histograms.
    const a = new CostTally({ years: 2, budget: 100, counted: [0] }), b = new CostTally({ years: 2, budget: 100, counted: [0] });
    a.add(Float64Array.of(30, 40, 500, 500), true, 1, Float64Array.of(25, 0));
    b.add(Float64Array.of(10, 20, 0, 0), true, 3, Float64Array.of(75, 0));
    a.merge(b);
    expect(a.counted[1].state()).toEqual(t.counted[1].state());
    expect(a.carriedIn.state()).toEqual(t.carriedIn.state());
    expect(a.carriedShort.state()).toEqual(t.carriedShort.state());
  });

  it('draws the counted programmes against their money, carried-in money included (the status example\'s S-curve)', async () => {
    const s = loadScenario('scenarios/kazakhstan-from-status.yaml');
    const r = await runMonteCarlo(s.input, s.identity, { runs: 20, seed: 1, workers: 0 });
    const cost = r.cost!;
    expect(cost.carriedIn!.p50).toBeGreaterThan(0);           // Kazakhtelecom's money from before 2026
    const spec = JSON.stringify(costSCurveSpec(r));
    const y = cost.byYear[cost.byYear.length - 1]!;
    expect(y.counted!.p50).toBeLessThanOrEqual(y.p50);          // the masts' money is not in the line
    expect(spec).toContain(`"p50":${y.counted!.p50}`);
    expect(spec).toContain(`"appropriated":${y.appropriated! + cost.carriedIn!.p50}`);
    expect(spec).toMatch(/carried in from before the start \(the median of the futures\)/);
  }, 120_000);
});

describe('cost quantiles and the JCL on a hand-computed case', () => {
  it('soft budget: total 90/100/120/150 with weights .05/.35/.30/.30; JCL = P(total <= 130)', async () => {
    const { input, identity } = loadScenario(fixture('cost-overrun.yaml'));
    const runs = 2000;
    const r = await runMonteCarlo(input, identity, { runs, seed: 3, workers: 0 });
    expect(r.summary.cost).toMatchObject({ currency: 'units', p10: 100, p50: 120, p80: 150, p90: 150 });
    // The JCL counts exactly the replications whose drawn factor is at most 1.2.
    const m = compileModel(input);
    let within = 0;
    for (let rep = 0; rep < runs; rep++) if (simulateReplication(m, 3, rep).draws.costOverrun <= 1.2) within++;
    const jcl = r.summary.jointCostSchedule!;
    expect(jcl.budget).toBe(130);
    expect(jcl.probability).toBe(within / runs);
    expect(Math.abs(jcl.probability! - 0.7)).toBeLessThan(4 * Math.sqrt(0.21 / runs));
    expect(jcl.ci95![0]).toBeLessThan(jcl.probability!);
    // The S-curve: everything is committed in the first year.
    expect(r.cost!.byYear.map((y) => [y.year, y.p50, y.appropriated])).toEqual([[2026, 120, 130], [2027, 120, 130]]);
    expect(summaryJson(r.summary)).toMatch(/"cost": \{\n {4}"currency": "units",\n {4}"p10": 100,\n {4}"p50": 120,\n {4}"p80": 150,\n {4}"p90": 150/);
  }, 60_000);

  it('hard limit: work waits instead of overspending, so the total never exceeds the money and the JCL is the joint chance', async () => {
    const { input, identity } = loadScenario(fixture('cost-overrun-hard.yaml'));
    const r = await runMonteCarlo(input, identity, { runs: 2000, seed: 3, workers: 0 });
    expect(r.summary.cost).toMatchObject({ p10: 100, p50: 120, p80: 120, p90: 120 });
    expect(r.summary.jointCostSchedule!.probability).toBe(r.summary.joint.probability);
    expect(Math.abs(r.summary.joint.probability - 0.7)).toBeLessThan(4 * Math.sqrt(0.21 / 2000));
    expect(r.cost!.money.hardLimit).toBe(true);
  }, 60_000);

  it('has no JCL when no programme states appropriations', async () => {
    const { input, identity } = loadScenario(fixture('exponential-crews.yaml'));
    const r = await runMonteCarlo(input, identity, { runs: 20, seed: 1, workers: 0 });
    expect(r.summary.jointCostSchedule).toEqual({ budget: null, probability: null, ci95: null });
    expect(summaryJson(r.summary)).toContain('"jointCostSchedule": {\n    "budget": null,\n    "probability": null,\n    "ci95": null\n  }');
  });

  it('keeps the cost tally through a shard’s JSON state', async () => {
    const { input } = loadScenario(fixture('cost-overrun.yaml'));
    const { runReplications } = await import('../../src/montecarlo/index.js');
    const a = await runReplications(input, { runs: 100, seed: 1, from: 0, to: 40 });
    const b = await runReplications(input, { runs: 100, seed: 1, from: 40, to: 100 });
    const whole = await runReplications(input, { runs: 100, seed: 1 });
    const merged = Aggregate.fromState(stateFromJson(JSON.parse(JSON.stringify(stateToJson(a.state()))) as Record<string, unknown>));
    merged.merge(stateFromJson(JSON.parse(JSON.stringify(stateToJson(b.state()))) as Record<string, unknown>));
    expect(merged.cost.state()).toEqual(whole.cost.state());
  });

  it('an adopted aggregate (a worker\'s, taken over) is the merged one: the same counts, and further parts add to it alike', async () => {
    const { input } = loadScenario(fixture('cost-overrun.yaml'));
    const { runReplications } = await import('../../src/montecarlo/index.js');
    const part = (from: number, to: number) => runReplications(input, { runs: 100, seed: 1, from, to });
    const adopted = Aggregate.adopt((await part(0, 40)).state());
    adopted.merge((await part(40, 100)).state());
    const merged = Aggregate.fromState((await part(40, 100)).state());
    merged.merge((await part(0, 40)).state());
    expect(adopted.state()).toEqual(merged.state());
    expect(adopted.state()).toEqual((await part(0, 100)).state());
    // It takes the arrays over rather than copying them.
    const s = (await part(0, 10)).state();
    expect(Aggregate.adopt(s).seriesChanges).toBe(s.seriesChanges);
  });
});

describe('compare: the money of each option, paired', () => {
  it('the hard limit saves exactly 30 units in the futures that drew the 1.5 overrun, and nothing elsewhere', async () => {
    const soft = loadScenario(fixture('cost-overrun.yaml')), hard = loadScenario(fixture('cost-overrun-hard.yaml'));
    const runs = 400;
    const c = await compareScenarios([soft, hard], { runs, seed: 5, workers: 0 });
    const m = compileModel(soft.input);
    let high = 0;
    for (let rep = 0; rep < runs; rep++) if (simulateReplication(m, 5, rep).draws.costOverrun === 1.5) high++;
    const d = c.cost.differences[0];
    expect(d.option).toBe('cost-overrun-hard');
    expect(d.meanCost.value).toBeCloseTo((-30 * high) / runs, 4);
    expect(d.meanCost.ci95[0]).toBeLessThan(d.meanCost.value);
    expect(c.cost.perOption.map((p) => [p.option, p.cost.p90, p.jointCostSchedule.probability])).toEqual([
      ['cost-overrun', 150, (runs - high) / runs],
      ['cost-overrun-hard', 120, (runs - high) / runs],
    ]);
    expect(comparisonJson(c)).toContain('"cost": {\n    "currency": "units"');
  }, 60_000);
});
