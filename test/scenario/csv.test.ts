import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/scenario/csv.js';
import { loadScenario } from '../../src/scenario/index.js';
import { fixture } from './helpers.js';

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

  it('names row and column for a bad cell', () => {
    expect(() => loadScenario(fixture('bad-scenarios/csv-bad-number.yaml'))).toThrow(/csv-bad-number\.csv:3:3: row 3, column population: expected a whole number >= 0 written in decimal digits, found 'abc'/);
  });
});
