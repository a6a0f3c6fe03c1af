import { describe, it, expect } from 'vitest';
import { compileModel, simulateReplication, TECH_CODE, type ObservationInput } from '../../src/model/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';
import { randomInput } from '../fixtures/random-input.js';

describe('observeReplication: each observation in a simulated future', () => {
  it('counts a settlement connected before the end of the date (the hand-worked schedule)', () => {
    // Connected on days 71 (2026-03-13), 81 (2026-03-23) and 436 (2027-03-13).
    const obs: ObservationInput[] = [
      { date: '2026-01-01', metric: 'fibre-count', value: 0 },
      { date: '2026-03-12', metric: 'fibre-count', value: 0 },
      { date: '2026-03-13', metric: 'fibre-count', value: 0 },
      { date: '2026-03-23', metric: 'fibre-share', value: 0 },
      { date: '2027-03-13', metric: 'coverage-count', value: 0 },
      { date: '2027-12-31', metric: 'satellite-count', value: 0 },
      { date: '2027-12-31', region: 'r', metric: 'fibre-share', value: 0 },
    ];
    const m = compileModel({ ...handScheduleInput(), observations: obs });
    const out = simulateReplication(m, 1, 0);
    expect(Array.from(out.completion)).toEqual([71, 81, 436]);
    expect(Array.from(out.observed)).toEqual([0, 0, 1, 2 / 3, 3, 0, 1]);
  });

  it('counts each technology apart, and coverage as the scenario defines it', () => {
    // Every settlement on satellite: procurement 10 days, then one crew installs in 1 day each: days 11, 12, 13.
    const fixed = (value: number) => ({ dist: 'fixed' as const, value });
    const input = { ...handScheduleInput(), technology: { rules: [], default: 'satellite' as const }, coverageTechnologies: ['fibre' as const, 'satellite' as const] };
    input.satellite = { procurement: fixed(10), install: fixed(1), cost: fixed(0) };
    input.regions[0].crews.satellite = 1;
    const obs: ObservationInput[] = [
      { date: '2026-01-12', metric: 'satellite-count', value: 0 },
      { date: '2026-01-13', metric: 'coverage-count', value: 0 },
      { date: '2026-01-14', metric: 'satellite-share', value: 0 },
      { date: '2026-12-31', metric: 'fibre-count', value: 0 },
      { date: '2026-12-31', metric: 'mast-count', value: 0 },
    ];
    const out = simulateReplication(compileModel({ ...input, observations: obs }), 1, 0);
    expect(Array.from(out.completion)).toEqual([11, 12, 13]);
    expect(Array.from(out.observed)).toEqual([1, 2, 1, 0, 0]);
  });

  it('counts settlements already connected at the start from the start date on', () => {
    const input = handScheduleInput();
    input.regions[0].connected = 1;
    const m = compileModel({ ...input, observations: [{ date: '2026-01-01', metric: 'fibre-count', value: 0 }] });
    expect(Array.from(simulateReplication(m, 1, 0).observed)).toEqual([1]);
  });

  it('fibre-km: the km of the lines finished by the end of the date (the hand-worked schedule, 10 km each)', () => {
    // Connected on days 71 (2026-03-13), 81 (2026-03-23) and 436 (2027-03-13), each a 10 km line.
    const obs: ObservationInput[] = [
      { date: '2026-03-12', metric: 'fibre-km', value: 0 },
      { date: '2026-03-13', metric: 'fibre-km', value: 0 },
      { date: '2026-03-23', region: 'r', metric: 'fibre-km', value: 0 },
      { date: '2027-03-12', metric: 'fibre-km', value: 0 },
      { date: '2027-12-31', metric: 'fibre-km', value: 0 },
    ];
    const out = simulateReplication(compileModel({ ...handScheduleInput(), observations: obs }), 1, 0);
    expect(Array.from(out.completion)).toEqual([71, 81, 436]);
    expect(Array.from(out.observed)).toEqual([0, 10, 20, 20, 30]);
  });

  it('fibre-km counts only lines built during the run, not those there at the start', () => {
    // One village on fibre at the start: its 10 km count for fibre-count, not for fibre-km.
    const input = handScheduleInput();
    input.regions[0].connected = 1;
    const obs: ObservationInput[] = [
      { date: '2026-01-01', metric: 'fibre-km', value: 0 },
      { date: '2027-12-31', metric: 'fibre-km', value: 0 },
      { date: '2027-12-31', metric: 'fibre-count', value: 0 },
    ];
    expect(Array.from(simulateReplication(compileModel({ ...input, observations: obs }), 1, 0).observed)).toEqual([0, 20, 3]);
  });

  it('fibre-km is the sum of the drawn distances of the settlements connected by fibre in the window', () => {
    const input = randomInput();
    const dates = ['2026-06-30', '2026-12-31', '2027-12-31'];
    const obs: ObservationInput[] = dates.flatMap((date) => [
      { date, metric: 'fibre-km' as const, value: 0 },
      ...input.regions.map((r) => ({ date, region: r.id, metric: 'fibre-km' as const, value: 0 })),
    ]);
    const m = compileModel({ ...input, observations: obs });
    for (let rep = 0; rep < 6; rep++) {
      const out = simulateReplication(m, 2, rep);
      const st = out.settlements;
      dates.forEach((date, d) => {
        const end = m.calendar.dayOf(date) + 1;
        const km = (region?: number) => {
          let sum = 0;
          for (let i = 0; i < st.n; i++) {
            if ((region === undefined || st.region[i] === region) && !st.connected[i] && st.tech[i] === TECH_CODE.fibre && out.completion[i] < end) sum += st.backboneKm[i];
          }
          return sum;
        };
        const at = d * (1 + input.regions.length);
        expect(out.observed[at]).toBeCloseTo(km(), 9);
        input.regions.forEach((_, r) => expect(out.observed[at + 1 + r]).toBeCloseTo(km(r), 9));
        expect(out.observed[at]).toBeGreaterThan(0);
      });
    }
  });

  it('agrees with the targets and the regional series computed by evaluate()', () => {
    const input = randomInput();
    // Each target's share at its deadline, and each region's count on the day before every fourth report date.
    const atDeadlines: ObservationInput[] = input.targets.map((t) => ({ date: t.deadline, metric: 'fibre-share', value: 0 }));
    const m0 = compileModel(input);
    const grid = Array.from(m0.gridDays).filter((d, g) => g % 4 === 1 && d > 0);
    const regional: ObservationInput[] = grid.flatMap((d) => input.regions.map((r) => ({ date: m0.calendar.toIso(d - 1), region: r.id, metric: 'fibre-count' as const, value: 0 })));
    const m = compileModel({ ...input, observations: [...atDeadlines, ...regional] });
    for (let rep = 0; rep < 8; rep++) {
      const out = simulateReplication(m, 3, rep);
      m.targets.forEach((_, k) => expect(out.observed[k]).toBeCloseTo(out.countAtDeadline[k] / out.targetSize[k], 12));
      const nG = m.gridDays.length;
      grid.forEach((d, j) => {
        const g = Array.from(m.gridDays).indexOf(d);
        input.regions.forEach((_, r) => expect(out.observed[atDeadlines.length + j * input.regions.length + r]).toBe(out.seriesCounts[(2 + 2 * r) * nG + g]));
      });
    }
  });
});
