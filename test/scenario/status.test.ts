import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, regionStartBasis, ScenarioError } from '../../src/scenario/index.js';
import { UNANNOTATED_CHANGE } from '../../src/scenario/load.js';

/** A scenario (from the status fixture) with its status file replaced by `csv` (and `extra` YAML lines). */
function withStatus(csv: string, extra = '') {
  const dir = mkdtempSync(join(tmpdir(), 'rollout-status-'));
  writeFileSync(join(dir, 'status.csv'), csv);
  writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${join(__dirname, '..', 'fixtures', 'status', 'counts.yaml')}\nstatus: status.csv\n${extra}`);
  return () => loadScenario(join(dir, 's.yaml'));
}

/** A scenario extending test/fixtures/`base` (with `extra` YAML lines) whose status is `csv`. */
function statusOf(base: string, csv: string, extra = '') {
  const dir = mkdtempSync(join(tmpdir(), 'rollout-status-'));
  writeFileSync(join(dir, 'status.csv'), csv);
  writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${join(__dirname, '..', 'fixtures', base)}\nstatus: status.csv\n${extra}`);
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

  it("suggest the stage or technology a misspelt one was meant to be, besides listing them", () => {
    const counts = withStatus('date,region,stage,count\n2026-03-31,r,aproval,2\n2026-03-31,r,budjet,1\n2026-03-31,r,zzz,1\n');
    expect(counts).toThrow(/row 2, column stage: expected one of design, .*procurement.*\(did you mean 'approval'\?\), found 'aproval'/);
    expect(counts).toThrow(/row 3, column stage: expected one of .* \(did you mean 'budget'\?\), found 'budjet'/);
    expect(counts).not.toThrow(/did you mean '[^']*'\?\), found 'zzz'/);
    expect(withStatus('date,id,region,population,technology,stage\n2026-03-31,a,r,10,fibber,design\n')).toThrow(/row 2, column technology: expected one of fibre, .* \(did you mean 'fibre'\?\), found 'fibber'/);
  });

  it("take 'fallback lead' only for a job of a fallback rule dated before the status, and never in counts", () => {
    expect(withStatus('date,id,region,population,technology,stage\n2026-03-31,a,r,10,satellite,fallback lead\n')).toThrow(
      /status\.csv:2:\d+: row 2, column stage: expected 'fallback lead' only for a job of a fallback rule dated before the status's date \(the scenario has no rule to satellite dated before 2026-03-31\)/,
    );
    expect(withStatus('date,region,stage,count\n2026-03-31,r,fallback lead,1\n')).toThrow(/row 2, column stage: expected a stage or 'done' \(a status of counts cannot place a fallback's jobs/);
  });

  it("take a mast's name only on a row of a settlement's mast", () => {
    const load = withStatus('date,id,region,population,technology,stage,mast\n2026-03-31,a,r,10,fibre,design,north\n2026-03-31,b,r,10,mast,crew,north\n');
    expect(load).toThrow(/status\.csv:2:7: row 2, column mast: expected an empty cell \(a mast's name goes on a row of a settlement's mast, not a fibre row\), found 'north'/);
    expect(load).not.toThrow(/row 3/);
  });

  it('refuse rows of one named mast that give it different states (one mast, one state)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-status-mast-'));
    writeFileSync(join(dir, 'status.csv'), 'date,id,region,population,backbone_km,technology,stage,days_in_stage,mast\n2026-03-31,a,r,100,40,mast,not started,,north\n2026-03-31,b,r,100,40,mast,not started,,\n2026-03-31,c,r,100,40,mast,done,,north\n');
    // The lists below name two of the fixture's three settlements: the file that names them says so.
    writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${join(__dirname, '..', 'fixtures', 'status', 'masts-named.yaml')}\nstatus: status.csv\nregions: [{ id: r, settlements: 2 }]\n`);
    expect(() => loadScenario(join(dir, 's.yaml'))).toThrow(/status\.csv:4:7: row 4, column stage: expected 'not started', as on row 2 of mast 'north' \(its rows give one mast's state\), found 'done'/);
    writeFileSync(join(dir, 'status.csv'), 'date,id,region,population,backbone_km,technology,stage,days_in_stage,mast\n2026-03-31,a,r,100,40,mast,mast permit,3,north\n2026-03-31,c,r,100,40,mast,mast permit,4,north\n');
    expect(() => loadScenario(join(dir, 's.yaml'))).toThrow(/row 3, column days_in_stage: expected '3', as on row 2 of mast 'north'/);
    writeFileSync(join(dir, 'status.csv'), 'date,id,region,population,backbone_km,technology,stage,days_in_stage,mast\n2026-03-31,a,r,100,40,mast,mast permit,3,north\n2026-03-31,c,r,100,40,mast,mast permit,3,north\n');
    expect(loadScenario(join(dir, 's.yaml')).input.status!.settlements!.map((p) => p.mast)).toEqual(['north', 'north']);
  });

  it("refuse a mast named in two regions (a mast serves one region's settlements)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-status-mast-'));
    writeFileSync(join(dir, 'status.csv'), 'date,id,region,population,technology,stage,mast\n2026-03-31,a,r,10,mast,crew,north\n2026-03-31,b,s,10,mast,crew,north\n');
    writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${join(__dirname, '..', 'fixtures', 'status', 'masts-named.yaml')}\nstatus: status.csv\nregions: [{ id: s, name: South, settlements: 1, connected: 0, crews: { mast: 1 } }]\n`);
    expect(() => loadScenario(join(dir, 's.yaml'))).toThrow(/row 3, column mast: expected a mast of one region \(mast 'north' is in r on row 2\), found 'north' in s/);
  });

  it('name a misspelt stage once, without a knock-on about the services it has', () => {
    const load = withStatus('date,id,region,population,technology,stage,services\n2026-03-31,a,r,10,mast,finished,mobile\n');
    expect(load).toThrow(/row 2, column stage: expected one of .*, found 'finished'/);
    expect(load).not.toThrow(/column services/);
    try { load(); } catch (e) { expect((e as ScenarioError).problems).toHaveLength(1); }
  });

  it('read numbers as a spreadsheet writes them: hex or binary is refused, not read as a number', () => {
    const load = withStatus('date,region,stage,count,days_in_stage\n2026-03-31,r,work,0x1,\n2026-03-31,r,crew,1,0b0\n2026-03-31,r,design,1,2e0\n');
    expect(load).toThrow(/row 2, column count: expected a whole number >= 0, found '0x1'/);
    expect(load).toThrow(/row 3, column days_in_stage: expected a number >= 0, found '0b0'/);
    expect(load).not.toThrow(/row 4/); // 2e0 is a decimal a spreadsheet writes
  });

  it("name the scenario's status line when the file cannot be opened (as for settlementsFile)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-status-missing-'));
    writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${join(__dirname, '..', 'fixtures', 'status', 'counts.yaml')}\nstatus: nowhere.csv\n`);
    expect(() => loadScenario(join(dir, 's.yaml'))).toThrow(/s\.yaml:3:9: status: expected a status CSV file at this path \('nowhere\.csv' is resolved against .*\), found no such file \(.*nowhere\.csv\)/);
  });

  it('refuse a stage the technology does not have', () => {
    expect(withStatus('date,id,region,population,technology,stage\n2026-03-31,a,r,10,fibre,mast permit\n')).toThrow(/expected a stage of fibre \(design, approval, budget, crew, work, commissioning\)/);
  });

  it("of counts: 'done' rows are the regions' stock, replacing `connected` and the starting services they name; comments are skipped; a row's source is the count's note", () => {
    const loaded = withStatus([
      '# The end of March 2026: a comment line, skipped',
      'date,region,stage,count,days_in_stage,service,source',
      '2026-03-31,r,done,3,,,"Q: the ministry\'s list, April 2026"',
      '  # an indented comment',
      '2026-03-31,r,done,1,,satellite,',
      '2026-03-31,r,work,1,0,backbone-fibre,illustrative',
      '',
    ].join('\n'))();
    const r = loaded.input.regions[0];
    expect(r.connected).toBe(3); // counts.yaml says 1
    expect(r.services).toEqual({ satellite: 1 });
    expect(loaded.input.status!.counts).toEqual([{ region: 'r', stage: 'work', count: 1, daysInStage: 0, service: 'backbone-fibre' }]);
    const note = (path: string) => loaded.sources.find((x) => x.path === path);
    expect(note('regions.r.connected')).toMatchObject({ value: '3', note: "Q: the ministry's list, April 2026" });
    expect(note('regions.r.connected')!.file).toMatch(/status\.csv$/);
    expect(note('regions.r.services.satellite')).toMatchObject({ value: '1', note: UNANNOTATED_CHANGE });
    // The region's start is read from the row's source: published.
    expect(regionStartBasis(loaded.sources, 'r', { listed: false, status: false })).toEqual({ basis: 'published', note: "Q: the ministry's list, April 2026" });
  });

  it('of counts: name every row that cannot be', () => {
    const load = withStatus([
      'date,region,stage,count,days_in_stage,service',
      '2026-03-31,r,done,5,,',                   // 2: backbone fibre 5 of 6
      '2026-03-31,r,done,2,,backbone-fibre',     // 3: again
      '2026-03-31,r,done,2,4,satellite',         // 4: days in stage on a stock row; 2 > 6 - 5 off fibre
      '2026-03-31,r,approval,1,,satellite',      // 5: satellite jobs have no approval
      '2026-03-31,r,not started,1,,',            // 6
      '2026-03-31,r,crew,1,,fiber',              // 7
      '',
    ].join('\n'));
    expect(load).toThrow(ScenarioError);
    try { load(); } catch (e) {
      const text = (e as Error).message;
      expect(text).toMatch(/status\.csv:3:3: row 3, column stage: expected one 'done' row per region and service, found backbone-fibre in r again \(first on row 2\)/);
      expect(text).toMatch(/status\.csv:4:5: row 4, column days_in_stage: expected an empty cell on a 'done' row/);
      expect(text).toMatch(/status\.csv:5:3: row 5, column stage: expected a stage of the satellite jobs that build satellite \(procurement, budget, crew, work, unfunded\), found 'approval'/);
      expect(text).toMatch(/status\.csv:6:3: row 6, column stage: expected a stage or 'done'/);
      expect(text).toMatch(/status\.csv:7:6: row 7, column service: expected one of backbone-fibre, household-fibre, mobile, satellite, or empty/);
    }
    // Counts that do not fit the region.
    expect(withStatus('date,region,stage,count,service\n2026-03-31,r,done,7,\n')).toThrow(/status\.csv:2:4: row 2, column count: expected at most the region's settlements \(6\), found 7/);
    expect(withStatus('date,region,stage,count,service\n2026-03-31,r,done,5,\n2026-03-31,r,done,2,satellite\n')).toThrow(/row 3, column count: expected at most its settlements not on backbone fibre \(6 - 5: counts put satellite among them; a village with both, such as a fallback.s terminal beside fibre, needs a status per settlement\), found 2/);
    expect(withStatus('date,region,stage,count,service\n2026-03-31,r,done,2,\n2026-03-31,r,done,3,household-fibre\n')).toThrow(/row 3, column count: expected at most its settlements on backbone fibre \(2: household fibre/);
    expect(withStatus('date,region,stage,count\n2026-03-31,r,work,3\n2026-03-31,r,approval,3\n')).toThrow(/row 3, column count: expected the stage rows of r to count at most its settlements still to connect \(6 - 1 on backbone fibre = 5: counts give each one job; a fallback.s jobs beside fibre need a status per settlement\), found 6 in all/);
  });

  it("of counts: refuse a row only a technology the scenario lacks could take (counts.yaml builds fibre alone: no replication has a mast or a terminal)", () => {
    const load = withStatus('date,region,stage,count,service\n2026-03-31,r,mast permit,3,\n2026-03-31,r,crew,1,satellite\n2026-03-31,r,crew,1,\n');
    expect(load).toThrow(/status\.csv:2:3: row 2, column stage: expected a row some job of the scenario can take: 'mast permit', a stage only mast jobs go through, and the scenario has no 'mast' section, so it has no mast jobs, found 3 at mast permit/);
    expect(load).toThrow(/status\.csv:3:5: row 3, column service: expected a row some job of the scenario can take: 'satellite', which satellite jobs build, and the scenario has no 'satellite' section/);
    // A crew row naming no service: fibre jobs can take it.
    expect(load).not.toThrow(/row 4/);
    expect(withStatus('date,region,stage,count,service\n2026-03-31,r,crew,1,\n')().input.status!.counts).toHaveLength(1);
  });

  it("of counts, under service rules too: refuse rows that count more of a technology's jobs than the region can have under way (the baseline, a month's status)", () => {
    // The baseline has service rules (masts, household fibre), so its regions' stage rows as a
    // whole may count more jobs than settlements left; but a fibre job is still a village's own.
    // Akmola: 582 settlements. A ministry that raises its stock to 340 on backbone fibre and
    // leaves 261 villages in design and approval counts 601 villages: 19 rows find no job.
    const baseline = join(__dirname, '..', '..', 'scenarios', 'kazakhstan-baseline.yaml');
    const load = (rows: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'rollout-status-bounds-'));
      writeFileSync(join(dir, 'status.csv'), `date,region,stage,count,days_in_stage,service\n${rows}`);
      writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${baseline}\nstatus: status.csv\n`);
      return () => loadScenario(join(dir, 's.yaml'));
    };
    expect(load('2026-09-30,akmola,done,340,,backbone-fibre\n2026-09-30,akmola,approval,27,20,backbone-fibre\n2026-09-30,akmola,design,234,72,\n2026-09-30,akmola,crew,500,5,\n')).toThrow(
      /status\.csv:4:4: row 4, column count: expected the stage rows of akmola for backbone-fibre \(rows naming it, or at a stage only fibre jobs go through\) to count at most its settlements not on backbone fibre \(582 - 340 = 242: a fibre job is a village's own\), found 261 in all/,
    );
    expect(load('2026-09-30,akmola,done,340,,backbone-fibre\n2026-09-30,akmola,approval,8,20,backbone-fibre\n2026-09-30,akmola,design,234,72,\n')).not.toThrow();
    // Masts serve villages without 4G (Akmola: 293 with it at the start), household networks villages without one (66 with it).
    expect(load('2026-09-30,akmola,site allocation,212,10,\n2026-09-30,akmola,mast permit,78,10,mobile\n')).toThrow(/row 3, column count: expected the stage rows of akmola for mobile .* at most its settlements without mobile coverage \(582 - 293 = 289: each mast serves at least one\), found 290 in all/);
    expect(load('2026-09-30,akmola,household design,517,10,\n')).toThrow(/row 2, column count: expected the stage rows of akmola for household-fibre .* at most its settlements without household fibre \(582 - 66 = 516: a network each\), found 517 in all/);
    // Rows any technology's jobs can take: at most the four bounds together.
    expect(load('2026-09-30,akmola,crew,1682,10,\n')).toThrow(/row 2, column count: expected the stage rows of akmola to count at most the jobs it can have under way \(fibre 323 \+ mast 289 \+ satellite 553 \+ household 516 = 1681\), found 1682 in all/);
    expect(load('2026-09-30,akmola,crew,1681,10,\n')).not.toThrow();
  });

  it("of counts: a backbone fibre count above the region's settlements is named once, not again as the bounds that subtract it", () => {
    const load = withStatus('date,region,stage,count,service\n2026-03-31,r,done,7,\n2026-03-31,r,done,1,satellite\n2026-03-31,r,approval,1,\n');
    expect(load).toThrow(/row 2, column count: expected at most the region's settlements \(6\), found 7/);
    expect(load).not.toThrow(/row 3|row 4/);
  });

  it("name a programme that is not the scenario's, or does not pay for the settlement's technology", () => {
    // counts.yaml has a fibre budget line (programme 'fibre'); 'satellite' pays for satellite only.
    const load = withStatus('date,id,region,population,technology,stage,programme\n2026-03-31,a,r,10,fibre,approval,operatr\n2026-03-31,b,r,10,fibre,approval,satellite\n2026-03-31,c,r,10,fibre,approval,fibre\n');
    expect(load).toThrow(/status\.csv:2:7: row 2, column programme: expected a financing programme of the scenario \(.*\) or empty, found 'operatr'/);
    expect(load).toThrow(/status\.csv:3:7: row 3, column programme: expected a programme that pays for fibre \(satellite pays for satellite\), found 'satellite'/);
    expect(load).not.toThrow(/row 4/);
  });

  it('refuse a target whose deadline is not after the status\'s date (the run would read it from futures that begin after it)', () => {
    // counts.yaml's target is due 2026-12-31: a status of that date, or later, cannot answer it.
    for (const date of ['2026-12-31', '2027-02-28']) {
      expect(withStatus(`date,region,stage,count\n${date},r,work,1\n`)).toThrow(new RegExp(`counts\\.yaml:\\d+:\\d+: targets\\[0\\]\\.deadline: expected a deadline after the status's date \\(${date}, .*status\\.csv\\).*found '2026-12-31' \\(target all\\)`));
    }
    expect(withStatus('date,region,stage,count\n2026-12-30,r,work,1\n')).not.toThrow();
  });

  it("refuse a status the scenario cannot start from: dated before the day before its start (a year typed wrong), or not before its horizon, named at the scenario's status", () => {
    // counts.yaml runs from 2026-01-01 to 2026-12-31. A status of 2025-06-30 ran from 1 July 2025
    // without a word, its crews, contracts and money those of six months later.
    expect(withStatus('date,region,stage,count\n2025-06-30,r,work,1\n')).toThrow(/s\.yaml:3:9: status: expected a status dated on or after 2025-12-31, the day before the scenario's start \(2026-01-01\): .*give the file that names the status a `start` of that day and the crews at work then, found '2025-06-30' \(.*status\.csv\)/);
    expect(withStatus('date,region,stage,count\n2025-12-31,r,work,1\n')).not.toThrow();
    expect(statusOf('status/counts.yaml', 'date,region,stage,count\n2025-06-30,r,work,1\n', 'start: 2025-07-01\n')).not.toThrow();
    // On or after the horizon nothing is left to run: said first (the targets it puts past follow).
    for (const date of ['2026-12-31', '2027-02-28']) {
      expect(withStatus(`date,region,stage,count\n${date},r,work,1\n`)).toThrow(new RegExp(`s\\.yaml:3:9: status: expected a status dated before the scenario's horizon \\(2026-12-31\\): a run from a status starts the day after it, found '${date}' \\(.*status\\.csv\\)`));
    }
  });

  it("a motorway mast's row: its motorway, its number along it, the motorway's region, a mast, no settlement's cells; every mistake named", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-status-motorway-'));
    const head = 'date,id,region,population,backbone_km,technology,stage,services,motorway\n2026-03-31,a,r,100,10,fibre,done,backbone-fibre,\n';
    const load = (rows: string) => {
      writeFileSync(join(dir, 'status.csv'), head + rows);
      writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${join(__dirname, '..', 'fixtures', 'status', 'motorway.yaml')}\nstatus: status.csv\n`);
      return () => loadScenario(join(dir, 's.yaml'));
    };
    const { input } = load('2026-03-31,2,r,,,mast,crew,,m1\n2026-03-31,3,r,,,mast,done,,m1\n')();
    expect(input.status!.motorways).toEqual([
      { motorway: 'm1', mast: 1, progress: expect.objectContaining({ stage: 'crew' }) },
      { motorway: 'm1', mast: 2, progress: expect.objectContaining({ stage: 'done' }) },
    ]);
    expect(input.settlements!.map((x) => x.id)).toEqual(['a']); // a mast's row is not a settlement
    const bad = load([
      '2026-03-31,1,r,,,mast,crew,,m2', // no such motorway
      '2026-03-31,4,r,,,mast,crew,,m1', // m1 has 3 masts
      '2026-03-31,1,r,,,fibre,design,,m1', // not a mast
      '2026-03-31,2,r,50,,mast,crew,mobile,m1', // a settlement's cells
      '2026-03-31,3,r,,,mast,crew,,m1',
      '2026-03-31,3,r,,,mast,work,,m1', // mast 3 again
    ].join('\n') + '\n');
    expect(bad).toThrow(/status\.csv:3:9: row 3, column motorway: expected a motorway id of the scenario \(did you mean 'm1'\?\), or empty on a settlement's row, found 'm2'/);
    expect(bad).toThrow(/row 4, column id: expected the mast's number along motorway m1 \(1 to 3\), found '4'/);
    expect(bad).toThrow(/row 5, column technology: expected mast \(a motorway's masts\), found 'fibre'/);
    expect(bad).toThrow(/row 6, column population: expected an empty cell on a motorway mast's row \(it serves no settlement\), found '50'/);
    expect(bad).toThrow(/row 6, column services: expected an empty cell on a motorway mast's row/);
    expect(bad).toThrow(/row 8, column id: expected one row per mast of motorway m1, found mast 3 again \(first on row 7\)/);
    // A motorway's masts are no fallback's jobs, whatever rules the scenario has.
    expect(load('2026-03-31,2,r,,,mast,fallback lead,,m1\n')).toThrow(/row 3, column stage: expected a stage of mast \(site allocation, .*\), 'not started' or 'done', found 'fallback lead'/);
  });

  it("of counts: a motorway's rows count its masts, each problem named", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-status-motorway-counts-'));
    const load = (rows: string) => {
      writeFileSync(join(dir, 'status.csv'), 'date,region,stage,count,days_in_stage,service,motorway\n2026-03-31,r,done,1,,,\n' + rows);
      writeFileSync(join(dir, 's.yaml'), `name: s\nextends: ${join(__dirname, '..', 'fixtures', 'status', 'motorway.yaml')}\nstatus: status.csv\n`);
      return () => loadScenario(join(dir, 's.yaml'));
    };
    // The 'done' row's masts come first along the road, whatever the order of the rows.
    const { input } = load('2026-03-31,r,crew,1,4,,m1\n2026-03-31,r,done,2,,,m1\n')();
    expect(input.status!.motorways!.map((x) => [x.mast, x.progress.stage, x.progress.daysInStage])).toEqual([[0, 'done', 0], [1, 'done', 0], [2, 'crew', 4]]);
    const bad = load([
      '2026-03-31,r,done,2,,,m1',
      '2026-03-31,r,work,2,,,m1', // 2 + 2 > 3 masts
      '2026-03-31,r,design,1,,,m1', // not a mast's stage
      '2026-03-31,r,crew,1,,mobile,m1', // a service
      '2026-03-31,r,crew,1,,,m9', // no such road
      '2026-03-31,r,done,1,,,m1', // done again
    ].join('\n') + '\n');
    expect(bad).toThrow(/row 4, column count: expected at most 1 \(motorway m1 has 3 masts, 2 counted on its rows before\), found 2/);
    expect(bad).toThrow(/row 5, column stage: expected 'done' or a stage of a mast \(site allocation, mast permit, budget, crew, work, power and backhaul, unfunded\), found 'design'/);
    expect(bad).toThrow(/row 6, column service: expected an empty cell on a motorway's row/);
    expect(bad).toThrow(/row 7, column motorway: expected a motorway id of the scenario \(did you mean 'm1'\?\), or empty on a row of settlements, found 'm9'/);
    expect(bad).toThrow(/row 8, column stage: expected one 'done' row per motorway, found m1 again \(first on row 3\)/);
  });

  it("take 'cancelled' only on a further row of a settlement, fibre, connecting nobody; never on a first row, a motorway mast's or in counts", () => {
    // test/fixtures/mechanisms/fallback.yaml: a rule to satellite of 30 June that cancels fibre.
    const head = 'date,id,region,population,technology,stage,money_committed,committed_on,connected_on,fallback\n2026-07-20,a,only,100,satellite,procurement,0,,,2026-06-30\n';
    const { input } = statusOf('mechanisms/fallback.yaml', head + '2026-07-20,a,only,100,fibre,cancelled,10,2026-01-05,,\n', 'regions: [{ id: only, settlements: 1 }]\n')();
    expect(input.status!.jobs).toEqual([{ settlement: 0, technology: 'fibre', progress: expect.objectContaining({ stage: 'cancelled', moneyCommitted: 10, committedOn: '2026-01-05' }) }]);
    expect(input.settlements!.map((x) => [x.id, x.technology, x.connected])).toEqual([['a', 'satellite', false]]);
    for (const [rows, expected] of [
      ['2026-07-20,b,only,100,fibre,cancelled,10,2026-01-05,,\n', /status\.csv:3:6: row 3, column stage: expected a stage, 'not started' or 'done' on a settlement's first row \('cancelled', a job a fallback rule cancelled with the money it had committed, is only a further row of a settlement/],
      ['2026-07-20,a,only,100,mast,cancelled,10,2026-01-05,,\n', /status\.csv:3:5: row 3, column technology: expected fibre on a 'cancelled' row \(a fallback rule cancels only fibre jobs\), found 'mast'/],
      ['2026-07-20,a,only,100,fibre,cancelled,10,2026-01-05,2026-07-01,\n', /status\.csv:3:9: row 3, column connected_on: expected an empty cell on a 'cancelled' row \(a cancelled job connects nobody\), found '2026-07-01'/],
    ] as const) expect(statusOf('mechanisms/fallback.yaml', head + rows), rows).toThrow(expected);
    expect(withStatus('date,region,stage,count\n2026-03-31,r,cancelled,1\n')).toThrow(/status\.csv:2:3: row 2, column stage: expected a stage or 'done' \(a status of counts cannot carry a job a fallback rule cancelled/);
    expect(statusOf('status/motorway.yaml', 'date,id,region,population,technology,stage,money_committed,motorway\n2026-03-31,a,r,100,fibre,work,0,\n2026-03-31,1,r,,mast,cancelled,5,m1\n'))
      .toThrow(/status\.csv:3:6: row 3, column stage: expected a stage of a mast or 'done' \(a motorway's masts are no fallback's: none is 'cancelled'\)/);
  });

  it("refuse a connected_on or committed_on after the status's date (what it says happened, happened by then)", () => {
    const head = 'date,id,region,population,technology,stage,money_committed,committed_on,connected_on\n';
    expect(withStatus(head + '2026-05-31,a,r,10,fibre,done,0,,2030-01-01\n2026-05-31,b,r,10,fibre,crew,5,2026-06-01,\n'))
      .toThrow(/status\.csv:2:9: row 2, column connected_on: expected a date on or before the status's date \(2026-05-31\): it was connected by the end of it, found '2030-01-01'[^]*status\.csv:3:8: row 3, column committed_on: expected a date on or before the status's date \(2026-05-31\): the money was committed by the end of it, found '2026-06-01'/);
    // On the status's date itself: as --state-at writes a settlement connected that day.
    expect(withStatus(head + '2026-05-31,a,r,10,fibre,done,0,,2026-05-31\n2026-05-31,b,r,10,fibre,crew,5,2026-05-31,\n', 'regions: [{ id: r, settlements: 2 }]\n')).not.toThrow();
  });

  it("refuse a further row whose region or population is not its settlement's first row's", () => {
    // A further row of 'a' (a 4G mast it has, with the money it committed) in another region, or with another population.
    const file = 'date,id,region,population,technology,stage,money_committed,fallback\n2026-07-20,a,only,100,satellite,procurement,0,2026-06-30\n';
    const other = 'regions: [{ id: other, name: Other, settlements: 1, connected: 0, crews: { fibre: 1 } }]\n';
    expect(statusOf('mechanisms/fallback.yaml', file + '2026-07-20,a,other,100,mast,done,10,\n', other))
      .toThrow(/status\.csv:3:3: row 3, column region: expected 'only', as on row 2, the first row of 'a' \(a further row is another job of the same settlement\), found 'other'/);
    expect(statusOf('mechanisms/fallback.yaml', file + '2026-07-20,a,only,120,mast,done,10,\n'))
      .toThrow(/status\.csv:3:4: row 3, column population: expected 100, as on row 2, the first row of 'a' \(a further row is another job of the same settlement\), found '120'/);
  });

  it("refuse a per-settlement status that lists another number of a region's settlements than the scenario gives it (a file cut short shrank the region)", () => {
    // Region r of the fixture has 6 settlements; the list names 2 of them.
    const cut = withStatus('date,id,region,population,backbone_km,technology,stage\n2026-05-31,a,r,10,3,fibre,done\n2026-05-31,b,r,20,4,fibre,approval\n');
    expect(cut).toThrow(ScenarioError);
    expect(cut).toThrow(/status\.csv: region r: expected a row for each of the 6 settlements the scenario gives region r \(regions\[0\]\.settlements in [^)]*counts\.yaml:\d+\): a status per settlement lists every settlement[^]*give the region the list's count in the file that names the status \(regions: \[\{ id: r, settlements: 2 \}\]\), found 2 settlement rows/);
    // Further rows (another job of a listed settlement) are no settlements of their own.
    const further = 'date,id,region,population,technology,stage\n2026-05-31,a,r,10,fibre,done\n2026-05-31,a,r,10,household,household design\n';
    expect(withStatus(further, 'regions: [{ id: r, settlements: 1 }]\n')).not.toThrow();
    expect(withStatus(further, 'regions: [{ id: r, settlements: 2 }]\n')).toThrow(/region r: expected a row for each of the 2 settlements [^]*found 1 settlement row$/);
  });

  it("refuse km laid beyond the fibre line's length where the scenario bounds it (its backbone_km, times the distance factor's upper end)", () => {
    const head = 'date,id,region,population,backbone_km,technology,stage,km_laid\n';
    const one = 'regions: [{ id: r, settlements: 1 }]\n';
    // No distance factor: the line is its backbone_km, 6.23 km.
    expect(withStatus(head + '2026-05-31,a,r,10,6.23,fibre,work,99\n', one))
      .toThrow(/status\.csv:2:8: row 2, column km_laid: expected at most the length of the fibre line, 6\.23 km \(its backbone_km: the scenario has no distance factor, so the line is that long\), found '99'/);
    expect(withStatus(head + '2026-05-31,a,r,10,6.23,fibre,done,6.23\n', one)).not.toThrow();
    expect(withStatus(head + '2026-05-31,a,r,10,6.23,fibre,work,6.2300001\n', one)).not.toThrow(); // the 6 decimals --state-at writes
    // A bounded factor (test/fixtures/mechanisms/distance-factor.yaml: national 0.5 × regional 1 or 3): at most 1.5 times.
    const factor = 'regions: [{ id: north, settlements: 1 }, { id: south, settlements: 0 }]\n';
    expect(statusOf('mechanisms/distance-factor.yaml', head + '2026-05-31,a,north,10,10,fibre,work,15\n', factor)).not.toThrow();
    expect(statusOf('mechanisms/distance-factor.yaml', head + '2026-05-31,a,north,10,10,fibre,work,15.1\n', factor))
      .toThrow(/row 2, column km_laid: expected at most the length of the fibre line, 15 km \(its backbone_km 10 times 1\.5, the upper end of the scenario's distance factor\), found '15\.1'/);
    // Unbounded (lognormal), or no backbone_km (drawn in each replication): no bound before the draw; the line is made at least what was laid.
    expect(withStatus(head + '2026-05-31,a,r,10,6.23,fibre,work,99\n', one + 'factors: { distance: { dist: lognormal, median: 1, sigma: 0.2 } }\n')).not.toThrow();
    expect(withStatus(head + '2026-05-31,a,r,10,,fibre,work,99\n', one)).not.toThrow();
  });

  it('a per-settlement status lists the settlements; the run starts the day after its date', () => {
    const { input } = withStatus('date,id,region,population,backbone_km,technology,stage\n2026-05-31,a,r,10,3,fibre,done\n2026-05-31,b,r,20,4,fibre,approval\n', 'regions: [{ id: r, settlements: 2 }]\n')();
    expect(input.start).toBe('2026-06-01');
    expect(input.settlements!.map((s) => [s.id, s.connected])).toEqual([['a', true], ['b', false]]);
    expect(input.status!.settlements![1]).toMatchObject({ stage: 'approval', daysInStage: 0, phase: 'queued', attempts: 0, moneyCommitted: 0 });
  });
});
