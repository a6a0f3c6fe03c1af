import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, loadObservations, loadScenario } from '../../src/scenario/index.js';
import { describeFound } from '../../src/scenario/problems.js';
import { scenarioError, tempFiles } from './helpers.js';

describe('describeFound', () => {
  it('says what was written: numbers and booleans as written, text quoted and shortened, mappings and lists by shape', () => {
    expect(describeFound(3.5)).toBe('3.5');
    expect(describeFound(true)).toBe('true');
    expect(describeFound('abc')).toBe("'abc'");
    expect(describeFound('x'.repeat(70))).toBe(`'${'x'.repeat(57)}...'`);
    expect(describeFound([1, 2])).toBe('a list of 2 items');
    expect(describeFound({ a: 1 })).toBe('a mapping with keys a');
    expect(describeFound(undefined)).toBe('nothing');
  });

  it('names a decimal comma, as a Russian or Kazakh spreadsheet writes numbers', () => {
    expect(describeFound('1,5')).toBe("'1,5' (a decimal comma: a number takes a point, 1.5)");
    expect(describeFound('-0,25')).toBe("'-0,25' (a decimal comma: a number takes a point, -0.25)");
    expect(describeFound('1,5,7'), 'not a number with a decimal comma').toBe("'1,5,7'");
  });

  it('in a scenario: the line, the path and the hint', () => {
    const text = readFileSync('test/fixtures/known/three-regions.yaml', 'utf8').replace(/kmPerDay: \d+/, 'kmPerDay: 1,5');
    const dir = tempFiles({ 's.yaml': text });
    const message = formatProblems(scenarioError(() => loadScenario(join(dir, 's.yaml'))).problems);
    expect(message).toMatch(/:\d+:\d+: fibre\.kmPerDay: expected a number.*, found '1,5' \(a decimal comma: a number takes a point, 1\.5\)/);
  });

  it('in an observations file: the cell and the hint', () => {
    const dir = tempFiles({ 'seen.csv': 'date,region,metric,value\n2026-06-30,,fibre-share,"0,55"\n' });
    const baseline = loadScenario('scenarios/kazakhstan-baseline.yaml').input;
    const message = formatProblems(scenarioError(() => loadObservations(join(dir, 'seen.csv'), baseline, 'seen.csv')).problems);
    expect(message).toBe("seen.csv:2:4: row 2, column value: expected a plain decimal number >= 0 (digits and an optional decimal point: no sign, exponent or thousands separator), found '0,55' (a decimal comma: a number takes a point, 0.55)");
  });
});
