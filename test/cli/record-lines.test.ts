import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { recordLines } from '../../src/cli/record-lines.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import type { DeliveryRecordEntry, ModelInput } from '../../src/model/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { handScheduleInput } from '../fixtures/hand-schedule.js';

const identity = { name: 'record', file: 'record.yaml', sha256: 'x' };
const pace = (id: string, min: number, max: number, series?: 'mobile'): DeliveryRecordEntry => ({ id, label: id, kind: 'delivered', ...(series ? { series } : {}), perYear: { min, max }, source: 'a test' });

/** The hand schedule (2 villages on fibre in 2026, 1 in 2027, in every future) with targets to the end of 2027 and this record. */
function fibre(record: DeliveryRecordEntry[]): ModelInput {
  const base = handScheduleInput();
  return { ...base, targets: [...base.targets, { id: 'all-2027', label: 'All by end 2027', metric: 'fibre-share', threshold: 1, deadline: '2027-12-31' }], deliveryRecord: record };
}

describe('the delivery record on the terminal', () => {
  it('says per year whether the forecast is within the record, above its best year (how often) or below its slowest (even the P90)', async () => {
    const within = recordLines(await runMonteCarlo(fibre([pace('a', 1, 2)]), identity, { runs: 3, seed: 1, workers: 0 }));
    expect(within).toEqual([
      "  Against the delivery record (villages a year, this run's P50 and P10–P90; report.html says more):",
      '    on fibre, 2026: 2 (2–2); record 1–2 a year',
      '    on fibre, 2027: 1 (1–1); record 1–2 a year',
    ]);
    const above = recordLines(await runMonteCarlo(fibre([pace('a', 1, 1)]), identity, { runs: 3, seed: 1, workers: 0 }));
    expect(above[1]).toBe('    on fibre, 2026: 2 (2–2): above the best year on record (1) in 100.0 % of futures');
    const below = recordLines(await runMonteCarlo(fibre([pace('a', 3, 4)]), identity, { runs: 3, seed: 1, workers: 0 }));
    expect(below[2]).toBe('    on fibre, 2027: 1 (1–1): below every year on record (the slowest 3 a year), even the P90');
  });

  it('a run from a mid-year start shows that year with its dates and does not judge it: part of a year is no year\'s pace', async () => {
    // From 1 June the hand schedule still lays its 2 villages in 2026, against a slowest year on record of 3.
    const lines = recordLines(await runMonteCarlo({ ...fibre([pace('a', 3, 4)]), start: '2026-06-01' }, identity, { runs: 3, seed: 1, workers: 0 }));
    expect(lines.slice(1)).toEqual([
      "    on fibre, 2026 (1 Jun 2026 – 31 Dec 2026 only): 2 (2–2); part of a year, not set beside the record's yearly pace",
      '    on fibre, 2027: 1 (1–1): below every year on record (the slowest 3 a year), even the P90',
    ]);
  });

  it('says nothing without a record, and nothing of a year after the last deadline', async () => {
    expect(recordLines(await runMonteCarlo(handScheduleInput(), identity, { runs: 2, seed: 1, workers: 0 }))).toEqual([]);
    const early = { ...fibre([pace('a', 1, 2)]), targets: handScheduleInput().targets };
    expect(recordLines(await runMonteCarlo(early, identity, { runs: 2, seed: 1, workers: 0 })).map((l) => l.slice(0, 18))).toEqual(['  Against the deli', '    on fibre, 2026']);
  });

  it('sets the masts beside the 4G record (test/fixtures/services/services.yaml: one mast covers three villages in 2026)', async () => {
    const input = loadScenario(fileURLToPath(new URL('../fixtures/services/services.yaml', import.meta.url))).input;
    const lines = recordLines(await runMonteCarlo({ ...input, deliveryRecord: [pace('fourg', 5, 5, 'mobile')] }, identity, { runs: 3, seed: 1, workers: 0 }));
    expect(lines.slice(1)).toEqual(['    with mobile coverage, 2026: 3 (3–3): below every year on record (the slowest 5 a year), even the P90']);
  });
});
