import { describe, it, expect } from 'vitest';
import { compileModel, simulateReplication, deliveriesByYear, deliveryKinds, DELIVERY_KINDS } from '../../src/model/index.js';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';

// The hand-worked schedule (test/fixtures/hand-schedule.ts) connects its three settlements on
// days 71 and 81 of 2026 and day 436 (13 March 2027): two deliveries in 2026, one in 2027.
describe('deliveries per calendar year', () => {
  it('counts each settlement in the year it was connected', () => {
    const m = compileModel(handScheduleInput());
    const out = simulateReplication(m, 1, 0);
    expect(m.years).toBe(2);
    // fibre 2026, 2027; coverage 2026, 2027; mobile none (no mobile series: deliveryKinds leaves it out)
    expect(Array.from(out.deliveredByYear)).toEqual([2, 1, 2, 1, 0, 0]);
    expect(deliveryKinds(m)).toEqual(['fibre', 'coverage']);
  });

  it('puts a connection on 1 January in the new year and leaves out settlements connected before the start', () => {
    const input = { ...handScheduleInput(), start: '2025-12-31' };
    const m = compileModel(input);
    expect(m.firstYear).toBe(2025);
    const st = simulateReplication(m, 1, 0).settlements;
    // By hand: connected before the start, on 31 Dec 2025 (day 0.5), on 1 Jan 2026 (day 1), never.
    const completion = Float64Array.from([-1, 0.5, 1, Infinity]);
    const table = { ...st, n: 4, region: new Int32Array(4), tech: new Uint8Array(4) };
    const out = deliveriesByYear(m, table, completion, new Int32Array(DELIVERY_KINDS.length * m.years));
    expect(Array.from(out.subarray(0, m.years))).toEqual([1, 1, 0]);
  });

  it('counts villages gaining mobile coverage in a scenario with services: the mast’s three on its on-air day, not the one covered at the start', () => {
    // test/fixtures/services/services.yaml, worked by hand: one mast covers three villages on day 65 of 2026.
    const { input } = loadScenario(fileURLToPath(new URL('../fixtures/services/services.yaml', import.meta.url)));
    const m = compileModel(input);
    expect(deliveryKinds(m)).toEqual(['fibre', 'coverage', 'mobile']);
    expect(m.years).toBe(1);
    const out = simulateReplication(m, 1, 0).deliveredByYear;
    expect(out[DELIVERY_KINDS.indexOf('mobile') * m.years]).toBe(3);
    expect(out[DELIVERY_KINDS.indexOf('fibre') * m.years]).toBe(3); // backbone fibre for the other three on day 15
  });
});
