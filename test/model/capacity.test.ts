import { describe, it, expect } from 'vitest';
import { compileModel, regionTech, Replicator, TECH_CODE } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { runMonteCarlo, sensitivity } from '../../src/montecarlo/index.js';
import { fixture } from '../scenario/helpers.js';

/** Delivery capacity (issue 11 item 1), through the real scenario path; hand-worked answers in the fixtures' comments. */
const load = (name: string) => compileModel(loadScenario(fixture(`mechanisms/${name}`)).input);

describe('a limit on designs at once (test/fixtures/mechanisms/design-office.yaml)', () => {
  it('works on as many designs per region as its design teams allow, in queue order', () => {
    const o = new Replicator(load('design-office.yaml')).run(1, 0, { check: true });
    expect(Array.from(o.completion)).toEqual([10, 10, 20, 20, 30, 30, 10, 10, 10, 20, 20, 20]);
  });
});

describe('what is free when a run starts (test/fixtures/mechanisms/first-asks.yaml)', () => {
  it('goes to the first by priority, not to the first listed: design desks and money', () => {
    const o = new Replicator(load('first-asks.yaml')).run(1, 0, { check: true });
    // a, b, c, d by population 100, 400, 200, 300 (b and d designed first); s (100) and t (300): t paid at once.
    expect(Array.from(o.completion)).toEqual([20, 10, 20, 10, 366, 1]);
  });
});

describe('crews growing towards what is under contract', () => {
  it('ramps up at the bounded rate after mobilisation (test/fixtures/mechanisms/capacity-ramp.yaml)', () => {
    const o = new Replicator(load('capacity-ramp.yaml')).run(1, 0, { check: true });
    expect(Array.from(o.completion)).toEqual([89, 89, 119, 119, 120, 120, 149, 149, 150, 150, 150, 150, 179, 179, 180, 180, 180, 180, 181, 181]);
    expect(o.crewAvailableToDeadline[regionTech(0, TECH_CODE.fibre)]).toBeCloseTo(608, 9);
  });

  it('carries a fraction of a crew to the next month: 1.5 a month adds 1, 2, 1, 2 ...', () => {
    const m = load('capacity-ramp.yaml');
    m.input.capacity!.fibre!.growthPerMonth = { dist: 'fixed', value: 1.5 };
    const o = new Replicator(m).run(1, 0, { check: true });
    // 1 from 1 March, 3 from 1 April, 4 from 1 May, 6 from 1 June: 1 x 31 + 3 x 30 + 4 x 31 + 6 x 30.
    expect(o.crewAvailableToDeadline[regionTech(0, TECH_CODE.fibre)]).toBeCloseTo(425, 9);
  });

  it('shares a national contract by backlog and adds no crews where the ground is frozen (test/fixtures/mechanisms/capacity-winter.yaml)', () => {
    const m = load('capacity-winter.yaml');
    const o = new Replicator(m).run(1, 0, { check: true });
    expect(o.crewAvailableToDeadline[regionTech(0, TECH_CODE.fibre)]).toBeCloseTo(478, 9);
    expect(o.crewAvailableToDeadline[regionTech(1, TECH_CODE.fibre)]).toBeCloseTo(62, 9);
    m.input.capacity!.fibre!.winterMobilisation = true;
    const all = new Replicator(m).run(1, 0, { check: true });
    expect(all.crewAvailableToDeadline[regionTech(0, TECH_CODE.fibre)]).toBeCloseTo(447, 9);
    expect(all.crewAvailableToDeadline[regionTech(1, TECH_CODE.fibre)]).toBeCloseTo(149, 9);
  });
});

describe('new crews go where work is ready (test/fixtures/mechanisms/capacity-ready.yaml)', () => {
  it('sends each month\'s crews to the regions with jobs waiting for one, within their contract', () => {
    const o = new Replicator(load('capacity-ready.yaml')).run(1, 0, { check: true });
    expect(Array.from(o.completion)).toEqual([230, 230, 260, 260, 47, 77, 78, 107]);
  });

  it('so a larger contract, arriving at the same monthly rate, connects no village later here', () => {
    const m = load('capacity-ready.yaml');
    m.input.capacity!.fibre!.contracted = { dist: 'fixed', value: 40 }; // 20 and 20: no region fills up, every crew of the first months goes to 'ready'
    const o = new Replicator(m).run(1, 0, { check: true });
    // 1 Mar (day 76): r4 still waits in 'ready', so its crew goes there (days 76-106); 'later'
    // gets 1 Apr's, 1 May's, 1 Jun's and 1 Jul's (day 198), four crews for its four villages
    // approved on day 200. With 4 under contract: 107 and 230, 230, 260, 260.
    expect(Array.from(o.completion)).toEqual([230, 230, 230, 230, 47, 77, 78, 106]);
  });
});

describe('a national contract whose crews move where the work is (test/fixtures/mechanisms/capacity-national.yaml)', () => {
  it('places each month\'s crews where jobs wait, and moves them all when the backlog moves', () => {
    const o = new Replicator(load('capacity-national.yaml')).run(1, 0, { check: true });
    expect(Array.from(o.completion)).toEqual([240, 240, 240, 240, 47, 77, 78, 106]);
  });

  it('pays the pool\'s travel days on every placement and move', () => {
    const m = load('capacity-national.yaml');
    m.input.nationalCrews!.travelDays = { dist: 'fixed', value: 5 };
    // 1 Jan's crew arrives on day 22: r1 22-52, r2 52-82; 1 Feb's on 53: r3 53-83; 1 Mar's on
    // 81: r4 81-111; all four reach 'later' on day 215.
    expect(Array.from(new Replicator(compileModel(m.input)).run(1, 0, { check: true }).completion)).toEqual([245, 245, 245, 245, 52, 82, 83, 111]);
  });

  it('so a contract of fewer crews than regions reaches every region, where shares for good leave one without any', () => {
    const m = load('capacity-national.yaml');
    m.input.capacity!.fibre!.contracted = { dist: 'fixed', value: 1 };
    // The one crew: 'ready' from 1 Jan (47, 77, 107, 137), then 'later' from the rebalance of day 210.
    expect(Array.from(new Replicator(compileModel(m.input)).run(1, 0, { check: true }).completion)).toEqual([240, 270, 300, 330, 47, 77, 107, 137]);
    delete m.input.capacity!.fibre!.deploy;
    // Shared by the regions' jobs, 4 and 4: the tie goes to 'later', and 'ready' never has a crew.
    expect(Array.from(new Replicator(compileModel(m.input)).run(1, 0, { check: true }).completion)).toEqual([230, 260, 290, 320, Infinity, Infinity, Infinity, Infinity]);
  });

  it('adds no more crews than the contract less those at work at the start', () => {
    const m = load('capacity-national.yaml');
    m.input.regions[1].crews.fibre = 1; // 'ready' has its own crew: 3 more to come
    // Own crew: r1 0-30, r3 30-60. 1 Jan's crew: r2 17-47, r4 47-77. 1 Feb's and 1 Mar's
    // find nobody waiting; no crew on 1 Apr (4 - 1 = 3 added). Day 210: the pool's 3 go to
    // 'later' (the own crew stays): 240, 240, 240, then 270.
    expect(Array.from(new Replicator(compileModel(m.input)).run(1, 0, { check: true }).completion)).toEqual([240, 240, 240, 270, 30, 47, 60, 77]);
  });

  it('adds none on a month start when every region with work is frozen (test/fixtures/mechanisms/capacity-winter.yaml)', () => {
    const m = load('capacity-winter.yaml');
    m.input.regions[0].season = 'north'; // both frozen in January and February
    m.input.nationalCrews = { crews: {}, travelDays: { dist: 'fixed', value: 0 }, rebalanceEveryDays: 30 };
    m.input.capacity!.fibre!.deploy = 'national';
    const o = new Replicator(compileModel(m.input)).run(1, 0, { check: true });
    // 1 March: 4 crews, placed by the jobs waiting, 30 and 10: 3 and 1, 31 days each to 31 March.
    expect(o.crewAvailableToDeadline[regionTech(0, TECH_CODE.fibre)]).toBeCloseTo(93, 9);
    expect(o.crewAvailableToDeadline[regionTech(1, TECH_CODE.fibre)]).toBeCloseTo(31, 9);
  });
});

describe('delivery capacity in drivers and sensitivity', () => {
  const loaded = loadScenario(fixture('mechanisms/capacity-winter.yaml'));
  const input = structuredClone(loaded.input);
  const c = input.capacity!.fibre!;
  c.contracted = { dist: 'uniform', min: 4, max: 12 };
  c.tender = { dist: 'uniform', min: 0, max: 60 };
  c.growthPerMonth = { dist: 'uniform', min: 1, max: 6 };

  it('drivers rank the days to the first crews, the tender drawn, the monthly rate and a national contract', async () => {
    const r = await runMonteCarlo(input, loaded.identity, { runs: 40, seed: 3, workers: 0 });
    const inputs = r.drivers!.correlations.map((x) => x.input);
    for (const k of ['capacity.fibre.firstCrews', 'capacity.fibre.tender', 'capacity.fibre.growthPerMonth', 'capacity.fibre.contracted']) expect(inputs).toContain(k);
    expect(inputs).not.toContain('capacity.fibre.mobilisation'); // a fixed 0: the same in every future
  }, 60_000);

  it('sensitivity swings the lead times, the rate and the contract between their P10 and P90', async () => {
    const s = await sensitivity({ input, identity: loaded.identity }, { runs: 8, seed: 1, workers: 0 });
    const swing = (k: string) => s.swings.find((w) => w.input === k);
    expect([swing('capacity.fibre.growthPerMonth')!.low, swing('capacity.fibre.growthPerMonth')!.high]).toEqual([1.5, 5.5]);
    expect(swing('capacity.fibre.tender')).toBeDefined();
    expect(swing('capacity.fibre.contracted')).toBeDefined();
    expect(swing('capacity.fibre.mobilisation')).toBeUndefined(); // a fixed 0: nothing to swing
  }, 120_000);
});
