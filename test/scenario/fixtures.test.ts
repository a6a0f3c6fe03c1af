import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';
import { fixture, shipped } from './helpers.js';

describe('known-answer scenario fixtures (test/fixtures/scenarios)', () => {
  it('fixed-schedule.yaml resolves to exactly the hand-worked input of test/fixtures/hand-schedule.ts', () => {
    expect(loadScenario(fixture('scenarios/fixed-schedule.yaml')).input).toEqual({ ...handScheduleInput(), name: 'fixed-schedule' });
  });

  it('unlimited-all-year.yaml fills every default: all-year season, no budget, zero-length stages', () => {
    const { input } = loadScenario(fixture('scenarios/unlimited-all-year.yaml'));
    const zero = { dist: 'fixed', value: 0 };
    expect(input).toEqual({
      name: 'unlimited-all-year', start: '2026-01-01', horizon: '2026-12-31', currency: 'units',
      targets: [
        { id: 'half-by-february', label: 'Half by 1 February', metric: 'fibre-share', threshold: 0.5, deadline: '2026-02-01' },
        { id: 'all-by-april', label: 'All by 1 April', metric: 'fibre-share', threshold: 1, deadline: '2026-04-01' },
      ],
      coverageTechnologies: ['fibre'],
      seasons: { 'all-year': { buried: Array(12).fill(1), aerial: Array(12).fill(1) } },
      regions: [{ id: 'only', name: 'Only region', settlements: 10, connected: 0, season: 'all-year', crews: { fibre: 1, mast: 0, satellite: 0 }, productivityFactor: 1 }],
      settlementDefaults: { population: { dist: 'fixed', value: 100 }, backboneKm: { dist: 'fixed', value: 10 } },
      technology: { rules: [], default: 'fibre' },
      ordering: 'population-desc',
      fibre: {
        design: zero, approval: zero, method: 'buried',
        kmPerDay: { buried: { dist: 'fixed', value: 2 }, aerial: { dist: 'fixed', value: 2 } },
        costPerKm: { buried: zero, aerial: zero }, nodeCost: zero, commissioning: zero,
      },
      budget: {},
      crewChanges: [],
      reportEveryDays: 7,
    });
  });

  it('listed-settlements.yaml flattens technology rules and keeps regional targets', () => {
    const { input } = loadScenario(fixture('scenarios/listed-settlements.yaml'));
    expect(input.technology.rules).toEqual([{ populationBelow: 200, backboneKmAbove: 30, use: 'satellite' }]);
    expect(input.targets[2].regions).toEqual(['east']);
    expect(input.budget.fibre).toEqual({ unlimited: true, appropriations: {}, carryOver: true });
    expect(input.regions.map((r) => r.season)).toEqual(['all-year', 'cold']);
  });

  it('normalises distribution objects to their own parameters in a fixed order', () => {
    const { input } = loadScenario(fixture('scenarios/extends/base.yaml'));
    expect(input.settlementDefaults.backboneKm).toEqual({ dist: 'lognormal', median: 20, sigma: 0.7 });
    expect(Object.keys(input.settlementDefaults.backboneKm)).toEqual(['dist', 'median', 'sigma']);
  });
});

describe('every good scenario file loads', () => {
  const files = [
    ...readdirSync(shipped('.')).filter((f) => f.endsWith('.yaml')).map((f) => shipped(f)),
    ...readdirSync(fixture('scenarios'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => fixture(`scenarios/${f}`)),
  ];
  it.each(files)('%s', (file) => {
    const { input, identity } = loadScenario(file);
    expect(identity.name).toBe(input.name);
    expect(input.regions.length).toBeGreaterThan(0);
  });
});
