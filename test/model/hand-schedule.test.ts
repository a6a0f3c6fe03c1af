import { describe, it, expect } from 'vitest';
import { compileModel, simulateReplication, type ModelInput } from '../../src/model/index.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });

/**
 * Three settlements, one crew, fixed durations, no work in January and February, and a
 * budget that pays for two lines in 2026 and the third on 1 January 2027. Worked by hand:
 *   all: design days 0-5, approval 5-10, then the budget queue at day 10.
 *   #0: funded day 10, crew day 10, no laying until 1 March (day 59), 10 km at 1 km/day -> day 69,
 *       commissioning 2 days -> connected day 71 (2026-03-13); 49 days lost to winter.
 *   #1: funded day 10, waits for the crew until day 69, lays 69-79, connected day 81 (2026-03-23).
 *   #2: waits for money until day 365 (2027-01-01); the ground is frozen until 1 March 2027
 *       (day 424); lays 424-434; connected day 436 (2027-03-13).
 */
export function handScheduleInput(): ModelInput {
  const frozenJanFeb = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  return {
    name: 'hand-schedule', start: '2026-01-01', horizon: '2027-12-31', currency: 'units',
    targets: [
      { id: 'two-thirds-2026', label: '2 of 3 by end of March 2026', metric: 'fibre-share', threshold: 0.66, deadline: '2026-03-31' },
      { id: 'all-2026', label: 'All by end 2026', metric: 'fibre-share', threshold: 1, deadline: '2026-12-31' },
    ],
    coverageTechnologies: ['fibre'],
    seasons: { test: { buried: frozenJanFeb, aerial: frozenJanFeb } },
    regions: [{ id: 'r', name: 'Region', settlements: 3, connected: 0, season: 'test', crews: { fibre: 1, mast: 0, satellite: 0 }, productivityFactor: 1 }],
    settlementDefaults: { population: fixed(100), backboneKm: fixed(10) },
    technology: { rules: [], default: 'fibre' },
    ordering: 'plan',
    fibre: {
      design: fixed(5), approval: fixed(5), method: 'buried',
      kmPerDay: { buried: fixed(1), aerial: fixed(1) }, costPerKm: { buried: fixed(1), aerial: fixed(1) },
      nodeCost: fixed(0), commissioning: fixed(2),
    },
    budget: { fibre: { unlimited: false, carryOver: true, appropriations: { '2026': 20, '2027': 10 } } },
    crewChanges: [],
    reportEveryDays: 7,
  };
}

describe('a fixed schedule worked out by hand', () => {
  const m = compileModel(handScheduleInput());
  const out = simulateReplication(m, 1, 0, { check: true });

  it('connects each settlement on the hand-computed day', () => {
    expect(Array.from(out.completion)).toEqual([71, 81, 436]);
  });
  it('attributes the waiting to winter, crews and budget', () => {
    const w = (j: number, k: number) => out.waits[j * 8 + k];
    expect(w(0, 5)).toBeCloseTo(49); // winter
    expect(w(1, 3)).toBeCloseTo(59); // crew: day 10 -> 69
    expect(w(2, 2)).toBeCloseTo(355); // budget: day 10 -> 365
    expect(w(2, 5)).toBeCloseTo(59); // winter 2027
  });
  it('spends the money in the year it is committed', () => {
    expect(Array.from(out.spend.subarray(0, 2))).toEqual([20, 10]);
  });
  it('evaluates targets against the deadlines', () => {
    expect(Array.from(out.met)).toEqual([1, 0]);
    expect(Array.from(out.reachedDay)).toEqual([81, 436]);
    expect(Array.from(out.countAtDeadline)).toEqual([2, 2]);
  });
});
