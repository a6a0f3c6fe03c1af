import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { canonicalJson, loadScenario, sha256Hex } from '../../src/scenario/index.js';
import { fixture, shipped, tempFiles } from './helpers.js';

describe('scenario identity (sha256)', () => {
  const baselineText = readFileSync(shipped('kazakhstan-baseline.yaml'), 'utf8');

  it('is the sha256 of the canonical JSON of the resolved input', () => {
    const s = loadScenario(shipped('kazakhstan-baseline.yaml'));
    expect(s.identity.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.identity.sha256).toBe(sha256Hex(canonicalJson(s.input)));
    // An absolute path as given is named relative to the current directory (the repository here): outputs carry no machine path.
    expect(s.identity.file).toBe('scenarios/kazakhstan-baseline.yaml');
  });

  it('is stable: same file, a copy elsewhere, other comments, JSON instead of YAML', () => {
    const a = loadScenario(shipped('kazakhstan-baseline.yaml')).identity.sha256;
    expect(loadScenario(shipped('kazakhstan-baseline.yaml')).identity.sha256).toBe(a);
    const dir = tempFiles({
      'copy.yaml': baselineText,
      'recommented.yaml': baselineText.replace(/#.*$/gm, '# another comment'),
      'as.json': JSON.stringify(parse(baselineText), null, 2),
    });
    for (const f of ['copy.yaml', 'recommented.yaml', 'as.json']) expect(loadScenario(join(dir, f)).identity.sha256).toBe(a);
  });

  it('changes when any value changes', () => {
    const a = loadScenario(shipped('kazakhstan-baseline.yaml')).identity.sha256;
    const dir = tempFiles({
      'crews.yaml': baselineText.replace('crews: { fibre: 2, satellite: 1, mast: 4, household: 2 }', 'crews: { fibre: 3, satellite: 1, mast: 4, household: 2 }'),
      'median.yaml': baselineText.replace('median: 20, sigma: 0.7', 'median: 21, sigma: 0.7'),
    });
    expect(baselineText).toContain('crews: { fibre: 2, satellite: 1, mast: 4, household: 2 }');
    const b = loadScenario(join(dir, 'crews.yaml')).identity.sha256;
    const c = loadScenario(join(dir, 'median.yaml')).identity.sha256;
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('does not change when a default is written out explicitly', () => {
    const a = loadScenario(fixture('scenarios/unlimited-all-year.yaml')).identity.sha256;
    const text = readFileSync(fixture('scenarios/unlimited-all-year.yaml'), 'utf8');
    const dir = tempFiles({ 'explicit.yaml': text.replace('fibre:\n  kmPerDay: 2', 'reportEveryDays: 7\nordering: population-desc\nfibre:\n  kmPerDay: { buried: 2, aerial: 2 }\n  design: 0') });
    expect(loadScenario(join(dir, 'explicit.yaml')).identity.sha256).toBe(a);
  });

  it('changes when a listed settlement changes', () => {
    const dir = tempFiles({});
    for (const f of ['listed-settlements.yaml', 'listed-settlements.csv']) writeFileSync(join(dir, f), readFileSync(fixture(`scenarios/${f}`)));
    const a = loadScenario(join(dir, 'listed-settlements.yaml')).identity.sha256;
    const csv = readFileSync(join(dir, 'listed-settlements.csv'), 'utf8');
    writeFileSync(join(dir, 'listed-settlements.csv'), csv.replace('e-1,east,700', 'e-1,east,701'));
    expect(loadScenario(join(dir, 'listed-settlements.yaml')).identity.sha256).not.toBe(a);
  });

  it('canonicalJson sorts keys at every level and keeps list order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
});
