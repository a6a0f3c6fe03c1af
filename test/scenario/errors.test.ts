import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, loadScenario, ScenarioError } from '../../src/scenario/index.js';
import { fixture, scenarioError, shipped, tempFiles } from './helpers.js';

describe('ScenarioError', () => {
  it('reports an unknown key with a did-you-mean and its line', () => {
    const err = scenarioError(() => loadScenario(fixture('bad-scenarios/unknown-key.yaml')));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ path: 'regoins', line: 4, column: 1, found: "unknown key 'regoins'" });
    expect(err.problems[0].expected).toContain("did you mean 'regions'?");
  });

  it('reports a wrong value with path, line, column, expected and found', () => {
    const err = scenarioError(() => loadScenario(fixture('bad-scenarios/wrong-type.yaml')));
    expect(err.problems).toEqual([{
      file: fixture('bad-scenarios/wrong-type.yaml'), path: 'regions[0].crews.fibre', line: 6, column: 14,
      expected: 'a whole number from 0 to 100,000', found: '-2',
    }]);
    expect(err.message).toBe(`${fixture('bad-scenarios/wrong-type.yaml')}:6:14: regions[0].crews.fibre: expected a whole number from 0 to 100,000, found -2`);
  });

  it('reports every problem of a file at once, in line order, one paragraph each', () => {
    const dir = tempFiles({
      'many.yaml': [
        'name: many', 'start: 2026-01-01', 'horizon: 2026-12-31', 'targets: []',
        'regions:', '  - { id: a, name: A, settlements: 1, connected: 0, crews: { fibre: 1.5 } }',
        'settlementDefaults: { population: 1, backboneKm: 1 }', 'fibre: { kmPerDay: one }', 'ordering: biggest-first', '',
      ].join('\n'),
    });
    const err = scenarioError(() => loadScenario(join(dir, 'many.yaml')));
    expect(err.problems.map((p) => [p.path, p.line])).toEqual([['regions[0].crews.fibre', 6], ['fibre.kmPerDay', 8], ['ordering', 9]]);
    expect(err.message.split('\n')).toHaveLength(3);
    expect(err.message).toBe(formatProblems(err.problems));
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ScenarioError');
  });

  it('explains a distribution given as text rather than listing every alternative', () => {
    const dir = tempFiles({ 's.yaml': 'name: s\nextends: ' + fixture('scenarios/unlimited-all-year.yaml') + '\nfibre:\n  design: ten days\n' });
    const err = scenarioError(() => loadScenario(join(dir, 's.yaml')));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ path: 'fibre.design', line: 4, found: "'ten days'" });
    expect(err.problems[0].expected).toMatch(/^a number or a distribution/);
  });

  it('names every plain form a field takes when a value fits none of them (true, false or a date)', () => {
    const dir = tempFiles({ 's.yaml': 'name: s\nextends: ' + fixture('scenarios/unlimited-all-year.yaml') + '\nmast:\n  preAllocatedSites: yes please\n' });
    const err = scenarioError(() => loadScenario(join(dir, 's.yaml')));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ path: 'mast.preAllocatedSites', line: 4, expected: 'true or false, or a date YYYY-MM-DD', found: "'yes please'" });
  });

  it('says what kind of value a missing section is (a list, a mapping), not just "a valid value"', () => {
    const dir = tempFiles({ 'r.yaml': 'name: r\nstart: 2025-10-21\nhorizon: 2030-12-31\ntargets: []\nsettlementDefaults: { population: 1, backboneKm: 1 }\n' });
    const err = scenarioError(() => loadScenario(join(dir, 'r.yaml')));
    expect(err.problems.map((p) => p.path)).toEqual(['regions', 'fibre']);
    expect(err.problems[0].expected).toMatch(/^a value for 'regions' \(a list of at least one item, each a mapping with keys among id, name, /);
    expect(err.problems[1].expected).toMatch(/^a value for 'fibre' \(a mapping with keys among .*kmPerDay/);
    expect(err.message).not.toContain('a valid value');
  });

  it('picks the {buried, aerial} form of a per-method field when that is what was written', () => {
    const dir = tempFiles({ 's.yaml': 'name: s\nextends: ' + fixture('scenarios/unlimited-all-year.yaml') + '\nfibre:\n  kmPerDay: { buried: 3, aeriel: 2 }\n' });
    const err = scenarioError(() => loadScenario(join(dir, 's.yaml')));
    expect(err.problems.map((p) => p.path).sort()).toEqual(['fibre.kmPerDay.aerial', 'fibre.kmPerDay.aeriel']);
    expect(err.message).toContain("did you mean 'aerial'?");
  });

  it('turns an empty file, a binary file and a missing file into ScenarioErrors', () => {
    const dir = tempFiles({ 'empty.yaml': '', 'blank.yaml': '  \n\n', 'bin.yaml': Buffer.from([0x6e, 0, 1, 2, 0xff]) });
    expect(scenarioError(() => loadScenario(join(dir, 'empty.yaml'))).message).toContain('found an empty file');
    expect(scenarioError(() => loadScenario(join(dir, 'blank.yaml'))).message).toContain('found an empty file');
    expect(scenarioError(() => loadScenario(join(dir, 'bin.yaml'))).message).toContain('found binary data');
    const missing = scenarioError(() => loadScenario(join(dir, 'nope.yaml')));
    expect(missing.problems).toEqual([{ file: join(dir, 'nope.yaml'), path: '', expected: 'a scenario file (YAML or JSON) at this path', found: 'no such file' }]);
    expect(scenarioError(() => loadScenario(dir)).message).toContain('found a directory');
  });

  it('refuses a file over 10 MB without parsing it', () => {
    const dir = tempFiles({ 'big.yaml': 'name: big\n# ' + 'x'.repeat(10 * 1024 * 1024) + '\n' });
    const err = scenarioError(() => loadScenario(join(dir, 'big.yaml')));
    expect(err.message).toContain('of at most 10 MB, found 10.0 MB');
  });

  it('keeps the path as given in messages and in the identity', () => {
    const err = scenarioError(() => loadScenario('test/fixtures/bad-scenarios/wrong-type.yaml'));
    expect(err.message.startsWith('test/fixtures/bad-scenarios/wrong-type.yaml:6:14:')).toBe(true);
  });

  it('cuts a very long list of problems in the message but keeps them all', () => {
    const rows = Array.from({ length: 80 }, (_, i) => `s${i},only,many,false,1`).join('\n');
    const dir = tempFiles({
      'list.csv': 'id,region,population,connected,backboneKm\n' + rows + '\n',
      's.yaml': `name: s\nextends: ${fixture('scenarios/unlimited-all-year.yaml')}\nsettlementsFile: list.csv\n`,
    });
    const err = scenarioError(() => loadScenario(join(dir, 's.yaml')));
    expect(err.problems).toHaveLength(80);
    expect(err.message.split('\n')).toHaveLength(51);
    expect(err.message).toContain('(and 30 more problems)');
  });
});

describe('the horizon limit', () => {
  /** The fixture's scenario moved to `start`..`horizon` (its targets' deadlines moved to the start's year + 1). */
  const scenario = (start: string, horizon: string) => {
    const dir = tempFiles({
      's.yaml': [`name: s`, `extends: ${fixture('scenarios/unlimited-all-year.yaml')}`, `start: ${start}`, `horizon: ${horizon}`,
        'targets:', `  - { id: half-by-february, deadline: ${Number(start.slice(0, 4)) + 1}-06-01 }`, `  - { id: all-by-april, deadline: ${Number(start.slice(0, 4)) + 1}-06-01 }`, ''].join('\n'),
    });
    return () => loadScenario(join(dir, 's.yaml'));
  };

  it('is 50 years after start to the day, not to the year', () => {
    expect(() => scenario('2025-10-21', '2075-10-21')()).not.toThrow();
    const err = scenarioError(scenario('2025-10-21', '2075-10-22'));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ path: 'horizon', found: "'2075-10-22'" });
    expect(err.problems[0].expected).toContain('at most 50 years after start (2025-10-21), so no later than 2075-10-21');
  });

  it('ends a start on 29 February on 28 February (50 years after a leap year is never one)', () => {
    expect(() => scenario('2024-02-29', '2074-02-28')()).not.toThrow();
    expect(scenarioError(scenario('2024-02-29', '2074-03-01')).problems[0]).toMatchObject({ path: 'horizon', found: "'2074-03-01'" });
  });
});

describe('a file that is no scenario', () => {
  /** Markdown: YAML reads it line by line, failing on many (a table, prose with colons). */
  const markdown = Array.from({ length: 6 }, (_, i) => `## Part ${i}\n\nThe plan: build it, then: test it.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`).join('\n');

  it("names one of the project's CSVs, and where it goes, in one problem instead of its syntax errors", () => {
    const status = scenarioError(() => loadScenario(shipped('kazakhstan-status-2025-12-31.csv')));
    expect(status.problems).toHaveLength(1);
    expect(status.problems[0]).toMatchObject({ path: '', expected: 'a scenario file (YAML or JSON)' });
    expect(status.problems[0].found).toMatch(/^a status CSV .*, not a scenario: name it in a scenario's 'status:' field$/);
    const observed = scenarioError(() => loadScenario(shipped('kazakhstan-observed.csv')));
    expect(observed.problems).toHaveLength(1);
    expect(observed.problems[0].found).toMatch(/^an observations CSV \(date,region,metric,value\), not a scenario: give it to a run: 'rollout run SCENARIO --observed FILE'/);
  });

  it('says just "a CSV file" of any other CSV, quoting none of it', () => {
    const dir = tempFiles({ 'keys.csv': '# keys\nuser,password\nroot,"hunter2: x"\n' });
    const err = scenarioError(() => loadScenario(join(dir, 'keys.csv')));
    expect(err.problems).toEqual([{ file: join(dir, 'keys.csv'), path: '', expected: 'a scenario file (YAML or JSON)', found: 'a CSV file' }]);
  });

  it('shows the first 3 syntax errors of other text under one line saying it does not read as YAML or JSON', () => {
    const dir = tempFiles({ 'notes.md': markdown });
    const err = scenarioError(() => loadScenario(join(dir, 'notes.md')));
    expect(err.problems).toHaveLength(4);
    expect(err.problems[0]).toMatchObject({ path: '', expected: 'a scenario file (YAML or JSON)' });
    expect(err.problems[0].line).toBeUndefined();
    expect(err.problems[0].found).toMatch(/^text that does not read as YAML or JSON \(\d+ syntax errors, the first 3 below\): is it a scenario\?$/);
    expect(err.problems.slice(1).every((p) => p.expected === 'valid YAML or JSON' && p.line !== undefined)).toBe(true);
  });

  it('keeps every syntax error of a file named as a scenario (there they are typos to fix)', () => {
    const dir = tempFiles({ 'notes.yaml': markdown, 'notes.md': markdown });
    const all = scenarioError(() => loadScenario(join(dir, 'notes.yaml'))).problems;
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((p) => p.expected === 'valid YAML or JSON')).toBe(true);
    const md = scenarioError(() => loadScenario(join(dir, 'notes.md'))).problems;
    expect(md[0].found).toContain(`(${all.length} syntax errors,`);
    expect(md.slice(1).map((p) => [p.line, p.column, p.found])).toEqual(all.slice(0, 3).map((p) => [p.line, p.column, p.found]));
  });
});
