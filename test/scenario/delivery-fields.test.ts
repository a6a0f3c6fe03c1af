import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from '../../src/scenario/index.js';
import { compileModel, simulateReplication } from '../../src/model/index.js';
import { fixture, scenarioError, tempFiles } from './helpers.js';

/**
 * The scenario side of issue 11's delivery mechanisms (capacity, design office, bounded
 * re-reviews, factor parts): the exact resolved input, defaults, identity, `extends`, bad
 * values named, and whatever loads also runs (damaged variants of the digest fixture).
 */
const delivery = fixture('digests/delivery.yaml');
const base = fixture('scenarios/unlimited-all-year.yaml');
const fixed = (value: number) => ({ dist: 'fixed', value });

describe('delivery.yaml resolved', () => {
  const { input } = loadScenario(delivery);

  it('resolves capacity per technology, with defaults', () => {
    expect(input.capacity).toEqual({
      fibre: {
        contracted: { north: 6, south: 5, west: 4 }, from: '2025-09-01',
        tender: { dist: 'pert', min: 30, mode: 90, max: 180 }, mobilisation: { dist: 'triangular', min: 20, mode: 45, max: 90 },
        growthPerMonth: { dist: 'uniform', min: 0.5, max: 3 }, winterMobilisation: false,
      },
      mast: { contracted: { dist: 'uniform', min: 2, max: 5 }, tender: fixed(60), mobilisation: fixed(0), growthPerMonth: fixed(1), winterMobilisation: true },
    });
  });

  it('resolves the design office, re-reviews and rounds', () => {
    expect(input.fibre.designOffice).toEqual({ capacity: 5, rejection: 0, resubmission: fixed(0) });
    expect(input.regions[0].offices).toEqual({ designOffice: 3 });
    expect(input.fibre.approvalOffice).toEqual({
      capacity: 6, rejection: 0.3, resubmission: { dist: 'pert', min: 10, mode: 20, max: 45 }, rereview: { dist: 'triangular', min: 5, mode: 10, max: 30 }, maxRounds: 2,
    });
    expect(input.mast!.siteOffice).toEqual({ capacity: 2, rejection: 0.2, resubmission: fixed(20), maxRounds: 1 });
  });

  it('resolves the fallback rules, with defaults', () => {
    expect(input.fallback).toEqual([
      { after: '2027-03-31', use: 'satellite', lead: { dist: 'triangular', min: 14, mode: 30, max: 60 }, cancelFibre: true },
      { after: '2027-09-30', use: 'mast', lead: fixed(20), cancelFibre: false },
    ]);
  });

  it('splits factors into national, regional and yearly parts', () => {
    expect(input.factors).toEqual({ productivity: { dist: 'pert', min: 0.75, mode: 1, max: 1.1 }, costOverrun: { dist: 'pert', min: 0.9, mode: 1.05, max: 1.4 } });
    expect(input.regionalFactors).toEqual({ productivity: { dist: 'pert', min: 0.7, mode: 1, max: 1.2 }, permitDelay: { dist: 'lognormal', median: 1, sigma: 0.2 } });
    expect(input.yearlyFactors).toEqual({ productivity: { dist: 'uniform', min: 0.9, max: 1.1 }, costOverrun: { dist: 'uniform', min: 0.95, max: 1.15 } });
  });
});

describe('identity of the delivery fields', () => {
  it('is unchanged when a default is spelt out or a distribution is written as its national part', () => {
    const plain = loadScenario(delivery).identity.sha256;
    const text = readFileSync(delivery, 'utf8');
    const spelt = tempFiles({
      'delivery.yaml': text
        .replace('    tender: 60\n', '    tender: 60\n    mobilisation: 0\n    winterMobilisation: true\n')
        .replace('use: mast, lead: 20 }', 'use: mast, lead: 20, cancelFibre: false }')
        .replace("  permitDelay: { regional: { dist: lognormal, median: 1, sigma: 0.2 } }", "  permitDelay: { national: 1, regional: { dist: lognormal, median: 1, sigma: 0.2 }, yearly: { dist: fixed, value: 1 } }"),
    });
    expect(readFileSync(join(spelt, 'delivery.yaml'), 'utf8')).toContain('winterMobilisation: true');
    expect(loadScenario(join(spelt, 'delivery.yaml')).identity.sha256).toBe(plain);
    const national = tempFiles({ 's.yaml': `name: unlimited-all-year\nextends: ${base}\nfactors: { productivity: { national: { dist: uniform, min: 0.8, max: 1.2 } } }\n` });
    const bare = tempFiles({ 's.yaml': `name: unlimited-all-year\nextends: ${base}\nfactors: { productivity: { dist: uniform, min: 0.8, max: 1.2 } }\n` });
    expect(loadScenario(join(national, 's.yaml')).identity.sha256).toBe(loadScenario(join(bare, 's.yaml')).identity.sha256);
  });

  it('changes when a delivery field changes', () => {
    const a = loadScenario(delivery).identity.sha256;
    const text = readFileSync(delivery, 'utf8');
    for (const [from, to] of [['use: mast, lead: 20', 'use: mast, lead: 21'], ['cancelFibre: true', 'cancelFibre: false'], ['north: 6, south', 'north: 7, south'], ['maxRounds: 2', 'maxRounds: 3'], ['designOffice: { capacity: 5 }', 'designOffice: { capacity: 4 }'], ['growthPerMonth: 1', 'growthPerMonth: 2'], ['sigma: 0.2 } }', 'sigma: 0.3 } }']]) {
      const dir = tempFiles({ 'delivery.yaml': text.replace(from, to) });
      expect(loadScenario(join(dir, 'delivery.yaml')).identity.sha256, `${from} -> ${to}`).not.toBe(a);
    }
  });
});

describe('extends with the delivery fields', () => {
  it('merges a child’s factor parts into the parent’s distribution, and crews per region replace a national contract', () => {
    const dir = tempFiles({
      'child.yaml': [
        'name: child', `extends: ${delivery}`,
        'factors:',
        '  costOverrun: { regional: { dist: uniform, min: 0.9, max: 1.1 } }',
        'capacity:',
        '  mast: { contracted: { north: 2, south: 3, west: 1 } }',
        '  fibre: { contracted: { west: 8 } }',
        'fibre:',
        '  approvalOffice: { maxRounds: 1 }',
        '',
      ].join('\n'),
    });
    const { input } = loadScenario(join(dir, 'child.yaml'));
    expect(input.factors!.costOverrun).toEqual({ dist: 'pert', min: 0.9, mode: 1.05, max: 1.4 });
    expect(input.regionalFactors!.costOverrun).toEqual({ dist: 'uniform', min: 0.9, max: 1.1 });
    expect(input.yearlyFactors!.costOverrun).toEqual({ dist: 'uniform', min: 0.95, max: 1.15 });
    expect(input.capacity!.mast!.contracted).toEqual({ north: 2, south: 3, west: 1 });
    expect(input.capacity!.fibre!.contracted).toEqual({ north: 6, south: 5, west: 8 });
    expect(input.fibre.approvalOffice!.maxRounds).toBe(1);
    expect(input.fibre.approvalOffice!.rereview).toEqual({ dist: 'triangular', min: 5, mode: 10, max: 30 });
  });
});

describe('bad delivery fields are named', () => {
  const bad = (yaml: string) => scenarioError(() => loadScenario(join(tempFiles({ 's.yaml': `name: s\nextends: ${delivery}\n${yaml}\n` }), 's.yaml')));

  it('a region a contract names must exist; a part must be a factor; rounds are whole numbers', () => {
    expect(bad('capacity: { fibre: { contracted: { nort: 3 } } }').problems[0]).toMatchObject({ path: 'capacity.fibre.contracted.nort', expected: expect.stringContaining("did you mean 'north'") });
    expect(bad('factors: { productivity: { regionl: 1.1 } }').problems[0]).toMatchObject({ path: 'factors.productivity.regionl', expected: expect.stringContaining("did you mean 'regional'") });
    expect(bad('factors: { permitDelay: { yearly: 0 } }').problems[0]).toMatchObject({ path: 'factors.permitDelay.yearly', expected: expect.stringContaining('> 0') });
    expect(bad('fibre: { approvalOffice: { maxRounds: 1.5 } }').problems[0]).toMatchObject({ path: 'fibre.approvalOffice.maxRounds' });
    expect(bad('capacity: { fibre: { growthPerMonth: -1 } }').problems[0]).toMatchObject({ path: 'capacity.fibre.growthPerMonth' });
    expect(bad('capacity: { fibre: { from: 2025-02-30 } }').problems[0]).toMatchObject({ path: 'capacity.fibre.from', expected: expect.stringContaining('real calendar date') });
    expect(bad('fibre: { designOffice: { capacity: 0 } }').problems[0]).toMatchObject({ path: 'fibre.designOffice.capacity' });
    expect(bad('fallback: [{ after: 2030-01-01, use: satellite }]').problems[0]).toMatchObject({ path: 'fallback[0].after', expected: expect.stringContaining('to horizon') });
    expect(bad('fallback: [{ after: 2027-01-01, use: satelite }]').problems[0]).toMatchObject({ path: 'fallback[0].use' });
    expect(bad('fallback: [{ use: satellite }]').problems[0]).toMatchObject({ path: 'fallback[0].after', expected: expect.stringContaining("'after'") });
    const noSatellite = scenarioError(() => loadScenario(join(tempFiles({ 's.yaml': `name: s\nextends: ${base}\nfallback: [{ after: 2026-06-30, use: satellite }]\n` }), 's.yaml')));
    expect(noSatellite.problems[0]).toMatchObject({ path: 'fallback[0].use', expected: expect.stringContaining("a 'satellite' section") });
  });
});

describe('whatever loads also runs (delivery.yaml damaged)', () => {
  function loadsAndRunsOrScenarioError(path: string): boolean {
    let input;
    try {
      input = loadScenario(path).input;
    } catch (e) {
      if (e instanceof ScenarioError) return true;
      throw e;
    }
    simulateReplication(compileModel(input), 3, 0, { check: true });
    return true;
  }
  const lines = readFileSync(delivery, 'utf8').split('\n');

  it('with values replaced, removed or retyped', () => {
    const file = join(tempFiles({}), 'mutated.yaml');
    const spots: { line: number; start: number; end: number }[] = [];
    lines.forEach((l, i) => {
      if (l.trim().startsWith('#')) return;
      for (const m of l.matchAll(/(\w+): ([^,{}[\]\n]+)/g)) {
        const start = m.index! + m[1].length + 2;
        spots.push({ line: i, start, end: start + m[2].length });
      }
    });
    const replacement = fc.constantFrom('null', '0', '-1', '1', '1.5', '0.999', '400', 'abc', 'north', 'true', '[]', '{}', '2030-01-01', '1e9');
    fc.assert(fc.property(fc.constantFrom(...spots), replacement, ({ line, start, end }, r) => {
      const copy = [...lines];
      copy[line] = copy[line].slice(0, start) + r + copy[line].slice(end);
      writeFileSync(file, copy.join('\n'));
      return loadsAndRunsOrScenarioError(file);
    }), { numRuns: 120 });
  }, 120_000);

  it('with a line deleted', () => {
    const file = join(tempFiles({}), 'cut.yaml');
    fc.assert(fc.property(fc.integer({ min: 0, max: lines.length - 1 }), (k) => {
      writeFileSync(file, lines.filter((_, i) => i !== k).join('\n'));
      return loadsAndRunsOrScenarioError(file);
    }), { numRuns: 60 });
  }, 120_000);
});
