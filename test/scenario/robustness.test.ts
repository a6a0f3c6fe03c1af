import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from '../../src/scenario/index.js';
import { fixture, tempFiles } from './helpers.js';

/** Whatever the file holds, loadScenario either loads it or throws a ScenarioError — never anything else. */
function loadsOrScenarioError(path: string): boolean {
  try {
    loadScenario(path);
    return true;
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.length > 0 && e.message.length > 0;
    throw e;
  }
}

describe('loadScenario on damaged input', () => {
  const dir = tempFiles({});
  const good = readFileSync(fixture('scenarios/fixed-schedule.yaml'), 'utf8');

  it('never throws anything but ScenarioError for arbitrary bytes', () => {
    const file = join(dir, 'random.yaml');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      writeFileSync(file, bytes);
      return loadsOrScenarioError(file);
    }), { numRuns: 150 });
  });

  it('never throws anything but ScenarioError for a valid scenario with a slice cut out or text pasted in', () => {
    const file = join(dir, 'mutated.yaml');
    const edit = fc.record({ at: fc.nat(good.length), cut: fc.nat(40), paste: fc.string({ maxLength: 12 }) });
    fc.assert(fc.property(edit, ({ at, cut, paste }) => {
      writeFileSync(file, good.slice(0, at) + paste + good.slice(at + cut));
      return loadsOrScenarioError(file);
    }), { numRuns: 300 });
  });

  it('never throws anything but ScenarioError when a value is replaced by another type', () => {
    const file = join(dir, 'retyped.yaml');
    const lines = good.split('\n');
    const valueLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w$-]+: \S/.test(l) && !l.trim().startsWith('#'));
    const replacement = fc.constantFrom('null', '[]', '{}', '-1', '1.5', 'abc', '"2026-13-45"', '[1, 2]', '{ dist: gamma }', 'true');
    fc.assert(fc.property(fc.constantFrom(...valueLines.map(([, i]) => i)), replacement, (i, r) => {
      const copy = [...lines];
      copy[i] = copy[i].replace(/: .*$/, `: ${r}`);
      writeFileSync(file, copy.join('\n'));
      return loadsOrScenarioError(file);
    }), { numRuns: 300 });
    expect(valueLines.length).toBeGreaterThan(10);
  });
});

describe('keys that could reach an object prototype', () => {
  it('refuses a season called __proto__ and leaves Object.prototype alone', () => {
    const dir = tempFiles({
      's.yaml': `name: s\nextends: ${fixture('scenarios/unlimited-all-year.yaml')}\nseasons:\n  __proto__: { buried: [1,1,1,1,1,1,1,1,1,1,1,1], aerial: [1,1,1,1,1,1,1,1,1,1,1,1] }\n`,
    });
    expect(() => loadScenario(join(dir, 's.yaml'))).toThrow(ScenarioError);
    expect(({} as Record<string, unknown>).buried).toBeUndefined();
  });
});
