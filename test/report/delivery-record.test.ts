import { describe, it, expect } from 'vitest';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import { deliveryRows } from '../../src/report/charts/delivery-record.js';
import { recordSection } from '../../src/report/html-record.js';
import { summaryJson } from '../../src/report/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';
import type { ModelInput } from '../../src/model/index.js';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/scenario/index.js';
import { buildCharts } from '../../src/report/index.js';

const identity = { name: 'hand-schedule', file: 'hand-schedule.yaml', sha256: 'x' };

function withRecord(): ModelInput {
  const base = handScheduleInput();
  return {
    ...base,
    targets: [...base.targets, { id: 'all-2027', label: 'All by end 2027', metric: 'fibre-share', threshold: 1, deadline: '2027-12-31' }],
    deliveryRecord: [
      { id: 'peak', label: 'Peak pace', kind: 'delivered', perYear: { min: 1, max: 2 }, source: 'test record' },
      { id: 'plan-2026', label: 'Plan for 2026', kind: 'plan', year: 2026, perYear: { min: 3, max: 3 }, source: 'test plan' },
      { id: 'old', label: 'An old plan', kind: 'plan', planned: 4, delivered: 3, source: 'test outcome' },
    ],
  };
}

describe('the forecast beside the delivery record', () => {
  it('summarises each calendar year’s deliveries over the replications (the hand schedule: 2 in 2026, 1 in 2027)', async () => {
    const r = await runMonteCarlo(withRecord(), identity, { runs: 5, seed: 1, workers: 0 });
    const fibre = r.summary.deliveries!.filter((d) => d.kind === 'fibre');
    expect(fibre.map((d) => [d.year, d.from, d.to, d.p10, d.p50, d.p90, d.mean])).toEqual([
      [2026, '2026-01-01', '2026-12-31', 2, 2, 2, 2],
      [2027, '2027-01-01', '2027-12-31', 1, 1, 1, 1],
    ]);
    expect(JSON.parse(summaryJson(r.summary)).deliveries).toHaveLength(4);
  });

  it('sets forecast rows, then paces achieved, then plans, as the scenario states them', async () => {
    const r = await runMonteCarlo(withRecord(), identity, { runs: 5, seed: 1, workers: 0 });
    const rows = deliveryRows(r);
    expect(rows.map((x) => [x.kind, x.lo, x.hi, x.mid])).toEqual([
      ['forecast', 2, 2, 2], ['forecast', 1, 1, 1], ['delivered', 1, 2, null], ['plan', 3, 3, null],
    ]);
    const html = recordSection(r);
    expect(html).toContain('Plan for 2026');
    expect(html).toContain('<b>1.5×</b> the best year ever achieved'); // 3 against a best of 2
    expect(html).toContain('75'); // the old plan delivered 3 of 4
  });

  it('leaves a forecast year out when the run simulates less than half of it; one after the last deadline is drawn and marked', async () => {
    const input = { ...withRecord(), start: '2026-10-01', horizon: '2027-12-31' };
    const r = await runMonteCarlo(input, identity, { runs: 3, seed: 1, workers: 0 });
    expect(deliveryRows(r).filter((x) => x.kind === 'forecast').map((x) => x.label)).toEqual(['Forecast, 2027']);
    const early = await runMonteCarlo({ ...withRecord(), targets: handScheduleInput().targets }, identity, { runs: 3, seed: 1, workers: 0 });
    // summary.json has 2027 (and the page quotes it): the chart draws it too, saying no target asks about it.
    expect(deliveryRows(early).filter((x) => x.kind === 'forecast').map((x) => x.label)).toEqual(['Forecast, 2026', 'Forecast, 2027 (after the deadlines)']);
    expect(deliveryRows(early).filter((x) => x.kind === 'forecast').map((x) => x.label.slice(10, 14))).toEqual(early.summary.deliveries!.filter((d) => d.kind === 'fibre').map((d) => String(d.year)));
  });

  it('a run from a mid-year start: the plan line says the year is only partly simulated, and the part is not listed below the record', async () => {
    const input = withRecord();
    input.deliveryRecord![0] = { ...input.deliveryRecord![0], perYear: { min: 3, max: 4 } };
    const html = recordSection(await runMonteCarlo({ ...input, start: '2026-06-01' }, identity, { runs: 3, seed: 1, workers: 0 })).replace(/<[^>]+>/g, '');
    expect(html).toContain('this run simulates 2026 only from 1 Jun 2026 to 31 Dec 2026 (it starts there: what was built before is in its start), and forecasts 2 villages in that part (P10 2, P90 2), not the year’s');
    // 2027, a whole year, is below the slowest pace (1 < 3); 2026 (2 in seven months) is not judged.
    expect(html).toContain('2027: even this run’s P90, 1 villages connected to fibre, is below the slowest pace on record');
    expect(html).not.toContain('2026: even this run’s P90');
    // Started on 1 January, the same 2026 is a year and is listed.
    expect(recordSection(await runMonteCarlo(input, identity, { runs: 3, seed: 1, workers: 0 })).replace(/<[^>]+>/g, '')).toContain('2026: even this run’s P90, 2 villages');
  });

  it('says how often a year passes the best year on record (aboveRecord), and not when none does', async () => {
    // The hand schedule lays 2 villages in 2026 and 1 in 2027 in every future: with a best year of 1, 2026 passes it in all of them.
    const input = withRecord();
    input.deliveryRecord![0] = { ...input.deliveryRecord![0], perYear: { min: 1, max: 1 } };
    const r = await runMonteCarlo(input, identity, { runs: 5, seed: 1, workers: 0 });
    const fibre = r.summary.deliveries!.filter((d) => d.kind === 'fibre');
    expect(fibre.map((d) => [d.year, d.aboveRecord])).toEqual([[2026, 1], [2027, 0]]);
    expect(r.summary.deliveries!.filter((d) => d.kind === 'coverage').every((d) => d.aboveRecord === undefined)).toBe(true);
    expect(JSON.parse(summaryJson(r.summary)).deliveries[0].aboveRecord).toBe(1);
    const html = recordSection(r);
    expect(html).toContain('2026: in <b>100%</b> of the simulated futures this run lays fibre to more than 1 villages in the year');
    expect(html).not.toContain('2027: in');
    // With the best year at 2, none passes it: no section.
    expect(recordSection(await runMonteCarlo(withRecord(), identity, { runs: 5, seed: 1, workers: 0 }))).not.toContain('Beyond the record');
  });

  it('says when even the P90 of a year is below the slowest year on record, up to the last deadline only', async () => {
    // The hand schedule lays 2 villages in 2026 and 1 in 2027 in every future; the record's slowest year is 5.
    const input = withRecord();
    input.deliveryRecord![0] = { ...input.deliveryRecord![0], perYear: { min: 5, max: 6 } };
    const html = recordSection(await runMonteCarlo(input, identity, { runs: 3, seed: 1, workers: 0 }));
    expect(html).toContain('2026: even this run’s P90, <b>2</b> villages connected to fibre, is below the slowest pace on record, 5 a year (Peak pace).');
    expect(html).toContain('2027: even this run’s P90, <b>1</b> villages connected to fibre');
    // With the last deadline in 2026, 2027 is after the deadlines: the work may be running out, so it is not read as a pace.
    const early = recordSection(await runMonteCarlo({ ...input, targets: handScheduleInput().targets }, identity, { runs: 3, seed: 1, workers: 0 }));
    expect(early).toContain('2026: even this run’s P90');
    expect(early).not.toContain('2027: even');
    expect(recordSection(await runMonteCarlo(withRecord(), identity, { runs: 3, seed: 1, workers: 0 }))).not.toContain('Below the record');
  });

  it('says nothing when the scenario states no record', async () => {
    const r = await runMonteCarlo(handScheduleInput(), identity, { runs: 2, seed: 1, workers: 0 });
    expect(recordSection(r)).toBe('');
  });

  describe('masts: villages gaining mobile coverage beside their own record', () => {
    // test/fixtures/services/services.yaml, by hand: backbone fibre for three villages on day 15, one mast covering three on day 65, all in 2026.
    const services = () => loadScenario(fileURLToPath(new URL('../fixtures/services/services.yaml', import.meta.url))).input;
    const withMastRecord = (mobilePace: number): ModelInput => ({
      ...services(),
      deliveryRecord: [
        { id: 'fibre-peak', label: 'Fibre peak', kind: 'delivered', perYear: { min: 1, max: 2 }, source: 'test record' },
        { id: 'mobile-pace', label: 'Villages gaining 4G', kind: 'delivered', series: 'mobile', perYear: { min: mobilePace, max: mobilePace }, source: 'test 4G record' },
        { id: 'mobile-plan', label: '4G plan', kind: 'plan', series: 'mobile', year: 2026, perYear: { min: 4, max: 4 }, source: 'test 4G plan' },
      ],
    });

    it('forecasts the mobile series year by year and sets each record entry beside its own series only', async () => {
      const r = await runMonteCarlo(withMastRecord(5), identity, { runs: 4, seed: 1, workers: 0 });
      const mobile = r.summary.deliveries!.filter((d) => d.kind === 'mobile');
      expect(mobile.map((d) => [d.year, d.p10, d.p50, d.p90, d.aboveRecord])).toEqual([[2026, 3, 3, 3, 0]]);
      expect(r.summary.deliveries!.find((d) => d.kind === 'fibre')!.aboveRecord).toBe(1); // 3 fibre villages against a best of 2: the fibre record, not the 4G one
      expect(deliveryRows(r, 'mobile').map((x) => [x.kind, x.lo, x.hi, x.label])).toEqual([
        ['forecast', 3, 3, 'Forecast, 2026'], ['delivered', 5, 5, 'Villages gaining 4G'], ['plan', 4, 4, '4G plan'],
      ]);
      expect(deliveryRows(r).map((x) => x.label)).toEqual(['Forecast, 2026', 'Fibre peak']);
      const html = recordSection(r);
      expect(html).toContain('4G plan: <b>4</b> villages gaining mobile coverage in 2026 — this run’s forecast for 2026 is <b>3</b> villages gaining mobile coverage');
      expect(html).toContain('<h3>Below the record</h3>');
      expect(html).toContain('2026: even this run’s P90, <b>3</b> villages gaining mobile coverage, is below the slowest pace on record, 5 a year (Villages gaining 4G).');
      const names = (await buildCharts(r)).map((c) => c.name);
      expect(names).toContain('delivery-record');
      expect(names).toContain('delivery-record-mobile');
    }, 60_000);

    it('says how often a year passes the best mast year on record, and draws no mast chart without a mast record', async () => {
      const r = await runMonteCarlo(withMastRecord(2), identity, { runs: 4, seed: 1, workers: 0 });
      expect(r.summary.deliveries!.find((d) => d.kind === 'mobile')!.aboveRecord).toBe(1);
      const html = recordSection(r);
      expect(html).toContain('2026: in <b>100%</b> of the simulated futures this run gives more than 2 villages mobile coverage in the year');
      expect(html).not.toContain('Below the record');
      const fibreOnly = { ...services(), deliveryRecord: withMastRecord(2).deliveryRecord!.slice(0, 1) };
      const plain = await runMonteCarlo(fibreOnly, identity, { runs: 2, seed: 1, workers: 0 });
      expect(plain.summary.deliveries!.find((d) => d.kind === 'mobile')!.aboveRecord).toBeUndefined();
      expect((await buildCharts(plain)).map((c) => c.name)).not.toContain('delivery-record-mobile');
    }, 60_000);
  });
});
