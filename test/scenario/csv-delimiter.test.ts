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
    const known = ['id', 'region', 'population', 'date', 'metric', 'value'];
    const p = otherDelimiter({ line: 3, fields: ['date;region;metric;value'] }, 'seen.csv', known)!;
    expect(p).toMatchObject({ file: 'seen.csv', line: 3, found: "fields separated by semicolons: 'date;region;metric;value'" });
    expect(otherDelimiter({ line: 1, fields: ['id\tregion\tpopulation'] }, 's.csv', known)!.found).toBe('fields separated by tabs');
    expect(otherDelimiter({ line: 1, fields: ['date', 'region'] }, 'ok.csv', known), 'a comma-separated header').toBeUndefined();
    expect(otherDelimiter({ line: 1, fields: ['date'] }, 'one.csv', known), 'one column, no other separator').toBeUndefined();
    // Not one of the project's CSVs (a wrong path): not quoted here, the reader says what it is not.
    expect(otherDelimiter({ line: 1, fields: ['secret;token;abc123'] }, 'x.csv', known)).toBeUndefined();
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

  it('a file with semicolons that names none of the columns is not quoted: the settlements reader says what it is not', () => {
    const dir = tempFiles({ 'secret.csv': 'user;password;token\nroot;hunter2;x\n' });
    const r = readSettlements(join(dir, 'secret.csv'), 'secret.csv', ['n']);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.found)).toEqual(['a file whose first line names none of them (not a settlements list?)']);
      expect(JSON.stringify(r.problems)).not.toContain('password');
    }
  });
});
