import { describe, it, expect } from 'vitest';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import { deliveryRows } from '../../src/report/charts/delivery-record.js';
import { recordSection } from '../../src/report/html-record.js';
import { summaryJson } from '../../src/report/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';
import type { ModelInput } from '../../src/model/index.js';

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

  it('says nothing when the scenario states no record', async () => {
    const r = await runMonteCarlo(handScheduleInput(), identity, { runs: 2, seed: 1, workers: 0 });
    expect(recordSection(r)).toBe('');
  });
});
