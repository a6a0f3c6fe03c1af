import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, ScenarioError } from '../../src/scenario/index.js';

/** A scenario (from the status fixture) with its status file replaced by `csv`. */
function withStatus(csv: string) {
  const dir = mkdtempSync(join(tmpdir(), 'rollout-status-'));
  writeFileSync(join(dir, 'status.csv'), csv);
  writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${join(__dirname, '..', 'fixtures', 'status', 'counts.yaml')}\nstatus: status.csv\n`);
  return () => loadScenario(join(dir, 's.yaml'));
}

describe('status files', () => {
  it('name the file, row and column of every mistake', () => {
    const load = withStatus('date,region,stage,count\n2026-03-31,r,laying,2\n2026-04-01,r,work,x\n');
    expect(load).toThrow(ScenarioError);
    try { load(); } catch (e) {
      const text = (e as Error).message;
      expect(text).toMatch(/status\.csv:2:3: row 2, column stage: expected one of design, .*found 'laying'/);
      expect(text).toMatch(/status\.csv:3:1: row 3, column date: expected the same date on every row \(2026-03-31\)/);
      expect(text).toMatch(/status\.csv:3:4: row 3, column count: expected a whole number >= 0, found 'x'/);
    }
  });

  it("refuse 'done' in counts (connected settlements are each region's `connected`) and a stage the technology does not have", () => {
    expect(withStatus('date,region,stage,count\n2026-03-31,r,done,2\n')).toThrow(/region's `connected`/);
    expect(withStatus('date,id,region,population,technology,stage\n2026-03-31,a,r,10,fibre,mast permit\n')).toThrow(/expected a stage of fibre \(design, approval, budget, crew, work, commissioning\)/);
  });

  it("name a programme that is not the scenario's, or does not pay for the settlement's technology", () => {
    // counts.yaml has a fibre budget line (programme 'fibre'); 'satellite' pays for satellite only.
    const load = withStatus('date,id,region,population,technology,stage,programme\n2026-03-31,a,r,10,fibre,approval,operatr\n2026-03-31,b,r,10,fibre,approval,satellite\n2026-03-31,c,r,10,fibre,approval,fibre\n');
    expect(load).toThrow(/status\.csv:2:7: row 2, column programme: expected a financing programme of the scenario \(.*\) or empty, found 'operatr'/);
    expect(load).toThrow(/status\.csv:3:7: row 3, column programme: expected a programme that pays for fibre \(satellite pays for satellite\), found 'satellite'/);
    expect(load).not.toThrow(/row 4/);
  });

  it('a per-settlement status lists the settlements; the run starts the day after its date', () => {
    const { input } = withStatus('date,id,region,population,backbone_km,technology,stage\n2026-05-31,a,r,10,3,fibre,done\n2026-05-31,b,r,20,4,fibre,approval\n')();
    expect(input.start).toBe('2026-06-01');
    expect(input.settlements!.map((s) => [s.id, s.connected])).toEqual([['a', true], ['b', false]]);
    expect(input.status!.settlements![1]).toMatchObject({ stage: 'approval', daysInStage: 0, phase: 'queued', attempts: 0, moneyCommitted: 0 });
  });
});
