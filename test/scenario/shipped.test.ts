import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { buildSettlements, compileModel, TECH_CODE, type ModelInput } from '../../src/model/index.js';
import { distribution, type DistributionSpec } from '../../src/engine/index.js';
import { shipped } from './helpers.js';

/**
 * Every scenario shipped in scenarios/: it loads, its name is its file name, every number
 * carries a source tag, and each policy option differs from its parent exactly in the
 * way its comments claim (the resolved inputs are compared field by field).
 */

const files = readdirSync(shipped('.')).filter((f) => f.endsWith('.yaml')).sort();
const load = (f: string) => loadScenario(shipped(f)).input;
const baseline = load('kazakhstan-baseline.yaml');

type Path = readonly (string | number)[];
const get = (o: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], o);
function set(o: unknown, path: Path, value: unknown): void {
  const parent = get(o, path.slice(0, -1)) as Record<string | number, unknown>;
  if (value === undefined) delete parent[path[path.length - 1]];
  else parent[path[path.length - 1]] = structuredClone(value);
}
/** The option's input equals its parent's except at `paths` (and its name and description). */
function expectOnlyDiffers(option: ModelInput, parent: ModelInput, paths: Path[]): void {
  const expected = structuredClone(parent);
  for (const p of paths) set(expected, p, get(option, p));
  const strip = ({ name: _n, description: _d, ...rest }: ModelInput) => rest;
  expect(strip(option)).toEqual(strip(expected));
  for (const p of paths) expect(get(option, p), `${p.join('.')} should differ from the parent`).not.toEqual(get(parent, p));
}
const mean = (d: DistributionSpec) => distribution(d).mean;
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
/** Share of settlements the technology rules send to satellite, over a few replications. */
function satelliteShare(input: ModelInput): number {
  const m = compileModel(input);
  let sat = 0, n = 0;
  for (let rep = 0; rep < 5; rep++) {
    const st = buildSettlements(m, 1, rep);
    n += st.n;
    for (let i = 0; i < st.n; i++) if (st.tech[i] === TECH_CODE.satellite) sat++;
  }
  return sat / n;
}

const PERMIT_REFORM: Path[] = [['fibre', 'approvalOffice'], ['mast', 'preAllocatedSites'], ['mast', 'permit'], ['mast', 'siteOffice'], ['mast', 'permitOffice']];
const MORE_CREWS: Path[] = [['capacity', 'fibre', 'contracted'], ['capacity', 'fibre', 'growthPerMonth']];
const TOP_UP: Path[] = [['financing', 0, 'topUp']];

describe('every shipped scenario', () => {
  it('is there: the baseline, the baseline from a status, eight policy options, two counterfactuals, the motorway variants and the back-test', () => {
    expect(files).toEqual([
      'backtest-ppp-2018.yaml',
      'kazakhstan-baseline.yaml', 'kazakhstan-from-status.yaml', 'option-aerial-fibre.yaml', 'option-budget-front-loading.yaml', 'option-combined.yaml', 'option-guaranteed-top-up.yaml', 'option-more-crews.yaml',
      'option-motorway-corridors-permit-reform.yaml', 'option-motorway-corridors.yaml', 'option-permit-reform.yaml', 'option-record-pace.yaml', 'option-satellite-fallback.yaml',
      'option-satellite-remote.yaml', 'option-without-land-law.yaml',
    ]);
  });

  it.each(files)('%s validates, is named after its file and names the schema', (f) => {
    const { input, identity } = loadScenario(shipped(f));
    expect(identity.name).toBe(f.replace(/\.yaml$/, ''));
    expect(input.name).toBe(identity.name);
    expect(readFileSync(shipped(f), 'utf8').split('\n')[0]).toBe('$schema: ./schema.json');
    // It runs: compiles, and a replication builds its settlements.
    expect(buildSettlements(compileModel(input), 1, 0).n).toBeGreaterThan(0);
  });

  it.each(files)('%s carries a source comment (E/A/G tag or "estimate") on every line with a number', (f) => {
    const lines = readFileSync(shipped(f), 'utf8').split('\n');
    const missing: string[] = [];
    let inBlock = false; // description: >- text
    lines.forEach((line, i) => {
      if (/^\S/.test(line)) inBlock = /^description:/.test(line);
      const code = line.replace(/#.*$/, '');
      if (inBlock || !/\d/.test(code) || /^\s*(- )?(id|label|name|extends|source|\$schema):/.test(code)) return;
      const comment = /#(.*)$/.exec(line)?.[1] ?? '';
      if (!/\b[EAG]:|estimate|reporting choice/.test(comment)) missing.push(`${i + 1}: ${line.trim()}`);
    });
    expect(missing).toEqual([]);
  });

  it.each(files.filter((f) => f.startsWith('option-')))('%s is a short file that extends another', (f) => {
    const raw = parse(readFileSync(shipped(f), 'utf8')) as { extends?: string };
    expect(raw.extends).toBe(f.startsWith('option-motorway-corridors-') ? 'option-motorway-corridors.yaml' : 'kazakhstan-baseline.yaml');
  });
});

describe('each policy option differs from the baseline in the way it claims', () => {
  it('permit reform: ~2-3 month mast permits, pre-allocated sites, more office capacity, fewer rejections', () => {
    const o = load('option-permit-reform.yaml');
    expectOnlyDiffers(o, baseline, PERMIT_REFORM);
    const [bm, om] = [baseline.mast!, o.mast!];
    expect(bm.preAllocatedSites).toBe('2026-06-19');
    expect(om.preAllocatedSites).toBe(true);
    expect(mean(bm.permit)).toBeGreaterThan(100);
    expect(mean(om.permit)).toBeGreaterThanOrEqual(60);
    expect(mean(om.permit)).toBeLessThanOrEqual(90);
    const offices = [[baseline.fibre.approvalOffice!, o.fibre.approvalOffice!], [bm.siteOffice!, om.siteOffice!], [bm.permitOffice!, om.permitOffice!]];
    for (const [b, r] of offices) {
      expect(r.capacity).toBeGreaterThanOrEqual(2 * b.capacity!);
      expect(r.rejection).toBeLessThan(b.rejection);
      expect(r.resubmission).toEqual(b.resubmission);
    }
  });

  it('without the land law (a counterfactual): the site step kept for the whole run, nothing else', () => {
    const o = load('option-without-land-law.yaml');
    expectOnlyDiffers(o, baseline, [['mast', 'preAllocatedSites']]);
    expect(baseline.mast!.preAllocatedSites).toBe('2026-06-19');
    expect(o.mast!.preAllocatedSites).toBe(false);
  });

  it('the record’s pace (a counterfactual): the crews under contract held at the best year on record, nothing else', () => {
    const o = load('option-record-pace.yaml');
    expectOnlyDiffers(o, baseline, [['capacity', 'fibre', 'contracted']]);
    const b = baseline.capacity!.fibre!.contracted as DistributionSpec & { min: number; max: number };
    const r = o.capacity!.fibre!.contracted as DistributionSpec & { min: number; max: number };
    // From the baseline's lower end (the record's best year, ~11-14 crews), not up to the plan's.
    expect(r).toMatchObject({ dist: 'uniform', min: b.min });
    expect(r.max).toBeLessThan(b.min * 1.5);
    expect(b.max).toBeGreaterThan(3 * r.max);
  });

  it('more crews: 1.5 x the crews under contract and their monthly growth, nothing else', () => {
    const o = load('option-more-crews.yaml');
    expectOnlyDiffers(o, baseline, MORE_CREWS);
    const [b, m] = [baseline.capacity!.fibre!, o.capacity!.fibre!];
    expect(mean(m.contracted as DistributionSpec)).toBeCloseTo(1.5 * mean(b.contracted as DistributionSpec), 6);
    expect(mean(m.growthPerMonth)).toBeCloseTo(1.5 * mean(b.growthPerMonth), 6);
  });

  it('guaranteed top-up: Kazakhtelecom\'s programme always topped up, sooner, by the same share; nothing else', () => {
    const o = load('option-guaranteed-top-up.yaml');
    expectOnlyDiffers(o, baseline, TOP_UP);
    const [b, g] = [baseline.financing![0], o.financing![0]];
    expect(b.id).toBe('kazakhtelecom');
    expect(g.topUp!.probability).toBe(1);
    expect(b.topUp!.probability).toBeLessThan(1);
    expect(g.topUp!.share).toBe(b.topUp!.share);
    expect(mean(g.topUp!.delay)).toBeLessThan(mean(b.topUp!.delay));
  });

  it('budget front-loading: the same top-ups (chance, amount, rule) there the day the money runs out; nothing else', () => {
    const o = load('option-budget-front-loading.yaml');
    expectOnlyDiffers(o, baseline, [['financing', 0, 'topUp', 'delay']]);
    const [b, f] = [baseline.financing![0], o.financing![0]];
    expect(f.topUp).toMatchObject({ probability: b.topUp!.probability, share: b.topUp!.share, when: b.topUp!.when });
    expect(mean(f.topUp!.delay)).toBe(0);
    expect(mean(b.topUp!.delay)).toBeGreaterThan(0);
  });

  it('satellite fallback: a rule from mid-2027 and satellite crews for it, nothing else', () => {
    const o = load('option-satellite-fallback.yaml');
    expectOnlyDiffers(o, baseline, [['fallback'], ...baseline.regions.map((_, i): Path => ['regions', i, 'crews', 'satellite'])]);
    expect(baseline.fallback ?? []).toEqual([]);
    expect(o.fallback).toMatchObject([{ after: '2027-06-30', use: 'satellite', cancelFibre: true }]);
  });

  it('satellite for the remote: a wider rule for small, remote villages, ~12 % of villages instead of ~9 %', () => {
    const o = load('option-satellite-remote.yaml');
    expectOnlyDiffers(o, baseline, [['technology', 'rules']]);
    const [b, r] = [baseline.technology.rules, o.technology.rules];
    expect(b).toHaveLength(1);
    expect(r).toHaveLength(1);
    expect(r[0].use).toBe('satellite');
    // Every village the baseline sends to satellite still goes there.
    expect(r[0].populationBelow!).toBeGreaterThanOrEqual(b[0].populationBelow!);
    expect(r[0].backboneKmAbove!).toBeLessThanOrEqual(b[0].backboneKmAbove!);
    const [sb, so] = [satelliteShare(baseline), satelliteShare(o)];
    expect(sb).toBeGreaterThan(0.08);
    expect(sb).toBeLessThan(0.1);
    expect(so).toBeGreaterThan(0.11);
    expect(so).toBeLessThan(0.135);
  });

  it('aerial fibre: the aerial method, nothing else', () => {
    const o = load('option-aerial-fibre.yaml');
    expectOnlyDiffers(o, baseline, [['fibre', 'method']]);
    expect(baseline.fibre.method).toBe('buried');
    expect(o.fibre.method).toBe('aerial');
    // Aerial work goes on in winter: some season has aerial work in a month where buried work stops.
    expect(Object.values(o.seasons).some((s) => s.aerial.some((a, m) => a > 0 && s.buried[m] === 0))).toBe(true);
  });

  it('combined: exactly the guaranteed top-up, permit reform and more crews, with their values', () => {
    const o = load('option-combined.yaml');
    expectOnlyDiffers(o, baseline, [...PERMIT_REFORM, ...MORE_CREWS, ...TOP_UP]);
    for (const [f, paths] of [['option-permit-reform.yaml', PERMIT_REFORM], ['option-more-crews.yaml', MORE_CREWS], ['option-guaranteed-top-up.yaml', TOP_UP]] as const) {
      const part = load(f);
      for (const p of paths) expect(get(o, p), `${p.join('.')} as in ${f}`).toEqual(get(part, p));
    }
  });
});

describe('the baseline from a status', () => {
  it('is the baseline started on 1 Jan 2026 from the status of the end of 2025, its crews counted at the baseline\'s start: only the start and the status differ', () => {
    const raw = parse(readFileSync(shipped('kazakhstan-from-status.yaml'), 'utf8')) as { extends?: string; start?: string };
    expect(raw.extends).toBe('kazakhstan-baseline.yaml');
    expect(raw.start).toBeUndefined(); // the status's date gives the run's start; the crews stay the baseline's, counted at its start
    const o = load('kazakhstan-from-status.yaml');
    // The regions (their stock at the start) are the status's, which are the baseline's own starting counts.
    expectOnlyDiffers(o, baseline, [['start'], ['status']]);
    expect(o.start).toBe('2026-01-01');
    expect(o.status!.scenarioStart).toBe(baseline.start); // the contracts run from the announcement
  });
});

describe('the motorway variants', () => {
  const mw = load('option-motorway-corridors.yaml');

  it('add 17,000 km of corridors with the 2023 plan\'s 487 masts and 61 bn KZT, a motorway-share target, and mast crews', () => {
    expectOnlyDiffers(mw, baseline, [['targets'], ['financing', 2, 'label'], ['financing', 2, 'appropriations'], ['regions'], ['motorways']]);
    const roads = mw.motorways!;
    expect(roads).toHaveLength(17);
    expect(roads.reduce((s, r) => s + r.km, 0)).toBe(17000);
    expect(roads.reduce((s, r) => s + Math.ceil(r.km / r.mastEveryKm), 0)).toBe(487);
    expect(new Set(roads.map((r) => r.region))).toEqual(new Set(baseline.regions.map((r) => r.id)));
    expect(mw.financing![2]).toMatchObject({ id: 'mobile', pays: ['mast'], unlimited: true });
    expect(sum(mw.financing![2].appropriations)).toBe(61000);
    expect(mw.targets.slice(0, 3)).toEqual(baseline.targets);
    expect(mw.targets[3]).toMatchObject({ metric: 'motorway-share', threshold: 1, deadline: '2026-12-31' });
    // Regions change only by their mast crews.
    mw.regions.forEach((r, i) => {
      expect({ ...r, crews: { ...r.crews, mast: baseline.regions[i].crews.mast } }).toEqual(baseline.regions[i]);
      expect(r.crews.mast).toBeGreaterThan(baseline.regions[i].crews.mast ?? 0);
    });
    // The roadside masts cost ~125 M KZT each (61 bn / 487); the village masts keep the baseline's cost.
    for (const r of roads) {
      expect(mean(r.mastCost!)).toBeGreaterThan(110);
      expect(mean(r.mastCost!)).toBeLessThan(140);
    }
    expect(mw.mast!.cost).toEqual(baseline.mast!.cost);
  });

  it('with permit reform: the motorway variant plus exactly the permit reform\'s values', () => {
    const o = load('option-motorway-corridors-permit-reform.yaml');
    expectOnlyDiffers(o, mw, PERMIT_REFORM);
    const reform = load('option-permit-reform.yaml');
    for (const p of PERMIT_REFORM) expect(get(o, p)).toEqual(get(reform, p));
  });
});

describe('the PPP back-test (frozen; its scores and power are in test/scenario/backtest.test.ts)', () => {
  const b = load('backtest-ppp-2018.yaml');
  const text = readFileSync(shipped('backtest-ppp-2018.yaml'), 'utf8');

  it('starts on the day the contract was signed with its 1,249 villages, none connected, all fibre', () => {
    expect(b.start).toBe('2018-10-04');
    expect(b.regions.reduce((s, r) => s + r.settlements, 0)).toBe(1249);
    expect(b.regions.every((r) => r.connected === 0)).toBe(true);
    expect(b.technology).toEqual({ rules: [], default: 'fibre' });
    expect(b.targets.map((t) => [t.id, t.metric, t.threshold, t.deadline])).toEqual([['ppp-2020', 'fibre-share', 1, '2020-12-31']]);
  });

  it('takes km per village and money from the contract, not from the outcome', () => {
    // Kazakhtelecom's contract: > 16,000 km for 828 villages; the two contracts: 52.6 + 21.0 bn KZT.
    expect(mean(b.settlementDefaults.backboneKm)).toBeCloseTo(16000 / 828, 1);
    expect(b.financing).toHaveLength(1);
    expect(b.financing![0].appropriations).toEqual({ 2018: 52600 + 21000 });
    // Expected cost of the 1,249 lines at a cost factor of 1 = the contract value (within 0.5 %).
    const perVillage = mean(b.settlementDefaults.backboneKm) * mean(b.fibre.costPerKm.buried) + mean(b.fibre.nodeCost);
    expect(Math.abs(1249 * perVillage / 73600 - 1)).toBeLessThan(0.005);
    // The outcome's km per village (20,000 / 1,257 = 15.9) is not the input's mean.
    expect(Math.abs(mean(b.settlementDefaults.backboneKm) - 20000 / 1257)).toBeGreaterThan(3);
  });

  it('sizes the crews by its stated rule: each region\'s km in two seasons at 4 km a day, arriving on 1 Mar 2019', () => {
    const seasonDays = (factors: number[]) => factors.reduce((s, f, month) => s + f * new Date(Date.UTC(2019, month + 1, 0)).getUTCDate(), 0);
    const expected = b.regions.map((r) => ({ date: '2019-03-01', technology: 'fibre', region: r.id, add: Math.ceil(r.settlements * 19.3 / (4 * seasonDays(b.seasons[r.season].buried) * 2)) }));
    expect(b.crewChanges).toEqual(expected);
    expect(b.regions.every((r) => r.crews.fibre === 0)).toBe(true);
    expect(expected.reduce((s, c) => s + c.add, 0)).toBe(22);
  });

  it('states how it will be scored in its own header, frozen with it', () => {
    expect(text).toMatch(/mid-PIT[\s\S]*\[0\.05, 0\.95\][\s\S]*every observation passes/);
  });
});
