import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { otherDelimiter } from '../../src/scenario/csv-delimiter.js';
import { formatProblems, loadObservations, loadScenario, ScenarioError } from '../../src/scenario/index.js';
import { readSettlements } from '../../src/scenario/settlements.js';
import { readStatus } from '../../src/scenario/status.js';
import { tempFiles } from './helpers.js';

/** A spreadsheet in Russian or Kazakh saves "CSV" with semicolons (its decimal separator is the comma). */
const semicolons = (csv: string) => csv.replace(/,/g, ';');
const SAYS = /expected fields separated by commas, with points in numbers \(in a spreadsheet: save as "CSV UTF-8 \(Comma delimited\)"/;

describe('a CSV separated by semicolons or tabs', () => {
  it('is one problem that names the separator and how to save the file', () => {
    const p = otherDelimiter({ line: 3, fields: ['date;region;metric;value'] }, 'seen.csv')!;
    expect(p).toMatchObject({ file: 'seen.csv', line: 3, found: "fields separated by semicolons: 'date;region;metric;value'" });
    expect(otherDelimiter({ line: 1, fields: ['id\tregion\tpopulation'] }, 's.csv')!.found).toBe('fields separated by tabs');
    expect(otherDelimiter({ line: 1, fields: ['date', 'region'] }, 'ok.csv'), 'a comma-separated header').toBeUndefined();
    expect(otherDelimiter({ line: 1, fields: ['date'] }, 'one.csv'), 'one column, no other separator').toBeUndefined();
  });

  it('observations: said once, instead of four missing columns and an unknown one', () => {
    const dir = tempFiles({ 'seen.csv': semicolons('date,region,metric,value\n2025-12-31,,fibre-count,2606\n') });
    const baseline = loadScenario('scenarios/kazakhstan-baseline.yaml').input;
    let problems: string[] = [];
    try { loadObservations(join(dir, 'seen.csv'), baseline, 'seen.csv'); } catch (e) { problems = formatProblems((e as ScenarioError).problems).split('\n').filter(Boolean); }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(SAYS);
  });

  it('a settlements list and a status: the same problem, not "names none of the columns"', () => {
    const dir = tempFiles({
      's.csv': semicolons('id,region,population,connected\na,n,100,false\n'),
      'c.csv': 'region\tstage\tcount\nn\tcrew\t3\n',
    });
    const settlements = readSettlements(join(dir, 's.csv'), 's.csv', ['n']);
    expect(settlements.ok).toBe(false);
    if (!settlements.ok) expect(settlements.problems.map((p) => p.expected + ' / ' + p.found)).toEqual([expect.stringMatching(/^fields separated by commas.* \/ fields separated by semicolons: 'id;region;population;connected'$/)]);
    const status = readStatus(join(dir, 'c.csv'), 'c.csv', ['n']);
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.problems.map((p) => p.found)).toEqual(['fields separated by tabs']);
  });
});
