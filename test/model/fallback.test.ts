import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileModel, NO_FALLBACK, Replicator, SERVICE, STAGE_NAMES, TECH_CODE, type ModelInput, type SettlementState } from '../../src/model/index.js';
import { loadScenario, stateCsv } from '../../src/scenario/index.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import { fixture, tempFiles } from '../scenario/helpers.js';

/** Fallback policy (issue 11 item 4): hand-worked answers in test/fixtures/mechanisms/fallback.yaml. */
const loaded = loadScenario(fixture('mechanisms/fallback.yaml'));
const run = (input: ModelInput) => {
  const r = new Replicator(compileModel(input));
  return { r, o: r.run(1, 0, { check: true }) };
};
const SAT = TECH_CODE.satellite;

describe('a fallback to satellite for villages not connected by a date (test/fixtures/mechanisms/fallback.yaml)', () => {
  it('cancels fibre work not started and installs terminals after the lead time: days 216, 216, 221', () => {
    const { o, r } = run(loaded.input);
    expect(Array.from(o.completion)).toEqual([110, Infinity, Infinity, Infinity]);
    expect(Array.from(o.fallbackDone)).toEqual([Infinity, 216, 216, 221]);
    expect(Array.from(o.fallbackTech)).toEqual([NO_FALLBACK, SAT, SAT, SAT]);
    expect(Array.from(o.stage, (s) => STAGE_NAMES[s])).toEqual(['done', 'done', 'done', 'done']);
    for (let j = 1; j < 4; j++) expect(STAGE_NAMES[r.state.stage[j]]).toBe('cancelled');
    // Fibre: one village by the end of 2026 (reached on day 110); covered: all four on day 221.
    expect(Array.from(o.countAtDeadline)).toEqual([1, 4]);
    expect(Array.from(o.met)).toEqual([0, 1]);
    expect(o.reachedDay[1]).toBe(221);
    // Where a cancelled village's time went: approval until day 181, then the fallback's lead,
    // procurement and installation (the crew wait of #3 included): every day once.
    const days = (i: number) => Array.from(o.waits.subarray(i * 8, i * 8 + 8)).reduce((a, b) => a + b, 0);
    expect([days(1), days(2), days(3)]).toEqual([216, 216, 221]);
  });

  it('lets fibre work go on without cancelFibre: each target counts the technology that counts for it', () => {
    const input = structuredClone(loaded.input);
    input.fallback![0].cancelFibre = false;
    const { o } = run(input);
    expect(Array.from(o.completion)).toEqual([110, 210, 310, 410]);
    expect(Array.from(o.fallbackDone)).toEqual([Infinity, 216, 216, 221]);
    // Half on fibre by the end of 2026: #0 and #1 (day 210); covered by day 221 (#1 by fibre on day 210).
    expect(Array.from(o.met)).toEqual([1, 1]);
    expect(Array.from(o.reachedDay)).toEqual([210, 221]);
  });

  it('groups a mast fallback by settlementsPerMast, in the region’s queue order', () => {
    const input = structuredClone(loaded.input);
    input.coverageTechnologies = ['fibre', 'mast'];
    input.regions[0].crews.mast = 1;
    input.mast = {
      settlementsPerMast: 2, siteAllocation: { dist: 'fixed', value: 0 }, preAllocatedSites: true, permit: { dist: 'fixed', value: 0 },
      construction: { dist: 'fixed', value: 10 }, powerAndBackhaul: { dist: 'fixed', value: 0 }, cost: { dist: 'fixed', value: 0 },
    };
    input.fallback![0].use = 'mast';
    const { o } = run(input);
    // Masts for {#1, #2} and {#3} after the lead (day 191), one crew: on air on days 201 and 211.
    expect(Array.from(o.fallbackDone)).toEqual([Infinity, 201, 201, 211]);
    expect(Array.from(o.fallbackTech)).toEqual([NO_FALLBACK, TECH_CODE.mast, TECH_CODE.mast, TECH_CODE.mast]);
  });

  it('through the Monte Carlo run: the covered target met every time, on 10 August 2026', async () => {
    const r = await runMonteCarlo(loaded.input, loaded.identity, { runs: 10, seed: 1, workers: 0 });
    const covered = r.summary.targets[1];
    expect(covered.probability).toBe(1);
    expect(covered.dateReached.p50).toBe('2026-08-10'); // day 221
    expect(r.summary.targets[0].probability).toBe(0);
  }, 60_000);
});

describe('the state at a date with a fallback', () => {
  it('gives a village whose fibre was cancelled the state of its fallback job', () => {
    const m = compileModel(loaded.input);
    const at = (date: string) => {
      let rows: { technology: string; stage: string; daysInStage: number }[] = [];
      new Replicator(m).run(1, 0, { check: true, stateAt: m.calendar.dayOf(date) + 1, onState: (r) => { rows = r; } });
      return rows.map((x) => [x.technology, x.stage, Math.round(x.daysInStage * 1e6) / 1e6]);
    };
    // 4 July (the end of day 185): terminals decided on 30 June (181), in their lead time for 4 days.
    expect(at('2026-07-04')).toEqual([['fibre', 'done', 0], ['satellite', 'fallback lead', 4], ['satellite', 'fallback lead', 4], ['satellite', 'fallback lead', 4]]);
    // 20 July (the end of day 201): on order since day 191.
    expect(at('2026-07-20')).toEqual([['fibre', 'done', 0], ['satellite', 'procurement', 10], ['satellite', 'procurement', 10], ['satellite', 'procurement', 10]]);
  });
});

describe('a run from a status dated after a fallback rule (test/fixtures/mechanisms/fallback.yaml, by hand)', () => {
  /** The fixture (with `cancelFibre` as given), its state at the end of 20 July 2026 (time 201), and a run from that state. */
  const fromState = (cancelFibre: boolean, date = '2026-07-20') => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-fallback-status-'));
    const base = join(dir, 'base.json');
    writeFileSync(base, JSON.stringify({ extends: fixture('mechanisms/fallback.yaml'), name: 'fallback', fallback: [{ after: '2026-06-30', use: 'satellite', lead: 10, cancelFibre }] }));
    const m = compileModel(loadScenario(base).input);
    let rows: SettlementState[] = [];
    new Replicator(m).run(1, 0, { stateAt: m.calendar.dayOf(date) + 1, onState: (r) => { rows = r; } });
    writeFileSync(join(dir, 'state.csv'), stateCsv(date, rows));
    // The 2026 fibre target is after the state's date; the covered one (mid-August) too.
    writeFileSync(join(dir, 'from.json'), JSON.stringify({ extends: 'base.json', name: 'from', status: 'state.csv' }));
    return { rows, ...run(loadScenario(join(dir, 'from.json')).input) };
  };

  it('continues the terminals on order where they stood (10 of 20 days of procurement gone), not ordered afresh', () => {
    // Without cancelFibre: #1 laying since day 200, #2 in the office and #3 queued for it (both
    // in the approval stage since day 0); their terminals on order since day 191 (further rows).
    const { rows, o } = fromState(false);
    expect(rows.map((r) => [r.technology, r.stage, Math.round(r.daysInStage * 1e6) / 1e6])).toEqual([
      ['fibre', 'done', 0], ['fibre', 'work', 1], ['fibre', 'approval', 201], ['fibre', 'approval', 201],
      ['satellite', 'procurement', 10], ['satellite', 'procurement', 10], ['satellite', 'procurement', 10],
    ]);
    // From time 0 (= 201): procurement ends at 10 (211), installs by two crews 10-15 and 15-20,
    // as in the run that did not stop (216, 216, 221). Ordered afresh, they would be ready at
    // 10 + 20 + 5 = 35 at the earliest.
    expect(Array.from(o.fallbackDone)).toEqual([Infinity, 15, 15, 20]);
    expect(Array.from(o.fallbackTech)).toEqual([NO_FALLBACK, SAT, SAT, SAT]);
    // Fibre goes on: #1 9 km left (210 → 9); #2's decision at 300 (→ 99), laid by 109; #3 at 400 (→ 199), by 209.
    expect(Array.from(o.completion)).toEqual([-1, 9, 109, 209]);
  });

  it('continues terminals still in their lead time with the rest of it (4 of 10 days gone), as the run that did not stop', () => {
    // From 4 July (time 0 = 185): 6 days of lead left, ordered at 6 (191), 20 days of
    // procurement to 26 (211), installs by two crews 26-31 and 31-36: 216, 216 and 221, as in
    // the run that did not stop. Beside fibre (further rows) and as the villages' own jobs
    // (cancelFibre). With the lead afresh they would be 4 days late; without it, 6 early.
    const beside = fromState(false, '2026-07-04');
    expect(beside.rows.slice(-3).map((r) => [r.technology, r.stage, r.daysInStage])).toEqual([['satellite', 'fallback lead', 4], ['satellite', 'fallback lead', 4], ['satellite', 'fallback lead', 4]]);
    expect(Array.from(beside.o.fallbackDone)).toEqual([Infinity, 31, 31, 36]);
    const own = fromState(true, '2026-07-04');
    expect(Array.from(own.o.completion)).toEqual([-1, 31, 31, 36]);
    expect(Array.from(own.o.fallbackTech)).toEqual([NO_FALLBACK, NO_FALLBACK, NO_FALLBACK, NO_FALLBACK]);
  });

  it('with cancelFibre, the villages are satellite villages: their own terminals continue, and no second one is ordered', () => {
    const { rows, o } = fromState(true);
    expect(rows.map((r) => [r.technology, r.stage])).toEqual([['fibre', 'done'], ['satellite', 'procurement'], ['satellite', 'procurement'], ['satellite', 'procurement']]);
    expect(Array.from(o.completion)).toEqual([-1, 15, 15, 20]);
    expect(Array.from(o.fallbackTech)).toEqual([NO_FALLBACK, NO_FALLBACK, NO_FALLBACK, NO_FALLBACK]);
  });
});

describe('a fallback beside a service rule of its technology', () => {
  /**
   * One village: its fibre file waits 400 days at the akimat; the mobile service rule gives it
   * a 4G mast (10 + 10 + 5 + 5 days: on air on day 30, 31 January). A mast fallback on 1 April
   * (day 91) with cancelFibre: the village already has a mast, so the rule orders none and its
   * fibre goes on (approval to day 405, then 5 km at 2 a day: day 410). Were a second mast
   * ordered, the fibre would be cancelled and a state written after it would have two mast
   * rows for one village, which the file checks refuse.
   */
  const scenario = (cancelFibre: boolean, permit: number): { input: ModelInput; dir: string } => {
    const dir = tempFiles({ 's.yaml': `name: s
start: 2026-01-01
horizon: 2027-12-31
currency: u
targets:
  - { id: cov, label: covered, metric: coverage-share, threshold: 1, deadline: 2027-12-31 }
coverageTechnologies: [fibre, mast, satellite]
regions:
  - { id: r, name: R, settlements: 1, connected: 0, crews: { fibre: 1, mast: 1, satellite: 1 } }
settlementDefaults: { population: 500, backboneKm: 10 }
fibre: { design: 5, approval: 400, kmPerDay: 2 }
mast: { settlementsPerMast: 1, siteAllocation: 10, permit: ${permit}, construction: 5, powerAndBackhaul: 5, cost: 50 }
services:
  mobile: { rules: [ { when: { populationAbove: 0 } } ] }
fallback:
  - { after: 2026-03-31, use: mast, lead: 0, cancelFibre: ${cancelFibre} }
` });
    return { input: loadScenario(join(dir, 's.yaml')).input, dir };
  };

  it('orders no second mast for a village its 4G mast already serves, nor cancels its fibre', () => {
    const { o } = run(scenario(true, 10).input);
    expect(Array.from(o.completion)).toEqual([410]);
    expect(Array.from(o.fallbackTech)).toEqual([NO_FALLBACK]);
    expect(o.serviceDone[SERVICE.mobile]).toBe(30); // one settlement: [service * 1 + 0]
  });

  it('nor while that mast is still being built; the state reads back', () => {
    const { input, dir } = scenario(false, 100);
    const m = compileModel(input); // the 4G mast on air on day 120, after the rule's date
    let rows: SettlementState[] = [];
    const o = new Replicator(m).run(1, 0, { check: true, stateAt: m.calendar.dayOf('2026-04-10') + 1, onState: (r) => (rows = r) });
    expect(Array.from(o.fallbackTech)).toEqual([NO_FALLBACK]);
    expect(rows.filter((r) => r.technology === 'mast')).toHaveLength(1); // the service rule's mast only
    writeFileSync(join(dir, 'state.csv'), stateCsv('2026-04-10', rows));
    writeFileSync(join(dir, 'from.yaml'), 'name: from\nextends: s.yaml\nstatus: state.csv\n');
    expect(Array.from(new Replicator(compileModel(loadScenario(join(dir, 'from.yaml')).input)).run(1, 0, { check: true }).completion)).toEqual([410 - 100]); // fibre goes on; the run starts on day 100
  });
});

describe('a status says which jobs a fallback made (the fallback column)', () => {
  /**
   * One village whose fibre file waits 400 days at the akimat. Rule 1 (1 Feb 2026) orders a
   * mast: beside the fibre (on air 4 March), or, with cancelFibre, instead of it (waiting for
   * money: none for masts in 2026). Rule 2 (1 Apr or 1 Jun 2026) would order a satellite
   * terminal, but a settlement gets one fallback: the village never gets a terminal — in the
   * run that did not stop, and in one continued from a state written between or after the rules.
   */
  const scenario = (cancelFibre: boolean, second: string) => {
    const dir = tempFiles({ 's.yaml': `name: s
start: 2026-01-01
horizon: 2027-12-31
currency: u
targets:
  - { id: sat, label: satellite, metric: share, services: [satellite], threshold: 1, deadline: 2027-12-31 }
coverageTechnologies: [fibre, mast, satellite]
regions:
  - { id: r, name: R, settlements: 1, connected: 0, crews: { fibre: 1, mast: 1, satellite: 1 } }
settlementDefaults: { population: 500, backboneKm: 10 }
fibre: { design: 5, approval: 400, kmPerDay: 2 }
mast: { settlementsPerMast: 1, siteAllocation: 10, permit: 10, construction: 5, powerAndBackhaul: 5, cost: 50 }
satellite: { procurement: 10, install: 2, cost: 3 }
${cancelFibre ? 'budget:\n  mast: { unlimited: false, carryOver: false, appropriations: { "2026": 0, "2027": 100 } }\n' : ''}fallback:
  - { after: 2026-02-01, use: mast, lead: 0, cancelFibre: ${cancelFibre} }
  - { after: ${second}, use: satellite, lead: 5, cancelFibre: ${cancelFibre} }
` });
    return dir;
  };
  const continued = (dir: string, at: string) => {
    const m = compileModel(loadScenario(join(dir, 's.yaml')).input);
    let rows: SettlementState[] = [];
    const whole = new Replicator(m).run(1, 0, { check: true, stateAt: m.calendar.dayOf(at) + 1, onState: (r) => (rows = r) });
    const sat = whole.met[0];
    writeFileSync(join(dir, 'state.csv'), stateCsv(at, rows));
    writeFileSync(join(dir, 'from.yaml'), 'name: from\nextends: s.yaml\nstatus: state.csv\n');
    const from = loadScenario(join(dir, 'from.yaml')).input;
    return { rows, sat, from: new Replicator(compileModel(from)).run(1, 0, { check: true }) };
  };

  it('a mast beside the fibre, finished before the status: its row says rule 1 made it, and rule 2 gives the village nothing', () => {
    const { rows, sat, from } = continued(scenario(false, '2026-04-01'), '2026-05-31');
    expect(rows.map((r) => [r.technology, r.stage, r.fallback])).toEqual([['fibre', 'approval', undefined], ['mast', 'done', '2026-02-01']]);
    expect([sat, from.met[0]]).toEqual([0, 0]); // no terminal, stopped or not
    expect(Array.from(from.fallbackTech)).toEqual([NO_FALLBACK]);
  });

  it('a mast instead of the fibre, waiting for money, with the status between the rules: rule 2, after it, gives nothing either', () => {
    const { rows, sat, from } = continued(scenario(true, '2026-06-01'), '2026-04-30');
    expect(rows.map((r) => [r.technology, r.stage, r.fallback])).toEqual([['mast', 'budget', '2026-02-01']]);
    expect([sat, from.met[0]]).toEqual([0, 0]);
  });

  it('the column names a rule of the row’s technology dated before the status, else it is refused at its row', () => {
    const dir = scenario(false, '2026-04-01');
    const head = 'date,id,region,population,technology,stage,services,fallback\n2026-05-31,a,r,500,fibre,approval,mobile,\n';
    writeFileSync(join(dir, 'from.yaml'), 'name: from\nextends: s.yaml\nstatus: state.csv\n');
    for (const [row, expected] of [
      ['2026-05-31,a,r,500,mast,done,,2026-03-01', /row 3, column fallback: expected the date of a fallback rule to mast dated before the status's date \(2026-02-01\), or empty, found '2026-03-01'/],
      ['2026-05-31,a,r,500,mast,done,,2026-04-01', /row 3, column fallback: expected the date of a fallback rule to mast dated before the status's date \(2026-02-01\)/], // rule 2 is satellite's
      ['2026-05-31,a,r,500,mast,done,,soon', /row 3, column fallback: expected a date YYYY-MM-DD, found 'soon'/],
    ] as const) {
      writeFileSync(join(dir, 'state.csv'), head + row + '\n');
      expect(() => loadScenario(join(dir, 'from.yaml'))).toThrow(expected);
    }
  });
});

describe("the money of a job a fallback rule cancelled (the audit's repro)", () => {
  /**
   * Three villages, one programme paying fibre and satellite with 20 units in 2026, one very
   * slow fibre crew (0.01 km a day), terminals costing 5. r-0's and r-1's fibre are paid (10
   * each) on 1 January; r-0's is laid, r-1's waits for the crew when the rule of 31 March
   * cancels it. The money is never refunded: nothing is left for the terminals, which wait at
   * their budget step to the end of 2026 — stopped or not. A state that dropped r-1's 10
   * would give a continuation 10 to spend on two terminals.
   */
  const dir = tempFiles({ 'fb.yaml': `name: fb-money
start: 2026-01-01
horizon: 2026-12-31
currency: units
targets:
  - { id: cov, label: All covered, metric: coverage-share, threshold: 1, deadline: 2026-12-31 }
coverageTechnologies: [fibre, satellite]
regions:
  - { id: r, name: Region, settlements: 3, connected: 0, crews: { fibre: 1, satellite: 1 } }
settlementDefaults: { population: 100, backboneKm: 10 }
fibre: { design: 0, approval: 0, kmPerDay: 0.01, costPerKm: 1, nodeCost: 0, commissioning: 0 }
satellite: { procurement: 5, install: 1, cost: 5 }
fallback:
  - { after: 2026-03-31, use: satellite, lead: 5, cancelFibre: true }
financing:
  - { id: op, label: Operator, pays: [fibre, satellite], carryOver: true, appropriations: { "2026": 20 } }
` });
  /** The state of `file`'s replication 0 at the end of `date`. */
  const stateAt = (file: string, date: string) => {
    const m = compileModel(loadScenario(join(dir, file)).input);
    let rows: SettlementState[] = [];
    new Replicator(m).run(1, 0, { check: true, stateAt: m.calendar.dayOf(date) + 1, onState: (r) => (rows = r) });
    return rows;
  };
  /** Money and who is served, row by row. */
  const served = (rows: SettlementState[]) => rows.map((r) => [r.id, r.technology, r.stage, r.moneyCommitted, r.programme, r.services ?? null, r.connectedOn]);

  it("writes it as a further row 'cancelled'; a run continued from the state spends it no more than the run that did not stop", () => {
    const after = stateAt('fb.yaml', '2026-05-31');
    expect(after.find((r) => r.stage === 'cancelled')).toMatchObject({ id: 'r-1', technology: 'fibre', moneyCommitted: 10, committedOn: '2026-01-01', programme: 'op' });
    const whole = stateAt('fb.yaml', '2026-12-31');
    expect(served(whole)).toEqual([
      ['r-0', 'fibre', 'work', 10, 'op', [], null],
      ['r-1', 'satellite', 'budget', 0, 'op', [], null],
      ['r-2', 'satellite', 'budget', 0, 'op', [], null],
      ['r-0', 'satellite', 'budget', 0, 'op', null, null],
      ['r-1', 'fibre', 'cancelled', 10, 'op', null, null],
    ]);
    // Stopped before the rule (r-1's fibre paid, waiting for the crew) or after it (cancelled): the same end.
    for (const date of ['2026-03-30', '2026-05-31']) {
      writeFileSync(join(dir, `state-${date}.csv`), stateCsv(date, stateAt('fb.yaml', date)));
      writeFileSync(join(dir, `cont-${date}.yaml`), `name: fb-cont\nextends: fb.yaml\nstatus: state-${date}.csv\n`);
      expect(served(stateAt(`cont-${date}.yaml`, '2026-12-31')), date).toEqual(served(whole));
    }
  });

  it("counts a 'cancelled' row's money toward the programme that would pay for its technology when the row names none", () => {
    const rows = stateAt('fb.yaml', '2026-05-31').map((r) => ({ ...r, programme: undefined }));
    writeFileSync(join(dir, 'unnamed.csv'), stateCsv('2026-05-31', rows));
    writeFileSync(join(dir, 'unnamed.yaml'), 'name: fb-unnamed\nextends: fb.yaml\nstatus: unnamed.csv\n');
    // Nothing left for the terminals: each waits at its budget step, unpaid.
    const end = stateAt('unnamed.yaml', '2026-12-31').filter((r) => r.technology === 'satellite');
    expect(end.map((r) => [r.id, r.stage, r.moneyCommitted])).toEqual([['r-1', 'budget', 0], ['r-2', 'budget', 0], ['r-0', 'budget', 0]]);
  });
});
