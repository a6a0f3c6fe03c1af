import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from '../../src/scenario/index.js';
import { compileModel, simulateReplication } from '../../src/model/index.js';
import { fixture, scenarioError, tempFiles } from './helpers.js';

/**
 * The ModelInput fields beyond fibre: satellite, masts with offices, motorways, national
 * factors, risks, national crews, operator co-funding, mast seasons. Bad files for each
 * are in test/fixtures/bad-scenarios (expected.json); this file checks the good side:
 * the exact resolved input, defaults, `extends` merging, identity, and that whatever
 * loads also runs (every runtime RangeError of the model is caught by validation first).
 */

const everyField = fixture('scenarios/every-field.yaml');
const base = fixture('scenarios/unlimited-all-year.yaml');
const fixed = (value: number) => ({ dist: 'fixed', value });

describe('every-field.yaml', () => {
  const { input } = loadScenario(everyField);

  it('resolves satellite, mast and offices', () => {
    expect(input.satellite).toEqual({
      procurement: { dist: 'triangular', min: 20, mode: 30, max: 60 }, install: fixed(2), cost: fixed(4),
    });
    expect(input.mast).toEqual({
      settlementsPerMast: 2,
      siteAllocation: { dist: 'pert', min: 20, mode: 40, max: 120 },
      siteOffice: { capacity: null, rejection: 0.2, resubmission: { dist: 'uniform', min: 10, max: 30 } },
      preAllocatedSites: false,
      permit: { dist: 'pert', min: 60, mode: 150, max: 365 },
      permitOffice: { capacity: 2, rejection: 0.15, resubmission: fixed(30) },
      construction: fixed(30),
      powerAndBackhaul: { dist: 'triangular', min: 10, mode: 20, max: 45 },
      cost: fixed(27),
    });
    expect(input.fibre.approvalOffice).toEqual({ capacity: 3, rejection: 0.1, resubmission: fixed(20) });
    expect(input.seasons.cold.mast).toEqual([0, 0, 0.5, 1, 1, 1, 1, 1, 1, 1, 0.5, 0]);
    expect(input.seasons['all-year']).toEqual({ buried: Array(12).fill(1), aerial: Array(12).fill(1) });
  });

  it('resolves motorways and the motorway-share target', () => {
    expect(input.motorways).toEqual([
      { id: 'm-west', label: 'West corridor', region: 'west', km: 120, mastEveryKm: 35 },
      { id: 'm-east', label: 'East corridor', region: 'east', km: 60.5, mastEveryKm: 30 },
    ]);
    expect(input.targets[2]).toEqual({ id: 'roads', label: 'Motorways covered', metric: 'motorway-share', threshold: 0.8, deadline: '2027-06-30' });
    expect(input.coverageTechnologies).toEqual(['fibre', 'mast', 'satellite']);
  });

  it('resolves factors, risks, national crews and operator co-funding', () => {
    expect(input.factors).toEqual({
      productivity: { dist: 'pert', min: 0.7, mode: 1, max: 1.2 },
      costOverrun: { dist: 'lognormal', median: 1.1, sigma: 0.1 },
      permitDelay: { dist: 'normal', mean: 1, sd: 0.2, min: 0.5 },
    });
    expect(input.risks).toEqual([
      { id: 'winter', label: 'Harsh winter', probability: 0.3, per: 'year', impact: { type: 'harsh-winter', extraDays: 30, regions: ['east'] } },
      { id: 'cable', label: 'Cable shortage', probability: 0.2, per: 'run', impact: { type: 'cable-shortage', days: { dist: 'uniform', min: 30, max: 90 } } },
      { id: 'default', label: 'Contractor default', probability: 0.1, per: 'year', impact: { type: 'contractor-default', technology: 'fibre', days: fixed(60), region: 'west', halts: true } },
      { id: 'cut', label: 'Sequestration', probability: 0.25, per: 'year', impact: { type: 'budget-cut', programme: 'fibre', share: 0.2 } },
    ]);
    expect(input.nationalCrews).toEqual({ crews: { fibre: 2, mast: 1, satellite: 0 }, travelDays: { dist: 'uniform', min: 3, max: 10 }, rebalanceEveryDays: 30 });
    expect(input.budget.fibre).toEqual({ unlimited: false, appropriations: { 2026: 600, 2027: 600 }, carryOver: true, operatorShare: 0.25 });
    expect(input.budget.mast).toEqual({ unlimited: true, appropriations: {}, carryOver: true });
  });

  it('runs through the model with invariant checks on', () => {
    const m = compileModel(input);
    for (let rep = 0; rep < 5; rep++) {
      const o = simulateReplication(m, 7, rep, { check: true });
      expect(o.completion.length).toBe(30);
      expect(o.motorwayCompletion.length).toBe(Math.ceil(120 / 35) + Math.ceil(60.5 / 30));
    }
  });
});

describe('defaults of the new sections', () => {
  it('fills zero-length stages, one settlement per mast, no pre-allocation, no rejection, zero crews', () => {
    const dir = tempFiles({
      's.yaml': [
        'name: s', `extends: ${base}`, 'technology: { default: mast }', 'satellite: {}', 'mast:', '  permitOffice: { capacity: 1 }',
        'nationalCrews: { crews: { mast: 1 }, rebalanceEveryDays: 7 }', '',
      ].join('\n'),
    });
    const { input } = loadScenario(join(dir, 's.yaml'));
    const zero = fixed(0);
    expect(input.satellite).toEqual({ procurement: zero, install: zero, cost: zero });
    expect(input.mast).toEqual({
      settlementsPerMast: 1, siteAllocation: zero, preAllocatedSites: false, permit: zero,
      permitOffice: { capacity: 1, rejection: 0, resubmission: zero }, construction: zero, powerAndBackhaul: zero, cost: zero,
    });
    expect(input.nationalCrews).toEqual({ crews: { fibre: 0, mast: 1, satellite: 0 }, travelDays: zero, rebalanceEveryDays: 7 });
    expect(input).not.toHaveProperty('risks');
    expect(input).not.toHaveProperty('motorways');
    expect(input).not.toHaveProperty('factors');
  });

  it('keeps the identity when defaults are spelt out', () => {
    const plain = loadScenario(base).identity.sha256;
    const dir = tempFiles({
      's.yaml': [
        'name: unlimited-all-year', `extends: ${base}`, 'risks: []', 'motorways: []',
        'factors: { productivity: 1, costOverrun: { dist: fixed, value: 1 } }', '',
      ].join('\n'),
    });
    expect(loadScenario(join(dir, 's.yaml')).identity.sha256).toBe(plain);
    const ef = loadScenario(everyField).identity.sha256;
    const text = readFileSync(everyField, 'utf8');
    const spelt = tempFiles({
      'every-field.yaml': text
        .replace('  settlementsPerMast: 2\n', '  settlementsPerMast: 2\n  preAllocatedSites: false\n')
        .replace('mast: { unlimited: true }', 'mast: { unlimited: true, operatorShare: 0, carryOver: true }')
        .replace('crews: { fibre: 2, mast: 1 }', 'crews: { fibre: 2, mast: 1, satellite: 0 }'),
    });
    expect(readFileSync(join(spelt, 'every-field.yaml'), 'utf8')).toContain('preAllocatedSites: false');
    expect(loadScenario(join(spelt, 'every-field.yaml')).identity.sha256).toBe(ef);
  });

  it('changes the identity when a new field changes', () => {
    const a = loadScenario(everyField).identity.sha256;
    const text = readFileSync(everyField, 'utf8');
    for (const [from, to] of [['probability: 0.3', 'probability: 0.31'], ['capacity: 2, rejection', 'capacity: 3, rejection'], ['operatorShare: 0.25', 'operatorShare: 0.3'], ['mastEveryKm: 35', 'mastEveryKm: 36']]) {
      const dir = tempFiles({ 'every-field.yaml': text.replace(from, to) });
      expect(loadScenario(join(dir, 'every-field.yaml')).identity.sha256, `${from} -> ${to}`).not.toBe(a);
    }
  });
});

describe('extends with the new fields', () => {
  it('merges risks and motorways by id, replaces a distribution or an impact that names its kind, merges a partial impact', () => {
    const dir = tempFiles({
      'child.yaml': [
        'name: child', `extends: ${everyField}`,
        'mast:',
        '  permit: { dist: lognormal, median: 90, sigma: 0.5 }', // pert -> lognormal: no pert keys left over
        '  permitOffice: { capacity: null }',
        '  preAllocatedSites: true',
        'risks:',
        '  - { id: cut, probability: 0.5 }',
        '  - { id: cable, impact: { type: budget-cut, programme: mast, share: 0.1 } }',
        '  - { id: winter, impact: { extraDays: 45 } }',
        '  - { id: new-default, label: Mast contractor default, probability: 0.05, per: run, impact: { type: contractor-default, technology: mast, days: 120 } }',
        'motorways:',
        '  - { id: m-east, km: 80 }',
        'factors:',
        '  permitDelay: { dist: pert, min: 0.5, mode: 0.8, max: 1 }',
        '',
      ].join('\n'),
    });
    const { input } = loadScenario(join(dir, 'child.yaml'));
    expect(input.mast!.permit).toEqual({ dist: 'lognormal', median: 90, sigma: 0.5 });
    expect(input.mast!.permitOffice).toEqual({ capacity: null, rejection: 0.15, resubmission: fixed(30) });
    expect(input.mast!.preAllocatedSites).toBe(true);
    expect(input.factors!.permitDelay).toEqual({ dist: 'pert', min: 0.5, mode: 0.8, max: 1 });
    expect(input.risks!.map((r) => r.id)).toEqual(['winter', 'cable', 'default', 'cut', 'new-default']);
    expect(input.risks![0].impact).toEqual({ type: 'harsh-winter', extraDays: 45, regions: ['east'] });
    expect(input.risks![1]).toEqual({ id: 'cable', label: 'Cable shortage', probability: 0.2, per: 'run', impact: { type: 'budget-cut', programme: 'mast', share: 0.1 } });
    expect(input.risks![3].probability).toBe(0.5);
    expect(input.motorways![1]).toEqual({ id: 'm-east', label: 'East corridor', region: 'east', km: 80, mastEveryKm: 30 });
  });

  it('checks the merged whole: a child that adds a mast rule to a parent without a mast section is told where', () => {
    const dir = tempFiles({ 'child.yaml': `name: child\nextends: ${base}\ntechnology:\n  rules:\n    - { when: { populationBelow: 500 }, use: mast }\n` });
    const err = scenarioError(() => loadScenario(join(dir, 'child.yaml')));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ path: 'technology.rules[0].use', line: 5 });
    expect(err.problems[0].file).toMatch(/child\.yaml$/);
  });
});

describe('whatever loads also runs', () => {
  /** A scenario either fails to load with a ScenarioError, or compiles and runs a replication without throwing. */
  function loadsAndRunsOrScenarioError(path: string): boolean {
    let input;
    try {
      input = loadScenario(path).input;
    } catch (e) {
      if (e instanceof ScenarioError) return true;
      throw e;
    }
    const m = compileModel(input);
    simulateReplication(m, 3, 0, { check: true });
    return true;
  }

  it('for every-field.yaml with values replaced, removed or retyped', () => {
    const dir = tempFiles({});
    const file = join(dir, 'mutated.yaml');
    const lines = readFileSync(everyField, 'utf8').split('\n');
    // Values inside flow mappings too: `key: value` pairs anywhere on a line.
    const spots: { line: number; start: number; end: number }[] = [];
    lines.forEach((l, i) => {
      if (l.trim().startsWith('#')) return;
      for (const m of l.matchAll(/(\w+): ([^,{}[\]\n]+)/g)) {
        const start = m.index! + m[1].length + 2;
        spots.push({ line: i, start, end: start + m[2].length });
      }
    });
    const replacement = fc.constantFrom('null', '0', '-1', '1', '1.5', '0.999', '400', 'abc', 'mast', 'satellite', 'fibre', 'run', 'nowhere', 'east', '[]', '{}', '2030-01-01');
    fc.assert(fc.property(fc.constantFrom(...spots), replacement, ({ line, start, end }, r) => {
      const copy = [...lines];
      copy[line] = copy[line].slice(0, start) + r + copy[line].slice(end);
      writeFileSync(file, copy.join('\n'));
      return loadsAndRunsOrScenarioError(file);
    }), { numRuns: 150 });
    expect(spots.length).toBeGreaterThan(60);
  }, 60_000);

  it('for every-field.yaml with a line deleted', () => {
    const dir = tempFiles({});
    const file = join(dir, 'cut.yaml');
    const lines = readFileSync(everyField, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      writeFileSync(file, [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
      expect(loadsAndRunsOrScenarioError(file)).toBe(true);
    }
  }, 60_000);
});
