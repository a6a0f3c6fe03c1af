import { describe, it, expect } from 'vitest';
import { compileModel, regionTech, Replicator, simulateReplication, TECH_CODE, type ModelInput } from '../../src/model/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';
import { loadScenario } from '../../src/scenario/index.js';

const fixed = (value: number) => ({ dist: 'fixed' as const, value });
const run = (input: ModelInput, rep = 0) => simulateReplication(compileModel(input), 1, rep, { check: true });
const allYear = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

/** Three settlements, no winter, no budget limit, zero-length stages: a blank slate. */
function blank(): ModelInput {
  const s = handScheduleInput();
  s.seasons = { test: { buried: allYear, aerial: allYear } };
  s.budget = {};
  s.fibre.design = fixed(0);
  s.fibre.approval = fixed(0);
  s.fibre.commissioning = fixed(0);
  s.regions[0].crews.fibre = 3;
  return s;
}

describe('permit offices as queues', () => {
  it('processes one file at a time with capacity 1 and fixed times', () => {
    const s = blank();
    s.fibre.approval = fixed(10);
    s.fibre.approvalOffice = { capacity: 1, rejection: 0, resubmission: fixed(0) };
    // Decisions on days 10, 20, 30; then 10 days of laying each.
    expect(Array.from(run(s).completion)).toEqual([20, 30, 40]);
  });

  it('a region can have its own office capacity', () => {
    const s = blank();
    s.fibre.approval = fixed(10);
    s.fibre.approvalOffice = { capacity: 1, rejection: 0, resubmission: fixed(0) };
    s.regions.push({ ...s.regions[0], id: 'fast', name: 'Fast', offices: { approvalOffice: 3 } });
    // Region r queues its three files (days 10, 20, 30); region 'fast' decides all three on day 10.
    expect(Array.from(run(s).completion)).toEqual([20, 30, 40, 20, 20, 20]);
  });

  it('is a pure delay without an office', () => {
    const s = blank();
    s.fibre.approval = fixed(10);
    expect(Array.from(run(s).completion)).toEqual([20, 20, 20]);
  });

  it('sends rejected files back to the queue after the resubmission delay', () => {
    const s = blank();
    s.regions[0].settlements = 3000;
    s.regions[0].crews.fibre = 10_000;
    s.horizon = '2030-12-31';
    s.fibre.approval = fixed(10);
    s.fibre.approvalOffice = { capacity: null, rejection: 0.5, resubmission: fixed(5) };
    const o = run(s);
    // Attempts are geometric(1/2): mean 2 decisions of 10 days and 1 resubmission of 5 days.
    let sum = 0;
    for (let i = 0; i < 3000; i++) sum += o.waits[i * 8 + 1];
    expect(sum / 3000).toBeGreaterThan(25 - 1.5);
    expect(sum / 3000).toBeLessThan(25 + 1.5);
    // Every approval time is 10 a + 5 (a - 1) for a whole number of attempts a >= 1.
    for (let i = 0; i < 3000; i++) expect((o.waits[i * 8 + 1] + 5) % 15).toBeCloseTo(0, 6);
  });
});

describe('risks', () => {
  it('a budget cut with probability 1 halves every year\'s money', () => {
    const s = handScheduleInput();
    s.risks = [{ id: 'cut', label: 'Sequestration', probability: 1, per: 'year', impact: { type: 'budget-cut', programme: 'fibre', share: 0.5 } }];
    // 10 in 2026 pays for one line; 5 in 2027 adds up to 5, never 10.
    expect(Array.from(run(s).completion)).toEqual([71, Infinity, Infinity]);
  });

  it('a harsh winter with probability 1 delays the thaw by its extra days', () => {
    const s = handScheduleInput();
    s.risks = [{ id: 'winter', label: 'Harsh winter', probability: 1, per: 'year', impact: { type: 'harsh-winter', extraDays: 30 } }];
    expect(Array.from(run(s).completion)).toEqual([101, 111, 466]);
  });

  it('a risk with probability 0 changes nothing', () => {
    const s = handScheduleInput();
    s.risks = [{ id: 'winter', label: 'Harsh winter', probability: 0, per: 'year', impact: { type: 'harsh-winter', extraDays: 30 } }];
    expect(Array.from(run(s).completion)).toEqual([71, 81, 436]);
  });

  it('a contractor default removes the region\'s crews for its duration', () => {
    const s = blank();
    s.regions[0].settlements = 100; // 1,000 crew-days of work: the default strikes mid-programme
    s.regions[0].crews.fibre = 1;
    s.risks = [{ id: 'default', label: 'Contractor default', probability: 1, per: 'year', impact: { type: 'contractor-default', technology: 'fibre', days: fixed(100000) } }];
    const o = run(s);
    const start = o.draws.risks.defaults[0].start;
    expect(start).toBeLessThan(365);
    // Lines finish every 10 days until the default; the one in hand is finished; none after.
    const done = Array.from(o.completion).filter((c) => c !== Infinity);
    expect(done.length).toBe(Math.ceil(start / 10));
    for (const c of done) expect(c).toBeLessThanOrEqual(start + 10);
  });

  /** 100 lines of 10 days on one crew, and one contractor default of 55 days in the run (halting the work in hand or not). */
  function defaultOnce(halts: boolean): ModelInput {
    const s = blank();
    s.regions[0].settlements = 100;
    s.regions[0].crews.fibre = 1;
    s.risks = [{ id: 'default', label: 'Contractor default', probability: 1, per: 'run', impact: { type: 'contractor-default', technology: 'fibre', days: fixed(55), ...(halts ? { halts: true as const } : {}) } }];
    return s;
  }

  it('a contractor default that halts stops the line in hand for its days, booked as waiting for a crew (by hand)', () => {
    // A replication whose default strikes in the middle of a line, early enough to be seen.
    const rep = Array.from({ length: 40 }, (_, r) => r).find((r) => {
      const start = run(defaultOnce(true), r).draws.risks.defaults[0].start;
      return start % 10 !== 0 && start < 600;
    })!;
    const halted = run(defaultOnce(true), rep), finished = run(defaultOnce(false), rep);
    const start = halted.draws.risks.defaults[0].start;
    expect(finished.draws.risks.defaults[0].start).toBe(start); // the same default in both
    const inHand = Math.floor(start / 10); // line k is laid over days 10 k .. 10 k + 10
    // Halting: line k0 stops on days start .. start + 55 and ends 55 days late; each later one follows it.
    const horizon = 730;
    const expected = Array.from({ length: 100 }, (_, k) => 10 * k + 10 + (k >= inHand ? 55 : 0)).map((c) => (c < horizon ? c : Infinity));
    expect(Array.from(halted.completion)).toEqual(expected);
    // Its 55 halted days are booked as waiting for a crew (the crews were gone), its 10 of laying as work.
    const waits = (o: typeof halted, i: number) => ({ crew: o.waits[i * 8 + 3], work: o.waits[i * 8 + 4], winter: o.waits[i * 8 + 5] });
    expect(waits(halted, inHand)).toEqual({ crew: 10 * inHand + 55, work: 10, winter: 0 });
    // Not halting: the line in hand is finished on time; the next starts when the crews are back.
    expect(finished.completion[inHand]).toBe(10 * inHand + 10);
    expect(finished.completion[inHand + 1]).toBe(start + 55 + 10);
    expect(waits(finished, inHand)).toEqual({ crew: 10 * inHand, work: 10, winter: 0 });
  });
});

describe('crews', () => {
  it('crews added on a date start work that day', () => {
    const s = handScheduleInput();
    s.crewChanges = [{ date: '2026-02-01', technology: 'fibre', add: 1 }];
    expect(Array.from(run(s).completion)).toEqual([71, 71, 436]);
  });

  it('national crews go where the work is, after travelling', () => {
    const s = blank();
    s.regions[0].crews.fibre = 0;
    s.regions.push({ ...s.regions[0], id: 'empty', name: 'Empty', settlements: 1, connected: 1 });
    s.nationalCrews = { crews: { fibre: 1 }, travelDays: fixed(3), rebalanceEveryDays: 30 };
    expect(Array.from(run(s).completion)).toEqual([13, 23, 33, -1]);
  });

  it('a national crew recalled on its way turns back, taking none of the crews there (national-recall.yaml, by hand)', () => {
    const o = run(loadScenario('test/fixtures/mechanisms/national-recall.yaml').input);
    expect(Array.from(o.completion)).toEqual([12, 12, 12, 24, 24, 24, 130, 140, 230]);
  });

  it('a national crew recalled while at work finishes its job, then sets off: never in two regions at once (national-busy.yaml, by hand)', () => {
    const o = run(loadScenario('test/fixtures/mechanisms/national-busy.yaml').input);
    expect(Array.from(o.completion)).toEqual([60, 140, 80, 160]);
  });

  it('a national crew recalled while at work and wanted back before it has finished stays: none travels for it (national-stay.yaml, by hand)', () => {
    const o = run(loadScenario('test/fixtures/mechanisms/national-stay.yaml').input);
    expect(Array.from(o.completion)).toEqual([60, 110, 160, 180]);
  });

  it('a national pool shared by the days villages have waited sends its crew to the one old wait, not the two new ones (national-wait-days.yaml, by hand)', () => {
    const input = loadScenario('test/fixtures/mechanisms/national-wait-days.yaml').input;
    expect(Array.from(run(input).completion)).toEqual([169.5, 59.5, 69.5, 179.5, 189.5]);
    // By the number waiting (the default), the same villages: a1 waits until nothing waits in b.
    delete input.nationalCrews!.shareBy;
    expect(Array.from(run(input).completion)).toEqual([220, 59.5, 69.5, 79.5, 89.5]);
  });

  it('a region whose contractor has defaulted draws no national crews: its waiting jobs cannot take one', () => {
    // national-crew-change.yaml without its crew change or own crews, lines of 300 days (4 of
    // the 6 villages wait all year for the 2 national crews), a's contractor out from a drawn
    // day to the horizon.
    const input = loadScenario('test/fixtures/mechanisms/national-crew-change.yaml').input;
    input.crewChanges = [];
    input.regions[0].crews.fibre = 0;
    input.settlementDefaults.backboneKm = fixed(300);
    input.risks = [{ id: 'out', label: 'a out', probability: 1, per: 'run', impact: { type: 'contractor-default', technology: 'fibre', region: 'a', days: fixed(1000) } }];
    const r = new Replicator(compileModel(input));
    const a = regionTech(0, TECH_CODE.fibre);
    let seen = 0, out = false;
    r.run(1, 0, {
      check: true,
      // Called before each event runs: from the one after the default's on, a's contractor is out.
      trace: (line) => {
        const pool = r.crews[a];
        if (out && pool.queueLength > 0 && !pool.isPaused) {
          seen++;
          expect(r.waitingForCrew(a)).toBe(0);
        }
        out ||= line.includes('contractor default');
      },
    });
    expect(seen).toBeGreaterThan(0); // the default came while a's jobs waited
  });

  it('a crew change moves the region\'s own crews, not the national crews sent there (national-crew-change.yaml, by hand)', () => {
    const o = run(loadScenario('test/fixtures/mechanisms/national-crew-change.yaml').input);
    expect(Array.from(o.completion)).toEqual([30, 30, 30, 30, 60, 60]);
  });
});

/** A blank scenario with one mast crew and masts that take 10 days and cost 1, nothing else in the way (the motorway tests). */
function roadMasts(): ModelInput {
  const s = blank();
  s.regions[0].crews.mast = 1;
  s.mast = {
    settlementsPerMast: 1, siteAllocation: fixed(0), preAllocatedSites: true, permit: fixed(0),
    construction: fixed(10), powerAndBackhaul: fixed(0), cost: fixed(1),
  };
  return s;
}

describe('masts and motorways', () => {
  it('one mast covers the settlements grouped under it', () => {
    const s = blank();
    s.technology = { rules: [{ populationBelow: 1000, use: 'mast' }], default: 'fibre' };
    s.coverageTechnologies = ['fibre', 'mast'];
    s.regions[0].crews.mast = 1;
    s.mast = {
      settlementsPerMast: 3, siteAllocation: fixed(10), preAllocatedSites: false, permit: fixed(30),
      construction: fixed(20), powerAndBackhaul: fixed(5), cost: fixed(100),
    };
    const o = run(s);
    expect(Array.from(o.completion)).toEqual([65, 65, 65]);
    s.mast.preAllocatedSites = true;
    expect(Array.from(run(s).completion)).toEqual([55, 55, 55]);
  });

  it('motorway masts cover their share of the road', () => {
    const s = roadMasts();
    s.motorways = [{ id: 'm1', label: 'M-1', region: 'r', km: 100, mastEveryKm: 30 }];
    s.targets = [{ id: 'road', label: 'Half the road', metric: 'motorway-share', threshold: 0.5, deadline: '2026-01-25' }];
    const o = run(s);
    expect(Array.from(o.motorwayCompletion)).toEqual([10, 20, 30, 40]);
    expect(Array.from(o.met)).toEqual([1]);
    expect(o.reachedDay[0]).toBe(20);
    expect(o.countAtDeadline[0] / o.targetSize[0]).toBe(0.5);
  });

  it('a road with its own mast cost pays it for its masts, and only for them (motorways[].mastCost)', () => {
    const s = roadMasts();
    s.motorways = [{ id: 'm1', label: 'M-1', region: 'r', km: 100, mastEveryKm: 30, mastCost: fixed(10) }, { id: 'm2', label: 'M-2', region: 'r', km: 30, mastEveryKm: 30 }];
    s.targets = [{ id: 'road', label: 'The roads', metric: 'motorway-share', threshold: 1, deadline: '2026-12-31' }];
    const total = (input: ModelInput) => run(input).spend.reduce((a, x) => a + x, 0);
    expect(run(s).motorwayCompletion.length).toBe(5);
    // M-1's 4 masts at 10 instead of the masts' own 1; M-2's one mast and the villages' fibre as before.
    const without = structuredClone(s);
    delete without.motorways![0].mastCost;
    expect(total(s) - total(without)).toBe(4 * (10 - 1));
  });

  it('counts fractional corridors exactly: a 0.4 km corridor is 0.4 km, not rounded away', () => {
    const s = roadMasts();
    // A: 0.4 km, one mast (done day 10); B: 9.6 km at one mast per 3.2 km = 3 masts of 3.2 km (days 20, 30, 40).
    s.motorways = [
      { id: 'a', label: 'A', region: 'r', km: 0.4, mastEveryKm: 5 },
      { id: 'b', label: 'B', region: 'r', km: 9.6, mastEveryKm: 3.2 },
    ];
    s.targets = [
      // 0.4 of 10 km is exactly 4 %: reached with A alone, on day 10 (rounded to whole km, A was 0 km and this was "met" at the start).
      { id: 'four', label: '4 %', metric: 'motorway-share', threshold: 0.04, deadline: '2026-01-15' },
      // 4.1 % needs A and one mast of B.
      { id: 'more', label: '4.1 %', metric: 'motorway-share', threshold: 0.041, deadline: '2026-01-15' },
      // All of it: every mast, whatever the floating-point sum of 3 x 3.2 km.
      { id: 'all', label: 'all', metric: 'motorway-share', threshold: 1, deadline: '2026-02-28' },
    ];
    const o = run(s);
    expect(Array.from(o.motorwayCompletion)).toEqual([10, 20, 30, 40]);
    expect(Array.from(o.met)).toEqual([1, 0, 1]);
    expect(Array.from(o.reachedDay)).toEqual([10, 20, 40]);
    // Histograms count in steps of 1/1000 of all motorway km: 0.4 / 10 = 40 steps.
    expect(o.countAtDeadline[0]).toBe(40);
    expect(o.targetSize[0]).toBe(1000);
    expect(o.countAtDeadline[2]).toBe(1000);
  });
});
