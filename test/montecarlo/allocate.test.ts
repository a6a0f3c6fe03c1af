import { withCrewsAndBudget } from '../helpers/crews-and-budget.js';
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { allocate, splitCount, splits } from '../../src/montecarlo/allocate.js';
import { allocationSpace, defaultProgramme, evenSplit, proRataSplit, type AllocationSlot } from '../../src/montecarlo/allocation-slots.js';
import type { ModelInput } from '../../src/model/index.js';
import { AnalysisInputError } from '../../src/montecarlo/analysis-input-error.js';
import { pairedProportionDifference } from '../../src/montecarlo/proportion-difference.js';

const known = (name: string) => fileURLToPath(new URL(`../fixtures/known/${name}`, import.meta.url));
const crews = (total: number, step = 1) => ({ kind: 'crews' as const, technology: 'fibre' as const, total, step });

describe('allocation: where extra crews help most', () => {
  const base = loadScenario(known('three-regions.yaml'));

  it('greedy marginal allocation equals brute force over every split (three regions, four crews), and beats an even split', async () => {
    const runs = 400;
    const brute = await allocate(base, { target: 'ninety', resource: crews(4), runs, seed: 1, workers: 0, search: 'exhaustive' });
    const greedy = await allocate(base, { target: 'ninety', resource: crews(4), runs, seed: 1, workers: 2, search: 'greedy' });
    expect(brute.evaluated).toBe(1 + splitCount(4, 3)); // nothing added and the 15 splits (even and pro rata are among them)
    expect(greedy.chosen.units).toEqual(brute.chosen.units);
    expect(greedy.chosen.probability).toBe(brute.chosen.probability);
    // Every split brute force tried scores no better than the one it chose (on the same futures).
    expect(brute.alternatives.every((a) => a.probability <= brute.chosen.probability)).toBe(true);
    // Against the even split, on the same futures: found minus even, with its interval above zero.
    const even = greedy.alternatives.find((a) => a.name === 'even')!;
    expect(even.units).toEqual([2, 1, 1]);
    expect(greedy.chosen.probability).toBeGreaterThan(even.probability);
    expect(even.versusChosen.value).toBeCloseTo(greedy.chosen.probability - even.probability, 6);
    expect(even.versusChosen.ci95[0]).toBeGreaterThan(0);
    // The greedy path: each unit's chance (on the futures used to choose) and where it went.
    expect(greedy.steps).toHaveLength(4);
    expect(greedy.steps.map((s) => s.measured)).toEqual([3, 3, 3, 3]);
    expect(greedy.steps.map((s) => s.slot).sort()).toEqual(greedy.slots.flatMap((s, i) => Array(greedy.chosen.units[i]).fill(s.id)).sort());
    // The answer is measured on fresh futures: runs 400..799, the same for every split.
    expect(greedy.validation).toBe(runs);
    const { runVariant, forTargetsOnly } = await import('../../src/montecarlo/variant-runs.js');
    const { compileModel } = await import('../../src/model/index.js');
    const x = structuredClone(base.input);
    x.crewChanges.push(...x.regions.flatMap((r, i) => (greedy.chosen.units[i] > 0 ? [{ date: x.start, technology: 'fibre' as const, region: r.id, add: greedy.chosen.units[i] }] : [])));
    const light = forTargetsOnly(x);
    const fresh = await runVariant(light, compileModel(light), 'ninety', runs, 2 * runs, { seed: 1 });
    expect(greedy.chosen.probability).toBe(fresh.met.reduce((s, v) => s + v, 0) / runs);
    expect(greedy.sentence).toMatch(/^Put the 4 fibre crews /);
    // Here the chance moves: the path chart plots it.
    const { allocationPathSpec } = await import('../../src/report/charts/allocation.js');
    expect(greedy.chanceTies).toBe(false);
    expect(JSON.stringify(allocationPathSpec(greedy))).toContain('Chance of meeting the target');
  }, 120_000);

  it('refuses what it cannot do', async () => {
    await expect(allocate(base, { target: 'ninety', resource: crews(200), runs: 10, seed: 1, workers: 0, search: 'exhaustive' })).rejects.toThrow(/too many to try them all/);
    await expect(allocate(base, { target: 'ninety', resource: crews(3, 2), runs: 10, seed: 1, workers: 0 })).rejects.toThrow(/not a whole number of steps/);
    await expect(allocate(base, { target: 'ninety', resource: { kind: 'money', programme: 'fibre', total: 100, units: 4 }, runs: 10, seed: 1, workers: 0 })).rejects.toBeInstanceOf(AnalysisInputError);
  });
});

describe('allocation spaces and the splits to compare with', () => {
  it('counts and lists every split of units over places', () => {
    expect(splitCount(4, 3)).toBe(15);
    expect([...splits(4, 3)]).toHaveLength(15);
    expect([...splits(2, 2)]).toEqual([[2, 0], [1, 1], [0, 2]]);
    expect(splitCount(98, 3)).toBe(4950); // C(100, 2)
    expect(splitCount(20, 17)).toBe(Infinity); // C(36, 16) = 7.3e9
  });

  it('even: the same each, the remainder to the most work waiting; in proportion: by largest remainders', () => {
    const slots = (xs: number[]) => xs.map((b) => ({ id: '', label: '', base: b, backlog: b })) as AllocationSlot[];
    expect(evenSplit(20, slots([5, 9, 1]))).toEqual([7, 7, 6]);
    expect(evenSplit(2, slots([5, 9, 1]))).toEqual([1, 1, 0]);
    expect(proRataSplit(10, slots([1, 3]))).toEqual([3, 7]);
    expect(proRataSplit(7, slots([0, 0]))).toEqual([4, 3]);
  });

  it('crews go to regions; money to the budget years within the run', () => {
    const input = withCrewsAndBudget(loadScenario(fileURLToPath(new URL('../../scenarios/kazakhstan-baseline.yaml', import.meta.url))).input);
    const c = allocationSpace(input, crews(20, 2));
    expect([c.units, c.perUnit, c.slots.length]).toEqual([10, 2, 17]);
    // On top of everything: a crew change on the start date, not crews at work at the start (which the contract counts as its own).
    const applied = c.apply(input, c.slots.map((_, i) => (i === 1 ? 3 : 0)));
    expect(applied.crewChanges.slice(input.crewChanges.length)).toEqual([{ date: input.start, technology: 'fibre', region: input.regions[1].id, add: 6 }]);
    expect(applied.regions).toEqual(input.regions);
    const m = allocationSpace(input, { kind: 'money', programme: 'fibre', total: 40000, units: 4 }, { first: 2025, count: 4 });
    expect(m.slots.map((s) => s.id)).toEqual(['2025', '2026', '2027', '2028']);
    expect(m.apply(input, [0, 2, 0, 1]).budget.fibre!.appropriations).toEqual({ '2025': 32000, '2026': 230000, '2027': 81000, '2028': 10000 });
  });
});

describe('crews handed out are extra, on top of a contract', () => {
  it('adds them to what the contract brings, not in place of its crews (test/fixtures/mechanisms/capacity-ready.yaml)', async () => {
    const { compileModel, Replicator } = await import('../../src/model/index.js');
    const input = loadScenario(fileURLToPath(new URL('../fixtures/mechanisms/capacity-ready.yaml', import.meta.url))).input;
    // The contract's 4 crews come 2 to each region; 'later' (approved on day 200) gets 2 more from the start.
    const space = allocationSpace(input, crews(2));
    const more = space.apply(input, [2, 0]);
    const o = new Replicator(compileModel(more)).run(1, 0, { check: true });
    // 4 crews for its 4 villages: all laid on days 200-230. (As crews at work at the start, the 2 would have been
    // the contract's 2 for 'later', and it would still lay two on days 230-260.)
    expect(Array.from(o.completion).slice(0, 4)).toEqual([230, 230, 230, 230]);
  });
});

describe('allocation when no split changes the chance', () => {
  // Every village on fibre by 1 February 2026 is out of reach whatever the four crews do
  // (50 villages of ~10 crew-days each with 6 to 10 crews in a month): every split's chance
  // is 0 in every future, so the choice is made, and must be reported, by how far each
  // split gets — the share on fibre at the deadline, compared future by future.
  const base = loadScenario(known('three-regions.yaml'));
  const input = structuredClone(base.input);
  input.targets = [{ ...input.targets[0], id: 'everyone', label: 'Every village on fibre by 1 February 2026', threshold: 1, deadline: '2026-02-01' }];
  const outOfReach = { ...base, input };

  it('judges the splits by the share reached and says so, with the paired difference from an even split', async () => {
    const runs = 200;
    const a = await allocate(outOfReach, { target: 'everyone', resource: crews(4), runs, seed: 1, workers: 0 });
    expect(a.base.probability).toBe(0);
    expect(a.chosen.probability).toBe(0);
    const even = a.alternatives.find((x) => x.name === 'even')!;
    expect(even.probability).toBe(0);
    // No future tells the splits apart by the chance: a difference of 0, with Newcombe's
    // paired interval around it (the chance of each could still be anywhere in its Wilson
    // interval), not a normal interval of zero width.
    expect(even.versusChosen).toEqual(pairedProportionDifference(new Uint8Array(a.validation), new Uint8Array(a.validation)));
    expect(even.versusChosen.value).toBe(0);
    expect(even.versusChosen.ci95[0]).toBeLessThan(-0.005);
    expect(even.versusChosen.ci95[1]).toBeGreaterThan(0.005);
    expect(a.chanceTies).toBe(true);
    // Four more crews get further than none; the split found gets further than an even one,
    // on futures that played no part in choosing it, and the interval says it is no accident.
    expect(a.chosen.meanReached).toBeGreaterThan(a.base.meanReached);
    expect(even.versusChosenReached.value).toBeCloseTo(a.chosen.meanReached - even.meanReached, 5);
    expect(even.versusChosenReached.ci95[0]).toBeGreaterThan(0);
    expect(a.sentence).toMatch(/the same as with an even split in every future, so the split is judged by how far it gets: the share reached by the deadline \d+\.\d % on average against \d+\.\d % with an even split \(difference \+\d+\.\d points, 95 % interval \+\d+\.\d to \+\d+\.\d\)/);
    const { allocationJson } = await import('../../src/report/allocation-json.js');
    const json = JSON.parse(allocationJson(a));
    expect(json.compared[0].foundMinusThis.meanReached).toBeCloseTo(even.versusChosenReached.value, 5);
    expect(json.compared[0].foundMinusThis.meanReachedCi95[0]).toBeGreaterThan(0);
    expect(json.chanceTies).toBe(true);
    // The report's comparison shows the shares to a tenth of a point beside the chances.
    const { allocationHtml } = await import('../../src/report/html-allocation.js');
    const html = allocationHtml(a, []);
    expect(html).toContain('Share reached by the deadline');
    expect(html).toContain(`<b>${(a.chosen.meanReached * 100).toFixed(1)}%</b>`);
    // The path chart plots what decided the choice: the share reached after each unit (from the greedy steps).
    expect(a.steps.map((x) => x.meanReached)).toEqual([...a.steps.map((x) => x.meanReached)].sort((p, q) => p - q));
    expect(a.steps[0].meanReached).toBeGreaterThan(a.searchBaseReached);
    const { allocationPathSpec, allocationPathTies } = await import('../../src/report/charts/allocation.js');
    expect(a.chanceTies).toBe(true);
    expect(allocationPathTies(a)).toBe(true);
    const spec = JSON.stringify(allocationPathSpec(a));
    expect(spec).toContain('Share reached by the deadline (mean)');
    expect(spec).toContain('How far they get as they are added');
    expect(spec).not.toContain('Chance of meeting the target');
    // The path is drawn on the futures used to choose: when a unit moved the chance there
    // (one of them met the target), it plots the chance, whatever the fresh futures say.
    const moved = { ...a, steps: a.steps.map((x, k) => (k === a.steps.length - 1 ? { ...x, probability: x.probability + 0.01 } : x)) };
    expect(moved.chanceTies).toBe(true);
    expect(allocationPathTies(moved)).toBe(false);
    expect(JSON.stringify(allocationPathSpec(moved))).toContain('Chance of meeting the target');
  }, 120_000);
});

describe('allocation when nothing handed out changes anything', () => {
  it('says no split makes a difference instead of advising the first region (changesNothing)', async () => {
    // Every village is on fibre at the start: crews added anywhere change no future's outcome nor its share.
    const base = loadScenario(known('three-regions.yaml'));
    const input = structuredClone(base.input);
    input.regions = input.regions.map((r) => ({ ...r, connected: r.settlements }));
    input.targets = [{ ...input.targets[0], id: 'half', label: 'Half on fibre by 1 March 2026', threshold: 0.5 }];
    const a = await allocate({ ...base, input }, { target: 'half', resource: crews(4), runs: 20, seed: 1, workers: 0 });
    expect(a.changesNothing).toBe(true);
    expect(a.sentence).toMatch(/^No split of the 4 fibre crews changes “Half on fibre by 1 March 2026” in any of the 20 fresh futures: its chance stays at 100\.0 % and the share reached by the deadline at 100\.0 % on average with or without them, so where they go makes no difference here \(the split shown, .+, is only the first of equals\)\.$/);
    const { allocationJson } = await import('../../src/report/allocation-json.js');
    expect(JSON.parse(allocationJson(a)).changesNothing).toBe(true);
    // Where crews do help, it is false.
    const helps = await allocate(base, { target: 'ninety', resource: crews(4), runs: 20, seed: 1, workers: 0 });
    expect(helps.changesNothing).toBe(false);
  });
});

describe('the programme money goes to when none is named', () => {
  const financed = loadScenario(fileURLToPath(new URL('../fixtures/financing/two-programmes.yaml', import.meta.url))).input;
  const edit = (f: (x: ModelInput) => void) => { const x = structuredClone(financed); f(x); return x; };
  const line = (amount: number) => ({ unlimited: false, carryOver: true, appropriations: { 2026: amount } });

  it('is the only programme, else the one called fibre', () => {
    expect(defaultProgramme(edit((x) => x.financing!.splice(0, 1)))).toBe('operator');
    expect(defaultProgramme(edit((x) => (x.financing![1].id = 'fibre')))).toBe('fibre');
    // A budget section's lines are programmes named by their technology.
    const budget = (b: ModelInput['budget']) => edit((x) => { delete x.financing; x.budget = b; });
    expect(defaultProgramme(budget({ fibre: line(10), mast: line(5) }))).toBe('fibre');
    expect(defaultProgramme(budget({ mast: line(5) }))).toBe('mast');
  });

  it('is not guessed among several with none called fibre: the error names them', () => {
    expect(() => defaultProgramme(financed)).toThrow(AnalysisInputError);
    expect(() => defaultProgramme(financed)).toThrow('give --programme: this scenario has several financing programmes (grants, operator)');
    const budget = edit((x) => { delete x.financing; x.budget = { mast: line(5), satellite: line(1) }; });
    expect(() => defaultProgramme(budget)).toThrow('give --programme: this scenario has several budget lines (mast, satellite)');
  });
});
