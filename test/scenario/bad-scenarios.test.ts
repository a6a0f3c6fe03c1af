import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { fixture, scenarioError } from './helpers.js';

/**
 * test/fixtures/bad-scenarios/expected.json maps each bad file to the substring(s) its
 * ScenarioError message must contain. Adding a bad case = adding a file and a line there.
 */
const dir = fixture('bad-scenarios');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string | string[]>;
const cases = Object.entries(expected).filter(([k]) => k !== '$comment');

describe('bad scenarios', () => {
  it('lists every scenario file of the folder in expected.json', () => {
    const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'expected.json');
    expect(files.filter((f) => !(f in expected))).toEqual([]);
  });

  it('names an unknown region of a target or a reading once, not again as a region with no settlement', () => {
    for (const file of ['unknown-target-region.yaml', 'reading-unknown-region.yaml']) {
      expect(scenarioError(() => loadScenario(join(dir, file))).problems, file).toHaveLength(1);
    }
  });

  it.each(cases)('%s gives a ScenarioError naming the problem', (file, want) => {
    const err = scenarioError(() => loadScenario(join(dir, file)));
    for (const s of Array.isArray(want) ? want : [want]) expect(err.message).toContain(s);
    for (const p of err.problems) {
      expect(p.file).not.toBe('');
      expect(p.expected).not.toBe('');
      expect(p.found).not.toBe('');
    }
  });
});
