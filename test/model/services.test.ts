import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, stateCsv } from '../../src/scenario/index.js';
import { buildSettlements, compileModel, simulateReplication, N_WAIT, SERVICE, WAIT_STAGES, type ModelInput, type SettlementState } from '../../src/model/index.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';

/**
 * Services (issue 11 item 3): several per settlement, worked out by hand in the fixtures'
 * headers, through the real scenario path.
 */
const fixture = (f: string) => fileURLToPath(new URL(`../fixtures/services/${f}`, import.meta.url));
const times = (o: { serviceDone: Float64Array; settlements: { n: number } }, id: keyof typeof SERVICE) =>
  Array.from(o.serviceDone.subarray(SERVICE[id] * o.settlements.n, (SERVICE[id] + 1) * o.settlements.n));

describe('services: backbone fibre, household fibre after it, a mast serving several villages', () => {
  const { input, identity } = loadScenario(fixture('services.yaml'));

  it('gives each village each service on the day worked out by hand', () => {
    const o = simulateReplication(compileModel(input), 1, 0, { check: true });
    expect(times(o, 'backbone-fibre')).toEqual([-1, 15, 15, 15]);
    expect(times(o, 'household-fibre')).toEqual([23, 38, 38, 38]); // 20 + 3 days after backbone fibre
    expect(times(o, 'mobile')).toEqual([-1, 65, 65, 65]); // one mast, three villages, its on-air day
    expect(times(o, 'satellite')).toEqual([Infinity, Infinity, Infinity, Infinity]);
    expect(Array.from(o.completion)).toEqual([-1, 15, 15, 15]); // each village's own job: fibre
  });

  it('reports each target and reading from those days, certainly met or certainly not', async () => {
    const r = await runMonteCarlo(input, identity, { runs: 8, seed: 1, workers: 0 });
    const [fibre, mobile, household] = r.summary.targets;
    const alt = (t: typeof fibre, id: string) => t.alternatives!.find((a) => a.id === id)!;
    expect(fibre.probability).toBe(1);
    expect(fibre.dateReached.p50).toBe('2026-01-16');
    expect(alt(fibre, 'same').probability).toBe(1);
    expect(alt(fibre, 'published-count')).toMatchObject({ probability: 0, valueAtDeadline: { p50: 0.8 } }); // 4 of 5
    expect(alt(fibre, 'three-quarters').probability).toBe(1);
    expect(alt(fibre, 'one-day-early')).toMatchObject({ probability: 0, valueAtDeadline: { p50: 0.25 } });
    expect(mobile).toMatchObject({ probability: 1, dateReached: { p50: '2026-03-07' }, metric: 'share', services: ['mobile'] });
    expect(alt(mobile, 'day-before')).toMatchObject({ probability: 0, valueAtDeadline: { p50: 0.25 } });
    expect(alt(mobile, 'fibre-or-mobile').probability).toBe(1);
    expect(household).toMatchObject({ probability: 1, dateReached: { p50: '2026-02-08' }, valueAtDeadline: { p50: 4 } });
    expect(alt(household, 'day-before')).toMatchObject({ probability: 0, valueAtDeadline: { p10: 1, p50: 1, p90: 1 } });
    expect(alt(household, 'as-share')).toMatchObject({ probability: 1, metric: 'share', valueAtDeadline: { p50: 1 } });
    // A national series of each service besides backbone fibre.
    const last = (series: string) => r.timeseries.filter((p) => p.series === series).pop()!;
    expect(last('household-fibre').p50).toBe(1);
    expect(last('mobile').p50).toBe(1);
  });

  it('writes the services and the other jobs in progress to the state file, and continues them from it', () => {
    const m = compileModel(input);
    let rows: SettlementState[] = [];
    // End of 30 Jan (day 29): backbone fibre done everywhere; household fibre done in the first
    // village (day 23) and in design in the others since day 15; the mast in its permit since day 10.
    simulateReplication(m, 1, 0, { stateAt: m.calendar.dayOf('2026-01-30') + 1, onState: (r) => (rows = r) });
    const csv = stateCsv('2026-01-30', rows);
    const lines = csv.trim().split('\n');
    expect(lines[0].split(',').slice(-5)).toEqual(['services', 'programme', 'motorway', 'mast', 'fallback']);
    expect(lines).toHaveLength(1 + 4 + 1 + 3 + 3); // header, four villages, the household job finished in the first (with its money), three in design, the mast in three villages
    expect(lines.filter((l) => /,household,done,/.test(l))).toHaveLength(1);
    expect(lines[1]).toMatch(/,done,.*,backbone-fibre;household-fibre;mobile,[a-z]*,,,$/);
    expect(lines[2]).toMatch(/,done,.*,backbone-fibre,[a-z]*,,,$/);
    expect(lines.filter((l) => /,household,household design,15,/.test(l))).toHaveLength(3);
    expect(lines.filter((l) => /,mast,mast permit,20,/.test(l))).toHaveLength(3);

    const dir = mkdtempSync(join(tmpdir(), 'rollout-services-'));
    writeFileSync(join(dir, 'state.csv'), csv);
    // Its targets are due before the state's date: a run from the state cannot answer them (they are refused), so it has none.
    writeFileSync(join(dir, 'from.yaml'), `name: from\nextends: ${fixture('services.yaml')}\ntargets: []\nstatus: state.csv\n`);
    const from = loadScenario(join(dir, 'from.yaml')).input;
    expect(from.start).toBe('2026-01-31'); // day 30 of the first run
    const o = simulateReplication(compileModel(from), 9, 0, { check: true });
    expect(times(o, 'backbone-fibre')).toEqual([-1, -1, -1, -1]);
    expect(times(o, 'household-fibre')).toEqual([-1, 8, 8, 8]); // 5 days of design left, 3 of works: day 38
    expect(times(o, 'mobile')).toEqual([-1, 35, 35, 35]); // 10 days of permit left, 20 + 5: day 65
  });
});

describe('a status of counts with further jobs (services.yaml)', () => {
  it('gives a stage only to jobs under way: household fibre in a village not yet on backbone fibre waits for it', () => {
    // End of 2025: two household networks counted in design for 5 days. Only the village on
    // backbone fibre at the start has one under way (15 days of design left, 3 of works: day
    // 18); the others wait for their backbone fibre (day 15) and then take 20 + 3: day 38.
    const dir = mkdtempSync(join(tmpdir(), 'rollout-services-'));
    writeFileSync(join(dir, 'counts.csv'), 'date,region,stage,count,days_in_stage,service\n2025-12-31,r,household design,2,5,household-fibre\n');
    writeFileSync(join(dir, 'from.yaml'), `name: from\nextends: ${fixture('services.yaml')}\nstatus: counts.csv\n`);
    const { input } = loadScenario(join(dir, 'from.yaml'));
    const o = simulateReplication(compileModel(input), 1, 0, { check: true });
    expect(times(o, 'household-fibre')).toEqual([18, 38, 38, 38]);
  });
});

describe('the site step removed from a date (the 2026 land law as a scenario field)', () => {
  const { input } = loadScenario(fixture('land-law.yaml'));
  const onAir = (change: Partial<NonNullable<ModelInput['mast']>>) =>
    Array.from(simulateReplication(compileModel({ ...input, mast: { ...input.mast!, ...change } }), 1, 0, { check: true }).completion);

  it('releases the files at the akimat on the date and lets later masts pass straight through', () => {
    expect(onAir({})).toEqual([40, 55, 55]); // the fixture: from 15 Feb (day 45)
    expect(onAir({ preAllocatedSites: false })).toEqual([40, 70, 100]);
    expect(onAir({ preAllocatedSites: true })).toEqual([10, 10, 10]);
    expect(onAir({ preAllocatedSites: '2025-12-01' })).toEqual([10, 10, 10]); // in force before the run: as if always
    expect(onAir({ preAllocatedSites: '2026-01-20' })).toEqual([29, 29, 29]); // day 19: the first file too, 19 days in
    expect(onAir({ preAllocatedSites: '2027-01-01' })).toEqual([40, 70, 100]); // after the last site decision: no effect
  });

  it('books the days at the akimat before the date to approvals, and nothing after it', () => {
    const o = simulateReplication(compileModel(input), 1, 0, { check: true });
    // Waits per settlement: approval = site days + permit days.
    const approval = (i: number) => o.waits[i * N_WAIT + WAIT_STAGES.indexOf('approval')];
    expect([approval(0), approval(1), approval(2)]).toEqual([40, 55, 55]);
  });
});

describe('starting services of a generated region', () => {
  it('go to the largest (household fibre among those on backbone fibre, mobile) and the smallest not on backbone fibre (satellite), as a full sort says', () => {
    const { input } = loadScenario(fixture('services.yaml'));
    for (const [connected, counts] of [[30, { householdFibre: 12, mobile: 20, satellite: 25 }], [10, { householdFibre: 10, mobile: 45, satellite: 90 }], [0, { mobile: 7, satellite: 3 }]] as const) {
      const m = compileModel({
        ...input, settlementDefaults: { population: { dist: 'empirical', values: [100, 200, 200, 300, 500, 800] }, backboneKm: { dist: 'fixed', value: 10 } },
        regions: [{ ...input.regions[0], settlements: 100, connected, services: counts }],
      });
      for (let rep = 0; rep < 5; rep++) {
        const st = buildSettlements(m, 3, rep);
        // Largest first, ties to the earlier settlement; its reverse for the smallest.
        const order = Array.from({ length: st.n }, (_, i) => i).sort((a, b) => st.population[b] - st.population[a] || a - b);
        const marked = (bit: number) => order.filter((i) => st.has[i] & (1 << bit));
        const backbone = order.slice(0, connected);
        expect(order.filter((i) => st.connected[i])).toEqual(backbone);
        expect(marked(SERVICE['household-fibre'])).toEqual(order.slice(0, 'householdFibre' in counts ? counts.householdFibre : 0));
        expect(marked(SERVICE.mobile)).toEqual(order.slice(0, counts.mobile));
        expect(marked(SERVICE.satellite)).toEqual(order.slice(order.length - counts.satellite));
      }
    }
  });
});

describe('a programme of a stated size (a service rule with max) run from a later status', () => {
  // Ten villages, all on backbone fibre, 2 with household fibre at the start; the programme
  // (the rule's max) builds it in 5 more. A status of counts says 4 have it: 2 were built by
  // the programme since the start, so 3 remain to build (not 5 again): 4 + 3 = 7 at the end.
  const dir = mkdtempSync(join(tmpdir(), 'rollout-programme-'));
  writeFileSync(join(dir, 'plan.yaml'), [
    'name: plan', 'start: 2026-01-01', 'horizon: 2026-12-31',
    'targets: [{ id: household, label: Household fibre in all, metric: share, services: [household-fibre], threshold: 1, deadline: 2026-12-31 }]',
    'regions: [{ id: r, name: R, settlements: 10, connected: 10, services: { householdFibre: 2 }, crews: { fibre: 1, household: 2 } }]',
    'settlementDefaults: { population: 500, backboneKm: 5 }', 'fibre: { kmPerDay: 1 }', 'household: { design: 10, work: 5 }',
    'services: { householdFibre: { rules: [{ max: 5 }] } }', '',
  ].join('\n'));
  const withHousehold = (input: ModelInput) => {
    const o = simulateReplication(compileModel(input), 1, 0, { check: true });
    return times(o, 'household-fibre').filter((t) => t !== Infinity).length;
  };

  it('counts what the status says was built since the start against the max, and notes it', () => {
    expect(withHousehold(loadScenario(join(dir, 'plan.yaml')).input)).toBe(7); // 2 at the start + 5
    writeFileSync(join(dir, 'counts.csv'), 'date,region,stage,count,days_in_stage,service\n2026-03-31,r,done,4,,household-fibre\n');
    writeFileSync(join(dir, 'from.yaml'), 'name: from\nextends: plan.yaml\nstatus: counts.csv\n');
    const from = loadScenario(join(dir, 'from.yaml'));
    expect(from.input.services?.householdFibre?.rules[0].max).toBe(3);
    expect(withHousehold(from.input)).toBe(7); // 4 at the status + the 3 left
    const note = from.sources.find((s) => s.path === 'services.householdFibre.rules.0.max')!;
    expect(note.value).toBe('3');
    expect(note.note).toMatch(/^5 less the 2 settlements the status gives household-fibre beyond the scenario's start/);
    // A status with fewer than at the start (a correction, not a demolition) leaves the programme whole.
    writeFileSync(join(dir, 'counts.csv'), 'date,region,stage,count,days_in_stage,service\n2026-03-31,r,done,1,,household-fibre\n');
    expect(loadScenario(join(dir, 'from.yaml')).input.services?.householdFibre?.rules[0].max).toBe(5);
  });

  it('does the same for a status that lists every settlement (a state written by the model)', () => {
    // Design 10 days, then two crews of 5-day works: networks done on days 15, 15, 20, 20, 25.
    // At the end of day 16: 2 + 2 have it, 3 under way; the run from there finishes those 3
    // and starts no others: 7 in all, as from the start.
    const m = compileModel(loadScenario(join(dir, 'plan.yaml')).input);
    let rows: SettlementState[] = [];
    simulateReplication(m, 1, 0, { stateAt: 17, onState: (r) => (rows = r) });
    writeFileSync(join(dir, 'state.csv'), stateCsv(m.calendar.toIso(16), rows));
    writeFileSync(join(dir, 'from-state.yaml'), 'name: from-state\nextends: plan.yaml\nstatus: state.csv\n');
    const from = loadScenario(join(dir, 'from-state.yaml'));
    expect(from.input.services?.householdFibre?.rules[0].max).toBe(3);
    expect(withHousehold(from.input)).toBe(7);
  });
});
