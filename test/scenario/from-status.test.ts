import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countState, loadScenario, regionStartBasis, type CountRow } from '../../src/scenario/index.js';
import { compileModel, simulateReplication, type SettlementState } from '../../src/model/index.js';
import { runMonteCarlo } from '../../src/montecarlo/index.js';
import { shipped } from './helpers.js';

/**
 * The shipped example of a run from a status: kazakhstan-from-status.yaml and its status of
 * counts, kazakhstan-status-2025-12-31.csv. The file is read here on its own (not by the
 * loader), so that the run's starting state is checked against what the file says.
 */

const STATUS = 'kazakhstan-status-2025-12-31.csv';
const SCENARIO = 'kazakhstan-from-status.yaml';

interface Row { region: string; stage: string; count: number; days: number; service: string; source: string }
/** The status file's rows, comments skipped (a plain split: the file's cells quote only commas in the last column). */
function statusRows(): Row[] {
  const lines = readFileSync(shipped(STATUS), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  expect(lines[0]).toBe('date,region,stage,count,days_in_stage,service,source');
  return lines.slice(1).map((l) => {
    const [date, region, stage, count, days, service, ...rest] = l.split(',');
    expect(date).toBe('2025-12-31');
    return { region, stage, count: Number(count), days: Number(days), service, source: rest.join(',').replace(/^"|"$/g, '') };
  });
}
const rows = statusRows();
const stock = (region: string, service: string) => rows.find((r) => r.region === region && r.stage === 'done' && r.service === service)?.count ?? 0;
/** The technology whose jobs build each service. */
const TECH: Record<string, string> = { 'backbone-fibre': 'fibre', 'household-fibre': 'household', mobile: 'mast', satellite: 'satellite' };
/** Stages a job may leave at once when the run starts, money or a crew being free: counted together. */
const PAID = ['budget', 'unfunded', 'crew', 'work', 'commissioning', 'power and backhaul'];
const loaded = loadScenario(shipped(SCENARIO));
const regions = loaded.input.regions;

describe('the shipped status example (kazakhstan-from-status.yaml)', () => {
  it('holds the published stock at the end of 2025 and marks every row it cannot source', () => {
    const total = (service: string) => rows.filter((r) => r.stage === 'done' && r.service === service).reduce((s, r) => s + r.count, 0);
    // The published national figures (SOURCES.md [P8], [P12], [S6]; of the 504 on satellite [S6], the 328 on OneWeb, as in the baseline).
    expect([total('backbone-fibre'), total('household-fibre'), total('mobile'), total('satellite')]).toEqual([2606, 663, 3115, 328]);
    // Every region has its stock; every row says what it rests on: a source id, or that it is an estimate or illustrative.
    for (const r of regions) for (const s of ['backbone-fibre', 'household-fibre', 'mobile', 'satellite']) expect(rows.some((x) => x.region === r.id && x.stage === 'done' && x.service === s), `${r.id} ${s}`).toBe(true);
    for (const r of rows) {
      if (r.stage === 'done') expect(r.source, `${r.region} ${r.service}`).toMatch(/\[[A-Z]\d*\]|estimate/);
      else expect(r.source, `${r.region} ${r.stage}`).toMatch(/^illustrative/);
    }
    const header = readFileSync(shipped(STATUS), 'utf8').split('\n').filter((l) => l.startsWith('#')).join('\n');
    expect(header).toMatch(/PUBLISHED/);
    expect(header).toMatch(/ILLUSTRATIVE/);
    expect(header).toContain('--replay 0 --state-at 2025-12-31');
  });

  it('starts on 1 Jan 2026 with every region\'s stock from the file; its starts are marked as the file\'s rows say', () => {
    expect(loaded.input.start).toBe('2026-01-01');
    expect(loaded.input.status!.date).toBe('2025-12-31');
    for (const r of regions) {
      expect(r.connected, r.id).toBe(stock(r.id, 'backbone-fibre'));
      expect(r.services, r.id).toEqual({ householdFibre: stock(r.id, 'household-fibre'), mobile: stock(r.id, 'mobile'), satellite: stock(r.id, 'satellite') });
    }
    // The notes of the starting counts are the status rows' sources, in the status file.
    const note = loaded.sources.find((s) => s.path === 'regions.aktobe.connected')!;
    expect(note.file).toMatch(/kazakhstan-status-2025-12-31\.csv$/);
    expect(note.note).toMatch(/^A: SOURCES\.md \[C3\]/);
    expect(loaded.sources.find((s) => s.path === 'regions.turkestan.connected')!.note).toMatch(/^estimate/);
    // So the report marks each region's start as the baseline does: 14 estimates, Pavlodar and Karaganda partly, Aktobe published.
    const basis = regions.map((r) => regionStartBasis(loaded.sources, r.id, { listed: false, status: false }).basis);
    expect(basis.filter((b) => b === 'estimate')).toHaveLength(14);
    expect(regions.filter((_, i) => basis[i] !== 'estimate').map((r) => r.id)).toEqual(['aktobe', 'karaganda', 'pavlodar']);
    expect(basis[regions.findIndex((r) => r.id === 'pavlodar')]).toBe('partly-estimated');
    expect(basis[regions.findIndex((r) => r.id === 'karaganda')]).toBe('partly-estimated');
  });

  it('runs; at day 0 the timeseries has every region\'s and the country\'s stock from the file (fibre; coverage = fibre + satellite)', async () => {
    const result = await runMonteCarlo(loaded.input, loaded.identity, { runs: 6, seed: 1, workers: 0 });
    const day0 = new Map(result.timeseries.filter((p) => p.date === '2026-01-01').map((p) => [p.series, p]));
    const expectShare = (series: string, count: number, of: number) => {
      const p = day0.get(series)!;
      for (const q of [p.p10, p.p50, p.p90, p.mean]) expect(q * of, series).toBeCloseTo(count, 2); // shares are kept to 6 significant digits
    };
    let all = 0, fibre = 0, covered = 0;
    for (const r of regions) {
      const f = stock(r.id, 'backbone-fibre'), c = f + stock(r.id, 'satellite');
      expectShare(`fibre:${r.id}`, f, r.settlements);
      expectShare(`coverage:${r.id}`, c, r.settlements);
      all += r.settlements; fibre += f; covered += c;
    }
    expectShare('fibre', fibre, all);
    expectShare('coverage', covered, all);
    // And it moves on: more on fibre by the end of 2026 in every replication.
    expect(day0.get('fibre')!.p50).toBeLessThan(result.timeseries.find((p) => p.series === 'fibre' && p.date >= '2026-12-31')!.p10);
  }, 180_000);

  it('its illustrative rows are its header\'s rule applied to the baseline as it is (make them again when the baseline changes)', () => {
    // The rule: replication 0 (seed 1) of the baseline at the end of 2025-12-31, counted per region, service and
    // stage as `--state-at` counts it (state-DATE-counts.csv): its stage rows, not its stock (the file's is published).
    const m = compileModel(loadScenario(shipped('kazakhstan-baseline.yaml')).input);
    let counted: CountRow[] = [];
    simulateReplication(m, 1, 0, { stateAt: m.calendar.dayOf('2025-12-31') + 1, onState: (r) => (counted = countState(r, m.regionIds).rows) });
    const line = (r: { region: string; service?: string; stage: string; count: number }, days: number | undefined) => `${r.region} ${r.service} ${r.stage}: ${r.count} for ${days} days`;
    const expected = counted.filter((r) => r.stage !== 'done' && r.motorway === undefined).map((r) => line(r, r.daysInStage)).sort();
    const actual = rows.filter((r) => r.stage !== 'done').map((r) => line(r, r.days)).sort();
    expect(expected.length).toBeGreaterThan(100);
    expect(actual).toEqual(expected);
  }, 120_000);

  it('its state at the start is the file\'s: each service\'s stock, and the jobs under way by service and stage', () => {
    const m = compileModel(loaded.input);
    for (const rep of [0, 1, 2]) {
      let state: SettlementState[] = [];
      simulateReplication(m, 1, rep, { stateAt: 0, onState: (s) => (state = s) });
      const own = state.filter((s) => s.services !== undefined); // a settlement's own row (the others are its further jobs)
      for (const r of regions) {
        for (const s of ['backbone-fibre', 'household-fibre', 'mobile', 'satellite'] as const) {
          expect(own.filter((x) => x.region === r.id && x.services!.includes(s)).length, `${rep} ${r.id} ${s}`).toBe(stock(r.id, s));
          const jobs = state.filter((x) => x.region === r.id && x.technology === TECH[s] && x.stage !== 'done' && x.stage !== 'not started');
          const mine = rows.filter((x) => x.region === r.id && x.service === s && x.stage !== 'done');
          // The rows, in the file's order (most advanced first), take the jobs there are: a replication whose
          // technology rule gave the region fewer jobs of this service fills the last rows only in part.
          let left = jobs.length;
          const take = (count: number) => { const n = Math.min(count, left); left -= n; return n; };
          // Paid for, or waiting for money: money or a crew may move them on at once, so these stages count together.
          const paid = (list: { stage: string; count?: number }[]) => list.filter((x) => PAID.includes(x.stage)).reduce((a, x) => a + (x.count ?? 1), 0);
          expect(paid(jobs), `${rep} ${r.id} ${s} paid`).toBe(take(paid(mine)));
          // At an office or a delay: the file's count, with the file's days in the stage (jobs started afresh have none).
          for (const row of mine.filter((x) => !PAID.includes(x.stage))) {
            const expected = take(row.count);
            if (row.days === 0) continue; // not told apart from jobs started afresh
            const there = jobs.filter((x) => x.stage === row.stage && Math.abs(x.daysInStage - row.days) < 1e-6).length;
            expect(there, `${rep} ${r.id} ${s} ${row.stage}`).toBe(expected);
          }
        }
      }
    }
  }, 120_000);
});
