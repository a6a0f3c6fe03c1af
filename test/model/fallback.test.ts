import { describe, it, expect } from 'vitest';
import { compileModel, NO_FALLBACK, Replicator, STAGE_NAMES, TECH_CODE, type ModelInput } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import { fixture } from '../scenario/helpers.js';

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
    // 4 July (the end of day 185): terminals decided, in their lead time: satellite, not started.
    expect(at('2026-07-04')).toEqual([['fibre', 'done', 0], ['satellite', 'not started', 0], ['satellite', 'not started', 0], ['satellite', 'not started', 0]]);
    // 20 July (the end of day 201): on order since day 191.
    expect(at('2026-07-20')).toEqual([['fibre', 'done', 0], ['satellite', 'procurement', 10], ['satellite', 'procurement', 10], ['satellite', 'procurement', 10]]);
  });
});
