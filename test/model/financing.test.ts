import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { compileModel, inputSummaryKeys, simulateReplication, InvariantError, Replicator, STAGE_NAMES, type ModelInput, type SettlementState } from '../../src/model/index.js';
import { checkMoney } from '../../src/model/financing/check.js';
import { buildLever } from '../../src/montecarlo/levers.js';
import { allocationSpace } from '../../src/montecarlo/allocation-slots.js';
import { programmeMoney, runMonteCarlo } from '../../src/montecarlo/index.js';

/**
 * Financing programmes through the real scenario path (file -> model -> Monte Carlo), on
 * cases worked out by hand in the fixtures' comments (test/fixtures/financing).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (f: string) => join(ROOT, 'test', 'fixtures', 'financing', f);
const load = (f: string) => loadScenario(fixture(f));

/** One replication, --check on: completion day and final stage of each listed settlement, by id. */
function run(input: ModelInput, rep = 0) {
  const m = compileModel(input);
  const o = simulateReplication(m, 1, rep, { check: true });
  const ids = input.settlements ? input.settlements.map((s) => s.id) : Array.from(o.completion, (_, i) => String(i));
  const done = Object.fromEntries(ids.map((id, i) => [id, o.completion[i]]));
  const stage = Object.fromEntries(ids.map((id, i) => [id, STAGE_NAMES[o.stage[i]]]));
  const spend = (programme: string, year: number) => o.spend[m.financing.index.get(programme)! * m.years + year - m.firstYear];
  const coFunding = (programme: string, year: number) => o.coFunding[m.financing.index.get(programme)! * m.years + year - m.firstYear];
  return { m, o, done, stage, spend, coFunding };
}

const edit = (input: ModelInput, f: (x: ModelInput) => void) => { const x = structuredClone(input); f(x); return x; };
const programme = (x: ModelInput, id: string) => x.financing!.find((p) => p.id === id)!;

describe('two programmes with fixed costs and appropriations', () => {
  const { input, identity } = load('two-programmes.yaml');

  it('pays each job from the first programme that pays for it, and the jobs wait exactly as worked out by hand', () => {
    const r = run(input);
    // a, b (operator) and d (grants) paid on day 0; c waits for the operator's 2027 money; e and f for grants money that never comes.
    expect(r.done).toEqual({ a: 10, b: 10, c: 375, d: 10, e: Infinity, f: Infinity });
    expect(r.stage.e).toBe('budget');
    expect(r.stage.f).toBe('budget');
    expect([r.spend('operator', 2026), r.spend('operator', 2027), r.spend('grants', 2026), r.spend('grants', 2027)]).toEqual([40, 20, 10, 0]);
    // Grants pay half of d's 20-unit line; the operator's half is co-funding, outside the grants' money.
    expect(r.coFunding('grants', 2026)).toBe(10);
    expect(r.coFunding('operator', 2026)).toBe(0);
  });

  it('reports it per programme in the Monte Carlo result', async () => {
    const res = await runMonteCarlo(input, identity, { runs: 4, seed: 1, workers: 0, check: true });
    expect(res.summary.targets.map((t) => t.probability)).toEqual([1, 0]);
    expect(res.spend).toEqual([
      { programme: 'grants', year: 2026, mean: 10 },
      { programme: 'operator', year: 2026, mean: 40 },
      { programme: 'operator', year: 2027, mean: 20 },
    ]);
    const [grants, operator] = res.financing!.programmes;
    expect(grants).toMatchObject({ id: 'grants', pays: ['fibre'], costShare: 0.5, appropriated: 10, committedMean: 10, coFundingMean: 10, topUp: null });
    expect(operator).toMatchObject({ id: 'operator', appropriated: 60, committedMean: 60, coFundingMean: 0 });
    expect(res.unfinished.byStage).toEqual([{ stage: 'budget', meanPerRun: 2 }]);
  }, 60_000);

  it('leaves a job no programme pays for in the stage unfunded (and says so), the others as before', async () => {
    // The operator pays only in the north: c (south, 400 people, too big for grants) has no programme.
    const x = edit(input, (y) => (programme(y, 'operator').eligible = { regions: ['north'] }));
    const r = run(x);
    expect(r.done).toEqual({ a: 10, b: 10, c: Infinity, d: 10, e: Infinity, f: Infinity });
    expect(r.stage.c).toBe('unfunded');
    expect(r.spend('operator', 2027)).toBe(0);
    const res = await runMonteCarlo(x, identity, { runs: 2, seed: 1, workers: 0 });
    expect(res.unfinished.byStage).toEqual([{ stage: 'budget', meanPerRun: 2 }, { stage: 'unfunded', meanPerRun: 1 }]);
  }, 60_000);

  it('defines the programme\'s money as the appropriations of the run\'s years, top-ups and co-funding left out', () => {
    expect(programmeMoney(compileModel(input))).toEqual({ budget: 70, counted: ['grants', 'operator'], uncounted: [], hardLimit: true, carriedIn: false });
    const { input: up } = load('top-up.yaml');
    expect(programmeMoney(compileModel(up))).toEqual({ budget: 70, counted: ['grants', 'operator'], uncounted: [], hardLimit: false, carriedIn: false });
  });
});

describe('a top-up when a programme runs out', () => {
  const { input, identity } = load('top-up.yaml');

  it('arrives after its delay, as many times as the work needs, and only once no later money is due (overrun)', () => {
    const r = run(input);
    // Grants: top-ups of 10 on days 30 and 60 pay e and f. The operator's 2027 money is still due on day 0: no top-up, c as before.
    expect(r.done).toEqual({ a: 10, b: 10, c: 375, d: 10, e: 40, f: 70 });
    expect(r.spend('grants', 2026)).toBe(30);
    expect(r.o.topUps[r.m.financing.index.get('grants')!]).toBe(20);
    expect(r.o.topUps[r.m.financing.index.get('operator')!]).toBe(0);
  });

  it('is money beyond the plan: every target met, but not within the programme\'s money (JCL)', async () => {
    const res = await runMonteCarlo(input, identity, { runs: 3, seed: 1, workers: 0 });
    expect(res.summary.joint.probability).toBe(1);
    // Committed: grants 10 + two top-ups of 10, operator 40 + 20 = 90, against 70 appropriated.
    expect(res.summary.cost).toMatchObject({ p50: 90, mean: 90 });
    expect(res.summary.jointCostSchedule).toMatchObject({ budget: 70, probability: 0 });
  }, 60_000);

  it('stops at `times`, and with `when: shortfall` comes even with next year\'s money still to come', () => {
    const once = run(edit(input, (x) => (programme(x, 'grants').topUp!.times = 1)));
    expect([once.done.e, once.done.f]).toEqual([40, Infinity]);
    const shortfall = run(edit(input, (x) => (programme(x, 'operator').topUp!.when = 'shortfall')));
    // c is short on day 0: half the operator's total (30) arrives on day 10, c is laid by day 20.
    expect(shortfall.done.c).toBe(20);
    expect(shortfall.spend('operator', 2026)).toBe(60);
    const never = run(edit(input, (x) => x.financing!.forEach((p) => (p.topUp!.probability = 0))));
    expect(never.done).toEqual({ a: 10, b: 10, c: 375, d: 10, e: Infinity, f: Infinity });
  });

  it('of nothing is never called (a model input the file checks did not see): the run ends, the work waits', () => {
    // Share 0 with no delay used to call a top-up of 0 again and again at the same moment, for ever.
    const nothing = run(edit(input, (x) => { const t = programme(x, 'grants').topUp!; t.share = 0; t.delay = { dist: 'fixed', value: 0 }; }));
    expect([nothing.done.e, nothing.done.f]).toEqual([Infinity, Infinity]);
    expect(nothing.o.topUps[nothing.m.financing.index.get('grants')!]).toBe(0);
  });

  it('is granted or not once per replication, with its probability', async () => {
    const half = edit(input, (x) => (programme(x, 'grants').topUp!.probability = 0.5));
    const m = compileModel(half);
    const runs = 400;
    let granted = 0;
    for (let rep = 0; rep < runs; rep++) {
      const o = simulateReplication(m, 7, rep);
      const e = o.completion[4], f = o.completion[5];
      // All or nothing within a replication: both top-ups, or none.
      expect(e === Infinity).toBe(f === Infinity);
      if (e !== Infinity) granted++;
    }
    expect(Math.abs(granted / runs - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / runs));
    // The report's share of futures topped up is the same count.
    const res = await runMonteCarlo(half, identity, { runs, seed: 7, workers: 0 });
    expect(res.financing!.programmes[0].topUp!.probability).toBe(granted / runs);
    expect(res.financing!.programmes[0].topUp!.meanAmount).toBeCloseTo((20 * granted) / runs, 3);
    // Whether the government tops up is an input of each replication (drivers, sensitivity).
    expect(inputSummaryKeys(m).map((k) => k[0])).toContain('financing.grants.topUp.probability');
  }, 60_000);
});

describe('inflation', () => {
  const { input } = load('inflation.yaml');

  it('makes a job that waits cost what it costs on the day it is paid', () => {
    const r = run(input);
    // c would cost 20 × 1.1^(365/365.25) = 21.9986 on 1 January 2027: more than the 20 appropriated, so it is never paid.
    expect(r.done).toEqual({ a: 10, b: 10, c: Infinity, d: 10, e: Infinity, f: Infinity });
    expect([r.spend('operator', 2026), r.spend('grants', 2026), r.coFunding('grants', 2026)]).toEqual([40, 10, 10]);
    const more = run(edit(input, (x) => (programme(x, 'operator').appropriations['2027'] = 25)));
    expect(more.done.c).toBe(375);
    expect(more.spend('operator', 2027)).toBeCloseTo(20 * Math.pow(1.1, 365 / 365.25), 12);
    const k = inputSummaryKeys(r.m).findIndex(([key]) => key === 'inflation');
    expect(r.o.inputSummary[k]).toBe(0.1);
  });

  it('applies to a budget section too, and is drawn once per replication', () => {
    const { input: fixed } = loadScenario(join(ROOT, 'test', 'fixtures', 'scenarios', 'fixed-schedule.yaml'));
    // fixed-schedule: three 10-unit lines ask for money on day 10; 20 units in 2026, 10 more on 1 January 2027.
    expect(run(fixed).spend('fibre', 2026)).toBe(20);
    const uncertain = edit(fixed, (x) => (x.inflation = { dist: 'uniform', min: 0.01, max: 0.2 }));
    const draws = new Set<number>();
    for (let rep = 0; rep < 5; rep++) {
      const r = run(uncertain, rep);
      const i = r.o.inflation;
      draws.add(i);
      // With any inflation two lines cost more than 20 on day 10: one is paid then, the next on
      // 1 January 2027 at that day's prices, and the third finds 30 - both too little.
      expect(r.spend('fibre', 2026)).toBeCloseTo(10 * Math.pow(1 + i, 10 / 365.25), 9);
      expect(r.spend('fibre', 2027)).toBeCloseTo(10 * Math.pow(1 + i, 365 / 365.25), 9);
      expect(Array.from(r.o.completion).filter((c) => c === Infinity)).toHaveLength(1);
    }
    expect(draws.size).toBe(5);
  });
});

describe('a run that starts from a status, with two programmes', () => {
  it('keeps the money already committed out of the programme that committed it', () => {
    const { input } = load('status.yaml');
    const r = run(input);
    expect(r.done).toEqual({ x: 3, y: Infinity, z: 11, w: -1 });
    expect(r.stage.y).toBe('budget');
    expect([r.spend('alpha', 2026), r.spend('beta', 2026)]).toEqual([0, 20]);
    // Without its row naming beta, z is alpha's (the first eligible) and waits too.
    const unnamed = run(edit(input, (x) => delete x.status!.settlements![2].programme));
    expect(unnamed.done.z).toBe(Infinity);
  });

  it('writes the programme of each settlement into the state, and reads it back', () => {
    const { input } = load('two-programmes.yaml');
    const m = compileModel(input);
    let rows: SettlementState[] = [];
    simulateReplication(m, 1, 0, { stateAt: 20, onState: (s) => (rows = s) });
    expect(rows.map((s) => [s.id, s.programme, s.moneyCommitted])).toEqual([
      ['a', 'operator', 20], ['b', 'operator', 20], ['c', 'operator', 0], ['d', 'grants', 10], ['e', 'grants', 0], ['f', 'grants', 0],
    ]);
  });
});

describe('a share of the villages', () => {
  const { input } = load('share.yaml');

  it('pays for each village with its probability, the same villages in every option of a comparison', () => {
    const programmes = (x: ModelInput, rep: number) => {
      let rows: SettlementState[] = [];
      simulateReplication(compileModel(x), 3, rep, { stateAt: 0, onState: (s) => (rows = s) });
      return rows.map((s) => s.programme);
    };
    const base = programmes(input, 0);
    const some = base.filter((p) => p === 'some').length;
    expect(Math.abs(some / base.length - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / base.length));
    // Another option (the rest now limited, a risk added) keeps each village's programme: common random numbers.
    const option = edit(input, (x) => {
      Object.assign(programme(x, 'rest'), { unlimited: false, appropriations: { '2026': 1e6 } });
      x.risks = [{ id: 'cut', label: 'Cut', probability: 0.5, per: 'year', impact: { type: 'budget-cut', programme: 'rest', share: 0.1 } }];
    });
    expect(programmes(option, 0)).toEqual(base);
    // Another replication, other villages.
    expect(programmes(input, 1)).not.toEqual(base);
  });
});

describe('a budget section is one programme per technology', () => {
  it('gives exactly the results of the same money written as financing programmes', () => {
    // The baseline with its money written as one budget line for fibre (the rest unlimited)...
    const { input: baseline } = loadScenario(join(ROOT, 'scenarios', 'kazakhstan-baseline.yaml'));
    const fibre = { unlimited: false, carryOver: true, operatorShare: 0, appropriations: { '2025': 100000, '2026': 120000, '2027': 60000 } };
    const input = edit(baseline, (x) => { x.financing = undefined; x.budget = { fibre }; });
    // ...and the same money as programmes (order and ids free): fibre from the budget line, the others unlimited.
    const programmes = edit(baseline, (x) => {
      x.budget = {};
      x.financing = [
        { id: 'sat', label: 'Satellite', pays: ['satellite'], unlimited: true, appropriations: {}, carryOver: true, costShare: 1 },
        { id: 'fibre', label: 'Fibre', pays: ['fibre'], unlimited: false, appropriations: fibre.appropriations, carryOver: true, costShare: 1 },
        { id: 'masts', label: 'Masts', pays: ['mast'], unlimited: true, appropriations: {}, carryOver: true, costShare: 1 },
        { id: 'last-mile', label: 'Household fibre', pays: ['household'], unlimited: true, appropriations: {}, carryOver: true, costShare: 1 },
      ];
    });
    const m1 = compileModel(input), m2 = compileModel(programmes);
    for (const rep of [0, 1, 2]) {
      const o1 = simulateReplication(m1, 11, rep, { check: true }), o2 = simulateReplication(m2, 11, rep, { check: true });
      expect(Array.from(o2.completion)).toEqual(Array.from(o1.completion));
      expect(o2.spend.slice(m2.years, 2 * m2.years)).toEqual(o1.spend.slice(0, m1.years)); // fibre's row
    }
  }, 120_000);
});

describe('a financing section\'s identity', () => {
  it('does not change when defaults are written out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-financing-'));
    const write = (file: string, programmes: string) => {
      writeFileSync(join(dir, `${file}.yaml`), `name: same\nextends: ${fixture('two-programmes.yaml')}\nfinancing:\n${programmes}`);
      return loadScenario(join(dir, `${file}.yaml`)).identity.sha256;
    };
    const plain = write('a', '  - { id: operator, label: Operator money, pays: [fibre] }\n');
    const spelled = write('b', '  - { id: operator, label: Operator money, pays: [fibre], unlimited: false, carryOver: true, costShare: 1, eligible: { share: 1 } }\n');
    expect(spelled).toBe(plain);
    expect(write('c', '  - { id: operator, label: Operator money, pays: [fibre], costShare: 0.9 }\n')).not.toBe(plain);
  });
});

describe('the money levers of goal seek and allocation', () => {
  const { input } = load('two-programmes.yaml');

  it('move every programme\'s appropriations (budget lever), or one programme\'s year by year (allocation)', () => {
    const doubled = buildLever(input, 'budget').apply(input, 2);
    expect(doubled.financing!.map((p) => p.appropriations)).toEqual([{ 2026: 20 }, { 2026: 80, 2027: 40 }]);
    // 10 more units to the grants, all in 2027: e is paid on 1 January 2027.
    const space = allocationSpace(input, { kind: 'money', programme: 'grants', total: 10, units: 1 });
    expect(space.slots.map((s) => s.id)).toEqual(['2026', '2027']);
    const more = space.apply(input, [0, 1]);
    expect(programme(more, 'grants').appropriations).toEqual({ 2026: 10, 2027: 10 });
    expect(run(more).done.e).toBe(375);
    expect(() => allocationSpace(input, { kind: 'money', programme: 'fibre', total: 10, units: 1 })).toThrow(/not a financing programme of this scenario \(its programmes: grants, operator\)/);
  });
});

describe('--check of the money', () => {
  it('finds money that is not accounted for, a job paid twice and a job paid by the wrong programme', () => {
    const { input } = load('two-programmes.yaml');
    const m = compileModel(input);
    const r = new Replicator(m);
    r.run(1, 0, { check: true });
    const check = () => checkMoney(m, r.st, r.jobs, r.state, r.books, r.budgets, uniforms(r, 'u'), uniforms(r, 'uMw'), []);
    expect(check()).toBeNull();
    r.books.spend[0] += 1;
    expect(check()).toMatch(/grants money: received 10, committed 11, lapsed 0, left 0: -1 unaccounted for/);
    r.books.spend[0] -= 1;
    r.state.payments[0]++;
    expect(check()).toMatch(/job 0 was paid for 2 times/);
    r.state.payments[0]--;
    r.jobs.programme[0] = 0; // a (600 people) is not a grants village
    expect(check()).toMatch(/job 0 is paid for by grants, which does not pay for it/);
    r.jobs.programme[0] = 1;
    r.jobs.programme[3] = 1; // d (300 people) is the grants' first
    expect(check()).toMatch(/job 3 is paid for by operator, but grants comes first and pays for it/);
  });

  it('runs on every job of a replication', () => {
    expect(() => simulateReplication(compileModel(load('top-up.yaml').input), 1, 0, { check: true })).not.toThrow(InvariantError);
  });
});

/** The Replicator's per-settlement (u) or per-motorway-mast (uMw) uniforms of its last run. */
function uniforms(r: Replicator, which: 'u' | 'uMw'): Float64Array {
  return (r as unknown as Record<string, Float64Array>)[which];
}
