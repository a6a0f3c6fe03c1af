import { describe, it, expect } from 'vitest';
import { compileModel, simulateReplication } from '../../src/model/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';

// The schedule is worked out by hand in test/fixtures/hand-schedule.ts.
describe('a fixed schedule worked out by hand', () => {
  const m = compileModel(handScheduleInput());
  const out = simulateReplication(m, 1, 0, { check: true });

  it('connects each settlement on the hand-computed day', () => {
    expect(Array.from(out.completion)).toEqual([71, 81, 436]);
  });
  it('attributes the waiting to winter, crews and budget', () => {
    const w = (j: number, k: number) => out.waits[j * 8 + k];
    expect(w(0, 5)).toBeCloseTo(49); // winter: day 10 -> 59, without a crew
    expect(w(0, 3)).toBeCloseTo(0); // no crew waits: the crew was free at the thaw
    expect(w(1, 5)).toBeCloseTo(49); // winter: day 10 -> 59, not counted as waiting for a crew
    expect(w(1, 3)).toBeCloseTo(10); // crew: day 59 -> 69
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
  it('measures crew utilisation up to the first deadline', () => {
    // The crew is not taken in the frozen months: held from day 59 to 79, 20 of 90 crew-days to 31 March.
    expect(out.crewBusyToDeadline[0]).toBeCloseTo(20, 9);
    expect(out.crewAvailableToDeadline[0]).toBeCloseTo(90, 9);
  });
});
