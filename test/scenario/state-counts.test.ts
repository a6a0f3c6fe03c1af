import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileModel, simulateReplication, type SettlementState } from '../../src/model/index.js';
import { countState, countsCsv, loadScenario, readStatus, type CountRow } from '../../src/scenario/index.js';
import { randomScenario, stoppable } from '../helpers/random-scenario.js';
import { tempFiles } from './helpers.js';

/** A state row with the fields countState reads; the rest as --state-at writes a job not begun. */
function row(x: Partial<SettlementState> & { id: string; region: string; technology: string; stage: string }): SettlementState {
  return { daysInStage: 0, phase: 'queued', daysInPhase: 0, attempts: 0, moneyCommitted: 0, connectedOn: null, ...x };
}
const line = (r: CountRow) => `${r.region} ${r.motorway ?? r.service} ${r.stage} ${r.count}${r.daysInStage === undefined ? '' : ` ${r.daysInStage}d`}`;

describe('countState: a state per settlement counted per region, service and stage', () => {
  it('counts stock and jobs under way by hand: a shared mast once, medians rounded, the most advanced stage first', () => {
    const state = [
      row({ id: 'a', region: 'n', technology: 'fibre', stage: 'done', services: ['backbone-fibre', 'mobile'] }),
      row({ id: 'b', region: 'n', technology: 'fibre', stage: 'design', daysInStage: 10, services: [] }),
      row({ id: 'c', region: 'n', technology: 'fibre', stage: 'design', daysInStage: 13, services: [] }),
      row({ id: 'd', region: 'n', technology: 'fibre', stage: 'crew', daysInStage: 2.4, services: [] }),
      row({ id: 'e', region: 'n', technology: 'fibre', stage: 'not started', services: [] }),
      // One mast for two villages (its rows name it): one job.
      row({ id: 'b', region: 'n', technology: 'mast', stage: 'mast permit', daysInStage: 30, mast: 'b' }),
      row({ id: 'c', region: 'n', technology: 'mast', stage: 'mast permit', daysInStage: 30, mast: 'b' }),
      row({ id: 'f', region: 's', technology: 'satellite', stage: 'done', services: ['satellite'] }),
      row({ id: '1', region: 's', technology: 'mast', stage: 'done', motorway: 'm1' }),
      row({ id: '2', region: 's', technology: 'mast', stage: 'site allocation', daysInStage: 5, motorway: 'm1' }),
      row({ id: '3', region: 's', technology: 'mast', stage: 'not started', motorway: 'm1' }),
    ];
    const c = countState(state, ['n', 's']);
    expect(c.rows.map(line)).toEqual([
      'n backbone-fibre done 1', 'n mobile done 1', 'n satellite done 0',
      'n backbone-fibre crew 1 2d', 'n backbone-fibre design 2 12d', // median of 10 and 13 is 11.5, rounded
      'n mobile mast permit 1 30d',
      's backbone-fibre done 0', 's mobile done 0', 's satellite done 1',
      's m1 done 1', 's m1 site allocation 1 5d',
    ]);
    expect(c.leftOut).toEqual([]);
  });

  it('leaves out what counts cannot say, and says so: a fallback\'s jobs, satellite beside backbone fibre', () => {
    const state = [
      row({ id: 'a', region: 'n', technology: 'satellite', stage: 'crew', fallback: '2026-03-31', services: [] }),
      row({ id: 'b', region: 'n', technology: 'fibre', stage: 'done', services: ['backbone-fibre', 'satellite'] }),
      row({ id: 'c', region: 'n', technology: 'satellite', stage: 'done', services: ['satellite'] }),
    ];
    const c = countState(state, ['n']);
    expect(c.rows.map(line)).toEqual(['n backbone-fibre done 1', 'n satellite done 1']);
    expect(c.leftOut.map((l) => `${l.count} ${l.what}`).sort()).toEqual([
      // One of each: the noun agrees with its count ('1 jobs' before).
      '1 job under way that a fallback rule made (satellite; counts cannot place it)',
      '1 satellite in a village also on backbone fibre (counted on fibre only)',
    ]);
    const csv = countsCsv('2026-06-30', c, 'replication 3 of x (seed 1)', ['a comment']);
    expect(csv.split('\n').slice(0, 5)).toEqual([
      '# a comment',
      '# Left out (a status of counts cannot say it): 1 job under way that a fallback rule made (satellite; counts cannot place it).',
      '# Left out (a status of counts cannot say it): 1 satellite in a village also on backbone fibre (counted on fibre only).',
      'date,region,stage,count,days_in_stage,service,motorway,source',
      '2026-06-30,n,done,1,,backbone-fibre,,replication 3 of x (seed 1)',
    ]);
    // What it writes, the status reader reads back as counts.
    const dir = tempFiles({ 'c.csv': csv });
    const read = readStatus(join(dir, 'c.csv'), 'c.csv', ['n']);
    expect(read.ok && read.stock?.map((s) => `${s.service} ${s.count}`)).toEqual(['backbone-fibre 1', 'satellite 1']);
  });

  it("counts nothing of a job a fallback rule cancelled (a 'cancelled' row, kept for its money), and says its money is left out", () => {
    const state = [
      row({ id: 'a', region: 'n', technology: 'satellite', stage: 'budget', fallback: '2026-03-31', services: [] }),
      row({ id: 'a', region: 'n', technology: 'fibre', stage: 'cancelled', moneyCommitted: 10, committedOn: '2026-01-01' }),
      row({ id: 'b', region: 'n', technology: 'satellite', stage: 'budget', fallback: '2026-03-31', services: [] }),
      row({ id: 'b', region: 'n', technology: 'fibre', stage: 'cancelled' }),
    ];
    const c = countState(state, ['n']);
    // No fibre anywhere: no backbone-fibre stock row, no job under way at 'cancelled'.
    expect(c.rows.map(line)).toEqual(['n satellite done 0']);
    expect(c.leftOut.map((l) => `${l.count} ${l.what}`).sort()).toEqual([
      '1 job a fallback rule cancelled, with the money it had committed (a run from the counts has that money to spend)',
      '2 jobs under way that a fallback rule made (satellite; counts cannot place them)',
    ]);
  });
});

/** Stages a job may leave at once when a run starts (money or a crew free at once): their rows are checked together. */
const PAID = ['budget', 'crew', 'work', 'commissioning', 'power and backhaul'];
const SERVICE_OF: Record<string, string> = { fibre: 'backbone-fibre', household: 'household-fibre', mast: 'mobile', satellite: 'satellite' };

/**
 * Random scenarios (test/helpers/random-scenario.ts) stopped at a random date: the state
 * counted, written as --state-at writes state-DATE-counts.csv, and read back as the `status`
 * of the same scenario. The file always loads (a fallback's jobs and all); read back before
 * any event, each region has
 * the stock it counts, and its jobs stand where its rows put them — each row, in the file's
 * order, taking the first of the region's jobs still free (progressFromCounts), a row of an
 * office or a delay with exactly its days in the stage.
 */
describe('a state counted and read back as a status of counts', () => {
  it('loads, and starts each region with its counted stock and its jobs at their rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-state-counts-'));
    let tried = 0, continued = 0, checkedRows = 0;
    fc.assert(
      fc.property(randomScenario, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 600 }), (generated, rep, at) => {
        const s = stoppable(generated, at, dir, tried++);
        if (s === null) return;
        const { input, m, date, file, sub } = s;

        let counts = countState([], []);
        let state: SettlementState[] = [];
        simulateReplication(m, 17, rep, { stateAt: at, onState: (r) => { state = r; counts = countState(r, m.regionIds); } });
        // A row's days are its jobs' median rounded to a whole day: rounded up past the longest
        // any of them had, they may reach the end of a stage of fixed length, and read back they
        // finish it as the run starts (done, or a stage on). Their region and service get that slack.
        const longest = new Map<string, number>();
        for (const a of state) {
          if (a.stage === 'done' || a.stage === 'not started' || a.stage === 'cancelled' || a.fallback) continue;
          const k = `${a.region}|${a.motorway ?? SERVICE_OF[a.technology]}|${a.stage}`;
          longest.set(k, Math.max(longest.get(k) ?? -Infinity, a.daysInStage));
        }
        const slack = new Map<string, number>();
        for (const c of counts.rows) {
          const k = `${c.region}|${c.motorway ?? c.service}`;
          if (c.stage !== 'done' && c.daysInStage !== undefined && c.daysInStage > (longest.get(`${k}|${c.stage}`) ?? Infinity)) slack.set(k, (slack.get(k) ?? 0) + c.count);
        }
        writeFileSync(join(sub, 'counts.csv'), countsCsv(date, counts, 'test', []));
        writeFileSync(join(sub, 'from.json'), JSON.stringify({ ...file, status: 'counts.csv' }));
        const from = compileModel(loadScenario(join(sub, 'from.json')).input); // throws (fails) if the file is refused
        continued++;
        let again: SettlementState[] = [];
        simulateReplication(from, 17, rep, { stateAt: 0, onState: (r) => (again = r) });
        const where = (x: string) => `${sub}: ${x}`;
        for (const c of counts.rows.filter((r) => r.stage === 'done' && r.motorway === undefined)) {
          const has = again.filter((a) => a.region === c.region && a.services?.includes(c.service!)).length;
          const more = slack.get(`${c.region}|${c.service}`) ?? 0;
          if (more === 0) expect(has, where(line(c))).toBe(c.count);
          else expect(has - c.count, where(`${line(c)} (up to ${more} more)`)).toSatisfy((d: number) => d >= 0 && d <= more);
        }
        // A fallback rule dated before the state makes and cancels jobs as the run starts: counts cannot place its jobs (tested above).
        if (input.fallback && input.fallback.some((f) => f.after <= date)) return;
        // Each region's (or road's) rows take its jobs in the file's order.
        const groups = new Map<string, CountRow[]>();
        for (const c of counts.rows.filter((r) => r.stage !== 'done')) {
          const k = `${c.region}|${c.motorway ?? c.service}`;
          groups.set(k, [...(groups.get(k) ?? []), c]);
        }
        for (const [k, rows] of groups) {
          if (slack.has(k)) continue; // jobs may have finished a stage as the run starts (above)
          const rowsOfJobs = again.filter((a) => `${a.region}|${a.motorway ?? SERVICE_OF[a.technology]}` === k && a.stage !== 'done' && a.stage !== 'not started');
          // A village mast is one job, however many settlements' rows name it.
          const jobs = rowsOfJobs.filter((a, x) => !a.mast || rowsOfJobs.findIndex((b) => b.mast === a.mast) === x);
          let left = jobs.length;
          const take = (n: number) => { const t = Math.min(n, left); left -= t; return t; };
          let paid = 0;
          for (const r of rows) {
            const expected = take(r.count);
            if (PAID.includes(r.stage)) { paid += expected; continue; }
            if (r.daysInStage === 0) continue; // not told apart from jobs begun afresh
            expect(jobs.filter((a) => a.stage === r.stage && a.daysInStage === r.daysInStage).length, where(line(r))).toBe(expected);
            checkedRows++;
          }
          expect(jobs.filter((a) => PAID.includes(a.stage)).length, where(`${k} paid`)).toBe(paid);
        }
      }),
      { numRuns: 120, seed: 20261130 },
    );
    expect(continued).toBeGreaterThan(tried / 2);
    expect(checkedRows).toBeGreaterThan(20);
  }, 180_000);
});
