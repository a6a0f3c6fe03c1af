import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { mergeInto, Provenance } from '../../src/scenario/merge.js';
import { fixture, scenarioError, tempFiles } from './helpers.js';
import { join } from 'node:path';

describe('extends', () => {
  it('merges lists of items with an id by id, appends new ids, deep-merges mappings, replaces scalars', () => {
    const { input, identity } = loadScenario(fixture('scenarios/extends/options/more-crews.yaml'));
    expect(identity.name).toBe('extends-more-crews');
    expect(input.regions.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    const b = input.regions[1];
    expect(b.name).toBe('Region B'); // kept from the parent
    expect(b.settlements).toBe(20);
    expect(b.crews).toEqual({ fibre: 6, mast: 0, satellite: 0 }); // merged from the child
    expect(input.regions[0].crews).toEqual({ fibre: 2, mast: 0, satellite: 1 });
    expect(input.regions[2]).toMatchObject({ id: 'c', name: 'Region C', settlements: 4, connected: 0 });
    expect(input.targets.map((t) => t.id)).toEqual(['all', 'half']);
    expect(input.fibre.kmPerDay.buried).toEqual({ dist: 'fixed', value: 5 });
    expect(input.fibre.costPerKm.buried).toEqual({ dist: 'fixed', value: 3.5 }); // inherited
    expect(input.crewChanges).toHaveLength(1); // inherited
    // No file in the chain states its currency: the default is neutral, not a country's.
    expect(input.currency).toBe('currency units');
  });

  it('follows a chain of three files; plain lists replace and an empty list clears', () => {
    const { input, resolved } = loadScenario(fixture('scenarios/extends/options/grandchild.yaml'));
    expect(input.name).toBe('extends-grandchild');
    expect(input.coverageTechnologies).toEqual(['fibre', 'satellite']);
    expect(input.crewChanges).toEqual([]);
    expect(input.targets[0]).toEqual({ id: 'all', label: 'All on fibre by end 2027', metric: 'fibre-share', threshold: 0.95, deadline: '2027-12-31' });
    expect(input.regions.map((r) => [r.id, r.crews.fibre])).toEqual([['a', 2], ['b', 6], ['c', 1]]);
    expect(resolved).not.toHaveProperty('extends');
    expect((resolved as { name: string }).name).toBe('extends-grandchild');
  });

  it('takes a parent\'s target or risk out with { id, drop: true }, and names a drop it cannot apply', () => {
    const parent = [
      'name: parent', 'start: 2026-01-01', 'horizon: 2027-12-31',
      'targets:',
      '  - { id: early, label: Half by end 2026, metric: fibre-share, threshold: 0.5, deadline: 2026-12-31 }',
      '  - { id: late, label: All by end 2027, metric: fibre-share, threshold: 1, deadline: 2027-12-31 }',
      'risks:',
      '  - { id: winter, label: Harsh winter, probability: 0.2, per: year, impact: { type: harsh-winter, extraDays: 30 } }',
      'regions:', '  - { id: a, name: A, settlements: 4, connected: 0, crews: { fibre: 1 } }',
      'settlementDefaults: { population: 100, backboneKm: 5 }', 'fibre: { kmPerDay: 1 }', '',
    ].join('\n');
    const dir = tempFiles({
      'parent.yaml': parent,
      // The target dropped is not the last: the one after it keeps its place in the notes and errors.
      'child.yaml': 'name: child\nextends: parent.yaml\ntargets:\n  - { id: early, drop: true }\n  - { id: late, threshold: 0.9 }\nrisks: [{ id: winter, drop: true }]\n',
      'typo.yaml': 'name: typo\nextends: parent.yaml\ntargets:\n  - { id: erly, drop: true }\n',
      'more.yaml': 'name: more\nextends: parent.yaml\ntargets:\n  - { id: early, drop: true, threshold: 0.4 }\n',
      'late-bad.yaml': 'name: late-bad\nextends: parent.yaml\ntargets:\n  - { id: early, drop: true }\n  - { id: late, deadline: 2025-12-31 }\n',
    });
    const { input, resolved } = loadScenario(join(dir, 'child.yaml'));
    expect(input.targets.map((t) => [t.id, t.threshold])).toEqual([['late', 0.9]]);
    expect(input.risks ?? []).toEqual([]);
    expect(JSON.stringify(resolved)).not.toContain('drop');
    const typo = scenarioError(() => loadScenario(join(dir, 'typo.yaml')));
    expect(typo.problems).toHaveLength(1);
    expect(typo.problems[0]).toMatchObject({ path: 'targets[0].drop', line: 4, expected: 'the id of a target of the file it extends (early, late)', found: "'erly', which none has" });
    expect(typo.problems[0].file).toMatch(/typo\.yaml$/);
    const more = scenarioError(() => loadScenario(join(dir, 'more.yaml')));
    expect(more.problems[0]).toMatchObject({ path: 'targets[0].drop', found: 'also threshold' });
    // After a drop, a problem in the next target still points at its own line in the child.
    const lateBad = scenarioError(() => loadScenario(join(dir, 'late-bad.yaml')));
    expect(lateBad.problems.some((p) => p.path.startsWith('targets[1]') && p.line === 5 && /late-bad\.yaml$/.test(p.file))).toBe(true);
    // A target's reading is taken out the same way.
    const readings = tempFiles({
      'parent.yaml': parent.replace('deadline: 2027-12-31 }', 'deadline: 2027-12-31, alternatives: [{ id: most, label: 90 % is enough, threshold: 0.9 }, { id: soon, label: By mid 2027, deadline: 2027-06-30 }] }'),
      'child.yaml': 'name: child\nextends: parent.yaml\ntargets:\n  - { id: late, alternatives: [{ id: soon, drop: true }] }\n',
      'typo.yaml': 'name: typo\nextends: parent.yaml\ntargets:\n  - { id: late, alternatives: [{ id: son, drop: true }] }\n',
    });
    expect(loadScenario(join(readings, 'child.yaml')).input.targets[1].alternatives?.map((a) => a.id)).toEqual(['most']);
    expect(scenarioError(() => loadScenario(join(readings, 'typo.yaml'))).problems[0]).toMatchObject({ path: 'targets[0].alternatives[0].drop', expected: 'the id of a reading of the file it extends (most, soon)' });
  });

  it('names the whole chain of a circular extends', () => {
    const dir = tempFiles({
      'one.yaml': 'name: one\nextends: two.yaml\n',
      'two.yaml': 'name: two\nextends: three.yaml\n',
      'three.yaml': 'name: three\nextends: one.yaml\n',
    });
    const err = scenarioError(() => loadScenario(join(dir, 'one.yaml')));
    expect(err.problems).toHaveLength(1);
    expect(err.message).toContain('circular chain');
    expect(err.message).toMatch(/one\.yaml -> .*two\.yaml -> .*three\.yaml -> .*one\.yaml/);
    expect(err.problems[0]).toMatchObject({ path: 'extends', line: 2, column: 10 });
    expect(err.problems[0].file).toMatch(/three\.yaml$/);
  });

  it('names the parent file for a mistake inside the parent', () => {
    const err = scenarioError(() => loadScenario(fixture('bad-scenarios/child-of-broken-parent.yaml')));
    expect(err.problems[0].file).toMatch(/broken-parent\.yaml$/);
    expect(err.problems[0].file).not.toMatch(/child-of/);
    expect(err.problems[0].line).toBe(4);
  });

  it('names the child file and the line of `extends` for a missing parent', () => {
    const err = scenarioError(() => loadScenario(fixture('bad-scenarios/missing-parent.yaml')));
    expect(err.problems[0]).toMatchObject({ path: 'extends', line: 3 });
    expect(err.problems[0].file).toMatch(/missing-parent\.yaml$/);
    expect(err.message).toContain('unlimited-all-yaer.yaml');
  });

  it("names the child's `extends` line for a parent that is no scenario file (a CSV, a mapping of other keys)", () => {
    const dir = tempFiles({
      'settlements.csv': 'id,region,population\na,r,100\nb,r,200\n',
      'other.yaml': 'user: x\npassword: y\n',
      'a.yaml': 'name: a\nextends: settlements.csv\n',
      'b.yaml': 'name: b\nextends: other.yaml\n',
    });
    for (const [file, found] of [['a.yaml', /found a file that does not read as YAML or JSON \(.*settlements\.csv\)/], ['b.yaml', /found a mapping with none of a scenario's keys \(.*other\.yaml\)/]] as const) {
      const err = scenarioError(() => loadScenario(join(dir, file)));
      expect(err.problems).toHaveLength(1);
      expect(err.problems[0]).toMatchObject({ path: 'extends', line: 2 });
      expect(err.problems[0].file).toMatch(new RegExp(`${file}$`));
      expect(err.message).toMatch(found);
      expect(err.message).not.toContain('password'); // nothing of the other file is quoted
    }
  });

  it('locates a completeness problem of the merged scenario in the file that wrote the incomplete part', () => {
    const dir = tempFiles({
      'parent.yaml': 'name: parent\nstart: 2026-01-01\nhorizon: 2026-12-31\ntargets: []\nregions:\n  - { id: a, name: A, settlements: 1, connected: 0 }\nsettlementDefaults: { population: 1, backboneKm: 1 }\nfibre: { kmPerDay: 1 }\n',
      'child.yaml': 'name: child\nextends: parent.yaml\nregions:\n  - id: a\n    crews: { fibre: 1 }\n  - id: b\n    name: B\n',
    });
    const err = scenarioError(() => loadScenario(join(dir, 'child.yaml')));
    expect(err.problems.map((p) => [p.path, p.line])).toEqual([['regions[1].settlements', 6], ['regions[1].connected', 6]]);
    expect(err.problems[0].file).toMatch(/child\.yaml$/);
  });

  it('resolves a settlementsFile against the file that names it', () => {
    const { input } = loadScenario(fixture('scenarios/baseline-with-sample-settlements.yaml'));
    expect(input.settlements).toHaveLength(8);
    expect(input.regions).toHaveLength(17);
    expect(input.regions.find((r) => r.id === 'akmola')).toMatchObject({ settlements: 3, connected: 1 });
    expect(input.regions.find((r) => r.id === 'abai')).toMatchObject({ settlements: 0, connected: 0 });
  });
});

describe('mergeInto', () => {
  it('records where each merged part came from', () => {
    const prov = new Provenance<string>();
    prov.set([], { file: 'parent', path: [] });
    const merged = mergeInto(
      { regions: [{ id: 'a', n: 1 }, { id: 'b', n: 2, k: 0 }], list: [1, 2], m: { x: 1, y: 2 } },
      { regions: [{ id: 'b', n: 3 }, { id: 'c', n: 4 }], list: [9], m: { y: 5 } },
      'child', prov,
    );
    expect(merged).toEqual({ regions: [{ id: 'a', n: 1 }, { id: 'b', n: 3, k: 0 }, { id: 'c', n: 4 }], list: [9], m: { x: 1, y: 5 } });
    expect(prov.lookup(['regions', 0, 'n'])).toEqual({ file: 'parent', path: ['regions', 0, 'n'] });
    expect(prov.lookup(['regions', 1, 'n'])).toEqual({ file: 'child', path: ['regions', 0, 'n'] });
    expect(prov.lookup(['regions', 1, 'k'])).toEqual({ file: 'parent', path: ['regions', 1, 'k'] });
    expect(prov.lookup(['regions', 2, 'n'])).toEqual({ file: 'child', path: ['regions', 1, 'n'] });
    expect(prov.lookup(['list', 0])).toEqual({ file: 'child', path: ['list', 0] });
    expect(prov.lookup(['m', 'x'])).toEqual({ file: 'parent', path: ['m', 'x'] });
  });

  it('does not merge by id when the child list is empty or an item has no id', () => {
    const prov = new Provenance<string>();
    expect(mergeInto({ l: [{ id: 'a' }] }, { l: [] }, 'c', prov)).toEqual({ l: [] });
    expect(mergeInto({ l: [{ id: 'a' }] }, { l: [{ x: 1 }] }, 'c', prov)).toEqual({ l: [{ x: 1 }] });
  });

  it('does not alias the child data into the result', () => {
    const child = { m: { deep: [1] } };
    const merged = mergeInto({}, child, 'c', new Provenance<string>()) as { m: { deep: number[] } };
    merged.m.deep.push(2);
    expect(child.m.deep).toEqual([1]);
  });
});
