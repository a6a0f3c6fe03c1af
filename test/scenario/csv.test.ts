import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/scenario/csv.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/index.js';
import { fixture, scenarioError, shipped, tempFiles } from './helpers.js';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and newlines inside quotes, keeping line numbers', () => {
    const r = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",2\n 3 , 4 \n');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, y', 'say "hi"'] },
        { line: 4, fields: ['multi\nline', '2'] },
        { line: 6, fields: ['3', '4'] },
      ],
    });
  });

  it('reports an unclosed quote and text after a closing quote', () => {
    expect(parseCsv('a\n"open\n')).toMatchObject({ ok: false, line: 2, message: 'a quoted field that is never closed' });
    expect(parseCsv('a,b\n"x"y,1\n')).toMatchObject({ ok: false, line: 2, column: 1, message: 'text after a closing quote' });
  });
});

describe('settlementsFile', () => {
  const { input } = loadScenario(fixture('scenarios/listed-settlements.yaml'));

  it('becomes input.settlements, with optional columns only where given', () => {
    expect(input.settlements).toHaveLength(7);
    expect(input.settlements![0]).toEqual({ id: 'w-1', region: 'west', population: 900, connected: true, planOrder: 1 });
    expect(input.settlements![1]).toEqual({ id: 'w-2', region: 'west', population: 500, connected: false, backboneKm: 12, approvalDays: 10, planOrder: 2 });
    expect(input.settlements![5]).toMatchObject({ id: 'e-2', technology: 'satellite' });
  });

  it('sets the region counts from the list', () => {
    expect(input.regions.map((r) => [r.id, r.settlements, r.connected])).toEqual([['west', 4, 1], ['east', 3, 0]]);
  });

  it('may leave out settlementDefaults when every unconnected row has a distance', () => {
    expect(input.settlementDefaults).toEqual({ population: { dist: 'fixed', value: 0 }, backboneKm: { dist: 'fixed', value: 0 } });
  });

  /** The fixture's scenario with `settlementsFile` pointing at `path` (written into a fresh folder when `text` is given). */
  const withList = (path: string, text?: string) => {
    const dir = tempFiles({ ...(text !== undefined ? { [path]: text } : {}), 's.yaml': `name: s\nextends: ${fixture('scenarios/listed-settlements.yaml')}\nsettlementsFile: ${path}\n` });
    return () => loadScenario(join(dir, 's.yaml'));
  };
  const list = readFileSync(fixture('scenarios/listed-settlements.csv'), 'utf8');

  it('takes whole-line # comments and blank lines, as the status and observations files do, and still names lines as in the file', () => {
    const commented = `# my villages\n\n  # from the akimat's sheet, March\n${list}`;
    expect(withList('v.csv', commented)().input.settlements).toEqual(input.settlements);
    const bad = commented.replace(/^(w-2,west,)500,/m, '$1many,');
    expect(bad).not.toBe(commented);
    const line = bad.split('\n').findIndex((l) => l.includes('many')) + 1;
    expect(withList('v.csv', bad)).toThrow(new RegExp(`v\\.csv:${line}:\\d+: row ${line}, column population: expected a whole number`));
  });

  it("names another of the project's CSVs given as the list, and where it goes, in one problem", () => {
    const observed = scenarioError(withList(shipped('kazakhstan-observed.csv')));
    expect(observed.problems).toHaveLength(1);
    expect(observed.problems[0].found).toMatch(/^an observations CSV \(date,region,metric,value\), not a settlements list: give it to a run: 'rollout run SCENARIO --observed FILE'/);
    const status = scenarioError(withList('status.csv', '# end of March\ndate,region,stage,count\n2026-03-31,west,design,1\n'));
    expect(status.problems).toHaveLength(1);
    expect(status.problems[0].found).toMatch(/^a status CSV .*, not a settlements list: name it in a scenario's 'status:' field/);
    const other = scenarioError(withList('other.csv', '# keys\nuser,password\nroot,hunter2\n'));
    expect(other.problems).toHaveLength(1);
    expect(other.problems[0].found.startsWith('a file whose first line names none of them (not a settlements list?)')).toBe(true);
    expect(other.message).not.toContain('hunter2');
  });

  it('names row and column for a bad cell', () => {
    expect(() => loadScenario(fixture('bad-scenarios/csv-bad-number.yaml'))).toThrow(/csv-bad-number\.csv:3:3: row 3, column population: expected a whole number >= 0 written in decimal digits, found 'abc'/);
  });
});
