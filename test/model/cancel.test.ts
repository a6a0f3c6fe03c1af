import { describe, it, expect } from 'vitest';
import { compileModel, Replicator, STAGE_NAMES, type ModelInput } from '../../src/model/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });
const allYear = Array(12).fill(1);

/** Two settlements of 10 km at 1 km/day, nothing else in the way unless a test adds it. */
function two(): ModelInput {
  const s = handScheduleInput();
  s.seasons = { test: { buried: allYear, aerial: allYear } };
  s.budget = {};
  s.regions[0].settlements = 2;
  s.fibre.design = fixed(0);
  s.fibre.approval = fixed(0);
  s.fibre.commissioning = fixed(0);
  return s;
}

/** Runs replication 0, cancelling jobs at the end of day `day - 1` (by the state-at hook); returns the outcome and what each cancel answered. */
function runCancelling(input: ModelInput, day: number, jobs: number[]) {
  const r = new Replicator(compileModel(input));
  const answers: boolean[] = [];
  const o = r.run(1, 0, { check: true, stateAt: day, onState: () => { for (const j of jobs) answers.push(r.cancel(j)); } });
  return { o, r, answers, stage: (j: number) => STAGE_NAMES[r.state.stage[j]] };
}

/** Cancelling a job (issue 11 item 4's fallback cancels fibre work not yet started): each stage withdraws what it waits on and gives back what it holds. */
describe('cancelling a job', () => {
  it('at an office: a file being processed gives its desk to the next one, which is decided earlier', () => {
    const s = two();
    s.fibre.approval = fixed(10);
    s.fibre.approvalOffice = { capacity: 1, rejection: 0, resubmission: fixed(0) };
    s.regions[0].crews.fibre = 2;
    const { o, answers, stage } = runCancelling(s, 5, [0]);
    expect(answers).toEqual([true]);
    expect(stage(0)).toBe('cancelled');
    expect(o.completion[0]).toBe(Infinity);
    // Job 1 takes the desk on day 5 (not 10): decided on day 15, laid by day 25.
    expect(o.completion[1]).toBeCloseTo(25, 6);
  });

  it('waiting for a crew: withdrawn from the queue; a job at work cannot be cancelled', () => {
    const s = two();
    s.regions[0].crews.fibre = 1;
    const { o, answers, stage } = runCancelling(s, 5, [1, 0]);
    expect(answers).toEqual([true, false]);
    expect([stage(0), stage(1)]).toEqual(['done', 'cancelled']);
    expect(Array.from(o.completion)).toEqual([10, Infinity]);
  });

  it('in commissioning, after its work: never cancelled (found by the damaged-scenario property test)', () => {
    const s = two();
    s.regions[0].crews.fibre = 2;
    s.fibre.commissioning = fixed(100);
    // Both laid by day 10, commissioning until day 110: on day 50 neither can be cancelled.
    const { o, answers, stage } = runCancelling(s, 50, [0, 1]);
    expect(answers).toEqual([false, false]);
    expect([stage(0), stage(1)]).toEqual(['done', 'done']);
    expect(Array.from(o.completion)).toEqual([110, 110]);
  });

  it('at the season gate: a job waiting for the thaw is withdrawn and asks for no crew at the thaw', () => {
    const s = two();
    s.seasons = { test: { buried: [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], aerial: allYear } };
    s.regions[0].crews.fibre = 1;
    const { o, answers } = runCancelling(s, 5, [0]);
    expect(answers).toEqual([true]);
    // Job 1 takes the crew at the thaw (day 59) and is laid by day 69.
    expect(Array.from(o.completion)).toEqual([Infinity, 69]);
  });

  it('waiting for money: withdrawn, so the money is never paid', () => {
    const s = two();
    s.regions[0].crews.fibre = 2;
    s.budget = { fibre: { unlimited: false, carryOver: true, appropriations: { '2026': 10, '2027': 10 } } };
    const { o, answers } = runCancelling(s, 5, [1]);
    expect(answers).toEqual([true]);
    expect(Array.from(o.completion)).toEqual([10, Infinity]);
    expect(Array.from(o.spend.subarray(0, 2))).toEqual([10, 0]); // job 1 would have been paid on 1 January 2027
  });

  it('in a delay (design): the job never comes out of it', () => {
    const s = two();
    s.fibre.design = fixed(10);
    s.regions[0].crews.fibre = 2;
    const { o, answers, r } = runCancelling(s, 5, [0]);
    expect(answers).toEqual([true]);
    expect(Array.from(o.completion)).toEqual([Infinity, 20]);
    // Its days stop on the day it was cancelled (every day of every job booked once: --check).
    expect(r.state.cancelledAt[0]).toBeCloseTo(5, 6);
  });
});
