import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileModel, simulateReplication, type SettlementState } from '../../src/model/index.js';
import { loadScenario, stateCsv } from '../../src/scenario/index.js';
import { randomScenario, stoppable } from '../helpers/random-scenario.js';

/** A job's stages it may pass at once when a run starts: a crew or money free at once. */
const FORWARD: Record<string, readonly string[]> = { budget: ['budget', 'crew', 'work'], crew: ['crew', 'work'] };
/** The state file writes numbers to 6 decimals: read back, they are within half a unit of the last (and float noise). */
const CSV_ROUNDING = 5.01e-7;
const key = (r: SettlementState) => `${r.motorway ?? ''}|${r.id}|${r.services !== undefined ? 'own' : r.technology}`;

/**
 * Random scenarios (every mechanism on or off; test/helpers/random-scenario.ts), each
 * stopped at a random date: its state written as `--state-at` writes it, read back as the
 * `status` of the same scenario, and run on with every invariant checked. Read back before
 * any event, every job stands where the state put it — a motorway's masts, and the masts a
 * fallback made, grouped as they were (the state names each village mast), included.
 */
describe('a state at any date, read back as a status', () => {
  it('continues every job where it stood, and runs on with every invariant checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-status-property-'));
    let tried = 0, continued = 0, masts = 0;
    fc.assert(
      fc.property(randomScenario, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 600 }), (generated, rep, at) => {
        const s = stoppable(generated, at, dir, tried++);
        if (s === null) return;
        const { m, date, file, sub } = s;

        let rows: SettlementState[] = [];
        simulateReplication(m, 17, rep, { stateAt: at, onState: (r) => (rows = r) });
        writeFileSync(join(sub, 'state.csv'), stateCsv(date, rows));
        writeFileSync(join(sub, 'from.json'), JSON.stringify({ ...file, status: 'state.csv' }));
        const from = compileModel(loadScenario(join(sub, 'from.json')).input);
        continued++;
        let again: SettlementState[] = [];
        simulateReplication(from, 5, 0, { stateAt: 0, onState: (r) => (again = r) });
        const byKey = new Map(again.map((a) => [key(a), a]));
        for (const r of rows) {
          const a = byKey.get(key(r));
          const where = `${sub}: ${key(r)}`;
          expect(a, where).toBeDefined();
          expect(FORWARD[r.stage] ?? [r.stage], where).toContain(a!.stage);
          if (a!.stage === r.stage) expect(Math.abs(a!.daysInStage - r.daysInStage), where).toBeLessThanOrEqual(CSV_ROUNDING);
          expect(a!.attempts, where).toBe(r.attempts);
          if (r.stage === 'work' && r.kmLaid !== undefined) expect(Math.abs(a!.kmLaid! - r.kmLaid), where).toBeLessThanOrEqual(CSV_ROUNDING);
          if (r.motorway !== undefined) masts++;
        }
        for (const k of [0, 1]) simulateReplication(from, 5, k, { check: true });
      }),
      { numRuns: 60, seed: 20261129 },
    );
    // Most cases get as far as a continued run.
    expect(continued).toBeGreaterThan(tried / 2);
    expect(masts).toBeGreaterThan(0); // motorway masts among them
  }, 180_000);
});
