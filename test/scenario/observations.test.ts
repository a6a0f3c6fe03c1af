import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadObservations, loadScenario, ScenarioError, formatProblems } from '../../src/scenario/index.js';
import type { ObservationInput } from '../../src/model/index.js';

const baseline = loadScenario('scenarios/kazakhstan-baseline.yaml').input;
const dir = mkdtempSync(join(tmpdir(), 'rollout-obs-'));
let n = 0;
/** Writes `text` to a fresh file and loads it against the baseline. */
const load = (text: string) => {
  const file = join(dir, `o${n++}.csv`);
  writeFileSync(file, text);
  return loadObservations(file, baseline, 'obs.csv');
};
/** The error lines for `text`. */
const errors = (text: string): string[] => {
  try {
    load(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return formatProblems((e as ScenarioError).problems).split('\n');
  }
  throw new Error('expected a ScenarioError');
};
const HEAD = 'date,region,metric,value\n';

describe('observations file', () => {
  it('reads the shipped example against the baseline', () => {
    const obs = loadObservations('scenarios/kazakhstan-observed.csv', baseline);
    expect(obs.map((o) => [o.date, o.region, o.metric, o.value, o.sd])).toEqual([
      ['2025-10-21', undefined, 'fibre-count', 2606, undefined],
      ['2025-12-31', undefined, 'fibre-count', 2606, undefined],
    ]);
    expect(obs[0].origin).toMatch(/kazakhstan-observed\.csv:\d+$/);
  });

  it('reads regions, shares, sd, comments, any column order and case, and people\'s columns', () => {
    const obs = load('# a comment\nValue,METRIC,date,region,sd,notes\n\n0.5,fibre-share,2026-06-30,akmola,0.02,"from the akimat, June"\n# another\n3400,fibre-count,2026-06-30,,,\n');
    expect(obs).toEqual([
      { date: '2026-06-30', region: 'akmola', metric: 'fibre-share', value: 0.5, sd: 0.02, origin: 'obs.csv:4' },
      { date: '2026-06-30', metric: 'fibre-count', value: 3400, origin: 'obs.csv:6' },
    ]);
  });

  it('names the file, the line, the column, what was expected and what was found', () => {
    const lines = errors(`${HEAD}2025-10-20,,fibre-count,2606\n2026-02-30,,fibre-count,1\n2029-01-01,,fibre-count,1\n2026-06-30,akmol,fibre-count,1\n2026-06-30,,fibre-cont,1\n`);
    expect(lines).toEqual([
      "obs.csv:2:1: row 2, column date: expected a date from the scenario's start (2025-10-21) to its horizon (2028-12-31), found '2025-10-20'",
      "obs.csv:3:1: row 3, column date: expected a real calendar date YYYY-MM-DD, found '2026-02-30'",
      "obs.csv:4:1: row 4, column date: expected a date from the scenario's start (2025-10-21) to its horizon (2028-12-31), found '2029-01-01'",
      "obs.csv:5:2: row 5, column region: expected a region id of the scenario, or empty for the whole country (did you mean 'akmola'?), found 'akmol'",
      "obs.csv:6:3: row 6, column metric: expected a metric (did you mean 'fibre-count'?), found 'fibre-cont'",
    ]);
  });

  it('accepts plain decimal numbers only, and values that make sense for the metric', () => {
    const lines = errors(`${HEAD}2026-06-30,,fibre-count,1e3\n2026-06-30,,coverage-count,-5\n2026-06-30,,satellite-count,0x10\n2026-06-30,,fibre-share,1.2\n2026-06-30,,mast-count,2.5\n2026-06-30,akmola,coverage-count,9999\n2026-06-30,,fibre-count,\n`);
    expect(lines.map((l) => l.replace(/: expected .*, found/, ': … found'))).toEqual([
      "obs.csv:2:4: row 2, column value: … found '1e3'",
      "obs.csv:3:4: row 3, column value: … found '-5'",
      "obs.csv:4:4: row 4, column value: … found '0x10'",
      "obs.csv:5:4: row 5, column value: … found '1.2'",
      "obs.csv:6:4: row 6, column value: … found '2.5'",
      "obs.csv:7:4: row 7, column value: … found '9999'",
      'obs.csv:8:4: row 8, column value: … found an empty cell',
    ]);
    expect(lines[0]).toContain('a plain decimal number >= 0');
    expect(lines[3]).toContain('a share from 0 to 1');
    expect(lines[4]).toContain('a whole number of settlements');
    expect(lines[5]).toMatch(/at most \d+ \(the settlements in akmola\)/);
  });

  it('refuses a share of a region with no settlements (0 of 0 says nothing)', () => {
    const empty = { ...baseline, regions: [...baseline.regions, { ...baseline.regions[0], id: 'empty', name: 'Empty', settlements: 0, connected: 0 }] };
    const file = join(dir, `o${n++}.csv`);
    writeFileSync(file, `${HEAD}2026-06-30,empty,fibre-share,0\n2026-06-30,empty,fibre-count,0\n`);
    expect(() => loadObservations(file, empty, 'obs.csv')).toThrow(/obs\.csv:2:2: row 2, column region: expected a region with settlements \(empty has none: a share of it is 0 of 0, and says nothing\), found 'empty'/);
    expect(() => loadObservations(file, empty, 'obs.csv')).not.toThrow(/row 3/); // a count of 0 is a count
  });

  it('reads fibre-km as a length: any km >= 0, not bounded by the settlements', () => {
    const obs = load(`${HEAD}2026-06-30,,fibre-km,20000\n2026-06-30,akmola,fibre-km,812.5\n`);
    expect(obs.map((o) => [o.region, o.metric, o.value])).toEqual([[undefined, 'fibre-km', 20000], ['akmola', 'fibre-km', 812.5]]);
    expect(errors(`${HEAD}2026-06-30,,fibre-km,-3\n`)[0]).toContain("column value: expected a plain decimal number >= 0");
  });

  it('checks sd, repeats, field counts and the header', () => {
    expect(errors('date,region,metric,value,sd\n2026-06-30,,fibre-count,10,0\n2026-06-30,,fibre-count,10,abc\n')).toEqual([
      "obs.csv:2:5: row 2, column sd: expected a plain decimal number > 0 (the observation error in the value's unit), or empty for the default, found '0'",
      "obs.csv:3:5: row 3, column sd: expected a plain decimal number > 0 (the observation error in the value's unit), or empty for the default, found 'abc'",
    ]);
    expect(errors(`${HEAD}2026-06-30,,fibre-count,10\n2026-06-30,,fibre-count,11\n2026-06-30,,fibre-count\n`)).toEqual([
      'obs.csv:3: row 3: expected each date, region and metric once, found fibre-count on 2026-06-30 again (first on row 2)',
      'obs.csv:4: row 4: expected 4 fields, as in the header, found 3',
    ]);
    expect(errors('date,region,metrc,value\n2026-06-30,,fibre-count,10\n')).toContain("obs.csv:1:3: row 1, column 3: expected a known column (did you mean 'metric'?), found 'metrc'");
    expect(errors(HEAD)).toEqual(['obs.csv:1: expected at least one observation row, found only the header']);
    expect(errors('# only a comment\n')).toEqual(['obs.csv: expected a header row date,region,metric,value, found only comments']);
    expect(errors('')).toEqual(['obs.csv: expected an observations CSV file (date,region,metric,value), found an empty file']);
    expect(errors(`${HEAD}2026-06-30,,motorway-share,0.5\n`)[0]).toContain('motorway-share needs motorways');
  });

  it('says when the file is missing', () => {
    expect(() => loadObservations(join(dir, 'nope.csv'), baseline, 'nope.csv')).toThrow(/nope\.csv: expected an observations CSV file .* at this path, found no such file/);
  });

  it('in a run from a status, sets aside the rows dated before its start (the status holds them) when asked, and refuses them otherwise', () => {
    const fromStatus = loadScenario('test/fixtures/status/counts.yaml').input; // status of 2026-03-31: the run starts on 2026-04-01
    const file = join(dir, `o${n++}.csv`);
    writeFileSync(file, `# kept month after month\n${HEAD}2026-03-31,,fibre-count,1\n2026-01-15,r,fibre-share,0.2\n2026-04-01,,fibre-count,2\n`);
    const setAside: ObservationInput[] = [];
    const kept = loadObservations(file, fromStatus, 'obs.csv', setAside);
    expect(kept.map((o) => o.date)).toEqual(['2026-04-01']);
    expect(setAside.map((o) => [o.date, o.origin])).toEqual([['2026-03-31', 'obs.csv:3'], ['2026-01-15', 'obs.csv:4']]);
    expect(() => loadObservations(file, fromStatus, 'obs.csv')).toThrow(/obs\.csv:3:1: row 3, column date: expected a date from the run's start \(2026-04-01, the day after its status's date\) to its horizon \(2026-12-31\), found '2026-03-31'/);
    // Set aside or not, each row is checked.
    writeFileSync(file, `${HEAD}2026-03-31,nowhere,fibre-count,1\n`);
    expect(() => loadObservations(file, fromStatus, 'obs.csv', [])).toThrow(/column region: expected a region id of the scenario/);
    // A run without a status keeps refusing dates before its start.
    expect(() => loadObservations('scenarios/kazakhstan-observed.csv', { ...baseline, start: '2026-01-01' }, 'obs.csv', [])).toThrow(/expected a date from the scenario's start \(2026-01-01\)/);
  });
});
