import { describe, it, expect } from 'vitest';
import { compileModel, simulateReplication, deliveriesByYear } from '../../src/model/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';

// The hand-worked schedule (test/fixtures/hand-schedule.ts) connects its three settlements on
// days 71 and 81 of 2026 and day 436 (13 March 2027): two deliveries in 2026, one in 2027.
describe('deliveries per calendar year', () => {
  it('counts each settlement in the year it was connected', () => {
    const m = compileModel(handScheduleInput());
    const out = simulateReplication(m, 1, 0);
    expect(m.years).toBe(2);
    expect(Array.from(out.deliveredByYear)).toEqual([2, 1, 2, 1]); // fibre 2026, 2027; coverage 2026, 2027
  });

  it('puts a connection on 1 January in the new year and leaves out settlements connected before the start', () => {
    const input = { ...handScheduleInput(), start: '2025-12-31' };
    const m = compileModel(input);
    expect(m.firstYear).toBe(2025);
    const st = simulateReplication(m, 1, 0).settlements;
    // By hand: connected before the start, on 31 Dec 2025 (day 0.5), on 1 Jan 2026 (day 1), never.
    const completion = Float64Array.from([-1, 0.5, 1, Infinity]);
    const table = { ...st, n: 4, region: new Int32Array(4), tech: new Uint8Array(4) };
    const out = deliveriesByYear(m, table, completion, new Int32Array(2 * m.years));
    expect(Array.from(out.subarray(0, m.years))).toEqual([1, 1, 0]);
  });
});
